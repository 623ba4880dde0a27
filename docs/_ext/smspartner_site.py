"""What the catalog site needs from Sphinx beyond MyST and furo.

- Code anchors: the generated Markdown marks each row with ``<a id="hlr_error-2053"></a>``
  (an HTML anchor, so that it works on any Markdown viewer), and each disagreement's section
  with one just before its heading. Here that id moves to the table row (or the section)
  itself, which becomes an explicit target: Sphinx then resolves and checks every link to a
  code (alias rows, the home page), and the browser scrolls to, and can highlight, the row.
- Cell parts: in the cell of SMSPartner's text, the Markdown wraps the other wordings in
  ``<span class="wordings">`` (each wording in a ``<span lang>``) and the sources in
  ``<span class="sources">``. Here the wordings become a line of their own under the text,
  and the sources a folded ``<details>`` under them ("Sources (2)"): a row keeps its height.
- Language links: the Markdown links each page to the same page in the other language with
  ``../en/<page>.md``; on the site that is the other build's ``../en/<page>.html``.
- Tables: every table with a header has each cell's column label, so that site.css can turn
  a row into a card on a phone. The tables of codes (on a table's page, rows anchored
  ``<page>-<code>``) have each column classed by what it holds (code, name, yes/no flag,
  text) and sized for it, the same on every table of a page, so that on a laptop the texts
  get the room and the tables of one page line up; names may wrap after an underscore. The
  tables of the endpoints page, anchored too, are listings: laid out like them, not indexed.
- Accent-blind search: the stemmed words of the search index, and the words typed in the
  search box, are stripped of their accents, so that "credit" finds "Crédit".
- The index of codes (codeindex.js, beside Sphinx's searchindex.js): every row of every table
  of codes, with its page, section, columns, texts and other wordings. The search page (_templates/search.html,
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

from codegen.labels import LABELS

logger = logging.getLogger(__name__)

ANCHOR_TAG = re.compile(r'^<a id="(?P<id>[A-Za-z0-9_-]+)">$')


class CodeAnchors(SphinxTransform):
    """Give each table row the id of the HTML anchor in its cells, and each section the id of the
    anchor just before its heading, as an explicit target."""

    default_priority = 200  # before MyST resolves ``#id`` links (879)

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            if self.anchor_section(raw):
                continue
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
            self.target(row, match["id"])

    def anchor_section(self, raw: nodes.raw) -> bool:
        """A paragraph of nothing but ``<a id="x"></a>`` right before a heading: its section takes the id."""
        match = ANCHOR_TAG.match(raw.astext().strip())
        paragraph = raw.parent
        if match is None or not isinstance(paragraph, nodes.paragraph) or _enclosing(raw, nodes.row) is not None:
            return False
        if [child.astext().strip() for child in paragraph.children] != [raw.astext().strip(), "</a>"]:
            return False
        section = _section_after(paragraph)
        if section is None:
            logger.warning("anchor %s is not right before a heading", match["id"], location=raw)
            return False
        paragraph.parent.remove(paragraph)
        self.target(section, match["id"])
        return True

    def target(self, node: nodes.Element, anchor: str) -> None:
        # Last: docutils maps the name to the node's last id; MyST then puts that explicit id first, the
        # one HTML writes on the element and links point to (a section keeps its title's id after it).
        node["ids"].append(anchor)
        node["names"].append(nodes.fully_normalize_name(anchor))
        self.document.note_explicit_target(node, node)


# The parts of a cell the generated Markdown marks with <span class="..."> (see CellParts).
WORDINGS, SOURCES, TEXT_NOTE = "wordings", "sources", "text-note"
# The kinds of column of a table of codes, as classes of their cells (site.css, search-codes.js).
CODE_COLUMN, NAME_COLUMN, FLAG_COLUMN, TEXT_COLUMN = "col-code", "col-name", "col-flag", "col-text"
# A flag column holds only these words (codegen/render/docs.py writes them, a set flag in bold).
FLAG_WORDS = frozenset({"oui", "non", "yes", "no"})
# Column widths, in em of the table's text, for a table as wide as on a 1366 px laptop (about 70em):
# a code or a flag in the body font, a name in the smaller monospace font of ``code``.
TABLE_WIDTH = 70.0
BODY_CHAR, MONO_CHAR, CELL_PADDING, CODE_PADDING = 0.62, 0.49, 1.3, 0.5
NAME_CHARS = 26  # longer names wrap after an underscore rather than take room from the texts
# Longer codes (words such as children[scheduledDeliveryDate].data) wrap after _ . ] likewise.
CODE_CHARS = 14
CODE_BREAK = re.compile(r"(?<=[_.\]])(?=.)")
TEXT_MIN = 12.0
# What a text column should have (over 200 px of the 1005 px of a table on a 1366 px laptop): for that, a
# name column gives up room down to NAME_FLOOR characters, then a code column down to CODE_FLOOR.
TEXT_WANTED = 14.5
NAME_FLOOR, CODE_FLOOR = 14, 8


class CodeTables(SphinxTransform):
    """Put its column's label in each cell of a table; mark the tables of codes and size their columns.

    The labels are hidden on a wide screen, where the table has its header; on a phone
    (site.css) each row becomes a card, its cells one under the other, each under its label.
    In a table of codes (its rows anchored ``<page>-<code>``), every column gets the class of
    its kind; widths are given to the table (docutils writes them as a ``colgroup``): a code,
    name or flag column as wide as its longest value (a name up to NAME_CHARS, a code up to
    CODE_CHARS), the text
    columns sharing what is left. All the tables of codes of a page with the same columns get
    the same widths. Another table with anchored rows (the endpoints) is a listing.
    """

    default_priority = 201  # once the rows have their ids (CodeAnchors)

    def apply(self, **kwargs: Any) -> None:
        tables = []
        for table in self.document.findall(nodes.table):
            labels = _column_labels(table)
            if not labels:
                continue
            _label_cells(table, labels)
            rows = _code_rows(table)
            if rows and all(row["ids"][0].startswith(f"{self.env.docname}-") for row in rows):
                tables.append(table)
            elif rows:
                table["classes"].append("listing-table")
                _let_literals_wrap(table)
        # For each set of column labels on this page: the room each column needs in any of its tables.
        needed: dict[tuple[str, ...], list[float]] = {}
        for table in tables:
            labels = _column_labels(table)
            kinds = _column_kinds(table, len(labels))
            _mark(table, kinds)
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


# What a cell holds besides its own text: the label for phones, the other wordings, the sources.
NOT_THE_TEXT = frozenset({"cell-label", WORDINGS, SOURCES})


def _paragraphs(cell: nodes.Element) -> list[nodes.Element]:
    """A cell's paragraphs of its own text: not its label for phones, its other wordings or its sources."""
    return [child for child in cell.children if not NOT_THE_TEXT.intersection(child.get("classes", ()))]


