"""Stage 2: check the loaded catalog against its JSON Schema and the semantic rules.

Every problem of every file is collected and reported together; a catalog
with any problem never reaches the renderers.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from codegen.loader import INDEX_FILE, TABLES_DIR, LoadedFile, LoadError, NodePath, load_yaml
from codegen.model import Catalog, Entry, Group, Table, Text
from codegen.problems import CatalogInvalid, Location, Problem, format_node_path

# Unicode's control characters (category Cc) and lone surrogates (Cs).
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

# Reports a broken rule at a node of the file being checked.
Reporter = Callable[[NodePath, str], Problem]

SCHEMA_DIR = "schema"

# Attribute names of enum members and classes, ours and the enum module's.
# A member named like one of them (in any case) would shadow or confuse it.
RESERVED_NAMES = frozenset(
    {
        "name",
        "value",
        "code",
        "message",
        "message_in",
        "table",
        "group",
        "permanent",
        "aliases",
        "description",
        "description_in",
        "mro",
    }
)


@cache
def _validator(catalog_dir: Path, schema_name: str) -> Draft202012Validator:
    schema = json.loads((catalog_dir / SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    return Draft202012Validator(inline_local_refs(schema, schema.get("$defs", {})))


def inline_local_refs(node: Any, definitions: dict[str, Any]) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/x"}`` replaced by the definition it names.

    Validation gives the same results, twice as fast: jsonschema resolves every
    reference again at each node it checks. Keys beside a ``$ref`` are kept;
    the schemas here only put annotations (``description``) there.
    """
    if isinstance(node, list):
        return [inline_local_refs(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        siblings = {key: value for key, value in node.items() if key != "$ref"}
        return inline_local_refs({**definitions[reference.removeprefix("#/$defs/")], **siblings}, definitions)
    return {key: inline_local_refs(value, definitions) for key, value in node.items() if key != "$defs"}


def load_catalog(catalog_dir: Path) -> Catalog:
    """Load, validate and model the catalog in ``catalog_dir``; raise CatalogInvalid."""
    problems: list[Problem] = []
    index = _load(catalog_dir / INDEX_FILE, catalog_dir, problems)
    if index is None:
        raise CatalogInvalid(problems)
    index_ok = _check_schema(index, _validator(catalog_dir, "catalog.schema.json"), problems)
    if not index_ok:
        raise CatalogInvalid(problems)
    table_ids: list[str] = index.data["tables"]
    _check_table_files_listed(catalog_dir, index, table_ids, problems)

    tables: list[Table] = []
    for position, table_id in enumerate(table_ids):
        loaded = _load(
            catalog_dir / TABLES_DIR / f"{table_id}.yaml", catalog_dir, problems, index, ("tables", position)
        )
        if loaded is None:
            continue
        if not _check_schema(loaded, _validator(catalog_dir, "table.schema.json"), problems):
            continue
        table_problems = list(_check_table(loaded, table_id))
        problems.extend(table_problems)
        if not table_problems:
            tables.append(_build_table(loaded))
    problems.extend(_check_across_tables(tables))
    if problems:
        raise CatalogInvalid(problems)
    return Catalog(version=index.data["catalog_version"], tables=tuple(tables))


def _load(
    path: Path,
    catalog_dir: Path,
    problems: list[Problem],
    referrer: LoadedFile | None = None,
    referrer_path: NodePath = (),
) -> LoadedFile | None:
    try:
        loaded = load_yaml(path)
    except LoadError as error:
        problem = error.problem
        if problem.message == "file not found" and referrer is not None:
            problem = Problem(
                referrer.where(referrer_path),
                format_node_path(referrer_path),
                f"table file {path} not found",
            )
        problems.append(problem)
        return None
    if not isinstance(loaded.data, dict):
        problems.append(Problem(loaded.where(()), "", "the document must be a YAML mapping"))
        return None
    return loaded


def _check_schema(loaded: LoadedFile, validator: Draft202012Validator, problems: list[Problem]) -> bool:
    errors = sorted(validator.iter_errors(loaded.data), key=lambda error: list(map(str, error.absolute_path)))
    for error in errors:
        node_path = tuple(error.absolute_path)
        problems.append(Problem(loaded.where(node_path), format_node_path(node_path), _explain(error)))
    return not errors


def _explain(error: ValidationError) -> str:
    """A schema error in plain words."""
    schema: dict[str, Any] = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        return f"unknown key {', '.join(map(repr, extra))}; allowed keys are {', '.join(allowed)}"
    if error.validator == "required":
        return str(error.message).replace("is a required property", "is required here")
    if error.validator == "pattern" and schema.get("pattern") == "^[A-Z][A-Z0-9_]*$":
        return f"{error.instance!r} is not an UPPER_SNAKE_CASE name (A-Z, 0-9 and _, starting with a letter)"
    if error.validator == "pattern" and "\\S" in str(schema.get("pattern")):
        return f"{error.instance!r} must be one line of text with no leading or trailing spaces"
    if error.path and error.path[-1] == "code" and error.validator in ("type", "minimum", "minLength", "pattern"):
        return f"code {error.instance!r} must be a non-negative integer or one line of text"
    return str(error.message)


def _check_table_files_listed(
    catalog_dir: Path, index: LoadedFile, table_ids: list[str], problems: list[Problem]
) -> None:
    tables_dir = catalog_dir / TABLES_DIR
    listed = set(table_ids)
    for path in sorted(tables_dir.glob("*.yaml")) if tables_dir.is_dir() else []:
        if path.stem not in listed:
            problems.append(
                Problem(
                    index.where(("tables",)),
                    "tables",
                    f"{path} is not listed in tables; list it or delete it",
                )
            )


def _check_table(loaded: LoadedFile, expected_id: str) -> Iterator[Problem]:
    data: dict[str, Any] = loaded.data

    def problem(node_path: NodePath, message: str) -> Problem:
        return Problem(loaded.where(node_path), format_node_path(node_path), message)

    if data["id"] != expected_id:
        yield problem(("id",), f"id {data['id']!r} does not match the file name {expected_id}.yaml")
    yield from _check_texts(data, problem)
    yield from _check_groups(data, problem)
    yield from _check_entries(data, problem)


def _walk_texts(data: dict[str, Any]) -> Iterator[tuple[NodePath, str]]:
    yield from ((("title", language), text) for language, text in data["title"].items())
    for index, group in enumerate(data.get("groups", [])):
        for language, text in group["description"].items():
            yield ("groups", index, "description", language), text
    for index, entry in enumerate(data["entries"]):
        for language, text in entry["message"].items():
            yield ("entries", index, "message", language), text


def _check_texts(data: dict[str, Any], problem: Reporter) -> Iterator[Problem]:
    for node_path, text in _walk_texts(data):
        if text != text.strip():
            yield problem(node_path, "text has leading or trailing whitespace")
        controls = sorted({f"U+{ord(char):04X}" for char in _CONTROL_CHARACTERS.findall(text)})
        if controls:
            yield problem(node_path, f"text contains control characters ({', '.join(controls)}); write it on one line")


def _check_groups(data: dict[str, Any], problem: Reporter) -> Iterator[Problem]:
    ids: dict[int, int] = {}
    names: dict[str, int] = {}
    for index, group in enumerate(data.get("groups", [])):
        if group["id"] in ids:
            yield problem(("groups", index, "id"), f"group id {group['id']} repeats groups[{ids[group['id']]}]")
        if group["name"] in names:
            yield problem(
                ("groups", index, "name"), f"group name {group['name']} repeats groups[{names[group['name']]}]"
            )
        ids.setdefault(group["id"], index)
        names.setdefault(group["name"], index)
        yield from _check_name(group["name"], ("groups", index, "name"), problem)


def _check_name(name: str, node_path: NodePath, problem: Reporter) -> Iterator[Problem]:
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        yield problem(node_path, f"name {name!r} is a Python keyword")
    if name.lower() in RESERVED_NAMES:
        yield problem(node_path, f"name {name!r} clashes with the member attribute {name.lower()!r}")


def _check_entries(data: dict[str, Any], problem: Reporter) -> Iterator[Problem]:
    entries: list[dict[str, Any]] = data["entries"]
    group_ids = {group["id"] for group in data.get("groups", [])}
    expected_type = int if data["code_type"] == "integer" else str
    names: dict[str, int] = {}
    first_with_code: dict[int | str, int] = {}
    for index, entry in enumerate(entries):
        name, code = entry["name"], entry["code"]
        yield from _check_name(name, ("entries", index, "name"), problem)
        if name in names:
            yield problem(("entries", index, "name"), f"name {name} repeats entries[{names[name]}]")
        names.setdefault(name, index)
        if not isinstance(code, expected_type):
            yield problem(
                ("entries", index, "code"),
                f"code {code!r} is {'an integer' if isinstance(code, int) else 'a string'}"
                f" but the table's code_type is {data['code_type']}",
            )
        if "group" in entry and entry["group"] not in group_ids:
            yield problem(("entries", index, "group"), f"group {entry['group']} is not defined in groups")
        if group_ids and "group" not in entry:
            yield problem(("entries", index), "entry has no group, but the table has groups")
        if code in first_with_code and "alias_of" not in entry:
            yield problem(
                ("entries", index, "code"),
                f"code {code!r} repeats entries[{first_with_code[code]}]; declare alias_of to share a code",
            )
        first_with_code.setdefault(code, index)
    yield from _check_aliases(entries, names, problem)


def _check_aliases(entries: list[dict[str, Any]], names: dict[str, int], problem: Reporter) -> Iterator[Problem]:
    for index, entry in enumerate(entries):
        target_name = entry.get("alias_of")
        if target_name is None:
            continue
        node_path: NodePath = ("entries", index, "alias_of")
        if target_name not in names:
            yield problem(node_path, f"alias_of names {target_name}, which is not an entry of this table")
            continue
        target = entries[names[target_name]]
        if target is entry:
            yield problem(node_path, "an entry cannot be an alias of itself")
        elif "alias_of" in target:
            yield problem(node_path, f"alias_of names {target_name}, which is itself an alias")
        elif target["code"] != entry["code"]:
            yield problem(node_path, f"alias_of names {target_name}, whose code {target['code']!r} differs")
        elif names[target_name] > index:
            yield problem(node_path, f"alias_of names {target_name}, which must come before its alias")


def _check_across_tables(tables: list[Table]) -> Iterator[Problem]:
    """Rules between tables: class names are unique, a French text has one English text."""
    owners: dict[str, str] = {}
    for table in tables:
        for class_name in filter(None, (table.enum, table.group_enum)):
            if class_name in owners:
                yield Problem(
                    Location(table.source_file, 1, 1),
                    "enum",
                    f"class name {class_name} is already used by table {owners[class_name]}",
                )
            owners.setdefault(class_name, table.id)
    english: dict[str, tuple[str, str]] = {}
    for table in tables:
        for entry in table.entries:
            known = english.setdefault(entry.message.fr, (entry.message.en, f"{table.id}.{entry.name}"))
            if known[0] != entry.message.en:
                yield Problem(
                    Location(table.source_file, entry.line, 1),
                    f"{entry.name}.message.en",
                    f"the same French text has another English text at {known[1]}; the gettext catalog keys"
                    " translations by French text, so give both the same English",
                )


def _text(raw: dict[str, str]) -> Text:
    return Text(fr=raw["fr"], en=raw["en"])


def _build_table(loaded: LoadedFile) -> Table:
    data = loaded.data
    entries = tuple(
        Entry(
            code=raw["code"],
            name=raw["name"],
            message=_text(raw["message"]),
            group=raw.get("group"),
            permanent=raw.get("permanent"),
            alias_of=raw.get("alias_of"),
            line=loaded.where(("entries", index)).line,
        )
        for index, raw in enumerate(data["entries"])
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
