"""Stage 3: the frozen model every renderer reads.

It is built only from a catalog that passed validation, is ordered as the
upstream page is, and carries everything the templates need, so that they
hold no logic of their own.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")

# The exception of each error table is named after it: sms_send gives SmsSendApiError.
EXCEPTION_SUFFIX = "ApiError"


_NOT_IN_ANCHOR = re.compile(r"[^A-Za-z0-9_]+")


def anchor_key(code_or_name: int | str) -> str:
    """The part of an HTML id that names an entry: ``"not delivered"`` gives ``not-delivered``."""
    return _NOT_IN_ANCHOR.sub("-", str(code_or_name)).strip("-")


class Text(NamedTuple):
    """A text in French (SMSPartner's, verbatim) and in English (ours)."""

    fr: str
    en: str

    def in_language(self, language: Language) -> str:
        return self.fr if language == "fr" else self.en


class Group(NamedTuple):
    id: int
    name: str
    description: Text


class Variant(NamedTuple):
    """Another wording SMSPartner's pages give for a code, verbatim, and its language."""

    text: str
    language: str


class Spelling(NamedTuple):
    """Another form in which the API sends an entry: its code or its name, as printed."""

    value: str
    field: Literal["code", "name"]
    sources: tuple[str, ...]


# The language of an entry's text of record (``message.fr``): SMSPartner's French, SMSPartner's
# English for a code its pages give in English only, or None when they give no wording at all
# (``message.fr`` then repeats our English).
WordingLanguage = Literal["fr", "en"] | None


class Entry(NamedTuple):
    code: int | str
    name: str
    message: Text  # fr: the text of record (see message_language); en: ours
    group: int | None = None
    permanent: bool | None = None
    alias_of: str | None = None
    final: bool | None = None
    success: bool | None = None
    hint: str | None = None
    message_language: WordingLanguage = "fr"
    variants: tuple[Variant, ...] = ()
    sources: tuple[str, ...] = ()  # path:line of the vendored pages that document this entry
    spellings: tuple[Spelling, ...] = ()
    definition: str | None = None  # the shared definition it includes
    renamed: bool = False  # a former name kept as an alias; upstream does not print it

    @property
    def is_alias(self) -> bool:
        return self.alias_of is not None

    @property
    def wordings(self) -> tuple[str, ...]:
        """SMSPartner's wordings of the code: the text of record first, then the variants."""
        record = (self.message.fr,) if self.message_language is not None else ()
        return record + tuple(variant.text for variant in self.variants)


class Table(NamedTuple):
    id: str
    enum: str
    kind: Literal["error", "status", "value"]
    code_type: Literal["integer", "string"]
    title: Text  # fr: SMSPartner's title, or our English when no French page names the table
    entries: tuple[Entry, ...]
    groups: tuple[Group, ...] = ()
    group_enum: str | None = None
    source_file: str = ""
    origin: Literal["error_page", "endpoint_pages"] = "error_page"
    title_in_french: bool = True

    @property
    def is_seed(self) -> bool:
        """A section of the error-code page, the seed of the catalog."""
        return self.origin == "error_page"

    @property
    def exception(self) -> str:
        """The name of the ApiError subclass of the table (an error table): ``sms_send`` gives ``SmsSendApiError``."""
        return "".join(part.capitalize() for part in self.id.split("_")) + EXCEPTION_SUFFIX

    @property
    def canonical_entries(self) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if not entry.is_alias)

    @property
    def aliases(self) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.is_alias)

    @property
    def has_permanent(self) -> bool:
        return any(entry.permanent is not None for entry in self.entries)

    @property
    def has_hints(self) -> bool:
        return any(entry.hint is not None for entry in self.entries)

    @property
    def has_status_flags(self) -> bool:
        return any(entry.final is not None for entry in self.entries)

    @property
    def entry_blocks(self) -> tuple[tuple[Group | None, tuple[Entry, ...]], ...]:
        """Runs of consecutive entries of the same group (one run, group None, without groups)."""
        blocks: list[tuple[Group | None, list[Entry]]] = []
        for entry in self.entries:
            group = self.group(entry.group) if entry.group is not None else None
            if not blocks or blocks[-1][0] != group:
                blocks.append((group, []))
            blocks[-1][1].append(entry)
        return tuple((group, tuple(entries)) for group, entries in blocks)

    def entries_in_group(self, group_id: int) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.group == group_id)

    def group(self, group_id: int) -> Group:
        return next(group for group in self.groups if group.id == group_id)


class EndpointUrl(NamedTuple):
    url: str  # host and path, path parameters as {name}
    sources: tuple[str, ...]
    misprint: bool = False  # printed for this endpoint, but another endpoint's


class EndpointField(NamedTuple):
    """A payload field whose values a table lists: by code, name, group id or wording."""

    name: str
    table: str
    key: Literal["code", "name", "group", "wording"]
    sources: tuple[str, ...] = ()


class EndpointAnswer(NamedTuple):
    """The shape of an endpoint's answers where it is not the usual flag and code."""

    items: str | None  # the key of the list of per-number items its answers hold
    success_flag: bool  # False: its answers carry no success flag (an answer without one is a success)
    sources: tuple[str, ...]


class Endpoint(NamedTuple):
    id: str  # <product>.<name>
    kind: Literal["call", "push"]
    method: str | None
    title: Text  # fr: the French page's title, or our English when there is no French page
    pages: tuple[str, ...]
    urls: tuple[EndpointUrl, ...] = ()
    tables: tuple[str, ...] = ()  # an answer's code is read with these, in order
    fields: tuple[EndpointField, ...] = ()
    no_codes: str | None = None
    title_in_french: bool = True
    answer: EndpointAnswer | None = None

    @property
    def product(self) -> str:
        return self.id.partition(".")[0]


class DisagreementSide(NamedTuple):
    source: str
    entry: str | None = None  # <table id>.<NAME>
    endpoint: str | None = None
    url: str | None = None
    says: str | None = None


class Disagreement(NamedTuple):
    id: str
    kind: Literal["meaning", "code", "url", "field"]
    about: str
    sides: tuple[DisagreementSide, ...]
    why: str
    reading: str | None = None


class Catalog(NamedTuple):
    version: str
    tables: tuple[Table, ...]
    endpoints: tuple[Endpoint, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()

    def table(self, table_id: str) -> Table:
        return next(table for table in self.tables if table.id == table_id)

    def variant_texts(self) -> tuple[TextUse, ...]:
        """Every variant wording, as a text translated to its entry's English, in catalog order."""
        return tuple(
            TextUse(Text(variant.text, entry.message.en), table.id, f"{entry.name} ({entry.code}) variant")
            for table in self.tables
            for entry in table.entries
            for variant in entry.variants
        )

    def texts(self) -> tuple[TextUse, ...]:
        """Every translatable text, where it is used, in catalog order."""
        found: list[TextUse] = []
        for table in self.tables:
            found.append(TextUse(table.title, table.id, "table title"))
            for group in table.groups:
                found.append(TextUse(group.description, table.id, f"group {group.name} ({group.id})"))
            for entry in table.entries:
                found.append(TextUse(entry.message, table.id, f"{entry.name} ({entry.code})"))
        return tuple(found)


class TextUse(NamedTuple):
    """A text and what it is for: the title, a group description or an entry of a table."""

    text: Text
    table_id: str
    what: str
