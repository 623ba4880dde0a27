"""Stages 1 to 3 in one call: load the catalog's files, validate them, and build the model.

``load_catalog(catalog_dir)`` is what every command starts with: it returns the frozen
``Catalog`` the renderers read, or raises ``CatalogInvalid`` listing every problem of
every file, each with its file, line and column. The code tables come first; the endpoint
data (shared definitions, endpoints, disagreements) is read by ``codegen.endpoint_catalog``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codegen import endpoint_catalog
from codegen.loader import INDEX_FILE, TABLES_DIR, LoadedFile, load_mapping
from codegen.model import Catalog, Entry, Group, Spelling, Table, Text, Variant, WordingLanguage
from codegen.problems import CatalogInvalid, Problem
from codegen.sources import expand
from codegen.validate import (
    check_across_tables,
    check_index_schema,
    check_table,
    check_table_list,
    check_table_schema,
)


def load_catalog(catalog_dir: Path, *, complete: bool = True) -> Catalog:
    """Load, validate and model the catalog in ``catalog_dir``; raise CatalogInvalid.

    ``complete=False`` accepts a catalog written before a field became required (the status
    flags): ``diff`` must still read the releases made before that rule.
    """
    problems: list[Problem] = []
    index = load_mapping(catalog_dir / INDEX_FILE, problems)
    if index is None:
        raise CatalogInvalid(problems)
    problems += check_index_schema(index)
    if problems:
        raise CatalogInvalid(problems)
    problems += check_table_list(index, catalog_dir)
    definitions = endpoint_catalog.load_definitions(catalog_dir, problems)
    tables: list[Table] = []
    checked: list[LoadedFile] = []
    for position, table_id in enumerate(index.data["tables"]):
        loaded = load_mapping(catalog_dir / TABLES_DIR / f"{table_id}.yaml", problems, index, ("tables", position))
        if loaded is None:
            continue
        # The shared definitions a table includes are put in place before its rules are checked.
        table_problems = check_table_schema(loaded) or endpoint_catalog.expand_includes(loaded, definitions)
        if not table_problems:
            table_problems = check_table(loaded, table_id, complete=complete) + endpoint_catalog.check_table(loaded)
        problems += table_problems
        if not table_problems:
            checked.append(loaded)
            tables.append(build_table(loaded))
    problems += check_across_tables(checked)
    endpoints, disagreements = endpoint_catalog.load_endpoint_data(
        catalog_dir, tables, checked, definitions, problems, listed=index.data["tables"]
    )
    if problems:
        raise CatalogInvalid(problems)
    return Catalog(
        version=index.data["catalog_version"],
        tables=tuple(tables),
        endpoints=endpoints,
        disagreements=disagreements,
    )


def _text(raw: dict[str, str]) -> Text:
    return Text(fr=raw["fr"], en=raw["en"])


def _message(raw: dict[str, str]) -> tuple[Text, WordingLanguage]:
    """The text of record (SMSPartner's French, else its English, else our English) and its language."""
    if "fr" in raw:
        return Text(fr=raw["fr"], en=raw["en"]), "fr"
    if "upstream_en" in raw:
        return Text(fr=raw["upstream_en"], en=raw["en"]), "en"
    return Text(fr=raw["en"], en=raw["en"]), None


def build_table(loaded: LoadedFile) -> Table:
    """The model of a table file that passed validation."""
    data: dict[str, Any] = loaded.data
    entries = []
    for raw in data["entries"]:
        message, language = _message(raw["message"])
        entries.append(
            Entry(
                code=raw["code"],
                name=raw["name"],
                message=message,
                group=raw.get("group"),
                permanent=raw.get("permanent"),
                alias_of=raw.get("alias_of"),
                final=raw.get("final"),
                success=raw.get("success"),
                hint=raw.get("hint"),
                message_language=language,
                variants=tuple(Variant(item["text"], item["lang"]) for item in raw.get("variants", [])),
                sources=expand(raw.get("sources", [])),
                spellings=tuple(
                    Spelling(item["value"], item["field"], expand(item["sources"])) for item in raw.get("spellings", [])
                ),
                definition=raw.get("include"),
                renamed=raw.get("renamed", False),
            )
        )
    groups = tuple(
        Group(id=raw["id"], name=raw["name"], description=_text(raw["description"])) for raw in data.get("groups", [])
    )
    title = data["title"]
    return Table(
        id=data["id"],
        enum=data["enum"],
        kind=data["kind"],
        code_type=data["code_type"],
        title=Text(fr=title.get("fr", title["en"]), en=title["en"]),
        entries=tuple(entries),
        groups=groups,
        group_enum=data.get("group_enum"),
        source_file=loaded.where(()).file,
        origin=data.get("origin", "error_page"),
        title_in_french="fr" in title,
    )
