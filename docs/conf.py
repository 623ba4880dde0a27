"""Sphinx configuration of the documentation site, shared by the French and English builds.

docs/build.py runs Sphinx once per language with ``--define language=fr|en``; what depends
on the language is set once that value is known (see ``per_language``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(DOCS.parent))  # the generator's labels (codegen/labels.py)

from codegen.labels import LABELS  # noqa: E402

project = "smspartner-codes"
language = "fr"
root_doc = "index"
source_suffix = {".md": "markdown"}
extensions = ["myst_parser", "smspartner_site"]

# Links to a code's row are checked like any other reference; nitpicky mode also checks the rest.
nitpicky = True
# SMSPartner's texts are shown verbatim: no typographic quotes or dashes.
smartquotes = False
myst_heading_anchors = 2  # the HLR group sections can be linked to

html_theme = "furo"
templates_path = ["_templates"]
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
html_css_files = ["site.css"]
# The search page shows, for each page found, the rows or the sentence that match (search-codes.js),
# not Sphinx's summary: a run of table cells cut anywhere.
html_show_search_summary = False
html_show_sourcelink = False  # the sources are copies assembled by docs/build.py
html_copy_source = False
html_use_index = False  # no index entries: the search and the tables of codes are the way in

# Nothing on a page depends on when it was built.
html_last_updated_fmt = None
html_show_copyright = False
copyright = ""

# The site's title, and the other build and its link's words for the pages that are not Markdown
# (_templates/search.html): the words the generated pages use, from the one place they are kept.
OTHER_LANGUAGE = {"fr": "en", "en": "fr"}


def per_language(app: Sphinx, config: Config) -> None:
    labels = LABELS[config.language]
    config.html_title = labels["site_title"]
    config.html_context = {
        "other_language": OTHER_LANGUAGE[config.language],
        "other_language_label": labels["other_language"],
    }


def setup(app: Sphinx) -> None:
    app.connect("config-inited", per_language)
