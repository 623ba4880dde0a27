"""Read SMSPartner's published error-code page (Markdown, in French).

The page is the authority the catalog is checked against. This module only
reads it into plain records; comparing it with the catalog happens elsewhere.

Shape of the page, as SMSPartner serves it:

* front matter and an introduction, then one ``##`` section per table;
* the HLR sections split into ``###`` groups, each heading carrying the group
  id (``### OK (errorGrpId: 0)``) followed by a one-paragraph description;
* tables whose columns vary per section (code, status or error name,
  permanent flag, message), cells sometimes wrapped in ``<mark>``;
* the odd code written as a plain line outside any table (``992 Sender ...``);
* straight and typographic apostrophes side by side, kept as they are.

Anything else (a paragraph inside a section, a table without a code column,
a byte that is not UTF-8) is an UpstreamParseError naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from codegen.loader import read_regular_file
from codegen.problems import quote_short

# Lines are stripped before they are matched: no pattern here looks for trailing spaces, and none
# pairs a lazy .*? with \s*$ (quadratic on a long run of spaces: 70 s for a 100 KB line).
_SECTION = re.compile(r"^##\s+(?P<title>\S.*)$")
_GROUP = re.compile(
    r"^###\s+(?:.*:\s*)?(?P<name>[A-Z][A-Z0-9_]*)\s*"
    r"\((?P<key>statusGrpId|errorGrpId):\s*(?P<id>[0-9]+)\)\s*$"
)
_CELL_BORDER = re.compile(r"(?<!\\)\|")  # a pipe, unless escaped (\|): then it is the cell's text
_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_MARK = re.compile(r"^<mark\b[^>]*>(?P<text>.*)</mark>$")
_LOOSE_CODE_LINE = re.compile(r"^(?P<code>[0-9]+)\s+(?P<message>\S.*)$")
# Control characters other than the tab: a page holding them is not text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")  # \r\n ends a line

# SMSPartner's page is about 40 KB; a file far larger is not that page (and is not read whole).
MAX_PAGE_BYTES = 5_000_000

# Header cells of the page, by the role of their column.
_CODE_HEADERS = {"codes", "statuts sms", "statusid", "errorid"}
_NAME_HEADERS = {"status", "error"}
_PERMANENT_HEADERS = {"permanent"}
_MESSAGE_HEADERS = {"message", "description"}


class UpstreamParseError(ValueError):
    """The page does not have the shape this parser knows."""

    def __init__(self, path: str, line: int, reason: str, text: str) -> None:
        quoted = f": {quote_short(text.strip())}" if text.strip() else ""
        super().__init__(f"{path}:{line}: {reason}{quoted}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class UpstreamRow:
    """One code as the page lists it; ``code`` is the cell text, unconverted."""

    code: str
    message: str
    line: int
    name: str | None = None
    permanent: bool | None = None
    group: int | None = None
    outside_table: bool = False


@dataclass(frozen=True)
class UpstreamGroup:
    id: int
    name: str
    description: str
    line: int


@dataclass
class UpstreamSection:
    title: str
    line: int
    groups: list[UpstreamGroup] = field(default_factory=list)
    rows: list[UpstreamRow] = field(default_factory=list)
    # Table columns this parser does not read, each header once with its first line.
    other_columns: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Columns:
    code: int
    message: int
    name: int | None = None
    permanent: int | None = None


def read_page(path: Path) -> list[UpstreamSection]:
    """Parse the page at ``path``; raise UpstreamParseError on a line it cannot read.

    An unreadable file (missing, unreadable) raises OSError, as ``open`` does; anything but
    a regular file (a directory, a FIFO, a device), or a file over MAX_PAGE_BYTES, FileRefused.
    """
    data = read_regular_file(path, MAX_PAGE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UpstreamParseError(
            str(path), line, f"byte 0x{data[error.start]:02x} is not UTF-8: this is not a text page", ""
        ) from None
    return parse_page(text, str(path))


def parse_page(text: str, path: str = "<page>") -> list[UpstreamSection]:
    # Split on newlines only: str.splitlines also breaks at form feeds and other
    # separators, which would shift every line number after them.
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        raise UpstreamParseError(
            path, line, f"control character U+{ord(control.group()):04X}: this is not a text page", ""
        )
    sections = _PageParser(path).parse(lines)
    if not sections:
        last = len(lines) - (lines[-1] == "")
        raise UpstreamParseError(
            path, max(last, 1), "no `## ` section in the page: the page lists its codes under one per table", ""
        )
    return sections


def split_cells(line: str) -> list[str]:
    """Cells of a Markdown table row, stripped, with ``<mark>`` wrappers removed."""
    row = line.strip()
    if not row.startswith("|"):
        return []
    row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):  # the closing pipe is optional in Markdown
        row = row[:-1]
    cells = _CELL_BORDER.split(row) if "\\|" in row else row.split("|")  # str.split is faster
    return [_unmark(cell.strip().replace("\\|", "|")) for cell in cells]


def _unmark(cell: str) -> str:
    match = _MARK.match(cell)
    return match.group("text").strip() if match else cell


class _PageParser:
    """A line-by-line reader; the state is the current section, group and table."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.sections: list[UpstreamSection] = []
        self.group: UpstreamGroup | None = None
        self.group_description: list[str] = []
        self.columns: _Columns | None = None
        self.header_line = 0
        self.expect_separator = False

    def parse(self, lines: list[str]) -> list[UpstreamSection]:
        for number, line in enumerate(lines, start=1):
            self._read_line(number, line)
        self._close_group()
        return self.sections

    def _fail(self, line: int, reason: str, text: str) -> UpstreamParseError:
        return UpstreamParseError(self.path, line, reason, text)

    def _read_line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if self.expect_separator and stripped and not stripped.startswith("|"):
            raise self._fail(
                number, f"the table header of line {self.header_line} is not followed by a |---| separator", stripped
            )
        if section := _SECTION.match(stripped):
            self._open_section(number, section.group("title"))
        elif not self.sections:
            return  # front matter and introduction
        elif stripped.startswith("###"):
            self._open_group(number, stripped)
        elif stripped.startswith("|"):
            self._read_table_line(number, stripped)
        elif not stripped:
            # A blank line ends a table, except between a header and its
            # separator: a stray one left there by a hand edit is read through.
            if not self.expect_separator:
                self.columns = None
        else:
            self._read_paragraph(number, stripped)

    def _open_section(self, number: int, title: str) -> None:
        self._close_group()
        self.group = None
        self.columns = None
        self.sections.append(UpstreamSection(title=title, line=number))

    def _open_group(self, number: int, heading: str) -> None:
        match = _GROUP.match(heading)
        if match is None:
            raise self._fail(number, "group heading without a (statusGrpId|errorGrpId: N) id", heading)
        self._close_group()
        self.columns = None
        self.group = UpstreamGroup(int(match.group("id")), match.group("name"), "", number)

    def _close_group(self) -> None:
        if self.group is None:
            return
        description = " ".join(self.group_description)
        self.sections[-1].groups.append(UpstreamGroup(self.group.id, self.group.name, description, self.group.line))
        self.group_description = []

    def _read_paragraph(self, number: int, text: str) -> None:
        if self.group is not None and not self._group_has_rows():
            self.group_description.append(text)
            return
        loose = _LOOSE_CODE_LINE.match(text)
        if loose is None:
            raise self._fail(number, "text that is neither a table row nor a code line", text)
        self.sections[-1].rows.append(
            UpstreamRow(
                code=loose.group("code"),
                message=loose.group("message"),
                line=number,
                group=self.group.id if self.group else None,
                outside_table=True,
            )
        )

    def _group_has_rows(self) -> bool:
        group = self.group
        return group is not None and any(row.group == group.id for row in self.sections[-1].rows)

    def _read_table_line(self, number: int, line: str) -> None:
        cells = split_cells(line)
        if self.columns is None:
            self.columns = self._read_header(number, line, cells)
            self.header_line = number
            self.expect_separator = True
        elif self.expect_separator:
            if not all(_SEPARATOR_CELL.match(cell) for cell in cells):
                raise self._fail(
                    number, f"the table header of line {self.header_line} is not followed by a |---| separator", line
                )
            self.expect_separator = False
        else:
            self.sections[-1].rows.append(self._read_row(number, line, cells, self.columns))

    def _read_header(self, number: int, line: str, cells: list[str]) -> _Columns:
        roles: dict[str, int] = {}
        for index, cell in enumerate(cells):
            role = _role(cell)
            if role is None:
                self._note_other_column(cell, number)
            elif role in roles:
                raise self._fail(number, f"table header with two {role} columns", line)
            else:
                roles[role] = index
        if "code" not in roles or "message" not in roles:
            raise self._fail(
                number, "table header without a code and a message column (or a table row without its header)", line
            )
        return _Columns(
            code=roles["code"],
            message=roles["message"],
            name=roles.get("name"),
            permanent=roles.get("permanent"),
        )

    def _note_other_column(self, header: str, number: int) -> None:
        section = self.sections[-1]
        if all(known != header for known, _ in section.other_columns):
            section.other_columns.append((header, number))

    def _read_row(self, number: int, line: str, cells: list[str], columns: _Columns) -> UpstreamRow:
        width = max(c for c in (columns.code, columns.message, columns.name, columns.permanent) if c is not None)
        if len(cells) <= width:
            raise self._fail(number, "table row with fewer cells than its header", line)
        permanent: bool | None = None
        if columns.permanent is not None:
            flag = cells[columns.permanent].lower()
            if flag not in ("true", "false"):
                raise self._fail(number, "permanent flag that is neither true nor false", line)
            permanent = flag == "true"
        if not cells[columns.code] or not cells[columns.message]:
            raise self._fail(number, "table row with an empty code or message", line)
        return UpstreamRow(
            code=cells[columns.code],
            message=cells[columns.message],
            line=number,
            name=cells[columns.name] if columns.name is not None else None,
            permanent=permanent,
            group=self.group.id if self.group else None,
        )


def _role(header: str) -> str | None:
    """What a column holds, from its header cell: code, name, permanent or message."""
    folded = header.lower()
    for role, names in (
        ("code", _CODE_HEADERS),
        ("name", _NAME_HEADERS),
        ("permanent", _PERMANENT_HEADERS),
        ("message", _MESSAGE_HEADERS),
    ):
        if folded in names:
            return role
    return None
