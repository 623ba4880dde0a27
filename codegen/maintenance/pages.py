"""Read SMSPartner's endpoint pages (the docpartner site's Markdown) into plain records.

An endpoint page, as the documentation site serves it, holds:

* a front matter and a ``#`` title;
* a headline: the HTTP method in a ``<div>`` badge and the URL in the ``<span>`` after it;
* code samples in many languages, as fenced blocks or ``<pre><code>`` HTML blocks, whose
  URLs are full literals (``https://api.smspartner.fr/v1/send``), interpolated templates
  (``/campaign/cancel/${apiKey}/${campaignId}``), placeholders (``/audios/YOUR_API_KEY``),
  concatenations (``base_url & "send"``, ``"…/cancel/" + apiKey``) or a NodeJS
  ``hostname`` with a ``path``;
* example answers: JSON (often not valid as printed), XML, and PHP ``Array (...)`` dumps
  for the pushes SMSPartner sends (replies, HLR notifications);
* a code table ("Code de contrôle", "Control Codes", "HLR error codes"...): a first
  column of codes and a second of texts;
* lists of the values a field takes ("3 statuts de remises possibles").

This module only reads a page into records, each with its line; matching them with the
catalog happens elsewhere (``codegen.maintenance.pagedrift``). One pass over the lines, with a
bounded amount of work per line: reading is linear in the size of the page. A page that
is not text (not UTF-8, control characters), or whose fence or table is broken in a way
this reader cannot follow, is a PageParseError naming the line.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from codegen.maintenance.examples import ExampleValue, read_example

# The three API hosts; a URL on any other host is no endpoint of SMSPartner's.
HOSTS = ("api.smspartner.fr", "api.voicepartner.fr", "api.mailpartner.fr")
_HOST = r"api\.(?:sms|voice|mail)partner\.fr"

_METHOD_BADGE = re.compile(r">\s*(?P<method>GET|POST|PUT|PATCH|DELETE)\s*</div>")
_HEADLINE_SPAN = re.compile(r"<span\b[^>]*>(?P<url>[^<]*)</span>")
_HEADING = re.compile(r"^\s{0,3}(?P<marks>#{1,6})(?P<title>.*)$")
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\s]*)")
_PRE_CODE = re.compile(r"<pre>\s*<code\b(?P<attributes>[^>]*)>")
_CODE_LANGUAGE = re.compile(r"language-(?P<language>[\w-]+)")
_END_CODE = re.compile(r"</code>")
_TABLE_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_BULLET = re.compile(r"^\s*[*-]\s+\*\*(?P<term>[^*]+?)\*\*\s*(?P<rest>.*)$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)")

# Headings of the request sections, whose JSON blocks are request bodies unless they hold an answer.
_REQUEST_HEADING = re.compile(r"(requ[eê]tes?|requests?|richiesta|solicitud|peti[cç][aã]o)\s*:?", re.IGNORECASE)

# First header cells of the tables that list codes: "_" (most pages), "Code", "ErrorGrpId".
CODE_TABLE_FIRST_HEADERS = frozenset({"_", "code", "errorgrpid"})


class PageParseError(ValueError):
    """The page is not text, or has a shape this reader cannot follow."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class Headline:
    """The method badge and URL a page is headed with."""

    method: str
    url: str  # as printed, surrounding spaces removed
    line: int  # line of the URL


@dataclass(frozen=True)
class SampleUrl:
    """A URL a code sample calls, put together as the sample builds it."""

    url: str  # host and path, with path parameters as printed (``$apiKey``, ``%s``, ``YOUR_API_KEY``)
    line: int
    language: str  # the sample's language (php, python, bash...), "" when the block names none


@dataclass(frozen=True)
class CodeRow:
    code: str  # the first cell, as printed (stripped)
    text: str  # the second cell, as printed (stripped), HTML and Markdown kept
    line: int


@dataclass(frozen=True)
class CodeTable:
    heading: str  # the heading the table stands under
    header: tuple[str, ...]
    line: int  # line of the header row
    rows: tuple[CodeRow, ...]


@dataclass(frozen=True)
class ValueItem:
    """One item of a list of the values a field takes: ``* **Delivered (Livré)** : ...``."""

    term: str  # the bold part, as printed
    description: str  # the rest of the line, as printed ("" when there is none)
    line: int


@dataclass(frozen=True)
class ValueList:
    heading: str
    line: int
    items: tuple[ValueItem, ...]


