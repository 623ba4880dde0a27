"""Render the Markdown documentation: an index and one page per table, in each language."""

from __future__ import annotations

import re

from codegen.model import LANGUAGES, Catalog, Entry, Language, Table
from codegen.render.headers import notice
from codegen.render.templating import render_template

# The words of the pages themselves, per language.
LABELS: dict[Language, dict[str, str]] = {
    "fr": {
        "site_title": "Codes de l’API SMSPartner",
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

_NOT_IN_ANCHOR = re.compile(r"[^A-Za-z0-9_]+")


def anchor(table: Table, entry: Entry) -> str:
    """The stable HTML id of an entry: ``<table id>-<code>``; an alias is named by its name."""
    key = entry.name if entry.is_alias else str(entry.code)
    return f"{table.id}-{_NOT_IN_ANCHOR.sub('-', key).strip('-')}"


def canonical_anchor(table: Table, entry: Entry) -> str:
    target = next(other for other in table.entries if other.name == entry.alias_of)
    return anchor(table, target)


def render_docs(catalog: Catalog) -> dict[str, bytes]:
    files: dict[str, str] = {}
    for language in LANGUAGES:
        other = next(lang for lang in LANGUAGES if lang != language)
        common = {"notice": notice(catalog), "lang": language, "other": other, "labels": LABELS[language]}
        files[f"docs/{language}/index.md"] = render_template("docs/index.md.j2", catalog=catalog, **common)
        for table in catalog.tables:
            files[f"docs/{language}/{table.id}.md"] = render_template(
                "docs/table.md.j2",
                table=table,
                anchor=anchor,
                canonical_anchor=canonical_anchor,
                **common,
            )
    return {path: text.encode("utf-8") for path, text in files.items()}
