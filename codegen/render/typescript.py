"""Render the npm package's generated data (``npm/src/_data/``): TypeScript modules holding data only.

The npm package is written by hand in ``npm/src/`` (lookup, entries, the matching rule, endpoint
resolution); what depends on the catalog is generated here, as the Python package's ``_data``:

- ``catalog.ts``: the version, the table ids, one constant object per table (member names to
  literal codes, named like the Python enum) with the union type of its codes, one per group
  enum, and the type maps the hand-written code derives its types from;
- ``records.ts``: what the catalog says of each entry (texts, flags, variants, aliases), per table;
- ``endpoints.ts``: every documented endpoint and its URLs;
- ``casefold.ts`` and ``html.ts``: Unicode case folding (Python's ``str.casefold``) where it is not
  lower-casing, and HTML5's character references (Python's ``html.unescape``), which the matching
  rule needs and JavaScript lacks.

Every literal is written by ``json.dumps``: a JSON value is a JavaScript literal with the same value
(ECMAScript 2019 made U+2028 and U+2029 legal in strings), so JSON's escaping is TypeScript's.
"""

from __future__ import annotations

import html
import html.entities
import json
import unicodedata
from functools import cache
from typing import Any

from codegen.model import LANGUAGES, Catalog, Endpoint, Entry, Table
from codegen.render.headers import notice_lines
from codegen.render.output import Output
from codegen.render.python import item_lists, name_tables, spellings
from codegen.render.templating import render_template

# Type-level flags of a table (which optional fields its entries carry), as the hand-written
# types read them (npm/src/types.ts, TableFeatures).
FEATURES = ("group", "permanent", "status", "hint", "aliases")


def ts(value: object) -> str:
    """``value`` as a TypeScript literal (JSON's escaping; non-ASCII text kept as is)."""
    return json.dumps(value, ensure_ascii=False)


def table_features(table: Table) -> list[str]:
    present = {
        "group": table.group_enum is not None,
        "permanent": table.has_permanent,
        "status": table.has_status_flags,
        "hint": table.has_hints,
        "aliases": bool(table.aliases),
    }
    return [feature for feature in FEATURES if present[feature]]


def entry_record(entry: Entry) -> dict[str, Any]:
    """What the catalog says of one entry, keys left out where the value is None (or empty)."""
    record: dict[str, Any] = {
        "code": entry.code,
        "name": entry.name,
        "message": entry.message.fr,
        "messageLanguage": entry.message_language,
        "en": entry.message.en,
    }
    optional = {
        "group": entry.group,
        "permanent": entry.permanent,
        "final": entry.final,
        "success": entry.success,
        "hint": entry.hint,
        "aliasOf": entry.alias_of,
    }
    record.update({key: value for key, value in optional.items() if value is not None})
    if entry.renamed:
        record["renamed"] = True
    if entry.variants:
        record["variants"] = [{"text": variant.text, "lang": variant.language} for variant in entry.variants]
    return record


def table_record(table: Table) -> dict[str, Any]:
    record: dict[str, Any] = {
        "enum": table.enum,
        "kind": table.kind,
        "codeType": table.code_type,
        "title": table.title.fr,
        "titleEn": table.title.en,
        "groups": [
            {"id": group.id, "name": group.name, "description": group.description.fr, "en": group.description.en}
            for group in table.groups
        ],
        "entries": [entry_record(entry) for entry in table.entries],
    }
    found = spellings(table)
    if found:
        record["spellings"] = found
    return record


def endpoint_record(endpoint: Endpoint) -> dict[str, Any]:
    return {
        "id": endpoint.id,
        "product": endpoint.product,
        "kind": endpoint.kind,
        "method": endpoint.method,
        "title": endpoint.title.fr if endpoint.title_in_french else None,
        "titleEn": endpoint.title.en,
        "pages": list(endpoint.pages),
        "urls": [{"url": url.url, "misprint": url.misprint} for url in endpoint.urls],
        "tables": list(endpoint.tables),
        "fields": [{"name": field.name, "table": field.table, "key": field.key} for field in endpoint.fields],
        "noCodes": endpoint.no_codes,
        "items": endpoint.answer.items if endpoint.answer else None,
        "successFlag": endpoint.answer.success_flag if endpoint.answer else True,
    }


# Every character with a case is in the first two planes (0 and 1) of Unicode (the tests check
# the whole range): scanning them only keeps the render fast.
CASED_PLANES_END = 0x20000


@cache
def case_folding() -> dict[str, str]:
    """Each character that lower-casing leaves as it is and case folding changes, with its folding.

    Lower-casing a text, then replacing these, gives Python's ``str.casefold`` (the tests check it
    for every code point); JavaScript has ``toLowerCase`` but no case folding.
    """
    folding: dict[str, str] = {}
    for code_point in range(CASED_PLANES_END):
        if 0xD800 <= code_point < 0xE000:  # surrogates are no characters
            continue
        char = chr(code_point)
        if char.lower() == char and char.casefold() != char:
            folding[char] = char.casefold()
    return folding


def render_typescript(catalog: Catalog) -> Output:
    notice = "\n".join(f"// {line}" for line in notice_lines(catalog))
    context = {"notice": notice, "catalog": catalog, "ts": ts}
    tables = [
        {
            "table": table,
            "members": [(entry.name, entry.code) for entry in table.entries],
            "names": [entry.name for entry in table.canonical_entries],
            "features": table_features(table),
        }
        for table in catalog.tables
    ]
    files = {
        "catalog.ts": render_template(
            "typescript/catalog.ts.j2",
            **context,
            tables=tables,
            languages=LANGUAGES,
            name_tables=name_tables(catalog),
        ),
        "records.ts": render_template(
            "typescript/records.ts.j2",
            **context,
            records=[(table.id, table_record(table)) for table in catalog.tables],
        ),
        "endpoints.ts": render_template(
            "typescript/endpoints.ts.j2",
            **context,
            endpoints=[endpoint_record(endpoint) for endpoint in catalog.endpoints],
            item_lists=item_lists(catalog),
        ),
        "casefold.ts": render_template(
            "typescript/casefold.ts.j2",
            **context,
            unicode_version=unicodedata.unidata_version,
            folding=sorted(case_folding().items()),
        ),
        "html.ts": render_template(
            "typescript/html.ts.j2",
            **context,
            entities=sorted(html.entities.html5.items()),
            invalid_references=sorted(html._invalid_charrefs.items()),  # type: ignore[attr-defined]
            invalid_code_points=sorted(html._invalid_codepoints),  # type: ignore[attr-defined]
        ),
    }
    return Output(artefacts={}, package_data={}, npm_data={path: text.encode("utf-8") for path, text in files.items()})
