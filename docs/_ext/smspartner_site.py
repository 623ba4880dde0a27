"""What the catalog site needs from Sphinx beyond MyST and furo.

- Code anchors: the generated Markdown marks each row with ``<a id="hlr_error-2053"></a>``
  (an HTML anchor, so that it works on any Markdown viewer). Here that id moves to the table
  row itself, which becomes an explicit target: Sphinx then resolves and checks every link to
  a code (alias rows, the home page), and the browser scrolls to, and can highlight, the row.
- Language links: the Markdown links each page to the same page in the other language with
  ``../en/<page>.md``; on the site that is the other build's ``../en/<page>.html``.
- Tables of codes: marked, with each cell's column label, so that site.css can turn a row
  into a card on a phone.
- Accent-blind search: the stemmed words of the search index, and the words typed in the
  search box, are stripped of their accents, so that "credit" finds "Crédit".
"""

from __future__ import annotations

import re
import unicodedata
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
            row = _enclosing_row(raw)
            if match is None or row is None:
                continue
            closing = raw.next_node(nodes.raw, siblings=True, descend=False)
            if closing is None or closing.astext().strip() != "</a>":
                logger.warning("code anchor %s is not closed right after", match["id"], location=raw)
                continue
            closing.parent.remove(closing)
            raw.parent.remove(raw)
            anchor = match["id"]
            row["ids"].append(anchor)
            row["names"].append(nodes.fully_normalize_name(anchor))
            self.document.note_explicit_target(row, row)


class CodeTables(SphinxTransform):
    """Mark the tables of codes, and put the label of its column in each of their cells.

    The labels are hidden on a wide screen, where the table has its header; on a phone
    (site.css) each row becomes a card, its cells one under the other, each under its label.
    """

    default_priority = 201  # once the rows have their ids (CodeAnchors)

    def apply(self, **kwargs: Any) -> None:
        for table in list(self.document.findall(nodes.table)):
            rows = list(table.findall(nodes.row))
            if not any(row["ids"] for row in rows):
                continue
            table["classes"].append("code-table")
            head = next(table.findall(nodes.thead), None)
            if head is None:
                continue
            labels = [entry.astext() for entry in head.findall(nodes.entry)]
            for row in rows:
                if not row["ids"]:
                    continue
                for label, cell in zip(labels, row.children, strict=True):
                    cell.insert(0, nodes.paragraph(label, label, classes=["cell-label"]))


def _enclosing_row(node: nodes.Node) -> nodes.row | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.row):
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


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(CodeAnchors)
    app.add_transform(CodeTables)
    app.add_transform(LanguageLinks)
    for language in (SearchFrench, SearchEnglish):
        app.add_search_language(accent_blind(language))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
