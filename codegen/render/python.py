"""Render the package's generated data (``smspartner_codes._data``): one module per table and per group
enum, each named after its class; the exception of each error table; the endpoints and the
disagreements; and the registry the hand-written package reads.

These modules hold data only: class statements listing members, records, mappings. Literals are
written with ``repr``, Python's own escaping; no formatter runs on them and none is imitated.
"""

from __future__ import annotations

from codegen.model import EXCEPTION_SUFFIX, LANGUAGES, Catalog, Endpoint, Entry, Table
from codegen.render.headers import notice_lines
from codegen.render.output import Output
from codegen.render.templating import render_template
from codegen.runtime import ALIAS_FIELDS, ENDPOINT_FIELDS, RECORD_FIELDS, class_module

EXPORTS_MODULE = "_exports"
REGISTRY_MODULE = "_registry"
ENDPOINTS_MODULE = "_endpoints"
DISAGREEMENTS_MODULE = "_disagreements"
TABLE_IDS_MODULE = "_table_ids"
# The runtime's rule puts every exception class in one module.
EXCEPTIONS_MODULE = class_module(EXCEPTION_SUFFIX)

# What a table's class statement names for its code base (IntCodeEnum, StrCodeEnum), and where from.
CODE_BASES = {"integer": ("smspartner_codes", "_IntTableBase"), "string": ("smspartner_codes._strings", "StrTableBase")}


def error_tables(catalog: Catalog) -> list[Table]:
    """The tables whose codes are errors, the ones an API answer can report."""
    return [table for table in catalog.tables if table.kind == "error"]


def module_name(table: Table) -> str:
    """The module of a table's enum class: named after the class, by the runtime's rule."""
    return class_module(table.enum)


def table_bases(table: Table) -> list[str]:
    """The features the table has (see smspartner_codes._build_enum), then the base of its code type."""
    features = [
        ("_Permanent", table.has_permanent),
        ("_Grouped", table.group_enum is not None),
        ("_Status", table.has_status_flags),
    ]
    return [name for name, present in features if present] + [CODE_BASES[table.code_type][1]]


def table_imports(table: Table) -> list[tuple[str, list[str]]]:
    """The names a table's module imports from the hand-written package: its bases, and _table."""
    bases = table_bases(table)
    code_module, code_base = CODE_BASES[table.code_type]
    from_package = [*bases[:-1], "_table"]
    if code_module == "smspartner_codes":
        return [(code_module, [*from_package, code_base])]
    return [("smspartner_codes", from_package), (code_module, [code_base])]


def record(entry: Entry, fields: tuple[str, ...] = RECORD_FIELDS) -> tuple[object, ...]:
    """The entry's record: the runtime's record fields, in its order (None where the table lacks one)."""
    return tuple(_record_value(entry, field) for field in fields)


def _record_value(entry: Entry, field: str) -> object:
    """A field of a record as a plain literal: the text of record for ``message``, ``(text, lang)`` per variant."""
    if field == "message":
        return entry.message.fr
    if field == "variants":
        return tuple((variant.text, variant.language) for variant in entry.variants)
    return getattr(entry, field)


def spellings(table: Table) -> dict[str, int | str]:
    """Each other form in which the API sends a code or a name of the table, with the code it stands for."""
    return {spelling.value: entry.code for entry in table.entries for spelling in entry.spellings}


def name_tables(catalog: Catalog) -> list[str]:
    """The tables whose names the API sends as values: a payload field reads them by name (errorName)."""
    named = {field.table for endpoint in catalog.endpoints for field in endpoint.fields if field.key == "name"}
    return [table.id for table in catalog.tables if table.id in named]


def item_lists(catalog: Catalog) -> list[str]:
    """The keys of the lists of per-number items the endpoints' answers hold, each once, in the catalog's order."""
    keys = [endpoint.answer.items for endpoint in catalog.endpoints if endpoint.answer and endpoint.answer.items]
    return list(dict.fromkeys(keys))


def endpoint_record(endpoint: Endpoint) -> tuple[object, ...]:
    """The endpoint's record: the runtime's endpoint fields, in its order, as plain literals."""
    values: dict[str, object] = {
        "kind": endpoint.kind,
        "method": endpoint.method,
        "title": endpoint.title.fr if endpoint.title_in_french else None,
        "title_en": endpoint.title.en,
        "pages": endpoint.pages,
        "urls": tuple((url.url, url.misprint) for url in endpoint.urls),
        "tables": endpoint.tables,
        "fields": tuple((field.name, field.table, field.key) for field in endpoint.fields),
        "no_codes": endpoint.no_codes,
        "items": endpoint.answer.items if endpoint.answer else None,
        "success_flag": endpoint.answer.success_flag if endpoint.answer else True,
    }
    return tuple(values[field] for field in ENDPOINT_FIELDS)