@dataclass(frozen=True)
class Example:
    """An example answer (or push) as a page prints it, and what could be read from it."""

    format: str  # json, xml or php (a PHP print_r ``Array (...)``)
    heading: str  # the heading the block stands under
    line: int  # first line of the block's content
    text: str  # the block's content, as printed
    strict: bool  # whether the text parses as printed (JSON: json.loads; XML: well-formed)
    problem: str  # why it does not parse as printed ("" when it does)
    objects: tuple[tuple[ExampleValue, ...], ...]  # every object read, outermost first


@dataclass
class Page:
    path: str
    title: str  # the front matter's title, else the first "#" heading
    headlines: list[Headline] = field(default_factory=list)
    sample_urls: list[SampleUrl] = field(default_factory=list)
    code_tables: list[CodeTable] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    value_lists: list[ValueList] = field(default_factory=list)


def read_endpoint_page(path: Path, shown_as: str | None = None) -> Page:
    """Parse the page at ``path``; ``shown_as`` names it in records and errors (default: the path)."""
    name = shown_as or str(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        reason = f"byte 0x{data[error.start]:02x} is not UTF-8: this is not a text page"
        raise PageParseError(name, line, reason) from None
    return parse_endpoint_page(text, name)


def parse_endpoint_page(text: str, path: str = "<page>") -> Page:
    if control := _CONTROL.search(text):
        line = text.count("\n", 0, control.start()) + 1
        raise PageParseError(path, line, f"control character U+{ord(control.group()):04X}: this is not a text page")
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if not any(line.strip() == "---" or _HEADING.match(line) for line in lines):
        # Every page of the site has a front matter or a heading; a file with neither is a
        # bare code fragment (VOIX/sms-vocaux/SMSKJ/L.md is PHP), read as one code sample.
        return _fragment(lines, path)
    return _PageReader(path).read(lines)


def _fragment(lines: list[str], path: str) -> Page:
    page = Page(path=path, title="")
    _UrlCollector(page).read_block(_Block("fence", "", 1, lines=lines))
    return page


# Code blocks ------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "fence" or "html"
    language: str
    first_line: int  # line of the first content line
    fence: str = ""  # the opening fence, for a fenced block
    lines: list[str] = field(default_factory=list)


def _block_language(info: str) -> str:
    return info.strip().lower()


def _example_format(block: _Block) -> str | None:
    """json, xml or php when the block is an example answer or push; None for a code sample."""
    content = "\n".join(block.lines).strip()
    if block.kind == "html":
        content = html.unescape(content)
    if not content:
        return None
    first = content[0]
    if first in "{[":
        return "json"
    if content.startswith(("<?xml", "<result")):
        return "xml"
    if re.match(r"Array\s*\(", content):
        return "php"
    return None


# The page reader ---------------------------------------------------------------


class _PageReader:
    """One pass over the lines; the state is the open block, table or list, and the last heading."""

    def __init__(self, path: str) -> None:
        self.page = Page(path=path, title="")
        self.heading = ""
        self.block: _Block | None = None
        self.pending_method: tuple[str, int] | None = None
        self.table_lines: list[tuple[int, str]] = []
        self.value_items: list[ValueItem] = []
        self.value_heading = ("", 0)
        self.front_matter = False
        self.started = False  # a line other than blank was read
        self.urls = _UrlCollector(self.page)

    def fail(self, line: int, reason: str) -> PageParseError:
        return PageParseError(self.page.path, line, reason)

    def read(self, lines: list[str]) -> Page:
        for number, line in enumerate(lines, start=1):
            self._line(number, line)
        if self.block is not None:
            # An unclosed fence or <pre><code> runs to the end of the page, as Markdown renders it.
            self._close_block()
        self._end_table()
        self._end_value_list()
        return self.page

    def _line(self, number: int, line: str) -> None:
        if not self.started:
            if not line.strip():
                return
            self.started = True
            if line.strip() == "---":  # a front matter opens the page (blank lines before it are tolerated)
                self.front_matter = True
                return
        if self.front_matter:
            self._front_matter_line(line)
            return
        if self.block is not None:
            self._block_line(number, line)
            return
        self._text_line(number, line)

    def _front_matter_line(self, line: str) -> None:
        if line.strip() == "---":
            self.front_matter = False
        elif line.startswith("title:") and not self.page.title:
            self.page.title = line.removeprefix("title:").strip()

    def _block_line(self, number: int, line: str) -> None:
        block = self.block
        assert block is not None
        if block.kind == "fence":
            stripped = line.strip()
            if stripped.startswith(block.fence[0] * len(block.fence)) and not stripped.strip(block.fence[0]):
                self._close_block()
                return
            block.lines.append(line)
            return
        end = _END_CODE.search(line)
        if end is not None:
            block.lines.append(line[: end.start()])
            self._close_block()
            return
        if _PRE_CODE.search(line):
            # A block left open by its page: the next one closes it, as a browser would.
            self._close_block()
            self._text_line(number, line)
            return
        block.lines.append(line)

    def _text_line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if not stripped.startswith("|"):
            self._end_table()
        if fence := _FENCE.match(line):
            self._end_value_list()
            self.block = _Block("fence", _block_language(fence.group("info")), number + 1, fence.group("fence"))
            return
        if pre := _PRE_CODE.search(line):
            self._end_value_list()
            language = _CODE_LANGUAGE.search(pre.group("attributes"))
            block = _Block("html", language.group("language") if language else "", number)
            rest = line[pre.end() :]
            end = _END_CODE.search(rest)
            if end is not None:  # opened and closed on one line
                block.lines.append(rest[: end.start()])
                self.block = block
                self._close_block()
                return
            if rest.strip():
                block.lines.append(rest)
            else:
                block.first_line = number + 1
            self.block = block
            return
        if heading := _HEADING.match(line):
            self._end_value_list()
            self.heading = heading.group("title").strip().strip("#").strip()
            if heading.group("marks") == "#" and not self.page.title:
                self.page.title = self.heading
            return
        if stripped.startswith("|"):
            self.table_lines.append((number, stripped))
            return
        if bullet := _BULLET.match(line):
            if not self.value_items:
                self.value_heading = (self.heading, number)
            self.value_items.append(ValueItem(bullet.group("term").strip(), _after_colon(bullet.group("rest")), number))
            return
        if stripped:
            self._end_value_list()
        self._headline(number, line)

    def _headline(self, number: int, line: str) -> None:
        if badge := _METHOD_BADGE.search(line):
            self.pending_method = (badge.group("method"), number)
        if self.pending_method is None:
            return
        span = _HEADLINE_SPAN.search(line)
        if span is not None and span.group("url").strip():
            self.page.headlines.append(Headline(self.pending_method[0], span.group("url").strip(), number))
            self.pending_method = None
        elif number - self.pending_method[1] > 3:
            raise self.fail(self.pending_method[1], "a method badge with no URL <span> in the three lines after it")

    def _close_block(self) -> None:
        block = self.block
        assert block is not None
        self.block = None
        example_format = _example_format(block)
        if example_format is None:
            self.urls.read_block(block)
            return
        content = "\n".join(block.lines)
        if block.kind == "html":
            content = html.unescape(content)
        strict, problem, objects = read_example(example_format, content, block.first_line)
        if _REQUEST_HEADING.fullmatch(self.heading) and not any(value.key == "success" for o in objects for value in o):
            self.urls.read_block(block)  # a request body printed under "Requête", often with its URL
            return
        self.page.examples.append(
            Example(example_format, self.heading, block.first_line, content, strict, problem, objects)
        )

    def _end_table(self) -> None:
        lines, self.table_lines = self.table_lines, []
        if not lines:
            return
        header_line, header = lines[0]
        cells = split_cells(header)
        if not cells or cells[0].lower() not in CODE_TABLE_FIRST_HEADERS:
            return  # a parameter table, or another table that lists no codes
        if len(lines) < 2 or not all(_TABLE_SEPARATOR_CELL.match(cell) for cell in split_cells(lines[1][1])):
            raise self.fail(header_line, "a code table header not followed by a |---| separator")
        rows = []
        for number, row in lines[2:]:
            row_cells = split_cells(row)
            if len(row_cells) < 2 or not row_cells[0] or not row_cells[1]:
                raise self.fail(number, "a code table row without a code and a text")
            rows.append(CodeRow(row_cells[0], row_cells[1], number))
        self.page.code_tables.append(CodeTable(self.heading, tuple(cells), header_line, tuple(rows)))

    def _end_value_list(self) -> None:
        items, self.value_items = self.value_items, []
        if items:
            heading, line = self.value_heading
            self.page.value_lists.append(ValueList(heading, line, tuple(items)))


def _after_colon(rest: str) -> str:
    """The description after ``**term**``: without the separating colon."""
    return rest.strip().removeprefix(":").strip()


def split_cells(row: str) -> list[str]:
    """The cells of a Markdown table row, stripped (tabs included); an escaped ``\\|`` stays in its cell."""
    text = row.strip()
    if not text.startswith("|"):
        return []
    text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = re.split(r"(?<!\\)\|", text)
    return [cell.strip().replace("\\|", "|") for cell in cells]


# URLs of the code samples ---------------------------------------------------------

_URL_LITERAL = re.compile(rf"(?:https?://)?{_HOST}(?P<path>/[^\s\"'`<>)]*)?")
_STRING = re.compile(r"\$?f?(?P<quote>[\"'`])(?P<text>(?:\\.|(?!(?P=quote)).)*)(?P=quote)")
_ASSIGNED_NAME = re.compile(r"(?P<name>[A-Za-z_$][\w$]*)\s*(?:As\s+String\s*)?(?::=|=)\s*\$?[\"'`]")
_NODE_PATH = re.compile(r"\bpath\s*:\s*(?P<quote>[\"'`])(?P<path>/[^\"'`]*)(?P=quote)")
_CONCATENATION = re.compile(r"\s*(?:\+|&|\.(?![\w(]))\s*")
_IDENTIFIER = re.compile(r"\$?[A-Za-z_][\w]*")


class _UrlCollector:
    """Finds the URLs a code sample calls and adds them to the page."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def read_block(self, block: _Block) -> None:
        bases: dict[str, str] = {}  # variable name -> base URL ("api.smspartner.fr/v1/")
        host = ""  # a NodeJS options' hostname, waiting for its path
        for offset, raw in enumerate(block.lines):
            line = html.unescape(raw) if block.kind == "html" else raw
            number = block.first_line + offset
            for found in self._urls_in_line(line, bases):
                self.page.sample_urls.append(SampleUrl(found, number, block.language))
            hostname = re.search(rf"hostname\s*:\s*[\"'`](?P<host>{_HOST})[\"'`]", line)
            if hostname:
                host = hostname.group("host")
            node_path = _NODE_PATH.search(line)
            if node_path and host:
                path = node_path.group("path").split("?")[0]
                self.page.sample_urls.append(SampleUrl(host + path, number, block.language))

    def _urls_in_line(self, line: str, bases: dict[str, str]) -> list[str]:
        found: list[str] = []
        for literal in _URL_LITERAL.finditer(line):
            url = _strip_scheme(literal.group(0))
            path = literal.group("path") or ""
            if not path.strip("/"):
                continue  # a bare host (NodeJS options), handled with its path
            if re.fullmatch(r"/v1/?", path.split("?")[0]):
                name = _assigned_name(line, literal.start())
                if name:
                    bases[name] = url.split("?")[0].rstrip("/") + "/"
                continue
            url = url.split("?")[0].rstrip("\\")  # a PHP line ending in a backslash
            if url.endswith("/"):
                url += _continuation(line, literal.end())
            found.append(url.rstrip("/") if url.count("/") > 1 else url)
        for name, base in bases.items():
            for use in re.finditer(rf"(?<![\w$]){re.escape(name)}\s*(?:\+|&|\.)\s*", line):
                rest = _continuation(line, use.start() + len(name), first=True)
                if rest:
                    found.append(base + rest.lstrip("/"))
        return found


def _strip_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def _assigned_name(line: str, position: int) -> str | None:
    """The variable a base URL literal is assigned to (``URL = "…/v1"``), if any."""
    names = [match.group("name") for match in _ASSIGNED_NAME.finditer(line[:position])]
    return names[-1].removeprefix("$") if names else None


def _continuation(line: str, position: int, first: bool = False) -> str:
    """The path a concatenation adds after ``position``: string parts as printed, variables as ``{name}``.

    Reading stops at a query string, a non-path text or anything that is not ``+``, ``&``
    or ``.`` followed by a string or a name. ``first`` means the closing quote of the
    literal was not read yet (a variable base: ``URL + "/send"``).
    """
    rest = line[position:]
    if not first:
        closing = re.match(r"[\"'`]", rest)
        if closing is None:
            return ""
        rest = rest[1:]
    built = ""
    while True:
        operator = _CONCATENATION.match(rest)
        if operator is None:
            return built
        rest = rest[operator.end() :]
        string = _STRING.match(rest)
        if string is not None:
            text = string.group("text")
            path, query, _ = text.partition("?")
            if not re.fullmatch(r"[\w/{}$%.-]*", path):
                return built
            built += path
            if query or "?" in text:
                return built
            rest = rest[string.end() :]
            continue
        name = _IDENTIFIER.match(rest)
        if name is None or (built and not built.endswith("/")):
            return built
        built += "{" + name.group(0).removeprefix("$") + "}"
        rest = rest[name.end() :]


def example_json(example: Example) -> object:
    """The example parsed as strict JSON (for an example whose ``strict`` is true)."""
    return json.loads(example.text)
