"""The catalog's endpoint data: shared definitions, endpoints and disagreements, and their rules.

Three optional files beside ``catalog.yaml``:

* ``definitions.yaml``: entries many tables of the endpoint pages repeat word for word,
  written once; a table entry takes one with ``include: <id>`` and adds its sources;
* ``endpoints.yaml``: every documented endpoint, its URLs, pages and tables in order;
* ``disagreements.yaml``: every place SMSPartner's sources disagree, with both sources and
  the reading the package presents.

``codegen.catalog.load_catalog`` calls this module; every problem is located in its file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from codegen.loader import LoadedFile, NodePath, load_mapping
from codegen.model import (
    Catalog,
    Disagreement,
    DisagreementSide,
    Endpoint,
    EndpointAnswer,
    EndpointField,
    EndpointUrl,
    Entry,
    Table,
    Text,
)
from codegen.problems import Problem, format_node_path
from codegen.resolve import candidates
from codegen.sources import compact_problem, expand, page_of
from codegen.urls import PRODUCT_HOSTS, host, shape
from codegen.validate import _CONTROL_CHARACTERS, _check_name, _check_schema
from codegen.wording import normalise, same_wording

DEFINITIONS_FILE = "definitions.yaml"
ENDPOINTS_FILE = "endpoints.yaml"
DISAGREEMENTS_FILE = "disagreements.yaml"
SEED_PAGE = "error-codes.fr.md"


class Definitions(NamedTuple):
    """The shared definitions by id, the file they come from, and which ones tables include."""

    by_id: dict[str, tuple[int, dict[str, Any]]]
    file: LoadedFile | None
    used: set[str]


def _problem(loaded: LoadedFile, node_path: NodePath, message: str) -> Problem:
    return Problem(loaded.where(node_path), format_node_path(node_path), message)


def _text_problems(
    loaded: LoadedFile, node_path: NodePath, text: str, *, spaces_allowed: bool = False
) -> list[Problem]:
    found = []
    if not spaces_allowed and text != text.strip():
        found.append(_problem(loaded, node_path, "text has leading or trailing whitespace"))
    controls = sorted({f"U+{ord(char):04X}" for char in _CONTROL_CHARACTERS.findall(text)})
    if controls:
        found.append(
            _problem(
                loaded, node_path, f"text contains control characters ({', '.join(controls)}); write it on one line"
            )
        )
    return found


# Shared definitions ------------------------------------------------------------------


def load_definitions(catalog_dir: Path, problems: list[Problem]) -> Definitions:
    path = catalog_dir / DEFINITIONS_FILE
    if not path.exists():
        return Definitions({}, None, set())
    loaded = load_mapping(path, problems)
    if loaded is None or not _check_schema(loaded, "definitions.schema.json", problems):
        return Definitions({}, loaded, set())
    by_id: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, definition in enumerate(loaded.data["definitions"]):
        node_path: NodePath = ("definitions", index)
        if definition["id"] in by_id:
            first = by_id[definition["id"]][0]
            problems.append(_problem(loaded, (*node_path, "id"), f"id {definition['id']} repeats definitions[{first}]"))
            continue
        by_id[definition["id"]] = (index, definition)
        problems.extend(_check_name(definition["name"], (*node_path, "name"), _reporter(loaded)))
        for key in ("fr", "en"):
            problems += _text_problems(loaded, (*node_path, "message", key), definition["message"][key])
        if "hint" in definition:
            problems += _text_problems(loaded, (*node_path, "hint"), definition["hint"])
    return Definitions(by_id, loaded, set())


def _reporter(loaded: LoadedFile) -> Any:
    return lambda node_path, message: _problem(loaded, node_path, message)


def expand_includes(loaded: LoadedFile, definitions: Definitions) -> list[Problem]:
    """Replace each ``include`` entry of the table by its definition plus the entry's own keys."""
    found: list[Problem] = []
    entries: list[dict[str, Any]] = loaded.data["entries"]
    for index, entry in enumerate(entries):
        if "include" not in entry:
            continue
        node_path: NodePath = ("entries", index, "include")
        if loaded.data.get("origin", "error_page") == "error_page":
            found.append(
                _problem(
                    loaded,
                    node_path,
                    "a table of the error page keeps its own rows; include belongs to tables of the endpoint pages",
                )
            )
            continue
        known = definitions.by_id.get(entry["include"])
        if known is None:
            where = f"{DEFINITIONS_FILE}" if definitions.file is not None else f"{DEFINITIONS_FILE} (there is none)"
            found.append(_problem(loaded, node_path, f"definition {entry['include']} is not in {where}"))
            continue
        definitions.used.add(entry["include"])
        definition = known[1]
        merged: dict[str, Any] = {
            key: definition[key] for key in ("code", "name", "hint", "message") if key in definition
        }
        merged.update(entry)
        entries[index] = merged
    return found


