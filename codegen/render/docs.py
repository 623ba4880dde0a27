"""Render the Markdown documentation: an index and one page per table, in each language."""

from __future__ import annotations

from typing import NamedTuple

from codegen.model import LANGUAGES, Catalog, Entry, Language, Table, anchor_key
from codegen.render.headers import notice
from codegen.render.templating import markdown_text, render_template

# The words of the pages themselves, per language.
LABELS: dict[Language, dict[str, str]] = {
    "fr": {
        "site_title": "Codes de l’API SMSPartner",
        "colon": "\u00a0:",  # French puts a (no-break) space before a colon
        "intro": (
            "Chaque table de la page des codes d’erreur de SMSPartner, avec ses codes, leurs noms et leurs textes."
        ),
        "version": "Version du catalogue",
        "table": "Table",
        "table_id": "Identifiant",
        "python_enum": "Enum Python",
        "groups_enum": "Groupes",
        "count": "Codes",
        "kind": "Nature",
        "kind_error": "erreur",
        "kind_status": "statut",
        "code": "Code",
        "name": "Nom",
        "permanent": "Permanent",
        "message": "Message",
        "api_text": "",
        "yes": "oui",
        "no": "non",
        "group": "groupe",
        "alias_of": "alias de",
        "other_language": "English version",
        "back": "Toutes les tables",
    },
    "en": {
        "site_title": "SMSPartner API codes",
        "colon": ":",
        "intro": "Every table of SMSPartner's error-code page, with its codes, their names and their texts.",
        "version": "Catalog version",
        "table": "Table",
        "table_id": "Id",
        "python_enum": "Python enum",
        "groups_enum": "Groups",
        "count": "Codes",
        "kind": "Kind",
        "kind_error": "error",
        "kind_status": "status",
        "code": "Code",
        "name": "Name",
        "permanent": "Permanent",
        "message": "Message",
        "api_text": "French text (as the API returns it)",
        "yes": "yes",
        "no": "no",
        "group": "group",
        "alias_of": "alias of",
        "other_language": "Version française",
        "back": "All tables",
    },
}


class Section(NamedTuple):
    """One Markdown table of a page, under its group heading where the table has groups."""

    heading: str
    description: str
    header: list[str]
    rows: list[list[str]]


def anchor(table: Table, entry: Entry) -> str:
    """The stable HTML id of an entry: ``<table id>-<code>``; an alias is named by its name."""
    return f"{table.id}-{anchor_key(entry.name if entry.is_alias else entry.code)}"


def table_sections(table: Table, language: Language) -> list[Section]:
    """The page's tables, ready to print: every cell is escaped Markdown."""
    labels = LABELS[language]
    anchors = {entry.name: anchor(table, entry) for entry in table.entries}
    header = [labels["code"], labels["name"]]
    header += [labels["permanent"]] if table.has_permanent else []
    header += [labels["message"]]
    header += [labels["api_text"]] if labels["api_text"] else []
    sections = []
    for group, entries in table.entry_blocks:
        rows = [_row(table, entry, language, anchors) for entry in entries]
        if group is None:
            sections.append(Section("", "", header, rows))
        else:
            heading = f"{group.name} ({labels['group']} {group.id})"
            sections.append(Section(heading, markdown_text(group.description.in_language(language)), header, rows))
    return sections


def _row(table: Table, entry: Entry, language: Language, anchors: dict[str, str]) -> list[str]:
    labels = LABELS[language]
    name = f"`{entry.name}`"  # names are UPPER_SNAKE_CASE: nothing to escape in a code span
    if entry.alias_of:
        name += f" ({labels['alias_of']} [`{entry.alias_of}`](#{anchors[entry.alias_of]}))"
    row = [f'<a id="{anchors[entry.name]}"></a>{markdown_text(str(entry.code))}', name]
    if table.has_permanent:
        row.append(labels["yes"] if entry.permanent else labels["no"])
    row.append(markdown_text(entry.message.in_language(language)))
    if labels["api_text"]:
        row.append(markdown_text(entry.message.fr))
    return row


def render_docs(catalog: Catalog) -> dict[str, bytes]:
    files: dict[str, str] = {}
    for language in LANGUAGES:
        other = next(lang for lang in LANGUAGES if lang != language)
        common = {"notice": notice(catalog), "lang": language, "other": other, "labels": LABELS[language]}
        files[f"docs/{language}/index.md"] = render_template("docs/index.md.j2", catalog=catalog, **common)
        for table in catalog.tables:
            files[f"docs/{language}/{table.id}.md"] = render_template(
                "docs/table.md.j2", table=table, sections=table_sections(table, language), **common
            )
    return {path: text.encode("utf-8") for path, text in files.items()}
