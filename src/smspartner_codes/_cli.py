"""The ``smspartner-codes`` command (also ``python -m smspartner_codes``): what an SMSPartner code means.

Exit status: 0 when something was found, 1 when nothing was, 2 for a usage error or output that
could not be written (141, quietly, when the reader of a pipe stopped early, as after ``| head``).
Only the modules a subcommand needs are imported: ``explain TABLE CODE`` loads one table.
"""

import argparse
import io
import os
import sys

from smspartner_codes import TABLE_IDS, lookup
from smspartner_codes._data import CATALOG_LANGUAGES as LANGUAGES
from smspartner_codes._data import CATALOG_VERSION
from smspartner_codes._output import GuardedOutput as _GuardedOutput
from smspartner_codes._output import OutputLost as _OutputLost
from smspartner_codes._output import ReaderGone as _ReaderGone
from smspartner_codes._output import discard as _discard
from smspartner_codes._tables import MAX_CODE_DIGITS, is_table_id, short_repr
from smspartner_codes._translations import language_code, supported_language

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn, TypeAlias

    from smspartner_codes import IntCodeEnum, StrCodeEnum, TableId
    from smspartner_codes._endpoints import Endpoint
    from smspartner_codes._errors import SmsPartnerError

    Member: TypeAlias = IntCodeEnum | StrCodeEnum

PROGRAM = "smspartner-codes"
WIDTH = 79  # readable in an 80-column terminal
INDENT = "    "

FOUND, NOT_FOUND, USAGE_ERROR = 0, 1, 2
OUTPUT_LOST = USAGE_ERROR  # standard output cannot take what the command prints
READER_GONE = 128 + 13  # what a shell reports for a program killed by SIGPIPE, as after `| head`
ENCODING_ADVICE = "set PYTHONIOENCODING=utf-8, use a UTF-8 locale such as C.UTF-8, or ask for --json"


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
        type=_language_option,
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of the texts, in any case or as a locale name (en_GB) (default: from the locale, else fr)",
    )
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON for scripts")
    return parser


def _language_option(value: str) -> str:
    """``--lang``: ``EN``, ``en-GB`` and ``en_GB.UTF-8`` are English; argparse then checks the result is ours."""
    return language_code(value) or value


class _Parser(argparse.ArgumentParser):
    """argparse, quoting at most the start of a huge argument in its messages (an unknown 10 MB command)."""

    def error(self, message: str) -> "NoReturn":
        import re

        message = re.sub(r"'([^'\n]{200,})'", lambda quoted: short_repr(quoted.group(1)), message)
        message = re.sub(r"\S{200,}", lambda run: f"{run.group()[:60]}... ({len(run.group())} characters)", message)
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROGRAM,
        description="What the codes of the SMSPartner API mean, in French or English.",
        epilog="Exit status: 0 found, 1 not found, 2 usage error or output lost, 141 reader of a pipe gone.",
        formatter_class=_HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROGRAM} {CATALOG_VERSION}")
    _add_options(parser)
    # Given prog, argparse skips building a help formatter to compute it.
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", prog=PROGRAM, parser_class=_Parser
    )

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        return _add_options(commands.add_parser(name, formatter_class=_HelpFormatter, help=summary))

    explain = command("explain", "explain a code (in one table, an endpoint's tables or every table), or an answer")
    explain.add_argument("table", nargs="?", metavar="TABLE", help="a table id; without it, every table with CODE")
    explain.add_argument("code", nargs="?", metavar="CODE", help="a code (14, DELIVRD) or a member name")
    explain.add_argument(
        "--endpoint",
        metavar="URL",
        help="the URL the request went to (never printed: it holds your API key) or an endpoint id (sms.send):"
        " CODE is read with that endpoint's tables, as its answers are",
    )
    explain.add_argument(
        "--body",
        metavar="FILE",
        help="a whole answer, JSON or XML, from FILE (- for standard input): prints each error it reports",
    )
    command("search", "find codes by words of their names or texts").add_argument(
        "text", nargs="+", metavar="TEXT", help="words to find; case and accents are ignored"
    )
    command("list", "list the codes of a table, or of every table").add_argument("table", nargs="?", metavar="TABLE")
    command("tables", "list the tables (a long title is cut to fit 80 columns; --json gives it whole)")
    return parser


