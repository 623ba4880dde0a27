"""The catalog against SMSPartner's endpoint pages: every code table and example answer is known.

The pages are the copies vendored in catalog/upstream/docpartner/ (the tests need nothing
outside the repository). For every page, every row of a code table and every code an
example answer carries is an (endpoint, code) the catalog resolves, and its text is a
wording of the entry the resolution rule gives; every field value (a status, a type, a field
error, an item of a list of values) is in the endpoint's vocabularies. The drift report of
the pages (codegen.maintenance.pagedrift, which also checks the sources line by line) is empty.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from codegen.maintenance.pagedrift import compare_pages, page_facts
from codegen.maintenance.pages import Page, read_endpoint_page
from codegen.model import Catalog, Endpoint, Entry
from codegen.resolve import candidates, resolve
from codegen.wording import same_wording

UPSTREAM = Path(__file__).resolve().parent.parent / "catalog" / "upstream"
PAGES = UPSTREAM / "docpartner"


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> list[tuple[Endpoint, str, Page]]:
    return [
        (endpoint, page, read_endpoint_page(UPSTREAM / page, page))
        for endpoint in catalog.endpoints
        for page in endpoint.pages
    ]


def _knows(text: str, entry: Entry) -> bool:
    stripped = re.sub(r"^<code>[A-Z0-9_]+:</code>\s*", "", text)
    return any(stripped == wording or same_wording(stripped, wording) for wording in entry.wordings)


def _field_tables(catalog: Catalog, endpoint: Endpoint) -> list[str]:
    return [field.table for field in endpoint.fields]


def test_every_vendored_page_documents_one_endpoint(catalog: Catalog) -> None:
    vendored = sorted("docpartner/" + path.relative_to(PAGES).as_posix() for path in PAGES.rglob("*.md"))
    listed = sorted(page for endpoint in catalog.endpoints for page in endpoint.pages)
    assert listed == vendored
    assert len(vendored) == 100


def test_every_code_of_every_table_and_answer_is_known_with_its_wording(
    catalog: Catalog, pages: list[tuple[Endpoint, str, Page]]
) -> None:
    unknown: list[str] = []
    checked = Counter[str]()
    for endpoint, page, parsed in pages:
        field_keys = {field.name.rpartition(".")[2] for field in endpoint.fields}
        # A code table that lists a field's values (the HLR page's errorId table) is read with that field's table.
        field_rows = {
            row.line: field.table
            for field in endpoint.fields
            for table in parsed.code_tables
            if f"{page}:{table.line}" in field.sources
            for row in table.rows
        }
        for fact in page_facts(parsed, field_keys):
            if fact.kind != "code":
                continue
            where = f"{page}:{fact.line} ({endpoint.id} code {fact.value})"
            tables = [field_rows[fact.line]] if fact.line in field_rows else list(endpoint.tables)
            found = candidates(catalog, endpoint._replace(tables=tuple(tables)), fact.value)
            checked["code"] += 1
            if not found:
                unknown.append(f"{where}: no entry")
                continue
            if fact.text is None:
                continue
            checked["wording"] += 1
            # The resolution rule, given the server's text, must pick an entry that has this wording.
            resolved = resolve(catalog, endpoint._replace(tables=tuple(tables)), fact.value, fact.text)
            assert resolved is not None
            if not _knows(fact.text, resolved[1]):
                unknown.append(f"{where}: {fact.text!r} is not a wording of {resolved[0].id}.{resolved[1].name}")
    assert unknown == []
    # The 406 rows of the code tables and the 157 coded objects of the answers.
    assert checked == {"code": 563, "wording": 469}


def test_every_field_value_is_in_the_endpoints_vocabularies(
    catalog: Catalog, pages: list[tuple[Endpoint, str, Page]]
) -> None:
    unknown: list[str] = []
    checked = 0
    for endpoint, page, parsed in pages:
        field_keys = {field.name.rpartition(".")[2] for field in endpoint.fields}
        tables = [catalog.table(table_id) for table_id in _field_tables(catalog, endpoint)]
        for fact in page_facts(parsed, field_keys):
            if fact.kind not in ("value", "name"):
                continue
            checked += 1
            field = "name" if fact.kind == "name" else "code"
            owners = [
                entry
                for table in tables
                for entry in table.entries
                if (field == "code" and str(entry.code) == fact.value)
                or (field == "name" and entry.name == fact.value)
                or any(s.field == field and s.value == fact.value for s in entry.spellings)
            ]
            if not owners:
                unknown.append(f"{page}:{fact.line}: {field} {fact.value!r} of {endpoint.id}")
            elif fact.text is not None and not any(_knows(fact.text, entry) for entry in owners):
                unknown.append(f"{page}:{fact.line}: {fact.text!r} is not a wording of {fact.value!r}")
    assert unknown == []
    assert checked == 131


def test_the_drift_report_of_the_vendored_pages_is_empty(catalog: Catalog) -> None:
    assert compare_pages(catalog, PAGES) == []


def test_the_counts_of_the_catalog(catalog: Catalog) -> None:
    """The figures the catalog's README and CHANGELOG give; a change here is a change to report."""
    seed = [table for table in catalog.tables if table.is_seed]
    pages = [table for table in catalog.tables if not table.is_seed]
    assert len(catalog.endpoints) == 47
    assert Counter(endpoint.product for endpoint in catalog.endpoints) == {"sms": 28, "mail": 11, "voice": 6, "hlr": 2}
    assert (len(seed), len(pages)) == (12, 41)
    assert Counter(table.kind for table in pages) == {"error": 36, "status": 2, "value": 3}
    assert sum(len(table.canonical_entries) for table in seed) == 225
    assert sum(len(table.canonical_entries) for table in pages) == 207
    by_language = Counter(entry.message_language for table in pages for entry in table.entries)
    assert by_language == {"fr": 162, "en": 41, None: 13}
    variants = Counter(
        variant.language for table in catalog.tables for entry in table.entries for variant in entry.variants
    )
    assert variants == {"en": 175, "fr": 10, "es": 2, "it": 2, "pt": 2}
    assert Counter(item.kind for item in catalog.disagreements) == {"meaning": 26, "url": 12, "code": 4, "field": 3}


