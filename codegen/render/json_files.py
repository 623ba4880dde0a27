"""Render the JSON artefacts other languages code against, and their JSON Schema."""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring  # json's own escaping of a text, in C
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
    return _finished(_encoded(document))


def indented_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)``, built twice as fast.

    json's indenting encoder is written in Python, as a generator yielding each comma and
    bracket; this one puts the same pieces in a list, and leaves every text to json's own
    escaping (``encode_basestring``, in C). It takes what the artefacts hold: mappings with
    text keys, lists, texts, integers, booleans, None and numbers; anything else is a TypeError.
    tests/test_json_contract.py checks it against json.dumps.
    """
    parts: list[str] = []
    _put(value, "\n", parts)
    return "".join(parts)


def _put(value: Any, indent: str, parts: list[str]) -> None:
    if isinstance(value, str):
        parts.append(encode_basestring(value))
    elif value is None or value is True or value is False:
        parts.append(_CONSTANTS[value])
    elif isinstance(value, int):
        parts.append(int.__repr__(value))
    elif isinstance(value, float):
        parts.append(_float(value))
    elif isinstance(value, dict):
        if not value:
            parts.append("{}")
            return
        inner = indent + "  "
        opening = "{"
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"a JSON artefact's keys are texts, not {key!r}")
            parts.append(f"{opening}{inner}{encode_basestring(key)}: ")
            opening = ","
            _put(item, inner, parts)
        parts.append(indent + "}")
    elif isinstance(value, list | tuple):
        if not value:
            parts.append("[]")
            return
        inner = indent + "  "
        opening = "["
        for item in value:
            parts.append(opening + inner)
            opening = ","
            _put(item, inner, parts)
        parts.append(indent + "]")
    else:
        raise TypeError(f"{type(value).__name__} is not a JSON value")


_CONSTANTS = {None: "null", True: "true", False: "false"}


def _float(value: float) -> str:
    """As json writes a number: NaN and the infinities by name (json's default, allow_nan)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


def render_json(catalog: Catalog) -> Output:
    header = {"$comment": notice(catalog), "catalog_version": catalog.version}
    # Each table is encoded once, then put into both its own file and catalog.json: json's
    # indenting encoder is pure Python, and the tables are most of the text.
    tables = {table.id: _encoded(table_json(table)) for table in catalog.tables}
    whole = _with_tables(
        _encoded(
            {
                **header,
                "tables": [],
                "endpoints": [endpoint_json(endpoint) for endpoint in catalog.endpoints],
                "disagreements": [disagreement_json(item) for item in catalog.disagreements],
            }
        ),
        list(tables.values()),
    )
    files = {"json/catalog.json": whole}
    package_data = {PACKAGE_COPY: whole}
    for table_id, encoded in tables.items():
        single = _finished(_merged(_encoded(header), encoded))
        files[f"json/{table_id}.json"] = single
        package_data[f"{PACKAGE_TABLES}/{table_id}.json"] = single
    schema = json.loads(SCHEMA_SOURCE.read_text(encoding="utf-8"))
    files["json/catalog.schema.json"] = package_data[PACKAGE_SCHEMA] = dump({"$comment": header["$comment"], **schema})
    return Output(artefacts=files, package_data=package_data)


# What dump() writes, in parts: the text of one object, indented as at the top of a file.
def _encoded(document: dict[str, Any]) -> str:
    return indented_json(document)


def _finished(text: str) -> bytes:
    return (text + "\n").encode("utf-8")


def _merged(first: str, second: str) -> str:
    """The text of ``{**first, **second}`` (keys not shared, both non-empty) from their texts."""
    return first.removesuffix("\n}") + ",\n" + second.removeprefix("{\n")


_EMPTY_TABLES = '\n  "tables": []'


def _with_tables(whole: str, tables: list[str]) -> bytes:
    """``whole``, encoded with no tables, with these tables' texts in its list.

    A JSON text holds no raw line break inside a string, so indenting a table's text two
    levels deeper is adding four spaces after each of its line breaks. The top-level key is
    the only "tables" at that indent (an endpoint's own list of tables is deeper).
    """
    if whole.count(_EMPTY_TABLES) != 1:
        raise RuntimeError("catalog.json: the place of the tables is not found once")
    if not tables:
        return _finished(whole)
    listed = ",\n    ".join(table.replace("\n", "\n    ") for table in tables)
    return _finished(whole.replace(_EMPTY_TABLES, '\n  "tables": [\n    ' + listed + "\n  ]"))


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
    if endpoint.answer:
        answer: dict[str, Any] = {}
        if endpoint.answer.items:
            answer["items"] = endpoint.answer.items
        if not endpoint.answer.success_flag:
            answer["success_flag"] = False
        document["answer"] = {**answer, "sources": sources_json(endpoint.answer.sources)}
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
