"""raise_for_response and iter_errors: every response shape SMSPartner sends, unknown codes, garbage bodies,
bulk bodies, and exceptions that pickle and compare."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from codegen.model import Catalog
from smspartner_codes import (
    ApiError,
    DlrStatus,
    HlrError,
    HlrErrorApiError,
    InvalidResponseError,
    SmsPartnerError,
    SmsSendApiError,
    SmsSendError,
    VmsError,
    VmsSendApiError,
    iter_errors,
    raise_for_response,
)
from smspartner_codes._data._exceptions import API_ERRORS

INVALID_KEY = {"success": False, "code": 10, "message": "Clef API incorrecte"}
FIELD_ERRORS = {
    "success": False,
    "code": 9,
    "errors": [
        {"elementId": "children[message].data", "message": "Le message est requis"},
        {"elementId": "children[phoneNumbers].data", "message": "Le champ phoneNumbers est requis"},
    ],
}
BULK = {
    "results": [
        {"success": False, "code": 15, "phoneNumber": "+33600000000", "message": "Le numéro est déjà présent"},
        {"success": True, "code": 200, "phoneNumber": "+33600000001", "message_id": 1},
        {"success": False, "code": 14, "phoneNumber": "+33600000002", "message": "STOP"},
    ],
    "cost": 0.09,
}
SUCCESS = {"success": True, "code": 200, "message_id": 5464, "nb_sms": 1}


def _raised(payload: object, table: Any = "sms_send", lang: str = "fr") -> SmsPartnerError:
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(payload, table, lang)
    return caught.value


# Response shapes -------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [SUCCESS, json.dumps(SUCCESS), json.dumps(SUCCESS).encode("utf-8")])
def test_a_success_returns_none_whatever_the_payload_type(payload: object) -> None:
    assert raise_for_response(payload, "sms_send") is None
    assert list(iter_errors(payload, "sms_send")) == []


@pytest.mark.parametrize(
    "payload", [INVALID_KEY, json.dumps(INVALID_KEY), json.dumps(INVALID_KEY, ensure_ascii=False).encode("utf-8")]
)
def test_an_error_body_raises_the_tables_typed_error(payload: object) -> None:
    error = _raised(payload)
    assert type(error) is SmsSendApiError
    assert isinstance(error, ApiError)
    assert (error.table, error.code, error.member) == ("sms_send", 10, SmsSendError.INVALID_API_KEY)
    assert error.api_message == "Clef API incorrecte"
    assert error.field_errors == []
    assert error.permanent is None  # the catalog says nothing about permanence outside HLR errors
    assert error.hint is not None
    assert "configuration" in error.hint
    assert error.phone_number is None


def test_field_validation_errors_keep_every_element_and_message() -> None:
    error = _raised(FIELD_ERRORS)
    assert error.field_errors == [
        ("children[message].data", "Le message est requis"),
        ("children[phoneNumbers].data", "Le champ phoneNumbers est requis"),
    ]
    assert "children[message].data: Le message est requis" in str(error)


def test_the_error_key_spelling_some_endpoints_use() -> None:
    singular = {"success": False, "code": 9, "error": [{"elementId": "phoneNumber", "message": "requis"}]}
    assert _raised(singular).field_errors == [("phoneNumber", "requis")]
    as_object = {"success": False, "code": 9, "error": {"elementId": "phoneNumber", "message": "requis"}}
    assert _raised(as_object).field_errors == [("phoneNumber", "requis")]
    as_text = {"success": False, "code": 10, "error": "Clef API incorrecte"}
    error = _raised(as_text)
    assert (error.api_message, error.field_errors) == ("Clef API incorrecte", [])


def test_malformed_field_errors_are_kept_as_far_as_they_go() -> None:
    body = {"success": False, "code": 9, "errors": [{"message": "sans élément"}, 42, {"elementId": 3}]}
    assert _raised(body).field_errors == [("", "sans élément"), ("", "")]


# Unknown codes ---------------------------------------------------------------------------------


def test_code_9_of_sms_send_is_unknown_but_still_a_typed_error() -> None:
    error = _raised(FIELD_ERRORS)
    assert type(error) is SmsSendApiError
    assert (error.code, error.member, error.permanent, error.hint) == (9, None, None, None)
    assert str(error).startswith("sms_send 9 (a code the catalog does not list): no message; ")


def test_an_unknown_code_shows_the_servers_message() -> None:
    error = _raised({"success": False, "code": 777, "message": "Nouvelle erreur"})
    assert error.member is None
    assert str(error) == "sms_send 777 (a code the catalog does not list): Nouvelle erreur"


def test_an_error_without_a_code_is_an_api_error_with_code_none() -> None:
    error = _raised({"success": False, "message": "Erreur"})
    assert (type(error), error.code, error.member) == (SmsSendApiError, None, None)
    assert str(error) == "sms_send: Erreur"


def test_a_numeric_string_code_is_read_as_the_integer_code() -> None:
    assert _raised({"success": False, "code": "14"}).member is SmsSendError.NUMBER_IN_STOP_LIST
    assert _raised({"success": False, "code": "x14"}).member is None


def test_string_codes_of_the_voice_table() -> None:
    error = _raised({"success": False, "code": "NOT_CREDIT", "message": "Crédit insuffisant"}, "vms_send")
    assert type(error) is VmsSendApiError
    assert error.member is VmsError.NOT_CREDIT
    assert error.hint is not None
    assert "Top up" in error.hint


# Garbage bodies --------------------------------------------------------------------------------

GARBAGE = [
    "<html><body><h1>502 Bad Gateway</h1></body></html>",
    b"<html>503</html>",
    '{"success": false, "code": 1',
    "",
    b"\xff\xfe\x00garbage",
    "[1, 2, 3]",
    [{"success": False}],
    "null",
    None,
    42,
    "true",
    {"code": 10, "message": "Clef API incorrecte"},
    {"success": "false", "code": 10},
    {"success": 0, "code": 10},
    {"success": None},
    {"success": False, "code": [10]},
    {"success": False, "code": True},
    {"success": False, "code": 1.5},
    "[" * 100_000,
]


@pytest.mark.parametrize("payload", GARBAGE, ids=range(len(GARBAGE)))
def test_a_body_that_is_not_smspartners_raises_invalid_response_error(payload: object) -> None:
    error = _raised(payload)
    assert type(error) is InvalidResponseError
    assert isinstance(error, InvalidResponseError)
    assert (error.table, error.code, error.member, error.permanent, error.api_message) == (
        "sms_send",
        None,
        None,
        None,
        None,
    )
    assert error.reason
    assert str(error).startswith("sms_send: not an SMSPartner response: ")
    assert len(str(error)) < 250  # a preview, not the whole body
    (only,) = iter_errors(payload, "sms_send")
    assert type(only) is InvalidResponseError


def test_an_html_page_is_quoted_in_the_error() -> None:
    error = _raised(b"<html>503 Service Unavailable</html>")
    assert "an HTML page, not an answer" in str(error)  # not read as XML, though it would parse as such
    assert "<html>503 Service Unavailable</html>" in str(error)


# Bodies a server can send: huge codes, deep nesting, lone surrogates (issue 10, finding 3) ----------------

# A code of 5,000 digits: past the 4,300 digits Python's int() takes, it raised a bare ValueError.
LONG_DIGITS = "1" * 5_000
LONG_CODES = [
    '{"success": false, "code": "' + LONG_DIGITS + '"}',  # the body, as text
    ('{"success": false, "code": "' + LONG_DIGITS + '"}').encode("ascii"),  # as bytes
    {"success": False, "code": LONG_DIGITS},  # decoded
    {"success": False, "code": 10**5_000},  # decoded by a client that reads long numbers
    '{"success": false, "code": ' + LONG_DIGITS + "}",  # a JSON number json.loads cannot read
    {"success": False, "code": "1" * 19},  # past any code, short of the limit
    {"success": False, "code": "x" * 10_000},  # a string code longer than any code
    {"results": [{"success": False, "code": LONG_DIGITS, "phoneNumber": "+33600000000"}]},
]


@pytest.mark.parametrize("payload", LONG_CODES, ids=range(len(LONG_CODES)))
def test_a_code_longer_than_any_code_is_an_invalid_response(payload: object) -> None:
    error = _raised(payload)
    assert type(error) is InvalidResponseError
    assert len(str(error)) < 250  # the start of the code, not 5,000 digits
    (only,) = iter_errors(payload, "sms_send")
    assert only == error
    assert "longer than any code" in error.reason or "too long" in error.reason


def test_the_longest_code_a_body_may_carry_is_still_a_code() -> None:
    error = _raised({"success": False, "code": "9" * 18})
    assert (type(error), error.code, error.member) == (SmsSendApiError, 999_999_999_999_999_999, None)
    assert _raised({"success": False, "code": -(10**17)}).code == -(10**17)


def _nested(depth: int, innermost: object = None) -> object:
    """``[[...[innermost]...]]``, ``depth`` lists deep, built without recursion."""
    value: object = innermost
    for _ in range(depth):
        value = [value]
    return value


def _deeper_by(frames: int, call: Callable[[], object]) -> object:
    """``call()`` from ``frames`` frames further down the stack, as from inside a web framework."""
    return call() if frames == 0 else _deeper_by(frames - 1, call)


@pytest.mark.parametrize("depth", [980, 999, 100_000])
def test_a_deep_body_gives_an_invalid_response_error_whatever_the_stack(depth: int) -> None:
    """A body ~980 levels deep, decoded near the top of the stack, raised RecursionError where the message was built."""
    # What json.loads gives for "[[[...]]]" and for an answer holding it, decoded where the stack was shallow.
    for body in (_nested(depth, []), {"success": "x", "code": 1, "message": _nested(depth)}):
        error = _deeper_by(60, lambda body=body: _raised(body))  # type: ignore[misc]
        assert type(error) is InvalidResponseError
        assert len(str(error)) < 250
        errors = _deeper_by(60, lambda body=body: list(iter_errors(body, "sms_send")))  # type: ignore[misc]
        assert errors == [error]


@pytest.mark.parametrize("depth", [980, 5_000, 100_000])
def test_a_deep_body_as_text_is_an_invalid_response(depth: int) -> None:
    nesting = "[" * depth + "]" * depth
    for text in (nesting, '{"success": false, "code": 1, "message": ' + nesting + "}"):
        for payload in (text, text.encode("ascii")):
            try:
                error = _deeper_by(60, lambda payload=payload: raise_for_response(payload, "sms_send"))  # type: ignore[misc]
            except SmsPartnerError as raised:
                error = raised
            assert isinstance(error, SmsPartnerError)  # an InvalidResponseError, or the body's error when it decodes
            assert str(error)
            assert len(list(iter_errors(payload, "sms_send"))) == 1


LONE_SURROGATES = [
    '{"success": false, "code": 10, "message": "\\ud800 cl\\u00e9"}',  # the JSON escape of a lone surrogate
    '{"success": false, "code": 777, "message": "fin \\udfff"}',
    '{"success": false, "code": 9, "errors": [{"elementId": "\\udc80", "message": "\\ud83d"}]}',
    '{"success": false, "code": 15, "phoneNumber": "+33\\ud800"}',
    '{"success": false, "code": "NOT_\\udcff"}',
    '{"success": "\\ud800"}',
]


@pytest.mark.parametrize("text", LONE_SURROGATES, ids=range(len(LONE_SURROGATES)))
def test_error_texts_are_always_encodable(text: str, tmp_path: Path) -> None:
    """Lone surrogates from a body reached str(error), so that print(error) failed in the caller's code."""
    for table in ("sms_send", "vms_send"):
        for error in [_raised(text, table), *iter_errors(text, table)]:
            assert str(error).encode("utf-8")  # would raise UnicodeEncodeError
            with (tmp_path / "log.txt").open("w", encoding="utf-8") as log:
                print(error, file=log)  # the print(error)
            # Replaced (a text), escaped (a quoted value) or not shown (a known code's text is the catalog's).
            assert "\ufffd" in str(error) or "\\ud" in str(error) or error.member is not None
            repr(error).encode("utf-8")
    body = json.loads(text)
    assert _raised(body).api_message == body.get("message")  # the attribute keeps what the server sent