def test_each_meaning_disagreement_resolves_to_its_reading_and_the_servers_text_decides(catalog: Catalog) -> None:
    checked = 0
    for item in catalog.disagreements:
        if item.kind != "meaning":
            continue
        tables = {side.entry.partition(".")[0] for side in item.sides if side.entry}
        for endpoint in catalog.endpoints:
            if not tables <= set(endpoint.tables):
                continue
            own = endpoint._replace(tables=tuple(table for table in endpoint.tables if table in tables))
            code = next(side.entry for side in item.sides if side.entry)
            table_id, _, name = code.partition(".")
            entry = next(entry for entry in catalog.table(table_id).entries if entry.name == name)
            first = resolve(catalog, own, entry.code)
            assert first is not None
            assert f"{first[0].id}.{first[1].name}" == item.reading, (item.id, endpoint.id)
            for side in item.sides:
                assert side.entry is not None
                side_table, _, side_name = side.entry.partition(".")
                side_entry = next(e for e in catalog.table(side_table).entries if e.name == side_name)
                for wording in side_entry.wordings:
                    resolved = resolve(catalog, own, entry.code, wording)
                    assert resolved is not None
                    assert _knows(wording, resolved[1]), (item.id, wording)
            checked += 1
    assert checked >= 26


def test_the_json_examples_are_read_even_when_they_do_not_parse(pages: list[tuple[Endpoint, str, Page]]) -> None:
    examples = [example for _, _, page in pages for example in page.examples]
    formats = Counter(example.format for example in examples)
    assert formats == {"json": 153, "xml": 10, "php": 7}
    invalid = [example for example in examples if example.format == "json" and not example.strict]
    assert len(invalid) == 38
    assert all(example.problem.startswith("not valid JSON") for example in invalid)
    # The doubled braces of the contacts pages still give their answer.
    contact = next(page for endpoint, name, page in pages if name.endswith("gestion_contactp1.md"))
    objects = [fields for example in contact.examples for fields in example.objects]
    errors = [{value.key: value.value for value in fields} for fields in objects]
    assert {"success": False, "code": 10, "message": "Clef API incorrecte"} in errors
