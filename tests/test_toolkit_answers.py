"""Answers read as an integrator reads them: by endpoint, from real requests and httpx responses, as XML, and the
pushes (HLR notification, replies); what the server's text decides; secrets of URLs kept nowhere; any input gives
the package's own errors only.

The HTTP tests run a local server on 127.0.0.1 that both clients use as their HTTP proxy, so that ``response.url``
is SMSPartner's own URL (``http://api.smspartner.fr/v1/...?apiKey=...``) while nothing leaves the machine.
"""

from __future__ import annotations

import json
import pickle
import threading
import traceback
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from smspartner_codes import (
    ENDPOINTS,
    DeliveryStatus,
    DlrStatus,
    HlrError,
    HlrErrorApiError,
    HlrErrorGroup,
    InvalidResponseError,
    SmsMultiStatusControl,
    SmsPartnerError,
    SmsSendControlApiError,
    SmsSubaccountCreateControl,
    SubaccountError,
    iter_errors,
    lookup,
    raise_for_response,
    read_hlr_notification,
    read_reply,
)
from smspartner_codes._cli import main

SECRET = "Sk3cr3tApiKey0123456789abcdef"

MULTI_STATUS = {
    "success": True,
    "code": 200,
    "StatutResponse_List": [
        {"success": True, "code": 200, "phoneNumber": "+33699999993", "status": "Delivered"},
        {"success": False, "code": 4, "phoneNumber": "+33699999992", "status": "Numéro introuvable"},
        {"success": False, "code": 4, "phoneNumber": "+33699999991", "status": "Numéro introuvable"},
    ],
}
XML_FIELD_ERRORS = (
    "<?xml version='1.0' encoding='UTF-8'?><result><entry>false</entry><entry>9</entry><entry>"
    "<entry><entry>children[message].data</entry><entry>Le message est requis</entry></entry>"
    "</entry></result>"
)

# What the local server answers, by path: (status, content type, body).
ROUTES: dict[str, tuple[int, str, bytes]] = {
    "/v1/multi-status": (200, "application/json", json.dumps(MULTI_STATUS).encode()),
    "/v1/send": (200, "application/xml; charset=utf-8", XML_FIELD_ERRORS.encode()),
    "/v1/subaccount/create": (
        200,
        "application/json",
        json.dumps({"success": False, "code": 7, "message": "Un compte existe déjà avec cet email"}).encode(),
    ),
    f"/v1/audios/{SECRET}": (200, "application/json", b'{"nb_datas": 0, "datas": []}'),
    "/v1/bulk-send": (502, "text/html", b"<html><body>502 Bad Gateway</body></html>"),
    "/v1/me": (401, "application/json", b'{"success": false, "code": 10, "message": "Cl\\u00e9 API incorrecte"}'),
}