def _cell_text(cell: nodes.Element) -> str:
    """A cell's own text, its paragraphs and lines joined by a space (no HTML, no note on the text's language)."""
    paragraphs = [
        "".join(
            _raw_text(text.parent) if isinstance(text.parent, nodes.raw) else text.astext()
            for text in paragraph.findall(nodes.Text)
            if not any(TEXT_NOTE in parent.get("classes", ()) for parent in _ancestors(text, paragraph))
        )
        for paragraph in _paragraphs(cell)
    ]
    return " ".join(" ".join(paragraphs).split())


def _raw_text(raw: nodes.raw) -> str:
    """What an HTML tag of a cell reads as: a space for a line break, nothing for a word break or another tag."""
    return " " if raw.astext().strip() == LINE_BREAK else ""


def _ancestors(node: nodes.Node, up_to: nodes.Element) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None and parent is not up_to:
        yield parent
        parent = parent.parent


def _label_cells(table: nodes.table, labels: list[str]) -> None:
    """Put its column's label first in each cell of the table's body, for phones."""
    table["classes"].append("card-table")
    for body in table.findall(nodes.tbody):
        for row in body.findall(nodes.row):
            for label, cell in zip(labels, row.children, strict=True):
                cell.insert(0, nodes.paragraph(label, label, classes=["cell-label"]))


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


