"""What the catalog site needs from Sphinx beyond MyST and furo.

- Code anchors: the generated Markdown marks each row with ``<a id="hlr_error-2053"></a>``
  (an HTML anchor, so that it works on any Markdown viewer). Here that id moves to the table
  row itself, which becomes an explicit target: Sphinx then resolves and checks every link to
  a code (alias rows, the home page), and the browser scrolls to, and can highlight, the row.
- Language links: the Markdown links each page to the same page in the other language with
  ``../en/<page>.md``; on the site that is the other build's ``../en/<page>.html``.
- Tables of codes: marked, with each cell's column label, so that site.css can turn a row
  into a card on a phone; each column is classed by what it holds (code, name, yes/no flag,
  text) and sized for it, the same on every table of a page, so that on a laptop the texts
  get the room and the tables of one page line up; names may wrap after an underscore.
- Accent-blind search: the stemmed words of the search index, and the words typed in the
  search box, are stripped of their accents, so that "credit" finds "Crédit".
- The index of codes (codeindex.js, beside Sphinx's searchindex.js): every row of every table
  of codes, with its page, section, columns and texts. The search page (_templates/search.html,
  _static/search-codes.js) finds codes in it by number or name, which Sphinx's index leaves out,
  and shows the rows that match under each page found, instead of a run of table cells.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish
from sphinx.search.fr import SearchFrench
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

ANCHOR_TAG = re.compile(r'^<a id="(?P<id>[A-Za-z0-9_-]+)">$')


class CodeAnchors(SphinxTransform):
    """Give each table row the id of the HTML anchor in its cells, as an explicit target."""

    default_priority = 200  # before MyST resolves ``#id`` links (879)

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            match = ANCHOR_TAG.match(raw.astext().strip())
            row = _enclosing(raw, nodes.row)
            if match is None or row is None:
                continue
            closing = raw.next_node(nodes.raw, siblings=True, descend=False)
            if closing is None or closing.astext().strip() != "</a>":
                logger.warning("code anchor %s is not closed right after", match["id"], location=raw)
                continue
            _enclosing(raw, nodes.entry)["classes"].append(CODE_COLUMN)
            closing.parent.remove(closing)
            raw.parent.remove(raw)
            anchor = match["id"]
            row["ids"].append(anchor)
            row["names"].append(nodes.fully_normalize_name(anchor))
            self.document.note_explicit_target(row, row)


# The kinds of column of a table of codes, as classes of their cells (site.css, search-codes.js).
CODE_COLUMN, NAME_COLUMN, FLAG_COLUMN, TEXT_COLUMN = "col-code", "col-name", "col-flag", "col-text"
# A flag column holds only these words (codegen/render/docs.py writes them, a set flag in bold).
FLAG_WORDS = frozenset({"oui", "non", "yes", "no"})
# Column widths, in em of the table's text, for a table as wide as on a 1366 px laptop (about 70em):
# a code or a flag in the body font, a name in the smaller monospace font of ``code``.
TABLE_WIDTH = 70.0
BODY_CHAR, MONO_CHAR, CELL_PADDING, CODE_PADDING = 0.62, 0.49, 1.3, 0.5
NAME_CHARS = 26  # longer names wrap after an underscore rather than take room from the texts
TEXT_MIN = 12.0


class CodeTables(SphinxTransform):
    """Mark the tables of codes, put its column's label in each cell, and size their columns.

    The labels are hidden on a wide screen, where the table has its header; on a phone
    (site.css) each row becomes a card, its cells one under the other, each under its label.
    Every column gets the class of its kind; widths are given to the table (docutils writes
    them as a ``colgroup``): a code, name or flag column as wide as its longest value (a name
    up to NAME_CHARS), the text columns sharing what is left. All the tables of codes of a page
    with the same columns get the same widths.
    """

    default_priority = 201  # once the rows have their ids (CodeAnchors)

    def apply(self, **kwargs: Any) -> None:
        tables = [table for table in self.document.findall(nodes.table) if _code_rows(table)]
        # For each set of column labels on this page: the room each column needs in any of its tables.
        needed: dict[tuple[str, ...], list[float]] = {}
        for table in tables:
            labels = _column_labels(table)
            kinds = _column_kinds(table, len(labels))
            _mark(table, labels, kinds)
            fitted = _fitted(table, kinds)
            so_far = needed.get(tuple(labels), fitted)
            needed[tuple(labels)] = [max(old, new) for old, new in zip(so_far, fitted, strict=True)]
        for table in tables:
            kinds = _marked_kinds(table)
            _set_widths(table, _share_the_rest(needed[tuple(_column_labels(table))], kinds))


def _code_rows(table: nodes.table) -> list[nodes.row]:
    return [row for row in table.findall(nodes.row) if row["ids"]]


def _column_labels(table: nodes.table) -> list[str]:
    head = next(table.findall(nodes.thead), None)
    if head is None:
        return []
    return [_cell_text(entry) for entry in head.findall(nodes.entry)]


def _paragraphs(cell: nodes.Element) -> list[nodes.Element]:
    """A cell's paragraphs, without the column label added for phones."""
    return [child for child in cell.children if "cell-label" not in child.get("classes", ())]


