"""The fast pass of schema validation (codegen/schema_fastpath.py) gives jsonschema's verdicts.

It must never call a file valid that jsonschema would fault: a catalog file it passes is not
shown to jsonschema at all. Each real catalog file is cut down and broken in every place the
schema describes, with every kind of odd value, and the two verdicts are compared; Hypothesis
breaks them further at random. It must also pass the real catalog (else a render pays for
jsonschema again), and know every keyword of the schemas.
"""

from __future__ import annotations

import copy
import datetime
import json
import math
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codegen import schema_fastpath
from codegen.loader import load_yaml
from codegen.schema_fastpath import Undecided, UnsupportedSchema, compile_schema, proves_valid
from codegen.validate import SCHEMA_DIR, _fast_check, _schema, _validator, ecma_regex
from tests.conftest import ROOT, run_checked

CATALOG = ROOT / "catalog"
# Each schema, and catalog files it describes that use most of its parts.
SAMPLES = {
    "catalog.schema.json": ["catalog.yaml"],
    "table.schema.json": [
        "tables/hlr_error.yaml",
        "tables/delivery_status.yaml",
        "tables/sms_message_cancel_control.yaml",
        "tables/sms_send_field_error.yaml",
        "tables/mail_send.yaml",
    ],
    "definitions.schema.json": ["definitions.yaml"],
    "endpoints.schema.json": ["endpoints.yaml"],
    "disagreements.schema.json": ["disagreements.yaml"],
}
# Values YAML can give, with those that fool a careless check: true for 1, 1.0 for an integer,
# a text with a final newline for a pattern, nan for a minimum.
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    1.0,
    2.5,
    math.nan,
    "",
    " ",
    "x",
    "DONE\n",
    "API_KEY",
    "sms_send",
    "fr",
    "docpartner/SMS/a.md:3",
    datetime.date(2024, 1, 2),
    [],
    ["a", "a"],
    [1, True],
    [{"fr": "a"}],
    {},
    {"fr": "a", "en": "b"},
]


def jsonschema_valid(schema_name: str, document: Any) -> bool:
    return not any(True for _ in _validator(schema_name).iter_errors(document))


def fast_verdict(schema_name: str, document: Any) -> bool | None:
    """The fast pass's verdict, or None when it leaves the document to jsonschema."""
    check = _fast_check(schema_name)
    assert check is not None
    try:
        return check(document)
    except Undecided:
        return None


def agree(schema_name: str, document: Any) -> None:
    fast = fast_verdict(schema_name, document)
    if fast is not None:
        assert fast == jsonschema_valid(schema_name, document), json.dumps(document, default=str)[:500]


def trimmed(value: Any) -> Any:
    """The document with every list cut to its first three items: every part, checked quickly."""
    if isinstance(value, list):
        return [trimmed(item) for item in value[:3]]
    if isinstance(value, dict):
        return {key: trimmed(item) for key, item in value.items()}
    return value


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


def replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    changed = copy.deepcopy(document)
    node_at(changed, path[:-1])[path[-1]] = value
    return changed