def _mark(table: nodes.table, kinds: list[str]) -> None:
    """Class the table and its cells by kind, and let names and long codes wrap."""
    table["classes"].append("code-table")
    for row in table.findall(nodes.row):
        for kind, cell in zip(kinds, row.children, strict=True):
            cell["classes"].append(kind)
            if kind == NAME_COLUMN:
                _let_literals_wrap(cell)
            for paragraph in _paragraphs(cell) if kind == CODE_COLUMN else ():
                _let_code_wrap(paragraph)


def _let_code_wrap(paragraph: nodes.Element) -> None:
    """A code longer than CODE_CHARS may wrap after each _ . or ] (a ``<wbr>``), never inside a word."""
    for text in list(paragraph.findall(nodes.Text)):
        if len(text) <= CODE_CHARS or isinstance(text.parent, nodes.raw):
            continue
        parts = CODE_BREAK.split(text.astext())
        pieces: list[nodes.Node] = [nodes.Text(parts[0])]
        for part in parts[1:]:
            pieces += [nodes.raw("", WORD_BREAK, format="html"), nodes.Text(part)]
        text.parent.replace(text, pieces)


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
            if kind == CODE_COLUMN:
                longest = min(longest, CODE_CHARS)
            widths.append(max(label_width, longest * BODY_CHAR + CELL_PADDING))
    return widths


def _share_the_rest(widths: list[float], kinds: list[str]) -> list[float]:
    """The text columns share equally what the others leave of TABLE_WIDTH (each at least TEXT_MIN).

    Where that is less than TEXT_WANTED, the name column, then the code column, give up the
    room missing (their values wrap after an underscore), down to a floor.
    """
    texts = kinds.count(TEXT_COLUMN)
    if not texts:
        return widths
    widths = list(widths)
    floors = {
        NAME_COLUMN: NAME_FLOOR * MONO_CHAR + CODE_PADDING + CELL_PADDING,
        CODE_COLUMN: CODE_FLOOR * BODY_CHAR + CELL_PADDING,
    }
    for kind in (NAME_COLUMN, CODE_COLUMN):
        for index in [index for index, each in enumerate(kinds) if each == kind]:
            missing = (TEXT_WANTED - _share(widths, kinds)) * texts
            if missing > 0:  # never wider than it was, never narrower than its floor
                widths[index] = min(widths[index], max(floors[kind], widths[index] - missing))
    share = max(TEXT_MIN, _share(widths, kinds))
    return [share if kind == TEXT_COLUMN else width for width, kind in zip(widths, kinds, strict=True)]


def _share(widths: list[float], kinds: list[str]) -> float:
    """What each text column gets of what the other columns leave of TABLE_WIDTH."""
    others = sum(width for width, kind in zip(widths, kinds, strict=True) if kind != TEXT_COLUMN)
    return (TABLE_WIDTH - others) / kinds.count(TEXT_COLUMN)


def _set_widths(table: nodes.table, widths: list[float]) -> None:
    """Give the table these column widths, which docutils writes as percentages in a ``colgroup``."""
    table["classes"] = [name for name in table["classes"] if name != "colwidths-auto"] + ["colwidths-given"]
    colspecs = list(table.findall(nodes.colspec))
    for colspec, width in zip(colspecs, widths, strict=True):
        colspec["colwidth"] = round(width * 10)  # tenths of an em: docutils wants whole numbers


SPAN_OPEN = re.compile(r'^<span(?: class="(?P<class>[a-z-]+)")?(?: lang="(?P<lang>[a-z]{2,3})")?>$')
SPAN_CLOSE = "</span>"
LINE_BREAK = "<br>"
WORD_BREAK = "<wbr>"


