"""The changes ``codegen diff`` classes beyond codes and texts: wordings, spellings, endpoints, disagreements.

Impacts follow the policy at the top of CHANGELOG.md:

* an entry's variant wording or spelling added: minor (a server text or a form more is
  recognised); removed: major (a program that matched it no longer does); its sources
  changed: patch (where the pages print it);
* an endpoint added: minor; removed: major. A URL added: minor; removed, or its misprint
  flag changed (the order a URL resolves to changes): major. Tables added at the end of an
  endpoint's list, or fields added: minor; a table removed or moved, a field removed:
  major, since an answer's code may then mean another entry. Method, titles, pages: patch.
  Its answers' list of items (``answer.items``) or ``success_flag: false`` added: minor (more
  answers are read); removed or changed: major (an answer is read otherwise);
* a disagreement added: minor; removed, or its reading or explanation changed: patch. The
  reading the package presents follows from the tables and aliases, whose changes are
  classed on their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from codegen.model import Catalog, Disagreement, Endpoint, Entry

if TYPE_CHECKING:
    from codegen.maintenance.diff import Change, Impact


def entry_changes(before: Entry, after: Entry, where: Change) -> Iterator[Change]:
    """Variants and spellings added or removed, and sources moved, between two versions of an entry."""
    yield from _collection(where, "variant", [v.text for v in before.variants], [v.text for v in after.variants])
    yield from _collection(
        where,
        "spelling",
        [f"{s.field} {s.value!r}" for s in before.spellings],
        [f"{s.field} {s.value!r}" for s in after.spellings],
    )
    if before.sources != after.sources:
        yield replace(
            where, change="sources", impact="patch", field="sources", old=len(before.sources), new=len(after.sources)
        )


def _collection(
    where: Change, noun: str, old: list[str], new: list[str], *, added: Impact = "minor", removed: Impact = "major"
) -> Iterator[Change]:
    for item in new:
        if item not in old:
            yield replace(where, change=f"{noun} added", impact=added, field=f"{noun}s", new=item)
    for item in old:
        if item not in new:
            yield replace(where, change=f"{noun} removed", impact=removed, field=f"{noun}s", old=item)


def endpoint_changes(old: Catalog, new: Catalog) -> list[Change]:
    from codegen.maintenance.diff import Change

    before = {endpoint.id: endpoint for endpoint in old.endpoints}
    after = {endpoint.id: endpoint for endpoint in new.endpoints}
    changes: list[Change] = []
    for endpoint in new.endpoints:
        if endpoint.id not in before:
            changes.append(Change("", "endpoint", "added", "minor", endpoint.id, new=endpoint.title.en))
            continue
        changes += _one_endpoint(before[endpoint.id], endpoint, Change("", "endpoint", "", "patch", endpoint.id))
    for endpoint in old.endpoints:
        if endpoint.id not in after:
            changes.append(Change("", "endpoint", "removed", "major", endpoint.id, old=endpoint.title.en))
    return changes


def _one_endpoint(old: Endpoint, new: Endpoint, where: Change) -> Iterator[Change]:
    for field, value_before, value_after in (
        ("method", old.method, new.method),
        ("title.fr", old.title.fr, new.title.fr),
        ("title.en", old.title.en, new.title.en),
    ):
        if value_before != value_after:
            yield replace(
                where, change="text" if "title" in field else field, field=field, old=value_before, new=value_after
            )
    if old.pages != new.pages:
        yield replace(where, change="pages", field="pages", old=len(old.pages), new=len(new.pages))
    old_urls = {url.url: url for url in old.urls}
    new_urls = {url.url: url for url in new.urls}
    yield from _collection(where, "url", list(old_urls), list(new_urls))
    for url, item in new_urls.items():
        if url in old_urls and old_urls[url].misprint != item.misprint:
            yield replace(
                where, change="misprint", impact="major", field="urls", old=url, new=str(item.misprint).lower()
            )
    if old.tables != new.tables:
        appended = new.tables[: len(old.tables)] == old.tables
        yield replace(
            where,
            change="tables",
            impact="minor" if appended else "major",
            field="tables",
            old=" ".join(old.tables),
            new=" ".join(new.tables),
        )
    old_fields = [f"{field.name} ({field.table})" for field in old.fields]
    new_fields = [f"{field.name} ({field.table})" for field in new.fields]
    yield from _collection(where, "field", old_fields, new_fields)
    yield from _collection(where, "answer shape", _answer_shape(old), _answer_shape(new))


def _answer_shape(endpoint: Endpoint) -> list[str]:
    """What an endpoint's ``answer`` says of its answers' shape, one item per fact."""
    answer = endpoint.answer
    if answer is None:
        return []
    return ([f"items {answer.items}"] if answer.items else []) + ([] if answer.success_flag else ["no success flag"])


def disagreement_changes(old: Catalog, new: Catalog) -> list[Change]:
    from codegen.maintenance.diff import Change

    before = {item.id: item for item in old.disagreements}
    after = {item.id: item for item in new.disagreements}
    changes: list[Change] = []
    for item in new.disagreements:
        if item.id not in before:
            changes.append(Change("", "disagreement", "added", "minor", item.id, new=item.about))
        elif _content(before[item.id]) != _content(item):
            changes.append(
                Change(
                    "",
                    "disagreement",
                    "text",
                    "patch",
                    item.id,
                    field="reading",
                    old=before[item.id].reading,
                    new=item.reading,
                )
            )
    for item in old.disagreements:
        if item.id not in after:
            changes.append(Change("", "disagreement", "removed", "patch", item.id, old=item.about))
    return changes


def _content(item: Disagreement) -> tuple[object, ...]:
    return (item.kind, item.about, item.sides, item.reading, item.why)


def describe(change: Change, quoted: object) -> str | None:
    """One endpoint, disagreement or wording change as a line of Markdown; None for the other subjects."""
    assert callable(quoted)
    if change.subject in ("endpoint", "disagreement"):
        subject = f"{change.subject.capitalize()} `{change.key}`"
        if change.change == "added":
            return f"{subject} added: {quoted(change.new)}."
        if change.change == "removed":
            return f"{subject} removed."
        return f"{subject}, {change.field}: {quoted(change.old)} → {quoted(change.new)}."
    if change.change.endswith((" added", " removed")):
        noun, _, verb = change.change.partition(" ")
        value = change.new if verb == "added" else change.old
        return f"`{change.table}` code {change.key} `{change.name}`: {noun} {verb}: {quoted(value)}."
    return None
