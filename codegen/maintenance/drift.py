"""The drift report: SMSPartner's page against the catalog, every difference with its table and code.

A page section is matched to the catalog table whose French title (``title.fr``)
is the section's title, the key the catalog already records and the upstream
contract tests use; a title that differs only in case, spacing or apostrophes
still matches, and the title difference is reported. Within a table, page rows
are matched to entries by code, and by name where a code has several (2053).

``python -m codegen upstream PAGE`` exits 0 when the page and the catalog agree,
1 on drift, and 2 when it cannot compare them (unreadable or unparseable page,
invalid catalog, a page that does not match its recorded sha256).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from codegen.catalog import load_catalog
from codegen.loader import FileRefused, read_regular_file
from codegen.maintenance.pairing import pair_by_code
from codegen.maintenance.upstream import MAX_PAGE_BYTES, UpstreamParseError, UpstreamRow, UpstreamSection, read_page
from codegen.model import Catalog, Entry, Table
from codegen.problems import CatalogInvalid

EXIT_AGREE = 0
EXIT_DRIFT = 1
EXIT_CANNOT_COMPARE = 2

WIDTH = 80

# Every kind of difference, in the order the human report lists them within a table.
KINDS = (
    "section_only_upstream",  # upstream: how many codes the section lists
    "table_only_in_catalog",  # catalog: how many entries the table has
    "title",  # section title and title.fr differ, beyond case, spacing and apostrophes
    "order",  # tables (table null) or entries not in the page's order; the first that differs
    "column_only_upstream",  # a table column the parser does not read into the catalog
    "group_only_upstream",
    "group_only_in_catalog",
    "group_name",
    "group_description",
    "code_only_upstream",
    "code_only_in_catalog",
    "name",
    "message",
    "group",
    "permanent",
)
TEXT_KINDS = frozenset({"title", "group_description", "message"})

Value = str | int | bool | None

# Builds a Difference of one table: ``make(kind, code=..., upstream=..., ...)``.
_Maker = Callable[..., "Difference"]


@dataclass(frozen=True)
class Difference:
    """One difference; ``upstream`` and ``catalog`` hold each side's value (None: absent)."""

    kind: str
    table: str | None  # table id; None for a section that no table matches
    section: str | None  # section title on the page; None for a table the page lacks
    code: int | str | None = None
    name: str | None = None  # entry or group name (the catalog's, where both sides have one)
    group: int | None = None  # group id, for differences of a group itself
    line: int | None = None  # line on the page
    upstream: Value = None
    catalog: Value = None

    @property
    def word_diff(self) -> str | None:
        if self.kind not in TEXT_KINDS or not isinstance(self.catalog, str) or not isinstance(self.upstream, str):
            return None
        return word_diff(self.catalog, self.upstream)

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "word_diff": self.word_diff}


