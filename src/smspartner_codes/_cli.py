"""The ``smspartner-codes`` command (also ``python -m smspartner_codes``): what an SMSPartner code means.

Exit status: 0 when something was found, 1 when nothing was, 2 for a usage error.
Only the modules a subcommand needs are imported: ``explain TABLE CODE`` loads one table.
"""

import argparse
import os
import sys

from smspartner_codes import TABLE_IDS, _is_table_id, lookup
from smspartner_codes._data import CATALOG_LANGUAGES as LANGUAGES
from smspartner_codes._translations import supported_language

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    from smspartner_codes import IntCodeEnum, StrCodeEnum, TableId

    Member: TypeAlias = IntCodeEnum | StrCodeEnum

PROGRAM = "smspartner-codes"
WIDTH = 79  # readable in an 80-column terminal
INDENT = "    "

FOUND, NOT_FOUND, USAGE_ERROR = 0, 1, 2


def default_language() -> str:
    """The language of the environment's locale (LC_ALL, LC_MESSAGES, LANG), when it is one of ours; else French."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return supported_language(value)
    return "fr"


class _HelpFormatter(argparse.HelpFormatter):
    """Help at a fixed width: argparse otherwise imports shutil to ask the terminal, at every add_argument."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=WIDTH)


def _add_options(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """--lang and --json, accepted before or after the subcommand.

    Added to each parser rather than inherited from a parent parser: every
    ArgumentParser costs start-up time (argparse asks gettext for its labels).
    """
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of the texts (default: from the locale, else fr)",
    )
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON for scripts")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="What the codes of the SMSPartner API mean, in French or English.",
        epilog="Exit status: 0 found, 1 not found, 2 usage error.",
        formatter_class=_HelpFormatter,
    )
    _add_options(parser)
    # Given prog, argparse skips building a help formatter to compute it.
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", prog=PROGRAM)

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return _add_options(commands.add_parser(name, formatter_class=_HelpFormatter, help=summary))

    explain = command("explain", "explain a code, in one table or in every table")
    explain.add_argument("table", nargs="?", metavar="TABLE", help="a table id; without it, every table with CODE")
    explain.add_argument("code", metavar="CODE", help="a code (14, DELIVRD) or a member name")
    command("search", "find codes by words of their names or texts").add_argument(
        "text", nargs="+", metavar="TEXT", help="words to find; case and accents are ignored"
    )
    command("list", "list the codes of a table, or of every table").add_argument("table", nargs="?", metavar="TABLE")
    command("tables", "list the tables")
    return parser


def main(argv: "Sequence[str] | None" = None) -> int:
    try:
        return _run(argv)
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as other filters do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return NOT_FOUND


def _run(argv: "Sequence[str] | None") -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang: str = getattr(args, "lang", None) or default_language()
    as_json: bool = getattr(args, "json", False)
    if args.command == "tables":
        return _print_tables(lang, as_json)
    table_argument: str | None = getattr(args, "table", None)
    table: TableId | None = None
    if table_argument is not None:
        if not _is_table_id(table_argument):
            parser.error(_unknown_table(table_argument))
        table = table_argument
    if args.command == "explain" and table is None and args.code in TABLE_IDS:
        parser.error(f"explain {args.code} needs a CODE too")
    if args.command == "explain":
        members = _explain(table, args.code)
        missing = f"no code {args.code!r} in {table or 'any table'}"
    elif args.command == "search":
        from smspartner_codes._search import search

        members = search(" ".join(args.text))
        missing = f"nothing matches {' '.join(args.text)!r}"
    else:
        members = _list(table)
        missing = "no codes"
    return _print_members(members, lang, as_json, missing)


def _unknown_table(table: str) -> str:
    from difflib import get_close_matches

    close = get_close_matches(table, TABLE_IDS, n=1)
    suggestion = f"; did you mean {close[0]}?" if close else ""
    return f"unknown table {table!r}{suggestion} ({PROGRAM} tables lists them)"