def main(argv: "Sequence[str] | None" = None) -> int:
    """Run the command; return its exit status.

    Standard output that cannot take what the command prints is an error with a short
    message (exit 2), never a traceback nor exit 0: a closed stdout, an encoding that lacks
    a character of the texts, a full disk. A reader that stops early (``| head -c1``) ends
    the command quietly, with the status of a program killed by SIGPIPE (141).
    """
    if sys.stdout is None:  # started with stdout closed (>&-): everything printed would be lost
        _error("standard output is closed; redirect it to /dev/null to discard the output.")
        return OUTPUT_LOST
    _utf8_in_the_c_locale()
    real_stdout = sys.stdout
    sys.stdout = guarded = _GuardedOutput(real_stdout, ENCODING_ADVICE)
    try:
        try:
            status = _run(_as_typed(sys.argv[1:] if argv is None else argv))
        except SystemExit:  # --help, --version or a usage error: what argparse printed must get out too
            guarded.flush()
            raise
        guarded.flush()
        return status
    except _ReaderGone:
        _discard(real_stdout)
        return READER_GONE
    except _OutputLost as lost:
        _discard(real_stdout)
        _error(f"cannot write the output: {lost}")
        return OUTPUT_LOST
    finally:
        sys.stdout = real_stdout


def _error(message: str) -> None:
    if sys.stderr is not None:  # print(file=None) would write to stdout
        print(f"{PROGRAM}: error: {message}", file=sys.stderr)


def _utf8_in_the_c_locale() -> None:
    """Write UTF-8 in the C (POSIX) locale, as Python's own UTF-8 mode does there.

    Python without UTF-8 mode gives the C locale ASCII streams (with the surrogateescape
    handler, which tells them apart from an ASCII encoding asked for by PYTHONIOENCODING).
    The catalog's French texts do not fit in ASCII; the C locale is in practice a terminal,
    a log or a pipe that takes UTF-8.
    """
    import codecs

    stdout = sys.stdout
    if (
        isinstance(stdout, io.TextIOWrapper)
        and stdout.errors == "surrogateescape"
        and codecs.lookup(stdout.encoding).name == "ascii"
    ):
        stdout.reconfigure(encoding="utf-8", errors="strict")
        if isinstance(sys.stderr, io.TextIOWrapper) and codecs.lookup(sys.stderr.encoding).name == "ascii":
            sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")


def _as_typed(argv: "Sequence[str]") -> "list[str]":
    """The arguments as typed: bytes the locale's encoding could not decode (``crédit`` in the C locale) are
    read as UTF-8 when they are UTF-8."""
    return [_typed(argument) for argument in argv]


def _typed(argument: str) -> str:
    if argument.isascii():
        return argument
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:  # undecoded bytes, kept by Python as surrogates: the bytes, read as UTF-8
        try:
            return os.fsencode(argument).decode("utf-8")
        except UnicodeError:  # not UTF-8 either: kept as it is (it matches nothing)
            return argument
    return argument


def _run(argv: "Sequence[str] | None") -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    lang: str = getattr(args, "lang", None) or default_language()
    as_json: bool = getattr(args, "json", False)
    if args.command == "tables":
        return _print_tables(lang, as_json)
    table_argument: str | None = getattr(args, "table", None)
    table: TableId | None = None
    if table_argument is not None and not (args.command == "explain" and args.code is None and args.body is None):
        if not is_table_id(table_argument):
            parser.error(_unknown_table(table_argument))
        table = table_argument
    if args.command == "explain":
        code: str | None = args.code
        if code is None and table_argument is not None and args.body is None:  # explain CODE: the one argument
            code, table = table_argument, None
        return _run_explain(
            parser,
            table=table,
            code=code,
            endpoint_argument=args.endpoint,
            body_file=args.body,
            lang=lang,
            as_json=as_json,
        )
    if args.command == "search":
        from smspartner_codes._search import normalize, search

        text = " ".join(args.text)
        if not normalize(text).split():
            parser.error("search needs a word to find: TEXT is empty")
        members = search(text)
        missing = f"nothing matches {short_repr(text)}"
    else:
        members = _list(table)
        missing = "no codes"
    return _print_members(members, lang, as_json, missing)


