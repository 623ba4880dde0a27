"""Render the ``smspartner_codes`` package: one module per table, the runtime and the package."""

from __future__ import annotations

from codegen.model import Catalog, Table
from codegen.render.headers import notice
from codegen.render.templating import render_template

PACKAGE = "smspartner_codes"
RUNTIME_EXPORTS = ("Alias", "GroupEnum", "IntCodeEnum", "StrCodeEnum")


def module_name(table: Table) -> str:
    return f"_{table.id}"


def render_python(catalog: Catalog) -> dict[str, bytes]:
    header = notice(catalog)
    files = {
        f"{PACKAGE}/__init__.py": _render_init(catalog, header),
        f"{PACKAGE}/_runtime.py": render_template("python/_runtime.py.j2", notice=header),
        f"{PACKAGE}/py.typed": f"# {header}\n# PEP 561 marker: this package ships its own type information.\n",
    }
    for table in catalog.tables:
        files[f"{PACKAGE}/{module_name(table)}.py"] = _render_table(table, header)
    return {path: text.encode("utf-8") for path, text in files.items()}


def _render_table(table: Table, header: str) -> str:
    integer = table.code_type == "integer"
    return render_template(
        "python/table.py.j2",
        notice=header,
        table=table,
        base="IntCodeEnum" if integer else "StrCodeEnum",
        table_base="IntTableBase" if integer else "StrTableBase",
        code_type="int" if integer else "str",
    )


def _type_checking_imports(class_modules: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(module, "Name, Other")`` per module, sorted as ruff's isort rules want."""
    names_by_module: dict[str, list[str]] = {}
    for name, module in class_modules:
        names_by_module.setdefault(module, []).append(name)
    return [(module, ", ".join(sorted(names))) for module, names in sorted(names_by_module.items())]


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff keeps ``__all__`` in: CONSTANTS, then Classes, then functions."""
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def _render_init(catalog: Catalog, header: str) -> str:
    class_modules: list[tuple[str, str]] = [(name, "_runtime") for name in RUNTIME_EXPORTS]
    for table in catalog.tables:
        class_modules.append((table.enum, module_name(table)))
        if table.group_enum:
            class_modules.append((table.group_enum, module_name(table)))
    exports = sorted(
        [name for name, _ in class_modules] + ["CATALOG_VERSION", "TABLES", "TABLE_IDS", "lookup"], key=_isort_key
    )
    return render_template(
        "python/__init__.py.j2",
        notice=header,
        catalog=catalog,
        type_imports=_type_checking_imports(class_modules),
        class_modules=class_modules,
        exports=exports,
    )