# Rules of one table ------------------------------------------------------------------


def check_table(loaded: LoadedFile) -> list[Problem]:
    """Rules of the fields this module adds: origin, sources, variants, spellings."""
    data: dict[str, Any] = loaded.data
    found: list[Problem] = []
    seed = data.get("origin", "error_page") == "error_page"
    if seed and "fr" not in data["title"]:
        found.append(_problem(loaded, ("title",), "a table of the error page has its French title (title.fr)"))
    codes = {str(entry["code"]) for entry in data["entries"]}
    spelled: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(data["entries"]):
        node_path: NodePath = ("entries", index)
        message = entry["message"]
        if seed and "fr" not in message:
            found.append(
                _problem(loaded, (*node_path, "message"), "an entry of the error page has its French text (message.fr)")
            )
        if not seed and "sources" not in entry:
            found.append(
                _problem(
                    loaded, node_path, "an entry of a table of the endpoint pages says where they document it (sources)"
                )
            )
        found += _check_variants(loaded, node_path, entry)
        if entry.get("renamed") and "alias_of" not in entry:
            found.append(
                _problem(
                    loaded, (*node_path, "renamed"), "renamed marks a former name kept as an alias: give its alias_of"
                )
            )
        found += _compact(loaded, (*node_path, "sources"), entry.get("sources", []))
        for position, spelling in enumerate(entry.get("spellings", [])):
            spelling_path: NodePath = (*node_path, "spellings", position, "value")
            value, field = spelling["value"], spelling["field"]
            found += _text_problems(loaded, spelling_path, value, spaces_allowed=True)
            found += _compact(loaded, (*node_path, "spellings", position, "sources"), spelling["sources"])
            own = str(entry["code"]) if field == "code" else entry["name"]
            if value == own or (field == "code" and value in codes):
                found.append(_problem(loaded, spelling_path, f"spelling {value!r} is already a {field} of this table"))
            elif (field, value) in spelled:
                found.append(
                    _problem(loaded, spelling_path, f"spelling {value!r} repeats entries[{spelled[field, value]}]")
                )
            spelled.setdefault((field, value), index)
    return found


def _compact(loaded: LoadedFile, node_path: NodePath, sources: list[str]) -> list[Problem]:
    problem = compact_problem(sources)
    return [] if problem is None else [_problem(loaded, (*node_path, problem[0]), problem[1])]


def _check_variants(loaded: LoadedFile, node_path: NodePath, entry: dict[str, Any]) -> list[Problem]:
    found: list[Problem] = []
    message = entry["message"]
    record = message.get("fr") or message.get("upstream_en")
    seen: dict[str, int] = {}
    for position, variant in enumerate(entry.get("variants", [])):
        variant_path: NodePath = (*node_path, "variants", position, "text")
        text = variant["text"]
        found += _text_problems(loaded, variant_path, text)
        if text in seen:
            found.append(_problem(loaded, variant_path, f"variant repeats variants[{seen[text]}]"))
        elif record is not None and same_wording(text, record):
            found.append(
                _problem(
                    loaded,
                    variant_path,
                    f"variant is the entry's own wording once matched ({normalise(text)!r}); the matching rule already"
                    " finds it, so it is no variant",
                )
            )
        seen.setdefault(text, position)
    return found


# Endpoints and disagreements ------------------------------------------------------------


class _Context(NamedTuple):
    tables: dict[str, Table]
    table_files: dict[str, LoadedFile]
    # Tables the index lists but that did not load: their own problems are reported, so a
    # reference to them is not one more problem.
    failed: frozenset[str] = frozenset()

    def refers_to_failed(self, reference: str) -> bool:
        return reference.partition(".")[0] in self.failed


