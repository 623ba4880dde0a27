"""The drift report of the endpoint pages: every vendored page against the catalog, page by page.

The catalog says where the pages document each thing: an endpoint's URLs, the entries of
its tables and of its fields' vocabularies, the spellings of codes and names, all as
``path:line`` sources. This module reads every vendored page (``codegen.maintenance.pages``) and
checks both ways:

* everything a page prints (a headline or sample URL, a code table row, an answer's code
  and message, a status, a field error, an item of a list of values) is in the catalog
  with a source at that very line, and its text is one of the entry's wordings (verbatim,
  or the same wording under ``codegen.wording``'s rule);
* every source of the catalog on that page still prints what the catalog says.

Pages are matched to endpoints by the endpoints' ``pages``; a vendored page no endpoint
lists, or a listed page that is not vendored, is a difference too.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from codegen.maintenance.examples import CONTAINER, ExampleValue
from codegen.maintenance.pages import Page, PageParseError, read_endpoint_page
from codegen.model import Catalog, Endpoint, Entry, Table
from codegen.sources import line_of, page_of
from codegen.urls import shape
from codegen.wording import same_wording

PAGES_PREFIX = "docpartner/"
MANIFEST = "SHA256SUMS"

EXIT_AGREE = 0
EXIT_DRIFT = 1
EXIT_CANNOT_COMPARE = 2

# Every kind of difference, in the order the text report lists them within a page.
KINDS = (
    "page_not_in_catalog",  # a vendored page no endpoint lists
    "page_only_in_catalog",  # an endpoint lists a page that is not vendored
    "title",  # the endpoint's French title is not its French page's
    "method",  # a headline's method is not the endpoint's
    "url_only_upstream",  # a URL the page prints that the endpoint does not list at that line
    "code_only_upstream",  # a code (table row or answer) no entry documents at that line
    "value_only_upstream",  # a field value or listed value no entry documents at that line
    "wording",  # a text the page prints for an entry that is none of its wordings
    "source_stale",  # a source of the catalog whose line no longer prints what it says
)


@dataclass(frozen=True)
class PageDifference:
    kind: str
    page: str  # path under catalog/upstream/
    endpoint: str | None
    line: int | None = None
    upstream: str | None = None  # what the page prints
    catalog: str | None = None  # what the catalog says

    def as_json(self) -> dict[str, object]:
        return asdict(self)


# Facts a page prints ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Fact:
    """One thing a page prints at a line: a URL, a code with its text, a value, a name, a group or a wording."""

    kind: str  # url, method, code, value, name, group, wording
    line: int
    value: str
    text: str | None = None  # the wording printed beside a code or a value


def page_facts(page: Page, field_keys: set[str]) -> list[_Fact]:
    """What the page prints that the catalog must know; ``field_keys``: the answer keys the endpoint's fields read."""
    facts: list[_Fact] = []
    for headline in page.headlines:
        facts.append(_Fact("url", headline.line, shape(headline.url)))
        facts.append(_Fact("method", headline.line, headline.method))
    facts += [_Fact("url", sample.line, shape(sample.url)) for sample in page.sample_urls]
    for table in page.code_tables:
        facts += [_Fact("code", row.line, row.code, row.text) for row in table.rows]
    for example in page.examples:
        for fields in example.objects:
            facts += list(_object_facts(fields, field_keys))
    for value_list in page.value_lists:
        for item in value_list.items:
            value, gloss = _term(item.term)
            facts.append(_Fact("value", item.line, value, gloss))
            if item.description:
                facts.append(_Fact("value", item.line, value, item.description))
    return facts


def _term(term: str) -> tuple[str, str | None]:
    """``Delivered (Livré)`` -> ("Delivered", "Livré")."""
    match = re.fullmatch(r"(?P<value>.+?)\s*\((?P<gloss>[^()]+)\)", term)
    return (match.group("value"), match.group("gloss")) if match else (term, None)


_FIELD_ERROR = re.compile(r"children\[\w+\]\.data")