def test_lang_none_is_french_and_a_lang_of_another_type_is_refused_at_once() -> None:
    """``lang=None`` failed later, with an AttributeError in str(error) (issue 10, finding 8)."""
    error = _raised(INVALID_KEY, lang=None)  # type: ignore[arg-type]
    assert str(error) == str(_raised(INVALID_KEY))
    assert next(iter_errors(INVALID_KEY, "sms_send", lang=None)).lang == "fr"
    with pytest.raises(TypeError, match="lang"):
        raise_for_response(INVALID_KEY, "sms_send", lang=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lang"):
        next(iter_errors(INVALID_KEY, "sms_send", lang=b"en"))  # type: ignore[arg-type]


def test_a_huge_table_argument_is_quoted_by_its_start() -> None:
    with pytest.raises(ValueError, match="characters") as caught:
        raise_for_response(INVALID_KEY, "x" * 10_000_000)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 2_000
    with pytest.raises(ValueError, match="unknown table"):
        raise_for_response(INVALID_KEY, [])  # type: ignore[arg-type]


# Any JSON body ---------------------------------------------------------------------------------------

# Codes as SMSPartner sends them, and texts that only look like codes: other digits than 0-9 ("²", Arabic
# digits) are no integer code, and must never reach int(); digit strings of any length, up to thousands of
# digits (past the 4,300 digits int() takes).
_long_digits = st.one_of(
    st.integers(1, 6_000).map(lambda length: "1" * length),
    # Lengths about int()'s limit, drawn on purpose: a draw of 1 to 6,000 rarely lands past 4,300.
    st.integers(4_295, 4_305).map(lambda length: "9" * length),
    st.text("0123456789", min_size=15, max_size=25),
)
_code_like = st.one_of(
    st.sampled_from(["14", "10", " 14", "014", "²", "١٤", "1²", "x14", "NOT_CREDIT", "DELIVRD", "", "-1"]),
    _long_digits,
)
_texts = st.one_of(_code_like, st.text(st.characters(exclude_categories=("Cs",)), max_size=12))
_keys = st.one_of(
    st.sampled_from(["success", "code", "message", "error", "errors", "elementId", "results", "phoneNumber"]), _texts
)
_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**9), 10**9), st.floats(), _texts),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=5)),
    max_leaves=20,
)
# Bodies close to SMSPartner's, where a rule could slip: a success flag, a code, and anything beside.
_answers = st.fixed_dictionaries(
    {"success": st.sampled_from([False, True, None, 0, "false"]), "code": st.one_of(_code_like, _json_values)},
    optional={"message": _json_values, "error": _json_values, "errors": _json_values, "phoneNumber": _json_values},
)
_bodies = st.one_of(_json_values, _answers, st.fixed_dictionaries({"results": st.lists(_answers, max_size=3)}))


