"""search(): words in names and texts, case and accents ignored; find_code(): one code across every table."""

from __future__ import annotations

import pytest

import smspartner_codes
from codegen.model import Catalog
from smspartner_codes import (
    DeliveryStatus,
    DlrStatus,
    HlrError,
    HlrStatus,
    MailError,
    NumberVerificationError,
    RentalError,
    SmsSendError,
    find_code,
    search,
)
from smspartner_codes._search import normalize


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("délivré", DeliveryStatus.DELIVERED),
        ("delivre", DeliveryStatus.DELIVERED),
        ("DELIVRE", DeliveryStatus.DELIVERED),
        ("DéLiVrÉ", DeliveryStatus.DELIVERED),
        ("credit insuffisant", SmsSendError.INSUFFICIENT_CREDIT),
        ("Crédit   INSUFFISANT", SmsSendError.INSUFFICIENT_CREDIT),
        ("insufficient credit", SmsSendError.INSUFFICIENT_CREDIT),
        ("stop list", SmsSendError.NUMBER_IN_STOP_LIST),
        ("number_in_stop_list", SmsSendError.NUMBER_IN_STOP_LIST),
        ("n'a pas été délivré", DeliveryStatus.NOT_DELIVERED),
        ("n’a pas ete delivre", DeliveryStatus.NOT_DELIVERED),  # typographic apostrophe as the page writes it
        ("source address blacklist", HlrError.EC_BLACKLISTED_SENDERADDRESS),  # the alias's own text
        ("top up", SmsSendError.INSUFFICIENT_CREDIT),  # our English hint
    ],
)
def test_search_ignores_case_and_accents(query: str, expected: object) -> None:
    assert expected in search(query)


def test_every_word_must_match() -> None:
    assert search("délivré zzzz") == []
    assert search("zzzz") == []
    assert search("") == []
    assert search("   ") == []


def test_lang_limits_the_texts_searched_but_not_the_names() -> None:
    price = SmsSendError.NO_DEFAULT_PRICE  # fr "... numéros suivant", en "... following numbers"
    assert price in search("suivant", lang="fr")
    assert price not in search("suivant", lang="en")
    assert price in search("following", lang="en")
    assert price not in search("following", lang="fr")
    assert price in search("following")  # both languages
    assert price in search("no_default_price", lang="fr")
    assert search("following", lang="en_GB.UTF-8") == search("following", lang="en")
    assert search("suivant", lang="de") == search("suivant", lang="fr")  # French for a language we lack
    assert price not in search("following", lang="de")


def test_results_follow_the_page_order_without_repeats() -> None:
    found = search("crédit")
    assert len(found) == len(set(found))
    order = {table_id: position for position, table_id in enumerate(smspartner_codes.TABLE_IDS)}
    positions = [(order[member.table], list(type(member)).index(member)) for member in found]
    assert positions == sorted(positions)


def test_a_code_alone_finds_the_code_first_then_the_texts() -> None:
    found = search("2053")
    assert found[0] is HlrError(2053)
    assert search("DELIVRD")[0] is DlrStatus.DELIVRD


def test_find_code_2053_in_every_table_that_has_it(catalog: Catalog) -> None:
    assert find_code(2053) == [HlrError.EC_BLACKLISTED_SENDERADDRESS]
    assert find_code("2053") == find_code(2053)
    expected = [table.id for table in catalog.tables if any(entry.code == 14 for entry in table.entries)]
    assert [member.table for member in find_code(14)] == expected
    assert find_code(14) == [
        SmsSendError.NUMBER_IN_STOP_LIST,
        NumberVerificationError.NUMBER_IN_STOP_LIST,
        RentalError.MAX_AGE_TOO_HIGH,
        MailError.EMAIL_IN_UNSUBSCRIBE_LIST,
        smspartner_codes.TABLES["sms_callforward_control"](14),
    ]


def test_find_code_string_codes_ignore_case(catalog: Catalog) -> None:
    assert find_code("DELIVRD") == [DlrStatus.DELIVRD]
    assert find_code("delivrd") == [DlrStatus.DELIVRD]
    assert find_code("Not Delivered") == [DeliveryStatus.NOT_DELIVERED]
    seeds = {table.id for table in catalog.tables if table.is_seed}
    assert [member for member in find_code(5) if member.table in seeds] == [
        member for member in find_code("5") if member.table in ("sms_cancel", "sms_status", "subaccount", "rental")
    ] + [HlrStatus.DELIVERED_TO_HANDSET, HlrError.EC_UNIDENTIFIED_SUBSCRIBER, MailError.SENDER_NAME_EMPTY]
    assert find_code(5) == find_code("5")


@pytest.mark.parametrize("code", [999_999, "nothing", "", True, -1, "1.5"])
def test_find_code_of_nothing_is_empty(code: int | str) -> None:
    assert find_code(code) == []


def test_normalize() -> None:
    assert normalize("Élève’S ÇA") == "eleve's ca"
    assert normalize("NUMBER_IN_STOP") == "number in stop"
    assert normalize("Straße") == "strasse"
