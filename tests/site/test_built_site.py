"""The built site, read as HTML: every code's anchor in both languages, alias links, flags,
group sections, language links, the menu's sections, the accent-blind search index, the index
of codes the search page reads, the columns of the tables, verbatim texts with their other
wordings and folded sources, the endpoints and the disagreements, and a second build
byte-identical to the first."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from codegen.labels import LABELS
from codegen.model import LANGUAGES, Catalog, Entry, Language, Table
from codegen.render.docs import compact_sources
from tests.conftest import expected_sections, site_order

pytestmark = pytest.mark.site

OTHER: dict[Language, Language] = {"fr": "en", "en": "fr"}
YES: dict[Language, str] = {"fr": "oui", "en": "yes"}
GROUP_WORD: dict[Language, str] = {"fr": "groupe", "en": "group"}


def expected_anchor(table: Table, entry: Entry) -> str:
    """``<table id>-<code>``; an alias shares its code, so it is named by its name."""
    key = entry.name if entry.alias_of is not None else str(entry.code)
    return f"{table.id}-{re.sub(r'[^A-Za-z0-9_]+', '-', key).strip('-')}"


@dataclass
class Row:
    id: str | None
    text: str = ""
    links: list[str] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    wordings: list[tuple[str, str]] = field(default_factory=list)  # (text, lang) of the spans with a lang
    summaries: list[str] = field(default_factory=list)  # of its <details>
    folded: list[str] = field(default_factory=list)  # the text of each <details>, its summary left out


@dataclass
class Page:
    ids: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    links: list[tuple[str, list[str], str | None]] = field(default_factory=list)  # href, classes, lang
    h2: list[str] = field(default_factory=list)
    text: str = ""


class _PageParser(HTMLParser):
    """Collects ids, the rows of tables with their text, links, bold words, wordings and folded parts,
    h2 titles and links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.row: Row | None = None
        self.in_strong = False
        self.h2: list[str] | None = None
        self.text: list[str] = []
        self.wording: tuple[list[str], str] | None = None
        self.summary: list[str] | None = None
        self.folded: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.append(str(attributes["id"]))
        if tag == "tr":
            self.row = Row(attributes.get("id"))
            self.page.rows.append(self.row)
        elif tag == "a" and attributes.get("href"):
            href = str(attributes["href"])
            self.page.links.append((href, str(attributes.get("class") or "").split(), attributes.get("lang")))
            if self.row is not None:
                self.row.links.append(href)
        elif tag == "strong":
            self.in_strong = True
        elif tag == "h2":
            self.h2 = []
        elif tag == "span" and attributes.get("lang") and self.row is not None:
            self.wording = ([], str(attributes["lang"]))
        elif tag == "details" and self.row is not None:
            self.folded = []
        elif tag == "summary" and self.folded is not None:
            self.summary = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self.row = None
        elif tag == "strong":
            self.in_strong = False
        elif tag == "span" and self.wording is not None and self.row is not None:
            self.row.wordings.append(("".join(self.wording[0]), self.wording[1]))
            self.wording = None
        elif tag == "summary" and self.summary is not None and self.row is not None:
            self.row.summaries.append("".join(self.summary))
            self.summary = None
        elif tag == "details" and self.folded is not None and self.row is not None:
            self.row.folded.append(" ".join("".join(self.folded).split()))
            self.folded = None
        elif tag == "h2" and self.h2 is not None:
            self.page.h2.append("".join(self.h2).replace("¶", "").strip())
            self.h2 = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.row is not None:
            self.row.text += data
            if self.in_strong:
                self.row.strong.append(data)
        if self.h2 is not None:
            self.h2.append(data)
        if self.wording is not None:
            self.wording[0].append(data)
        if self.summary is not None:
            self.summary.append(data)
        elif self.folded is not None:
            self.folded.append(data + " ")


