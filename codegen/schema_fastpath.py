"""A fast first pass of schema validation: it proves a catalog file valid, or hands it to jsonschema.

jsonschema reports every problem with its place, which the catalog's messages need, but it
builds a validator object for each node it visits: on the whole catalog that is most of a
render's time, spent on files that are almost always valid. This pass compiles a schema once
into plain Python tests and answers one question: is the document valid? When it is, nothing
more is needed. When it is not, or when the pass meets a value it cannot judge exactly as
jsonschema would, codegen.validate runs jsonschema, which finds and words every problem as
before: the pass never reports anything itself, so no message depends on it.

It is written for the keywords the catalog's schemas use (``KEYWORDS``); a schema with any other
keyword is not compiled (UnsupportedSchema) and goes to jsonschema every time. Each test gives
the verdict jsonschema gives for its keyword (Draft 2020-12, with the catalog's two
extensions: an integer is never a boolean, and a pattern is read as ECMA-262 reads it); where
that is not simple to match (unique items that are not all text), it raises Undecided and
jsonschema decides. tests/test_schema_fastpath.py checks the verdicts against jsonschema's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# A compiled schema: True when the value is valid. May raise Undecided.
Check = Callable[[Any], bool]

# Keywords that only describe: they never change a verdict.
ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples"})


class UnsupportedSchema(Exception):
    """The schema uses a keyword (or a form of one) this pass does not know: jsonschema checks it."""


class Undecided(Exception):
    """A value this pass cannot judge exactly as jsonschema would: jsonschema checks it."""


def proves_valid(check: Check, document: Any) -> bool:
    """True only when jsonschema would find no problem in ``document``; False means "ask jsonschema"."""
    try:
        return check(document)
    except Undecided:
        return False


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# jsonschema's type checker, with the catalog's integer (codegen.validate: never a boolean, never 1.0).
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "integer": _is_integer,
    "number": _is_number,
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def compile_schema(schema: Any, regex: Callable[[str], re.Pattern[str]]) -> Check:
    """The test of ``schema`` (its ``$ref`` already inlined); ``regex`` compiles a pattern as the validator does."""
    if not isinstance(schema, dict):
        raise UnsupportedSchema(f"a schema that is not an object: {schema!r}")
    unknown = set(schema) - KEYWORDS - ANNOTATIONS
    if unknown:
        raise UnsupportedSchema(f"keywords {sorted(unknown)}")
    checks: list[Check] = []
    done: frozenset[str] = frozenset()
    if isinstance(schema.get("type"), str) and schema["type"] in _ONE_TYPE:
        # A schema of one type is one function: its type and the keywords of that type together.
        build_type, done = _ONE_TYPE[schema["type"]]
        checks.append(build_type(schema, regex))
    for keyword, build in _BUILDERS:
        if keyword in schema and keyword not in done and (check := build(schema, regex)) is not None:
            checks.append(check)
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _object(schema: dict[str, Any], regex: Any) -> Check:
    """type object, with its properties, additionalProperties, required, dependentRequired and minProperties."""
    if schema.get("additionalProperties", False) is not False or "patternProperties" in schema:
        raise UnsupportedSchema("additionalProperties other than false")
    closed = "additionalProperties" in schema
    properties = {key: compile_schema(value, regex) for key, value in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    dependencies = [(key, tuple(keys)) for key, keys in schema.get("dependentRequired", {}).items()]
    least = schema.get("minProperties", 0)

    def check(value: Any) -> bool:
        if not isinstance(value, dict) or len(value) < least:
            return False
        for key in required:
            if key not in value:
                return False
        for key, item in value.items():
            check_item = properties.get(key)
            if check_item is None:
                if closed:
                    return False
            elif not check_item(item):
                return False
        return all(all(other in value for other in others) for key, others in dependencies if key in value)

    return check


def _array(schema: dict[str, Any], regex: Any) -> Check:
    """type array, with its items, minItems and uniqueItems."""
    if "items" in schema and (not isinstance(schema["items"], dict) or "prefixItems" in schema):
        raise UnsupportedSchema("items other than one schema for every item")
    check_item = compile_schema(schema["items"], regex) if "items" in schema else None
    least = schema.get("minItems", 0)
    unique = schema.get("uniqueItems", False) is True

    def check(value: Any) -> bool:
        if not isinstance(value, list) or len(value) < least:
            return False
        if unique and not _all_different(value):
            return False
        return check_item is None or all(check_item(item) for item in value)

    return check


def _string(schema: dict[str, Any], regex: Callable[[str], re.Pattern[str]]) -> Check:
    """type string, with its minLength and pattern."""
    least = schema.get("minLength", 0)
    search = regex(schema["pattern"]).search if "pattern" in schema else None

    def check(value: Any) -> bool:
        if not isinstance(value, str) or len(value) < least:
            return False
        return search is None or search(value) is not None

    return check


def _type(schema: dict[str, Any], regex: Any) -> Check:
    names = [schema["type"]] if isinstance(schema["type"], str) else schema["type"]
    if not isinstance(names, list) or not names or any(name not in TYPES for name in names):
        raise UnsupportedSchema(f"type {schema['type']!r}")
    tests = [TYPES[name] for name in names]
    return lambda value: any(test(value) for test in tests)


def _properties(schema: dict[str, Any], regex: Any) -> Check:
    properties = {key: compile_schema(value, regex) for key, value in schema["properties"].items()}
    return lambda value: (
        not isinstance(value, dict) or all(check(value[key]) for key, check in properties.items() if key in value)
    )


def _additional_properties(schema: dict[str, Any], regex: Any) -> Check:
    if schema["additionalProperties"] is not False or "patternProperties" in schema:
        raise UnsupportedSchema("additionalProperties other than false")
    allowed = frozenset(schema.get("properties", {}))
    return lambda value: not isinstance(value, dict) or allowed.issuperset(value)


def _required(schema: dict[str, Any], regex: Any) -> Check:
    required = tuple(schema["required"])
    return lambda value: not isinstance(value, dict) or all(key in value for key in required)


def _dependent_required(schema: dict[str, Any], regex: Any) -> Check:
    dependencies = {key: tuple(keys) for key, keys in schema["dependentRequired"].items()}
    return lambda value: (
        not isinstance(value, dict)
        or all(all(other in value for other in others) for key, others in dependencies.items() if key in value)
    )


def _items(schema: dict[str, Any], regex: Any) -> Check:
    if not isinstance(schema["items"], dict) or "prefixItems" in schema:
        raise UnsupportedSchema("items other than one schema for every item")
    item = compile_schema(schema["items"], regex)
    return lambda value: not isinstance(value, list) or all(item(element) for element in value)


def _min_properties(schema: dict[str, Any], regex: Any) -> Check:
    least = schema["minProperties"]
    return lambda value: not isinstance(value, dict) or len(value) >= least


def _min_items(schema: dict[str, Any], regex: Any) -> Check:
    least = schema["minItems"]
    return lambda value: not isinstance(value, list) or len(value) >= least


def _unique_items(schema: dict[str, Any], regex: Any) -> Check | None:
    if schema["uniqueItems"] is not True:
        return None  # false asks nothing
    return lambda value: not isinstance(value, list) or _all_different(value)


def _all_different(items: list[Any]) -> bool:
    if not all(type(item) is str for item in items):
        raise Undecided  # jsonschema tells 1 from True and compares lists and mappings deeply
    return len(set(items)) == len(items)


def _min_length(schema: dict[str, Any], regex: Any) -> Check:
    least = schema["minLength"]
    return lambda value: not isinstance(value, str) or len(value) >= least


def _minimum(schema: dict[str, Any], regex: Any) -> Check:
    least = schema["minimum"]
    return lambda value: not _is_number(value) or not value < least


def _pattern(schema: dict[str, Any], regex: Callable[[str], re.Pattern[str]]) -> Check:
    search = regex(schema["pattern"]).search
    return lambda value: not isinstance(value, str) or search(value) is not None


def _texts(values: list[Any], keyword: str) -> frozenset[str]:
    # jsonschema compares a text only with texts (its equal()); other values need its rules for 1 and True.
    if not all(type(item) is str for item in values):
        raise UnsupportedSchema(f"{keyword} with values that are not all text")
    return frozenset(values)


def _enum(schema: dict[str, Any], regex: Any) -> Check:
    allowed = _texts(schema["enum"], "enum")
    return lambda value: isinstance(value, str) and value in allowed


def _const(schema: dict[str, Any], regex: Any) -> Check:
    expected = schema["const"]
    if isinstance(expected, bool):
        return lambda value: value is expected  # jsonschema's equal(): 1 is not true, 0 is not false
    (text,) = _texts([expected], "const")
    return lambda value: isinstance(value, str) and value == text


def _if(schema: dict[str, Any], regex: Any) -> Check:
    # Every test of this module is exact (or undecided), so the branch taken is jsonschema's.
    condition = compile_schema(schema["if"], regex)
    then = compile_schema(schema["then"], regex) if "then" in schema else None
    otherwise = compile_schema(schema["else"], regex) if "else" in schema else None

    def check(value: Any) -> bool:
        branch = then if condition(value) else otherwise
        return branch is None or branch(value)

    return check


def _with_if(schema: dict[str, Any], regex: Any) -> None:
    """Nothing of its own: then and else are compiled with their if."""
    if "if" not in schema:
        raise UnsupportedSchema("then or else without if")


# Each keyword, and what compiles it; a builder may return None for a keyword that asks nothing.
_BUILDERS: tuple[tuple[str, Callable[[dict[str, Any], Any], Check | None]], ...] = (
    ("type", _type),
    ("enum", _enum),
    ("const", _const),
    ("required", _required),
    ("additionalProperties", _additional_properties),
    ("dependentRequired", _dependent_required),
    ("properties", _properties),
    ("minProperties", _min_properties),
    ("minItems", _min_items),
    ("uniqueItems", _unique_items),
    ("items", _items),
    ("minLength", _min_length),
    ("minimum", _minimum),
    ("pattern", _pattern),
    ("if", _if),
    ("then", _with_if),
    ("else", _with_if),
)
KEYWORDS = frozenset(keyword for keyword, _ in _BUILDERS)

# The types whose keywords are compiled with them, into one function, and those keywords.
_ONE_TYPE: dict[str, tuple[Callable[[dict[str, Any], Any], Check], frozenset[str]]] = {
    "object": (
        _object,
        frozenset({"type", "properties", "additionalProperties", "required", "dependentRequired", "minProperties"}),
    ),
    "array": (_array, frozenset({"type", "items", "minItems", "uniqueItems"})),
    "string": (_string, frozenset({"type", "minLength", "pattern"})),
}
