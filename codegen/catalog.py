"""Stages 1 to 3 in one call: load the catalog's files, validate them, and build the model.

``load_catalog(catalog_dir)`` is what every command starts with: it returns the frozen
``Catalog`` the renderers read, or raises ``CatalogInvalid`` listing every problem of
every file, each with its file, line and column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from codegen.loader import INDEX_FILE, TABLES_DIR, LoadedFile, LoadError, NodePath, describe_type, load_yaml
from codegen.model import Catalog, Entry, Group, Table, Text
from codegen.problems import CatalogInvalid, Problem, format_node_path
from codegen.validate import check_across_tables, check_index_schema, check_table, check_table_list


def load_catalog(catalog_dir: Path, *, complete: bool = True) -> Catalog:
    """Load, validate and model the catalog in ``catalog_dir``; raise CatalogInvalid.

    ``complete=False`` accepts a catalog written before a field became required (the status
    flags): ``diff`` must still read the releases made before that rule.
    """
    problems: list[Problem] = []
    index = _load(catalog_dir / INDEX_FILE, problems)
    if index is None:
        raise CatalogInvalid(problems)
    problems += check_index_schema(index)
    if problems:
        raise CatalogInvalid(problems)
    problems += check_table_list(index, catalog_dir)
    tables: list[Table] = []
    checked: list[LoadedFile] = []
    for position, table_id in enumerate(index.data["tables"]):
        loaded = _load(catalog_dir / TABLES_DIR / f"{table_id}.yaml", problems, index, ("tables", position))
        if loaded is None:
            continue
        table_problems = check_table(loaded, table_id, complete=complete)
        problems += table_problems
        if not table_problems:
            checked.append(loaded)
            tables.append(build_table(loaded))
    problems += check_across_tables(checked)
    if problems:
        raise CatalogInvalid(problems)
    return Catalog(version=index.data["catalog_version"], tables=tuple(tables))


def _load(
    path: Path,
    problems: list[Problem],
    referrer: LoadedFile | None = None,
    referrer_path: NodePath = (),
) -> LoadedFile | None:
    """The file's mapping, or None with its problem added: a table file is reported missing where it is listed."""
    try:
        loaded = load_yaml(path)
    except LoadError as error:
        problem = error.problem
        if problem.message == "file not found" and referrer is not None:
            problem = Problem(
                referrer.where(referrer_path),
                format_node_path(referrer_path),
                f"table file {TABLES_DIR}/{path.name} not found",
            )
        problems.append(problem)
        return None
    if not isinstance(loaded.data, dict):
        problems.append(
            Problem(
                loaded.where(()),
                "",
                f"the file must hold a YAML mapping (key: value lines), not {describe_type(loaded.data)}",
            )
        )
        return None
    return loaded


def _text(raw: dict[str, str]) -> Text:
    return Text(fr=raw["fr"], en=raw["en"])


def build_table(loaded: LoadedFile) -> Table:
    """The model of a table file that passed validation."""
    data: dict[str, Any] = loaded.data
    entries = tuple(
        Entry(
            code=raw["code"],
            name=raw["name"],
            message=_text(raw["message"]),
            group=raw.get("group"),
            permanent=raw.get("permanent"),
            alias_of=raw.get("alias_of"),
            final=raw.get("final"),
            success=raw.get("success"),
            hint=raw.get("hint"),
        )
        for raw in data["entries"]
    )
    groups = tuple(
        Group(id=raw["id"], name=raw["name"], description=_text(raw["description"])) for raw in data.get("groups", [])
    )
    return Table(
        id=data["id"],
        enum=data["enum"],
        kind=data["kind"],
        code_type=data["code_type"],
        title=_text(data["title"]),
        entries=entries,
        groups=groups,
        group_enum=data.get("group_enum"),
        source_file=loaded.where(()).file,
    )