def _object_facts(fields: tuple[ExampleValue, ...], field_keys: set[str]) -> Iterator[_Fact]:
    by_key = {field.key: field for field in fields}
    code = by_key.get("code")
    message = by_key.get("message")
    text = message.value if message is not None and isinstance(message.value, str) else None
    if code is not None and isinstance(code.value, int) and not isinstance(code.value, bool):
        yield _Fact("code", code.line, str(code.value), text)
    element = by_key.get("elementId") or by_key.get("0")
    if element is not None and isinstance(element.value, str) and _FIELD_ERROR.fullmatch(element.value):
        described = message if "elementId" in by_key else by_key.get("1")
        wording = described.value if described is not None and isinstance(described.value, str) else None
        yield _Fact("value", element.line, element.value, wording)
    for field in fields:
        if field.key not in field_keys or field.value == CONTAINER or field.key in ("elementId", "message"):
            continue
        kind = {"errorGrpId": "group", "errorName": "name", "errorDesc": "wording"}.get(field.key, "value")
        yield _Fact(kind, field.line, str(field.value))


# What the catalog says of a page ----------------------------------------------------------------


@dataclass
class _Expected:
    """The catalog's facts about one page, by line."""

    urls: dict[int, list[str]]  # line -> URL shapes
    entries: dict[int, list[tuple[Table, Entry]]]  # line -> entries documented there
    spellings: dict[int, list[tuple[Table, Entry, str, str]]]  # line -> (table, entry, field, value)
    field_lines: dict[int, list[str]]  # line -> field names


def _expected(catalog: Catalog, endpoint: Endpoint, page: str) -> _Expected:
    expected = _Expected({}, {}, {}, {})
    for url in endpoint.urls:
        for line in _lines_on(url.sources, page):
            expected.urls.setdefault(line, []).append(shape(url.url))
    for table in _tables_of(catalog, endpoint):
        for entry in table.entries:
            for line in _lines_on(entry.sources, page):
                expected.entries.setdefault(line, []).append((table, entry))
            for spelling in entry.spellings:
                for line in _lines_on(spelling.sources, page):
                    expected.spellings.setdefault(line, []).append((table, entry, spelling.field, spelling.value))
    for field in endpoint.fields:
        for line in _lines_on(field.sources, page):
            expected.field_lines.setdefault(line, []).append(field.name)
    return expected


def _lines_on(sources: tuple[str, ...], page: str) -> list[int]:
    return [line_of(source) for source in sources if page_of(source) == page]


def _tables_of(catalog: Catalog, endpoint: Endpoint) -> list[Table]:
    ids = [*endpoint.tables, *(field.table for field in endpoint.fields)]
    return [catalog.table(table_id) for table_id in dict.fromkeys(ids)]


def _field_keys(endpoint: Endpoint) -> set[str]:
    return {field.name.rpartition(".")[2].removeprefix("[]") for field in endpoint.fields}


# Comparing ------------------------------------------------------------------------------------------


def compare_page(
    catalog: Catalog, endpoint: Endpoint, page_path: str, page: Page, lines: list[str]
) -> list[PageDifference]:
    """Every difference between one vendored page and what the catalog says of it."""
    return _PageCheck(catalog, endpoint, page_path, page, lines).run()


