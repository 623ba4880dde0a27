"""The guidance data: final/success flags of every status, English hints, their validation rules, and how the
package and the JSON artefacts carry them."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import smspartner_codes
from codegen.model import Catalog
from codegen.problems import CatalogInvalid
from codegen.validate import load_catalog

MINI = Path(__file__).resolve().parent / "fixtures" / "mini_catalog"

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


def test_a_success_is_always_final_and_each_status_table_has_both_outcomes(catalog: Catalog) -> None:
    for table in catalog.tables:
        if table.kind != "status":
            continue
        assert all(entry.final for entry in table.entries if entry.success), table.id
        if not table.is_seed:
            continue  # a vocabulary of the endpoint pages lists only the values they print
        assert any(entry.success for entry in table.entries), table.id
        assert any(entry.final and not entry.success for entry in table.entries), table.id
        assert any(not entry.final for entry in table.entries), table.id


def test_error_tables_have_no_status_flags(catalog: Catalog) -> None:
    for table in catalog.tables:
        if table.kind == "error":
            assert all(entry.final is None and entry.success is None for entry in table.entries), table.id
            assert not hasattr(next(iter(smspartner_codes.TABLES[table.id])), "is_final"), table.id


def test_hlr_errors_keep_permanent(catalog: Catalog) -> None:
    (hlr_error,) = [table for table in catalog.tables if table.id == "hlr_error"]
    assert all(entry.permanent is not None for entry in hlr_error.entries)
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


# Validation rules ------------------------------------------------------------------------------


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINI, tmp_path / "catalog"))


def _edit(catalog_dir: Path, table: str, old: str, new: str) -> None:
    path = catalog_dir / "tables" / f"{table}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_status_table_loads_with_its_flags_and_hint() -> None:
    states = load_catalog(MINI).tables[1]
    assert [(entry.final, entry.success, entry.hint) for entry in states.entries] == [
        (True, True, None),
        (False, False, "Wait, then look again."),
    ]


@pytest.mark.parametrize(
    ("table", "old", "new", "expected"),
    [
        ("states", "    final: false\n", "", "entries[1]: entry of a status table has no final flag"),
        ("states", "    success: true\n", "", "entries[0]: entry of a status table has no success flag"),
        ("states", "    final: true\n", "    final: false\n", "entries[0].success: success: true needs final: true"),
        ("lookups", "    permanent: false\n", "    permanent: false\n    final: true\n", "final belongs to status"),
        ("lookups", "    permanent: false\n", "    permanent: false\n    success: false\n", "success belongs to"),
        ("states", "hint: Wait, then look again.", "hint: ' Wait.'", "leading or trailing whitespace"),
        ("states", "hint: Wait, then look again.", 'hint: "Wait.\\tNow"', "control characters (U+0009)"),
        ("states", "hint: Wait, then look again.", "hint: ''", "text must not be empty"),
        ("states", "hint: Wait, then look again.", "hint: yes", "is not text"),
        ("states", "final: true", "final: 'yes'", "must be true or false, not the text 'yes'"),
        (
            "lookups",
            "alias_of: NUMBER_UNKNOWN\n",
            "alias_of: NUMBER_UNKNOWN\n    hint: Fix it.\n",
            "no hint of its own",
        ),
        ("lookups", "name: NO_ERROR", "name: HINT", "clashes with the member attribute 'hint'"),
        ("states", "name: DONE", "name: IS_FINAL", "clashes with the member attribute 'is_final'"),
        ("states", "enum: State", "enum: ApiError", "class name ApiError belongs to the package's exceptions"),
        ("lookups", "enum: LookupFailure", "enum: LookupApiError", "LookupApiError belongs to the package's"),
        ("lookups", "group_enum: LookupGroup", "group_enum: SmsPartnerError", "SmsPartnerError belongs to"),
        ("lookups", "    permanent: false\n", "    permanent: false\n    hint: Nothing to do.\n", ""),
    ],
)
def test_each_broken_guidance_rule_is_reported(mini_copy: Path, table: str, old: str, new: str, expected: str) -> None:
    _edit(mini_copy, table, old, new)
    if not expected:  # a valid edit: a hint on an error entry
        assert load_catalog(mini_copy).tables[0].entries[0].hint == "Nothing to do."
        return
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(mini_copy)
    messages = [str(problem) for problem in caught.value.problems]
    assert any(expected in message for message in messages), messages
    assert all(f"{table}.yaml:" in message for message in messages), messages


def test_an_alias_in_a_status_table_shares_its_codes_flags(mini_copy: Path) -> None:
    alias = (
        "  - code: done\n    name: FINISHED\n    alias_of: DONE\n    final: true\n    success: false\n"
        "    message:\n      fr: Terminé\n      en: Finished\n"
    )
    path = mini_copy / "tables" / "states.yaml"
    path.write_text(path.read_text(encoding="utf-8") + alias, encoding="utf-8")
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(mini_copy)
    (problem,) = caught.value.problems
    assert "success differs from DONE's" in str(problem)
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "success: false\n    message:\n      fr: Terminé", "success: true\n    message:\n      fr: Terminé"
        ),
        encoding="utf-8",
    )
    assert load_catalog(mini_copy).tables[1].aliases[0].success is True


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


# The toolkit rendered from another catalog -------------------------------------------------------


def test_the_toolkit_of_the_fixture_catalog_is_clean_and_works(mini_copy: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from codegen.render import render_all
    from codegen.writer import write_tree

    # No success at all (an empty set of successes) and a hint full of quotes and braces.
    _edit(mini_copy, "states", "    final: true\n    success: true\n", "    final: true\n    success: false\n")
    _edit(mini_copy, "states", "hint: Wait, then look again.", """hint: 'Say "wait", {then} look ''again''.'""")
    out = tmp_path / "out"
    write_tree(render_all(load_catalog(mini_copy)), out)
    root = Path(__file__).resolve().parent.parent
    for command in (["format", "--check"], ["check"]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command, "--config", str(root / "pyproject.toml"), str(out)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    program = """
import pickle
from smspartner_codes import LookupsApiError, State, find_code, iter_errors, raise_for_response, search
from smspartner_codes._cli import main
assert [member.is_success for member in State] == [False, False]
assert [member.is_final for member in State] == [True, False]
assert State.NOT_DONE.hint == 'Say "wait", {then} look \\'again\\'.'
try:
    raise_for_response('{"success": false, "code": 7}', "lookups")
except LookupsApiError as error:
    assert error.member.name == "NUMBER_UNKNOWN" and error.permanent is True
    assert pickle.loads(pickle.dumps(error)) == error
assert search("fait") == [State.DONE, State.NOT_DONE] and find_code(7)[0].name == "NUMBER_UNKNOWN"
assert main(["explain", "states", "DONE"]) == 0
"""
    result = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "PYTHONPATH": str(out)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("states done: DONE\n")