def _unknown_table(table: str) -> str:
    """The usage error of an unknown table id, with the ids it may stand for."""
    candidates = _tables_like(table)
    suggestion = ""
    if candidates:
        shown = candidates[:_MAX_SUGGESTIONS]
        listed = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
        more = f" ({len(candidates) - len(shown)} more)" if len(candidates) > len(shown) else ""
        suggestion = f"; did you mean {listed}{more}?"
    return f"unknown table {short_repr(table)}{suggestion} ({PROGRAM} tables lists them)"


_MAX_SUGGESTIONS = 4


def _tables_like(text: str) -> "list[str]":
    """Table ids ``text`` may stand for: the closest spelling (``sms_sned``), then ids that have it as the start of
    a word (``hlr`` for hlr_status, hlr_error...), in the catalog's order."""
    if len(text) > 2 * max(map(len, TABLE_IDS)):  # far longer than any id (a pasted body?): nothing is close
        return []
    from difflib import get_close_matches

    folded = text.casefold().replace("-", "_")
    if folded in TABLE_IDS:  # SMS_SEND, sms-send
        return [folded]
    close = get_close_matches(folded, TABLE_IDS, n=1)
    words = [table_id for table_id in TABLE_IDS if folded and f"_{folded}" in f"_{table_id}"]
    return [*close, *(table_id for table_id in words if table_id not in close)]


def _run_explain(
    parser: argparse.ArgumentParser,
    *,
    table: "TableId | None",
    code: "str | None",
    endpoint_argument: "str | None",
    body_file: "str | None",
    lang: str,
    as_json: bool,
) -> int:
    """``explain``: a code in a table, in an endpoint's tables or in every table; or each error of an answer."""
    if table is not None and endpoint_argument is not None:
        parser.error("give a TABLE or --endpoint, not both: the endpoint's tables are read in order")
    endpoints = _endpoints_option(parser, endpoint_argument) if endpoint_argument is not None else None
    if body_file is not None:
        if code is not None:
            parser.error("explain --body reads the codes from the answer: give no CODE")
        return _explain_body(parser, body_file, table=table, endpoints=endpoints, lang=lang, as_json=as_json)
    if code is None:
        parser.error(f"explain {table} needs a CODE too" if table else "explain needs a CODE (or --body FILE)")
    if table is None and endpoints is None and code in TABLE_IDS:
        parser.error(f"explain {code} needs a CODE too")
    if endpoints is not None:
        return _explain_on_endpoints(endpoints, code, lang, as_json)
    members = _explain(table, code)
    return _print_members(members, lang, as_json, f"no code {short_repr(code)} in {table or 'any table'}")


def _endpoints_option(parser: argparse.ArgumentParser, value: str) -> "tuple[Endpoint, ...]":
    """``--endpoint``: the endpoints of a URL or an id; an unlisted URL is a usage error that never quotes it."""
    from smspartner_codes._errors import _endpoints_argument

    try:
        endpoints = _endpoints_argument(value)
    except ValueError as error:  # an endpoint id the catalog lacks (an id is no secret: it is quoted)
        parser.error(str(error))
    if not endpoints:
        parser.error(
            "--endpoint: no endpoint of the catalog has that URL (it is not repeated here: it may hold your API key);"
            " give the URL your HTTP client reports, or an endpoint id (smspartner-codes explain --help)"
        )
    return endpoints


