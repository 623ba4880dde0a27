"""The guidance data: final/success flags of every status, English hints, and how the package and the JSON
artefacts carry them (their validation rules are cases of tests/bad_catalogs/)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import smspartner_codes
from codegen.model import Catalog
from tests.conftest import edit, render, run_python

# The reasoning is in the YAML comments of each status table; this pins the outcome.
EXPECTED_STATES: dict[str, dict[int | str, tuple[bool, bool]]] = {
    "delivery_status": {
        "delivered": (True, True),
        "not delivered": (True, False),
        "waiting": (False, False),
        "ko": (True, False),
    },
    "dlr_status": {
        "DELIVRD": (True, True),
        "PENDING": (False, False),
        "UNDELIV": (True, False),
        "ACCEPTD": (False, False),
        "UNKNOWN": (True, False),
        "ENROUTE": (False, False),
        "EXPIRED": (True, False),
        "REJECTD": (True, False),
    },
    "hlr_status": {
        3: (False, False),
        7: (False, False),
        26: (False, False),
        4: (True, False),
        9: (True, False),
        2: (False, False),
        5: (True, True),
        15: (True, False),
        29: (True, False),
        6: (True, False),
        8: (True, False),
        10: (True, False),
        11: (True, False),
        21: (True, False),
        52: (True, False),
    },
    "sms_item_status": {"Numéro introuvable": (True, False)},
    "mail_delivery_status": {"Delivered": (True, True)},
}


# Catalog data --------------------------------------------------------------------------------


def test_the_status_tables_are_the_ones_expected(catalog: Catalog) -> None:
    assert sorted(table.id for table in catalog.tables if table.kind == "status") == sorted(EXPECTED_STATES)


@pytest.mark.parametrize("table_id", sorted(EXPECTED_STATES))
def test_every_status_has_its_expected_finality(catalog: Catalog, table_id: str) -> None:
    table = next(table for table in catalog.tables if table.id == table_id)
    assert {entry.code: (entry.final, entry.success) for entry in table.entries} == EXPECTED_STATES[table_id]


@pytest.mark.parametrize("table_id", sorted(EXPECTED_STATES))
def test_every_status_member_says_whether_it_is_final_and_a_success(table_id: str) -> None:
    table_class = smspartner_codes.TABLES[table_id]
    states = {member.code: (member.is_final, member.is_success) for member in table_class}  # type: ignore[union-attr]
    assert states == EXPECTED_STATES[table_id]


def test_each_status_table_has_both_outcomes_and_states_still_pending(catalog: Catalog) -> None:
    # (A success is always final, and only status tables have the flags: the validator sees to that.)
    for table in catalog.tables:
        if table.kind != "status":
            continue
        if not table.is_seed:
            continue  # a vocabulary of the endpoint pages lists only the values they print
        assert any(entry.success for entry in table.entries), table.id
        assert any(entry.final and not entry.success for entry in table.entries), table.id
        assert any(not entry.final for entry in table.entries), table.id


def test_members_of_error_tables_have_no_status_flags(catalog: Catalog) -> None:
    for table in catalog.tables:
        if table.kind == "error":
            assert not hasattr(next(iter(smspartner_codes.TABLES[table.id])), "is_final"), table.id


def test_hlr_error_2053_is_permanent() -> None:
    assert smspartner_codes.HlrError(2053).permanent is True


def test_every_member_hint_is_the_catalogs(catalog: Catalog) -> None:
    for table in catalog.tables:
        hints = {entry.code: entry.hint for entry in table.canonical_entries}
        assert {member.code: member.hint for member in smspartner_codes.TABLES[table.id]} == hints, table.id


def test_hints_are_given_where_the_issue_asks() -> None:
    from smspartner_codes import HlrError, MailError, SmsSendError

    credit = SmsSendError.INSUFFICIENT_CREDIT.hint or ""
    assert "Top up" in credit
    assert "cannot succeed" in credit
    key = SmsSendError.INVALID_API_KEY.hint or ""
    assert "configuration" in key
    assert "cannot succeed" in key
    assert "retry later" in (HlrError.EC_ABSENT_SUBSCRIBER_SM.hint or "")
    assert "retry" in (MailError.TOO_MANY_REQUESTS.hint or "")
    assert SmsSendError.MESSAGE_REQUIRED.hint is None  # no hint where the text says it all


def test_hints_are_english_sentences(catalog: Catalog) -> None:
    for table in catalog.tables:
        for entry in table.entries:
            if entry.hint is not None:
                assert entry.hint[0].isupper(), entry
                assert entry.hint.endswith("."), entry
                assert entry.hint.isascii(), entry  # ours, in English: no French accents crept in


# JSON artefacts --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def whole(root: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((root / "generated" / "json" / "catalog.json").read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def validator(root: Path) -> Draft202012Validator:
    schema = json.loads((root / "generated" / "json" / "catalog.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def test_json_entries_carry_the_guidance_fields_exactly_where_the_catalog_has_them(
    whole: dict[str, Any], catalog: Catalog
) -> None:
    for model, table in zip(catalog.tables, whole["tables"], strict=True):
        for entry, document in zip(model.entries, table["entries"], strict=True):
            for field in ("final", "success", "hint"):
                value = getattr(entry, field)
                assert document.get(field) == value, (model.id, entry.name, field)
                assert (field in document) is (value is not None), (model.id, entry.name, field)


def test_the_json_schema_checks_the_guidance_fields(validator: Draft202012Validator, whole: dict[str, Any]) -> None:
    assert list(validator.iter_errors(whole)) == []

    def broken(change: Any) -> dict[str, Any]:
        document = copy.deepcopy(whole)
        change({table["id"]: table for table in document["tables"]})
        return document

    def drop_final(tables: dict[str, Any]) -> None:
        del tables["dlr_status"]["entries"][0]["final"]

    def final_on_an_error(tables: dict[str, Any]) -> None:
        tables["sms_send"]["entries"][0]["final"] = True

    def empty_hint(tables: dict[str, Any]) -> None:
        tables["sms_send"]["entries"][0]["hint"] = ""

    def text_flag(tables: dict[str, Any]) -> None:
        tables["hlr_status"]["entries"][0]["success"] = "no"

    for change in (drop_final, final_on_an_error, empty_hint, text_flag):
        assert list(validator.iter_errors(broken(change))) != [], change.__name__


# The toolkit with another catalog's data ------------------------------------------------------------


def test_the_toolkit_works_with_the_fixture_catalogs_data(mini_copy: Path, tmp_path: Path) -> None:
    # No success at all (no state is a success) and a hint full of quotes and braces.
    edit(mini_copy, "states", "    final: true\n    success: true\n", "    final: true\n    success: false\n")
    edit(mini_copy, "states", "hint: Wait for the next report.", """hint: 'Say "wait", {then} look ''again''.'""")
    rendered = render(mini_copy, tmp_path / "out")
    program = """
import pickle
from smspartner_codes import DeliveryState, ErrorsApiError, find_code, iter_errors, raise_for_response, search
from smspartner_codes._cli import main
assert [member.is_success for member in DeliveryState] == [False, False, False]
assert [member.is_final for member in DeliveryState] == [True, True, False]
assert DeliveryState.WAITING.hint == 'Say "wait", {then} look \\'again\\'.'
try:
    raise_for_response('{"success": false, "code": 10}', "errors")
except ErrorsApiError as error:
    assert error.member.name == "NUMBER_UNKNOWN" and error.permanent is True
    assert pickle.loads(pickle.dumps(error)) == error
assert search("livré") == [DeliveryState.DELIVERED, DeliveryState.NOT_DELIVERED]
assert find_code(10)[0].name == "NUMBER_UNKNOWN"
assert main(["explain", "states", "DELIVERED"]) == 0
"""
    result = run_python(program, rendered.package_root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("states delivered: DELIVERED\n")