class _PageCheck:
    """One page against the catalog: its facts one by one, then the catalog's sources nothing printed."""

    def __init__(self, catalog: Catalog, endpoint: Endpoint, page_path: str, page: Page, lines: list[str]) -> None:
        self.catalog = catalog
        self.endpoint = endpoint
        self.page_path = page_path
        self.page = page
        self.lines = lines
        self.expected = _expected(catalog, endpoint, page_path)
        self.found: list[PageDifference] = []
        self.matched: set[tuple[str, int]] = set()  # (kind of source, line) the page satisfies

    def report(self, kind: str, line: int | None, upstream: str | None, ours: str | None) -> None:
        self.found.append(PageDifference(kind, self.page_path, self.endpoint.id, line, upstream, ours))

    def run(self) -> list[PageDifference]:
        endpoint, page = self.endpoint, self.page
        french_title = endpoint.title_in_french and self.page_path == _first_french_page(endpoint)
        if french_title and page.title.strip() != endpoint.title.fr:
            self.report("title", None, page.title.strip(), endpoint.title.fr)
        for fact in page_facts(page, _field_keys(endpoint)):
            self._check(fact)
        self._stale_sources()
        return self.found

    def _check(self, fact: _Fact) -> None:
        if fact.kind == "method":
            if fact.value != self.endpoint.method:
                self.report("method", fact.line, fact.value, self.endpoint.method or "none")
        elif fact.kind == "url":
            if fact.value in self.expected.urls.get(fact.line, []):
                self.matched.add(("url", fact.line))
            else:
                self.report("url_only_upstream", fact.line, fact.value, None)
        elif fact.kind == "code":
            self._check_code(fact)
        elif fact.kind == "group":
            self._check_group(fact)
        elif fact.kind == "wording":
            self._check_wording(fact)
        else:
            self._check_value(fact)

    def _stale_sources(self) -> None:
        expected, lines = self.expected, self.lines
        for line, shapes in expected.urls.items():
            if ("url", line) not in self.matched:
                self.report("source_stale", line, _line_text(lines, line), f"URL {' '.join(shapes)}")
        for line, entries in expected.entries.items():
            if ("entry", line) not in self.matched:
                named = ", ".join(f"{table.id}.{entry.name} ({entry.code})" for table, entry in entries)
                self.report("source_stale", line, _line_text(lines, line), named)
        for line, spellings in expected.spellings.items():
            if ("spelling", line) not in self.matched:
                named = ", ".join(
                    f"{table.id}.{entry.name}: {field} {value!r}" for table, entry, field, value in spellings
                )
                self.report("source_stale", line, _line_text(lines, line), named)
        for line, names in expected.field_lines.items():
            if not _prints_field(lines, line, names, self.page):
                self.report("source_stale", line, _line_text(lines, line), f"field {', '.join(names)}")

    def _check_code(self, fact: _Fact) -> None:
        candidates = [entry for _, entry in self.expected.entries.get(fact.line, []) if str(entry.code) == fact.value]
        if not candidates:
            self.report(
                "code_only_upstream", fact.line, f"{fact.value}: {fact.text}" if fact.text else fact.value, None
            )
            return
        self.matched.add(("entry", fact.line))
        if fact.text is None:
            return
        text, name = _split_name(fact.text)
        for entry in candidates:
            names = {entry.name, *(spelling.value for spelling in entry.spellings if spelling.field == "name")}
            if (name is None or name in names) and _is_wording(text, entry):
                return
        self._wrong_wording(fact.line, fact.text, candidates[0])

    def _wrong_wording(self, line: int, text: str, entry: Entry) -> None:
        # By identity: entries that include one definition are equal, but each is its table's.
        table = next(
            table for table in _tables_of(self.catalog, self.endpoint) if any(entry is e for e in table.entries)
        )
        self.report("wording", line, text, f"{table.id}.{entry.name}: {' | '.join(entry.wordings) or 'no wording'}")

    def _check_group(self, fact: _Fact) -> None:
        groups = {
            group.id
            for field in self.endpoint.fields
            if field.key == "group"
            for group in self.catalog.table(field.table).groups
        }
        if not (fact.value.isdigit() and int(fact.value) in groups):
            self.report("value_only_upstream", fact.line, f"group {fact.value}", None)

    def _check_wording(self, fact: _Fact) -> None:
        if any(_is_wording(fact.value, entry) for _, entry in self.expected.entries.get(fact.line, [])):
            self.matched.add(("entry", fact.line))
        else:
            self.report("value_only_upstream", fact.line, f"wording {fact.value!r}", None)

    def _check_value(self, fact: _Fact) -> None:
        """A field's value (a status, a type, a field error's element) or a listed value; or an HLR error name."""
        entries = self.expected.entries.get(fact.line, [])
        spellings = self.expected.spellings.get(fact.line, [])
        field = "name" if fact.kind == "name" else "code"
        owners = [entry for _, entry in entries if field == "code" and str(entry.code) == fact.value]
        spelled = [entry for _, entry, kind, value in spellings if kind == field and value == fact.value]
        if not owners and not spelled:
            self.report("value_only_upstream", fact.line, f"{field} {fact.value!r}", None)
            return
        if spelled:
            self.matched.add(("spelling", fact.line))
        if owners or any(entry in spelled for _, entry in entries):
            self.matched.add(("entry", fact.line))  # the value, or an entry described here by one of its spellings
        if fact.text is not None and not any(_is_wording(fact.text, entry) for entry in [*owners, *spelled]):
            self._wrong_wording(fact.line, fact.text, (owners or spelled)[0])