def node_at(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def without(document: Any, path: tuple[Any, ...]) -> Any:
    changed = copy.deepcopy(document)
    del node_at(changed, path[:-1])[path[-1]]
    return changed


def samples() -> Iterator[tuple[str, Any]]:
    for schema_name, files in SAMPLES.items():
        for name in files:
            yield schema_name, trimmed(load_yaml(CATALOG / name).data)


SAMPLE_DOCUMENTS = list(samples())


@pytest.mark.parametrize("schema_name", sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json")))
def test_every_schema_compiles_into_the_fast_pass(schema_name: str) -> None:
    assert schema_name in SAMPLES
    assert _fast_check(schema_name) is not None


def test_the_fast_pass_proves_every_file_of_the_real_catalog_valid() -> None:
    """Else a render would run jsonschema on it again, at many times the cost."""
    checked = 0
    for schema_name, files in SAMPLES.items():
        names = [path.relative_to(CATALOG).as_posix() for path in sorted((CATALOG / "tables").glob("*.yaml"))]
        for name in names if schema_name == "table.schema.json" else files:
            check = _fast_check(schema_name)
            assert check is not None
            assert proves_valid(check, load_yaml(CATALOG / name).data), name
            checked += 1
    assert checked > 50


def test_loading_the_catalog_does_not_import_jsonschema() -> None:
    """jsonschema runs only for a file the fast pass does not prove valid."""
    code = "import sys; from pathlib import Path; from codegen.catalog import load_catalog; "
    code += "load_catalog(Path('catalog')); print('jsonschema' in sys.modules)"
    assert run_checked([sys.executable, "-c", code], cwd=ROOT) == "False\n"


@pytest.mark.parametrize(("schema_name", "document"), SAMPLE_DOCUMENTS, ids=lambda value: str(value)[:30])
def test_the_verdicts_agree_on_each_part_broken_in_every_way(schema_name: str, document: Any) -> None:
    agree(schema_name, document)
    assert fast_verdict(schema_name, document) is True
    compared = 0
    for path in paths(document):
        for value in ODD_VALUES:
            agree(schema_name, replaced(document, path, value))
            compared += 1
        if path:
            agree(schema_name, without(document, path))
        node = node_at(document, path)
        if isinstance(node, dict):
            agree(schema_name, replaced(document, path, {**node, "unknown_key": 1}))
        elif isinstance(node, list) and node:
            agree(schema_name, replaced(document, path, [*node, node[-1]]))
    assert compared > 100


@st.composite
def broken_documents(draw: st.DrawFn) -> tuple[str, Any]:
    schema_name, document = draw(st.sampled_from(SAMPLE_DOCUMENTS))
    every_path = list(paths(document))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(every_path))
        value = draw(
            st.one_of(
                st.sampled_from(ODD_VALUES),
                st.text(max_size=6),
                st.integers(-3, 3),
                st.lists(st.sampled_from(ODD_VALUES[:18]), max_size=3),
            )
        )
        try:
            document = replaced(document, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed that place
    return schema_name, document


@given(broken_documents())
def test_the_verdicts_agree_on_documents_broken_at_random(case: tuple[str, Any]) -> None:
    agree(*case)


# Each keyword, where jsonschema's rules are easy to get wrong --------------------------------


def fast(schema: dict[str, Any]) -> schema_fastpath.Check:
    return compile_schema(schema, ecma_regex)


def test_an_integer_is_never_a_boolean_nor_a_decimal() -> None:
    check = fast({"type": "integer"})
    assert [check(value) for value in (1, 0, True, False, 1.0)] == [True, True, False, False, False]


def test_const_and_enum_compare_as_json_does() -> None:
    assert [fast({"const": True})(value) for value in (True, 1, "true")] == [True, False, False]
    assert [fast({"enum": ["fr", "en"]})(value) for value in ("fr", "de", ["fr"], None)] == [True, False, False, False]
    with pytest.raises(UnsupportedSchema):
        fast({"enum": [1, "a"]})


def test_a_pattern_is_read_as_ecma_262_reads_it() -> None:
    check = fast({"type": "string", "pattern": "^[A-Z]+$"})
    assert (check("DONE"), check("DONE\n"), check("done")) == (True, False, False)


def test_minimum_and_lengths_apply_to_their_own_types_only() -> None:
    check = fast({"type": ["integer", "string"], "minimum": 0, "minLength": 1})
    assert [check(value) for value in (0, -1, "a", "", True)] == [True, False, True, False, False]
    assert fast({"minimum": 0})(math.nan) is True  # nan < 0 is false, for jsonschema too


def test_min_properties_counts_the_keys_of_objects_only() -> None:
    alone = fast({"minProperties": 2})
    assert [alone(value) for value in ({"a": 1, "b": 2}, {"a": 1}, {}, ["a", "b"], "ab")] == [
        True, False, False, True, True,
    ]  # fmt: skip
    typed = fast({"type": "object", "minProperties": 2, "properties": {"a": {}, "b": {}}})
    assert [typed(value) for value in ({"a": 1, "b": 2}, {"a": 1}, ["a", "b"])] == [True, False, False]
    for value in ({"a": 1, "b": 2}, {"a": 1}, {}, ["a", "b"], "ab"):
        assert alone(value) == _validator_of({"minProperties": 2}).is_valid(value)


def _validator_of(schema: dict[str, Any]) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema)


def test_unique_items_of_other_values_than_texts_are_left_to_jsonschema() -> None:
    check = fast({"uniqueItems": True})
    assert (check(["a", "b"]), check(["a", "a"])) == (True, False)
    with pytest.raises(Undecided):
        check([1, True])
    assert proves_valid(check, [1, True]) is False


def test_a_schema_with_a_keyword_the_pass_does_not_know_is_not_compiled() -> None:
    for schema in ({"format": "date"}, {"oneOf": []}, {"additionalProperties": {"type": "string"}}, {"$ref": "#/x"}):
        with pytest.raises(UnsupportedSchema):
            fast(schema)
    assert fast({"description": "only words", "title": "t"})(object()) is True


def test_if_then_else_takes_the_branch_jsonschema_takes() -> None:
    schema = _schema("table.schema.json")["properties"]["entries"]["items"]
    check = fast(schema)
    assert check({"include": "api_key_required", "sources": ["docpartner/a.md:1"]})
    assert not check({"include": "api_key_required", "code": 1})  # an included entry takes no code
    assert check({"code": 1, "name": "A", "message": {"en": "x"}})
    assert not check({"code": 1, "name": "A"})