def _cell_text(cell: nodes.Element) -> str:
    """A cell's text, its paragraphs joined by a space."""
    return " ".join(" ".join(paragraph.astext().split()) for paragraph in _paragraphs(cell)).strip()


def _column_kinds(table: nodes.table, count: int) -> list[str]:
    """Each column's kind, read from the code rows: the code (its anchor's cell), a name, a flag, a text."""
    rows = _code_rows(table)
    kinds = []
    for column in range(count):
        cells = [row.children[column] for row in rows]
        if all(CODE_COLUMN in cell["classes"] for cell in cells):
            kinds.append(CODE_COLUMN)
        elif all(_starts_with_literal(cell) for cell in cells):
            kinds.append(NAME_COLUMN)
        elif all(_cell_text(cell).lower() in FLAG_WORDS for cell in cells):
            kinds.append(FLAG_COLUMN)
        else:
            kinds.append(TEXT_COLUMN)
    return kinds


def _marked_kinds(table: nodes.table) -> list[str]:
    """The kinds ``_mark`` gave the columns of a table of codes."""
    first = _code_rows(table)[0]
    return [next(name for name in cell["classes"] if name.startswith("col-")) for cell in first.children]


def _starts_with_literal(cell: nodes.Element) -> bool:
    paragraphs = _paragraphs(cell)
    return bool(paragraphs and paragraphs[0].children) and isinstance(paragraphs[0][0], nodes.literal)


def _mark(table: nodes.table, labels: list[str], kinds: list[str]) -> None:
    """Class the table and its cells by kind, let names wrap, label the cells of the code rows."""
    table["classes"].append("code-table")
    for row in table.findall(nodes.row):
        for kind, cell in zip(kinds, row.children, strict=True):
            cell["classes"].append(kind)
            for literal in list(cell.findall(nodes.literal)) if kind == NAME_COLUMN else ():
                literal.replace_self(code_name(literal.rawsource, "", *literal.children, **literal.attributes))
    for row in _code_rows(table):
        for label, cell in zip(labels, row.children, strict=True):
            cell.insert(0, nodes.paragraph(label, label, classes=["cell-label"]))


def _fitted(table: nodes.table, kinds: list[str]) -> list[float]:
    """The width (em) each column needs for its longest value and its label; 0 for the text columns."""
    rows = _code_rows(table)
    widths = []
    for column, (label, kind) in enumerate(zip(_column_labels(table), kinds, strict=True)):
        cells = [row.children[column] for row in rows]
        label_width = len(label) * BODY_CHAR + CELL_PADDING
        if kind == TEXT_COLUMN:
            widths.append(0.0)
        elif kind == NAME_COLUMN:
            longest = max(len(name.astext()) for cell in cells for name in cell.findall(nodes.literal))
            widths.append(max(label_width, min(longest, NAME_CHARS) * MONO_CHAR + CODE_PADDING + CELL_PADDING))
        else:
            longest = max(len(_cell_text(cell)) for cell in cells)
            widths.append(max(label_width, longest * BODY_CHAR + CELL_PADDING))
    return widths


