"""The endpoint data of the catalog as users will lean on it: tables in order, URLs, readings, vocabularies.

These are the facts the Python runtime and the npm package will expose (ENDPOINTS, search
over variants, the vocabularies of payload fields); they are pinned here on the model, so
that every implementation has the same answers to give.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.maintenance.pagedrift import page_facts
from codegen.maintenance.pages import read_endpoint_page
from codegen.model import Catalog, Endpoint, Entry
from codegen.resolve import endpoints_for_url, resolve
from codegen.wording import same_wording

UPSTREAM = Path(__file__).resolve().parent.parent / "catalog" / "upstream"


def endpoint(catalog: Catalog, endpoint_id: str) -> Endpoint:
    return next(item for item in catalog.endpoints if item.id == endpoint_id)


def entry(catalog: Catalog, reference: str) -> Entry:
    table_id, _, name = reference.partition(".")
    return next(item for item in catalog.table(table_id).entries if item.name == name)


def named(found: tuple[object, Entry] | None) -> str:
    assert found is not None
    table, item = found
    return f"{table.id}.{item.name}"  # type: ignore[attr-defined]


def test_endpoint_ids_are_product_and_name_and_tables_come_in_order(catalog: Catalog) -> None:
    assert all(
        item.id.count(".") == 1 and item.product in ("sms", "hlr", "voice", "mail") for item in catalog.endpoints
    )
    assert endpoint(catalog, "sms.message_cancel").tables == ("sms_message_cancel_control", "sms_cancel")
    assert endpoint(catalog, "sms.send").tables == ("sms_send_control", "sms_send")
    assert endpoint(catalog, "voice.campaign_send").tables == ("vms_send",)
    assert endpoint(catalog, "sms.callforward").tables == ("sms_callforward_control",)
    assert endpoint(catalog, "voice.audio_list").no_codes


def test_an_endpoint_table_answers_for_every_code_its_pages_give(catalog: Catalog) -> None:
    cancel = endpoint(catalog, "sms.message_cancel")
    assert named(resolve(catalog, cancel, 10)) == "sms_message_cancel_control.INVALID_API_KEY"
    assert named(resolve(catalog, cancel, 5)) == "sms_message_cancel_control.ALREADY_CANCELLED"
    # The error page's meaning is still there, found by the server's own text.
    assert named(resolve(catalog, cancel, 5, "La liste des numéros est vide")) == "sms_cancel.NUMBER_LIST_EMPTY"
    assert named(resolve(catalog, cancel, 96)) == "sms_cancel.IP_NOT_ALLOWED"
    send = endpoint(catalog, "sms.bulk_send")
    assert named(resolve(catalog, send, 9)) == "sms_send_control.CONSTRAINT_NOT_MET"
    forward = endpoint(catalog, "sms.callforward")
    assert named(resolve(catalog, forward, 14)) == "sms_callforward_control.CALL_FORWARDING_NOT_ENABLED"
    assert resolve(catalog, forward, 99) is None


def test_the_servers_text_picks_the_meaning_of_a_code_with_two(catalog: Catalog) -> None:
    contacts = endpoint(catalog, "sms.contact_add")
    assert named(resolve(catalog, contacts, 10)) == "sms_contact_add_control.INVALID_API_KEY"
    assert named(resolve(catalog, contacts, 10, "La clé API est requise")) == "sms_contact_add_control.API_KEY_REQUIRED"
    assert named(resolve(catalog, contacts, 10, "Incorrect API key")) == "sms_contact_add_control.INVALID_API_KEY"
    forward = endpoint(catalog, "sms.callforward")
    assert named(resolve(catalog, forward, 5, "email is not valid")) == "sms_callforward_control.INVALID_EMAIL_AS_5"
    delete = endpoint(catalog, "mail.unsubscribe_delete")
    assert named(resolve(catalog, delete, 3)) == "mail_unsubscribe_delete_control.MAIL_ID_REQUIRED"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://api.smspartner.fr/v1/message-cancel", ["sms.message_cancel", "mail.message_cancel"]),
        ("http://api.mailpartner.fr/v1/message-cancel?apiKey=x", ["mail.message_cancel"]),
        ("https://api.smspartner.fr/v1/me", ["sms.credits", "hlr.notify", "mail.credits"]),
        ("https://api.voicepartner.fr/v1/campaign/cancel/KEY/42", ["voice.campaign_cancel"]),
        ("https://api.voicepartner.fr/v1/campaign/cancel", ["voice.campaign_cancel"]),
        ("https://api.smspartner.fr/v1/send", ["sms.send", "sms.bulk_send", "sms.survey_send"]),
        ("https://api.smspartner.fr/v1/groupe/delete", ["sms.group_delete"]),
        ("https://api.mailpartner.fr/v1/me", []),
    ],
)
def test_a_url_resolves_to_its_endpoints_owners_first(catalog: Catalog, url: str, expected: list[str]) -> None:
    assert [item.id for item in endpoints_for_url(catalog, url)] == expected


def test_the_vocabularies_as_the_api_sends_them(catalog: Catalog) -> None:
    delivered = entry(catalog, "delivery_status.DELIVERED")
    assert [(s.field, s.value) for s in delivered.spellings] == [("code", "Delivered")]
    assert {
        s.value for name in ("NOT_DELIVERED", "WAITING") for s in entry(catalog, f"delivery_status.{name}").spellings
    } == {
        "Not delivered",
        "Waiting",
    }
    assert entry(catalog, "sms_item_status.NUMBER_NOT_FOUND").code == "Numéro introuvable"
    assert entry(catalog, "mail_delivery_status.DELIVERED").is_alias is False
    assert [item.code for item in catalog.table("sms_reply_type").entries] == ["text", "response"]
    no_error = entry(catalog, "hlr_error.NO_ERROR")
    assert ("name", "NO_ERROR ") in [(s.field, s.value) for s in no_error.spellings]  # the trailing space, kept
    assert "No Error" in no_error.wordings
    notify = endpoint(catalog, "hlr.notify")
    assert [(field.name, field.key) for field in notify.fields] == [
        ("errorId", "code"),
        ("errorGrpId", "group"),
        ("errorName", "name"),
        ("errorDesc", "wording"),
    ]
    grp = next(item for item in catalog.disagreements if item.id == "hlr_error_grp_id_column")
    assert grp.kind == "field" and grp.reading is None and "errorId" in grp.why


def test_english_only_codes_have_no_french(catalog: Catalog) -> None:
    for table in catalog.tables:
        for item in table.entries:
            if item.message_language == "en":
                assert all(variant.language != "fr" for variant in item.variants), (table.id, item.name)
    lookup = catalog.table("hlr_lookup_control")
    assert {item.message_language for item in lookup.entries} == {"en"}


def test_every_wording_of_an_endpoint_table_is_printed_at_one_of_its_sources(catalog: Catalog) -> None:
    """No wording is invented: each one (French above all) is on a vendored page, at a line the entry cites."""
    printed: dict[str, list[str]] = {}
    for item in catalog.endpoints:
        for page in item.pages:
            parsed = read_endpoint_page(UPSTREAM / page, page)
            keys = {field.name.rpartition(".")[2] for field in item.fields}
            for fact in page_facts(parsed, keys):
                if fact.text is not None:
                    printed.setdefault(f"{page}:{fact.line}", []).append(fact.text)
                if fact.kind == "value":  # a status whose value is its own wording ("Numéro introuvable")
                    printed.setdefault(f"{page}:{fact.line}", []).append(fact.value)
    missing = []
    for table in catalog.tables:
        for item in table.entries:
            # The error page's own text is checked against it by the seed drift report; its variants are here.
            wordings = item.wordings if not table.is_seed else tuple(variant.text for variant in item.variants)
            for wording in wordings:
                texts = [text for source in item.sources for text in printed.get(source, [])]
                if item.sources and not any(
                    same_wording(wording, text.removeprefix(f"<code>{item.name}:</code>").strip()) for text in texts
                ):
                    missing.append(f"{table.id}.{item.name}: {wording!r}")
    assert missing == []


def test_point_five_of_the_review(catalog: Catalog) -> None:
    operator = entry(catalog, "hlr_status.DELIVERED_TO_OPERATOR")
    assert (operator.final, operator.success) == (False, False)
    assert "wait" in (operator.hint or "")
    assert "may have arrived" in (entry(catalog, "hlr_status.EXPIRED_DLR_UNKNOWN").hint or "")
    assert "No later report" not in (entry(catalog, "dlr_status.UNKNOWN").hint or "")
    assert entry(catalog, "number_verification.NUMBER_IN_STOP_LIST").hint
    assert "send again" not in (entry(catalog, "subaccount.INSUFFICIENT_SUBACCOUNT_CREDIT").hint or "")
    assert "mistyped" in (entry(catalog, "sms_send.NO_DEFAULT_PRICE").hint or "")
    assert entry(catalog, "number_verification.NO_NUMBERS_TO_SEND").message.en == "No numbers to process"
    for name in ("EC_MESSAGE_CANCELED", "EC_VALIDITYEXPIRED", "EC_NOTSUBMITTEDTOSMPPCHANNEL", "EC_RESOURCE_LIMITATION"):
        item = entry(catalog, f"hlr_error.{name}")
        assert item.permanent and "send again" in (item.hint or ""), name
    renamed = entry(catalog, "mail_send.API_KEY_MISSING")
    assert renamed.renamed and renamed.alias_of == "API_KEY_REQUIRED_REPEATED" and renamed.code == 3
    assert (
        entry(catalog, "mail_send.API_KEY_REQUIRED_REPEATED").message
        == entry(catalog, "mail_send.API_KEY_REQUIRED").message
    )
