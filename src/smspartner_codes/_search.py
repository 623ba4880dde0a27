"""Search the catalog: ``search(text)`` by words in the names and texts, ``find_code(code)`` across tables."""

import threading
import unicodedata

from smspartner_codes import _MAX_CODE_DIGITS, TABLE_IDS, IntCodeEnum
from smspartner_codes._data import CATALOG_LANGUAGES as LANGUAGES
from smspartner_codes._translations import supported_language

__all__ = ["find_code", "normalize", "search"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeAlias

    from smspartner_codes import StrCodeEnum

    Member: TypeAlias = IntCodeEnum | StrCodeEnum


# Searchable text of each member, per language ("fr", "en"), built on the first search: by one
# thread, under the lock, and published whole, so that a search never reads half an index.
_index: "tuple[tuple[Member, dict[str, str]], ...] | None" = None
_index_lock = threading.Lock()


def normalize(text: str) -> str:
    """``text`` as searches compare it: case folded, without accents, with plain apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("\u2019", "'").replace("_", " ")


def _members() -> "list[Member]":
    import smspartner_codes

    return [member for table_id in TABLE_IDS for member in smspartner_codes.TABLES[table_id]]


def _searchable(member: "Member") -> "dict[str, str]":
    """The member's name and code, with its texts (and its aliases') in each language."""
    aliases = member.aliases  # built on each access: once is enough
    names = [member.name, str(member.code), *(alias.name for alias in aliases)]
    texts: dict[str, str] = {}
    for lang in LANGUAGES:
        words = [member.message_in(lang), *(alias.message_in(lang) for alias in aliases)]
        if lang == "en" and member.hint:
            words.append(member.hint)
        texts[lang] = normalize(" ".join([*names, *words]))
    return texts


def search(text: str, lang: "str | None" = None) -> "list[Member]":
    """Members whose name or text holds every word of ``text``, ignoring case and accents.

    ``lang`` (``"fr"``, ``"en"``) limits the texts searched to one language; None
    searches both. Members whose code is ``text`` itself (see ``find_code``) come
    first; the rest follow in the order of the upstream page. ``"delivre"`` finds
    ``délivré``; ``"stop list"`` finds ``NUMBER_IN_STOP_LIST``.
    """
    words = normalize(text).split()
    if not words:
        return []
    languages = LANGUAGES if lang is None else (supported_language(lang),)
    found = find_code(text.strip())
    for member, texts in _index or _build_index():
        if member not in found and any(_holds_all(texts.get(language, ""), words) for language in languages):
            found.append(member)
    return found


def _build_index() -> "tuple[tuple[Member, dict[str, str]], ...]":
    global _index  # noqa: PLW0603  (built once per process, on the first search)
    with _index_lock:
        if _index is None:
            _index = tuple((member, _searchable(member)) for member in _members())
        return _index


def _holds_all(text: str, words: "list[str]") -> bool:
    return all(word in text for word in words)


def find_code(code: object) -> "list[Member]":
    """Every table's member for ``code``, in the order of the upstream page.

    ``2053``, ``"2053"`` and ``2053.0`` find the integer code in every table that has it
    (as ``lookup`` does); a string such as ``"DELIVRD"`` or ``"not delivered"`` finds
    string codes, ignoring case. Anything else, or a number longer than any code, finds nothing.
    """
    import smspartner_codes

    text: str | None
    number: object
    if isinstance(code, str):
        text = stripped = code.strip()
        number = (
            int(stripped) if stripped.isascii() and stripped.isdigit() and len(stripped) <= _MAX_CODE_DIGITS else None
        )
    elif isinstance(code, bool):
        return []
    else:  # a number: the integer tables look it up as lookup() does; string codes are its digits, if any
        number = code
        text = str(code) if type(code) is int and abs(code) < 10**_MAX_CODE_DIGITS else None
    found: list[Member] = []
    for table_id in TABLE_IDS:
        table_class = smspartner_codes.TABLES[table_id]
        if issubclass(table_class, IntCodeEnum):
            member = smspartner_codes.lookup(table_id, number) if number is not None else None
        elif text is not None:
            folded = text.casefold()
            member = next((member for member in table_class if member.code.casefold() == folded), None)
        else:
            member = None
        if member is not None:
            found.append(member)
    return found