def _assert_own_errors_only(payload: object, table: str) -> None:
    """raise_for_response returns None or raises a SmsPartnerError; iter_errors never raises; texts encode."""
    try:
        raise_for_response(payload, table)
    except SmsPartnerError as error:
        assert str(error).encode("utf-8") and error.table == table
        assert len(str(error)) < 5_000 or error.api_message is not None  # quotes the start of a bad body only
    for error in iter_errors(payload, table):
        assert isinstance(error, SmsPartnerError)
        assert str(error).encode("utf-8")


@given(_bodies, st.sampled_from(sorted(API_ERRORS)), st.sampled_from(["dict", "text", "bytes"]))
def test_any_json_body_gives_none_or_the_packages_own_errors(body: Any, table: str, form: str) -> None:
    """Whatever the body, raise_for_response returns None or raises a SmsPartnerError, and iter_errors never raises."""
    payload: object = {"dict": body, "text": json.dumps(body), "bytes": json.dumps(body).encode("utf-8")}[form]
    _assert_own_errors_only(payload, table)


# A body nested ``depth`` levels deep, as json.loads gives it and as its text: a list of lists, or an
# answer whose success flag, code, message or field errors hold the nesting.
_DEEP_SHAPES = {
    "list": ("{}", "{}"),
    "in message": ('{{"success": false, "code": 10, "message": {}}}', "{}"),
    "in success": ('{{"success": {}, "code": 10}}', "{}"),
    "as code": ('{{"success": false, "code": {}}}', "{}"),
    "in errors": ('{{"success": false, "code": 9, "errors": [{{"elementId": {}}}]}}', "{}"),
    "in results": ('{{"results": [{{"success": false, "code": {}}}]}}', "{}"),
}


