"""The Markdown docs, parsed as a Markdown reader would (markdown-it-py, CommonMark + GFM tables).

Every entry is one table row with its anchor, its code, its name and its text, and under
SMSPartner's text its other wordings and its sources; every row has as many cells as its
header; the home page leads from each endpoint to its tables and lists every table once, in
its section; HLR pages have one section per group; the endpoints page has a row per
endpoint, the disagreements page a section per disagreement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from codegen.labels import LABELS
from codegen.model import LANGUAGES, Catalog, Entry, Language, Table
from codegen.render import docs
from tests.conftest import expected_sections

# The columns of a table page, per language (the permanent column only where the table has the flag).
CODE, NAME, PERMANENT, MESSAGE, FRENCH = "code", "name", "permanent", "message", "french"
FINAL, SUCCESS, HINT = "final", "success", "hint"
HEADERS: dict[Language, dict[str, str]] = {
    "fr": {
        CODE: "Code",
        NAME: "Nom",
        PERMANENT: "Permanent",
        FINAL: "Final",
        SUCCESS: "Succès",
        MESSAGE: "Message",
        HINT: "Que faire (en anglais)",
    },
    "en": {
        CODE: "Code",
        NAME: "Name",
        PERMANENT: "Permanent",
        FINAL: "Final",
        SUCCESS: "Success",
        MESSAGE: "Message",
        HINT: "What to do",
        FRENCH: "SMSPartner's text (as the API returns it)",
    },
}
YES_NO: dict[Language, dict[bool, str]] = {"fr": {True: "oui", False: "non"}, "en": {True: "yes", False: "no"}}
GROUP_WORD: dict[Language, str] = {"fr": "groupe", "en": "group"}

_ANCHOR_TAG = re.compile(r'^<a id="(?P<id>[^"]*)">$')
_NOT_IN_ANCHOR = re.compile(r"[^A-Za-z0-9_]+")


@dataclass
class MdTable:
    """A Markdown table as parsed: the inline token of each cell, and the source line of each row."""

    section: str | None
    subsection: str | None
    header: list[Token]
    header_line: str
    separator_line: str
    rows: list[list[Token]] = field(default_factory=list)
    row_lines: list[str] = field(default_factory=list)


@dataclass
class MdPage:
    title: str
    headings: list[tuple[str, str]]  # (h2 text, text of the paragraph that follows it)
    tables: list[MdTable]
    links: list[str]


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def plain(inline: Token) -> str:
    """The text a reader sees in an inline token: text and code spans; raw HTML tags are left out."""
    return "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))


_SPAN_OPEN = re.compile(r'^<span(?: class="(?P<class>[a-z-]+)")?(?: lang="(?P<lang>[a-z]+)")?>$')


def spans(inline: Token) -> tuple[list[Token], dict[str, list[list[Token]]]]:
    """A cell's own tokens (outside any ``<span>``), and the tokens of each span of each class, in order."""
    own: list[Token] = []
    found: dict[str, list[list[Token]]] = {}
    opened: list[str] = []
    for child in inline.children or []:
        match = _SPAN_OPEN.match(child.content) if child.type == "html_inline" else None
        if match:
            opened.append(match["class"] or f"lang-{match['lang']}")
            found.setdefault(opened[-1], []).append([])
        elif child.type == "html_inline" and child.content == "</span>":
            assert opened, inline.content
            opened.pop()
        elif opened:
            for name in opened:
                found[name][-1].append(child)
        else:
            own.append(child)
    assert not opened, f"a <span> is not closed: {inline.content}"
    return own, found


def tokens_text(tokens: list[Token]) -> str:
    return "".join(token.content for token in tokens if token.type in ("text", "code_inline"))


def child_types(inline: Token) -> list[str]:
    return [child.type for child in inline.children or []]