def load_endpoint_data(
    catalog_dir: Path,
    tables: list[Table],
    checked: list[LoadedFile],
    definitions: Definitions,
    problems: list[Problem],
    *,
    listed: list[str] | None = None,
) -> tuple[tuple[Endpoint, ...], tuple[Disagreement, ...]]:
    """Check and model the endpoints and disagreements; ``listed`` are the table ids of the index."""
    failed = frozenset(set(listed or []) - {table.id for table in tables})
    context = _Context({table.id: table for table in tables}, {file.data["id"]: file for file in checked}, failed)
    if definitions.file is not None and definitions.by_id and not failed:
        for definition_id, (index, _) in definitions.by_id.items():
            if definition_id not in definitions.used:
                problems.append(
                    _problem(
                        definitions.file,
                        ("definitions", index, "id"),
                        f"definition {definition_id} is included by no table",
                    )
                )
    problems.extend(_check_variant_translations(context))
    endpoints_file = _optional(catalog_dir / ENDPOINTS_FILE, "endpoints.schema.json", problems)
    endpoints: tuple[Endpoint, ...] = ()
    if endpoints_file is not None:
        found = list(_check_endpoints(endpoints_file, context))
        problems.extend(found)
        # Built even when a rule is broken, so that the disagreements are checked against them.
        endpoints = tuple(_build_endpoint(raw) for raw in endpoints_file.data["endpoints"])
        if not found and not failed:
            problems.extend(_check_table_use(endpoints, context, endpoints_file))
    elif any(not table.is_seed for table in tables):
        problems.append(
            Problem(
                context.table_files[next(table.id for table in tables if not table.is_seed)].where(("origin",)),
                "origin",
                f"a table of the endpoint pages needs {ENDPOINTS_FILE}, which names the endpoints that use it",
            )
        )
    disagreements_file = _optional(catalog_dir / DISAGREEMENTS_FILE, "disagreements.schema.json", problems)
    disagreements: tuple[Disagreement, ...] = ()
    if disagreements_file is not None:
        found = list(_check_disagreements(disagreements_file, context, endpoints))
        problems.extend(found)
        if not found:
            disagreements = tuple(_build_disagreement(raw) for raw in disagreements_file.data["disagreements"])
    if endpoints_file is not None and not problems:
        problems.extend(_check_explained(endpoints, disagreements, context, endpoints_file))
    return endpoints, disagreements


def _optional(path: Path, schema: str, problems: list[Problem]) -> LoadedFile | None:
    if not path.exists():
        return None
    loaded = load_mapping(path, problems)
    if loaded is None or not _check_schema(loaded, schema, problems):
        return None
    return loaded


def _check_variant_translations(context: _Context) -> Iterator[Problem]:
    """A variant is a gettext message id: one text, one English, whichever entry gives it."""
    english: dict[str, tuple[str, str]] = {}
    for table in context.tables.values():
        for entry in table.entries:
            if entry.message_language is not None:
                english.setdefault(entry.message.fr, (entry.message.en, f"{table.id}.{entry.name}"))
    for table_id, table in context.tables.items():
        for index, entry in enumerate(table.entries):
            for position, variant in enumerate(entry.variants):
                first_english, first_place = english.setdefault(
                    variant.text, (entry.message.en, f"{table_id}.{entry.name}")
                )
                if first_english != entry.message.en:
                    yield _problem(
                        context.table_files[table_id],
                        ("entries", index, "variants", position, "text"),
                        f"this wording is also {first_place}'s, whose English differs; gettext translates a wording"
                        " to one English text, so give both entries the same English",
                    )


def _check_endpoints(loaded: LoadedFile, context: _Context) -> Iterator[Problem]:
    seen_ids: dict[str, int] = {}
    page_owner: dict[str, str] = {}
    for index, raw in enumerate(loaded.data["endpoints"]):
        node_path: NodePath = ("endpoints", index)

        def problem(sub_path: NodePath, message: str, node_path: NodePath = node_path) -> Problem:
            return _problem(loaded, (*node_path, *sub_path), message)

        if raw["id"] in seen_ids:
            yield problem(("id",), f"endpoint {raw['id']} repeats endpoints[{seen_ids[raw['id']]}]")
        seen_ids.setdefault(raw["id"], index)
        for position, page in enumerate(raw["pages"]):
            if page in page_owner and page_owner[page] != raw["id"]:
                yield problem(
                    ("pages", position),
                    f"page {page} already documents {page_owner[page]}; a page documents one endpoint",
                )
            page_owner.setdefault(page, raw["id"])
        yield from _check_endpoint_shape(raw, problem)
        yield from _check_endpoint_urls(raw, problem)
        yield from _check_endpoint_tables(raw, context, problem)


