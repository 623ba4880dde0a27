"""Where the vendored pages document something: ``path:line`` and the compact ``path:line,line,...``.

A source names a page by its path under ``catalog/upstream/`` (``error-codes.fr.md``,
``docpartner/SMS/...md``) and one line or several: the catalog writes each page once,
``docpartner/SMS/SMSp2.md:14,75,102``; the model holds one ``path:line`` per line.
"""

from __future__ import annotations

from collections.abc import Iterable


def expand(sources: Iterable[str]) -> tuple[str, ...]:
    """``["a.md:3,5"]`` -> ``("a.md:3", "a.md:5")``."""
    found: list[str] = []
    for source in sources:
        page, _, lines = source.rpartition(":")
        found += [f"{page}:{line}" for line in lines.split(",")]
    return tuple(found)


def page_of(source: str) -> str:
    return source.rpartition(":")[0]


def line_of(source: str) -> int:
    return int(source.rpartition(":")[2])


def compact_problem(sources: list[str]) -> tuple[int, str] | None:
    """(index, why) for the first item that repeats a page or lists lines out of order, or None."""
    seen: set[str] = set()
    for index, source in enumerate(sources):
        page, _, lines = source.rpartition(":")
        numbers = [int(line) for line in lines.split(",")]
        if page in seen:
            return index, f"page {page} is listed twice; write its lines in one item (path:line,line)"
        if numbers != sorted(set(numbers)):
            return index, "lines are listed in ascending order, each once"
        seen.add(page)
    return None