@given(
    depth=st.one_of(st.integers(0, 1_100), st.integers(1_100, 20_000)),
    shape=st.sampled_from(sorted(_DEEP_SHAPES)),
    brackets=st.sampled_from([("[", "]"), ('{"a": ', "}"), ('[{"success": false, "x": ', "}]")]),
    table=st.sampled_from(sorted(API_ERRORS)),
    form=st.sampled_from(["dict", "text", "bytes"]),
    frames=st.sampled_from([0, 60]),
)
def test_any_deep_body_gives_none_or_the_packages_own_errors(
    depth: int, shape: str, brackets: tuple[str, str], table: str, form: str, frames: int
) -> None:
    """Bodies hundreds to thousands of levels deep, given decoded (and then from deeper in the stack) or as text."""
    opening, closing = brackets
    nesting = opening * depth + "0" + closing * depth
    text = _DEEP_SHAPES[shape][0].format(nesting)
    if form == "dict":
        payload: object = _decoded(text)
        if payload is None:  # too deep for json.loads: build a nesting as deep by hand
            deep = _nested(depth, 0)
            payload = deep if shape == "list" else {"success": False, "code": 10, "message": deep}
    else:
        payload = text if form == "text" else text.encode("utf-8")
    _deeper_by(frames, lambda: _assert_own_errors_only(payload, table))


