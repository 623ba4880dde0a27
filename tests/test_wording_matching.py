"""The matching rule of a server's text to a documented wording, pinned by tests/wording_matching.json.

The JSON file is the specification every implementation runs (this generator now; the Python
runtime and the npm package use the same file); this test runs it against codegen.wording.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from codegen.wording import best_match, normalise

CASES: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent / "wording_matching.json").read_text(encoding="utf-8")
)


def test_the_file_states_the_rule_and_has_cases_of_both_kinds() -> None:
    assert CASES["rule"] and CASES["description"]
    assert len(CASES["normalise"]) >= 20
    assert len(CASES["match"]) >= 15
    assert {case["match"] is None for case in CASES["match"]} == {True, False}


@pytest.mark.parametrize("case", CASES["normalise"], ids=lambda case: case["why"])
def test_normal_form(case: dict[str, str]) -> None:
    assert normalise(case["text"]) == case["normalised"]


@pytest.mark.parametrize("case", CASES["match"], ids=lambda case: case["why"])
def test_match(case: dict[str, Any]) -> None:
    assert best_match(case["server"], case["wordings"]) == case["match"]


def test_the_normal_form_is_idempotent() -> None:
    for case in CASES["normalise"]:
        assert normalise(case["normalised"]) == case["normalised"]
