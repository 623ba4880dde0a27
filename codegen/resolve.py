"""Which entry an endpoint's answer means, and which endpoints a URL is: the rules, written once.

An answer's code is read with the endpoint's tables in order (its own table first, then
the error page's table for that kind of call). The candidates are the entries of that code,
table by table; within a table, the canonical entry before its aliases. The server's text
decides when it matches a candidate's wording (``codegen.wording``: the longest match
wins); otherwise the first candidate is the reading. A disagreement of the catalog names
the reading it expects, and validation checks that this rule gives it.

A URL is every endpoint that lists it (a path parameter, ``{apiKey}``, matching any value),
those it belongs to first, then those whose pages only misprint it; each group in the
catalog's order.
"""

from __future__ import annotations

from codegen.model import Catalog, Endpoint, Entry, Table
from codegen.urls import matches
from codegen.wording import best_match


def candidates(catalog: Catalog, endpoint: Endpoint, code: int | str) -> list[tuple[Table, Entry]]:
    """The entries ``code`` may mean on ``endpoint``, in the order they are tried."""
    found: list[tuple[Table, Entry]] = []
    for table_id in endpoint.tables:
        table = catalog.table(table_id)
        same = [entry for entry in table.entries if str(entry.code) == str(code)]
        found += [(table, entry) for entry in sorted(same, key=lambda entry: entry.is_alias)]
    return found


def resolve(
    catalog: Catalog, endpoint: Endpoint, code: int | str, server_text: str | None = None
) -> tuple[Table, Entry] | None:
    """The entry an answer of ``endpoint`` with ``code`` (and the server's text, if any) means."""
    found = candidates(catalog, endpoint, code)
    if not found:
        return None
    if server_text:
        wordings: list[str] = []
        owners: list[int] = []
        for position, (_, entry) in enumerate(found):
            wordings += entry.wordings
            owners += [position] * len(entry.wordings)
        matched = best_match(server_text, wordings)
        if matched is not None:
            return found[owners[matched]]
    return found[0]


def endpoints_for_url(catalog: Catalog, url: str) -> list[Endpoint]:
    """Every endpoint listing ``url`` (printed in any form), those it belongs to before misprints."""
    owners = [
        endpoint
        for endpoint in catalog.endpoints
        if any(matches(url, item.url) and not item.misprint for item in endpoint.urls)
    ]
    misprints = [
        endpoint
        for endpoint in catalog.endpoints
        if any(matches(url, item.url) and item.misprint for item in endpoint.urls)
    ]
    return owners + [endpoint for endpoint in misprints if endpoint not in owners]
