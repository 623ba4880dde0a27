"""Property tests: whatever texts and names a valid catalog holds, every artefact gives them back exactly.

Hypothesis writes catalogs (YAML files) whose texts mix quotes, backslashes, template
and Markdown syntax, format strings, emoji, combining accents and right-to-left text,
and whose names, class names, table ids and codes take any form the schema allows.
Each one goes through the real pipeline (load, validate, render, write), then:

- the package (this repository's runtime, with the rendered data), imported afresh, gives back every code,
  name and text;
- the JSON files parse to the same values;
- the .po and .mo files, read by Babel and by the standard library, give the same texts;
- every Markdown table keeps its shape for a CommonMark parser with GFM tables, and shows the texts;
- the generated Python compiles, and defines no function.

The number of examples comes from the Hypothesis profile (tests/conftest.py).
"""

from __future__ import annotations

import ast
import builtins
import gettext
import importlib
import io
import json
import keyword
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from codegen.catalog import load_catalog
from codegen.labels import LABELS
from codegen.model import LANGUAGES, Catalog, Language, Table, anchor_key
from codegen.render import Output, render_all
from codegen.render.gettext import POT_PATH, mo_path, po_path
from codegen.render.headers import PACKAGE
from codegen.render.json_files import table_json
from codegen.validate import (
    AMBIGUOUS_NAMES,
    MAX_TABLE_ID_LENGTH,
    RESERVED_CLASS_NAMES,
    RESERVED_NAMES,
    RESERVED_TABLE_IDS,
)
from codegen.writer import write_tree
from tests.conftest import install_runtime

# Pieces that have broken escaping somewhere, or could: mixed with random text.
NASTY_FRAGMENTS = (
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\u00e9",
    "\\\\",
    "’",
    "«\u00a0»",
    "{{ x }}",
    "{%",
    "%}",
    "{% if x %}",
    "{#",
    "|",
    "\\|",
    "*",
    "**",
    "_",
    "__init__",
    "`",
    "```",
    "~~",
    "<script>alert(1)</script>",
    "<!--",
    "&amp;",
    "&#42;",
    "[x](http://e.com)",
    "![i](x)",
    "%s",
    "%(x)s",
    "%d",
    "{0}",
    "$HOME",
    "${x}",
    "# ",
    "#, fuzzy",
    "- ",
    "+ ",
    "1. ",
    "1) ",
    "> ",
    "=",
    "<<",
    ":",
    "msgid ",
    "\ufeff",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u2066",
    "\u2028",
    "\u2029",
    "\ufffe",
    "📱",
    "👩\u200d💻",
    "🇫🇷",
    "e\u0301",
    "\u0301",
    "ﬁ",
    "ǅ",
    "עברית",
    "مرحبا",
    "中文",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
)

# Any character but the control characters (Cc) and lone surrogates (Cs) the catalog refuses.
_characters = st.characters(exclude_categories=("Cc", "Cs"))
_pieces = st.one_of(st.sampled_from(NASTY_FRAGMENTS), st.text(_characters, min_size=1, max_size=6))
# A text as the rules want it: not empty, no whitespace at either end.
texts = st.lists(_pieces, min_size=1, max_size=5).map(lambda pieces: "".join(pieces).strip()).filter(bool)

member_names = st.from_regex(r"\A[A-Z][A-Z0-9_]{0,15}\Z").filter(
    lambda name: name.lower() not in RESERVED_NAMES and name not in AMBIGUOUS_NAMES
)
# Short names, and long ones (class names have no length limit).
class_names = st.one_of(
    st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,15}\Z"), st.from_regex(r"\A[A-Z][A-Za-z0-9]{60,80}\Z")
).filter(
    lambda name: (
        name not in RESERVED_CLASS_NAMES | AMBIGUOUS_NAMES
        and not keyword.iskeyword(name)
        and not hasattr(builtins, name)
    )
)
# Short ids, and ids as long as the rules allow.
table_ids = st.one_of(
    st.from_regex(r"\A[a-z][a-z0-9_]{0,15}\Z"), st.from_regex(rf"\A[a-z][a-z0-9_]{{{MAX_TABLE_ID_LENGTH - 1}}}\Z")
).filter(lambda table_id: table_id not in RESERVED_TABLE_IDS)
versions = st.tuples(*[st.integers(0, 999)] * 3).map(lambda parts: ".".join(map(str, parts)))


