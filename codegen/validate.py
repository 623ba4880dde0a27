"""Stage 2: check the loaded catalog files against their JSON Schema and the semantic rules.

Each check returns every problem it finds; ``codegen.catalog.load_catalog`` collects
them all, so that a run reports every problem of every file, and a catalog with any
problem never reaches the renderers.
"""

from __future__ import annotations

import builtins
import datetime
import json
import keyword
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from codegen import schema_fastpath
from codegen.loader import INDEX_FILE, TABLES_DIR, LoadedFile, NodePath, describe_type
from codegen.model import EXCEPTION_SUFFIX, anchor_key
from codegen.problems import CatalogInvalid, Problem, format_node_path, quote_short
from codegen.runtime import DATA_MODULES, member_attributes, package_names

if TYPE_CHECKING:  # jsonschema is imported when a file needs it (see _check_schema)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

# Unicode's control characters (category Cc) and lone surrogates (Cs).
_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

# Reports a broken rule at a node of the file being checked.
Reporter = Callable[[NodePath, str], Problem]

# The schemas describe the format this generator reads, so they are the
# repository's own whichever catalog directory is checked.
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "catalog" / "schema"

# The names the package defines itself, read from the runtime: no table's class may take one; nor a
# name whose module (the runtime's rule: "HlrError" is in _data/_hlr_error.py) is another data module.
RESERVED_CLASS_NAMES = package_names() | {
    "".join(part.capitalize() for part in module.split("_")) for module in DATA_MODULES if module != "__init__"
}

# Table ids whose files would overwrite other generated files: json/catalog.json and the docs'
# index.md, endpoints.md and disagreements.md ("exceptions" and "groups" once named modules of the
# package data, which are now named after classes: RESERVED_CLASS_NAMES guards them).
RESERVED_TABLE_IDS = frozenset({"catalog", "disagreements", "endpoints", "exceptions", "groups", "index"})

# Longest table id: an id names a file in every output (json/<id>.json,
# docs/<lang>/<id>.md, the package's _data/_<id>.py); this keeps every path short.
MAX_TABLE_ID_LENGTH = 40

# The attributes of members and groups, read from the runtime's classes (with enum's
# name and value). A member or group named like one of them (in any case) would be taken for it.
RESERVED_NAMES = member_attributes()


