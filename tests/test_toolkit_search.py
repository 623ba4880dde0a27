"""search(): words in names and texts, case and accents ignored; find_code(): one code across every table."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    _search,
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


@pytest.mark.parametrize("code", [999_999, "nothing", "", True, -1, "1.5", 14.5])
def test_find_code_of_nothing_is_empty(code: float | str) -> None:
    assert find_code(code) == []


def test_find_code_finds_what_lookup_finds() -> None:
    """``find_code(14.0)`` found nothing while ``lookup`` finds 14 (issue 10, finding 8)."""
    assert find_code(14.0) == find_code(14) == find_code("14") != []
    assert find_code(2053.0) == [HlrError.EC_BLACKLISTED_SENDERADDRESS]
    for code in (14.5, float("nan"), float("inf"), 1e300, [], {}, None, b"14"):
        assert find_code(code) == [], code
    for code in (14, 14.0, 2053, -1, 10**30):
        for member in smspartner_codes.TABLES["sms_send"]:
            assert (member in find_code(code)) == (lookup_sms_send(code) is member)


def lookup_sms_send(code: object) -> object:
    return smspartner_codes.lookup("sms_send", code)


# A code of thousands of digits raised a bare ValueError from find_code and search (issue 10, finding 3).
@pytest.mark.parametrize(
    "code",
    ["1" * 5_000, " " + "2" * 4_301 + " ", "0" * 19 + "14", 10**5_000, -(10**5_000)],
    ids=["5000-digits", "4301-digits-spaced", "zeros-then-14", "int-5001-digits", "negative-int"],
)
def test_a_number_longer_than_any_code_finds_nothing(code: int | str) -> None:
    assert find_code(code) == []
    if isinstance(code, str):
        assert search(code) == []


_long_digits = st.integers(1, 6_000).map(lambda length: "9" * length)
_anything = st.one_of(
    st.text(),
    _long_digits,
    st.text("0123456789 ", max_size=30),
    st.integers(),
    st.integers(19, 6_000).map(lambda digits: 10**digits),
    st.floats(),
    st.none(),
    st.booleans(),
)


@given(_anything)
def test_find_code_search_and_lookup_take_anything(code: Any) -> None:
    """The entry points given any code, digit strings thousands long included: a list of members, or None."""
    members = (smspartner_codes.IntCodeEnum, smspartner_codes.StrCodeEnum)
    assert all(isinstance(member, members) for member in find_code(code))
    if isinstance(code, str):
        assert all(isinstance(member, members) for member in search(code))
        assert all(isinstance(member, members) for member in search(code, lang="en"))
    for table_id in ("sms_send", "hlr_error", "dlr_status"):
        found = smspartner_codes.lookup(table_id, code)
        assert found is None or found.table == table_id


def test_search_builds_its_index_once_under_threads() -> None:
    """On first use from several threads, search() returned incomplete results (6 of 100 trials) and built its
    index up to 15 times (issue 10, finding 4). Each trial starts from no index, as a fresh process does."""
    expected = search("crédit")
    members = sum(len(table_class) for table_class in smspartner_codes.TABLES.values())
    builds: list[int] = []
    list_members = _search._members

    def counted_members() -> list[Any]:
        builds.append(1)  # one more index being built
        return list_members()

    switch_interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as possible: the race shows in every trial
    _search._members = counted_members  # type: ignore[assignment]
    try:
        for _ in range(30):
            _search._index = None
            builds.clear()
            barrier = threading.Barrier(8)
            results: list[list[object]] = []

            def first_search(barrier: threading.Barrier = barrier, results: list[list[object]] = results) -> None:
                barrier.wait()
                results.append(list(search("crédit")))

            threads = [threading.Thread(target=first_search) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert results == [expected] * 8
            assert _search._index is not None
            assert len(_search._index) == members
            assert len(builds) == 1  # built once, whichever thread came first
    finally:
        _search._members = list_members  # type: ignore[assignment]
        sys.setswitchinterval(switch_interval)


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
