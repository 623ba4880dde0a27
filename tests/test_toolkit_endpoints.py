"""ENDPOINTS, endpoint(url) and resolve(endpoint, code, message): the runtime's endpoint primitives.

Each is checked against the generator's model and its reference rules (codegen.resolve), on
every endpoint, every URL and every code of the catalog; URLs with secrets in them are checked
never to leave a trace in anything the package returns or keeps.
"""

from __future__ import annotations

import copy
import pickle
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smspartner_codes
from codegen.model import Catalog, Endpoint, Entry, Table
from codegen.resolve import endpoints_for_url
from codegen.resolve import resolve as reference_resolve
from smspartner_codes import (
    ENDPOINTS,
    EndpointField,
    EndpointUrl,
    Reading,
    SmsCancelError,
    SmsContactAddControl,
    SmsMessageCancelControl,
    endpoint,
    resolve,
)
from smspartner_codes import _endpoints as runtime_endpoints
from tests.conftest import PACKAGE_DIR, run_python

# ENDPOINTS ------------------------------------------------------------------------------------------


def test_endpoints_holds_every_endpoint_of_the_catalog_in_order(catalog: Catalog) -> None:
    assert list(ENDPOINTS) == [item.id for item in catalog.endpoints]
    assert len(ENDPOINTS) == 47  # pinned: the catalog's count (catalog/README.md)


def test_every_endpoint_record_is_the_catalogs(catalog: Catalog) -> None:
    wrong: list[object] = []
    for item in catalog.endpoints:
        record = ENDPOINTS[item.id]
        found = (
            record.id,
            record.product,
            record.kind,
            record.method,
            record.title_in("fr"),
            record.title_in("en"),
            record.pages,
            [(url.url, url.misprint) for url in record.urls],
            record.tables,
            [(field.name, field.table, field.key) for field in record.fields],
            record.no_codes,
        )
        expected = (
            item.id,
            item.product,
            item.kind,
            item.method,
            item.title.fr,  # the French page's title, or our English where there is no French page
            item.title.en,
            item.pages,
            [(url.url, url.misprint) for url in item.urls],
            item.tables,
            [(field.name, field.table, field.key) for field in item.fields],
            item.no_codes,
        )
        if found != expected:
            wrong.append((item.id, found, expected))
        assert record.title == record.title_in("fr")
    assert wrong == []


def test_endpoint_records_in_use() -> None:
    cancel = ENDPOINTS["sms.message_cancel"]
    assert (cancel.product, cancel.kind, cancel.method) == ("sms", "call", "GET")
    assert cancel.tables == ("sms_message_cancel_control", "sms_cancel")
    assert cancel.urls[0] == EndpointUrl("api.smspartner.fr/v1/message-cancel", False)
    url, misprint = cancel.urls[0]  # records unpack as tuples
    assert (url, misprint) == (cancel.urls[0].url, cancel.urls[0].misprint)
    notify = ENDPOINTS["hlr.notify"]
    assert EndpointField("errorName", "hlr_error", "name") in notify.fields
    reply = ENDPOINTS["sms.reply"]
    assert (reply.kind, reply.method, reply.urls, reply.tables) == ("push", None, (), ())
    audios = ENDPOINTS["voice.audio_list"]
    assert audios.tables == () and audios.no_codes
    lookup = ENDPOINTS["hlr.lookup"]  # no French page: the English title stands in
    assert lookup.title == lookup.title_in("en") == "Check the format of numbers"
    assert ENDPOINTS["sms.send"].title_in("en_GB.UTF-8") == "Send an SMS"
    assert repr(cancel) == "<Endpoint sms.message_cancel>"


def test_endpoint_records_are_immutable_and_unique() -> None:
    cancel = ENDPOINTS["sms.message_cancel"]
    with pytest.raises(AttributeError):
        cancel.method = "POST"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del cancel._id
    with pytest.raises(TypeError):
        ENDPOINTS["sms.x"] = cancel  # type: ignore[index]
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(cancel, protocol)) is cancel
    assert copy.copy(cancel) is cancel
    assert copy.deepcopy(cancel) is cancel
    assert pickle.loads(pickle.dumps(cancel.urls[0])) == cancel.urls[0]
    assert pickle.loads(pickle.dumps(ENDPOINTS["hlr.notify"].fields[0])) == ENDPOINTS["hlr.notify"].fields[0]


