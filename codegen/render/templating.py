"""The Jinja2 environment shared by the Python and Markdown templates, and its filters."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        # Compiled templates are kept in a private per-user cache directory
        # (Jinja checks its owner and mode); the output does not depend on it.
        bytecode_cache=jinja2.FileSystemBytecodeCache(),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Python literals through Python's own escaping: repr gives back the value exactly (ast.literal_eval).
    env.filters["py"] = repr
    env.filters["md"] = markdown_text
    return env


def render_template(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)


# Characters that are Markdown syntax wherever they stand in a line of text
# (CommonMark, GFM tables and strikethrough, MyST roles and math). Any ASCII
# punctuation may be backslash-escaped (CommonMark spec, "Backslash escapes"),
# so escaping them is always safe; others are left alone to stay readable.
_MARKDOWN_SYNTAX = frozenset("\\`*_[]<>|~&#!${}")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


# One backslash before each (a regular expression: str.translate with a mapping is several times slower).
_MARKDOWN_ESCAPES = re.compile("[" + re.escape("".join(sorted(_MARKDOWN_SYNTAX))) + "]")


def _escaped(match: re.Match[str]) -> str:
    return "\\" + match.group()


@cache  # a render escapes most texts twice or more (each language's pages, the tables sharing them)
def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline content, safe in a table cell, a heading or at a line start."""
    escaped = _MARKDOWN_ESCAPES.sub(_escaped, text)
    first = text[:1]
    if first in _ASCII_PUNCTUATION and first not in _MARKDOWN_SYNTAX:
        escaped = "\\" + escaped  # a block marker at the start of a line: - + = > % : ( ...
    digits = len(text) - len(text.lstrip("0123456789"))
    if 0 < digits < len(text) and text[digits] in ".)":
        escaped = escaped[:digits] + "\\" + escaped[digits:]  # "1. " or "1) " would start a list
    return escaped
