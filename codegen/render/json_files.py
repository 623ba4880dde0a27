"""Render the JSON artefacts other languages code against, and their JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codegen.model import Catalog, Entry, Table, Text
from codegen.render.headers import notice
from codegen.render.output import Output

SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "templates" / "json" / "catalog.schema.json"
# The copy of json/catalog.json the package ships (importlib.resources.files("smspartner_codes") / "catalog.json").
PACKAGE_COPY = "catalog.json"


def dump(document: dict[str, Any]) -> bytes:
    """The one JSON style of every artefact: UTF-8, two-space indent, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_json(catalog: Catalog) -> Output:
    header = notice(catalog)
    tables = [table_json(table) for table in catalog.tables]
    whole = dump({"$comment": header, "catalog_version": catalog.version, "tables": tables})
    files = {"json/catalog.json": whole}
    for table in tables:
        files[f"json/{table['id']}.json"] = dump({"$comment": header, "catalog_version": catalog.version, **table})
    schema = json.loads(SCHEMA_SOURCE.read_text(encoding="utf-8"))
    files["json/catalog.schema.json"] = dump({"$comment": header, **schema})
    return Output(artefacts=files, package_data={PACKAGE_COPY: whole})


def _text(text: Text) -> dict[str, str]:
    return {"fr": text.fr, "en": text.en}


def table_json(table: Table) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": table.id,
        "title": _text(table.title),
        "kind": table.kind,
        "code_type": table.code_type,
        "enum": table.enum,
    }
    if table.group_enum:
        document["group_enum"] = table.group_enum
    document["groups"] = [
        {"id": group.id, "name": group.name, "description": _text(group.description)} for group in table.groups
    ]
    document["entries"] = [_entry_json(entry) for entry in table.entries]
    return document


# Entry fields written only where the catalog gives them, in this order.
OPTIONAL_ENTRY_FIELDS = ("group", "permanent", "alias_of", "final", "success", "hint")


def _entry_json(entry: Entry) -> dict[str, Any]:
    document: dict[str, Any] = {"code": entry.code, "name": entry.name, "message": _text(entry.message)}
    for field in OPTIONAL_ENTRY_FIELDS:
        value = getattr(entry, field)
        if value is not None:
            document[field] = value
    return document