@st.composite
def _text_object(draw: st.DrawFn, english_of: dict[str, str]) -> dict[str, str]:
    """A {fr, en} text; a French text already used keeps its English (a catalog rule)."""
    french = draw(texts)
    english = english_of.setdefault(french, draw(texts))
    return {"fr": french, "en": english}


@st.composite
def _table(draw: st.DrawFn, table_id: str, enum: str, group_enum: str | None, english_of: dict[str, str]) -> Any:
    integer = draw(st.booleans())
    code_strategy = st.integers(0, 2**63) if integer else texts.filter(anchor_key)
    codes = draw(st.lists(code_strategy, min_size=1, max_size=4, unique_by=anchor_key))
    names = draw(st.lists(member_names, min_size=len(codes), max_size=len(codes) + 2, unique=True))
    # An alias's anchor is its name: it must not be the anchor of another code.
    alias_names = [name for name in names[len(codes) :] if name not in {anchor_key(code) for code in codes}]
    permanent = draw(st.booleans())
    table: dict[str, Any] = {"id": table_id, "enum": enum}
    if group_enum:
        table["group_enum"] = group_enum
    table["kind"] = draw(st.sampled_from(["error", "status"]))
    table["code_type"] = "integer" if integer else "string"
    table["title"] = draw(_text_object(english_of))
    group_ids: list[int] = []
    if group_enum:
        group_ids = draw(st.lists(st.integers(0, 2**31), min_size=1, max_size=3, unique=True))
        group_names = draw(st.lists(member_names, min_size=len(group_ids), max_size=len(group_ids), unique=True))
        table["groups"] = [
            {"id": group_id, "name": name, "description": draw(_text_object(english_of))}
            for group_id, name in zip(group_ids, group_names, strict=True)
        ]
    status = table["kind"] == "status"
    entries = []
    for code, name in zip(codes, names, strict=False):
        entry = _entry(draw, code, name, group_ids, permanent, english_of)
        if status:
            # success implies final; the flags are catalog rules, not free data.
            entry["final"] = draw(st.booleans())
            entry["success"] = entry["final"] and draw(st.booleans())
        if draw(st.booleans()):
            entry["hint"] = draw(texts)
        entries.append(entry)
        if alias_names and draw(st.booleans()):
            alias = _entry(draw, code, alias_names.pop(), group_ids, permanent, english_of)
            alias["alias_of"] = name
            if status:  # an alias shares its code's state, and has no hint of its own
                alias["final"], alias["success"] = entry["final"], entry["success"]
            entries.append(alias)
    table["entries"] = entries
    return table


def _entry(
    draw: st.DrawFn, code: int | str, name: str, group_ids: list[int], permanent: bool, english_of: dict[str, str]
) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": code, "name": name}
    if group_ids:
        entry["group"] = draw(st.sampled_from(group_ids))
    if permanent:
        entry["permanent"] = draw(st.booleans())
    entry["message"] = draw(_text_object(english_of))
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """A valid catalog: its version and its tables, as the YAML files hold them."""
    count = draw(st.integers(1, 4))
    ids = draw(st.lists(table_ids, min_size=count, max_size=count, unique=True))
    classes = draw(st.lists(class_names, min_size=2 * count, max_size=2 * count, unique=True))
    english_of: dict[str, str] = {}
    tables = []
    for index, table_id in enumerate(ids):
        group_enum = classes[count + index] if draw(st.booleans()) else None
        tables.append(draw(_table(table_id, classes[index], group_enum, english_of)))
    return draw(versions), tables


def write_catalog(catalog_dir: Path, version: str, tables: list[dict[str, Any]]) -> None:
    (catalog_dir / "tables").mkdir(parents=True)
    index = {"catalog_version": version, "tables": [table["id"] for table in tables]}
    (catalog_dir / "catalog.yaml").write_text(_yaml(index), encoding="utf-8")
    for table in tables:
        (catalog_dir / "tables" / f"{table['id']}.yaml").write_text(_yaml(table), encoding="utf-8")


def _yaml(document: dict[str, Any]) -> str:
    # No line width: a folded long line would be a different text.
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=float("inf"))


