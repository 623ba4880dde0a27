"""The Python API of the generated package, checked against the catalog it is generated from.

Every table and every entry of the catalog is checked, not a sample: names, codes,
texts in both languages, groups, flags, the alias of 2053, ``lookup``, pickling,
what importing costs (in a fresh interpreter) and what ``mypy --strict`` accepts.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import subprocess
import sys
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

import pytest

import smspartner_codes
from codegen.catalog import load_catalog
from codegen.model import Catalog, Entry, Table
from smspartner_codes import (
    CATALOG_VERSION,
    GETTEXT_DOMAIN,
    TABLE_IDS,
    TABLES,
    Alias,
    DeliveryStatus,
    DlrStatus,
    HlrError,
    IntCodeEnum,
    MailError,
    SmsSendError,
    StrCodeEnum,
    Variant,
    lookup,
)
from tests.conftest import run_checked

Member = IntCodeEnum | StrCodeEnum

ENGLISH_LANGUAGES = ["en", "EN", "en_GB", "en-US", "en_US.UTF-8"]
UNKNOWN_LANGUAGES = ["de", "xx", "", "../../etc"]

# Modules the package must not import to give a member (issue 2: "no json, gettext or dataclasses at import time").
HEAVY_MODULES = frozenset({"json", "gettext", "dataclasses", "typing", "locale"})


def _table_class(table: Table) -> type[Member]:
    return TABLES[table.id]


def _member(table: Table, entry: Entry) -> Member:
    """The member of ``entry``, checking that the type of its code is the type of its table's codes."""
    cls = _table_class(table)
    if isinstance(entry.code, int):
        assert issubclass(cls, IntCodeEnum), (table.id, entry.code)
        return cls(entry.code)
    assert issubclass(cls, StrCodeEnum), (table.id, entry.code)
    return cls(entry.code)


def _attribute(obj: object, name: str) -> Any:
    """An attribute only some classes have (``group``, ``permanent``, ``table_title``); the catalog says which."""
    return getattr(obj, name)


def _title(table: Table, *lang: str) -> Any:
    """``table_title(*lang)`` of the table's class: generated classes define it, their typed bases do not."""
    return _attribute(_table_class(table), "table_title")(*lang)


# The tables and their classes -------------------------------------------------


def test_tables_maps_every_table_id_in_catalog_order(catalog: Catalog) -> None:
    ids = [table.id for table in catalog.tables]
    assert list(TABLES) == ids
    assert list(TABLE_IDS) == ids


def test_each_table_class_is_named_as_the_catalog_says(catalog: Catalog) -> None:
    for table in catalog.tables:
        cls = _table_class(table)
        assert cls.__name__ == table.enum, table.id
        assert getattr(smspartner_codes, table.enum) is cls, table.id


def test_integer_tables_are_int_enums_and_string_tables_str_enums(catalog: Catalog) -> None:
    for table in catalog.tables:
        cls = _table_class(table)
        kinds = (issubclass(cls, IntEnum), issubclass(cls, StrEnum))
        expected = {"integer": (True, False), "string": (False, True)}[table.code_type]
        assert kinds == expected, table.id


def _public_enum_names(catalog: Catalog) -> list[str]:
    names = [table.enum for table in catalog.tables]
    names += [table.group_enum for table in catalog.tables if table.group_enum is not None]
    return names


def test_the_catalog_has_group_enums_for_the_hlr_tables(catalog: Catalog) -> None:
    """Pinned, so that the loops over group enums below cannot be empty."""
    assert {table.id: table.group_enum for table in catalog.tables if table.groups} == {
        "hlr_status": "HlrStatusGroup",
        "hlr_error": "HlrErrorGroup",
    }


def test_every_table_and_group_enum_can_be_imported_by_name(catalog: Catalog) -> None:
    for name in _public_enum_names(catalog):
        # What `from smspartner_codes import <name>` does.
        module = __import__("smspartner_codes", fromlist=(name,))
        cls = getattr(module, name)
        assert isinstance(cls, type), name
        assert cls.__name__ == name


def test_all_lists_every_table_and_group_enum(catalog: Catalog) -> None:
    missing = [name for name in _public_enum_names(catalog) if name not in smspartner_codes.__all__]
    assert missing == []


def test_every_name_in_all_resolves() -> None:
    """`from smspartner_codes import *` must not fail on a lazily loaded name."""
    unresolved = [name for name in smspartner_codes.__all__ if not hasattr(smspartner_codes, name)]
    assert unresolved == []


def test_dir_shows_every_table_and_group_enum(catalog: Catalog) -> None:
    shown = set(dir(smspartner_codes))
    missing = [name for name in [*_public_enum_names(catalog), "TABLES", "lookup"] if name not in shown]
    assert missing == []


def test_api_errors_is_exported_as_documented_and_read_only(catalog: Catalog) -> None:
    """The README documents API_ERRORS (table id -> ApiError subclass); it was not exported (issue 15, item 5)."""
    from smspartner_codes import API_ERRORS, ApiError

    assert "API_ERRORS" in smspartner_codes.__all__
    assert list(API_ERRORS) == [table.id for table in catalog.tables if table.kind == "error"]
    assert [error_class.__name__ for error_class in API_ERRORS.values()] == [
        table.exception for table in catalog.tables if table.kind == "error"
    ]
    assert all(issubclass(error_class, ApiError) for error_class in API_ERRORS.values())
    with pytest.raises(TypeError):
        API_ERRORS["sms_send"] = ApiError  # type: ignore[index]


