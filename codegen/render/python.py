"""Render the package's generated data (``smspartner_codes._data``): one module per table, the group
enums, the exception of each error table, and the registry the hand-written package reads.

These modules hold data only: class statements listing members, records, mappings. Literals are
written with ``repr``, Python's own escaping; no formatter runs on them and none is imitated.
"""

from __future__ import annotations

from codegen.model import LANGUAGES, Catalog, Entry, Table
from codegen.render.headers import notice_lines
from codegen.render.output import Output
from codegen.render.templating import render_template
from codegen.runtime import RECORD_FIELDS

GROUPS_MODULE = "_groups"
EXCEPTIONS_MODULE = "_exceptions"
EXPORTS_MODULE = "_exports"
TABLE_IDS_MODULE = "_table_ids"

# What a table's class statement names for its code base (IntCodeEnum, StrCodeEnum), and where from.
CODE_BASES = {"integer": ("smspartner_codes", "_IntTableBase"), "string": ("smspartner_codes._strings", "StrTableBase")}


def error_tables(catalog: Catalog) -> list[Table]:
    """The tables whose codes are errors, the ones an API answer can report."""
    return [table for table in catalog.tables if table.kind == "error"]


def module_name(table: Table) -> str:
    return f"_{table.id}"


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


def record(entry: Entry) -> tuple[object, ...]:
    """The entry's record: the runtime's record fields, in its order (None where the table lacks one)."""
    return tuple(entry.message.fr if field == "message" else getattr(entry, field) for field in RECORD_FIELDS)


def class_modules(catalog: Catalog) -> list[tuple[str, str]]:
    """Every class the data defines, with its module: tables, group enums, exceptions."""
    found = [(table.enum, module_name(table)) for table in catalog.tables]
    found += [(table.group_enum, GROUPS_MODULE) for table in catalog.tables if table.group_enum]
    found += [(table.exception, EXCEPTIONS_MODULE) for table in error_tables(catalog)]
    return found


def render_python(catalog: Catalog) -> Output:
    """The Python modules of the package data."""
    notice = "\n".join(f"# {line}" for line in notice_lines(catalog))
    files = {
        "__init__.py": render_template(
            "python/registry.py.j2",
            notice=notice,
            catalog=catalog,
            languages=LANGUAGES,
            modules=class_modules(catalog),
        ),
        f"{EXPORTS_MODULE}.py": render_template("python/_exports.py.j2", notice=notice, modules=class_modules(catalog)),
        f"{EXCEPTIONS_MODULE}.py": render_template(
            "python/_exceptions.py.j2",
            notice=notice,
            error_tables=error_tables(catalog),
        ),
        f"{TABLE_IDS_MODULE}.py": render_template(
            "python/_table_ids.py.j2",
            notice=notice,
            catalog=catalog,
            error_tables=error_tables(catalog),
        ),
    }
    for table in catalog.tables:
        files[f"{module_name(table)}.py"] = render_template(
            "python/table.py.j2",
            notice=notice,
            table=table,
            bases=table_bases(table),
            imports=table_imports(table),
            record_fields=RECORD_FIELDS,
            records=[(entry.code, record(entry)) for entry in table.canonical_entries],
        )
    group_tables = [table for table in catalog.tables if table.group_enum]
    if group_tables:
        files[f"{GROUPS_MODULE}.py"] = render_template("python/_groups.py.j2", notice=notice, group_tables=group_tables)
    return Output(artefacts={}, package_data={path: text.encode("utf-8") for path, text in files.items()})