@cache
def parse(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.page.text = "".join(parser.text)
    return parser.page


def table_rows(site: Path, language: Language, table: Table) -> list[Row]:
    return [row for row in parse(site / language / f"{table.id}.html").rows if row.id is not None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_has_its_anchor_on_its_row(site: Path, catalog: Catalog, language: Language) -> None:
    for table in catalog.tables:
        page = parse(site / language / f"{table.id}.html")
        anchors = [row.id for row in table_rows(site, language, table)]
        assert anchors == [expected_anchor(table, entry) for entry in table.entries], table.id
        assert len(set(page.ids)) == len(page.ids), f"{table.id}: an id is used twice"


@pytest.mark.parametrize("language", LANGUAGES)
def test_rows_show_the_texts_verbatim_and_the_flags(site: Path, catalog: Catalog, language: Language) -> None:
    for table in catalog.tables:
        for row, entry in zip(table_rows(site, language, table), table.entries, strict=True):
            assert entry.message.in_language(language) in row.text, f"{table.id} {entry.name}"
            assert entry.message.fr in row.text, f"{table.id} {entry.name}: the French text, as the API sends it"
            assert entry.name in row.text
            # Each set flag (permanent, final, success) is one bold "yes", in column order.
            flags = [entry.permanent, entry.final, entry.success]
            assert row.strong == [YES[language]] * flags.count(True), f"{table.id} {entry.name}"
            if entry.hint:
                assert entry.hint in row.text, f"{table.id} {entry.name}: the hint"


@pytest.mark.parametrize("language", LANGUAGES)
def test_rows_show_their_other_wordings_and_fold_their_sources(
    site: Path, catalog: Catalog, language: Language
) -> None:
    """Under SMSPartner's text: each other wording with its language, then "Sources (n)", which opens onto them."""
    seen = 0
    for table in catalog.tables:
        for row, entry in zip(table_rows(site, language, table), table.entries, strict=True):
            where = f"{table.id} {entry.name}"
            assert row.wordings == [(variant.text, variant.language) for variant in entry.variants], where
            pages = compact_sources(entry.sources)
            assert row.summaries == ([f"{LABELS[language]['sources']} ({len(pages)})"] if pages else []), where
            assert row.folded == ([" ".join(pages)] if pages else []), where
            seen += bool(entry.variants) + bool(entry.sources)
    assert seen > 300


@pytest.mark.parametrize("language", LANGUAGES)
def test_alias_rows_link_to_their_canonical_row(site: Path, catalog: Catalog, language: Language) -> None:
    aliases = 0
    for table in catalog.tables:
        anchors = {entry.name: expected_anchor(table, entry) for entry in table.entries}
        for row, entry in zip(table_rows(site, language, table), table.entries, strict=True):
            links = [link for link in row.links if not link.startswith("disagreements.html")]
            if entry.alias_of is None:
                assert links == [], f"{table.id} {entry.name}"
            else:
                aliases += 1
                assert links == [f"#{anchors[entry.alias_of]}"], f"{table.id} {entry.name}"
    assert aliases > 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_disagreement_shows_on_both_rows_and_on_its_page(site: Path, catalog: Catalog, language: Language) -> None:
    page = parse(site / language / "disagreements.html")
    checked = 0
    for item in catalog.disagreements:
        anchor = f"disagreement-{item.id}"
        assert anchor in page.ids, item.id
        for side in item.sides:
            if side.entry is None:
                continue
            table_id, _, name = side.entry.partition(".")
            table = catalog.table(table_id)
            rows = dict(zip((entry.name for entry in table.entries), table_rows(site, language, table), strict=True))
            assert f"disagreements.html#{anchor}" in rows[name].links, (item.id, side.entry)
            checked += 1
    assert checked >= 2 * 26


def menu(site: Path, language: Language) -> list[tuple[str, list[str]]]:
    """The sections of the site's menu (the left sidebar) on the home page: each caption and its pages."""
    html = (site / language / "index.html").read_text(encoding="utf-8")
    sidebar = html[html.index('<div class="sidebar-tree">') :]
    sidebar = sidebar[: sidebar.index("</div>")]
    parts = re.split(r'<p class="caption" role="heading"><span class="caption-text">(.*?)</span></p>', sidebar)[1:]
    return [
        (caption, [href.removesuffix(".html") for href in re.findall(r'reference internal" href="([^"#]+)"', pages)])
        for caption, pages in zip(parts[::2], parts[1::2], strict=True)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_has_the_overview_then_the_tables_in_the_sections_of_the_home_page(
    site: Path, catalog: Catalog, language: Language
) -> None:
    labels = LABELS[language]
    assert menu(site, language) == [
        (labels["nav_overview"], ["endpoints", "disagreements", "developer"]),
        *((labels[key], table_ids) for key, table_ids in expected_sections(catalog)),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_endpoints_page_has_an_anchored_row_per_endpoint(site: Path, catalog: Catalog, language: Language) -> None:
    page = parse(site / language / "endpoints.html")
    rows = [row for row in page.rows if row.id is not None]
    assert [row.id for row in rows] == [f"endpoint-{endpoint.id.replace('.', '-')}" for endpoint in catalog.endpoints]
    for row, endpoint in zip(rows, catalog.endpoints, strict=True):
        assert endpoint.title.in_language(language) in row.text and endpoint.id in row.text
        assert [f"{table_id}.html" for table_id in endpoint.tables] == [
            link for link in row.links if not link.startswith(("disagreements.html", "endpoints.html"))
        ][: len(endpoint.tables)]
        # Its pages are folded, as a table row's sources are.
        assert row.summaries == [f"{LABELS[language]['pages']} ({len(endpoint.pages)})"]
    html = (site / language / "endpoints.html").read_text(encoding="utf-8")
    # A listing, laid out as the tables of codes are on a laptop and a phone; not in the index of codes.
    products = {endpoint.product for endpoint in catalog.endpoints}
    assert html.count('<table class="card-table listing-table') == len(products)


@pytest.mark.parametrize("language", LANGUAGES)
def test_grouped_tables_have_a_section_per_group(site: Path, catalog: Catalog, language: Language) -> None:
    grouped = [table for table in catalog.tables if table.groups]
    assert grouped
    for table in grouped:
        page = parse(site / language / f"{table.id}.html")
        assert page.h2 == [f"{group.name} ({GROUP_WORD[language]} {group.id})" for group in table.groups]
        for group in table.groups:
            assert group.description.in_language(language) in page.text, f"{table.id} {group.name}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_to_itself_in_the_other_language(site: Path, language: Language) -> None:
    pages = sorted((site / language).glob("*.html"))
    assert {path.stem for path in pages} >= {"index", "developer", "hlr_error", "search"}
    for path in pages:
        switches = [(href, lang) for href, classes, lang in parse(path).links if "other-language" in classes]
        other = OTHER[language]
        assert switches == [(f"../{other}/{path.name}", other)], path
        assert (site / other / path.name).is_file()


def test_the_landing_page_leads_to_both_languages(site: Path) -> None:
    hrefs = [href for href, _, _ in parse(site / "index.html").links]
    assert hrefs == ["fr/index.html", "en/index.html"]
    assert all((site / href).is_file() for href in hrefs)


def test_links_to_a_code_from_other_pages_resolve(site: Path) -> None:
    for language in LANGUAGES:
        for path in sorted((site / language).glob("*.html")):
            for href, _, _ in parse(path).links:
                target, _, fragment = href.partition("#")
                if not fragment or "://" in href or not target.endswith(".html"):
                    continue
                assert fragment in parse(path.parent / target).ids, f"{path.name}: {href}"


def search_terms(site: Path, language: Language) -> set[str]:
    text = (site / language / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    return set(index["terms"]) | set(index["titleterms"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_search_index_is_accent_blind(site: Path, language: Language) -> None:
    terms = search_terms(site, language)
    accented = sorted(term for term in terms if unicodedata.normalize("NFD", term) != term)
    assert accented == []
    # "Crédit" and "expéditeur" are indexed as a reader may type them, without accents.
    assert {"cred", "expediteur"} <= terms if language == "fr" else {"expediteur"} <= terms


def test_nothing_on_the_site_depends_on_the_clock(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for stamp in ("Last updated", "Dernière mise à jour", "Copyright", "©"):
            assert stamp not in text, f"{path}: {stamp}"


def test_a_second_build_is_byte_identical(site: Path, tmp_path: Path, root: Path) -> None:
    built = subprocess.run(
        [sys.executable, str(root / "docs" / "build.py"), str(tmp_path)], check=True, capture_output=True, text=True
    )
    # The build ends by saying how to read the site served (its search fails from the disk), on this machine only.
    assert f"--bind 127.0.0.1 --directory {tmp_path} 8000" in built.stdout
    assert "http://127.0.0.1:8000/" in built.stdout
    assert "index.html" not in built.stdout
    first = {path.relative_to(site): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}
    second = {path.relative_to(tmp_path): path.read_bytes() for path in sorted(tmp_path.rglob("*")) if path.is_file()}
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def code_index(site: Path, language: Language) -> dict[str, Any]:
    """codeindex.js, the index of codes the search page loads: ``CodeSearch.setIndex({...});``."""
    text = (site / language / "codeindex.js").read_text(encoding="utf-8")
    assert text.startswith("CodeSearch.setIndex(") and text.endswith(");\n")
    index: dict[str, Any] = json.loads(text.removeprefix("CodeSearch.setIndex(").removesuffix(");\n"))
    return index


def expected_kinds(table: Table, language: Language) -> list[str]:
    """The columns of a table page: code, name, a flag per flag the table has, then the texts.

    Never more: the other wordings and the sources are under SMSPartner's text, not columns.
    """
    flags = ["flag"] * (table.has_permanent + 2 * (table.kind == "status"))
    texts = ["text"] * (1 + table.has_hints + (language == "en"))  # message, hint, on the English site the French
    return ["code", "name", *flags, *texts]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_code_index_holds_every_row_of_every_table_in_site_order(
    site: Path, catalog: Catalog, language: Language
) -> None:
    index = code_index(site, language)
    # Only the tables of codes: not the endpoints' rows, anchored too.
    assert [page["page"] for page in index["pages"]] == [table.id for table in site_order(catalog)]
    for page, table in zip(index["pages"], site_order(catalog), strict=True):
        assert page["title"] == table.title.in_language(language)
        rows = [row for indexed in page["tables"] for row in indexed["rows"]]
        assert [row["anchor"] for row in rows] == [expected_anchor(table, entry) for entry in table.entries]
        for indexed in page["tables"]:
            assert [column["kind"] for column in indexed["columns"]] == expected_kinds(table, language)
        sections = [indexed["section"] for indexed in page["tables"]]
        assert sections == ([f"{group.name} ({GROUP_WORD[language]} {group.id})" for group in table.groups] or [""])
        labels = LABELS[language]
        for row, entry in zip(rows, table.entries, strict=True):
            assert row["name"] == entry.name
            assert row["cells"][0] == str(entry.code)
            # The name's cell as a reader sees it: the alias's relation, a mark per disagreement.
            relation = f" ({labels['renamed_of' if entry.renamed else 'alias_of']} {entry.alias_of})"
            reference = f"{table.id}.{entry.name}"
            marks = sum(any(side.entry == reference for side in item.sides) for item in catalog.disagreements)
            shown = entry.name + (relation if entry.alias_of else "") + f" ⚠ {labels['disagreement']}" * marks
            assert row["cells"][1] == shown, reference
            # The other wordings, which the search finds too, apart from the texts.
            assert row["wordings"] == [[variant.text, variant.language] for variant in entry.variants]
            assert entry.message.in_language(language) in row["cells"], f"{table.id} {entry.name}"
            assert entry.message.fr in row["cells"], f"{table.id} {entry.name}: the French text, verbatim"
            if table.has_hints:  # a table none of whose codes has a hint has no column for it
                assert (entry.hint or "") in row["cells"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_code_index_speaks_the_language_of_its_site(site: Path, language: Language) -> None:
    labels = code_index(site, language)["labels"]
    assert set(labels) == {"codes", "one_code_found", "codes_found", "one_more_code", "more_codes", "wordings"}
    assert labels["wordings"] == LABELS[language]["variants"]
    assert all("{count}" in labels[key] for key in ("codes_found", "more_codes"))
    assert ("correspondent" in labels["codes_found"]) == (language == "fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_code_tables_class_their_columns_and_size_them_alike_on_a_page(
    site: Path, catalog: Catalog, language: Language
) -> None:
    for table in catalog.tables:
        html = (site / language / f"{table.id}.html").read_text(encoding="utf-8")
        tables = re.findall(r'<table class="card-table code-table[^"]*">(.*?)</table>', html, re.DOTALL)
        assert len(tables) == max(1, len(table.groups)), table.id
        colgroups = {re.search(r"<colgroup>(.*?)</colgroup>", found, re.DOTALL).group(1) for found in tables}  # type: ignore[union-attr]
        assert len(colgroups) == 1, f"{table.id}: the tables of one page have different column widths"
        (colgroup,) = colgroups
        widths = [float(width) for width in re.findall(r'<col style="width: ([\d.]+)%" />', colgroup)]
        assert len(widths) == len(expected_kinds(table, language))
        assert 99 <= sum(widths) <= 101
        for found in tables:
            head = re.findall(r'<th class="head ([a-z-]+)">', found)
            assert head == [f"col-{kind}" for kind in expected_kinds(table, language)], table.id


def test_code_names_may_wrap_after_an_underscore_only(site: Path) -> None:
    html = (site / "fr" / "hlr_error.html").read_text(encoding="utf-8")
    name = "EC_BLACKLISTED_SENDERADDRESS"
    spans = "<wbr>".join(f'<span class="pre">{part}</span>' for part in ("EC_", "BLACKLISTED_", "SENDERADDRESS"))
    assert f'<code class="code-name docutils literal notranslate">{spans}</code>' in html
    # The search index keeps the name whole: searching it finds the page.
    assert name.lower() in search_terms(site, "fr")


# The builder replaces only a directory it built (issue 10, finding 1); refusals happen before Sphinx runs.


def _load_builder(root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_build", root / "docs" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("output", ["", ".", "mine"])
def test_the_build_refuses_a_directory_it_did_not_build(tmp_path: Path, root: Path, output: str) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    target = (tmp_path / output).resolve()
    assert target.is_relative_to(tmp_path.resolve()) and not root.is_relative_to(target)  # only our scratch folder
    before = {path: path.read_bytes() if path.is_file() else None for path in sorted(tmp_path.rglob("*"))}
    result = subprocess.run(
        [sys.executable, str(root / "docs" / "build.py"), output],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    if output:
        assert result.stderr == (
            f"error: {target} is not a directory this build made: it has no .smspartner-site file and holds other"
            f" files ({'.git, mine' if output == '.' else 'notes.txt'}). The build replaces it whole, so it left it"
            " as it is: give a new or empty directory.\n"
        )
    else:
        assert result.stderr.startswith("usage: python docs/build.py OUTPUT_DIR")
    assert {path: path.read_bytes() if path.is_file() else None for path in sorted(tmp_path.rglob("*"))} == before


def test_the_build_recognises_its_own_sites_marked_or_built_before_the_marker(tmp_path: Path, root: Path) -> None:
    builder = _load_builder(root)
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / ".smspartner-site").write_bytes(builder.MARKER_TEXT)
    (marked / "anything.html").write_text("x", encoding="utf-8")
    assert builder.refusal(marked, builder._an_old_site) is None
    old = tmp_path / "old"
    for language in ("fr", "en"):
        (old / language).mkdir(parents=True)
        (old / language / ".buildinfo").write_text("# Sphinx build info version 1\n", encoding="utf-8")
    (old / "index.html").write_text("<html></html>\n", encoding="utf-8")
    assert builder.refusal(old, builder._an_old_site) is None
    (old / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert "it has no .smspartner-site file" in builder.refusal(old, builder._an_old_site)
    assert builder.refusal(tmp_path / "absent", builder._an_old_site) is None
