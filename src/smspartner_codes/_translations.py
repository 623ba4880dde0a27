"""The catalog's texts in any language: the gettext catalogs the package ships, loaded on first use.

Texts are keyed by their French version, SMSPartner's own, so that a text an API answer
carries translates as it is; a language the catalog lacks gives the French text back.
"""

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from gettext import NullTranslations
    from typing import IO

# The gettext domain of the .mo files under smspartner_codes/locale/.
GETTEXT_DOMAIN = "smspartner_codes"

# gettext function per base language ("en", "fr", ...), loaded on first use.
_gettext_by_language: "dict[str, Callable[[str], str]]" = {}


def language_code(lang: "str | None") -> str:
    """The base language of a language tag or locale name: ``"en_GB.UTF-8"`` gives ``"en"``; None gives ``""``.

    ``""`` is no language: its texts are the source's (French). Anything but a string or None
    is a mistake of the caller, a TypeError said here rather than an AttributeError deep inside.
    """
    if not isinstance(lang, str):
        if lang is None:
            return ""
        raise TypeError(f"a language is a string such as 'fr' or 'en_GB', or None; got {type(lang).__name__}")
    base = lang.replace("-", "_").partition("_")[0].partition(".")[0].partition("@")[0].lower()
    return base if base.isascii() and base.isalpha() and 2 <= len(base) <= 3 else ""


def supported_language(lang: "str | None") -> str:
    """The base language of ``lang`` when the catalog has texts in it, else its source language (French)."""
    from smspartner_codes._data import CATALOG_LANGUAGES as LANGUAGES

    base = language_code(lang)
    return base if base in LANGUAGES else LANGUAGES[0]


def translate(text: str, lang: "str | None") -> str:
    """``text`` (French, as in the catalog) in ``lang``; French where we have no translation, or for None."""
    base = language_code(lang)
    try:
        gettext = _gettext_by_language[base]
    except KeyError:
        gettext = _gettext_by_language[base] = _load_translations(base).gettext
    return gettext(text)


def _load_translations(base: str) -> "NullTranslations":
    import gettext

    if base:
        try:
            with _open_resource("locale", base, "LC_MESSAGES", f"{GETTEXT_DOMAIN}.mo") as stream:
                return gettext.GNUTranslations(stream)
        except FileNotFoundError:
            pass
    return gettext.NullTranslations()


def _open_resource(*parts: str) -> "IO[bytes]":
    """A file shipped in the package, opened for reading bytes.

    A plain file next to this module is opened directly: importlib.resources
    costs more to import than the whole package. It serves the rare
    installations where the package is not on disk (a zip file).
    """
    import os

    try:
        return open(os.path.join(os.path.dirname(__file__), *parts), "rb")
    except (FileNotFoundError, NotADirectoryError):
        from importlib.resources import files

        return files(__package__).joinpath(*parts).open("rb")
