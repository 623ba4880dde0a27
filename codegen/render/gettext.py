"""Render the gettext catalogs with Babel: a template, then .po and .mo files per language.

SMSPartner's text is the msgid, so a text the API returns can be translated
as it is: ``translation.gettext(api_message)``; every variant wording the pages
give for a code is a msgid too.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from codegen.model import LANGUAGES, Catalog, Language, Text
from codegen.render.headers import PACKAGE, notice_lines
from codegen.render.output import Output

DOMAIN = PACKAGE
PROJECT = "smspartner-codes"
# Babel stamps the current time into the header unless given one: a fixed
# date keeps two renders byte-identical.
FIXED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def mo_path(language: Language) -> str:
    """Where the package data holds a language's .mo file (the package ships it as locale/ too)."""
    return f"locale/{language}/LC_MESSAGES/{DOMAIN}.mo"


def po_path(language: Language) -> str:
    return f"gettext/{language}/LC_MESSAGES/{DOMAIN}.po"


POT_PATH = f"gettext/{DOMAIN}.pot"


def render_gettext(catalog: Catalog) -> Output:
    texts = _messages_of(catalog)
    # The .mo files list the messages by id: Babel sorts them, comparing two at a time in Python,
    # which takes one comparison each when they come in that order already (the same bytes).
    by_id = sorted(texts, key=lambda message: message[0].fr)
    sources = {POT_PATH: _po_bytes(message_catalog(catalog, None, texts))}
    compiled = {}
    for language in LANGUAGES:
        sources[po_path(language)] = _po_bytes(message_catalog(catalog, language, texts))
        compiled[mo_path(language)] = _mo_bytes(message_catalog(catalog, language, by_id))
    return Output(artefacts=sources, package_data=compiled)


def message_catalog(
    catalog: Catalog, language: Language | None, texts: list[tuple[Text, list[str]]] | None = None
) -> MessageCatalog:
    """Every text of the catalog, translated into ``language`` (None: the template).

    ``texts`` gives the messages in another order than the catalog's (it defaults to that).
    """
    header = "\n".join(
        [
            *(f"# {line}" for line in notice_lines(catalog)),
            f"# Texts of SMSPartner's API codes, {f'in {language!r}' if language else 'template'}.",
            "#",
        ]
    )
    messages = (_Messages if language else _Template)(
        locale=language,
        domain=DOMAIN,
        header_comment=header,
        project=PROJECT,
        version=catalog.version,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        last_translator=f"{PROJECT} maintainers",
        msgid_bugs_address=f"{PROJECT} maintainers",
        language_team=f"{PROJECT} maintainers",
        charset="utf-8",
        fuzzy=False,
    )
    for text, comments in _messages_of(catalog) if texts is None else texts:
        messages.add(text.fr, string=text.in_language(language) if language else "", auto_comments=comments)
    return messages


def _messages_of(catalog: Catalog) -> list[tuple[Text, list[str]]]:
    """Each message id, with its text and the places that use it, in the order of their first use.

    Each variant wording is a message id of its own, translated to its entry's English (and, in
    French, to itself): a server text in any documented wording translates. A French text used in
    several places becomes one message whose comments list them all ("hlr_error:
    EC_UNKNOWN_SUBSCRIBER (1)"), which also says which file of catalog/tables/ holds it; its first
    place gives its translation. (Babel would merge the uses so, one at a time.)
    """
    messages: dict[str, tuple[Text, list[str]]] = {}
    for use in (*catalog.texts(), *catalog.variant_texts()):
        _, comments = messages.setdefault(use.text.fr, (use.text, []))
        comment = f"{use.table_id}: {use.what}"
        if comment not in comments:
            comments.append(comment)
    return list(messages.values())


class _Messages(MessageCatalog):
    """Babel's catalog, whose header comment is the one given, as it is.

    Babel's own reads the locale's English name to replace a "Translations template" line
    (and fills placeholders such as VERSION): a header that has neither comes out the same,
    without loading CLDR's English data, a fifth of the gettext render's time.
    """

    def __init__(self, *, header_comment: str, **options: Any) -> None:
        super().__init__(header_comment=header_comment, **options)
        self._given_header_comment = header_comment

    @property
    def header_comment(self) -> str:
        return self._given_header_comment

    @header_comment.setter
    def header_comment(self, comment: str) -> None:
        self._given_header_comment = comment


class _Template(_Messages):
    """The .pot template: Babel leaves out the ``Language`` header when there is no locale.

    GNU xgettext writes it empty in a template, and msginit, Poedit or Weblate fill it in
    for each new translation; an empty value also reads back as "no locale" (Babel, msgfmt).
    """

    @property
    def mime_headers(self) -> list[tuple[str, str]]:
        headers = list(super().mime_headers)
        # Where the .po files have it: after Last-Translator, before Language-Team.
        after = next(index for index, (name, _) in enumerate(headers) if name == "Last-Translator") + 1
        headers.insert(after, ("Language", ""))
        return headers


def _po_bytes(messages: MessageCatalog) -> bytes:
    stream = io.BytesIO()
    # Unwrapped lines: one line per text reads and diffs best, and wrapping is slow.
    write_po(stream, messages, width=0)
    return stream.getvalue()


def _mo_bytes(messages: MessageCatalog) -> bytes:
    stream = io.BytesIO()
    write_mo(stream, messages)
    return stream.getvalue()