# endpoint(url) ---------------------------------------------------------------------------------------

_VALUES = {"apiKey": "3f9c0a1b2d3e4f5a6b7c8d9e0f1a2b3c", "campaignId": "42"}


def _called(template: str, scheme: str = "https", query: str = "") -> str:
    """The URL of a call to ``template``, as an HTTP client reports it: its parameters filled in."""
    path = template
    for name, value in _VALUES.items():
        path = path.replace(f"{{{name}}}", value)
    return f"{scheme}://{path}{query}"


def _ids(found: object) -> list[str]:
    return [item.id for item in found]  # type: ignore[attr-defined]


def _all_templates(catalog: Catalog) -> list[str]:
    return sorted({url.url for item in catalog.endpoints for url in item.urls})


def test_every_url_of_the_catalog_resolves_as_the_reference_rule_says(catalog: Catalog) -> None:
    wrong: list[object] = []
    for template in _all_templates(catalog):
        for scheme in ("https", "http"):
            for query in ("", "?apiKey=abc&tag=1", "/"):
                url = _called(template, scheme, query)
                expected = [item.id for item in endpoints_for_url(catalog, url)]
                if _ids(endpoint(url)) != expected or not expected:
                    wrong.append((url, _ids(endpoint(url)), expected))
    assert wrong == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://api.smspartner.fr/v1/message-cancel?apiKey=k&messageId=3",
            ["sms.message_cancel", "mail.message_cancel"],
        ),
        ("http://api.mailpartner.fr/v1/message-cancel?apiKey=k", ["mail.message_cancel"]),
        ("https://api.smspartner.fr/v1/me", ["sms.credits", "hlr.notify", "mail.credits"]),
        ("https://api.voicepartner.fr/v1/campaign/cancel/KEY/42", ["voice.campaign_cancel"]),
        ("https://api.voicepartner.fr/v1/me/KEY", ["voice.credits"]),
        ("https://api.voicepartner.fr/v1/me", ["voice.credits"]),
        ("api.smspartner.fr/v1/send", ["sms.send", "sms.bulk_send", "sms.survey_send"]),  # as the docs print it
        ("HTTPS://API.SmsPartner.FR:443/v1/send/", ["sms.send", "sms.bulk_send", "sms.survey_send"]),
        ("https://user:pass@api.smspartner.fr/v1/send#top", ["sms.send", "sms.bulk_send", "sms.survey_send"]),
        ("  https://api.smspartner.fr/v1/lookup\n", ["hlr.lookup"]),
        ("sms.send", ["sms.send"]),  # an endpoint id
        ("https://api.mailpartner.fr/v1/me", []),  # no page prints it
        ("https://api.smspartner.fr/v1/ME", []),  # paths are case-sensitive
        ("https://api.smspartner.fr/v1//send", []),
        ("https://api.voicepartner.fr/v1/campaign/cancel//42", []),  # a parameter is never empty
        ("https://api.voicepartner.fr/v1/campaign/cancel/KEY/42/more", []),
        ("ftp://api.smspartner.fr/v1/send", []),
        ("https://example.com/v1/send", []),
        ("", []),
        ("sms.nothing", []),
    ],
)
def test_a_url_resolves_to_its_endpoints_owners_first(url: str, expected: list[str]) -> None:
    assert _ids(endpoint(url)) == expected


def test_a_url_object_is_read_through_str() -> None:
    class Url:  # as httpx.URL: not a str, but str() gives the URL
        def __str__(self) -> str:
            return "https://api.voicepartner.fr/v1/audios/KEY"

    assert _ids(endpoint(Url())) == ["voice.audio_list"]


def test_the_result_is_shared_and_immutable() -> None:
    found = endpoint("https://api.smspartner.fr/v1/me?apiKey=1")
    assert isinstance(found, tuple)
    assert endpoint("https://api.smspartner.fr/v1/me?apiKey=2") == found


