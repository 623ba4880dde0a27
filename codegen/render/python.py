"""Render the ``smspartner_codes`` package: its __init__ (shared runtime, lazy loading), one module
per table, and one module for the HLR group enums."""

from __future__ import annotations

from functools import cmp_to_key
from typing import Any

from codegen.model import LANGUAGES, Catalog, Table
from codegen.render.headers import PACKAGE, notice_lines
from codegen.render.templating import python_string, render_template

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
# The line length of the repository's ruff settings, which the generated code keeps.
LINE_LENGTH = 120

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
            exports=python_list(
                sorted(
                    ["GroupEnum", *(table.group_enum for table in group_tables if table.group_enum)], key=_isort_key
                ),
                "__all__ = ",
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


def _type_checking_imports(class_modules: list[tuple[str, str]]) -> list[str]:
    """The import statements of the package's own classes, for type checkers, as ruff sorts and formats them."""
    names_by_module: dict[str, list[str]] = {}
    for name, module in class_modules:
        names_by_module.setdefault(module, []).append(name)
    modules = sorted(names_by_module, key=lambda module: (_natural(module.lower()), _natural(module)))
    return [import_statement(f"{PACKAGE}.{module}", names_by_module[module], indent="    ") for module in modules]


def import_statement(module: str, names: list[str], indent: str = "") -> str:
    """``from module import names`` on one line, or one name a line when it would be too long (as ruff formats it)."""
    line = f"{indent}from {module} import {import_names(names)}"
    if len(line) <= LINE_LENGTH:
        return line
    lines = [f"{indent}    {name}," for name in import_names(names).split(", ")]
    return "\n".join([f"{indent}from {module} import (", *lines, f"{indent})"])


def python_list(names: list[str], opening: str) -> str:
    """``opening`` and a list of strings, on one line or one item a line when too long (as ruff formats it)."""
    line = f"{opening}[{', '.join(map(python_string, names))}]"
    if len(line) <= LINE_LENGTH:
        return line
    return "\n".join([f"{opening}[", *(f"    {python_string(name)}," for name in names), "]"])


def _member_kind(name: str) -> int:
    """Ruff's kinds of names, in its order: CONSTANTS (two characters or more), then Classes, then the rest."""
    if len(name) > 1 and name.isupper():
        return 0
    return 1 if name[:1].isupper() else 2


def _natural_compare(left: str, right: str) -> int:
    """The natural order ruff sorts names in (the natord crate): runs of digits compare as numbers.

    A run starting with 0 compares digit by digit, as decimals do; any other run
    compares by length, then by digits, so "Code9" comes before "Code10".
    """
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] in _DIGITS and right[j] in _DIGITS:
            left_run, right_run = _digit_run(left, i), _digit_run(right, j)
            if left_run[0] == "0" or right_run[0] == "0":
                order = _compare(left_run, right_run)  # digit by digit; the shorter run first when one is a prefix
            else:
                order = _compare(len(left_run), len(right_run)) or _compare(left_run, right_run)
            if order:
                return order
            i, j = i + len(left_run), j + len(right_run)
            continue
        if left[i] != right[j]:
            return _compare(left[i], right[j])
        i, j = i + 1, j + 1
    return _compare(len(left) - i, len(right) - j)


_DIGITS = frozenset("0123456789")


def _digit_run(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    return text[start:end]


def _compare(left: str | int, right: str | int) -> int:
    return (left > right) - (left < right)  # type: ignore[operator]


_natural = cmp_to_key(_natural_compare)


def _isort_key(name: str) -> tuple[int, Any]:
    """The order ruff keeps ``__all__`` in (RUF022): by kind, then in natural order."""
    return _member_kind(name), _natural(name)


def import_names(names: list[str]) -> str:
    """Names of a ``from ... import`` line, in ruff's isort order (by kind, then case-insensitive natural order)."""
    return ", ".join(sorted(names, key=lambda name: (_member_kind(name), _natural(name.lower()), _natural(name))))


def _one_line_tuple(name: str, items: list[str]) -> bool:
    """Whether ruff writes this tuple on one line: only a one-item tuple (no magic trailing comma) that fits."""
    return len(items) == 1 and len(f'{name}: "tuple[str, ...]" = ({python_string(items[0])},)') <= LINE_LENGTH


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
        languages=f"({', '.join(map(python_string, LANGUAGES))})",
        notice=header,
        catalog=catalog,
        lazy_modules=lazy_modules,
        type_imports=_type_checking_imports(lazy_modules),
        table_ids_on_one_line=_one_line_tuple("TABLE_IDS", [table.id for table in catalog.tables]),
        exports=sorted([name for name, _ in lazy_modules] + list(INIT_EXPORTS), key=_isort_key),
    )
