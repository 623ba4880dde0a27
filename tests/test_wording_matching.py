"""The matching rule of a server's text to a documented wording, pinned by tests/wording_matching.json.

The JSON file is the specification every implementation runs: the generator's (codegen.wording,
which validates the catalog's readings) and the Python runtime's (smspartner_codes._wording, which
resolve() uses) run every case here; the npm package uses the same file. Hypothesis then checks
that the two Python implementations agree on any text, and properties of the rule itself.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codegen import wording as generator_rule
from smspartner_codes import _wording as runtime_rule

CASES: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parent / "wording_matching.json").read_text(encoding="utf-8")
)


class Implementation(NamedTuple):
    normalise: Callable[[str], str]
    best_match: Callable[[str, Sequence[str]], int | None]


IMPLEMENTATIONS = {
    "generator": Implementation(generator_rule.normalise, generator_rule.best_match),
    "runtime": Implementation(runtime_rule.normalise, runtime_rule.best_match),
}


@pytest.fixture(params=sorted(IMPLEMENTATIONS))
def rule(request: pytest.FixtureRequest) -> Implementation:
    return IMPLEMENTATIONS[request.param]


def test_the_file_states_the_rule_and_has_cases_of_both_kinds() -> None:
    assert CASES["rule"] and CASES["description"]
    assert len(CASES["normalise"]) >= 20
    assert len(CASES["match"]) >= 15
    assert {case["match"] is None for case in CASES["match"]} == {True, False}


@pytest.mark.parametrize("case", CASES["normalise"], ids=lambda case: case["why"])
def test_normal_form(rule: Implementation, case: dict[str, str]) -> None:
    assert rule.normalise(case["text"]) == case["normalised"]


@pytest.mark.parametrize("case", CASES["match"], ids=lambda case: case["why"])
def test_match(rule: Implementation, case: dict[str, Any]) -> None:
    assert rule.best_match(case["server"], case["wordings"]) == case["match"]


def test_the_normal_form_of_a_normal_form_is_itself_unless_removing_markup_uncovered_more(rule: Implementation) -> None:
    # Emphasis and references are removed in one pass: "a_*_b" leaves "a__b", "&amp;lt;" leaves "&lt;".
    checked = [case for case in CASES["normalise"] if not {"*", "&"} & set(case["text"])]
    assert len(checked) >= 20
    for case in checked:
        assert rule.normalise(case["normalised"]) == case["normalised"], case["why"]


# Any text ---------------------------------------------------------------------------------------------

# Text the rule cares about: letters with and without accents (composed and decomposed), every
# kind of white space of the rule and some it leaves alone, apostrophes, final punctuation,
# emphasis and tag characters, references, digits and symbols with numeric values.
_PIECES = [
    "Clé",
    "Cle\u0301",
    "API",
    "incorrecte",
    "ß",
    "İ",
    "ÉTÉ",
    "l’",
    "l‘",
    "l'",
    " ",
    "\t",
    "\n",
    "\u00a0",
    "\u202f",
    "\u3000",
    "\u2028",
    "\x1c",
    ".",
    "!",
    "?",
    ":",
    ";",
    "\u2026",
    "%",
    "*",
    "_",
    "__",
    "<",
    ">",
    "<br>",
    "&amp;",
    "&lt;",
    "&eacute;",
    "&#233;",
    "&",
    "2",
    "²",
    "\u2474",
    "\u00ae",
    "\u0301",
    "\u0332",
]
texts = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
    st.text(max_size=30),
)


@given(texts)
def test_both_implementations_give_the_same_normal_form(text: str) -> None:
    assert runtime_rule.normalise(text) == generator_rule.normalise(text)


@given(texts, st.lists(texts, max_size=5))
def test_both_implementations_pick_the_same_wording(server: str, wordings: list[str]) -> None:
    assert runtime_rule.best_match(server, wordings) == generator_rule.best_match(server, wordings)


@given(texts, st.lists(texts, max_size=5))
def test_a_wording_matches_a_server_text_that_is_the_wording_followed_by_details(
    wording: str, others: list[str]
) -> None:
    """Code 9's case, in general: the wording, then ": " and the details, matches that wording or a longer one."""
    normal = runtime_rule.normalise(wording)
    wordings = [*others, wording]
    found = runtime_rule.best_match(f"{wording} : détails", wordings)
    if not normal:
        return
    assert found is not None
    assert len(runtime_rule.normalise(wordings[found])) >= len(normal)


@given(texts)
def test_a_text_matches_itself_in_any_case_and_with_typographic_apostrophes(text: str) -> None:
    if not runtime_rule.normalise(text):
        assert runtime_rule.best_match(text, [text]) is None  # an empty normal form matches nothing
        return
    assert runtime_rule.best_match(text, [text]) == 0
    if "&" not in text:  # upper-casing a reference makes another one, or none ("&EACUTE;")
        assert runtime_rule.best_match(text.upper(), [text.lower()]) == 0 or _case_is_not_reversible(text)
    assert runtime_rule.best_match(text.replace("'", "\u2019"), [text]) == 0


def _case_is_not_reversible(text: str) -> bool:
    """upper() and lower() do not always give one case folding ("ǅ", "ΐ", "İ" and others)."""
    return unicodedata.normalize("NFC", text.upper().casefold()) != unicodedata.normalize(
        "NFC", text.lower().casefold()
    )
