"""Every example answer and push of SMSPartner's vendored pages, decoded as an integrator would.

The cases are in tests/decoding_cases.json, language-neutral (the npm package's decoder runs them
too); its "how_to_run" says what each field means. Here: every example the pages print has its
case, with its text as printed (and its repaired copy, under tests/documented_answers/, where the
printed JSON does not parse); the package gives each case's outcome through raise_for_response,
iter_errors, read_hlr_notification and read_reply; each XML answer decodes as its JSON twin; the
counts by category are the ones the closing note of issue 13 gives.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from codegen.maintenance.pages import Example, read_endpoint_page
from codegen.model import Catalog
from smspartner_codes import (
    InvalidResponseError,
    SmsPartnerError,
    iter_errors,
    raise_for_response,
    read_hlr_notification,
    read_reply,
)

TESTS = Path(__file__).resolve().parent
UPSTREAM = TESTS.parent / "catalog" / "upstream"
CASES_FILE = TESTS / "decoding_cases.json"
REPAIRED = TESTS / "documented_answers"

DOCUMENT = json.loads(CASES_FILE.read_text(encoding="utf-8"))
CASES: list[dict[str, Any]] = DOCUMENT["cases"]
ANSWERS = [case for case in CASES if "body" in case]
CALLBACKS = [case for case in CASES if case["category"] == "callback"]


def _where(case: dict[str, Any]) -> dict[str, Any]:
    """The keyword arguments that say what a case's answer is read with."""
    if "table" in case:
        return {"table": case["table"]}
    return {"endpoint": case.get("url") or case["endpoint"]}


def _outcome(error: SmsPartnerError) -> dict[str, Any]:
    if isinstance(error, InvalidResponseError):
        return {"error": "invalid"}
    reading = error.reading
    return {
        "error": "api",
        "table": error.table,
        "code": error.code,
        "member": None if reading is None else reading.member.name,
        "reading": None if reading is None else reading.name,
        "matched": error.matched,
        "phone_number": error.phone_number,
        "field_errors": [list(pair) for pair in error.field_errors],
    }


def _decoded(body: str | bytes, case: dict[str, Any]) -> list[dict[str, Any]]:
    return [_outcome(error) for error in iter_errors(body, **_where(case))]


def _repaired_text(case: dict[str, Any]) -> str:
    return (TESTS / case["repaired"]["file"]).read_text(encoding="utf-8")


# Every example of the pages has its case ------------------------------------------------------------


def _php_payloads(text: str) -> list[dict[str, str]]:
    """The form fields of each PHP ``Array (...)`` dump of a push (the French reply page escapes its ``=>``)."""
    payloads = []
    for block in re.findall(r"Array\s*\((.*?)\n\s*\)", html.unescape(text), flags=re.DOTALL):
        pairs = re.findall(r"'([^']+)'\s*=>\s*(?:'([^']*)'|([0-9]+))", block)
        payloads.append({key: quoted or number for key, quoted, number in pairs})
    return payloads


def _page_examples(catalog: Catalog) -> list[tuple[str, str, Example]]:
    return [
        (endpoint.id, page, example)
        for endpoint in catalog.endpoints
        for page in endpoint.pages
        for example in read_endpoint_page(UPSTREAM / page, page).examples
    ]


def test_every_example_of_the_pages_is_a_case_with_its_text_as_printed(catalog: Catalog) -> None:
    by_source = {(case["source"]["page"], case["source"]["line"]): case for case in ANSWERS if case["source"]}
    callbacks = Counter((case["source"]["page"], case["source"]["line"]) for case in CALLBACKS)
    seen = 0
    for endpoint_id, page, example in _page_examples(catalog):
        where = (page, example.line)
        if example.format == "php":
            payloads = _php_payloads(example.text)
            cases = [case for case in CALLBACKS if (case["source"]["page"], case["source"]["line"]) == where]
            assert [case["payload"] for case in cases] == payloads, where
            assert callbacks[where] == len(payloads) > 0
        else:
            case = by_source[where]
            assert (case["endpoint"], case["format"], case["body"]) == (endpoint_id, example.format, example.text)
            assert ("repaired" in case) == (example.format == "json" and not example.strict), where
        seen += 1
    assert seen == 170  # 153 JSON, 10 XML and 7 PHP examples (see tests/test_endpoint_pages.py)
    assert len(by_source) + len(callbacks) == seen


def test_each_repaired_copy_is_traceable_to_its_page_and_line_and_parses() -> None:
    repaired = [case for case in ANSWERS if "repaired" in case]
    files = sorted(path.name for path in REPAIRED.iterdir())
    assert sorted(Path(case["repaired"]["file"]).name for case in repaired) == files
    assert len(files) == 38
    for case in repaired:
        page, line = case["source"]["page"], case["source"]["line"]
        # The file's name is the page's path (folders joined by "__") and the example's first line.
        expected = page.removeprefix("docpartner/").replace("/", "__").replace(" ", "_") + f".{line}.json"
        assert Path(case["repaired"]["file"]).name == expected
        with pytest.raises(json.JSONDecodeError):
            json.loads(case["body"])
        json.loads(_repaired_text(case))


def test_the_counts_by_category() -> None:
    """The figures of the closing note: 172 documented cases (170 examples: 7 PHP dumps hold 9 payloads), 19 more."""
    counts = Counter(case["category"] for case in CASES)
    assert counts == {
        "success": 86,
        "error": 61,
        "failed item": 4,
        "callback": 9,
        "xml": 10,
        "unknown": 2,
        "synthetic": 19,
    }
    assert sum(1 for case in ANSWERS if "repaired" in case) == 38