hosts = st.sampled_from(["api.smspartner.fr", "api.voicepartner.fr", "api.mailpartner.fr"])
segments = st.one_of(
    st.sampled_from(["v1", "me", "send", "cancel", "campaign", "audios", "message-cancel", "vn", "x", "{apiKey}"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.", min_size=1, max_size=12),
)


@given(hosts, st.lists(segments, min_size=1, max_size=6), st.sampled_from(["http", "https"]), st.booleans())
def test_any_url_on_the_hosts_resolves_as_the_reference_rule_says(
    catalog: Catalog, host: str, path: list[str], scheme: str, with_query: bool
) -> None:
    url = f"{scheme}://{host}/{'/'.join(path)}" + ("?apiKey=k" if with_query else "")
    assert _ids(endpoint(url)) == [item.id for item in endpoints_for_url(catalog, url)]


# Secrets ------------------------------------------------------------------------------------------------

# A secret is no text of the package's own (Hypothesis tries the test's constants, and a class name such
# as SmsBulkStatusControl holds "SmsBulkStatusCon": finding it in a Reading's repr would prove nothing).
_OWN_TEXT = (PACKAGE_DIR / "catalog.json").read_text(encoding="utf-8")
secrets = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", min_size=16, max_size=40
).filter(lambda secret: secret not in _OWN_TEXT)


def _traces(secret: str, *things: object, pickled: bool = True) -> list[str]:
    """Where ``secret`` shows: in the repr, str or (``pickled``) pickle of any of ``things``."""
    found = []
    for thing in things:
        if secret in repr(thing) or secret in str(thing):
            found.append(f"repr/str of {type(thing).__name__}")
        if pickled and any(
            secret.encode() in pickle.dumps(thing, protocol) for protocol in (0, pickle.DEFAULT_PROTOCOL)
        ):
            found.append(f"pickle of {type(thing).__name__}")
    return found


@given(secrets, st.sampled_from(sorted({url.url for item in ENDPOINTS.values() for url in item.urls})), st.booleans())
def test_no_url_leaves_its_secrets_anywhere(secret: str, template: str, in_query: bool) -> None:
    """The API key (and any parameter's value) is read to find the path, and kept nowhere."""
    path = template.replace("{apiKey}", secret).replace("{campaignId}", secret[::-1])
    url = f"https://{path}" + (f"?apiKey={secret}&messageId=7" if in_query else "")
    found = endpoint(url)
    reading = resolve(found, 10, f"Clé API incorrecte {secret}")
    state = (
        runtime_endpoints._exact_paths,
        runtime_endpoints._parameter_paths,
        runtime_endpoints._candidates_by_code,
        runtime_endpoints._meanings_by_code,
        runtime_endpoints._meanings_by_tables,
        runtime_endpoints._tables_by_endpoints,
        runtime_endpoints._endpoints_by_id,
    )
    assert _traces(secret, found, reading, *found) == []
    assert _traces(secret[::-1], found, *found) == []
    assert _traces(secret, *state, pickled=False) == []  # what the module keeps: its indexes and caches
    assert _traces(secret[::-1], *state, pickled=False) == []
    with pytest.raises(KeyError) as raised:
        resolve(url, 10)  # a URL given where an endpoint id is expected: refused, not quoted
    assert _traces(secret, raised.value, raised.value.args) == []
    assert secret not in str(raised.getrepr())


# resolve(endpoint, code, message) ---------------------------------------------------------------------


def _reference_name(found: tuple[Table, Entry] | None) -> str | None:
    return None if found is None else f"{found[0].id}.{found[1].name}"


def _runtime_name(found: Reading | None) -> str | None:
    return None if found is None else f"{found.table}.{found.name}"


def _server_texts(catalog: Catalog, item: Endpoint, code: int | str) -> list[str | None]:
    """What a server may say with ``code``: nothing, every wording of every meaning, with details, or else."""
    texts: list[str | None] = [None, "", "Un texte que la documentation ne donne pas"]
    for table_id in item.tables:
        for entry in catalog.table(table_id).entries:
            if str(entry.code) == str(code):
                texts += [*entry.wordings, *(f"{wording.upper()} : détails" for wording in entry.wordings)]
    return texts


def test_resolve_gives_the_reference_reading_for_every_endpoint_code_and_wording(catalog: Catalog) -> None:
    checked = 0
    wrong: list[object] = []
    for item in catalog.endpoints:
        codes = {entry.code for table_id in item.tables for entry in catalog.table(table_id).entries}
        for code in sorted(codes, key=str):
            for text in _server_texts(catalog, item, code):
                expected = _reference_name(reference_resolve(catalog, item, code, text))
                found = resolve(item.id, code, text)
                checked += 1
                if _runtime_name(found) != expected:
                    wrong.append((item.id, code, text, _runtime_name(found), expected))
                if isinstance(code, int):  # the code as a string, as some answers spell it
                    assert _runtime_name(resolve(item.id, str(code), text)) == expected
    assert wrong == []
    assert checked > 2000


def test_resolve_gives_each_disagreements_reading_where_the_server_says_nothing(catalog: Catalog) -> None:
    """The catalog's validation checks the rule gives each stated reading; the runtime must give it too."""
    checked = 0
    for disagreement in catalog.disagreements:
        if disagreement.kind != "meaning" or disagreement.reading is None:
            continue
        sides = [side.entry for side in disagreement.sides if side.entry]
        tables = {side.partition(".")[0] for side in sides}
        code = next(
            entry.code
            for entry in catalog.table(sides[0].partition(".")[0]).entries
            if f"{sides[0].partition('.')[0]}.{entry.name}" == sides[0]
        )
        for item in catalog.endpoints:
            if tables <= set(item.tables):
                reading = resolve(item.id, code)
                assert reading is not None and not reading.matched
                assert _runtime_name(reading) == disagreement.reading, (disagreement.id, item.id)
                checked += 1
    assert checked >= 20


def test_the_servers_text_picks_the_meaning() -> None:
    default = resolve("sms.message_cancel", 5)
    assert default == Reading(SmsMessageCancelControl.ALREADY_CANCELLED)
    assert default is not None and not default.matched
    error_page = resolve("sms.message_cancel", 5, "La liste des numéros est vide")
    assert error_page == Reading(SmsCancelError.NUMBER_LIST_EMPTY, matched=True)
    second = resolve("sms.contact_add", 10, "La clé API est requise")
    assert second is not None and second.matched
    assert second.member is SmsContactAddControl.INVALID_API_KEY  # the enum's member for code 10
    assert second.alias is not None and second.alias.name == "API_KEY_REQUIRED"
    assert (second.name, second.message, second.hint) == ("API_KEY_REQUIRED", "La Clé API est requise", None)
    assert second.message_in("en") == "The API key is required"
    assert [variant.text for variant in second.variants] == ["API key is required"]
    first = resolve("sms.contact_add", 10, "Clé API incorrecte")
    assert first is not None and first.alias is None and first.hint == SmsContactAddControl.INVALID_API_KEY.hint


def test_resolve_reads_several_endpoints_tables_in_turn() -> None:
    me = endpoint("https://api.smspartner.fr/v1/me")  # sms.credits, hlr.notify, mail.credits
    reading = resolve(me, 10)
    assert reading is not None and reading.table == "sms_credits_control"
    assert resolve([*me], 10) == reading
    assert resolve(("sms.credits", ENDPOINTS["mail.credits"]), 10) == reading


@pytest.mark.parametrize("code", [999, "999", True, None, 10.5, [], "x"])
def test_a_code_the_tables_lack_gives_none(code: Any) -> None:
    assert resolve("sms.message_cancel", code) is None


# What a body may carry as its code or its text (issue 10: nothing but the package's own errors, whatever
# the body): digit strings past the 4,300 digits int() takes, huge numbers, texts that are no strings.
@pytest.mark.parametrize(
    "code",
    ["1" * 5_000, "9" * 19, 10**5_000, -(10**19), "1" * 100_000],
    ids=["5000-digit-text", "19-digit-text", "5001-digit-int", "20-digit-negative-int", "100000-digit-text"],
)
def test_a_code_longer_than_any_code_gives_none(code: Any) -> None:
    assert resolve("sms.send", code) is None
    assert resolve(endpoint("https://api.smspartner.fr/v1/me"), code, "Clé API incorrecte") is None


@pytest.mark.parametrize("message", [["Clé API incorrecte"], {"text": "x"}, 10, 1.5, True, b"Cl\xc3\xa9 API"])
def test_a_servers_text_that_is_no_string_matches_no_wording(message: Any) -> None:
    assert resolve("sms.contact_add", 10, message) == Reading(SmsContactAddControl.INVALID_API_KEY)


def test_lang_none_is_french_for_endpoints_and_readings() -> None:
    """``lang=None`` means the default, French, wherever a language is taken (as for members)."""
    record = ENDPOINTS["sms.message_cancel"]
    assert record.title_in(None) == record.title == record.title_in("fr")
    reading = resolve("sms.contact_add", 10, "La clé API est requise")
    assert reading is not None and reading.message_in(None) == reading.message
    with pytest.raises(TypeError, match="language"):
        record.title_in(1)  # type: ignore[arg-type]


def test_an_endpoint_without_codes_gives_none_and_an_unknown_one_raises() -> None:
    assert resolve("voice.audio_list", 10) is None
    assert resolve((), 10) is None
    with pytest.raises(KeyError, match="unknown endpoint"):
        resolve("sms.nothing", 10)


def test_readings_compare_pickle_and_are_immutable() -> None:
    reading = resolve("sms.contact_add", 10, "La clé API est requise")
    assert reading is not None
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(reading, protocol)) == reading
    assert hash(reading) == hash(resolve("sms.contact_add", "10", "la clé api est requise."))
    with pytest.raises(AttributeError):
        reading.matched = False  # type: ignore[misc]
    assert "API_KEY_REQUIRED" in repr(reading) and "matched" in repr(reading)