def _explain_on_endpoints(endpoints: "tuple[Endpoint, ...]", code: str, lang: str, as_json: bool) -> int:
    """CODE as an answer of the endpoints reads it: their tables in order, the first meaning (no server text)."""
    from smspartner_codes._endpoints import resolve

    is_number = code.isascii() and code.isdigit() and len(code) <= MAX_CODE_DIGITS
    reading = resolve(endpoints, int(code) if is_number else code)
    ids = ", ".join(item.id for item in endpoints)
    if reading is None:
        return _print_members([], lang, as_json, f"no code {short_repr(code)} in the tables of {ids}")
    if as_json:
        document = _member_json(reading.member)
        document["endpoints"] = [item.id for item in endpoints]
        document["reading"] = reading.name
        _print_json([document])
        return FOUND
    lines = [_wrap(f"{ids}: code {code} reads as {reading.name}", first="")]
    if reading.alias is not None:  # the code's second meaning in its table
        lines.append(_wrap(f"{reading.name}: {reading.message_in(lang)}"))
    print("\n".join([*lines, "", *_describe(reading.member, lang)]))
    return FOUND


def _explain_body(
    parser: argparse.ArgumentParser,
    body_file: str,
    *,
    table: "TableId | None",
    endpoints: "tuple[Endpoint, ...] | None",
    lang: str,
    as_json: bool,
) -> int:
    """Each error an answer reports, read as iter_errors reads it; exit 1 when it reports none (a success)."""
    from smspartner_codes._errors import iter_errors

    body = _read_body(parser, body_file)
    if table is not None and table not in _error_tables():
        parser.error(f"{table} lists states, not errors: give an error table, or --endpoint")
    errors = list(iter_errors(body, table, lang, endpoint=endpoints))  # type: ignore[arg-type]  # checked above
    if as_json:
        _print_json([_error_json(error, lang) for error in errors])
    elif errors:
        print("\n\n".join("\n".join(_describe_error(error)) for error in errors))
    if not errors:
        print(f"{PROGRAM}: the answer reports no error", file=sys.stderr)
        return NOT_FOUND
    return FOUND


def _error_tables() -> "frozenset[str]":
    from smspartner_codes._errors import _load_error_classes

    return frozenset(_load_error_classes())


def _read_body(parser: argparse.ArgumentParser, body_file: str) -> bytes:
    """The bytes of FILE, or of standard input for ``-``; a file that cannot be read is a usage error."""
    if body_file == "-":
        stdin = sys.stdin
        if stdin is None:
            parser.error("--body -: standard input is closed")
        return stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode("utf-8")
    try:
        with open(body_file, "rb") as file:
            return file.read()
    except OSError as error:
        parser.error(f"--body: cannot read {short_repr(body_file)}: {error.strerror or error}")


def _describe_error(error: "SmsPartnerError") -> "list[str]":
    """An error as lines of at most WIDTH columns: what str() says, then the field errors and the hint."""
    first, *fields = str(error).split("; ")
    lines = [_wrap(first, first="")]
    lines += [_wrap(f"field {field}") for field in fields]
    if error.hint:
        lines.append(_wrap(f"hint: {error.hint}"))
    return lines


def _error_json(error: "SmsPartnerError", lang: str) -> "dict[str, object]":
    reading = error.reading
    document: dict[str, object] = {
        "error": type(error).__name__,
        "endpoint": error.endpoint,
        "table": error.table,
        "code": error.code,
        "name": reading.name if reading is not None else None,
        "matched": error.matched,
        "api_message": error.api_message,
        "message": reading.message_in(lang) if reading is not None else None,
        "phone_number": error.phone_number,
        "field_errors": [{"elementId": element, "message": message} for element, message in error.field_errors],
        "hint": error.hint,
        "text": str(error),
    }
    reason = getattr(error, "reason", None)
    if reason is not None:
        document["reason"] = reason
    return document


def _explain(table: "TableId | None", code: str) -> "list[Member]":
    if table is None:
        from smspartner_codes._search import find_code

        return find_code(code)
    is_number = code.isascii() and code.isdigit() and len(code) <= MAX_CODE_DIGITS
    member = lookup(table, int(code) if is_number else code)
    if member is None:
        member = _by_name_or_folded_code(table, code)
    return [member] if member is not None else []