def _decoded(text: str) -> object:
    try:
        return json.loads(text)
    except RecursionError:
        return None


@given(
    digits=st.integers(19, 6_000),
    sign=st.sampled_from([1, -1]),
    table=st.sampled_from(sorted(API_ERRORS)),
    where=st.sampled_from(["code", "message", "phoneNumber", "errors"]),
)
def test_any_huge_number_anywhere_gives_the_packages_own_errors(digits: int, sign: int, table: str, where: str) -> None:
    """Integers past any code, decoded by a client that reads them (a Python int), or as a JSON number literal."""
    number = sign * (10**digits - 1)
    body = {"success": False, "code": 10, where: number}
    _assert_own_errors_only(body, table)
    literal = ("-" if sign < 0 else "") + "9" * digits
    _assert_own_errors_only(f'{{"success": false, "code": 10, "{where}": {literal}}}', table)


# Bulk bodies -----------------------------------------------------------------------------------


def test_iter_errors_yields_one_error_per_failed_item_with_its_phone_number() -> None:
    errors = list(iter_errors(BULK, "sms_send"))
    assert [(type(error), error.code, error.phone_number) for error in errors] == [
        (SmsSendApiError, 15, "+33600000000"),
        (SmsSendApiError, 14, "+33600000002"),
    ]
    assert errors[1].member is SmsSendError.NUMBER_IN_STOP_LIST
    assert str(errors[0]).endswith("[+33600000000]")


def test_raise_for_response_on_a_bulk_body_raises_the_first_failed_item() -> None:
    error = _raised(json.dumps(BULK))
    assert (error.code, error.phone_number) == (15, "+33600000000")
    assert raise_for_response({"results": [{"success": True}, {"success": True}]}, "sms_send") is None
    assert raise_for_response({"results": []}, "sms_send") is None


def test_broken_bulk_items_give_invalid_response_errors_in_place() -> None:
    body = {"results": [{"success": False, "code": 15}, "oops", {"phoneNumber": "+33600000000"}]}
    errors = list(iter_errors(body, "sms_send"))
    assert [type(error) for error in errors] == [SmsSendApiError, InvalidResponseError, InvalidResponseError]
    reasons = [error.reason for error in errors if isinstance(error, InvalidResponseError)]
    assert reasons[0] == "results[1] is 'oops', not a JSON object"
    assert reasons[1].startswith("results[2] has no success flag: {'phoneNumber': '+33600000000'}")


def test_iter_errors_yields_the_one_error_of_a_non_bulk_body() -> None:
    assert list(iter_errors(INVALID_KEY, "sms_send")) == [_raised(INVALID_KEY)]


def test_a_top_level_failure_with_results_is_the_bodys_own_error() -> None:
    body = {"success": False, "code": 10, "results": [{"success": False, "code": 15}]}
    assert [error.code for error in iter_errors(body, "sms_send")] == [10]


# Tables, permanence, languages -----------------------------------------------------------------


def test_the_table_may_be_given_by_its_enum_class() -> None:
    assert _raised(INVALID_KEY, SmsSendError) == _raised(INVALID_KEY, "sms_send")
    error = _raised({"success": False, "code": 2053}, HlrError)
    assert type(error) is HlrErrorApiError
    assert error.permanent is True
    assert _raised({"success": False, "code": 6}, HlrError).permanent is False


@pytest.mark.parametrize("table", ["sms_sned", "", 42, int, SmsSendApiError, DlrStatus, "dlr_status"])
def test_a_wrong_table_is_a_value_error_of_the_caller(table: Any) -> None:
    with pytest.raises(ValueError, match=r"table|states") as caught:
        raise_for_response(INVALID_KEY, table)
    assert not isinstance(caught.value, SmsPartnerError)


def test_every_error_table_has_its_subclass_and_status_tables_have_none(catalog: Catalog) -> None:
    import smspartner_codes

    for table_id, table_class in smspartner_codes.TABLES.items():
        is_status = hasattr(next(iter(table_class)), "is_final")
        assert not (is_status and table_id in API_ERRORS), table_id
    error_tables = {table.id for table in catalog.tables if table.kind == "error"}
    assert set(API_ERRORS) == error_tables
    assert all(issubclass(error_class, ApiError) for error_class in API_ERRORS.values())
    assert len(set(API_ERRORS.values())) == len(API_ERRORS)