def _as_written(table: Table) -> dict[str, Any]:
    """A table of the model, in the form of its YAML file."""
    document = json.loads(json.dumps(table_json(table)))
    document.pop("enum")
    # Written only by tables of the endpoint pages (these are the error page's: origin, languages by default).
    for key in ("origin", "title_language"):
        document.pop(key)
    for entry in document["entries"]:
        entry.pop("message_language")
    document.pop("group_enum", None)
    if not table.groups:
        del document["groups"]
    return {
        "id": table.id,
        "enum": table.enum,
        **({"group_enum": table.group_enum} if table.group_enum else {}),
        **document,
    }


# Checks, one per artefact ---------------------------------------------------------


@contextmanager
def imported_package(out: Path) -> Iterator[ModuleType]:
    """The package under ``out`` (runtime and rendered data), imported afresh; the previous one is put back after."""
    ours = [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]
    saved = {name: sys.modules.pop(name) for name in ours}
    sys.path.insert(0, str(out))
    importlib.invalidate_caches()
    writes_bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]
        sys.modules.update(saved)
        sys.path.remove(str(out))
        sys.path_importer_cache.pop(str(out), None)
        sys.dont_write_bytecode = writes_bytecode


def write_output(output: Output, out: Path) -> Path:
    """Both output folders under ``out``, the package's beside a copy of the runtime; the package root."""
    write_tree(output.artefacts, out / "generated")
    write_tree(output.package_data, out / "package" / PACKAGE / "_data")
    return install_runtime(out / "package")


def check_python(package_root: Path, catalog: Catalog, files: dict[str, bytes]) -> None:
    for path, content in files.items():
        if path.endswith(".py"):
            tree = ast.parse(compile(content, path, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True))
            assert not [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.Lambda)], path
    with imported_package(package_root) as package:
        assert catalog.version == package.CATALOG_VERSION
        assert tuple(table.id for table in catalog.tables) == package.TABLE_IDS
        for table in catalog.tables:
            _check_table_class(package.TABLES[table.id], table)


def _check_table_class(enum_class: Any, table: Table) -> None:
    assert enum_class.__name__ == table.enum
    assert enum_class.table_title("fr") == table.title.fr
    assert enum_class.table_title("en") == table.title.en
    assert [member.name for member in enum_class] == [entry.name for entry in table.canonical_entries]
    for entry in table.entries:
        member = getattr(enum_class, entry.name)
        assert member is enum_class(entry.code)
        assert member.code == entry.code and type(member.code) is type(entry.code)
        assert member.table == table.id
        if entry.alias_of:
            assert member.name == entry.alias_of
            (alias,) = [alias for alias in member.aliases if alias.name == entry.name]
            assert (alias.message, alias.message_in("en"), alias.message_in("fr")) == (
                entry.message.fr,
                entry.message.en,
                entry.message.fr,
            )
            continue
        assert member.name == entry.name
        assert (member.message, member.message_in("en"), member.message_in("fr")) == (
            entry.message.fr,
            entry.message.en,
            entry.message.fr,
        )
        if entry.group is not None:
            group = table.group(entry.group)
            assert (member.group.name, member.group.id) == (group.name, group.id)
            assert (member.group.description, member.group.description_in("en")) == group.description
        if entry.permanent is not None:
            assert member.permanent is entry.permanent
        assert member.hint == entry.hint
        if entry.final is not None:
            assert (member.is_final, member.is_success) == (entry.final, entry.success)


def check_json(catalog: Catalog, files: dict[str, bytes]) -> None:
    whole = json.loads(files["json/catalog.json"])
    assert whole["catalog_version"] == catalog.version
    assert [document["id"] for document in whole["tables"]] == [table.id for table in catalog.tables]
    for table, document in zip(catalog.tables, whole["tables"], strict=True):
        assert json.loads(files[f"json/{table.id}.json"]) == {
            "$comment": whole["$comment"],
            "catalog_version": catalog.version,
            **document,
        }
        assert (document["enum"], document.get("group_enum")) == (table.enum, table.group_enum)
        assert document["title"] == table.title._asdict()
        assert [(group["id"], group["name"], group["description"]) for group in document["groups"]] == [
            (group.id, group.name, group.description._asdict()) for group in table.groups
        ]
        assert [
            (entry["code"], entry["name"], entry["message"], entry.get("alias_of"), entry.get("hint"))
            for entry in document["entries"]
        ] == [(entry.code, entry.name, entry.message._asdict(), entry.alias_of, entry.hint) for entry in table.entries]
        assert [(entry.get("final"), entry.get("success")) for entry in document["entries"]] == [
            (entry.final, entry.success) for entry in table.entries
        ]