class _Handler(BaseHTTPRequestHandler):
    """A proxy that is the API: a request for http://api.smspartner.fr/v1/send reaches it whole, and it answers."""

    def do_GET(self) -> None:
        status, content_type, body = ROUTES.get(urlsplit(self.path).path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: nothing to read in the test output
        pass


@pytest.fixture(scope="module")
def proxy() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _url(path: str, host: str = "api.smspartner.fr") -> str:
    return f"http://{host}{path}?apiKey={SECRET}&messageId=12"


@pytest.fixture(params=["requests", "httpx"])
def get(request: pytest.FixtureRequest, proxy: str) -> Iterator[Any]:
    """GET through the local server, with the real client: returns its real response object."""
    if request.param == "requests":
        session = requests.Session()
        session.trust_env = False  # no proxy from the environment: only ours
        session.proxies = {"http": proxy}
        yield lambda url: session.get(url, timeout=10)
        session.close()
    else:
        client = httpx.Client(proxy=proxy, trust_env=False, timeout=10)
        yield client.get
        client.close()


def _no_secret_in(error: BaseException) -> None:
    """The API key shows nowhere: str, repr, args, pickle, the chain, the traceback."""
    texts = [str(error), repr(error), repr(error.args), "".join(traceback.format_exception(error))]
    texts += [repr(getattr(error, name, None)) for name in ("endpoint", "table", "reason", "api_message")]
    assert all(SECRET not in text for text in texts)
    assert SECRET.encode() not in pickle.dumps(error)
    assert error.__context__ is None or SECRET not in repr(error.__context__)


# Real response objects ------------------------------------------------------------------------------------


def test_raise_for_response_of_the_response_object_is_all_an_integrator_writes(get: Any) -> None:
    response = get(_url("/v1/multi-status"))
    assert SECRET in str(response.url)  # what the client reports: the key is there
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(response)
    error = caught.value
    assert (error.endpoint, error.table, error.code) == ("sms.multi_status", "sms_multi_status_control", 4)
    assert error.member is SmsMultiStatusControl.MESSAGE_NOT_FOUND
    assert error.phone_number == "+33699999992"
    _no_secret_in(error)
    errors = list(iter_errors(response))
    assert [item.phone_number for item in errors] == ["+33699999992", "+33699999991"]
    for item in errors:
        _no_secret_in(item)


def test_an_xml_response_decodes_with_its_field_errors(get: Any) -> None:
    with pytest.raises(SmsSendControlApiError) as caught:  # the class of the table that read the code
        raise_for_response(get(_url("/v1/send")))
    assert (caught.value.endpoint, caught.value.table, caught.value.code) == ("sms.send", "sms_send_control", 9)
    assert caught.value.field_errors == [("children[message].data", "Le message est requis")]
    _no_secret_in(caught.value)


XML_TWIN = {
    "success": False,
    "code": 9,
    "errors": [{"elementId": "children[message].data", "message": "Le message est requis"}],
}


def _raw_forms(text: str) -> list[object]:
    """``text`` in every form a body may arrive in: str, bytes, bytearray, memoryview, after a byte order mark,
    after white space."""
    data = text.encode()
    return [text, data, bytearray(data), memoryview(data), b"\xef\xbb\xbf" + data, "\n  " + text, b"\r\n" + data]


@pytest.mark.parametrize("text", [json.dumps(XML_TWIN, ensure_ascii=False), XML_FIELD_ERRORS])
def test_every_raw_form_of_an_answer_reads_as_its_decoded_dict(text: str) -> None:
    """JSON or XML, in any form a client returns, read with a table given by id (raise_for_response's cheap
    path) or by iter_errors: the same error as the decoded dict, in the language of each call."""
    expected = next(iter_errors(XML_TWIN, "sms_send"))
    for body in _raw_forms(text):
        for lang in ("fr", "en", "fr"):  # a reader is kept per table and language: each call keeps its own
            with pytest.raises(SmsPartnerError) as caught:
                raise_for_response(body, "sms_send", lang)
            assert caught.value == expected, body
            assert caught.value.lang == lang
            assert list(iter_errors(body, "sms_send", lang)) == [expected]


def test_a_success_read_with_a_table_still_yields_its_failed_items() -> None:
    """A success holding lists of items is read whole, not taken for a plain success by the cheap path."""
    text = json.dumps(MULTI_STATUS, ensure_ascii=False)
    for body in (MULTI_STATUS, text, text.encode()):
        with pytest.raises(SmsPartnerError) as caught:
            raise_for_response(body, "sms_send")
        assert (caught.value.code, caught.value.phone_number) == (4, "+33699999992")
    assert raise_for_response('{"success": true, "code": 200}', "sms_send") is None
    assert raise_for_response(b'{"success": true, "code": 200}', "sms_send") is None


def test_the_servers_text_picks_the_endpoints_meaning(get: Any) -> None:
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(get(_url("/v1/subaccount/create")))
    error = caught.value
    assert error.member is SmsSubaccountCreateControl.EMAIL_ALREADY_USED
    assert error.matched
    assert str(error) == "sms_subaccount_create_control 7 EMAIL_ALREADY_USED: Un compte existe déjà avec cet email"


def test_a_flagless_success_and_a_key_in_the_path(get: Any) -> None:
    response = get(f"http://api.voicepartner.fr/v1/audios/{SECRET}")
    assert raise_for_response(response) is None
    assert list(iter_errors(response)) == []


def test_an_html_error_page_says_its_http_status(get: Any) -> None:
    with pytest.raises(InvalidResponseError) as caught:
        raise_for_response(get(_url("/v1/bulk-send")))
    assert caught.value.reason.startswith("HTTP 502: an HTML page")
    assert caught.value.endpoint == "sms.bulk_send"
    _no_secret_in(caught.value)


def test_an_error_status_with_an_answer_is_read_as_the_answer(get: Any) -> None:
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(get(_url("/v1/me")))
    assert (caught.value.endpoint, caught.value.code, caught.value.member.name) == (  # type: ignore[union-attr]
        "sms.credits",
        10,
        "INVALID_API_KEY",
    )


def test_a_url_the_catalog_does_not_list_still_decodes_without_a_member(proxy: str, get: Any) -> None:
    response = get(f"{proxy}/v1/me?apiKey={SECRET}")  # straight to 127.0.0.1: no endpoint of the catalog
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(response)
    assert (caught.value.endpoint, caught.value.table, caught.value.member) == (None, None, None)
    assert "endpoint the catalog does not list" in str(caught.value)
    with pytest.raises(SmsPartnerError) as told:
        raise_for_response(response, endpoint="sms.credits")  # told which endpoint: read with its tables
    assert told.value.member is not None


def test_the_table_argument_wins_over_the_responses_url(get: Any) -> None:
    with pytest.raises(SmsPartnerError) as caught:
        raise_for_response(get(_url("/v1/subaccount/create")), "subaccount")
    error = caught.value
    assert (error.table, error.endpoint, error.member) == ("subaccount", None, SubaccountError(7))
    assert not error.matched  # the error page's 7 is another meaning: its hint would contradict the server
    assert error.hint is None and error.permanent is None
    assert str(error).startswith("subaccount 7: Un compte existe déjà avec cet email (not a wording")


def test_a_streamed_httpx_response_not_read_is_an_invalid_response(proxy: str) -> None:
    with (
        httpx.Client(proxy=proxy, trust_env=False, timeout=10) as client,
        client.stream("GET", _url("/v1/multi-status")) as response,
        pytest.raises(InvalidResponseError) as caught,
    ):
        raise_for_response(response)
    assert "could not be read" in caught.value.reason
    _no_secret_in(caught.value)


# Arguments ------------------------------------------------------------------------------------------------


def test_a_table_and_an_endpoint_together_are_the_callers_mistake() -> None:
    with pytest.raises(ValueError, match="not both"):
        raise_for_response(MULTI_STATUS, "sms_send", endpoint="sms.send")


def test_an_unknown_endpoint_id_is_refused_and_a_url_in_the_table_slot_is_never_quoted() -> None:
    with pytest.raises(ValueError, match=r"unknown endpoint 'sms\.sned'"):
        raise_for_response(MULTI_STATUS, endpoint="sms.sned")
    with pytest.raises(ValueError) as caught:
        raise_for_response(MULTI_STATUS, _url("/v1/send"))  # type: ignore[arg-type]  # a URL where a table goes
    assert SECRET not in str(caught.value) and "endpoint=" in str(caught.value)


def test_endpoint_takes_an_endpoint_several_and_a_url_object() -> None:
    body = {"success": False, "code": 5, "message": "L'envoi du SMS a déjà été annulé"}
    by_record = next(iter_errors(body, endpoint=ENDPOINTS["sms.message_cancel"]))
    by_url = next(iter_errors(body, endpoint=httpx.URL(_url("/v1/message-cancel"))))
    assert by_record.member is by_url.member is not None
    assert by_url.endpoint == "sms.message_cancel"


# The server's text, str() and hints -----------------------------------------------------------------------


def test_str_leads_with_the_servers_text_where_the_reading_is_not_confirmed() -> None:
    body = {"success": False, "code": 14, "message": "Texte inconnu"}
    error = next(iter_errors(body, "sms_send"))
    assert str(error) == (
        "sms_send 14: Texte inconnu (not a wording the catalog knows for NUMBER_IN_STOP_LIST:"
        " Le numéro est dans la liste des STOP SMS)"
    )
    assert error.hint is None
    confirmed = next(iter_errors({**body, "message": "Le numéro est dans la liste des STOP SMS"}, "sms_send"))
    assert confirmed.matched and confirmed.hint is not None
    silent = next(iter_errors({"success": False, "code": 14}, "sms_send"))  # no text: nothing to contradict
    assert not silent.matched and silent.hint is not None
    assert str(silent) == "sms_send 14 NUMBER_IN_STOP_LIST: Le numéro est dans la liste des STOP SMS"


def test_a_second_meaning_is_the_reading_its_text_gives_without_the_members_hint() -> None:
    body = {"success": False, "code": 10, "message": "La Clé API est requise"}
    error = next(iter_errors(body, endpoint="sms.contact_add"))
    assert error.reading is not None and error.reading.alias is not None
    assert error.reading.name == "API_KEY_REQUIRED" and error.matched
    assert error.hint is None  # the member's hint is about an incorrect key, not a missing one
    assert str(error) == "sms_contact_add_control 10 API_KEY_REQUIRED: La Clé API est requise"
    assert error.member is not None and error.member.variants  # the member and its other wordings


def test_errors_of_an_endpoint_pickle_and_read_again() -> None:
    for error in iter_errors(MULTI_STATUS, endpoint=_url("/v1/multi-status")):
        copied = pickle.loads(pickle.dumps(error))
        assert copied == error and copied.endpoint == "sms.multi_status"
        assert copied.reading == error.reading and str(copied) == str(error)


# Pushes ---------------------------------------------------------------------------------------------------


def test_an_hlr_error_notification_raises_hlr_error_api_error() -> None:
    payload = {"phone": "+33600000000", "errorGrpId": "1", "errorId": "1", "errorName": "EC_UNKNOWN_SUBSCRIBER"}
    notification = read_hlr_notification(payload)
    assert notification.error is HlrError.EC_UNKNOWN_SUBSCRIBER
    assert notification.error_group is HlrErrorGroup.HANDSET_ERRORS
    assert not notification.reachable
    with pytest.raises(HlrErrorApiError) as caught:
        notification.raise_for_error()
    assert (caught.value.code, caught.value.phone_number, caught.value.member) == (
        1,
        "+33600000000",
        HlrError.EC_UNKNOWN_SUBSCRIBER,
    )


def test_a_notification_by_name_only_and_as_a_form_body() -> None:
    notification = read_hlr_notification(b"phone=%2B33600000000&errorGrpId=0&errorName=NO_ERROR+&ported=0")
    assert notification.error is HlrError.NO_ERROR and notification.reachable
    assert (notification.ported, notification.error_name) == (False, "NO_ERROR ")


@pytest.mark.parametrize("payload", [[], "[1, 2]", b"\xff\xfe", 12, None, '{"phone": '])
def test_a_push_that_is_no_mapping_is_an_invalid_response(payload: object) -> None:
    for reader in (read_hlr_notification, read_reply):
        with pytest.raises(InvalidResponseError):
            reader(payload)


def test_the_dlr_statuses_accept_every_documented_spelling_as_a_push_carries_it() -> None:
    """The DLR push has no documented payload; its statuses, as the status pages spell them, are read in any case."""
    for spelling, member in (("Delivered", DeliveryStatus.DELIVERED), ("NOT DELIVERED", DeliveryStatus.NOT_DELIVERED)):
        assert DeliveryStatus(spelling) is member and lookup("delivery_status", spelling) is member
    for spelling in ("DELIVRD", "delivrd", "Delivrd"):
        assert DlrStatus(spelling) is DlrStatus.DELIVRD and lookup("dlr_status", spelling) is DlrStatus.DELIVRD


# The command line -----------------------------------------------------------------------------------------


def test_explain_endpoint_never_prints_the_url(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--endpoint", _url("/v1/subaccount/create"), "7"]) == 0
    out, err = capsys.readouterr()
    assert "EMAIL_ALREADY_USED" in out and SECRET not in out + err
    with pytest.raises(SystemExit) as exited:
        main(["explain", "--endpoint", _url("/v1/nothing"), "7"])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert "no endpoint of the catalog has that URL" in err and SECRET not in out + err


def test_explain_body_prints_each_error(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    answer = tmp_path / "answer.json"
    answer.write_text(json.dumps(MULTI_STATUS), encoding="utf-8")
    assert main(["explain", "--endpoint", _url("/v1/multi-status"), "--body", str(answer)]) == 0
    out, err = capsys.readouterr()
    assert out.count("sms_multi_status_control 4: Numéro introuvable") == 2 and SECRET not in out + err
    xml = tmp_path / "answer.xml"
    xml.write_text(XML_FIELD_ERRORS, encoding="utf-8")
    assert main(["--json", "explain", "--endpoint", "sms.send", "--body", str(xml)]) == 0
    (error,) = json.loads(capsys.readouterr().out)
    assert (error["code"], error["name"], error["field_errors"][0]["elementId"]) == (
        9,
        "CONSTRAINT_NOT_MET",
        "children[message].data",
    )
    success = tmp_path / "success.json"
    success.write_text('{"success": true, "code": 200}', encoding="utf-8")
    assert main(["explain", "--body", str(success)]) == 1
    assert "reports no error" in capsys.readouterr().err


def test_explain_body_reads_standard_input(capsys: pytest.CaptureFixture[str], monkeypatch: Any) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO(b'{"success": false, "code": 11, "message": "Cr\xc3\xa9dit insuffisant"}'))
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["explain", "sms_send", "--body", "-"]) == 0
    assert capsys.readouterr().out.startswith("sms_send 11 INSUFFICIENT_CREDIT: Crédit insuffisant")


# Any input: the package's own errors only, and no secret kept ---------------------------------------------

_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), _texts),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(["success", "code", "message", "status", "phoneNumber", "errors"]), _texts),
            children,
            max_size=4,
        ),
    ),
    max_leaves=16,
)
_item_lists = st.sampled_from(["SMSResponse_List", "StatutResponse_List", "StatutResponseList", "results"])
_answers = st.builds(
    lambda flag, code, key, items: {"success": flag, "code": code, key: items},
    st.sampled_from([True, False, None, "true"]),
    st.one_of(st.integers(0, 300), _texts),
    _item_lists,
    st.lists(_json_values, max_size=3),
)
_urls = st.builds(
    lambda template, scheme, query: (
        f"{scheme}://"
        + template.replace("{apiKey}", SECRET).replace("{campaignId}", "42")
        + (f"?apiKey={SECRET}" if query else "")
    ),
    st.sampled_from(sorted({url.url for item in ENDPOINTS.values() for url in item.urls})),
    st.sampled_from(["http", "https", "HTTPS", "ftp"]),
    st.booleans(),
)
_xml_texts = st.one_of(
    st.text(max_size=60).map(lambda text: f"<result>{text}</result>"),
    st.lists(st.sampled_from(["<entry>", "</entry>", "true", "false", "9", "+33600000000", "<!DOCTYPE x>", "&a;"]))
    .map("".join)
    .map(lambda text: f"<result>{text}</result>"),
)