def test_table_ids_are_typed_as_literals_of_the_catalog(catalog: Catalog) -> None:
    """TableId and ErrorTableId, generated from the catalog, importable at run time too."""
    from typing import get_args

    from smspartner_codes import API_ERRORS, ErrorTableId, TableId

    assert get_args(TableId) == TABLE_IDS == tuple(table.id for table in catalog.tables)
    assert len(TABLE_IDS) == 53
    assert get_args(ErrorTableId) == tuple(API_ERRORS)


def test_table_titles_in_both_languages(catalog: Catalog) -> None:
    for table in catalog.tables:
        assert _title(table, "fr") == table.title.fr, table.id
        assert _title(table, "en") == table.title.en, table.id
        assert _title(table) == table.title.fr, table.id


def test_catalog_version_and_gettext_domain(catalog: Catalog) -> None:
    assert catalog.version == CATALOG_VERSION
    assert smspartner_codes.__version__ == catalog.version
    assert GETTEXT_DOMAIN == "smspartner_codes"


# Every entry --------------------------------------------------------------------


def test_every_entry_code_gives_a_member(catalog: Catalog) -> None:
    for table in catalog.tables:
        cls = _table_class(table)
        for entry in table.entries:
            assert isinstance(_member(table, entry), cls), (table.id, entry.code)


def test_members_are_the_canonical_entries_in_catalog_order(catalog: Catalog) -> None:
    for table in catalog.tables:
        cls = _table_class(table)
        assert [(member.name, member.code) for member in cls] == [
            (entry.name, entry.code) for entry in table.canonical_entries
        ], table.id
        assert list(cls.__members__) == [entry.name for entry in table.entries], table.id


def test_every_member_has_its_catalog_name_code_and_table(catalog: Catalog) -> None:
    code_types = {"integer": int, "string": str}
    wrong: list[object] = []
    for table in catalog.tables:
        for entry in table.canonical_entries:
            member = _member(table, entry)
            found = (member.name, member.code, type(member.code), member.value, type(member.value), member.table)
            expected = (entry.name, entry.code, code_types[table.code_type], entry.code, type(entry.code), table.id)
            if found != expected:
                wrong.append((table.id, entry.code, found, expected))
            if member != entry.code or str(member) != str(entry.code):
                wrong.append((table.id, entry.code, "not equal to its raw code", str(member)))
    assert wrong == []


def test_every_member_has_its_catalog_texts(catalog: Catalog) -> None:
    wrong: list[object] = []
    for table in catalog.tables:
        for entry in table.canonical_entries:
            member = _member(table, entry)
            found = (member.message, member.message_in("fr"), member.message_in("en"))
            expected = (entry.message.fr, entry.message.fr, entry.message.en)
            if found != expected:
                wrong.append((table.id, entry.code, found, expected))
    assert wrong == []


def test_every_hlr_member_has_its_catalog_group(catalog: Catalog) -> None:
    wrong: list[object] = []
    for table in catalog.tables:
        if not table.groups:
            continue
        assert table.group_enum is not None
        group_class = _attribute(smspartner_codes, table.group_enum)
        assert [(group.name, group.id) for group in group_class] == [(group.name, group.id) for group in table.groups]
        for entry in table.canonical_entries:
            assert entry.group is not None
            group = _attribute(_member(table, entry), "group")
            expected_group = table.group(entry.group)
            if not isinstance(group, group_class):
                wrong.append((table.id, entry.code, "group not a member of", table.group_enum, group))
                continue
            found = (group.id, group.name, group.description, group.description_in("fr"), group.description_in("en"))
            expected = (
                expected_group.id,
                expected_group.name,
                expected_group.description.fr,
                expected_group.description.fr,
                expected_group.description.en,
            )
            if found != expected:
                wrong.append((table.id, entry.code, found, expected))
    assert wrong == []


def test_every_permanent_flag_matches_the_catalog(catalog: Catalog) -> None:
    flagged = [table for table in catalog.tables if table.has_permanent]
    assert [table.id for table in flagged] == ["hlr_error"]
    wrong = [
        (table.id, entry.code, entry.permanent)
        for table in flagged
        for entry in table.canonical_entries
        if _attribute(_member(table, entry), "permanent") is not entry.permanent
    ]
    assert wrong == []
    assert HlrError.EC_UNKNOWN_SUBSCRIBER.permanent is True


# The alias of 2053 --------------------------------------------------------------


def test_the_seed_aliases_are_2053_and_a_former_name(catalog: Catalog) -> None:
    # Pinned, names included: they are public API, and the tests below derive the aliases from the catalog.
    # Among the seed tables; the aliases of the endpoint tables are second meanings, each explained by a
    # disagreement (tests/test_endpoint_catalog.py).
    aliases = [
        (table.id, entry.name, entry.code, entry.alias_of)
        for table in catalog.tables
        if table.is_seed
        for entry in table.aliases
    ]
    assert aliases == [
        ("hlr_error", "EC_SOURCE_ADDRESS_BLACKLISTED", 2053, "EC_BLACKLISTED_SENDERADDRESS"),
        ("mail_send", "API_KEY_MISSING", 3, "API_KEY_REQUIRED_REPEATED"),  # a former name, kept (renamed)
    ]


