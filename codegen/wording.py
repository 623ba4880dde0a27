"""When a server's text is a documented wording: the matching rule, written once.

Two texts are the same wording when their normal forms are equal. The normal form of a
text is, in this order:

1. HTML character references decoded (``&amp;`` -> ``&``, ``&#39;`` -> ``'``);
2. HTML tags removed, each replaced by a space (``a<br>b`` -> ``a b``);
3. Markdown emphasis removed: every ``*`` and every ``__``;
4. Unicode NFC, case folding (``str.casefold``), NFC again;
5. the typographic apostrophes U+2019 and U+2018 replaced by ``'``;
6. runs of white space (WHITE_SPACE below) replaced by one space, and the text stripped;
7. trailing punctuation (``. ! ? : ;`` and the ellipsis U+2026) and white space removed, repeatedly.

A documented wording also matches a server text that it begins, up to a word boundary
(the next character of the server's normal form is not a letter or a digit): SMSPartner's
code 9 appends the failed constraints to its wording. Among the wordings that match, the
longest normal form wins; between equal lengths, the first given.

The cases that pin this rule are in ``tests/wording_matching.json``, shared by every
implementation (this module for the generator, the Python runtime, the npm package).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence

# White space, as an explicit list so that every language implements the same set:
# ASCII tab, line feed, vertical tab, form feed, carriage return and space, then NEL,
# NO-BREAK SPACE, OGHAM SPACE MARK, EN QUAD..HAIR SPACE, LINE and PARAGRAPH SEPARATOR,
# NARROW NO-BREAK SPACE, MEDIUM MATHEMATICAL SPACE and IDEOGRAPHIC SPACE.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
TRAILING_PUNCTUATION = ".!?:;\u2026"

_TAG = re.compile(r"<[^<>]*>")
_EMPHASIS = re.compile(r"\*|__")
_SPACES = re.compile(f"[{WHITE_SPACE}]+")
_TRAILING = re.compile(f"[{WHITE_SPACE}{re.escape(TRAILING_PUNCTUATION)}]+$")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def normalise(text: str) -> str:
    """The normal form two wordings are compared in."""
    text = html.unescape(text)
    text = _TAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    text = text.translate(_APOSTROPHES)
    text = _SPACES.sub(" ", text).strip(" ")
    return _TRAILING.sub("", text)


def same_wording(left: str, right: str) -> bool:
    return normalise(left) == normalise(right)


def best_match(server_text: str, wordings: Sequence[str]) -> int | None:
    """The index of the wording ``server_text`` matches (the longest one), or None."""
    server = normalise(server_text)
    best: tuple[int, int] | None = None  # (length, index)
    for index, wording in enumerate(wordings):
        candidate = normalise(wording)
        if not candidate or not _begins(server, candidate):
            continue
        if best is None or len(candidate) > best[0]:
            best = (len(candidate), index)
    return None if best is None else best[1]


def _begins(server: str, wording: str) -> bool:
    if not server.startswith(wording):
        return False
    rest = server[len(wording) :]
    return not rest or not rest[0].isalnum()