def _check_endpoint_shape(raw: dict[str, Any], problem: Any) -> Iterator[Problem]:
    if raw["kind"] == "call":
        for key in ("method", "urls"):
            if key not in raw:
                yield problem((), f"a call endpoint gives its {key}")
    has_table = bool(raw.get("tables")) or bool(raw.get("fields"))
    if not has_table and "no_codes" not in raw:
        yield problem(
            (), "endpoint has no table: list its tables (or fields), or say in no_codes why its pages document none"
        )
    if has_table and "no_codes" in raw:
        yield problem(("no_codes",), "no_codes is for an endpoint without tables; this one has some")
    for key in ("fr", "en"):
        if key in raw["title"]:
            text = raw["title"][key]
            if text != text.strip() or _CONTROL_CHARACTERS.search(text):
                yield problem(("title", key), "text has leading or trailing whitespace or control characters")


def _check_endpoint_urls(raw: dict[str, Any], problem: Any) -> Iterator[Problem]:
    product = raw["id"].partition(".")[0]
    shapes: dict[str, int] = {}
    pages = set(raw["pages"])
    for position, item in enumerate(raw.get("urls", [])):
        url_path: NodePath = ("urls", position)
        url_shape = shape(item["url"])
        if url_shape in shapes:
            yield problem((*url_path, "url"), f"URL {item['url']} repeats urls[{shapes[url_shape]}]")
        shapes.setdefault(url_shape, position)
        if not item.get("misprint") and host(item["url"]) != PRODUCT_HOSTS[product]:
            yield problem(
                (*url_path, "url"),
                f"a {product} endpoint is served from {PRODUCT_HOSTS[product]}, not {host(item['url'])};"
                " a URL the pages print for it by mistake is marked misprint: true",
            )
        yield from _check_source_pages(item["sources"], pages, problem, (*url_path, "sources"))
        if compacted := compact_problem(item["sources"]):
            yield problem((*url_path, "sources", compacted[0]), compacted[1])
    for position, field in enumerate(raw.get("fields", [])):
        yield from _check_source_pages(field.get("sources", []), pages, problem, ("fields", position, "sources"))
    if "answer" in raw:
        yield from _check_source_pages(raw["answer"]["sources"], pages, problem, ("answer", "sources"))


def _check_source_pages(
    sources: Iterable[str], pages: set[str], problem: Any, node_path: NodePath
) -> Iterator[Problem]:
    for position, source in enumerate(sources):
        page = page_of(source)
        if page not in pages:
            yield problem((*node_path, position), f"{page} is not one of the endpoint's pages")


def _check_endpoint_tables(raw: dict[str, Any], context: _Context, problem: Any) -> Iterator[Problem]:
    for position, table_id in enumerate(raw.get("tables", [])):
        table = context.tables.get(table_id)
        if table is None and table_id in context.failed:
            continue
        if table is None:
            yield problem(("tables", position), f"table {table_id} is not in the catalog")
        elif table.kind != "error":
            yield problem(
                ("tables", position),
                f"table {table_id} lists {table.kind} values, not the codes of answers; list it under fields",
            )
    for position, field in enumerate(raw.get("fields", [])):
        table = context.tables.get(field["table"])
        if table is None and field["table"] in context.failed:
            continue
        if table is None:
            yield problem(("fields", position, "table"), f"table {field['table']} is not in the catalog")
        elif field["key"] == "group" and not table.groups:
            yield problem(("fields", position, "key"), f"table {field['table']} has no groups")


def _build_endpoint(raw: dict[str, Any]) -> Endpoint:
    title = raw["title"]
    return Endpoint(
        id=raw["id"],
        kind=raw["kind"],
        method=raw.get("method"),
        title=Text(title.get("fr", title["en"]), title["en"]),
        pages=tuple(raw["pages"]),
        urls=tuple(
            EndpointUrl(item["url"], expand(item["sources"]), item.get("misprint", False))
            for item in raw.get("urls", [])
        ),
        tables=tuple(raw.get("tables", [])),
        fields=tuple(
            EndpointField(item["name"], item["table"], item["key"], expand(item.get("sources", [])))
            for item in raw.get("fields", [])
        ),
        no_codes=raw.get("no_codes"),
        title_in_french="fr" in title,
        answer=_build_answer(raw.get("answer")),
    )


def _build_answer(raw: dict[str, Any] | None) -> EndpointAnswer | None:
    if raw is None:
        return None
    return EndpointAnswer(raw.get("items"), raw.get("success_flag", True), expand(raw["sources"]))