def test_resolve_is_the_same_in_any_order_of_calls(catalog: Catalog) -> None:
    """Its caches only ever hold catalog entries: calls in any order give the same readings."""
    calls = [(item.id, code) for item in catalog.endpoints for code in (1, 5, 10, "10", 999)]
    first = [resolve(*call) for call in calls]
    random.Random(7).shuffle(calls)
    again = {call: resolve(*call) for call in calls}
    ordered = [(item.id, code) for item in catalog.endpoints for code in (1, 5, 10, "10", 999)]
    assert [again[call] for call in ordered] == first
    assert len(runtime_endpoints._candidates_by_code) <= sum(len(table.entries) for table in catalog.tables)


def test_nothing_of_this_is_loaded_by_importing_the_package() -> None:
    # In a fresh interpreter: this one imported it above.
    probe = run_python("import sys, smspartner_codes; print('smspartner_codes._endpoints' in sys.modules)")
    assert (probe.returncode, probe.stdout) == (0, "False\n"), probe.stderr
    assert smspartner_codes.__getattr__("ENDPOINTS") is ENDPOINTS


def test_what_resolve_keeps_stays_bounded_whatever_it_is_given() -> None:
    """Codes in other cases, unknown codes, lists of endpoints: answered, and nothing more is kept."""
    resolve("voice.campaign_send", "NOT_CREDIT")
    kept = [
        len(state)
        for state in (
            runtime_endpoints._meanings_by_code,
            runtime_endpoints._meanings_by_tables,
            runtime_endpoints._tables_by_endpoints,
        )
    ]
    rng = random.Random(3)
    for _ in range(300):
        spelled = "".join(char.upper() if rng.random() < 0.5 else char.lower() for char in "NOT_CREDIT")
        reading = resolve("voice.campaign_send", spelled)
        assert reading is not None and reading.code == "NOT_CREDIT"
        assert resolve("voice.campaign_send", f"NOT_CREDIT_{rng.random()}") is None
        assert resolve([ENDPOINTS["sms.send"]], rng.randrange(1000, 10**6)) is None
    after = [
        len(state)
        for state in (
            runtime_endpoints._meanings_by_code,
            runtime_endpoints._meanings_by_tables,
            runtime_endpoints._tables_by_endpoints,
        )
    ]
    assert after == kept
