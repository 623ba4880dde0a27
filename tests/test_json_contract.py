"""The JSON artefacts other teams code against: valid against their schema, in the contract shape,
and carrying every text of the catalog unchanged (YAML -> model -> JSON -> parse -> same strings)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from codegen.model import Catalog, Table, Text
from codegen.render import json_files
from codegen.validate import ecma_regex
from smspartner_codes import CATALOG_VERSION
from tests.conftest import ROOT

TABLE_KEYS = ("id", "title", "kind", "code_type", "groups", "entries")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def json_dir(root: Path) -> Path:
    return root / "generated" / "json"


@pytest.fixture(scope="module")
def validator(json_dir: Path) -> Draft202012Validator:
    schema = _load(json_dir / "catalog.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def whole(json_dir: Path) -> dict[str, Any]:
    document: dict[str, Any] = _load(json_dir / "catalog.json")
    return document


def _errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(document)]


def _text(text: Text) -> dict[str, str]:
    return {"fr": text.fr, "en": text.en}


def _table_texts(table: Table) -> dict[str, Any]:
    """What the model says a table object holds, written out field by field."""
    entries: list[dict[str, Any]] = []
    for entry in table.entries:
        expected: dict[str, Any] = {"code": entry.code, "name": entry.name, "message": _text(entry.message)}
        if entry.group is not None:
            expected["group"] = entry.group
        if entry.permanent is not None:
            expected["permanent"] = entry.permanent
        if entry.alias_of is not None:
            expected["alias_of"] = entry.alias_of
        entries.append(expected)
    return {
        "id": table.id,
        "title": _text(table.title),
        "kind": table.kind,
        "code_type": table.code_type,
        "groups": [
            {"id": group.id, "name": group.name, "description": _text(group.description)} for group in table.groups
        ],
        "entries": entries,
    }


def _contract_part(table: dict[str, Any]) -> dict[str, Any]:
    """The fixed fields of a table object, dropping the extra ones the contract allows."""
    entry_keys = ("code", "name", "message", "group", "permanent", "alias_of")
    return {
        **{key: table[key] for key in TABLE_KEYS if key in table},
        "groups": [{key: group[key] for key in ("id", "name", "description")} for group in table["groups"]],
        "entries": [{key: entry[key] for key in entry_keys if key in entry} for entry in table["entries"]],
    }


def test_schema_is_a_valid_draft_2020_12_schema(json_dir: Path) -> None:
    schema = _load(json_dir / "catalog.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_catalog_json_is_valid(validator: Draft202012Validator, whole: dict[str, Any]) -> None:
    assert _errors(validator, whole) == []


def test_every_table_file_is_valid(validator: Draft202012Validator, json_dir: Path, catalog: Catalog) -> None:
    for table in catalog.tables:
        assert _errors(validator, _load(json_dir / f"{table.id}.json")) == [], table.id


def test_package_copy_is_valid_and_identical(
    validator: Draft202012Validator, json_dir: Path, root: Path, catalog: Catalog
) -> None:
    package_copy = root / "src" / "smspartner_codes" / "catalog.json"  # the path users read (generated into _data/)
    assert _errors(validator, _load(package_copy)) == []
    assert package_copy.read_bytes() == (json_dir / "catalog.json").read_bytes()
    # Beside it, the schema; in tables/, each table's file: the artefacts' bytes.
    package_dir = package_copy.parent
    assert (package_dir / "catalog.schema.json").read_bytes() == (json_dir / "catalog.schema.json").read_bytes()
    tables = sorted((package_dir / "tables").iterdir())
    assert [path.name for path in tables] == sorted(f"{table.id}.json" for table in catalog.tables)
    for path in tables:
        assert path.read_bytes() == (json_dir / path.name).read_bytes(), path.name


def test_every_json_file_is_in_the_one_style(json_dir: Path) -> None:
    """UTF-8, two-space indent, final newline: what json.dumps(indent=2) gives, though the tables are spliced in."""
    for path in sorted(json_dir.glob("*.json")):
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", path.name


json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**70), 2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(),
        st.sampled_from(["", '"', "\\", "\n", "\u2028", "\x00", "é", "\U0001f600", "\ud800"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=20,
)


@given(json_values)
def test_the_json_writer_writes_what_json_dumps_writes(value: Any) -> None:
    assert json_files.indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_the_json_writer_refuses_what_is_not_json() -> None:
    for value in ({1: "a"}, {"a": {1, 2}}, b"bytes", [object()]):
        with pytest.raises(TypeError):
            json_files.indented_json(value)


def test_json_dir_holds_exactly_the_expected_files(json_dir: Path, catalog: Catalog) -> None:
    expected = {"catalog.json", "catalog.schema.json"} | {f"{table.id}.json" for table in catalog.tables}
    assert {path.name for path in json_dir.iterdir()} == expected


def test_schema_rejects_a_catalog_without_tables(validator: Draft202012Validator, whole: dict[str, Any]) -> None:
    broken = copy.deepcopy(whole)
    del broken["tables"]
    assert _errors(validator, broken) != []


def test_schema_rejects_an_entry_without_english(validator: Draft202012Validator, whole: dict[str, Any]) -> None:
    broken = copy.deepcopy(whole)
    del broken["tables"][0]["entries"][0]["message"]["en"]
    assert _errors(validator, broken) != []


def test_schema_rejects_a_string_code_in_an_integer_table(
    validator: Draft202012Validator, whole: dict[str, Any], json_dir: Path
) -> None:
    broken = copy.deepcopy(whole)
    table = next(table for table in broken["tables"] if table["code_type"] == "integer")
    table["entries"][0]["code"] = str(table["entries"][0]["code"])
    assert _errors(validator, broken) != []
    # The same break in a per-table file.
    single = _load(json_dir / f"{table['id']}.json")
    single["entries"][0]["code"] = str(single["entries"][0]["code"])
    assert _errors(validator, single) != []


def test_schema_rejects_an_integer_code_in_a_string_table(
    validator: Draft202012Validator, whole: dict[str, Any]
) -> None:
    broken = copy.deepcopy(whole)
    table = next(table for table in broken["tables"] if table["code_type"] == "string")
    table["entries"][0]["code"] = 1
    assert _errors(validator, broken) != []


def test_schema_rejects_a_table_file_without_catalog_version(
    validator: Draft202012Validator, json_dir: Path, catalog: Catalog
) -> None:
    single = _load(json_dir / f"{catalog.tables[0].id}.json")
    del single["catalog_version"]
    assert _errors(validator, single) != []


def test_catalog_json_shape(whole: dict[str, Any], catalog: Catalog) -> None:
    assert set(whole) - {"$comment"} == {"catalog_version", "tables", "endpoints", "disagreements"}
    assert [endpoint["id"] for endpoint in whole["endpoints"]] == [endpoint.id for endpoint in catalog.endpoints]
    assert [item["id"] for item in whole["disagreements"]] == [item.id for item in catalog.disagreements]
    assert isinstance(whole["catalog_version"], str)
    assert isinstance(whole["tables"], list)
    assert [table["id"] for table in whole["tables"]] == [table.id for table in catalog.tables]
    for table in whole["tables"]:
        assert set(TABLE_KEYS) <= set(table), table["id"]
        assert set(table["title"]) == {"fr", "en"}
        assert table["kind"] in ("error", "status", "value")
        assert table["code_type"] in ("integer", "string")
        assert isinstance(table["groups"], list)
        assert isinstance(table["entries"], list)
        for entry in table["entries"]:
            assert {"code", "name", "message", "message_language"} <= set(entry), table["id"]
            assert set(entry["message"]) == {"fr", "en"}


def test_tables_without_groups_have_an_empty_list(whole: dict[str, Any], catalog: Catalog) -> None:
    for model, table in zip(catalog.tables, whole["tables"], strict=True):
        if not model.groups:
            assert table["groups"] == [], model.id
            assert all("group" not in entry for entry in table["entries"]), model.id


def test_catalog_json_round_trips_the_model(whole: dict[str, Any], catalog: Catalog) -> None:
    assert len(whole["tables"]) == len(catalog.tables)
    for model, table in zip(catalog.tables, whole["tables"], strict=True):
        assert _contract_part(table) == _table_texts(model), model.id
        # Types survive the trip: int codes stay int (not bool), str codes stay str.
        code_type = int if model.code_type == "integer" else str
        assert all(type(entry["code"]) is code_type for entry in table["entries"]), model.id


def test_every_text_round_trips_exactly(whole: dict[str, Any], catalog: Catalog) -> None:
    """Every (fr, en) pair of the catalog, in catalog order, is found as is in catalog.json."""
    found: list[tuple[str, str]] = []
    for table in whole["tables"]:
        found.append((table["title"]["fr"], table["title"]["en"]))
        found.extend((group["description"]["fr"], group["description"]["en"]) for group in table["groups"])
        found.extend((entry["message"]["fr"], entry["message"]["en"]) for entry in table["entries"])
    assert found == [(use.text.fr, use.text.en) for use in catalog.texts()]


def test_table_files_equal_their_table_in_catalog_json(whole: dict[str, Any], json_dir: Path, catalog: Catalog) -> None:
    for table in whole["tables"]:
        single = _load(json_dir / f"{table['id']}.json")
        without_comment = {key: value for key, value in single.items() if key != "$comment"}
        assert without_comment == {"catalog_version": catalog.version, **table}, table["id"]


def test_catalog_version_is_the_catalogs(whole: dict[str, Any], catalog: Catalog) -> None:
    assert whole["catalog_version"] == catalog.version
    assert catalog.version == CATALOG_VERSION


# Schema patterns mean the same in every language's validator (issue 10, finding 2).

SCHEMA_FILES = (
    "codegen/templates/json/catalog.schema.json",  # published: Ajv and other ECMA-262 validators read it
    "catalog/schema/catalog.schema.json",
    "catalog/schema/table.schema.json",
)
# Syntax Python and ECMA-262 read differently (\d, \w, \s and \b are Unicode-aware in one and not the
# other), or that only Python has (\A, \Z, named groups, inline flags, comments).
NOT_PORTABLE = re.compile(r"\\[AZzdDwWsSbB]|\(\?[P#aiLmsux<]")
ENDINGS = ["", "\n", "\r", "\n\n", "\r\n", " ", "\u2028", "a", "\u0663"]


def _patterns(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["pattern"]} if isinstance(node.get("pattern"), str) else set()
        return found.union(*(_patterns(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_patterns(item) for item in node))
    return set()


@pytest.fixture(scope="module")
def schema_patterns(root: Path) -> list[str]:
    return sorted(set().union(*(_patterns(_load(root / name)) for name in SCHEMA_FILES)))


def test_schema_patterns_are_anchored_and_portable(schema_patterns: list[str]) -> None:
    assert len(schema_patterns) >= 4
    for pattern in schema_patterns:
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
        assert not NOT_PORTABLE.search(pattern), pattern


@settings(max_examples=10)
@given(data=st.data())
def test_schema_patterns_give_the_same_verdicts_in_node_and_in_the_generator(
    schema_patterns: list[str], data: st.DataObject
) -> None:
    """Texts near each pattern's language, with endings such as a newline; Node's RegExp (what Ajv runs) decides."""
    samples = [
        (pattern, data.draw(st.from_regex(ecma_regex(pattern), fullmatch=True)) + data.draw(st.sampled_from(ENDINGS)))
        for pattern in schema_patterns
        for _ in range(10)
    ]
    program = (
        "const samples = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(samples.map(([p, s]) => new RegExp(p, 'u').test(s))));"
    )
    result = subprocess.run(
        ["node", "-e", program], input=json.dumps(samples), capture_output=True, text=True, check=True
    )
    node_verdicts = json.loads(result.stdout)
    ours = [bool(ecma_regex(pattern).search(text)) for pattern, text in samples]
    assert ours == node_verdicts, [sample for sample, a, b in zip(samples, ours, node_verdicts, strict=True) if a != b]
    assert not any(ecma_regex(pattern).search(text) for pattern, text in samples if text.endswith("\n"))


# Strict validators: Ajv 2020 in strict mode (npm/'s pinned Ajv), and jsonschema, entry point by entry point.

VALIDATE = ROOT / "npm" / "scripts" / "validate-json.mjs"


def _ajv(schema: Path, requests: list[tuple[str, Any]], *options: str) -> tuple[list[list[str] | None], str]:
    """Ajv's verdicts on (entry point, document) pairs, and what it printed on stderr."""
    if not (ROOT / "npm" / "node_modules" / "ajv").is_dir():
        pytest.fail("npm/node_modules lacks Ajv: run `make npm-tools` (npm ci in npm/), as `make test` does")
    result = subprocess.run(
        ["node", str(VALIDATE), str(schema), *options],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    verdicts: list[list[str] | None] = json.loads(result.stdout)
    return verdicts, result.stderr


def _entry_point(schema: dict[str, Any], name: str) -> Draft202012Validator:
    """A jsonschema validator of ``$defs/name``, reached by $ref as any consumer would."""
    registry: Registry[Any] = Registry().with_resource(schema["$id"], Resource.from_contents(schema))
    return Draft202012Validator({"$ref": f"{schema['$id']}#/$defs/{name}"}, registry=registry)


def test_ajv_strict_accepts_the_schema_and_every_json_file(json_dir: Path, catalog: Catalog) -> None:
    files = sorted(path for path in json_dir.glob("*.json") if path.name != "catalog.schema.json")
    requests = [("", _load(path)) for path in files]
    requests += [("table_file", _load(json_dir / f"{table.id}.json")) for table in catalog.tables]
    requests += [("catalog_file", _load(json_dir / "catalog.json"))]
    verdicts, warnings = _ajv(json_dir / "catalog.schema.json", requests)
    assert len(requests) == 2 * len(catalog.tables) + 2
    assert verdicts == [None] * len(requests)
    assert warnings == ""
    # Ajv's default settings print strict-mode warnings on the console: there are none.
    verdicts, warnings = _ajv(json_dir / "catalog.schema.json", requests[:3], "--default")
    assert verdicts == [None] * 3 and warnings == ""


def test_every_table_file_is_valid_at_its_own_entry_point(json_dir: Path, catalog: Catalog) -> None:
    schema = _load(json_dir / "catalog.schema.json")
    for table in catalog.tables:
        assert _errors(_entry_point(schema, "table_file"), _load(json_dir / f"{table.id}.json")) == [], table.id
    assert _errors(_entry_point(schema, "catalog_file"), _load(json_dir / "catalog.json")) == []


def _broken(whole: dict[str, Any], json_dir: Path) -> dict[str, tuple[str, Any]]:
    """Documents that break one rule the schema states, each with the entry point to check it at."""
    broken: dict[str, tuple[str, Any]] = {}

    def table_file(table_id: str) -> dict[str, Any]:
        document: dict[str, Any] = _load(json_dir / f"{table_id}.json")
        return document

    dlr = table_file("dlr_status")
    delivered = next(entry for entry in dlr["entries"] if entry["success"])
    delivered["final"] = False
    broken["a success that is not final"] = ("", dlr)
    dlr = table_file("dlr_status")
    del dlr["entries"][0]["final"]
    broken["a status without final"] = ("table_file", dlr)
    sms = table_file("sms_send")
    sms["entries"][0]["success"] = False
    broken["success on an error table"] = ("", sms)
    hlr = table_file("hlr_error")
    del hlr["entries"][0]["group"]
    broken["an HLR error without its group"] = ("", hlr)
    sms = table_file("sms_send")
    sms["entries"][0]["group"] = 1
    broken["a group in a table without groups"] = ("", sms)
    hlr = table_file("hlr_error")
    del hlr["entries"][1]["permanent"]
    broken["permanent on some entries only"] = ("", hlr)
    catalog = copy.deepcopy(whole)
    push = next(item for item in catalog["endpoints"] if item["kind"] == "push")
    push["method"] = "POST"
    broken["a push with an HTTP method"] = ("catalog_file", catalog)
    catalog = copy.deepcopy(whole)
    call = next(item for item in catalog["endpoints"] if item["kind"] == "call")
    call["product"] = "mail" if not call["id"].startswith("mail.") else "sms"
    broken["a product its id does not give"] = ("", catalog)
    catalog = copy.deepcopy(whole)
    next(item for item in catalog["disagreements"] if item["kind"] == "meaning")["reading"] = None
    broken["a disagreement of meaning without its reading"] = ("", catalog)
    catalog = copy.deepcopy(whole)
    catalog["endpoints"][0]["tables"] = ["Not a table id"]
    broken["an endpoint table that is no table id"] = ("", catalog)
    return broken


def test_both_validators_reject_each_broken_rule(json_dir: Path, whole: dict[str, Any]) -> None:
    schema = _load(json_dir / "catalog.schema.json")
    broken = _broken(whole, json_dir)
    verdicts, _ = _ajv(json_dir / "catalog.schema.json", list(broken.values()))
    for (rule, (entry_point, document)), verdict in zip(broken.items(), verdicts, strict=True):
        assert verdict, f"Ajv accepts {rule}"
        validator = _entry_point(schema, entry_point) if entry_point else Draft202012Validator(schema)
        assert _errors(validator, document), f"jsonschema accepts {rule}"


def test_a_table_file_missing_a_field_is_told_so_not_that_it_lacks_tables(
    validator: Draft202012Validator, json_dir: Path
) -> None:
    single = _load(json_dir / "hlr_error.json")
    del single["entries"]
    messages = _errors(validator, single)
    assert messages == ["'entries' is a required property"]
    verdicts, _ = _ajv(json_dir / "catalog.schema.json", [("", single)])
    # (Ajv adds which branch of the root's if/then/else failed: the table file's.)
    assert verdicts == [[": must have required property 'entries'", ': must match "else" schema']]