def _explain(table: "TableId | None", code: str) -> "list[Member]":
    if table is None:
        from smspartner_codes._search import find_code

        return find_code(code)
    member = lookup(table, int(code) if code.isascii() and code.isdigit() else code)
    if member is None:
        member = _by_name_or_folded_code(table, code)
    return [member] if member is not None else []


def _by_name_or_folded_code(table: "TableId", text: str) -> "Member | None":
    """``explain sms_send NUMBER_IN_STOP_LIST`` and ``explain dlr_status delivrd`` find their member too."""
    import smspartner_codes

    folded = text.casefold()
    for member in smspartner_codes.TABLES[table]:
        if folded in (member.name.casefold(), str(member.code).casefold()):
            return member
    return None


def _list(table: "TableId | None") -> "list[Member]":
    import smspartner_codes

    return [member for table_id in ([table] if table else TABLE_IDS) for member in smspartner_codes.TABLES[table_id]]


def _print_members(members: "list[Member]", lang: str, as_json: bool, missing: str) -> int:
    if as_json:
        _print_json([_member_json(member) for member in members])
    elif members:
        print("\n\n".join("\n".join(_describe(member, lang)) for member in members))
    if not members:
        print(f"{PROGRAM}: {missing}", file=sys.stderr)
        return NOT_FOUND
    return FOUND


def _wrap(text: str, first: str = INDENT) -> str:
    if len(first) + len(text) <= WIDTH:
        return first + text  # most texts fit: textwrap is not even imported
    import textwrap

    return textwrap.fill(
        text, width=WIDTH, initial_indent=first, subsequent_indent=" " * len(first), break_on_hyphens=False
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _describe(member: "Member", lang: str) -> "list[str]":
    """A member as lines of at most WIDTH columns: heading, text, then the guidance the catalog has."""
    lines = [_wrap(f"{member.table} {member.code}: {member.name}", first=""), _wrap(member.message_in(lang))]
    group = getattr(member, "group", None)
    if group is not None:
        lines.append(_wrap(f"group {group.id} {group.name}: {group.description_in(lang)}"))
    flags = [
        f"{label}: {_yes(value)}"
        for label, value in (
            ("final", getattr(member, "is_final", None)),
            ("success", getattr(member, "is_success", None)),
            ("permanent", getattr(member, "permanent", None)),
        )
        if isinstance(value, bool)
    ]
    if flags:
        lines.append(_wrap(", ".join(flags)))
    if member.hint:
        lines.append(_wrap(f"hint: {member.hint}"))
    lines += [_wrap(f"also named {alias.name}: {alias.message_in(lang)}") for alias in member.aliases]
    return lines


def _member_json(member: "Member") -> "dict[str, object]":
    document: dict[str, object] = {
        "table": member.table,
        "code": member.code,
        "name": member.name,
        "message": {lang: member.message_in(lang) for lang in LANGUAGES},
        "hint": member.hint,
    }
    group = getattr(member, "group", None)
    if group is not None:
        document["group"] = {"id": group.id, "name": group.name}
    for flag in ("is_final", "is_success", "permanent"):
        if hasattr(member, flag):
            document[flag.removeprefix("is_")] = getattr(member, flag)
    if member.aliases:
        document["aliases"] = [
            {"name": alias.name, "message": {lang: alias.message_in(lang) for lang in LANGUAGES}}
            for alias in member.aliases
        ]
    return document


def _print_tables(lang: str, as_json: bool) -> int:
    import smspartner_codes

    classes = smspartner_codes.TABLES
    if as_json:
        _print_json(
            [
                {
                    "id": table_id,
                    "enum": classes[table_id].__name__,
                    "title": {language: classes[table_id].table_title(language) for language in LANGUAGES},
                    "codes": len(classes[table_id]),
                }
                for table_id in TABLE_IDS
            ]
        )
        return FOUND
    width = max(map(len, TABLE_IDS))
    for table_id in TABLE_IDS:
        heading = f"{table_id:<{width}}  {len(classes[table_id]):>3} codes  "
        print(_wrap(classes[table_id].table_title(lang), first=heading))
    return FOUND


def _print_json(document: object) -> None:
    import json

    print(json.dumps(document, ensure_ascii=False, indent=2))
