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
    IntCodeEnum,
    MailError,
    NumberVerificationError,
    RentalError,
    SmsSendError,
    StrCodeEnum,
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
    assert len(found) == len({id(member) for member in found})  # by identity: MailError(11) == SmsSendError(11)
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


# The other wordings and spellings of the endpoint pages ------------------------------------------------


def _table(table_id: str) -> type[IntCodeEnum] | type[StrCodeEnum]:
    return smspartner_codes.TABLES[table_id]


def test_search_finds_every_variant_in_its_language_and_with_no_language_given(catalog: Catalog) -> None:
    missing: list[object] = []
    for table in catalog.tables:
        for entry in table.entries:
            member = smspartner_codes.lookup(table.id, entry.code)
            for variant in entry.variants:
                if not _holds(search(variant.text), member):
                    missing.append((table.id, entry.name, variant.text))
                in_its_language = variant.language not in ("fr", "en") or _holds(
                    search(variant.text, lang=variant.language), member
                )
                if not in_its_language:
                    missing.append((table.id, entry.name, variant.text, variant.language))
    assert missing == []


def test_a_variant_in_another_language_is_found_without_lang() -> None:
    credits = _table("sms_credits_control")(10)
    assert any(variant.lang == "es" for variant in credits.variants)
    assert _holds(search("Clave de API no válido"), credits)  # Spanish, as SMSPartner's Spanish page prints it
    assert not _holds(search("Clave de API no válido", lang="fr"), credits)
    assert not _holds(search("Clave de API no válido", lang="en"), credits)


def test_search_finds_members_of_every_table_with_the_same_code() -> None:
    """Found by identity: MailError(10) == SmsSendError(10), as integers are, yet both are found."""
    found = search("Clef API incorrecte")  # the mail API's wording, and a variant elsewhere
    assert _holds(found, MailError.INVALID_API_KEY)
    assert _holds(found, SmsSendError.INVALID_API_KEY)


def test_search_reads_spellings_and_english_texts_of_record_in_english() -> None:
    assert DeliveryStatus.DELIVERED in search("Delivered")
    assert HlrError.NO_ERROR in search("NO_ERROR")
    english_only = _table("hlr_lookup_control")(1)
    assert english_only.message_language == "en"
    # By identity: other tables' code 1 (equal to it) have French texts that hold these words.
    assert _holds(search(english_only.message, lang="en"), english_only)  # SMSPartner's English is English
    assert not _holds(search(english_only.message, lang="fr"), english_only)  # no French of ours stands in


def _holds(found: list[IntCodeEnum | StrCodeEnum], member: object) -> bool:
    return any(item is member for item in found)


def test_find_code_reads_what_the_api_sends() -> None:
    assert find_code("Delivered") == [DeliveryStatus.DELIVERED, _table("mail_delivery_status")("Delivered")]
    assert find_code("NO_ERROR ") == [HlrError.NO_ERROR]  # the HLR errorName, trailing space and all
    assert find_code("ec_unknown_subscriber") == [HlrError.EC_UNKNOWN_SUBSCRIBER]
    assert find_code("NUMBER_IN_STOP_LIST") == []  # a name is a value only where the API sends names