def _check_table_use(
    endpoints: tuple[Endpoint, ...], context: _Context, endpoints_file: LoadedFile
) -> Iterator[Problem]:
    """A table of the endpoint pages is used by an endpoint, and its sources are that endpoint's pages."""
    pages_of_table: dict[str, set[str]] = {}
    for endpoint in endpoints:
        used = [*endpoint.tables, *(field.table for field in endpoint.fields)]
        for table_id in used:
            pages_of_table.setdefault(table_id, set()).update(endpoint.pages)
    for table_id, table in context.tables.items():
        loaded = context.table_files[table_id]
        if table.is_seed:
            continue
        if table_id not in pages_of_table:
            yield _problem(loaded, ("id",), f"table {table_id} is used by no endpoint of {ENDPOINTS_FILE}")
            continue
        pages = pages_of_table[table_id]
        for index, entry in enumerate(table.entries):
            for position, source in enumerate(entry.sources):
                if source.rpartition(":")[0] not in pages:
                    yield _problem(
                        loaded,
                        ("entries", index, "sources", position),
                        f"{source.rpartition(':')[0]} is not a page of the endpoints that use table {table_id}",
                    )


def _entry_ref(reference: str, context: _Context) -> tuple[Table, Entry] | None:
    table_id, _, name = reference.partition(".")
    table = context.tables.get(table_id)
    if table is None:
        return None
    entry = next((entry for entry in table.entries if entry.name == name), None)
    return None if entry is None else (table, entry)


def _check_disagreements(loaded: LoadedFile, context: _Context, endpoints: tuple[Endpoint, ...]) -> Iterator[Problem]:
    by_id = {endpoint.id: endpoint for endpoint in endpoints}
    seen: dict[str, int] = {}
    for index, raw in enumerate(loaded.data["disagreements"]):
        node_path: NodePath = ("disagreements", index)
        if raw["id"] in seen:
            yield _problem(
                loaded, (*node_path, "id"), f"disagreement {raw['id']} repeats disagreements[{seen[raw['id']]}]"
            )
        seen.setdefault(raw["id"], index)
        named: list[str] = []
        entries: list[tuple[Table, Entry]] = []
        broken = False
        for position, side in enumerate(raw["sides"]):
            side_path: NodePath = (*node_path, "sides", position)
            if "entry" in side and context.refers_to_failed(side["entry"]):
                broken = True
                continue
            problems = list(_check_side(side, context, by_id, loaded, side_path))
            yield from problems
            if problems:
                broken = True
                continue
            if "entry" in side:
                found = _entry_ref(side["entry"], context)
                assert found is not None
                entries.append(found)
                named.append(side["entry"])
            if "url" in side:
                named.append(side["url"])
            if not {"entry", "url", "says"} & set(side):
                yield _problem(loaded, side_path, "a side gives its entry, its url, or what it says")
        if broken:
            continue  # the side's problem is reported; the rules between sides would only echo it
        if "reading" in raw and raw["reading"] not in named:
            yield _problem(
                loaded, (*node_path, "reading"), f"the reading {raw['reading']} is not the entry or URL of a side"
            )
            continue
        yield from _check_kind(raw, entries, endpoints, loaded, node_path)


def _check_side(
    side: dict[str, Any], context: _Context, endpoints: dict[str, Endpoint], loaded: LoadedFile, side_path: NodePath
) -> Iterator[Problem]:
    page = side["source"].rpartition(":")[0]
    if "entry" in side:
        found = _entry_ref(side["entry"], context)
        if found is None:
            yield _problem(loaded, (*side_path, "entry"), f"entry {side['entry']} is not in the catalog")
        else:
            table, entry = found
            documented = side["source"] in entry.sources or (table.is_seed and page == SEED_PAGE)
            if not documented:
                yield _problem(loaded, (*side_path, "source"), f"{side['source']} is not a source of {side['entry']}")
    if "endpoint" in side:
        endpoint = endpoints.get(side["endpoint"])
        if endpoint is None:
            yield _problem(loaded, (*side_path, "endpoint"), f"endpoint {side['endpoint']} is not in {ENDPOINTS_FILE}")
        elif "url" in side:
            url = next((item for item in endpoint.urls if item.url == side["url"]), None)
            if url is None:
                yield _problem(loaded, (*side_path, "url"), f"URL {side['url']} is not one of {endpoint.id}'s")
            elif side["source"] not in url.sources:
                yield _problem(
                    loaded, (*side_path, "source"), f"{side['source']} is not a source of {endpoint.id}'s URL {url.url}"
                )
    elif "url" in side:
        yield _problem(loaded, (*side_path, "url"), "a side with a url names its endpoint")