def raw_cells(line: str) -> list[str]:
    """The cells of a GFM table line, split on pipes not escaped by a backslash."""
    cells: list[str] = []
    current: list[str] = []
    escaped = False
    for char in line.strip():
        if char == "|" and not escaped:
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        escaped = char == "\\" and not escaped
    cells.append("".join(current))
    if cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _rows(tokens: list[Token]) -> list[tuple[int, list[Token]]]:
    """The rows of one table's tokens: the source line number of each, and the inline token of each cell."""
    rows: list[tuple[int, list[Token]]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            assert token.map is not None
            rows.append((token.map[0], []))
        elif token.type in ("th_open", "td_open"):
            rows[-1][1].append(tokens[index + 1])
    return rows


def _tables(tokens: list[Token], lines: list[str]) -> list[MdTable]:
    tables: list[MdTable] = []
    section: str | None = None
    subsection: str | None = None
    start = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            section, subsection = plain(tokens[index + 1]), None
        elif token.type == "heading_open" and token.tag == "h3":
            subsection = plain(tokens[index + 1])
        elif token.type == "table_open":
            start = index
        elif token.type == "table_close":
            (header_number, header), *rows = _rows(tokens[start:index])
            tables.append(
                MdTable(
                    section=section,
                    subsection=subsection,
                    header=header,
                    header_line=lines[header_number],
                    separator_line=lines[header_number + 1],
                    rows=[cells for _, cells in rows],
                    row_lines=[lines[number] for number, _ in rows],
                )
            )
    return tables


def _headings(tokens: list[Token]) -> tuple[str, list[tuple[str, str]]]:
    """The h1 text, and each h2 text with the paragraph right after it ("" when there is none)."""
    title = ""
    headings: list[tuple[str, str]] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = plain(tokens[index + 1])
        if token.tag == "h1":
            title = text
        elif token.tag == "h2":
            # heading_open, inline, heading_close, then paragraph_open and its inline, if any.
            after = tokens[index + 3 : index + 5]
            paragraph = plain(after[1]) if [t.type for t in after] == ["paragraph_open", "inline"] else ""
            headings.append((text, paragraph))
    return title, headings


@cache
def parse_page(path: Path) -> MdPage:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tokens = _parser().parse(source)
    title, headings = _headings(tokens)
    links = [
        str(child.attrs["href"])
        for token in tokens
        if token.type == "inline"
        for child in token.children or []
        if child.type == "link_open"
    ]
    return MdPage(title=title, headings=headings, tables=_tables(tokens, lines), links=links)


def expected_anchor(table: Table, entry: Entry) -> str:
    """``<table id>-<code>``; an alias shares its code, so it is named by its name."""
    key = entry.name if entry.alias_of is not None else str(entry.code)
    return f"{table.id}-{_NOT_IN_ANCHOR.sub('-', key).strip('-')}"


def row_anchor(code_cell: Token) -> str | None:
    tags = [child.content for child in code_cell.children or [] if child.type == "html_inline"]
    for tag in tags:
        match = _ANCHOR_TAG.match(tag)
        if match:
            return match.group("id")
    return None


def columns(table: Table, language: Language) -> list[str]:
    """The columns of a table page: never more than code, name, three flags and three texts, whatever the data."""
    roles = [CODE, NAME] + ([PERMANENT] if table.has_permanent else [])
    roles += [FINAL, SUCCESS] if table.kind == "status" else []
    roles += [MESSAGE] + ([HINT] if any(entry.hint for entry in table.entries) else [])
    return roles + ([FRENCH] if language == "en" else [])


def record_column(language: Language) -> str:
    """The column of SMSPartner's text, under which its other wordings and sources are: French first, else its own."""
    return MESSAGE if language == "fr" else FRENCH


@pytest.fixture(scope="module")
def docs_dir(root: Path) -> Path:
    return root / "generated" / "docs"


def table_page(docs_dir: Path, language: Language, table: Table) -> MdPage:
    return parse_page(docs_dir / language / f"{table.id}.md")


def test_docs_hold_an_index_and_one_page_per_table(docs_dir: Path, catalog: Catalog) -> None:
    expected = {"index.md", "endpoints.md", "disagreements.md"} | {f"{table.id}.md" for table in catalog.tables}
    for language in LANGUAGES:
        assert {path.name for path in (docs_dir / language).glob("*.md")} == expected, language


def test_every_row_has_as_many_cells_as_its_header(docs_dir: Path) -> None:
    pages = sorted(docs_dir.glob("*/*.md"))
    assert pages
    checked = 0
    for path in pages:
        page = parse_page(path)
        assert page.tables or path.stem == "disagreements", path
        for table in page.tables:
            width = len(raw_cells(table.header_line))
            assert width == len(table.header) > 0, path
            assert len(raw_cells(table.separator_line)) == width, f"{path}: {table.separator_line}"
            for line, row in zip(table.row_lines, table.rows, strict=True):
                assert len(raw_cells(line)) == width, f"{path}: {line}"
                assert len(row) == width, f"{path}: {line}"
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_pages_have_the_expected_columns_and_title(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        assert page.title == table.title.in_language(language), table.id
        expected = [HEADERS[language][role] for role in columns(table, language)]
        for md_table in page.tables:
            assert [plain(cell) for cell in md_table.header] == expected, table.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_one_row_in_order(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        rows = [row for md_table in page.tables for row in md_table.rows]
        role = {name: position for position, name in enumerate(columns(table, language))}
        assert [row_anchor(row[role[CODE]]) for row in rows] == [
            expected_anchor(table, entry) for entry in table.entries
        ], table.id
        assert [plain(row[role[CODE]]) for row in rows] == [str(entry.code) for entry in table.entries], table.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_anchors_are_unique_per_page(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        anchors = [row_anchor(row[0]) for md_table in page.tables for row in md_table.rows]
        assert None not in anchors, table.id
        assert len(set(anchors)) == len(anchors), table.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_message_cells_are_the_entry_texts(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    notes = 0
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        rows = [row for md_table in page.tables for row in md_table.rows]
        role = {name: position for position, name in enumerate(columns(table, language))}
        assert len(rows) == len(table.entries), table.id
        for row, entry in zip(rows, table.entries, strict=True):
            where = f"{table.id} {entry.name}"
            own, parts = spans(row[role[MESSAGE]])
            # Only plain text: any Markdown syntax in a text must have been escaped.
            assert {token.type for token in own} == {"text"}, f"{where}: {row[role[MESSAGE]].content}"
            assert tokens_text(own) == entry.message.in_language(language), where
            if language == "fr":
                # SMSPartner's text is French but where its pages give English only, or nothing (our English).
                expected_note = {"fr": None, "en": "message_language_en", None: "message_language_none"}
                key = expected_note[entry.message_language]
                shown = [tokens_text(tokens) for tokens in parts.get("text-note", [])]
                assert shown == ([f" ({LABELS['fr'][key]})"] if key else []), where
                notes += key is not None
            else:
                assert set(parts) == set(), f"{where}: our English, alone"
                french, parts = spans(row[role[FRENCH]])
                assert {token.type for token in french} == {"text"}, f"{where}: {row[role[FRENCH]].content}"
                # A dash where SMSPartner gives the code without a text (message_language None).
                assert tokens_text(french) == (entry.message.fr if entry.message_language else "—"), where
    assert notes > 0 if language == "fr" else notes == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_other_wordings_and_sources_are_under_smspartners_text(
    docs_dir: Path, catalog: Catalog, language: Language
) -> None:
    """No column of their own: a line each under the text, which a Markdown reader shows and the site folds."""
    labels = LABELS[language]
    seen = {"wordings": 0, "sources": 0}
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        rows = [row for md_table in page.tables for row in md_table.rows]
        role = {name: position for position, name in enumerate(columns(table, language))}
        for row, entry in zip(rows, table.entries, strict=True):
            where = f"{table.id} {entry.name}"
            cell = row[role[record_column(language)]]
            _, parts = spans(cell)
            kinds = [child.content for child in cell.children or [] if child.content.startswith('<span class="')]
            assert kinds == [
                kind
                for kind, present in (
                    ('<span class="text-note">', language == "fr" and entry.message_language != "fr"),
                    ('<span class="wordings">', bool(entry.variants)),
                    ('<span class="sources">', bool(entry.sources)),
                )
                if present
            ], where
            if entry.variants:
                (wordings,) = parts["wordings"]
                assert tokens_text(wordings).startswith(f"{labels['variants']}{labels['colon']} "), where
                assert [tokens_text(tokens) for tokens in parts["lang-" + entry.variants[0].language]][:1] == [
                    entry.variants[0].text
                ], where
                by_language = {
                    language: [tokens_text(tokens) for tokens in parts.get(f"lang-{language}", [])]
                    for language in {variant.language for variant in entry.variants}
                }
                assert by_language == {
                    language: [variant.text for variant in entry.variants if variant.language == language]
                    for language in by_language
                }, where
                # Each wording is followed by its language, in the order of the catalog.
                assert tokens_text(wordings).endswith(f" ({entry.variants[-1].language})"), where
                seen["wordings"] += 1
            if entry.sources:
                (sources,) = parts["sources"]
                assert tokens_text(sources).startswith(f"{labels['sources']}{labels['colon']} "), where
                listed = [token.content for token in sources if token.type == "code_inline"]
                assert listed == docs.compact_sources(entry.sources), where
                seen["sources"] += 1
    assert seen["wordings"] >= 150 and seen["sources"] >= 200, seen


def test_sources_name_each_page_once_with_its_lines() -> None:
    assert docs.compact_sources(
        ("docpartner/SMS/a.md:3", "docpartner/SMS/a.md:5", "docpartner/SMS/a.en.md:4", "error-codes.fr.md:9")
    ) == ["SMS/a.md:3,5", "SMS/a.en.md:4", "error-codes.fr.md:9"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_name_and_permanent_cells(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        rows = [row for md_table in page.tables for row in md_table.rows]
        role = {name: position for position, name in enumerate(columns(table, language))}
        for row, entry in zip(rows, table.entries, strict=True):
            name = row[role[NAME]]
            code_spans = [child.content for child in name.children or [] if child.type == "code_inline"]
            if entry.alias_of is None:
                assert code_spans == [entry.name], f"{table.id} {entry.name}"
            else:
                assert code_spans == [entry.name, entry.alias_of], f"{table.id} {entry.name}"
            if table.has_permanent:
                assert entry.permanent is not None
                assert plain(row[role[PERMANENT]]) == YES_NO[language][entry.permanent], f"{table.id} {entry.name}"
                # A set flag is bold, to stand out at a glance.
                bold = "strong_open" in child_types(row[role[PERMANENT]])
                assert bold == entry.permanent, f"{table.id} {entry.name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_flags_and_hints(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    flags_seen = hints_seen = 0
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        rows = [row for md_table in page.tables for row in md_table.rows]
        role = {name: position for position, name in enumerate(columns(table, language))}
        for row, entry in zip(rows, table.entries, strict=True):
            where = f"{table.id} {entry.name}"
            if table.kind == "status":
                for column, value in ((FINAL, entry.final), (SUCCESS, entry.success)):
                    assert value is not None, where
                    assert plain(row[role[column]]) == YES_NO[language][value], where
                    assert ("strong_open" in child_types(row[role[column]])) == value, where
                    flags_seen += 1
            if HINT in role:
                # Hints are written in English only: both languages show the same text.
                assert plain(row[role[HINT]]) == (entry.hint or ""), where
                hints_seen += entry.hint is not None
    assert flags_seen > 0 and hints_seen > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_alias_rows_link_to_the_canonical_anchor(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    aliases = 0
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        rows = [row for md_table in page.tables for row in md_table.rows]
        anchors = {row_anchor(row[0]) for row in rows}
        for row, entry in zip(rows, table.entries, strict=True):
            links = [str(child.attrs["href"]) for child in row[1].children or [] if child.type == "link_open"]
            links = [link for link in links if link.startswith("#")]  # not the links to a disagreement
            if entry.alias_of is None:
                assert links == [], f"{table.id} {entry.name}"
                continue
            aliases += 1
            canonical = next(other for other in table.entries if other.name == entry.alias_of)
            assert links == [f"#{expected_anchor(table, canonical)}"], f"{table.id} {entry.name}"
            assert expected_anchor(table, canonical) in anchors
    assert aliases == sum(len(table.aliases) for table in catalog.tables) > 0


def links(inline: Token) -> list[str]:
    return [str(child.attrs["href"]) for child in inline.children or [] if child.type == "link_open"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_lists_every_table_once_in_its_section(
    docs_dir: Path, catalog: Catalog, language: Language
) -> None:
    labels = LABELS[language]
    page = parse_page(docs_dir / language / "index.md")
    listed = [md_table for md_table in page.tables if md_table.section == labels["every_table"]]
    sections = expected_sections(catalog)
    assert [md_table.subsection for md_table in listed] == [labels[key] for key, _ in sections]
    assert len(sections) == 6  # the error page, four products, the vocabularies
    for md_table, (_, table_ids) in zip(listed, sections, strict=True):
        rows = [
            (plain(row[0]), links(row[0]), plain(row[1]), plain(row[2]), plain(row[3]), plain(row[4]))
            for row in md_table.rows
        ]
        assert rows == [
            (
                table.title.in_language(language),
                [f"{table.id}.md"],
                table.id,
                table.enum,
                labels[f"kind_{table.kind}"],
                str(len(table.canonical_entries)),
            )
            for table in map(catalog.table, table_ids)
        ]
    assert sorted(table_id for _, ids in sections for table_id in ids) == sorted(table.id for table in catalog.tables)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_leads_from_each_endpoint_to_its_tables(
    docs_dir: Path, catalog: Catalog, language: Language
) -> None:
    """A reader looks for the URL they called, and finds the tables its codes are read with, in order."""
    labels = LABELS[language]
    page = parse_page(docs_dir / language / "index.md")
    guide = [md_table for md_table in page.tables if md_table.section == labels["find_call"]]
    products = list(dict.fromkeys(endpoint.product for endpoint in catalog.endpoints))
    assert [md_table.subsection for md_table in guide] == [labels[f"product_{product}"] for product in products]
    for md_table, product in zip(guide, products, strict=True):
        endpoints = [endpoint for endpoint in catalog.endpoints if endpoint.product == product]
        assert [plain(cell) for cell in md_table.header] == [labels["call"], labels["tables_in_order"]]
        for row, endpoint in zip(md_table.rows, endpoints, strict=True):
            call, tables = row
            assert links(call) == [f"endpoints.md#endpoint-{endpoint.id.replace('.', '-')}"], endpoint.id
            urls = [url for url in endpoint.urls if not url.misprint]  # the URLs it owns: no misprint
            expected = "".join(f"{endpoint.method} {url.url}" for url in urls) or labels["push"]
            assert plain(call) == endpoint.title.in_language(language) + expected, endpoint.id
            assert links(tables) == [f"{table_id}.md" for table_id in endpoint.tables], endpoint.id
            if not endpoint.tables:
                assert plain(tables) == labels["no_codes"], endpoint.id
        assert len(md_table.rows) == len(endpoints)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_endpoints_page_has_a_row_per_endpoint_under_its_product(
    docs_dir: Path, catalog: Catalog, language: Language
) -> None:
    labels = LABELS[language]
    page = parse_page(docs_dir / language / "endpoints.md")
    products = list(dict.fromkeys(endpoint.product for endpoint in catalog.endpoints))
    assert [md_table.section for md_table in page.tables] == [labels[f"product_{product}"] for product in products]
    rows = [row for md_table in page.tables for row in md_table.rows]
    assert len(rows) == len(catalog.endpoints)
    for row, endpoint in zip(rows, catalog.endpoints, strict=True):
        first, urls, tables, fields = row
        assert row_anchor(first) == f"endpoint-{endpoint.id.replace('.', '-')}"
        own, parts = spans(first)
        assert tokens_text(own).startswith(endpoint.title.in_language(language) + endpoint.id), endpoint.id
        (pages,) = parts["sources"]
        assert [token.content for token in pages if token.type == "code_inline"] == [
            page.removeprefix("docpartner/") for page in endpoint.pages
        ]
        assert [token.content for token in urls.children or [] if token.type == "code_inline"] == [
            url.url for url in endpoint.urls
        ]
        assert plain(urls).count(f"({labels['misprint']})") == sum(url.misprint for url in endpoint.urls)
        assert links(tables) == [f"{table_id}.md" for table_id in endpoint.tables]
        assert links(fields) == [f"{field.table}.md" for field in endpoint.fields]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_disagreements_page_has_a_section_per_disagreement(
    docs_dir: Path, catalog: Catalog, language: Language
) -> None:
    labels = LABELS[language]
    text = (docs_dir / language / "disagreements.md").read_text(encoding="utf-8")
    page = parse_page(docs_dir / language / "disagreements.md")
    kinds = [kind for kind in ("meaning", "code", "url", "field") if any(d.kind == kind for d in catalog.disagreements)]
    assert [heading for heading, _ in page.headings] == [
        f"{labels[f'kind_{kind}_title']} ({sum(d.kind == kind for d in catalog.disagreements)})" for kind in kinds
    ]
    order = sorted(catalog.disagreements, key=lambda item: kinds.index(item.kind))
    sections = text.split("\n### ")[1:]
    assert len(sections) == len(catalog.disagreements)
    for section, item in zip(sections, order, strict=True):
        assert section.startswith(f"`{item.id}`\n"), item.id
        # Its anchor stands just before its heading: the rows of its sides link to it.
        before = text[: text.index(f"\n### `{item.id}`\n")]
        assert before.rstrip().endswith(f'<a id="disagreement-{item.id}"></a>'), item.id
        assert section.count("\n- ") == len(item.sides), item.id
        for side in item.sides:
            assert f"`{side.source.removeprefix('docpartner/')}`" in section, (item.id, side.source)
            if side.entry:
                assert f"[`{side.entry}`](" in section, (item.id, side.entry)
        if item.reading is None:
            reading = labels["both_kept"]
        else:  # an entry is linked to its row; a URL is not linked
            reading = f"`{item.reading}`" if "/" in item.reading else f"[`{item.reading}`]("
        assert f"**{labels['reading_chosen']}**{labels['colon']} {reading}" in section, item.id


@pytest.mark.parametrize("language", LANGUAGES)
def test_grouped_pages_have_one_section_per_group(docs_dir: Path, catalog: Catalog, language: Language) -> None:
    grouped = 0
    for table in catalog.tables:
        page = table_page(docs_dir, language, table)
        if not table.groups:
            assert page.headings == [], table.id
            assert len(page.tables) == 1, table.id
            continue
        grouped += 1
        assert page.headings == [
            (f"{group.name} ({GROUP_WORD[language]} {group.id})", group.description.in_language(language))
            for group in table.groups
        ], table.id
        # Under each heading, one table with exactly that group's entries.
        by_section = {md_table.section: md_table for md_table in page.tables}
        assert len(by_section) == len(page.tables) == len(table.groups), table.id
        for group, (heading, _) in zip(table.groups, page.headings, strict=True):
            anchors = [row_anchor(row[0]) for row in by_section[heading].rows]
            assert anchors == [expected_anchor(table, entry) for entry in table.entries_in_group(group.id)]
    assert grouped == sum(1 for table in catalog.tables if table.groups) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_relative_links_resolve(docs_dir: Path, language: Language) -> None:
    for path in sorted((docs_dir / language).glob("*.md")):
        for href in parse_page(path).links:
            if href.startswith("#"):
                continue
            target, _, fragment = href.partition("#")
            assert (path.parent / target).is_file(), f"{path.name}: {href}"
            if fragment:  # a link to one code: the anchor is on the target page
                assert f'<a id="{fragment}"></a>' in (path.parent / target).read_text(encoding="utf-8"), href


def test_a_column_is_added_in_one_place(catalog: Catalog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """One more entry in COLUMNS, with its label and help, reaches every table page and the home page's guide."""
    extra = docs.Column("extra", "extra_help", lambda _table, _language: True, lambda row: row.entry.name.lower())
    monkeypatch.setattr(docs, "COLUMNS", (*docs.COLUMNS, extra))
    for language in LANGUAGES:
        monkeypatch.setitem(docs.LABELS[language], "extra", f"Extra {language}")
        monkeypatch.setitem(docs.LABELS[language], "extra_help", f"help {language}")
    for path, content in docs.render_docs(catalog).artefacts.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(content)
    for language in LANGUAGES:
        home = (tmp_path / "docs" / language / "index.md").read_text(encoding="utf-8")
        assert f"- **Extra {language}**{docs.LABELS[language]['colon']} help {language}" in home
        for table in catalog.tables:
            page = parse_page(tmp_path / "docs" / language / f"{table.id}.md")
            for md_table in page.tables:
                assert plain(md_table.header[-1]) == f"Extra {language}", table.id
            rows = [row for md_table in page.tables for row in md_table.rows]
            assert [plain(row[-1]) for row in rows] == [entry.name.lower() for entry in table.entries]