def _by_name_or_folded_code(table: "TableId", text: str) -> "Member | None":
    """``explain sms_send NUMBER_IN_STOP_LIST`` and ``explain dlr_status delivrd`` find their member too, and so
    does an alias (``explain hlr_error EC_SOURCE_ADDRESS_BLACKLISTED``)."""
    import smspartner_codes

    folded = text.casefold()
    table_class = smspartner_codes.TABLES[table]
    for name, member in table_class.__members__.items():
        if folded in (name.casefold(), str(member.code).casefold()):
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
    if member.message_language != "fr":
        lines.append(_wrap(_TEXT_OF_RECORD[member.message_language]))
    lines += [_wrap(f"also worded ({variant.lang}): {variant.text}") for variant in member.variants]
    for alias in member.aliases:
        if alias.renamed:
            lines.append(_wrap(f"formerly named {alias.name} (this package's old name, kept for old code)"))
        else:
            lines.append(_wrap(f"also named {alias.name}: {alias.message_in(lang)}"))
            lines += [_wrap(f"also worded ({variant.lang}): {variant.text}", INDENT * 2) for variant in alias.variants]
    for disagreement_id, about, reading in _disagreements(member):
        by_default = ""
        if reading == f"{member.table}.{member.name}":
            by_default = " (this member is the reading by default)"
        elif reading:
            by_default = f" (read by default as {reading})"
        lines.append(_wrap(f"disagreement {disagreement_id}: {about}{by_default}"))
    return lines


# What the text of a code whose text is not SMSPartner's French is (Member.message_language).
_TEXT_OF_RECORD = {
    "en": "SMSPartner's pages give this code in English only: no French text exists",
    None: "SMSPartner's pages give this code no text: the text is ours",
}


def _disagreements(member: "Member") -> "list[tuple[str, str, str | None]]":
    """The disagreements of the catalog one of whose sides is the member, or one of its aliases."""
    from smspartner_codes._data._disagreements import DISAGREEMENTS

    entries = {f"{member.table}.{name}" for name in (member.name, *(alias.name for alias in member.aliases))}
    return [
        (disagreement_id, about, reading)
        for disagreement_id, (_, about, reading, sides) in DISAGREEMENTS.items()
        if entries.intersection(sides)
    ]


def _member_json(member: "Member") -> "dict[str, object]":
    document: dict[str, object] = {
        "table": member.table,
        "code": member.code,
        "name": member.name,
        "message": {lang: member.message_in(lang) for lang in LANGUAGES},
        "message_language": member.message_language,
        "variants": [{"text": variant.text, "lang": variant.lang} for variant in member.variants],
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
            {
                "name": alias.name,
                "message": {lang: alias.message_in(lang) for lang in LANGUAGES},
                "message_language": alias.message_language,
                "variants": [{"text": variant.text, "lang": variant.lang} for variant in alias.variants],
                "renamed": alias.renamed,
            }
            for alias in member.aliases
        ]
    disagreements = _disagreements(member)
    if disagreements:
        document["disagreements"] = [
            {"id": disagreement_id, "about": about, "reading": reading}
            for disagreement_id, about, reading in disagreements
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
    id_width = max(map(len, TABLE_IDS))
    count_width = max(len(str(len(table_class))) for table_class in classes.values())
    lines = []
    for table_id in TABLE_IDS:
        count = len(classes[table_id])
        heading = f"{table_id:<{id_width}}  {count:>{count_width}} {'code' if count == 1 else 'codes':<5}  "
        lines.append(heading + _cut(classes[table_id].table_title(lang), WIDTH - len(heading)))
    print("\n".join(lines))  # in one write: output the stream cannot encode fails before any of it is written
    return FOUND


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` columns: cut at a word, with an ellipsis, where it is longer."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " ":  # the cut falls inside a word: drop its start
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut.rstrip(' ,;:/(')}…"


def _print_json(document: object) -> None:
    """JSON as it reads best (UTF-8 text), or with \\u escapes where standard output takes ASCII only: the same data."""
    import json

    text = json.dumps(document, ensure_ascii=False, indent=2)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(document, indent=2)
    print(text)
