"""Render the ``smspartner_codes`` package: its __init__ (shared runtime, lazy loading), one module
per table, and one module for the HLR group enums."""

from __future__ import annotations

from codegen.model import Catalog, Table
from codegen.render.headers import PACKAGE, notice_lines
from codegen.render.templating import render_template

# Public names defined in the package's __init__ itself.
INIT_EXPORTS = (
    "Alias",
    "CATALOG_VERSION",
    "GETTEXT_DOMAIN",
    "IntCodeEnum",
    "StrCodeEnum",
    "TABLES",
    "TABLE_IDS",
    "lookup",
)
GROUPS_MODULE = "_groups"

# The toolkit modules (typed exceptions, search, command line): their public names, loaded on first use.
ERRORS_MODULE = "_errors"
ERRORS_EXPORTS = ("ApiError", "InvalidResponseError", "SmsPartnerError", "iter_errors", "raise_for_response")
SEARCH_MODULE = "_search"
SEARCH_EXPORTS = ("find_code", "search")
EXCEPTION_SUFFIX = "ApiError"


def exception_name(table: Table) -> str:
    """The ApiError subclass of a table: ``sms_send`` gives ``SmsSendApiError``."""
    return "".join(part.capitalize() for part in table.id.split("_")) + EXCEPTION_SUFFIX


def error_tables(catalog: Catalog) -> list[Table]:
    """The tables whose codes are errors, the ones an API answer can report."""
    return [table for table in catalog.tables if table.kind == "error"]


def module_name(table: Table) -> str:
    return f"_{table.id}"


def render_python(catalog: Catalog) -> dict[str, bytes]:
    header = "\n".join(f"# {line}" for line in notice_lines(catalog))
    files = {
        f"{PACKAGE}/__init__.py": _render_init(catalog, header),
        f"{PACKAGE}/py.typed": f"{header}\n# PEP 561 marker: this package ships its own type information.\n",
    }
    for table in catalog.tables:
        files[f"{PACKAGE}/{module_name(table)}.py"] = _render_table(table, header)
    files.update(_render_toolkit(catalog, header))
    group_tables = [table for table in catalog.tables if table.groups]
    if group_tables:
        files[f"{PACKAGE}/{GROUPS_MODULE}.py"] = render_template(
            "python/_groups.py.j2",
            notice=header,
            group_tables=group_tables,
            exports=sorted(
                ["GroupEnum", *(table.group_enum for table in group_tables if table.group_enum)], key=_isort_key
            ),
        )
    return {path: text.encode("utf-8") for path, text in files.items()}


def _render_toolkit(catalog: Catalog, header: str) -> dict[str, str]:
    tables = [
        {"id": table.id, "enum": table.enum, "exception": exception_name(table), "code_type": table.code_type}
        for table in error_tables(catalog)
    ]
    return {
        f"{PACKAGE}/{ERRORS_MODULE}.py": render_template(
            "python/_errors.py.j2",
            notice=header,
            error_tables=tables,
            width=max((len(table["exception"]) for table in tables), default=0) + 4,
            exports=sorted([*ERRORS_EXPORTS, "API_ERRORS", *(table["exception"] for table in tables)], key=_isort_key),
        ),
        f"{PACKAGE}/{SEARCH_MODULE}.py": render_template("python/_search.py.j2", notice=header),
        f"{PACKAGE}/_cli.py": render_template("python/_cli.py.j2", notice=header),
        f"{PACKAGE}/__main__.py": render_template("python/__main__.py.j2", notice=header),
    }


def _render_table(table: Table, header: str) -> str:
    integer = table.code_type == "integer"
    base, table_base = ("IntCodeEnum", "_IntTableBase") if integer else ("StrCodeEnum", "_StrTableBase")
    needed = [base, table_base, "_build_enum", "_translate", *(["Alias"] if table.aliases else [])]
    return render_template(
        "python/table.py.j2",
        notice=header,
        table=table,
        imports=import_names(needed),
        base=base,
        table_base=table_base,
        code_type="int" if integer else "str",
    )


def _type_checking_imports(class_modules: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """``(module, names)`` per module, sorted as ruff's isort rules want."""
    names_by_module: dict[str, list[str]] = {}
    for name, module in class_modules:
        names_by_module.setdefault(module, []).append(name)
    return [(module, _import_order(names)) for module, names in sorted(names_by_module.items())]


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff keeps ``__all__`` in: CONSTANTS, then Classes, then functions."""
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def _import_order(names: list[str]) -> list[str]:
    """Names in the order ruff's isort keeps a ``from ... import``: by kind, then case-insensitive."""
    return sorted(names, key=lambda name: (_isort_key(name)[0], name.lower()))


def import_names(names: list[str]) -> str:
    """Names of a one-line ``from ... import``, in ruff's isort order."""
    return ", ".join(_import_order(names))


def _render_init(catalog: Catalog, header: str) -> str:
    lazy_modules: list[tuple[str, str]] = []
    for table in catalog.tables:
        lazy_modules.append((table.enum, module_name(table)))
    group_enums = [table.group_enum for table in catalog.tables if table.group_enum]
    if group_enums:
        lazy_modules += [(name, GROUPS_MODULE) for name in ["GroupEnum", *group_enums]]
    lazy_modules += [(name, ERRORS_MODULE) for name in ERRORS_EXPORTS]
    lazy_modules += [(exception_name(table), ERRORS_MODULE) for table in error_tables(catalog)]
    lazy_modules += [(name, SEARCH_MODULE) for name in SEARCH_EXPORTS]
    return render_template(
        "python/__init__.py.j2",
        notice=header,
        catalog=catalog,
        lazy_modules=lazy_modules,
        type_imports=_type_checking_imports(lazy_modules),
        exports=sorted([name for name, _ in lazy_modules] + list(INIT_EXPORTS), key=_isort_key),
    )
