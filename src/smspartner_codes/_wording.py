"""When a server's text is one of the wordings SMSPartner's pages give: the catalog's matching rule.

The rule is the catalog's (catalog/README.md, "Matching a server's text to a wording"), and
``tests/wording_matching.json`` holds the cases every implementation of it runs: the generator's
(``codegen/wording.py``, which validates the catalog's readings with it), this one, the npm
package's. Two texts are the same wording when their normal forms are equal:

1. HTML character references decoded (``&amp;`` is ``&``);
2. each HTML tag replaced by a space;
3. every ``*`` and every ``__`` (Markdown emphasis) removed;
4. Unicode NFC, case folding, NFC again;
5. the apostrophes U+2019 and U+2018 read as ``'``;
6. each run of white space (``_WHITE_SPACE``) replaced by one space, and the text stripped;
7. trailing punctuation (``. ! ? : ;`` and U+2026) and spaces removed.

A wording also matches a server text that it begins, up to a word boundary (the next character
is no letter or digit): code 9 appends the constraints that failed. Among the wordings that
match, the longest normal form wins; between equal lengths, the first given.

Imported on first use (by ``smspartner_codes.resolve``): ``re`` and ``unicodedata`` are not
start-up costs of the package, and ``html`` is imported only for a text with a ``&``.
"""

import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["best_match", "longest_match", "normalise"]

# White space, listed explicitly so that every implementation has the same set (str.isspace also
# takes U+001C..U+001F, which the rule does not).
_WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_WHITE_SPACE_RUN = re.compile(f"[{_WHITE_SPACE}]+")
_TAG = re.compile(r"<[^<>]*>")
# Removed from the end once white space is single spaces: the spaces, and the final punctuation.
_TRAILING = " .!?:;\u2026"


def normalise(text: str) -> str:
    """The normal form two wordings are compared in."""
    if "&" in text:
        import html

        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    # "__" first, then "*": what one pass removing either, left to right, leaves.
    text = text.replace("__", "").replace("*", "")
    if text.isascii():  # NFC changes no ASCII text, and case folding it is lower-casing
        text = text.lower()
    else:
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
        text = text.replace("\u2019", "'").replace("\u2018", "'")  # (str.translate is slower)
    # str.split() splits on exactly the rule's white space (Unicode's White_Space), and U+001C..U+001F.
    if "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text:
        text = _WHITE_SPACE_RUN.sub(" ", text).strip(" ")
    else:  # the same, faster
        text = " ".join(text.split())
    return text.rstrip(_TRAILING)


def begins(server: str, wording: str) -> bool:
    """Whether the normal form ``wording`` is ``server``'s, or begins it up to a word boundary (both normalised)."""
    if not wording or not server.startswith(wording):
        return False
    # str.isalnum: Unicode categories L and N, the rule's letters and digits.
    return len(server) == len(wording) or not server[len(wording)].isalnum()


def longest_match(server: str, wordings: "Iterable[str]") -> "int | None":
    """The index of the longest of ``wordings`` that matches ``server``, the first of equal lengths, or None.

    Both already in their normal forms (``normalise``): a caller that matches many texts against
    the same wordings normalises them once.
    """
    best: int | None = None
    best_length = 0
    for index, wording in enumerate(wordings):
        if len(wording) > best_length and begins(server, wording):
            best, best_length = index, len(wording)
    return best


def best_match(server_text: str, wordings: "Iterable[str]") -> "int | None":
    """The index of the wording ``server_text`` matches (the longest one), or None."""
    return longest_match(normalise(server_text), [normalise(wording) for wording in wordings])