def _first_french_page(endpoint: Endpoint) -> str | None:
    """The French page an endpoint's French title comes from."""
    return next((page for page in endpoint.pages if not re.search(r"\.(en|es|it|pt)\.md$", page)), None)


def _line_text(lines: list[str], line: int) -> str:
    return lines[line - 1].strip() if 0 < line <= len(lines) else "(no such line)"


def _prints_field(lines: list[str], line: int, names: list[str], page: Page) -> bool:
    if any(table.line == line for table in page.code_tables):
        return True  # a field whose values a code table of the page lists
    text = _line_text(lines, line).lower()
    return all(name.rpartition(".")[2].removeprefix("[]").lower() in text for name in names)


def _split_name(text: str) -> tuple[str, str | None]:
    """``<code>NO_ERROR:</code> No error.`` -> ("No error.", "NO_ERROR"): the HLR page names each error in its cell."""
    match = re.fullmatch(r"<code>(?P<name>[A-Z0-9_]+):</code>\s*(?P<text>.*)", text)
    return (match.group("text"), match.group("name")) if match else (text, None)


def _is_wording(text: str, entry: Entry) -> bool:
    return any(text == wording or same_wording(text, wording) for wording in entry.wordings)


# All the pages ---------------------------------------------------------------------------------------


class PagesUnreadable(Exception):
    """The pages cannot be compared: a manifest mismatch, an unreadable or unparseable page."""


def check_manifest(pages_dir: Path) -> None:
    """Raise PagesUnreadable unless every file of ``pages_dir`` is in its SHA256SUMS with that digest."""
    manifest = pages_dir / MANIFEST
    try:
        text = manifest.read_text(encoding="utf-8")
    except OSError as error:
        raise PagesUnreadable(f"cannot read {manifest}: {error.strerror}") from None
    recorded: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.fullmatch(r"(?P<digest>[0-9a-f]{64}) [ *]\./(?P<path>.+)", line)
        if match is None:
            raise PagesUnreadable(f"{manifest}:{number}: not a sha256sum line (<digest>  ./<path>)")
        recorded[match.group("path")] = match.group("digest")
    on_disk = sorted(path.relative_to(pages_dir).as_posix() for path in pages_dir.rglob("*") if path.is_file())
    unlisted = [path for path in on_disk if path != MANIFEST and path not in recorded]
    if unlisted:
        raise PagesUnreadable(f"{pages_dir}/{unlisted[0]} is not in {manifest}; record its sha256 or remove it")
    for path, digest in recorded.items():
        target = pages_dir / path
        if not target.is_file():
            raise PagesUnreadable(f"{manifest} lists {path}, which is missing")
        actual = hashlib.sha256(target.read_bytes()).hexdigest()
        if actual != digest:
            raise PagesUnreadable(
                f"{target} has sha256 {actual}, not the {digest} recorded in {manifest};"
                " if the page was updated on purpose, record its new digest"
            )


def compare_pages(catalog: Catalog, pages_dir: Path) -> list[PageDifference]:
    """Every difference between the pages under ``pages_dir`` (SMSPartner's docpartner tree) and the catalog."""
    vendored = sorted(
        PAGES_PREFIX + path.relative_to(pages_dir).as_posix() for path in pages_dir.rglob("*.md") if path.is_file()
    )
    owner = {page: endpoint for endpoint in catalog.endpoints for page in endpoint.pages}
    found: list[PageDifference] = []
    for page in vendored:
        if page not in owner:
            found.append(PageDifference("page_not_in_catalog", page, None))
    for page, endpoint in owner.items():
        if page not in vendored:
            found.append(PageDifference("page_only_in_catalog", page, endpoint.id))
    for page in vendored:
        if page not in owner:
            continue
        path = pages_dir / page.removeprefix(PAGES_PREFIX)
        try:
            parsed = read_endpoint_page(path, page)
        except PageParseError as error:
            raise PagesUnreadable(f"cannot parse {path}: {error.reason} (line {error.line})") from None
        lines = path.read_text(encoding="utf-8").split("\n")
        found += compare_page(catalog, owner[page], page, parsed, lines)
    return sorted(found, key=_order)


