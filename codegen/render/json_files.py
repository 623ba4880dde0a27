"""Render the JSON artefacts other languages code against, and their JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codegen.model import Catalog, Disagreement, Endpoint, Entry, Table, Text
from codegen.render.headers import notice
from codegen.render.output import Output
from codegen.sources import line_of, page_of

SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "templates" / "json" / "catalog.schema.json"
# The copies of the JSON artefacts the Python package ships: catalog.json and its schema side by side
# (importlib.resources.files("smspartner_codes") / "catalog.json"), each table's file in tables/.
PACKAGE_COPY = "catalog.json"
PACKAGE_SCHEMA = "catalog.schema.json"
PACKAGE_TABLES = "tables"


def dump(document: dict[str, Any]) -> bytes:
    """The one JSON style of every artefact: UTF-8, two-space indent, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_json(catalog: Catalog) -> Output:
    header = notice(catalog)
    tables = [table_json(table) for table in catalog.tables]
    whole = dump(
        {
            "$comment": header,
            "catalog_version": catalog.version,
            "tables": tables,
            "endpoints": [endpoint_json(endpoint) for endpoint in catalog.endpoints],
            "disagreements": [disagreement_json(item) for item in catalog.disagreements],
        }
    )
    files = {"json/catalog.json": whole}
    package_data = {PACKAGE_COPY: whole}
    for table in tables:
        single = dump({"$comment": header, "catalog_version": catalog.version, **table})
        files[f"json/{table['id']}.json"] = single
        package_data[f"{PACKAGE_TABLES}/{table['id']}.json"] = single
    schema = json.loads(SCHEMA_SOURCE.read_text(encoding="utf-8"))
    files["json/catalog.schema.json"] = package_data[PACKAGE_SCHEMA] = dump({"$comment": header, **schema})
    return Output(artefacts=files, package_data=package_data)


def _text(text: Text) -> dict[str, str]:
    return {"fr": text.fr, "en": text.en}


def table_json(table: Table) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": table.id,
        "title": _text(table.title),
        "title_language": "fr" if table.title_in_french else "en",
        "origin": table.origin,
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
    document: dict[str, Any] = {
        "code": entry.code,
        "name": entry.name,
        "message": _text(entry.message),
        "message_language": entry.message_language,
    }
    for field in OPTIONAL_ENTRY_FIELDS:
        value = getattr(entry, field)
        if value is not None:
            document[field] = value
    if entry.variants:
        document["variants"] = [{"text": variant.text, "lang": variant.language} for variant in entry.variants]
    if entry.spellings:
        document["spellings"] = [
            {"value": spelling.value, "field": spelling.field, "sources": sources_json(spelling.sources)}
            for spelling in entry.spellings
        ]
    if entry.sources:
        document["sources"] = sources_json(entry.sources)
    return document


def sources_json(sources: tuple[str, ...]) -> list[dict[str, Any]]:
    """``path:line`` sources as ``{"page": path, "line": line}``; the path is under catalog/upstream/."""
    return [{"page": page_of(source), "line": line_of(source)} for source in sources]


def endpoint_json(endpoint: Endpoint) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": endpoint.id,
        "product": endpoint.product,
        "kind": endpoint.kind,
        "method": endpoint.method,
        "title": _text(endpoint.title),
        "title_language": "fr" if endpoint.title_in_french else "en",
        "pages": list(endpoint.pages),
        "urls": [
            {"url": url.url, "misprint": url.misprint, "sources": sources_json(url.sources)} for url in endpoint.urls
        ],
        "tables": list(endpoint.tables),
        "fields": [
            {"name": field.name, "table": field.table, "key": field.key, "sources": sources_json(field.sources)}
            for field in endpoint.fields
        ],
    }
    if endpoint.no_codes:
        document["no_codes"] = endpoint.no_codes
    return document


def disagreement_json(item: Disagreement) -> dict[str, Any]:
    sides = []
    for side in item.sides:
        document: dict[str, Any] = {"source": sources_json((side.source,))[0]}
        for key in ("entry", "endpoint", "url", "says"):
            if getattr(side, key) is not None:
                document[key] = getattr(side, key)
        sides.append(document)
    return {
        "id": item.id,
        "kind": item.kind,
        "about": item.about,
        "sides": sides,
        "reading": item.reading,
        "why": item.why,
    }