def test_2053_resolves_to_the_canonical_member() -> None:
    assert HlrError(2053) is HlrError.EC_BLACKLISTED_SENDERADDRESS
    assert HlrError(2053).name == "EC_BLACKLISTED_SENDERADDRESS"
    # Typed as object: mypy takes an enum alias for a member of its own (as for http.HTTPStatus's aliases).
    alias: object = HlrError.EC_SOURCE_ADDRESS_BLACKLISTED
    assert alias is HlrError.EC_BLACKLISTED_SENDERADDRESS
    assert HlrError["EC_SOURCE_ADDRESS_BLACKLISTED"] is HlrError.EC_BLACKLISTED_SENDERADDRESS
    assert len(HlrError) == 63
    assert len(HlrError.__members__) == 64


def test_every_alias_resolves_to_its_canonical_member(catalog: Catalog) -> None:
    for table in catalog.tables:
        cls = _table_class(table)
        assert len(cls) == len(table.canonical_entries), table.id
        assert len(cls.__members__) == len(table.entries), table.id
        for entry in table.aliases:
            assert entry.alias_of is not None
            canonical = cls[entry.alias_of]
            assert canonical.name == entry.alias_of
            assert _member(table, entry) is canonical
            assert cls[entry.name] is canonical
            assert getattr(cls, entry.name) is canonical


def test_every_member_gives_its_aliases_with_their_own_texts(catalog: Catalog) -> None:
    wrong: list[object] = []
    for table in catalog.tables:
        for entry in table.canonical_entries:
            member = _member(table, entry)
            found = [
                (
                    type(alias),
                    alias.name,
                    alias.code,
                    alias.table,
                    alias.canonical,
                    alias.message,
                    alias.message_in("fr"),
                    alias.message_in("en"),
                )
                for alias in member.aliases
            ]
            expected = [
                (Alias, alias.name, alias.code, table.id, member, alias.message.fr, alias.message.fr, alias.message.en)
                for alias in table.aliases
                if alias.alias_of == entry.name
            ]
            aliases: object = member.aliases
            if found != expected or not isinstance(aliases, tuple):
                wrong.append((table.id, entry.code, aliases, expected))
    assert wrong == []
    assert HlrError.NO_ERROR.aliases == ()
    assert [alias.name for alias in HlrError(2053).aliases] == ["EC_SOURCE_ADDRESS_BLACKLISTED"]


def test_aliases_carry_their_own_records_and_tell_a_former_name(catalog: Catalog) -> None:
    wrong: list[object] = []
    for table in catalog.tables:
        for entry in table.aliases:
            assert entry.alias_of is not None
            (alias,) = [alias for alias in _table_class(table)[entry.alias_of].aliases if alias.name == entry.name]
            found = (alias.message_language, [(v.text, v.lang) for v in alias.variants], alias.renamed)
            expected = (entry.message_language, [(v.text, v.language) for v in entry.variants], entry.renamed)
            if found != expected:
                wrong.append((table.id, entry.name, found, expected))
    assert wrong == []
    (former,) = MailError.API_KEY_REQUIRED_REPEATED.aliases
    assert (former.name, former.renamed) == ("API_KEY_MISSING", True)  # ours, kept for old code
    (upstream,) = HlrError(2053).aliases
    assert (upstream.name, upstream.renamed) == ("EC_SOURCE_ADDRESS_BLACKLISTED", False)  # the page's own
    assert "a former name" in repr(former) and "a former name" not in repr(upstream)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_aliases_pickle(protocol: int) -> None:
    for alias in (*HlrError(2053).aliases, *MailError(3).aliases):
        again = pickle.loads(pickle.dumps(alias, protocol))
        assert again == alias
        assert (again.message_language, again.variants, again.renamed) == (
            alias.message_language,
            alias.variants,
            alias.renamed,
        )


# Wordings: the text of record, its language, the other wordings -------------------------------------


def test_every_member_has_its_catalog_variants_and_the_language_of_its_text(catalog: Catalog) -> None:
    wrong: list[object] = []
    for table in catalog.tables:
        for entry in table.canonical_entries:
            member = _member(table, entry)
            found = (member.message_language, [(variant.text, variant.lang) for variant in member.variants])
            expected = (entry.message_language, [(variant.text, variant.language) for variant in entry.variants])
            if found != expected or not all(isinstance(variant, Variant) for variant in member.variants):
                wrong.append((table.id, entry.code, found, expected))
    assert wrong == []
    counted = sum(len(entry.variants) for table in catalog.tables for entry in table.entries)
    assert counted == 191  # pinned: the catalog's count (catalog/README.md)


def test_variants_are_tuples_of_text_and_language() -> None:
    (variant, *_) = HlrError.NO_ERROR.variants
    assert variant == Variant("No error.", "en") == ("No error.", "en")
    text, lang = variant
    assert (text, lang) == (variant.text, variant.lang)
    assert repr(variant) == "Variant(text='No error.', lang='en')"
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(variant, protocol)) == variant
    assert SmsSendError.NUMBER_IN_STOP_LIST.variants == ()