def test_str_gives_table_code_name_and_text_in_the_chosen_language() -> None:
    assert str(_raised(INVALID_KEY)) == "sms_send 10 INVALID_API_KEY: Clef API incorrecte"
    assert str(_raised(INVALID_KEY, lang="en")) == "sms_send 10 INVALID_API_KEY: Incorrect API key"
    assert str(_raised(INVALID_KEY, lang="de")) == "sms_send 10 INVALID_API_KEY: Clef API incorrecte"


# Pickling and equality -------------------------------------------------------------------------

ATTRIBUTES = ("table", "code", "member", "api_message", "field_errors", "permanent", "phone_number", "lang", "hint")


def _examples() -> list[SmsPartnerError]:
    return [
        _raised(INVALID_KEY, lang="en"),
        _raised(FIELD_ERRORS),
        _raised({"success": False, "code": 2053}, "hlr_error"),
        _raised(b"<html>"),
        *iter_errors(BULK, "sms_send"),
    ]


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_errors_pickle_with_every_attribute(protocol: int) -> None:
    for error in _examples():
        copied = pickle.loads(pickle.dumps(error, protocol=protocol))
        assert type(copied) is type(error)
        assert copied == error
        assert [getattr(copied, name) for name in ATTRIBUTES] == [getattr(error, name) for name in ATTRIBUTES]
        assert str(copied) == str(error)
        assert getattr(copied, "reason", None) == getattr(error, "reason", None)
        assert repr(copied) == repr(error)
        assert copy.deepcopy(error) == error


def test_errors_compare_on_what_they_report() -> None:
    first, second = list(iter_errors(BULK, "sms_send"))
    assert first != second
    assert first == next(iter_errors(copy.deepcopy(BULK), "sms_send"))
    assert _raised(INVALID_KEY) == _raised(json.dumps(INVALID_KEY))
    assert _raised(INVALID_KEY) != _raised(INVALID_KEY, "mail_send")  # same code, another table
    assert _raised(INVALID_KEY) != _raised({**INVALID_KEY, "message": "autre"})
    assert _raised(INVALID_KEY) == _raised(INVALID_KEY, lang="en")  # the language only changes str()
    assert len({_raised(INVALID_KEY), _raised(INVALID_KEY)}) == 1
    assert _raised(INVALID_KEY) != ValueError("sms_send")
    assert _raised(b"<html>") == _raised("<html>")
    assert _raised(b"<html>") != _raised(b"<body>")  # another reason
    assert InvalidResponseError("sms_send", "x") != ApiError("sms_send")


def test_an_error_of_a_table_this_catalog_lacks_has_no_member() -> None:
    error = ApiError("sms_sent_v2", 14, "Le numéro est dans la liste des STOP SMS")
    assert (error.member, error.permanent, error.hint) == (None, None, None)
    assert str(error) == "sms_sent_v2 14 (a code the catalog does not list): Le numéro est dans la liste des STOP SMS"


def test_hierarchy() -> None:
    assert issubclass(SmsSendApiError, ApiError)
    assert issubclass(ApiError, SmsPartnerError)
    assert issubclass(InvalidResponseError, SmsPartnerError)
    assert not issubclass(InvalidResponseError, ApiError)
    assert issubclass(SmsPartnerError, Exception)


# Import cost -----------------------------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    import os
    import subprocess
    import sys
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src"
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(source)}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    return set(result.stdout.split())


TOOLKIT_MODULES = {"smspartner_codes._errors", "smspartner_codes._search", "smspartner_codes._cli"}


def test_the_toolkit_is_imported_only_when_used() -> None:
    plain = _modules_after("from smspartner_codes import HlrError\nHlrError(2053)")
    assert sorted(TOOLKIT_MODULES & plain) == []
    assert sorted({"argparse", "unicodedata", "difflib", "json"} & plain) == []
    with_dict = _modules_after(
        "from smspartner_codes import raise_for_response\nraise_for_response({'success': True}, 'sms_send')"
    )
    assert TOOLKIT_MODULES & with_dict == {"smspartner_codes._errors"}
    assert "json" not in with_dict  # json only for a str or bytes body
    with_text = _modules_after(
        "from smspartner_codes import raise_for_response\nraise_for_response('{\"success\": true}', 'sms_send')"
    )
    assert "json" in with_text
