"""The catalog against SMSPartner's page, the authority: every section, row, code, text, name, group and flag.

Expectations are derived from the vendored page itself; a few facts are also
pinned by hand at the end, as a readable cross-check of the parser.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from codegen.maintenance.drift import seed_tables
from codegen.maintenance.upstream import UpstreamRow, UpstreamSection
from codegen.model import Catalog, Table

# Tables whose upstream code is itself the symbolic name (DLR status codes, voice codes).
CODE_IS_NAME = ("dlr_status", "vms_send")


@pytest.fixture(scope="module")
def catalog(catalog: Catalog) -> Catalog:
    """The seed tables, as the page lists them: without the former names kept as aliases (renamed), which are
    ours; the endpoint pages have tests of their own."""
    tables = tuple(
        table._replace(entries=tuple(entry for entry in table.entries if not entry.renamed))
        for table in seed_tables(catalog)
    )
    return catalog._replace(tables=tables)


def _pairs(catalog: Catalog, sections: list[UpstreamSection]) -> list[tuple[UpstreamSection, Table]]:
    tables = {table.title.fr: table for table in catalog.tables}
    assert sorted(tables) == sorted(section.title for section in sections)
    return [(section, tables[section.title]) for section in sections]


def _upstream_code(table: Table, row: UpstreamRow) -> int | str:
    return int(row.code) if table.code_type == "integer" else row.code


def test_vendored_page_matches_its_sha256(root: Path) -> None:
    page = root / "catalog" / "upstream" / "error-codes.fr.md"
    recorded = (root / "catalog" / "upstream" / "error-codes.fr.md.sha256").read_text(encoding="utf-8").split()
    assert len(recorded) == 2
    digest, file_name = recorded
    assert file_name.lstrip("*") == page.name
    assert hashlib.sha256(page.read_bytes()).hexdigest() == digest


def test_every_section_is_exactly_one_table_and_back(
    catalog: Catalog, upstream_sections: list[UpstreamSection]
) -> None:
    section_titles = [section.title for section in upstream_sections]
    table_titles = [table.title.fr for table in catalog.tables]
    assert len(set(section_titles)) == len(section_titles), "a section title repeats on the page"
    assert len(set(table_titles)) == len(table_titles), "two tables share a French title"
    assert sorted(table_titles) == sorted(section_titles)


def test_tables_are_in_upstream_order(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    assert [table.title.fr for table in catalog.tables] == [section.title for section in upstream_sections]


def test_entry_count_matches_rows(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    counts = {table.id: len(table.entries) for _, table in _pairs(catalog, upstream_sections)}
    expected = {table.id: len(section.rows) for section, table in _pairs(catalog, upstream_sections)}
    assert counts == expected


def test_codes_in_upstream_order(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    for section, table in _pairs(catalog, upstream_sections):
        expected = [_upstream_code(table, row) for row in section.rows]
        assert [entry.code for entry in table.entries] == expected, table.id
        code_type = int if table.code_type == "integer" else str
        assert all(type(entry.code) is code_type for entry in table.entries), table.id


def test_french_texts_are_verbatim(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    for section, table in _pairs(catalog, upstream_sections):
        expected = [row.message for row in section.rows]
        assert [entry.message.fr for entry in table.entries] == expected, table.id
        # Byte for byte: same code points, same UTF-8.
        assert [entry.message.fr.encode() for entry in table.entries] == [text.encode() for text in expected]


def test_upstream_names_are_kept(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    checked = 0
    for section, table in _pairs(catalog, upstream_sections):
        for row, entry in zip(section.rows, table.entries, strict=True):
            if row.name is not None:
                assert entry.name == row.name, f"{table.id} {row.code}"
                checked += 1
    # The HLR Status and Error columns give a name to every row of both HLR sections.
    hlr_rows = sum(len(section.rows) for section in upstream_sections if section.groups)
    assert checked == hlr_rows > 0


def test_code_is_the_name_in_dlr_and_vms(catalog: Catalog) -> None:
    for table_id in CODE_IS_NAME:
        table = next(table for table in catalog.tables if table.id == table_id)
        assert table.code_type == "string"
        assert [entry.name for entry in table.entries] == [entry.code for entry in table.entries]


def test_hlr_groups_match_upstream(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    grouped = 0
    for section, table in _pairs(catalog, upstream_sections):
        expected = [(group.id, group.name, group.description) for group in section.groups]
        assert [(group.id, group.name, group.description.fr) for group in table.groups] == expected, table.id
        grouped += bool(section.groups)
    assert grouped == 2  # HLR statuses and HLR errors


def test_entry_groups_and_permanent_flags_match_upstream(
    catalog: Catalog, upstream_sections: list[UpstreamSection]
) -> None:
    for section, table in _pairs(catalog, upstream_sections):
        assert [entry.group for entry in table.entries] == [row.group for row in section.rows], table.id
        assert [entry.permanent for entry in table.entries] == [row.permanent for row in section.rows], table.id


def test_the_code_line_outside_a_table_is_in_the_catalog(
    catalog: Catalog, upstream_sections: list[UpstreamSection]
) -> None:
    loose = [
        (table.id, row.code, row.message)
        for section, table in _pairs(catalog, upstream_sections)
        for row in section.rows
        if row.outside_table
    ]
    assert loose == [("sms_send", "992", "Sender non autorisé")]
    sms_send = next(table for table in catalog.tables if table.id == "sms_send")
    first = sms_send.entries[0]
    assert (first.code, first.message.fr) == (992, "Sender non autorisé")


# Facts pinned by hand, as a readable cross-check of the derivations above.


def test_twelve_tables(catalog: Catalog, upstream_sections: list[UpstreamSection]) -> None:
    assert len(catalog.tables) == 12
    assert len(upstream_sections) == 12
    assert [table.id for table in catalog.tables] == [
        "sms_send",
        "sms_cancel",
        "sms_status",
        "delivery_status",
        "dlr_status",
        "number_verification",
        "rental",
        "subaccount",
        "hlr_status",
        "hlr_error",
        "vms_send",
        "mail_send",
    ]


def test_hlr_error_has_64_entries_and_63_codes(catalog: Catalog) -> None:
    hlr_error = next(table for table in catalog.tables if table.id == "hlr_error")
    assert len(hlr_error.entries) == 64
    assert len({entry.code for entry in hlr_error.entries}) == 63
    assert [code for code, count in Counter(entry.code for entry in hlr_error.entries).items() if count > 1] == [2053]


def test_the_only_alias_is_2053(catalog: Catalog) -> None:
    aliases = [
        (table.id, entry.name, entry.alias_of, entry.code)
        for table in catalog.tables
        for entry in table.entries
        if entry.alias_of is not None
    ]
    assert aliases == [("hlr_error", "EC_SOURCE_ADDRESS_BLACKLISTED", "EC_BLACKLISTED_SENDERADDRESS", 2053)]
    hlr_error = next(table for table in catalog.tables if table.id == "hlr_error")
    names = [entry.name for entry in hlr_error.entries]
    # The canonical entry comes first, as on the page.
    assert names.index("EC_BLACKLISTED_SENDERADDRESS") + 1 == names.index("EC_SOURCE_ADDRESS_BLACKLISTED")