def test_no_french_is_invented_for_a_code_without_it(catalog: Catalog) -> None:
    """English only: the text of record is SMSPartner's English. No text at all: ours, and the language None."""
    seen: dict[str | None, int] = {"en": 0, None: 0}
    for table in catalog.tables:
        for entry in table.canonical_entries:
            if entry.message_language == "fr":
                continue
            member = _member(table, entry)
            seen[member.message_language] += 1
            assert member.message_language == entry.message_language
            # "fr" (and a language we lack) gives the text of record, never a French of ours.
            assert member.message_in("fr") == member.message_in("de") == member.message == entry.message.fr
            assert member.message_in("en") == entry.message.en
            if entry.message_language is None:
                assert member.message == entry.message.en  # our English stands in
    assert seen["en"] > 0 and seen[None] > 0


# Spellings: every documented form of a code or name, in any case -------------------------------------


def _spelled_forms(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.swapcase()]


def test_every_documented_spelling_names_its_member_in_the_enum_call_and_lookup(catalog: Catalog) -> None:
    checked = 0
    for table in catalog.tables:
        cls: Any = _table_class(table)
        for entry in table.entries:
            member = lookup(table.id, entry.code)
            for spelling in entry.spellings:
                for form in _spelled_forms(spelling.value):
                    assert cls(form) is member, (table.id, form)
                    assert lookup(table.id, form) is member, (table.id, form)
                    checked += 1
    assert checked >= 20
    assert DeliveryStatus("Delivered") is DeliveryStatus.DELIVERED
    assert DeliveryStatus("NOT DELIVERED") is DeliveryStatus.NOT_DELIVERED
    assert lookup("delivery_status", "Waiting") is DeliveryStatus.WAITING
    assert HlrError("NO_ERROR ") is HlrError.NO_ERROR  # type: ignore[arg-type]  # errorName as documented


def test_string_codes_are_read_in_any_case(catalog: Catalog) -> None:
    for table in catalog.tables:
        if table.code_type != "string":
            continue
        cls: Any = _table_class(table)
        for entry in table.canonical_entries:
            assert isinstance(entry.code, str)
            for form in _spelled_forms(entry.code):
                assert cls(form) is cls(entry.code), (table.id, form)
                assert lookup(table.id, form) is cls(entry.code), (table.id, form)
    assert DlrStatus("delivrd") is DlrStatus.DELIVRD


def test_names_are_values_only_in_the_tables_whose_names_the_api_sends(catalog: Catalog) -> None:
    """hlr_error: the HLR notification's errorName carries the name; elsewhere a name is no value."""
    named = {field.table for item in catalog.endpoints for field in item.fields if field.key == "name"}
    assert named == {"hlr_error"}
    cls: Any = HlrError
    for entry in catalog.table("hlr_error").entries:
        member = HlrError[entry.name]
        assert cls(entry.name) is member
        assert lookup("hlr_error", entry.name.lower()) is member
    assert lookup("sms_send", "NUMBER_IN_STOP_LIST") is None
    with pytest.raises(ValueError, match="is not a valid SmsSendError"):
        SmsSendError("NUMBER_IN_STOP_LIST")  # type: ignore[arg-type]


def test_no_value_names_two_members(catalog: Catalog) -> None:
    """A code, a spelling or (where the API sends names) a name, case folded, names one member of its table."""
    for table in catalog.tables:
        owners: dict[str, object] = {}
        for entry in table.entries:
            values = [spelling.value for spelling in entry.spellings]
            values += [str(entry.code)] if table.code_type == "string" else []
            values += [entry.name] if table.id == "hlr_error" else []
            for value in values:
                owner = owners.setdefault(value.casefold(), lookup(table.id, entry.code))
                assert owner is lookup(table.id, entry.code), (table.id, value)


@pytest.mark.parametrize("value", ["", " ", "delivered ", "DELIVERED?", "1", "no_error  ", "Délivré"])
def test_what_no_page_documents_is_still_refused(value: str) -> None:
    assert lookup("delivery_status", value) is None
    assert lookup("hlr_error", value) is None
    with pytest.raises(ValueError):
        DeliveryStatus(value)
    hlr: Any = HlrError
    with pytest.raises(ValueError):
        hlr(value)


# The module of each class -------------------------------------------------------------------------


def test_each_class_is_in_the_module_its_name_gives(catalog: Catalog) -> None:
    from smspartner_codes._data._registry import CLASS_MODULES

    assert len(CLASS_MODULES) == len(catalog.tables) + 2 + len([t for t in catalog.tables if t.kind == "error"])
    for name, module in CLASS_MODULES.items():
        assert smspartner_codes._class_module(name) == module
        assert getattr(smspartner_codes, name).__module__ == f"smspartner_codes._data.{module}"


@pytest.mark.parametrize("name", ["Nothing", "HlrErrors", "SmsSendApiErrorX", "NothingApiError", "TABLES2"])
def test_a_class_name_the_catalog_lacks_is_an_attribute_error(name: str) -> None:
    with pytest.raises(AttributeError, match=f"has no attribute '{name}'"):
        getattr(smspartner_codes, name)


