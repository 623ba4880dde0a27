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


class Entry(NamedTuple):
    code: int | str
    name: str
    message: Text
    group: int | None = None
    permanent: bool | None = None
    alias_of: str | None = None
    final: bool | None = None
    success: bool | None = None
    hint: str | None = None

    @property
    def is_alias(self) -> bool:
        return self.alias_of is not None


class Table(NamedTuple):
    id: str
    enum: str
    kind: Literal["error", "status"]
    code_type: Literal["integer", "string"]
    title: Text
    entries: tuple[Entry, ...]
    groups: tuple[Group, ...] = ()
    group_enum: str | None = None
    source_file: str = ""

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


class Catalog(NamedTuple):
    version: str
    tables: tuple[Table, ...]

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