def _share_the_rest(widths: list[float], kinds: list[str]) -> list[float]:
    """The text columns share equally what the others leave of TABLE_WIDTH (each at least TEXT_MIN)."""
    texts = kinds.count(TEXT_COLUMN)
    share = max(TEXT_MIN, (TABLE_WIDTH - sum(widths)) / texts) if texts else 0.0
    return [share if kind == TEXT_COLUMN else width for width, kind in zip(widths, kinds, strict=True)]


def _set_widths(table: nodes.table, widths: list[float]) -> None:
    """Give the table these column widths, which docutils writes as percentages in a ``colgroup``."""
    table["classes"] = [name for name in table["classes"] if name != "colwidths-auto"] + ["colwidths-given"]
    colspecs = list(table.findall(nodes.colspec))
    for colspec, width in zip(colspecs, widths, strict=True):
        colspec["colwidth"] = round(width * 10)  # tenths of an em: docutils wants whole numbers


class code_name(nodes.literal):  # docutils names its node classes in lower case
    """A code's name, which may wrap after each underscore (``<wbr>``) in a narrow column."""


def visit_code_name(translator: Any, node: code_name) -> None:
    translator.body.append(translator.starttag(node, "code", "", CLASS="code-name docutils literal notranslate"))
    parts = re.findall(r"[^_]*_|[^_]+$", node.astext())
    translator.body.append("<wbr>".join(f'<span class="pre">{translator.encode(part)}</span>' for part in parts))
    translator.body.append("</code>")
    raise nodes.SkipNode


def _enclosing(node: nodes.Node, kind: type[nodes.Element]) -> Any:
    parent = node.parent
    while parent is not None and not isinstance(parent, kind):
        parent = parent.parent
    return parent


class LanguageLinks(SphinxTransform):
    """Point ``../<language>/<page>.md`` links at the other language's built page.

    Each language is a Sphinx project of its own, in build/site-src/<language>/, so MyST
    sees such a link as a document outside the project (a reference to a path or to a
    download, by whether the file exists); either way it becomes a plain relative link.
    """

    default_priority = 200  # before the download collector would copy the .md file

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(_is_myst_link)):
            found = self.other_language_page(node["reftarget"])
            if found is None:
                continue
            language, page = found
            if language == self.config.language or not (self.languages_dir / language / f"{page}.md").is_file():
                logger.warning("no page %r in the %r build", page, language, location=node)
                continue
            # docutils writes a "language-xx" class as the link's lang attribute: its text is in that language.
            classes = ["other-language", f"language-{language}"]
            link = nodes.reference("", "", refuri=f"../{language}/{page}.html", classes=classes)
            link.extend(child.deepcopy() for child in node.children)
            node.replace_self(link)

    @property
    def languages_dir(self) -> Path:
        return Path(self.env.srcdir).resolve().parent

    def other_language_page(self, target: str) -> tuple[str, str] | None:
        """(language, page) when ``target`` is a page of a sibling project, else None."""
        path = (Path(self.env.srcdir) / target).resolve()  # an absolute target stays as it is
        if path.suffix == ".md":
            path = path.with_suffix("")
        if path.parent.parent != self.languages_dir or path.parent == Path(self.env.srcdir).resolve():
            return None
        return path.parent.name, path.name


def _is_myst_link(node: nodes.Node) -> bool:
    return isinstance(node, addnodes.pending_xref | addnodes.download_reference) and node.get("reftype") == "myst"