class CellParts(SphinxTransform):
    """Turn the spans of the generated Markdown into inline nodes, and lift the wordings and sources out.

    ``<span class="x">``...``</span>`` (raw HTML to MyST) becomes an inline node of class x,
    and ``<span lang="en">`` one of that language (HTML: ``lang="en"``). Then the other wordings
    become a paragraph of their own under the text, and the sources a folded ``<details>``
    whose summary counts the pages ("Sources (2)"), one page and its lines a line.
    """

    default_priority = 199  # before the anchors and the tables (CodeAnchors, CodeTables)

    def apply(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if any(_span_tag(child) for child in paragraph.children):
                _pair_spans(paragraph)
                _lift_parts(paragraph)


def _span_tag(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.raw):
        return False
    tag = node.astext().strip()
    return tag == SPAN_CLOSE or SPAN_OPEN.match(tag) is not None


def _pair_spans(paragraph: nodes.paragraph) -> None:
    """Replace each ``<span ...>``, the nodes up to its ``</span>``, and that, by one inline node."""
    levels: list[list[nodes.Node]] = [[]]
    opened: list[nodes.inline] = []
    for child in list(paragraph.children):
        tag = child.astext().strip() if isinstance(child, nodes.raw) else None
        match = SPAN_OPEN.match(tag) if tag else None
        if match:
            classes = [match["class"]] if match["class"] else []
            classes += [f"language-{match['lang']}"] if match["lang"] else []
            opened.append(nodes.inline(classes=classes))
            levels.append([])
        elif tag == SPAN_CLOSE and opened:
            inline = opened.pop()
            inline.extend(levels.pop())
            levels[-1].append(inline)
        else:
            levels[-1].append(child)
    if opened:
        logger.warning("a <span> is not closed in this paragraph", location=paragraph)
        return
    for child in list(paragraph.children):
        paragraph.remove(child)
    paragraph.extend(levels[0])


def _without_line_break(inline: nodes.inline) -> list[nodes.Node]:
    """The inline's children, but the ``<br>`` that put it on a line of its own in the Markdown."""
    children = list(inline.children)
    if children and isinstance(children[0], nodes.raw) and children[0].astext().strip() == LINE_BREAK:
        children = children[1:]
    for child in children:
        inline.remove(child)
    return children


def _lift_parts(paragraph: nodes.paragraph) -> None:
    """Move the paragraph's wordings and sources out of it, each after it in turn (in the same cell)."""
    parts: list[nodes.Element] = []
    for inline in [child for child in paragraph.children if isinstance(child, nodes.inline)]:
        if WORDINGS in inline["classes"]:
            parts.append(_listed_wordings(inline))
        elif SOURCES in inline["classes"]:
            parts.append(_folded_sources(inline))
        else:
            continue
        paragraph.remove(inline)
    container = paragraph.parent
    place = container.index(paragraph) + 1
    for offset, part in enumerate(parts):
        container.insert(place + offset, part)


def _listed_wordings(inline: nodes.inline) -> nodes.paragraph:
    """``Other wordings: A (fr) · B (en)`` as its label, then each wording and its language (on a line
    of its own when there are several: some are whole sentences, the status list's descriptions)."""
    children = _without_line_break(inline)
    wordings = [child for child in children if isinstance(child, nodes.inline) and _language(child)]
    label = "".join(child.astext() for child in children[: children.index(wordings[0])])
    lines = [
        nodes.inline("", "", wording, nodes.Text(f" ({_language(wording)})"), classes=["wording"])
        for wording in wordings
    ]
    heading = nodes.inline("", label, classes=["wordings-label"])
    return nodes.paragraph("", "", heading, *lines, classes=[WORDINGS] + ["several"] * (len(lines) > 1))


def _folded_sources(inline: nodes.inline) -> nodes.Element:
    """``Sources: `a.md:3` · `b.md:4``` as a folded list: "Sources (2)", then one page a line."""
    children = _without_line_break(inline)
    pages = [child for child in children if isinstance(child, nodes.literal)]
    label = "".join(child.astext() for child in children[: children.index(pages[0])] if isinstance(child, nodes.Text))
    summary = f"{label.strip().rstrip(':').strip()} ({len(pages)})"
    return folded("", *(nodes.paragraph("", "", page) for page in pages), summary=summary, classes=[SOURCES])


class folded(nodes.General, nodes.Element):  # docutils names its node classes in lower case
    """HTML's ``<details>``: a summary line, which opens onto the children."""


def visit_folded(translator: Any, node: folded) -> None:
    translator.body.append(translator.starttag(node, "details", ""))
    translator.body.append(f"<summary>{translator.encode(node['summary'])}</summary>")


def depart_folded(translator: Any, node: folded) -> None:
    translator.body.append("</details>\n")


class code_name(nodes.literal):  # docutils names its node classes in lower case
    """A code's name, a table id or a URL, which may wrap after each underscore or slash (``<wbr>``)."""


def _let_literals_wrap(element: nodes.Element) -> None:
    """Names, ids and URLs (a listing, a name cell) may wrap after an underscore or a slash, rather than anywhere."""
    for literal in list(element.findall(nodes.literal)):
        literal.replace_self(code_name(literal.rawsource, "", *literal.children, **literal.attributes))


def visit_code_name(translator: Any, node: code_name) -> None:
    translator.body.append(translator.starttag(node, "code", "", CLASS="code-name docutils literal notranslate"))
    parts = re.findall(r"[^_/]*[_/]|[^_/]+$", node.astext())
    translator.body.append("<wbr>".join(f'<span class="pre">{translator.encode(part)}</span>' for part in parts))
    translator.body.append("</code>")
    raise nodes.SkipNode


def _section_after(node: nodes.Element) -> nodes.section | None:
    """The section whose heading comes right after ``node`` in reading order, if one does."""
    while node.parent is not None:
        siblings = node.parent.children
        following = siblings.index(node) + 1
        if following < len(siblings):
            return siblings[following] if isinstance(siblings[following], nodes.section) else None
        node = node.parent  # the last thing in its section: what follows that section follows it
    return None


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
    language = app.config.language
    # The label of the other wordings is the tables' own (codegen/labels.py).
    return {"labels": {**SEARCH_LABELS[language], "wordings": LABELS[language]["variants"]}, "pages": pages}


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
        wordings = [
            [" ".join(wording.astext().split()), _language(wording)]
            for cell in row.children
            for paragraph in cell.children
            if WORDINGS in paragraph.get("classes", ())
            for wording in paragraph.findall(nodes.inline)
            if _language(wording)
        ]
        rows.append(
            {
                "anchor": row["ids"][0],
                "name": name,
                "cells": [_cell_text(cell) for cell in row.children],
                "wordings": wordings,
            }
        )
    labels = _column_labels(table)
    columns = [{"label": label, "kind": kind.removeprefix("col-")} for label, kind in zip(labels, kinds, strict=True)]
    return {"section": section[0].astext() if in_subsection else "", "columns": columns, "rows": rows}


def _language(node: nodes.Element) -> str:
    return next((name.removeprefix("language-") for name in node["classes"] if name.startswith("language-")), "")


def write_code_index(app: Sphinx, exception: Exception | None) -> None:
    """Write codeindex.js beside searchindex.js, once the HTML build has succeeded."""
    if exception is not None or app.builder.format != "html":
        return
    data = json.dumps(code_index(app), ensure_ascii=False, separators=(",", ":"))
    (Path(app.outdir) / CODE_INDEX).write_text(f"CodeSearch.setIndex({data});\n", encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(CellParts)
    app.add_transform(CodeAnchors)
    app.add_transform(CodeTables)
    app.add_node(code_name, html=(visit_code_name, None))
    app.add_node(folded, html=(visit_folded, depart_folded))
    app.connect("build-finished", write_code_index)
    app.add_transform(LanguageLinks)
    for language in (SearchFrench, SearchEnglish):
        app.add_search_language(accent_blind(language))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