def test_a_broken_data_module_is_not_taken_for_a_missing_class(root: Path, tmp_path: Path) -> None:
    shutil.copytree(root / "src", tmp_path / "src")
    broken = tmp_path / "src" / "smspartner_codes" / "_data" / "_hlr_error.py"
    broken.write_text("import smspartner_codes._data._nowhere\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    result = subprocess.run(
        [sys.executable, "-c", "import smspartner_codes; smspartner_codes.HlrError"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "ModuleNotFoundError: No module named 'smspartner_codes._data._nowhere'" in result.stderr


# Languages ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ENGLISH_LANGUAGES)
def test_english_language_tags_give_english(catalog: Catalog, lang: str) -> None:
    wrong: list[object] = [
        (table.id, entry.code, _member(table, entry).message_in(lang))
        for table in catalog.tables
        for entry in table.canonical_entries
        if _member(table, entry).message_in(lang) != entry.message.en
    ]
    wrong += [(table.id, "title") for table in catalog.tables if _title(table, lang) != table.title.en]
    assert wrong == []


@pytest.mark.parametrize("lang", UNKNOWN_LANGUAGES)
def test_unknown_languages_fall_back_to_french(catalog: Catalog, lang: str) -> None:
    wrong: list[object] = [
        (table.id, entry.code, _member(table, entry).message_in(lang))
        for table in catalog.tables
        for entry in table.canonical_entries
        if _member(table, entry).message_in(lang) != entry.message.fr
    ]
    wrong += [(table.id, "title") for table in catalog.tables if _title(table, lang) != table.title.fr]
    assert wrong == []
    for alias in HlrError(2053).aliases:
        assert alias.message_in(lang) == alias.message


def test_lang_none_is_french_and_a_lang_of_another_type_is_a_type_error() -> None:
    """``lang=None`` failed with an AttributeError deep inside (issue 10, finding 8): None means the default, French."""
    member = HlrError(2053)
    assert member.message_in(None) == member.message
    assert HlrError.table_title(None) == HlrError.table_title()
    assert member.group.description_in(None) == member.group.description
    assert [alias.message_in(None) for alias in member.aliases] == [alias.message for alias in member.aliases]
    for wrong in (1, b"en", ["en"]):
        with pytest.raises(TypeError, match="language"):
            member.message_in(wrong)  # type: ignore[arg-type]


# lookup -----------------------------------------------------------------------------


def test_lookup_finds_every_entry(catalog: Catalog) -> None:
    wrong = [
        (table.id, entry.code, lookup(table.id, entry.code))
        for table in catalog.tables
        for entry in table.entries
        if lookup(table.id, entry.code) is not _member(table, entry)
    ]
    assert wrong == []


def test_lookup_gives_none_for_unknown_codes(catalog: Catalog) -> None:
    for table in catalog.tables:
        codes = {entry.code for entry in table.entries}
        unknown: list[object] = [99999, -1] if table.code_type == "integer" else ["no such code", "", "DELIVERED?"]
        assert not codes & set(unknown)
        for code in unknown:
            assert lookup(table.id, code) is None, (table.id, code)


def test_lookup_gives_none_for_a_code_of_the_wrong_type(catalog: Catalog) -> None:
    assert lookup("sms_send", "14") is None
    assert lookup("delivery_status", 14) is None
    for table in catalog.tables:
        for entry in table.entries:
            wrong_type: object = str(entry.code) if isinstance(entry.code, int) else 14
            assert lookup(table.id, wrong_type) is None, (table.id, entry.code)


@pytest.mark.parametrize("code", [[], {}, set()], ids=["list", "dict", "set"])
def test_lookup_gives_none_for_an_unhashable_code(catalog: Catalog, code: object) -> None:
    for table in catalog.tables:
        assert lookup(table.id, code) is None, table.id


@pytest.mark.parametrize("table_id", ["no_such_table", "SmsSendError", "SMS_SEND", "", [], None, 14, {}])
def test_lookup_raises_key_error_naming_an_unknown_table(table_id: Any) -> None:
    """``lookup([], 14)`` returned None where a KeyError is documented (issue 10, finding 8)."""
    with pytest.raises(KeyError) as raised:
        lookup(table_id, 14)
    assert repr(table_id) in str(raised.value)
    with pytest.raises(KeyError):
        lookup(table_id, [])  # an unhashable code does not hide the unknown table


def test_an_unknown_table_is_quoted_by_its_start() -> None:
    with pytest.raises(KeyError) as raised:
        lookup("x" * 10_000_000, 14)  # type: ignore[call-overload]
    assert "(10000000 characters)" in str(raised.value)
    assert len(str(raised.value)) < 2_000


def test_lookup_takes_a_table_class_as_raise_for_response_does(catalog: Catalog) -> None:
    """``lookup(SmsSendError, 14)`` raised KeyError though raise_for_response takes the class (issue 15, item 5)."""
    assert lookup(SmsSendError, 14) is SmsSendError.NUMBER_IN_STOP_LIST
    assert lookup(SmsSendError, 14) is SmsSendError.NUMBER_IN_STOP_LIST  # the quick path, once the class is known
    assert lookup(SmsSendError, 9) is None
    assert lookup(SmsSendError, []) is None
    assert lookup(DeliveryStatus, "not delivered") is DeliveryStatus.NOT_DELIVERED
    for table in catalog.tables:
        for entry in table.entries:
            assert lookup(_table_class(table), entry.code) is lookup(table.id, entry.code), (table.id, entry.code)


def test_a_class_that_is_not_a_table_is_an_unknown_table() -> None:
    from smspartner_codes import HlrErrorGroup, SmsSendApiError

    impostor = IntEnum("SmsSendError", {"NUMBER_IN_STOP_LIST": 14})  # the name of a table, not the table
    for not_a_table in (impostor, SmsSendApiError, HlrErrorGroup, int, IntCodeEnum):
        with pytest.raises(KeyError, match="unknown table"):
            lookup(not_a_table, 14)


def test_string_tables_take_their_upstream_codes() -> None:
    assert lookup("delivery_status", "not delivered") is DeliveryStatus.NOT_DELIVERED
    assert DeliveryStatus("not delivered") is DeliveryStatus.NOT_DELIVERED
    assert lookup("sms_send", 14) is SmsSendError.NUMBER_IN_STOP_LIST


# Pickling and copying ----------------------------------------------------------------


def _all_members(catalog: Catalog) -> list[object]:
    members: list[object] = []
    for table in catalog.tables:
        members += list(_table_class(table))
        if table.group_enum is not None:
            members += list(getattr(smspartner_codes, table.group_enum))
    return members


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_members_unpickle_to_the_same_member(catalog: Catalog, protocol: int) -> None:
    members = _all_members(catalog)
    assert len(members) == sum(len(table.canonical_entries) + len(table.groups) for table in catalog.tables)
    wrong = [member for member in members if pickle.loads(pickle.dumps(member, protocol)) is not member]
    assert wrong == []


def test_copies_of_members_are_the_same_member(catalog: Catalog) -> None:
    members = _all_members(catalog)
    assert [member for member in members if copy.copy(member) is not member] == []
    assert [member for member in members if copy.deepcopy(member) is not member] == []


# Import cost, in a fresh interpreter -------------------------------------------------


def _modules_after(root: Path, cwd: Path, code: str) -> set[str]:
    """The names in ``sys.modules`` after ``code`` runs in a fresh interpreter that finds the package in src/."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    probe = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    return set(run_checked([sys.executable, "-c", probe], cwd=cwd, env=env).split())


def _table_modules() -> set[str]:
    modules = {cls.__module__ for cls in TABLES.values()}
    assert len(modules) == len(TABLES), "each table is expected in a module of its own"
    return modules


def test_importing_one_table_imports_nothing_heavy_and_no_other_table(root: Path, tmp_path: Path) -> None:
    baseline = _modules_after(root, tmp_path, "pass")
    checked = HEAVY_MODULES - baseline
    assert checked, "the interpreter imports every checked module at start-up: the test would check nothing"
    loaded = _modules_after(root, tmp_path, "from smspartner_codes import HlrError\nHlrError(2053)")
    assert "smspartner_codes" in loaded
    assert sorted(checked & loaded) == []
    assert _table_modules() & loaded == {HlrError.__module__}
    # Only what the table needs: the registry of the data, and no base a table of integers does not use.
    ours = sorted(name for name in loaded if name.startswith("smspartner_codes"))
    assert ours == ["smspartner_codes", "smspartner_codes._data", HlrError.__module__]


def test_importing_the_package_imports_no_table_and_no_generated_data(root: Path, tmp_path: Path) -> None:
    baseline = _modules_after(root, tmp_path, "pass")
    loaded = _modules_after(root, tmp_path, "import smspartner_codes")
    assert "smspartner_codes" in loaded
    assert sorted((HEAVY_MODULES - baseline) & loaded) == []
    assert sorted(_table_modules() & loaded) == []
    assert sorted(name for name in loaded if name.startswith("smspartner_codes")) == ["smspartner_codes"]


# Typing ---------------------------------------------------------------------------------

TYPED_USE = """\
from typing import Literal, assert_type

from smspartner_codes import (
    API_ERRORS,
    CATALOG_VERSION,
    ENDPOINTS,
    TABLE_IDS,
    TABLES,
    Alias,
    ApiError,
    ErrorTableId,
    DeliveryStatus,
    Endpoint,
    EndpointField,
    EndpointUrl,
    Reading,
    Variant,
    endpoint,
    resolve,
    HlrError,
    HlrErrorGroup,
    HlrStatus,
    HlrStatusGroup,
    IntCodeEnum,
    SmsSendError,
    StrCodeEnum,
    TableId,
    lookup,
    raise_for_response,
)

member = HlrError(2053)
assert_type(member, HlrError)
assert_type(member.code, int)
assert_type(member.permanent, bool)
assert_type(member.group, HlrErrorGroup)
assert_type(member.group.id, int)
assert_type(member.group.description_in("en"), str)
assert_type(member.aliases, tuple[Alias, ...])
assert_type(HlrError.EC_UNKNOWN_SUBSCRIBER.permanent, bool)
message: str = member.message
english: str = member.message_in("en_GB")
table: str = member.table
alias_code: int | str = member.aliases[0].code
status_group: HlrStatusGroup = next(iter(HlrStatus)).group
assert_type(DeliveryStatus("not delivered").code, str)
assert_type(SmsSendError(14).message_in("en"), str)
found: IntCodeEnum | StrCodeEnum | None = lookup("sms_send", 14)
if found is not None:
    found_code: int | str = found.code
table_class: type[IntCodeEnum] | type[StrCodeEnum] = TABLES["sms_send"]
title: str = SmsSendError.table_title("en")
version: str = CATALOG_VERSION
assert_type(lookup(SmsSendError, 14), SmsSendError | None)
assert_type(lookup(HlrError, 2053), HlrError | None)
table_id: TableId = "hlr_error"
by_id = lookup(table_id, 2053)
for each_id in TABLE_IDS:
    lookup(each_id, 14)
for each_id, each_class in TABLES.items():
    lookup(each_class, 14)
error_table: ErrorTableId = "sms_send"
assert_type(API_ERRORS[error_table], type[ApiError])
raise_for_response({"success": True}, "sms_send")
raise_for_response({"success": True}, SmsSendError)
raise_for_response({"success": True}, "sms_send", lang=None)
assert_type(SmsSendError(14).message_in(None), str)
as_int: int = SmsSendError.NUMBER_IN_STOP_LIST + 1
as_str: str = DeliveryStatus.DELIVERED.upper()
assert_type(member.variants, tuple[Variant, ...])
variant_text: str = member.variants[0].text
variant_lang: str = member.variants[0].lang
assert_type(member.message_language, Literal["fr", "en"] | None)
former: bool = member.aliases[0].renamed
assert_type(DeliveryStatus("Delivered"), DeliveryStatus)
assert_type(ENDPOINTS["sms.send"], Endpoint)
assert_type(ENDPOINTS["sms.send"].kind, Literal["call", "push"])
assert_type(ENDPOINTS["sms.send"].product, Literal["sms", "hlr", "voice", "mail"])
assert_type(ENDPOINTS["sms.send"].method, str | None)
assert_type(ENDPOINTS["sms.send"].tables, tuple[TableId, ...])
lookup(ENDPOINTS["sms.send"].tables[0], 10)  # an endpoint's table ids are table ids to type checkers too
first_url: EndpointUrl = ENDPOINTS["sms.send"].urls[0]
misprint: bool = first_url.misprint
fields: tuple[EndpointField, ...] = ENDPOINTS["hlr.notify"].fields
assert_type(fields[0].key, Literal["code", "name", "group", "wording"])
assert_type(fields[0].table, TableId)
found_endpoints = endpoint("https://api.smspartner.fr/v1/send?apiKey=x")
assert_type(found_endpoints, tuple[Endpoint, ...])
reading = resolve(found_endpoints, 10, "Clé API incorrecte")
assert_type(reading, Reading | None)
if reading is not None:
    assert_type(reading.member, IntCodeEnum | StrCodeEnum)
    assert_type(reading.alias, Alias | None)
    matched: bool = reading.matched
    reading_hint: str | None = reading.hint
    reading_text: str = reading.message_in("en")
    assert_type(reading.message_in(None), str)
assert_type(ENDPOINTS["sms.send"].title_in(None), str)
"""

# Each snippet has exactly one type error, on its last line, of the given mypy error code.
TYPE_ERRORS = {
    "permanent-is-bool": ("x: str = HlrError(1).permanent", "assignment"),
    "lookup-may-give-none": ('lookup("sms_send", 14).code', "union-attr"),
    "no-permanent-outside-hlr-error": ("SmsSendError(14).permanent", "attr-defined"),
    "string-codes-are-str": ("n: int = DeliveryStatus.DELIVERED.code", "assignment"),
    "message-in-takes-a-language": ("HlrError(1).message_in(1)", "arg-type"),
    "no-status-flags-outside-status-tables": ("SmsSendError(14).is_final", "attr-defined"),
    "group-is-the-tables-group-enum": ("HlrStatus(3).group.EC_UNKNOWN", "attr-defined"),
    "resolve-may-give-none": ('resolve("sms.send", 10).member', "union-attr"),
    "endpoints-are-read-only": ('ENDPOINTS["sms.send"].method = "GET"', "misc"),
    "variants-are-read-only": ('HlrError(0).variants[0].text = "x"', "misc"),
    # A table id spelt wrong (issue 15, item 5): every table id is a Literal of the catalog's ids.
    "lookup-table-id-typo": ('lookup("sms_sned", 14)', "call-overload"),
    "raise-for-response-table-id-typo": ('raise_for_response({}, "hlr_eror")', "arg-type"),
    "iter-errors-table-id-typo": ('iter_errors({}, "mail_sned")', "arg-type"),
    "status-table-is-no-error-table": ('raise_for_response({}, "dlr_status")', "arg-type"),
    "table-id-annotation-typo": ('table_id: TableId = "sms_sendd"', "assignment"),
    "tables-key-typo": ('TABLES["sms_sned"]', "index"),
    "class-lookup-gives-its-own-members": ("n: DeliveryStatus | None = lookup(SmsSendError, 14)", "assignment"),
}
TYPE_ERROR_IMPORTS = (
    "from smspartner_codes import (\n"
    "    ENDPOINTS, TABLES, DeliveryStatus, HlrError, HlrStatus, SmsSendError, TableId, iter_errors, lookup,\n"
    "    raise_for_response, resolve,\n"
    ")\n"
)


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module's mypy runs, so that only the first one reads the standard library."""
    return tmp_path_factory.mktemp("mypy_cache")


def _mypy(root: Path, cache: Path, snippet: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MYPYPATH": str(root / "src")}
    args = [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), snippet.name]
    return subprocess.run(
        args, cwd=snippet.parent, env=env, check=False, capture_output=True, text=True, encoding="utf-8"
    )


@pytest.mark.timeout(300)  # the first mypy run reads the standard library
def test_mypy_strict_accepts_typed_use_of_the_api(root: Path, tmp_path: Path, mypy_cache: Path) -> None:
    snippet = tmp_path / "typed_use.py"
    snippet.write_text(TYPED_USE, encoding="utf-8")
    result = _mypy(root, mypy_cache, snippet)
    assert (result.returncode, result.stdout, result.stderr) == (0, "Success: no issues found in 1 source file\n", "")


@pytest.mark.timeout(300)
@pytest.mark.parametrize(("line", "error_code"), TYPE_ERRORS.values(), ids=TYPE_ERRORS.keys())
def test_mypy_strict_rejects_a_type_error(
    root: Path, tmp_path: Path, mypy_cache: Path, line: str, error_code: str
) -> None:
    # A module name of its own: mypy's shared cache would take two snippets of one name and size for one.
    name = f"type_error_{list(TYPE_ERRORS.values()).index((line, error_code))}"
    snippet = tmp_path / f"{name}.py"
    snippet.write_text(TYPE_ERROR_IMPORTS + line + "\n", encoding="utf-8")
    result = _mypy(root, mypy_cache, snippet)
    errors = [output for output in result.stdout.splitlines() if ": error: " in output]
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith(f"{name}.py:{TYPE_ERROR_IMPORTS.count(chr(10)) + 1}: error: "), errors[0]
    assert errors[0].endswith(f"[{error_code}]"), errors[0]


# What a class and its members show of themselves, as enums and as codes: the same whichever way the class
# was built, on every Python version `make test-pythons` runs (enum._simple_enum is private, and may change
# between versions). Left out: a member's dir(), which lists the other members' names only when a class
# statement built the enum.
FINGERPRINT = """
import copy, json, pickle, smspartner_codes
from smspartner_codes import HlrErrorGroup, HlrStatusGroup
rows, classes = [], []
for table_id, cls in smspartner_codes.TABLES.items():
    classes.append([table_id, repr(cls), cls.__qualname__, cls.__module__, len(cls), list(cls.__members__)])
    classes.append(sorted(name for name in dir(cls) if not name.startswith("__")))
    for name, member in cls.__members__.items():
        row = [table_id, name, member.name, member.code, member.message, member.message_in("en"), member.table]
        row += [getattr(member, "permanent", None), getattr(getattr(member, "group", None), "name", None)]
        row += [getattr(member, "is_final", None), getattr(member, "is_success", None), member.hint]
        row += [[alias.name, alias.message] for alias in member.aliases]
        row += [isinstance(member, (smspartner_codes.IntCodeEnum, smspartner_codes.StrCodeEnum)), type(member).__name__]
        row += [repr(member), str(member), format(member), f"{member:>12}", member == member.code]
        row += [hash(member) == hash(member.code)]
        row += [cls(member.code) is member, cls[name] is member, pickle.loads(pickle.dumps(member)) is member]
        public = {attribute for attribute in dir(member) if not attribute.startswith("_")} - set(cls.__members__)
        row += [copy.deepcopy(member) is member, sorted(public)]
        rows.append(row)
for group_class in (HlrErrorGroup, HlrStatusGroup):
    classes += [[repr(group), str(group), format(group), group.id, group.description] for group in group_class]
print(json.dumps([smspartner_codes._FAST_ENUM, rows, classes]))
"""


def test_without_the_fast_enum_builder_the_classes_are_the_same(root: Path) -> None:
    """Interpreters without ``enum._simple_enum`` get ordinary class statements with the same members."""
    without_fast_builder = (
        "import enum, gettext, re\n"  # modules that need the builder themselves load first
        "fast = enum._simple_enum\n"
        "del enum._simple_enum\n"
        "import smspartner_codes\n"
        "smspartner_codes.TABLES\n"
        "from smspartner_codes import GroupEnum\n"
        "enum._simple_enum = fast\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(root / "src")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", prefix + FINGERPRINT],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        for prefix in ("", without_fast_builder)
    ]
    (fast_used, fast_rows, fast_classes), (fallback_used, fallback_rows, fallback_classes) = (
        json.loads(run.stdout) for run in runs
    )
    assert fallback_classes == fast_classes
    assert (fast_used, fallback_used) == (True, False)
    assert fallback_rows == fast_rows
    assert len(fast_rows) == sum(len(table.entries) for table in load_catalog(root / "catalog").tables)
