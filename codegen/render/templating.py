"""The Jinja2 environment shared by the Python and Markdown templates, and its filters."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import jinja2

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


def python_string(text: str) -> str:
    """A Python string literal for ``text``, in the quote style ``ruff format`` keeps.

    Characters are escaped by ``repr`` one at a time; the quote is chosen as the
    formatter does: double quotes unless they would need more escapes than single.
    """
    quote = '"' if text.count('"') <= text.count("'") else "'"
    body = []
    for char in text:
        if char in (quote, "\\"):
            body.append("\\" + char)
        elif char in "'\"":
            body.append(char)
        else:
            body.append(repr(char)[1:-1])
    literal = quote + "".join(body) + quote
    if ast.literal_eval(literal) != text:  # a guard: the literal must give back the text
        raise ValueError(f"cannot write {text!r} as a Python string literal")
    return literal


def python_value(value: int | str) -> str:
    return python_string(value) if isinstance(value, str) else str(value)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["py_str"] = python_string
    env.filters["py_value"] = python_value
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


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline content, safe in a table cell, a heading or at a line start."""
    escaped = ["\\" + char if char in _MARKDOWN_SYNTAX else char for char in text]
    if escaped and text[0] in _ASCII_PUNCTUATION and not escaped[0].startswith("\\"):
        escaped[0] = "\\" + text[0]  # a block marker at the start of a line: - + = > % : ( ...
    digits = len(text) - len(text.lstrip("0123456789"))
    if 0 < digits < len(text) and text[digits] in ".)":
        escaped[digits] = "\\" + text[digits]  # "1. " or "1) " would start a list
    return "".join(escaped)