def check_gettext(catalog: Catalog, output: Output) -> None:
    texts = [use.text for use in catalog.texts()]
    files = {**output.artefacts, **output.package_data}
    template = read_po(io.BytesIO(files[POT_PATH]))
    assert {message.id for message in template if message.id} == {text.fr for text in texts}
    for language in LANGUAGES:
        expected = {text.fr: text.in_language(language) for text in texts}
        from_po = read_po(io.BytesIO(files[po_path(language)]))
        from_mo = read_mo(io.BytesIO(files[mo_path(language)]))
        stdlib = gettext.GNUTranslations(io.BytesIO(files[mo_path(language)]))
        for messages in (from_po, from_mo):
            assert {message.id: message.string for message in messages if message.id} == expected
        assert {french: stdlib.gettext(french) for french in expected} == expected


_markdown = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def check_markdown(catalog: Catalog, files: dict[str, bytes]) -> None:
    for language in LANGUAGES:
        index_tokens = _markdown.parse(files[f"docs/{language}/index.md"].decode("utf-8"))
        index_rows = _table_rows(index_tokens)
        assert [_link_text(cells[0]) for header, cells in index_rows if not header] == [
            table.title.in_language(language) for table in catalog.tables
        ]
        for table in catalog.tables:
            _check_table_page(files[f"docs/{language}/{table.id}.md"].decode("utf-8"), table, language)


def _check_table_page(page: str, table: Table, language: Language) -> None:
    tokens = _markdown.parse(page)
    headings = [tokens[index + 1] for index, token in enumerate(tokens) if token.type == "heading_open"]
    assert _plain_text(headings[0]) == table.title.in_language(language)
    groups = [table.group(group_id) for group_id in _group_runs(table)]
    assert [_plain_text(heading) for heading in headings[1:]] == [
        f"{group.name} ({'groupe' if language == 'fr' else 'group'} {group.id})" for group in groups
    ]
    paragraphs = [tokens[index + 1] for index, token in enumerate(tokens) if token.type == "paragraph_open"]
    descriptions = [_plain_text(paragraph) for paragraph in paragraphs[1:]]  # after the line of facts
    assert descriptions == [group.description.in_language(language) for group in groups]
    rows = _table_rows(tokens)
    body = [cells for header, cells in rows if not header]
    assert sum(header for header, _ in rows) == max(1, len(groups))  # a table per group
    assert len(body) == len(table.entries)
    labels = LABELS[language]
    header = [_plain_text(cell) for cell in rows[0][1]]
    message_column = header.index(labels["message"])
    for row, entry in zip(body, table.entries, strict=True):
        name_span = (row[1].children or [])[0]
        assert (name_span.type, name_span.content) == ("code_inline", entry.name)
        assert _plain_text(row[message_column]) == entry.message.in_language(language)
        if language == "en":
            assert _plain_text(row[header.index(labels["api_text"])]) == entry.message.fr
        if table.has_hints:
            assert _plain_text(row[header.index(labels["hint"])]) == (entry.hint or "")
        code_cell = [child for child in row[0].children or [] if child.type != "html_inline"]
        assert "".join(child.content for child in code_cell) == str(entry.code)


def _group_runs(table: Table) -> list[int]:
    return [group.id for group, _ in table.entry_blocks if group is not None]


def _table_rows(tokens: list[Token]) -> list[tuple[bool, list[Token]]]:
    """Each row of every table: is it a header row, and the inline token of each cell.

    Every row of a table must have as many cells as its header.
    """
    tables: list[list[tuple[bool, list[Token]]]] = []
    for index, token in enumerate(tokens):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append((tokens[index + 1].type == "th_open", []))
        elif token.type in {"th_open", "td_open"}:
            tables[-1][-1][1].append(tokens[index + 1])
    assert tables, "the page has no table"
    for rows in tables:
        assert len({len(cells) for _, cells in rows}) == 1, [len(cells) for _, cells in rows]
    return [row for rows in tables for row in rows]