def _order(difference: PageDifference) -> tuple[str, str, int, int]:
    return (difference.endpoint or "", difference.page, difference.line or 0, KINDS.index(difference.kind))


# The report --------------------------------------------------------------------------------------------


def report_json(differences: list[PageDifference], pages_dir: str, catalog: Catalog) -> str:
    document = {
        "pages": pages_dir,
        "catalog_version": catalog.version,
        "drift": bool(differences),
        "differences": [difference.as_json() for difference in differences],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_SAYS = {
    "page_not_in_catalog": "a vendored page no endpoint lists",
    "page_only_in_catalog": "listed by the endpoint, but not vendored",
    "title": "the French page's title differs from the endpoint's",
    "method": "the headline's method differs from the endpoint's",
    "url_only_upstream": "a URL the endpoint does not list at this line",
    "code_only_upstream": "a code no entry documents at this line",
    "value_only_upstream": "a value no entry documents at this line",
    "wording": "a text that is none of the entry's wordings",
    "source_stale": "the catalog has a source here, but the line does not print it",
}


def report_text(differences: list[PageDifference], pages_dir: str, catalog: Catalog) -> str:
    pages = len({page for endpoint in catalog.endpoints for page in endpoint.pages})
    if not differences:
        return (
            f"{pages_dir} and the catalog (catalog_version {catalog.version}) agree:"
            f" {len(catalog.endpoints)} endpoints, {pages} pages.\n"
        )
    lines = [
        f"{pages_dir} differs from the catalog (catalog_version {catalog.version}): {len(differences)} differences."
    ]
    heading = ""
    for difference in differences:
        this = f"{difference.endpoint or 'no endpoint'}, page {difference.page}"
        if this != heading:
            heading = this
            lines += ["", this]
        at = f"line {difference.line}: " if difference.line else ""
        lines.append(f"  {at}{_SAYS[difference.kind]}")
        if difference.upstream is not None:
            lines.append(f"      page:    {difference.upstream}")
        if difference.catalog is not None:
            lines.append(f"      catalog: {difference.catalog}")
    return "\n".join(_printable(line) for line in lines) + "\n"


def _printable(line: str) -> str:
    return re.sub("[\x00-\x1f\x7f-\x9f]", lambda match: f"\\x{ord(match.group()):02x}", line)


def run(catalog: Catalog, pages_dir: Path, as_json: bool, check_digests: bool) -> int:
    """Print the report of the pages under ``pages_dir``; return the exit status."""
    try:
        if check_digests:
            check_manifest(pages_dir)
        differences = compare_pages(catalog, pages_dir)
    except PagesUnreadable as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CANNOT_COMPARE
    render = report_json if as_json else report_text
    sys.stdout.write(render(differences, str(pages_dir), catalog))
    return EXIT_DRIFT if differences else EXIT_AGREE


def run_all(
    catalog_dir: Path, pages_dir: Path | None, seed_page: Path | None, sha256_file: Path | None, as_json: bool
) -> int:
    """``python -m codegen upstream`` without a page: the error-code page, then every endpoint page.

    The seed page is compared by ``codegen.maintenance.drift``; the pages under ``pages_dir`` (by default
    the catalog's ``upstream/docpartner``, checked against its SHA256SUMS) by this module.
    The exit status is the worse of the two: 2 if either could not compare, else 1 on drift.
    """
    from codegen.catalog import load_catalog
    from codegen.maintenance.drift import run as run_seed
    from codegen.problems import CatalogInvalid

    upstream = catalog_dir / "upstream"
    page = seed_page or upstream / "error-codes.fr.md"
    digest = sha256_file or (upstream / "error-codes.fr.md.sha256" if seed_page is None else None)
    seed_status = run_seed(page, catalog_dir, as_json, digest)
    try:
        catalog = load_catalog(catalog_dir)
    except CatalogInvalid:
        return EXIT_CANNOT_COMPARE  # run_seed printed the problems
    default_pages = pages_dir is None
    pages_status = run(
        catalog,
        pages_dir or upstream / "docpartner",
        as_json,
        check_digests=default_pages or (pages_dir is not None and (pages_dir / MANIFEST).exists()),
    )
    return max(seed_status, pages_status)