def _check_kind(
    raw: dict[str, Any],
    entries: list[tuple[Table, Entry]],
    endpoints: tuple[Endpoint, ...],
    loaded: LoadedFile,
    node_path: NodePath,
) -> Iterator[Problem]:
    kind = raw["kind"]
    codes = {str(entry.code) for _, entry in entries}
    if kind in ("meaning", "code") and len(entries) < 2:
        yield _problem(loaded, (*node_path, "sides"), f"a {kind} disagreement names the entries of at least two sides")
        return
    if kind == "meaning" and len(codes) > 1:
        yield _problem(
            loaded,
            (*node_path, "sides"),
            f"a meaning disagreement is about one code; its sides give {', '.join(sorted(codes))}",
        )
    if kind == "code" and len(codes) < 2:
        yield _problem(
            loaded,
            (*node_path, "sides"),
            "a code disagreement is about one meaning under two codes; its sides give one code",
        )
    if kind == "url" and sum("url" in side for side in raw["sides"]) < 2:
        yield _problem(loaded, (*node_path, "sides"), "a url disagreement names the URL of at least two sides")
    if kind == "meaning" and len(codes) == 1 and "reading" not in raw:
        yield _problem(loaded, node_path, "a meaning disagreement says which reading the package presents (reading)")
    if kind == "meaning" and len(codes) == 1 and "reading" in raw:
        yield from _check_reading(raw["reading"], entries, endpoints, loaded, (*node_path, "reading"))


def _check_reading(
    reading: str,
    entries: list[tuple[Table, Entry]],
    endpoints: tuple[Endpoint, ...],
    loaded: LoadedFile,
    node_path: NodePath,
) -> Iterator[Problem]:
    """Where an endpoint reads every side's table, the resolution rule must give the reading."""
    table_ids = {table.id for table, _ in entries}
    code = entries[0][1].code
    catalog = Catalog("0.0.0", tuple({table.id: table for table, _ in entries}.values()))
    for endpoint in endpoints:
        if not table_ids <= set(endpoint.tables):
            continue
        own = endpoint._replace(tables=tuple(table_id for table_id in endpoint.tables if table_id in table_ids))
        first = candidates(catalog, own, code)[0]
        if f"{first[0].id}.{first[1].name}" != reading:
            yield _problem(
                loaded,
                node_path,
                f"on {endpoint.id} the rule (own table first, canonical entry before aliases) gives"
                f" {first[0].id}.{first[1].name}, not {reading}; reorder the tables or entries, or change the reading",
            )


def _build_disagreement(raw: dict[str, Any]) -> Disagreement:
    return Disagreement(
        id=raw["id"],
        kind=raw["kind"],
        about=raw["about"],
        sides=tuple(
            DisagreementSide(side["source"], side.get("entry"), side.get("endpoint"), side.get("url"), side.get("says"))
            for side in raw["sides"]
        ),
        why=raw["why"],
        reading=raw.get("reading"),
    )


def _check_explained(
    endpoints: tuple[Endpoint, ...],
    disagreements: tuple[Disagreement, ...],
    context: _Context,
    endpoints_file: LoadedFile,
) -> Iterator[Problem]:
    """A second meaning of a code (an alias in a table of the endpoint pages) and a misprinted URL are explained."""
    named_entries = {side.entry for item in disagreements for side in item.sides if side.entry}
    named_urls = {(side.endpoint, side.url) for item in disagreements for side in item.sides if side.url}
    for table_id, table in context.tables.items():
        if table.is_seed:
            continue
        for index, entry in enumerate(table.entries):
            if entry.is_alias and f"{table_id}.{entry.name}" not in named_entries:
                yield _problem(
                    context.table_files[table_id],
                    ("entries", index, "alias_of"),
                    f"a second meaning of code {entry.code} is explained by a disagreement of {DISAGREEMENTS_FILE}",
                )
    for index, endpoint in enumerate(endpoints):
        for position, url in enumerate(endpoint.urls):
            if url.misprint and (endpoint.id, url.url) not in named_urls:
                yield _problem(
                    endpoints_file,
                    ("endpoints", index, "urls", position, "misprint"),
                    f"a misprinted URL is explained by a url disagreement of {DISAGREEMENTS_FILE}",
                )