def _check(payload: object, **where: Any) -> None:
    try:
        raise_for_response(payload, **where)
    except SmsPartnerError as raised:
        _no_secret_in(raised)
    for error in iter_errors(payload, **where):
        assert isinstance(error, SmsPartnerError)
        assert str(error).encode("utf-8")
        _no_secret_in(error)


@given(st.one_of(_json_values, _answers), _urls, st.sampled_from(["dict", "text", "bytes"]))
def test_any_answer_of_any_url_gives_the_packages_own_errors_and_keeps_no_secret(
    body: Any, url: str, form: str
) -> None:
    payload = {"dict": body, "text": json.dumps(body), "bytes": json.dumps(body).encode()}[form]
    _check(payload, endpoint=url)


@given(_xml_texts, st.sampled_from(sorted(ENDPOINTS)))
def test_any_xml_gives_the_packages_own_errors(text: str, endpoint_id: str) -> None:
    _check(text, endpoint=endpoint_id)
    _check(text.encode("utf-8"), endpoint=endpoint_id)


class _Response:
    """A response-like object whose attributes are anything, or raise."""

    def __init__(self, url: object, content: object, headers: object, status: object, broken: str | None) -> None:
        self._values = {"url": url, "content": content, "headers": headers, "status_code": status, "text": content}
        self._broken = broken

    def __getattr__(self, name: str) -> object:
        if name == self._broken:
            raise RuntimeError(f"cannot read {name}")
        if name in self._values:
            return self._values[name]
        raise AttributeError(name)


@given(
    _urls,
    st.one_of(st.binary(max_size=40), _texts, st.none(), st.integers(), _answers.map(json.dumps)),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(["content-type", "x"]), _texts, max_size=2), st.integers()),
    st.one_of(st.none(), st.integers(100, 599), _texts),
    st.sampled_from([None, "content", "headers", "status_code", "text"]),
)
def test_any_response_like_object_gives_the_packages_own_errors(
    url: str, content: object, headers: object, status: object, broken: str | None
) -> None:
    _check(_Response(url, content, headers, status, broken))


@given(st.one_of(_json_values, st.dictionaries(_texts, st.one_of(_texts, st.lists(_texts, max_size=2)))))
def test_any_push_payload_gives_a_record_or_an_invalid_response(payload: Any) -> None:
    for reader in (read_hlr_notification, read_reply):
        try:
            reader(payload)
        except InvalidResponseError as error:
            assert str(error).encode("utf-8")
    if isinstance(payload, dict):
        read_hlr_notification(payload)
        read_reply(payload)