def fold_accents(word: str) -> str:
    """``word`` without its accents: decomposed, then without the combining marks (JS: ``\\p{M}``)."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))


_STEMMERS = Path(sphinx.__file__).parent / "search" / "minified-js"


def accent_blind(base: type[SearchLanguage]) -> type[SearchLanguage]:
    """``base``'s search, with accents folded after stemming, in the index and in the browser alike.

    Stemming comes first, on the word as written, so that an accented word gets its usual
    stem; folding then makes the accented and the plain spelling meet.
    """
    snowball = f"{base.language_name}Stemmer"
    js_code = "\n".join([
        (_STEMMERS / "base-stemmer.js").read_text(encoding="utf-8"),
        (_STEMMERS / base.js_stemmer_rawcode).read_text(encoding="utf-8"),
        "var Stemmer = function () {",
        f"  const snowball = new {snowball}();",
        '  this.stemWord = (word) => snowball.stemWord(word).normalize("NFD").replace(/\\p{M}/gu, "");',
        "};",
    ])  # fmt: skip

    class AccentBlind(base):  # type: ignore[misc, valid-type]
        js_stemmer_rawcode = ""  # the stemmer is all in js_stemmer_code
        js_stemmer_code = js_code

        def stem(self, word: str) -> str:
            return fold_accents(super().stem(word))

        def word_filter(self, word: str) -> bool:
            # Sphinx indexes a word as written when its stem is filtered out (a stop word such as
            # "du" for "dû"); the browser folds every searched word, so it could never find it.
            return super().word_filter(word) and word == fold_accents(word)

    AccentBlind.__name__ = f"AccentBlind{base.__name__}"
    return AccentBlind


# The index of codes ----------------------------------------------------------------------

CODE_INDEX = "codeindex.js"
# The words of the search page about codes, in each language of the site.
SEARCH_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "codes": "Codes correspondants",
        "one_code_found": "Recherche terminée : un code correspond à la requête.",
        "codes_found": "Recherche terminée : {count} codes correspondent à la requête.",
        "one_more_code": "… et un autre code sur cette page",
        "more_codes": "… et {count} autres codes sur cette page",
    },
    "en": {
        "codes": "Matching codes",
        "one_code_found": "Search finished, found one code matching the search query.",
        "codes_found": "Search finished, found {count} codes matching the search query.",
        "one_more_code": "… and one more code on this page",
        "more_codes": "… and {count} more codes on this page",
    },
}


def code_index(app: Sphinx) -> dict[str, Any]:
    """Every table of codes of the site: its page, section and columns, and each row's anchor, name and cells."""
    env = app.env
    pages = []
    for docname in _pages_in_reading_order(app):
        doctree = env.get_doctree(docname)
        tables = [_indexed_table(table) for table in doctree.findall(nodes.table) if "code-table" in table["classes"]]
        if tables:
            pages.append({"page": docname, "title": env.titles[docname].astext(), "tables": tables})
    return {"labels": SEARCH_LABELS[app.config.language], "pages": pages}


def _pages_in_reading_order(app: Sphinx) -> Iterator[str]:
    """The root page, the pages of its table of contents in their order, then any other page."""
    root = app.config.root_doc
    ordered = [root, *app.env.toctree_includes.get(root, [])]
    yield from ordered
    yield from sorted(set(app.env.found_docs) - set(ordered))


def _indexed_table(table: nodes.table) -> dict[str, Any]:
    kinds = _marked_kinds(table)
    section = _enclosing(table, nodes.section)
    in_subsection = isinstance(section.parent, nodes.section)  # the page's own section is the document's child
    rows = []
    for row in _code_rows(table):
        name_cell = row.children[kinds.index(NAME_COLUMN)] if NAME_COLUMN in kinds else None
        name = next(name_cell.findall(nodes.literal)).astext() if name_cell is not None else ""
        rows.append({"anchor": row["ids"][0], "name": name, "cells": [_cell_text(cell) for cell in row.children]})
    labels = _column_labels(table)
    columns = [{"label": label, "kind": kind.removeprefix("col-")} for label, kind in zip(labels, kinds, strict=True)]
    return {"section": section[0].astext() if in_subsection else "", "columns": columns, "rows": rows}


def write_code_index(app: Sphinx, exception: Exception | None) -> None:
    """Write codeindex.js beside searchindex.js, once the HTML build has succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    data = json.dumps(code_index(app), ensure_ascii=False, separators=(",", ":"))
    (Path(app.outdir) / CODE_INDEX).write_text(f"CodeSearch.setIndex({data});\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(CodeAnchors)
    app.add_transform(CodeTables)
    app.add_node(code_name, html=(visit_code_name, None))
    app.connect("build-finished", write_code_index)
    app.add_transform(LanguageLinks)
    for language in (SearchFrench, SearchEnglish):
        app.add_search_language(accent_blind(language))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