def _link_text(inline: Token) -> str:
    """The text of a cell that is one link."""
    children = inline.children or []
    assert [children[0].type, children[-1].type] == ["link_open", "link_close"], children
    return _plain_text(Token("inline", "", 0, children=children[1:-1]))


def _plain_text(inline: Token) -> str:
    children = inline.children or []
    assert all(child.type == "text" for child in children), [(child.type, child.content) for child in children]
    return "".join(child.content for child in children)


# The property -------------------------------------------------------------------


@pytest.mark.timeout(900)  # 200 catalogs in CI
def test_every_text_and_name_round_trips_through_every_artefact(tmp_path: Path) -> None:
    rendered: list[Path] = []

    @given(catalogs())
    def round_trip(generated: tuple[str, list[dict[str, Any]]]) -> None:
        version, tables = generated
        example = Path(tempfile.mkdtemp(prefix="example-", dir=tmp_path))
        write_catalog(example / "catalog", version, tables)
        catalog = load_catalog(example / "catalog")
        assert [_as_written(table) for table in catalog.tables] == tables, "the YAML files gave back other values"
        output = render_all(catalog)
        rendered.append(write_output(output, example / "out"))
        check_python(rendered[-1], catalog, output.package_data)
        check_json(catalog, output.artefacts)
        check_gettext(catalog, output)
        check_markdown(catalog, output.artefacts)

    round_trip()
    assert len(rendered) >= settings().max_examples  # every example ran (25, or 200 in CI: see tests/conftest.py)


# Catalogs the property found broken, kept as examples -------------------------------


def _status_table(table_id: str, enum: str) -> dict[str, Any]:
    title = {"fr": f"Table {table_id}", "en": f"Table {table_id}"}
    entry = {"code": "DONE", "name": "DONE", "final": True, "success": True, "message": {"fr": "Fait", "en": "Done"}}
    return {"id": table_id, "enum": enum, "kind": "status", "code_type": "string", "title": title, "entries": [entry]}


def _example_table(table_id: str, enum: str, group_enum: str | None = None, code: int = 1) -> dict[str, Any]:
    table: dict[str, Any] = {"id": table_id, "enum": enum}
    if group_enum:
        table["group_enum"] = group_enum
    table.update(kind="error", code_type="integer", title={"fr": f"Table {table_id}", "en": f"Table {table_id}"})
    if group_enum:
        table["groups"] = [{"id": 0, "name": "ALL", "description": {"fr": "Tous", "en": "All"}}]
    entry: dict[str, Any] = {"code": code, "name": "FAILED"}
    if group_enum:
        entry["group"] = 0
    table["entries"] = [{**entry, "message": {"fr": '« Échec » \\ """', "en": "Failed 'quote'"}}]
    return table


BROKEN_BEFORE = {
    # Catalogs that broke the formatter-shaped output the generator once wrote; they must still round-trip.
    "one table": [_example_table("a", "Failure")],
    "names that sort as numbers": [
        _example_table("a10", "F"),
        _example_table("a9", "Code10", "Code10Group"),
        _example_table("a09", "Code9", "Code09Group"),
        _example_table("b", "CODE", "A"),
    ],
    "long names": [
        _example_table(f"t{index}_{'x' * 37}", f"E{index}{'x' * 90}", f"G{index}{'x' * 90}") for index in range(4)
    ],
    # Only status tables: no exception class at all.
    "no error table": [_status_table("s", "State")],
    # Error tables with string codes only: no table reads "10" as code 10.
    "no integer error table": [
        {
            **_example_table("e", "Failure"),
            "code_type": "string",
            "entries": [
                {"code": "E1", "name": "FAILED", "message": {"fr": "Échec", "en": "Failed"}, "hint": "Try again later."}
            ],
        }
    ],
}


@pytest.mark.parametrize("tables", BROKEN_BEFORE.values(), ids=BROKEN_BEFORE.keys())
def test_catalogs_that_once_broke_the_generated_code_now_round_trip(tmp_path: Path, tables: list[Any]) -> None:
    write_catalog(tmp_path / "catalog", "1.0.0", tables)
    catalog = load_catalog(tmp_path / "catalog")
    output = render_all(catalog)
    package_root = write_output(output, tmp_path / "out")
    check_python(package_root, catalog, output.package_data)
    check_json(catalog, output.artefacts)
    check_gettext(catalog, output)
    check_markdown(catalog, output.artefacts)