def _is_integer(checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """A schema pattern as ECMA-262 reads it, which JSON Schema prescribes: ``$`` is the end of the text.

    Python's ``$`` also matches before a final newline, so ``^[A-Z]+$`` would take
    ``"DONE\\n"``; here each ``$`` (unescaped, outside a character class) becomes ``\\Z``.
    The schemas keep ``^...$``, which every language's validator reads the same way.
    """
    translated: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            translated.append("\\Z")
            continue
        translated.append(char)
    return re.compile("".join(translated))


def _whole_pattern(
    validator: Draft202012Validator, pattern: str, instance: object, schema: object
) -> Iterator[ValidationError]:
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{quote_short(instance)} does not match {pattern!r}")


@cache
def _schema(schema_name: str) -> dict[str, Any]:
    """A schema of catalog/schema/, its local references inlined."""
    schema = json.loads((SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
    inlined: dict[str, Any] = inline_local_refs(schema, schema.get("$defs", {}))
    return inlined


@cache
def _validator(schema_name: str) -> Draft202012Validator:
    """jsonschema's validator of a schema, which finds and locates every problem of a file.

    JSON Schema counts 1.0 as an integer; a catalog means what YAML reads, so a decimal number
    is never a code or a group id. Patterns are read as ECMA-262 reads them.
    """
    from jsonschema import Draft202012Validator, validators

    strict = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator,
        validators={"pattern": _whole_pattern},
        type_checker=Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer),
    )
    validator: Draft202012Validator = strict(_schema(schema_name))
    return validator


@cache
def _fast_check(schema_name: str) -> schema_fastpath.Check | None:
    """The fast pass of a schema (None if it uses a keyword that pass does not know)."""
    try:
        return schema_fastpath.compile_schema(_schema(schema_name), ecma_regex)
    except schema_fastpath.UnsupportedSchema:
        return None


def inline_local_refs(node: Any, definitions: dict[str, Any]) -> Any:
    """``node`` with each ``{"$ref": "#/$defs/x"}`` replaced by the definition it names.

    Validation gives the same results, twice as fast: jsonschema resolves every
    reference again at each node it checks. Keys beside a ``$ref`` are kept;
    the schemas here only put annotations (``description``) there, and none refers to itself.
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


def catalog_dir_problem(catalog_dir: Path) -> str | None:
    """Why ``catalog_dir`` cannot be a catalog directory at all (a usage error), or None."""
    try:
        with os.scandir(catalog_dir):
            return None
    except FileNotFoundError:
        return f"catalog directory {catalog_dir} does not exist"
    except NotADirectoryError:
        return f"{catalog_dir} is a file; --catalog takes the catalog directory (the one holding {INDEX_FILE})"
    except OSError as error:
        return f"cannot read the catalog directory {catalog_dir}: {error.strerror}"


def check_index_schema(index: LoadedFile) -> list[Problem]:
    """The problems of catalog.yaml against its schema; the rest of the catalog cannot be read without it."""
    problems: list[Problem] = []
    _check_schema(index, "catalog.schema.json", problems)
    return problems


def check_table_list(index: LoadedFile, catalog_dir: Path) -> list[Problem]:
    """The problems of the table ids catalog.yaml lists, and of table files it does not list."""
    problems: list[Problem] = []
    table_ids: list[str] = index.data["tables"]
    if (catalog_dir / TABLES_DIR).is_symlink():  # nothing is read through it: it could lead anywhere
        problems.append(
            Problem(
                index.where(("tables",)),
                "tables",
                f"{TABLES_DIR}/ is a symbolic link; a catalog holds regular files and directories only",
            )
        )
        raise CatalogInvalid(problems)
    _check_table_ids(index, table_ids, problems)
    _check_table_files_listed(catalog_dir, index, table_ids, problems)
    return problems


def check_table_schema(loaded: LoadedFile) -> list[Problem]:
    """The problems of one table file against its schema; its rules are checked only when it has none."""
    problems: list[Problem] = []
    _check_schema(loaded, "table.schema.json", problems)
    return problems


def check_table(loaded: LoadedFile, expected_id: str, *, complete: bool = True) -> list[Problem]:
    """The problems of one table file that passed its schema (its shared definitions included): the rules of a table.

    ``complete=False`` accepts a table written before a field became required (the status flags).
    """
    return list(_check_table(loaded, expected_id, complete))


def _check_schema(loaded: LoadedFile, schema_name: str, problems: list[Problem]) -> bool:
    """Check a file against a schema of catalog/schema/, adding its problems; True when it has none.

    A file the fast pass proves valid needs nothing more; any other goes to jsonschema,
    which finds every problem and where it is.
    """
    fast = _fast_check(schema_name)
    if fast is not None and schema_fastpath.proves_valid(fast, loaded.data):
        return True
    validator = _validator(schema_name)
    errors = sorted(validator.iter_errors(loaded.data), key=lambda error: list(map(str, error.absolute_path)))
    for error in errors:
        node_path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            for key in _unknown_keys(error):  # each at its own line
                key_path = (*node_path, key)
                problems.append(
                    Problem(
                        loaded.where_key(key_path),
                        format_node_path(key_path),
                        f"unknown key {quote_short(key)}; allowed keys are {_allowed_keys(error)}",
                    )
                )
            continue
        problems.append(Problem(loaded.where(node_path), format_node_path(node_path), _explain(error)))
    return not errors


def _explain(error: ValidationError) -> str:
    """A schema error in plain words."""
    if error.path and error.path[-1] == "code":
        return f"code {quote_short(error.instance)} must be a non-negative integer or a non-empty string"
    explain = _EXPLANATIONS.get(str(error.validator))
    return (explain(error) if explain else None) or str(error.message)


def _instance(error: ValidationError) -> Any:
    """The value that broke the rule (typed Any: the schema decides what it can be)."""
    return error.instance


def _allowed_keys(error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    return ", ".join(sorted(schema.get("properties", {})))


def _unknown_keys(error: ValidationError) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    allowed = set(schema.get("properties", {}))
    instance: dict[str, Any] = _instance(error)  # a mapping: the loader keeps keys text
    return sorted(key for key in instance if key not in allowed)


def _missing_key(error: ValidationError) -> str:
    return str(error.message).replace("is a required property", "is required here")


# What each pattern of the schemas asks for, in words.
_PATTERN_WORDS = {
    "^[A-Z][A-Z0-9_]*$": "an UPPER_SNAKE_CASE name (A-Z, 0-9 and _, starting with a letter)",
    "^[A-Z][A-Za-z0-9]*$": "a CamelCase class name (letters and digits, starting with a capital)",
    "^[a-z][a-z0-9_]*$": "a table id (a-z, 0-9 and _, starting with a letter)",
}


def _bad_pattern(error: ValidationError) -> str:
    if error.path and error.path[-1] == "catalog_version":
        return f"{quote_short(error.instance)} is not a version number such as 1.2.0"
    wanted = _PATTERN_WORDS.get(str(error.validator_value), f"text matching {error.validator_value}")
    return f"{quote_short(error.instance)} is not {wanted}"


def _empty(error: ValidationError) -> str:
    return "text must not be empty"


_TYPE_WORDS = {
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with -)",
    "integer": "an integer",
    "boolean": "true or false",
    "string": "text",
}


def _wrong_type(error: ValidationError) -> str:
    instance = error.instance
    if error.validator_value != "string":
        wanted = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
        shown = f"the text {quote_short(instance)}" if isinstance(instance, str) else describe_type(instance)
        return f"must be {wanted}, not {shown}"
    if instance is None:
        return "no text given: the value is empty"
    if isinstance(instance, bool):
        return f"{instance} is not text: YAML reads a bare yes/no/on/off as true/false; quote the text"
    if isinstance(instance, (dict, list)):
        return f"must be text, not {describe_type(instance)}"
    shown = str(instance) if isinstance(instance, datetime.date) else repr(instance)
    return f"{shown} is not text: YAML reads it as {describe_type(instance)}; quote the text"


def _not_allowed_value(error: ValidationError) -> str:
    allowed: list[object] = list(error.validator_value)  # type: ignore[arg-type]
    choices = ", ".join(map(str, allowed))
    return f"{quote_short(error.instance)} is not allowed here; write one of {choices}"


def _too_few(error: ValidationError) -> str:
    return "the list is empty; give at least one item"


def _repeated_item(error: ValidationError) -> str:
    counts = Counter(str(item) for item in _instance(error))
    repeated = sorted(item for item, count in counts.items() if count > 1)
    return f"{', '.join(repeated)} is listed more than once"


def _below_minimum(error: ValidationError) -> str:
    return f"{error.instance} is negative; it must be 0 or more"


def _needs_other_key(error: ValidationError) -> str:
    dependencies: dict[str, list[str]] = error.validator_value  # type: ignore[assignment]
    instance: dict[str, Any] = _instance(error)
    present = sorted(key for key in dependencies if key in instance)
    missing = sorted({needed for key in present for needed in dependencies[key]} - set(instance))
    return f"{', '.join(missing)} is required here because {', '.join(present)} is given"


_EXPLANATIONS: dict[str, Callable[[ValidationError], str | None]] = {
    "required": _missing_key,
    "pattern": _bad_pattern,
    "minLength": _empty,
    "type": _wrong_type,
    "enum": _not_allowed_value,
    "minItems": _too_few,
    "uniqueItems": _repeated_item,
    "minimum": _below_minimum,
    "dependentRequired": _needs_other_key,
}


def _check_table_ids(index: LoadedFile, table_ids: list[str], problems: list[Problem]) -> None:
    for position, table_id in enumerate(table_ids):
        node_path: NodePath = ("tables", position)
        if len(table_id) > MAX_TABLE_ID_LENGTH:
            problems.append(
                Problem(
                    index.where(node_path),
                    format_node_path(node_path),
                    f"table id {quote_short(table_id)} is {len(table_id)} characters long;"
                    f" the limit is {MAX_TABLE_ID_LENGTH}",
                )
            )
        if table_id in RESERVED_TABLE_IDS:
            problems.append(
                Problem(
                    index.where(node_path),
                    format_node_path(node_path),
                    f"table id {table_id!r} is reserved: its files would replace other generated files"
                    f" (reserved ids: {', '.join(sorted(RESERVED_TABLE_IDS))})",
                )
            )


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
                    f"{TABLES_DIR}/{path.name} is not listed in tables; list it or delete it",
                )
            )


def _check_table(loaded: LoadedFile, expected_id: str, complete: bool) -> Iterator[Problem]:
    data: dict[str, Any] = loaded.data

    def problem(node_path: NodePath, message: str) -> Problem:
        return Problem(loaded.where(node_path), format_node_path(node_path), message)

    if data["id"] != expected_id:
        yield problem(("id",), f"id {quote_short(data['id'])} does not match the file name {expected_id}.yaml")
    yield from _check_texts(data, problem)
    yield from _check_groups(data, problem)
    yield from _check_entries(data, problem)
    yield from _check_flags_and_anchors(data, problem)
    yield from _check_guidance(data, problem, complete)


def _text_objects(data: dict[str, Any]) -> list[tuple[NodePath, dict[str, str]]]:
    """Every ``{fr, en}`` text of a table file, with its path: title, group descriptions, messages."""
    found: list[tuple[NodePath, dict[str, str]]] = [(("title",), data["title"])]
    found += [
        (("groups", index, "description"), group["description"]) for index, group in enumerate(data.get("groups", []))
    ]
    found += [(("entries", index, "message"), entry["message"]) for index, entry in enumerate(data["entries"])]
    return found


def _check_texts(data: dict[str, Any], problem: Reporter) -> Iterator[Problem]:
    """Texts, hints and string codes are one line with no surrounding spaces."""
    lines: list[tuple[NodePath, str]] = [
        ((*text_path, language), text)
        for text_path, text_object in _text_objects(data)
        for language, text in text_object.items()
    ]
    lines += [
        (("entries", index, "code"), entry["code"])
        for index, entry in enumerate(data["entries"])
        if isinstance(entry["code"], str)
    ]
    lines += [
        (("entries", index, "hint"), entry["hint"]) for index, entry in enumerate(data["entries"]) if "hint" in entry
    ]
    for node_path, text in lines:
        if text != text.strip():
            yield problem(node_path, "text has leading or trailing whitespace")
        controls = sorted({f"U+{ord(char):04X}" for char in _CONTROL_CHARACTERS.findall(text)})
        if controls:
            yield problem(node_path, f"text contains control characters ({', '.join(controls)}); write it on one line")


# Guidance fields (status flags and hints), and the names the exceptions take ------


def _check_guidance(data: dict[str, Any], problem: Reporter, complete: bool) -> Iterator[Problem]:
    """Status flags where they belong and consistent; hints on canonical entries only (_check_texts checks them)."""
    for key in ("enum", "group_enum"):
        class_name = data.get(key, "")
        if class_name.endswith(EXCEPTION_SUFFIX) and class_name not in RESERVED_CLASS_NAMES:
            # Each error table's exception is named <TableId>ApiError (the package's own names are checked later).
            yield problem((key,), f"class name {class_name} is named like the package's exceptions; choose another")
    entries: list[dict[str, Any]] = data["entries"]
    by_name = {entry["name"]: entry for entry in entries}
    for index, entry in enumerate(entries):
        node_path: NodePath = ("entries", index)
        yield from _check_status_flags(data["kind"], entry, by_name, node_path, problem, complete=complete)
        if "hint" in entry and "alias_of" in entry:
            yield problem((*node_path, "hint"), f"an alias has no hint of its own; give it to {entry['alias_of']}")


def _check_status_flags(
    kind: str,
    entry: dict[str, Any],
    by_name: dict[str, dict[str, Any]],
    node_path: NodePath,
    problem: Reporter,
    *,
    complete: bool,
) -> Iterator[Problem]:
    flags = [flag for flag in ("final", "success") if flag in entry]
    if kind != "status":
        for flag in flags:
            yield problem((*node_path, flag), f"{flag} belongs to status tables only (this table's kind is {kind})")
        return
    for flag in ("final", "success"):
        if complete and flag not in entry:
            yield problem(node_path, f"entry of a status table has no {flag} flag; give every entry final and success")
    if entry.get("success") and entry.get("final") is False:
        yield problem((*node_path, "success"), "success: true needs final: true; a success is a final state")
    canonical = by_name.get(entry.get("alias_of", ""))
    for flag in flags:
        if canonical is not None and canonical.get(flag) != entry[flag]:
            yield problem(
                (*node_path, flag), f"{flag} differs from {entry['alias_of']}'s; an alias shares its code's state"
            )


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


# Single letters PEP 8 (and ruff's E741/E742) forbid as names: they pass for 1 and 0.
AMBIGUOUS_NAMES = frozenset({"I", "O", "l"})


def _check_name(name: str, node_path: NodePath, problem: Reporter) -> Iterator[Problem]:
    if name in AMBIGUOUS_NAMES:
        yield problem(node_path, f"name {name!r} is easily taken for the digit 1 or 0; choose a longer name")
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
                f"code {quote_short(code)} is {'an integer' if isinstance(code, int) else 'a string'}"
                f" but the table's code_type is {data['code_type']}",
            )
        if "group" in entry and entry["group"] not in group_ids:
            yield problem(("entries", index, "group"), f"group {entry['group']} is not defined in groups")
        if group_ids and "group" not in entry:
            yield problem(("entries", index), "entry has no group, but the table has groups")
        if code in first_with_code and "alias_of" not in entry:
            yield problem(
                ("entries", index, "code"),
                f"code {quote_short(code)} repeats entries[{first_with_code[code]}]; declare alias_of to share a code",
            )
        first_with_code.setdefault(code, index)
    yield from _check_aliases(entries, names, problem)


def _check_flags_and_anchors(data: dict[str, Any], problem: Reporter) -> Iterator[Problem]:
    """A permanent flag is given to every entry or to none; each entry gets its own page anchor."""
    entries: list[dict[str, Any]] = data["entries"]
    flagged = ["permanent" in entry for entry in entries]
    if any(flagged) and not all(flagged):
        index = flagged.index(False)
        yield problem(
            ("entries", index), "entry has no permanent flag, but others in the table have one; flag all or none"
        )
    anchors: dict[str, int] = {}
    for index, entry in enumerate(entries):
        key = anchor_key(entry["name"] if "alias_of" in entry else entry["code"])
        if not key:
            yield problem(
                ("entries", index, "code"),
                f"code {quote_short(entry['code'])} needs a letter or a digit to name its anchor",
            )
        elif key in anchors and entries[anchors[key]]["code"] != entry["code"]:
            yield problem(
                ("entries", index, "code"),
                f"code {quote_short(entry['code'])} gets the same documentation anchor ({data['id']}-{key})"
                f" as entries[{anchors[key]}]",
            )
        anchors.setdefault(key, index)


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
            yield problem(node_path, f"alias_of names {target_name}, whose code {quote_short(target['code'])} differs")
        elif names[target_name] > index:
            yield problem(node_path, f"alias_of names {target_name}, which must come before its alias")


def _class_name_problem(class_name: str) -> str | None:
    """What is wrong with a table's class name on its own, if anything."""
    if class_name in AMBIGUOUS_NAMES:
        return f"class name {class_name} is easily taken for the digit 1 or 0; choose a longer name"
    if keyword.iskeyword(class_name):
        return f"class name {class_name} is a Python keyword"
    if hasattr(builtins, class_name):
        return f"class name {class_name} would hide Python's built-in {class_name}"
    return None


def check_across_tables(files: list[LoadedFile]) -> Iterator[Problem]:
    """Rules between tables: class names are unique, and a French text has one English text."""
    owners: dict[str, str] = dict.fromkeys(RESERVED_CLASS_NAMES, "the package itself")
    english: dict[str, tuple[str, str]] = {}
    for loaded in files:
        data = loaded.data
        for key in ("enum", "group_enum"):
            class_name = data.get(key)
            if not class_name:
                continue
            if class_name in owners:
                rule: str | None = f"class name {class_name} is already used by {owners[class_name]}"
            else:
                rule = _class_name_problem(class_name)
            if rule:
                yield Problem(loaded.where((key,)), key, rule)
            else:
                owners[class_name] = f"table {data['id']}"
        for text_path, text in _text_objects(data):
            record = text.get("fr") or text.get("upstream_en")
            if record is None:
                continue  # our English only: no text of SMSPartner's to key a translation by
            where = f"{data['id']}: {format_node_path(text_path)}"
            first_english, first_place = english.setdefault(record, (text["en"], where))
            if first_english != text["en"]:
                yield Problem(
                    loaded.where((*text_path, "en")),
                    format_node_path((*text_path, "en")),
                    f"the same upstream text has another English text in {first_place}; gettext keys translations"
                    " by SMSPartner's text, so give both the same English",
                )