def url_paths(catalog: Catalog) -> dict[str, list[tuple[tuple[str | None, ...], str, bool]]]:
    """Each host's URL paths, split into segments (None for a ``{parameter}``), with their endpoint."""
    hosts: dict[str, list[tuple[tuple[str | None, ...], str, bool]]] = {}
    for endpoint in catalog.endpoints:
        for url in endpoint.urls:
            host, _, path = url.url.partition("/")
            segments = tuple(None if _is_parameter(segment) else segment for segment in path.split("/"))
            hosts.setdefault(host, []).append((segments, endpoint.id, url.misprint))
    return hosts


def _is_parameter(segment: str) -> bool:
    """A path segment that stands for a value: ``{apiKey}`` (the catalog writes parameters so, and only so)."""
    return segment.startswith("{") and segment.endswith("}")


def disagreement_records(catalog: Catalog) -> list[tuple[str, tuple[object, ...]]]:
    return [
        (item.id, (item.kind, item.about, item.reading, tuple(side.entry for side in item.sides if side.entry)))
        for item in catalog.disagreements
    ]


def class_modules(catalog: Catalog) -> list[tuple[str, str]]:
    """Every class the data defines, with its module: tables, group enums, exceptions."""
    found = [table.enum for table in catalog.tables]
    found += [table.group_enum for table in catalog.tables if table.group_enum]
    found += [table.exception for table in error_tables(catalog)]
    return [(name, class_module(name)) for name in found]


def render_python(catalog: Catalog) -> Output:
    """The Python modules of the package data."""
    notice = "\n".join(f"# {line}" for line in notice_lines(catalog))
    files = {
        "__init__.py": render_template("python/__init__.py.j2", notice=notice, catalog=catalog, languages=LANGUAGES),
        f"{REGISTRY_MODULE}.py": render_template(
            "python/_registry.py.j2",
            notice=notice,
            catalog=catalog,
            modules=class_modules(catalog),
            name_tables=name_tables(catalog),
            item_lists=item_lists(catalog),
        ),
        f"{EXPORTS_MODULE}.py": render_template("python/_exports.py.j2", notice=notice, modules=class_modules(catalog)),
        f"{TABLE_IDS_MODULE}.py": render_template(
            "python/_table_ids.py.j2",
            notice=notice,
            catalog=catalog,
            error_tables=error_tables(catalog),
        ),
    }
    files[f"{ENDPOINTS_MODULE}.py"] = render_template(
        "python/_endpoints.py.j2",
        notice=notice,
        endpoint_fields=ENDPOINT_FIELDS,
        endpoint_records=[(endpoint.id, endpoint_record(endpoint)) for endpoint in catalog.endpoints],
        url_paths=url_paths(catalog),
    )
    files[f"{DISAGREEMENTS_MODULE}.py"] = render_template(
        "python/_disagreements.py.j2", notice=notice, disagreements=disagreement_records(catalog)
    )
    files[f"{EXCEPTIONS_MODULE}.py"] = render_template(
        "python/_exceptions.py.j2", notice=notice, error_tables=error_tables(catalog)
    )
    for table in catalog.tables:
        files[f"{module_name(table)}.py"] = render_template(
            "python/table.py.j2",
            notice=notice,
            table=table,
            bases=table_bases(table),
            group_module=class_module(table.group_enum) if table.group_enum else None,
            imports=table_imports(table),
            record_fields=RECORD_FIELDS,
            records=[(entry.code, record(entry)) for entry in table.canonical_entries],
            alias_fields=ALIAS_FIELDS,
            alias_records=[(entry.name, record(entry, ALIAS_FIELDS)) for entry in table.aliases],
            spellings=spellings(table),
        )
    for table in catalog.tables:
        if table.group_enum:
            files[f"{class_module(table.group_enum)}.py"] = render_template(
                "python/group.py.j2", notice=notice, table=table
            )
    return Output(artefacts={}, package_data={path: text.encode("utf-8") for path, text in files.items()})
