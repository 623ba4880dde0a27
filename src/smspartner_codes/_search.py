"""Search the catalog: ``search(text)`` by words in the names and texts, ``find_code(code)`` across tables."""

import threading
import unicodedata

from smspartner_codes import TABLE_IDS, IntCodeEnum
from smspartner_codes._data import CATALOG_LANGUAGES as LANGUAGES
from smspartner_codes._tables import MAX_CODE_DIGITS
from smspartner_codes._translations import supported_language

__all__ = ["find_code", "normalize", "search"]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeAlias

    from smspartner_codes import StrCodeEnum

    Member: TypeAlias = IntCodeEnum | StrCodeEnum


# Searchable text of each member, per language ("fr", "en", and _OTHER for the wordings SMSPartner's
# pages give in languages we have no texts in), built on the first search: by one thread, under the
# lock, and published whole, so that a search never reads half an index.
_index: "tuple[tuple[Member, dict[str, str]], ...] | None" = None
_index_lock = threading.Lock()
_OTHER = "*"


def normalize(text: str) -> str:
    """``text`` as searches compare it: case folded, without accents, with plain apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.replace("\u2019", "'").replace("_", " ")


def _members() -> "list[Member]":
    import smspartner_codes

    return [member for table_id in TABLE_IDS for member in smspartner_codes.TABLES[table_id]]


def _searchable(member: "Member") -> "dict[str, str]":
    """The member's names (its name, code, aliases' names, the spellings the API uses), with its texts per language.

    A language's texts: ours and SMSPartner's texts of record in it (its own, its aliases'), the
    other wordings its pages give in it (variants), and in English our hint.
    """
    aliases = member.aliases  # built on each access: once is enough
    spellings = [spelling for spelling, code in type(member)._spellings.items() if code == member.code]
    names = [member.name, str(member.code), *(alias.name for alias in aliases), *spellings]
    words: dict[str, list[str]] = {language: [] for language in (*LANGUAGES, _OTHER)}
    for meaning in (member, *aliases):
        if meaning.message_language is not None:  # SMSPartner's text of record, in its own language
            words[meaning.message_language].append(meaning.message)
        words["en"].append(meaning.message_in("en"))  # ours
        for variant in meaning.variants:
            words[variant.lang if variant.lang in LANGUAGES else _OTHER].append(variant.text)
    if member.hint:
        words["en"].append(member.hint)
    return {language: normalize(" ".join([*names, *texts])) for language, texts in words.items()}


def search(text: str, lang: "str | None" = None) -> "list[Member]":
    """Members whose name or text holds every word of ``text``, ignoring case and accents.

    The texts are ours and SMSPartner's: its texts of record, its aliases', and every
    other wording its pages give (variants, in French, English, Spanish, Italian or
    Portuguese); names include the spellings the API sends (``Delivered``). ``lang``
    (``"fr"``, ``"en"``) limits the texts searched to one language; None searches
    them all. Members whose code is ``text`` itself (see ``find_code``) come first;
    the rest follow in the order of the upstream page. ``"delivre"`` finds
    ``délivré``; ``"stop list"`` finds ``NUMBER_IN_STOP_LIST``.
    """
    words = normalize(text).split()
    if not words:
        return []
    languages = (*LANGUAGES, _OTHER) if lang is None else (supported_language(lang),)
    found = find_code(text.strip())
    # By identity: members of two tables with the same integer code are equal, as their codes are.
    first = {id(member) for member in found}
    for member, texts in _index or _build_index():
        if id(member) not in first and any(_holds_all(texts.get(language, ""), words) for language in languages):
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
    string codes, ignoring case, and so does every other form the API is documented to send
    (``"Delivered"``, the HLR ``errorName`` ``"NO_ERROR"``): what ``lookup`` reads.
    Anything else, or a number longer than any code, finds nothing.
    """
    import smspartner_codes

    text: str | None
    number: object
    if isinstance(code, str):
        text = stripped = code.strip()
        number = (
            int(stripped) if stripped.isascii() and stripped.isdigit() and len(stripped) <= MAX_CODE_DIGITS else None
        )
    elif isinstance(code, bool):
        return []
    else:  # a number: the integer tables look it up as lookup() does; string codes are its digits, if any
        number = code
        text = str(code) if type(code) is int and abs(code) < 10**MAX_CODE_DIGITS else None
    found: list[Member] = []
    for table_id in TABLE_IDS:
        table_class = smspartner_codes.TABLES[table_id]
        if issubclass(table_class, IntCodeEnum) and number is not None:
            member = smspartner_codes.lookup(table_id, number)
        elif text is not None:  # a string code in any case, or another form the API sends: what lookup reads
            member = smspartner_codes.lookup(table_id, text)
        else:
            member = None
        if member is not None:
            found.append(member)
    return found