# Outcomes -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ANSWERS, ids=[case["id"] for case in ANSWERS])
def test_each_answer_gives_its_outcome(case: dict[str, Any]) -> None:
    assert _decoded(case["body"], case) == case["outcome"]
    assert _decoded(case["body"].encode("utf-8"), case) == case["outcome"]  # as bytes, as response.content
    if "repaired" in case:
        assert case["outcome"] == [{"error": "invalid"}]  # broken JSON is still InvalidResponseError
        assert _decoded(_repaired_text(case), case) == case["repaired"]["outcome"]


@pytest.mark.parametrize("case", ANSWERS, ids=[case["id"] for case in ANSWERS])
def test_raise_for_response_raises_the_first_error_of_each_answer(case: dict[str, Any]) -> None:
    body = _repaired_text(case) if "repaired" in case else case["body"]
    expected = case["repaired"]["outcome"] if "repaired" in case else case["outcome"]
    if not expected:
        assert raise_for_response(body, **_where(case)) is None
        return
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(body, **_where(case))
    assert _outcome(caught.value) == expected[0]


@pytest.mark.parametrize("case", ANSWERS, ids=[case["id"] for case in ANSWERS])
def test_no_error_shows_a_text_or_a_hint_the_server_contradicts(case: dict[str, Any]) -> None:
    body = _repaired_text(case) if "repaired" in case else case["body"]
    for error in iter_errors(body, **_where(case)):
        if error.api_message and not error.matched:
            assert str(error).partition(": ")[2].startswith(error.api_message.split("\n")[0][:40])
            assert error.hint is None
            assert error.permanent is None
        elif error.reading is not None:
            assert error.reading.name in str(error)


@pytest.mark.parametrize("case", [case for case in ANSWERS if case["format"] == "xml" and case["source"]])
def test_each_xml_answer_decodes_as_its_json_twin(case: dict[str, Any]) -> None:
    twin = next(other for other in ANSWERS if other["id"] == case["twin"])
    twin_outcome = twin["repaired"]["outcome"] if "repaired" in twin else twin["outcome"]

    renamed: dict[str, str] = case.get("twin_differences", {}).get("element_ids", {})

    def without_field_messages(outcome: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # The pages print the field errors' messages differently in the two (accents, a line cut, a sentence more).
        return [
            {**item, "field_errors": [renamed.get(pair[0], pair[0]) for pair in item.get("field_errors", [])]}
            for item in outcome
        ]

    assert without_field_messages(case["outcome"]) == without_field_messages(twin_outcome)
    assert len(case["outcome"]) == len(twin_outcome)


# Callbacks ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CALLBACKS, ids=[case["id"] for case in CALLBACKS])
def test_each_push_gives_its_outcome(case: dict[str, Any]) -> None:
    payload: dict[str, str] = case["payload"]
    expected = case["outcome"]
    forms: list[object] = [payload, json.dumps(payload), {key: [value] for key, value in payload.items()}]
    for form in forms:
        if case["callback"] == "hlr_notification":
            notification = read_hlr_notification(form)
            got: dict[str, Any] = {
                "phone": notification.phone,
                "message_id": notification.message_id,
                "error": None if notification.error is None else notification.error.name,
                "error_group": None if notification.error_group is None else notification.error_group.name,
                "error_name": notification.error_name,
                "ported": notification.ported,
                "mcc_mnc": notification.mcc_mnc,
                "date": None if notification.date is None else notification.date.isoformat(),
                "status": None if notification.status is None else notification.status.name,
                "reachable": notification.reachable,
            }
        else:
            reply = read_reply(form)
            got = {
                "text": reply.text,
                "phone_number": reply.phone_number,
                "message_id": reply.message_id,
                "type": None if reply.type is None else reply.type.name,
                "to": reply.to,
                "keyword": reply.keyword,
                "timestamp": reply.timestamp,
                "concatenated": reply.concatenated,
                "reference": reply.reference,
                "part": reply.part,
                "parts": reply.parts,
            }
        assert got == expected


def test_the_documented_hlr_notification_is_read_whole() -> None:
    """The English HLR page's push: NO_ERROR with its trailing space, group OK, ported, its network and date."""
    (case,) = [case for case in CALLBACKS if case["callback"] == "hlr_notification"]
    assert case["outcome"]["error"] == "NO_ERROR"
    assert case["outcome"]["error_name"] == "NO_ERROR "
    assert case["outcome"]["error_group"] == "OK"
    assert case["outcome"]["ported"] is True
    assert case["outcome"]["date"] == "2018-03-05T10:34:52.355000+00:00"
    assert read_hlr_notification(case["payload"]).raise_for_error() is None


def test_both_reply_shapes_are_documented_cases() -> None:
    types = Counter(case["outcome"]["type"] for case in CALLBACKS if case["callback"] == "reply")
    assert types == {"TEXT": 6, "RESPONSE": 2}
    parts = [case["outcome"]["part"] for case in CALLBACKS if case["outcome"].get("concatenated")]
    assert parts == [1, 2, 1, 2]


def test_the_file_explains_itself() -> None:
    assert set(DOCUMENT) == {"about", "how_to_run", "categories", "cases"}
    assert set(DOCUMENT["categories"]) == {case["category"] for case in CASES}
    for case in CASES:
        if case["category"] == "synthetic":
            assert case["title"] and case["why"] and case["source"] is None
        else:
            assert set(case["source"]) == {"page", "line"}