def word_diff(old: str, new: str) -> str:
    """``new`` with the words ``old`` had instead: ``le [-STOP-]{+stop+} SMS``."""
    before, after = _tokens(old), _tokens(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed, added = "".join(before[old_start:old_end]), "".join(after[new_start:new_end])
        if operation == "equal":
            parts.append(added)
            continue
        if removed:
            parts.append(f"[-{removed}-]")
        if added:
            parts.append(f"{{+{added}+}}")
    return "".join(parts)


def _tokens(text: str) -> list[str]:
    return re.findall(r"\s+|\S+", text)


def _fold_apostrophes(text: str) -> str:
    return text.replace("\u2019", "'")


def _fold_title(title: str) -> str:
    return " ".join(_fold_apostrophes(title).casefold().split())


def _same_title(ours: str, theirs: str) -> float:
    return float(ours == theirs)


def _same_folded_title(ours: str, theirs: str) -> float:
    return float(_fold_title(ours) == _fold_title(theirs))


# How alike two titles must be (difflib's ratio) for a renamed section to keep
# its table: "Location" and "Locations" score 0.94, "Envoi de mail" and "Envoi
# des mails" 0.93, but "Envoi de SMS" and "Envoi de Mail" only 0.8.
SIMILAR_TITLE = 0.85


def _title_ratio(ours: str, theirs: str) -> float:
    return difflib.SequenceMatcher(None, _fold_title(ours), _fold_title(theirs)).ratio()


# Matching the page with the catalog.


def compare(sections: list[UpstreamSection], catalog: Catalog) -> list[Difference]:
    """Every difference between the parsed page and the catalog's seed tables, in page order.

    The tables of the endpoint pages are compared with their own pages (``codegen.maintenance.pagedrift``).
    """
    seeds = seed_tables(catalog)
    pairs, only_sections, only_tables = match_sections(sections, seeds)
    differences: list[Difference] = []
    for section in only_sections:
        differences.append(
            Difference("section_only_upstream", None, section.title, line=section.line, upstream=len(section.rows))
        )
    for table in only_tables:
        differences.append(Difference("table_only_in_catalog", table.id, None, catalog=len(table.entries)))
    differences.extend(_table_order(pairs, seeds))
    for section, table in pairs:
        differences.extend(_compare_table(section, table))
    return sorted(differences, key=_page_order(sections, pairs))


def seed_tables(catalog: Catalog) -> tuple[Table, ...]:
    """The tables of the error-code page, the only ones this page is compared with."""
    return tuple(table for table in catalog.tables if table.is_seed)


def _page_order(
    sections: list[UpstreamSection], pairs: list[tuple[UpstreamSection, Table]]
) -> Callable[[Difference], tuple[int, int, int]]:
    """Sort key: by section in page order (tables the page lacks last), then by page line, then kind."""
    rank = {section.title: index for index, section in enumerate(sections)}
    rank.update({table.id: rank[section.title] for section, table in pairs})

    def key(difference: Difference) -> tuple[int, int, int]:
        place = difference.table or difference.section
        table_rank = -1 if place is None else rank.get(place, len(sections))
        line = difference.line if difference.line is not None and difference.table is not None else 1 << 30
        return table_rank, line, KINDS.index(difference.kind)

    return key


def match_sections(
    sections: list[UpstreamSection], tables: tuple[Table, ...]
) -> tuple[list[tuple[UpstreamSection, Table]], list[UpstreamSection], list[Table]]:
    """Pairs (section, table) by title, then the sections and the tables left without a partner."""
    unmatched = list(tables)
    found: dict[int, Table] = {}
    # Exact titles first, so that a near title never takes the table of an exact one.
    for likeness, least in ((_same_title, 1.0), (_same_folded_title, 1.0), (_title_ratio, SIMILAR_TITLE)):
        for index, section in enumerate(sections):
            if index in found:
                continue
            scores = [(likeness(table.title.fr, section.title), table) for table in unmatched]
            score, table = max(scores, key=lambda scored: scored[0], default=(0.0, None))
            if table is not None and score >= least:
                found[index] = table
                unmatched.remove(table)
    pairs = [(section, found[index]) for index, section in enumerate(sections) if index in found]
    only_sections = [section for index, section in enumerate(sections) if index not in found]
    return pairs, only_sections, unmatched


def _table_order(pairs: list[tuple[UpstreamSection, Table]], tables: tuple[Table, ...]) -> Iterator[Difference]:
    matched = {table.id for _, table in pairs}
    page_order = [table.id for _, table in pairs]
    catalog_order = [table.id for table in tables if table.id in matched]
    if page_order != catalog_order:
        yield Difference("order", None, None, upstream=" ".join(page_order), catalog=" ".join(catalog_order))


def _compare_table(section: UpstreamSection, table: Table) -> Iterator[Difference]:
    make: _Maker = partial(Difference, table=table.id, section=section.title)
    if section.title != table.title.fr:
        yield make("title", line=section.line, upstream=section.title, catalog=table.title.fr)
    for header, line in section.other_columns:
        yield make("column_only_upstream", line=line, upstream=header)
    yield from _compare_groups(section, table, make)
    pairs, only_rows, only_entries = pair_rows(section, table)
    for row in only_rows:
        yield make("code_only_upstream", code=row_code(table, row), name=row.name, line=row.line, upstream=row.message)
    for entry in only_entries:
        yield make("code_only_in_catalog", code=entry.code, name=entry.name, catalog=entry.message.fr)
    for row, entry in pairs:
        # A page table without a name column leaves the names to the catalog.
        page_name = entry.name if row.name is None else row.name
        for kind, page_value, catalog_value in (
            ("name", page_name, entry.name),
            ("message", row.message, entry.message.fr),
            ("group", row.group, entry.group),
            ("permanent", row.permanent, entry.permanent),
        ):
            if page_value != catalog_value:
                yield make(
                    kind, code=entry.code, name=entry.name, line=row.line, upstream=page_value, catalog=catalog_value
                )
    yield from _entry_order(pairs, table, make)


def _compare_groups(section: UpstreamSection, table: Table, make: _Maker) -> Iterator[Difference]:
    catalog_groups = {group.id: group for group in table.groups}
    page_groups = {group.id: group for group in section.groups}
    for group in section.groups:
        ours = catalog_groups.get(group.id)
        if ours is None:
            yield make(
                "group_only_upstream", group=group.id, name=group.name, line=group.line, upstream=group.description
            )
            continue
        for kind, page_value, catalog_value in (
            ("group_name", group.name, ours.name),
            ("group_description", group.description, ours.description.fr),
        ):
            if page_value != catalog_value:
                yield make(
                    kind, group=group.id, name=ours.name, line=group.line, upstream=page_value, catalog=catalog_value
                )
    for ours in table.groups:
        if ours.id not in page_groups:
            yield make("group_only_in_catalog", group=ours.id, name=ours.name, catalog=ours.description.fr)


def _entry_order(pairs: list[tuple[UpstreamRow, Entry]], table: Table, make: _Maker) -> Iterator[Difference]:
    """The first matched entry whose place differs; codes added or removed do not count."""
    matched = {id(entry) for _, entry in pairs}
    catalog_order = [entry for entry in table.entries if id(entry) in matched]
    for (row, page_entry), catalog_entry in zip(pairs, catalog_order, strict=True):
        if page_entry is not catalog_entry:
            yield make(
                "order",
                line=row.line,
                upstream=_label(page_entry.code, page_entry.name),
                catalog=_label(catalog_entry.code, catalog_entry.name),
            )
            return


def pair_rows(
    section: UpstreamSection, table: Table
) -> tuple[list[tuple[UpstreamRow, Entry]], list[UpstreamRow], list[Entry]]:
    """Rows matched to entries by code (by name first where a code has several), in page order.

    Returns the pairs, the rows without an entry and the entries without a row.
    """
    # A former name kept as an alias (renamed) is ours, not the page's: no row lists it.
    return pair_by_code(
        section.rows,
        [entry for entry in table.entries if not entry.renamed],
        lambda row: (_row_key(table, row), row.name),
        lambda entry: (str(entry.code), entry.name),
    )


def _row_key(table: Table, row: UpstreamRow) -> str:
    """The row's code as ``str(entry.code)`` would read: ``007`` is 7 in an integer table."""
    return str(row_code(table, row))


def row_code(table: Table, row: UpstreamRow) -> int | str:
    """The row's code as the catalog would hold it (text when it is not a number in an integer table)."""
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if table.code_type == "integer" and re.fullmatch("[0-9]+", row.code):
        return int(row.code)
    return row.code


# The report.


def _code_key(code: int | str | None) -> tuple[int, int, str]:
    if code is None:
        return (0, 0, "")
    return (1, code, "") if isinstance(code, int) else (2, 0, code)


def _json_sort_key(difference: Difference) -> tuple[object, ...]:
    return (
        difference.table or "",
        difference.section or "",
        _code_key(difference.code),
        difference.group if difference.group is not None else -1,
        difference.kind,
        difference.name or "",
    )


def report_json(differences: list[Difference], page: str, catalog_dir: str, catalog: Catalog) -> str:
    """The differences as stable JSON: sorted by table, code and kind; keys sorted."""
    document = {
        "page": page,
        "catalog": catalog_dir,
        "catalog_version": catalog.version,
        "drift": bool(differences),
        "differences": [difference.as_json() for difference in sorted(differences, key=_json_sort_key)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def report_text(differences: list[Difference], page: str, catalog_dir: str, catalog: Catalog) -> str:
    """The differences for a person, table by table in page order, in lines of at most 80 columns."""
    seeds = seed_tables(catalog)
    codes = sum(len(table.entries) for table in seeds)
    if not differences:
        return _wrap(
            f"{page} and {catalog_dir} (catalog_version {catalog.version}) agree: {len(seeds)} tables, {codes} entries."
        )
    tables = {difference.table or difference.section for difference in differences}
    lines = [
        *_wrap_lines(
            f"{page} differs from {catalog_dir} (catalog_version {catalog.version}):"
            f" {_count(len(differences), 'difference')} in {_count(len(tables), 'table')}."
        )
    ]
    heading: str | None = None
    for difference in differences:
        this_heading = _heading(difference)
        if this_heading != heading:
            heading = this_heading
            lines += ["", *_wrap_lines(heading)]
        lines += _describe(difference)
    return "\n".join(_printable(line) for line in lines) + "\n"


def _heading(difference: Difference) -> str:
    if difference.table is None and difference.section is None:
        return "All tables"
    if difference.table is None:
        return f'Section "{difference.section}" (page line {difference.line}): no table of the catalog has this title'
    if difference.section is None:
        return f"{difference.table}: no section of the page has its title"
    return f'{difference.table}, section "{difference.section}"'


def _label(code: int | str | None, name: str | None) -> str:
    shown = f'"{code}"' if isinstance(code, str) and not code.replace("_", "").isalnum() else str(code)
    return f"code {shown}" + (f" {name}" if name else "")


def _count(number: Value, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def _flag(value: Value) -> str:
    return "not given" if value is None else str(value).lower() if isinstance(value, bool) else str(value)


def _describe(difference: Difference) -> list[str]:
    """The lines of one difference: a summary, and the text or word diff it concerns."""
    at = f" (page line {difference.line})" if difference.line is not None else ""
    code = _label(difference.code, difference.name) + at
    group = f"group {difference.group}" + (f" {difference.name}" if difference.name else "") + at
    page, ours, changed = difference.upstream, difference.catalog, difference.word_diff
    apostrophes = _apostrophes_only(difference)
    if difference.table is None:
        order = f"tables in another order than the page's sections: page {page}; catalog {ours}"
    else:
        order = f"entries in another order than on the page, from page line {difference.line}:"
        order += f" the page has {page} where the catalog has {ours}"
    described: dict[str, tuple[str, object]] = {
        "section_only_upstream": (f"only on the page, with {_count(page, 'code')}", None),
        "table_only_in_catalog": (f"only in the catalog, with {_count(ours, 'entry')}", None),
        "title": (f'section title differs{apostrophes}{at}: catalog "{ours}"', changed),
        "order": (order, None),
        "column_only_upstream": (f'column "{page}"{at}: on the page, not read into the catalog', None),
        "group_only_upstream": (f"{group}: only on the page", page),
        "group_only_in_catalog": (f"{group}: only in the catalog", ours),
        "group_name": (f"{group}: name differs: page {page}, catalog {ours}", None),
        "group_description": (f"{group}: description differs{apostrophes}", changed),
        "code_only_upstream": (f"{code}: only on the page", page),
        "code_only_in_catalog": (f"{code}: only in the catalog", ours),
        "message": (f"{code}: French text differs{apostrophes}", changed),
    }
    flag_change = (f"{code}: {difference.kind} differs: page {_flag(page)}, catalog {_flag(ours)}", None)
    summary, detail = described.get(difference.kind, flag_change)
    lines = _wrap_lines(summary, indent="  ")
    if detail is not None:
        lines += _wrap_lines(str(detail), indent="      ")
    return lines


def _apostrophes_only(difference: Difference) -> str:
    same = _fold_apostrophes(str(difference.upstream)) == _fold_apostrophes(str(difference.catalog))
    return " (only in its apostrophes, ' and \u2019)" if same else ""


def _wrap_lines(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + "  " if not indent.startswith("    ") else indent,
        break_on_hyphens=False,
        drop_whitespace=True,
    ) or [indent]


def _wrap(text: str) -> str:
    return "\n".join(_printable(line) for line in _wrap_lines(text)) + "\n"


def _printable(line: str) -> str:
    """``line`` with control characters shown as escapes, so that no text can drive the terminal."""
    return re.sub("[\x00-\x1f\x7f-\x9f]", lambda match: f"\\x{ord(match.group()):02x}", line)


# The command.


def run(page: Path, catalog_dir: Path, as_json: bool = False, sha256_file: Path | None = None) -> int:
    """``python -m codegen upstream``: print the report; return the exit status."""
    try:
        if sha256_file is not None:
            _check_sha256(page, sha256_file)
        sections = read_page(page)
    except UpstreamParseError as error:
        print(f"error: cannot parse the page: {error}", file=sys.stderr)
        return EXIT_CANNOT_COMPARE
    except FileRefused as refused:
        print(f"error: cannot read {refused.path}: it {refused.reason}", file=sys.stderr)
        return EXIT_CANNOT_COMPARE
    except (OSError, ValueError) as error:
        print(f"error: {_os_error_text(error)}", file=sys.stderr)
        return EXIT_CANNOT_COMPARE
    try:
        catalog = load_catalog(catalog_dir)
    except CatalogInvalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"error: cannot compare: {invalid}.", file=sys.stderr)
        return EXIT_CANNOT_COMPARE
    differences = compare(sections, catalog)
    render = report_json if as_json else report_text
    sys.stdout.write(render(differences, str(page), str(catalog_dir), catalog))
    return EXIT_DRIFT if differences else EXIT_AGREE


def _os_error_text(error: Exception) -> str:
    if isinstance(error, OSError) and error.filename is not None:
        return f"cannot read {error.filename}: {error.strerror}"
    return str(error)


# A sha256sum file of one page is one line; a larger one is not what --sha256 takes.
MAX_SHA256_FILE_BYTES = 64_000


def _check_sha256(page: Path, sha256_file: Path) -> None:
    """Raise ValueError unless ``page`` has the digest recorded in ``sha256_file`` (``sha256sum`` format)."""
    content = read_regular_file(sha256_file, MAX_SHA256_FILE_BYTES)
    try:
        fields = content.decode("utf-8").split()
    except UnicodeDecodeError as error:
        raise ValueError(
            f"{sha256_file} is not a sha256sum file: byte 0x{content[error.start]:02x} at offset {error.start}"
            " is not text; give the file `sha256sum PAGE` writes"
        ) from None
    recorded = fields[0].lower() if fields else ""
    if not re.fullmatch("[0-9a-f]{64}", recorded):
        raise ValueError(f"{sha256_file}: no sha256 digest on its first line")
    actual = hashlib.sha256(read_regular_file(page, MAX_PAGE_BYTES)).hexdigest()
    if actual != recorded:
        raise ValueError(
            f"{page} has sha256 {actual}, not the {recorded} recorded in {sha256_file};"
            " if the page was updated on purpose, record its new digest"
        )
