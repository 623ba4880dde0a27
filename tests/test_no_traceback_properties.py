"""Property tests: no catalog content makes the generator fail with anything but a list of located problems.

Hypothesis breaks the fixture catalog (tests/fixtures/catalog/) at random: any value replaced
by any YAML value, or a table file replaced by any text. Loading it either succeeds or
raises CatalogInvalid whose problems each name a file of the catalog and a line in it.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.catalog import load_catalog
from codegen.problems import CatalogInvalid

BASE = Path(__file__).resolve().parent / "fixtures" / "catalog"
TABLE = Path("tables") / "errors.yaml"

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.dates(),
    st.datetimes(timezones=st.just(datetime.UTC)),
    st.text(max_size=20),
    st.sampled_from(["", " ", "=", "<<", "~", "yes", "0x1F", "1_000", "2024-13-45", "I", "None", "groups"]),
)
yaml_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), st.sampled_from(["code", "name", "message", "fr"])), children),
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path into a loaded document, the root included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _replace(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    if not path:
        return value
    document[path[0]] = _replace(document[path[0]], path[1:], value)
    return document


def _assert_located_problems_or_valid(catalog_dir: Path) -> None:
    try:
        load_catalog(catalog_dir)
    except CatalogInvalid as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            assert Path(problem.location.file).is_relative_to(catalog_dir), problem
            assert problem.location.line >= 1 and problem.location.column >= 1, problem
            assert problem.message and "Traceback" not in problem.message, problem
            assert "\n" not in str(problem), "a problem is one line"


def _catalog_with(table_text: str | bytes) -> Path:
    catalog_dir = Path(tempfile.mkdtemp()) / "catalog"
    shutil.copytree(BASE, catalog_dir)
    target = catalog_dir / TABLE
    if isinstance(table_text, bytes):
        target.write_bytes(table_text)
    else:
        target.write_text(table_text, encoding="utf-8")
    return catalog_dir


@given(st.data())
def test_any_value_anywhere_gives_located_problems_or_a_valid_catalog(data: st.DataObject) -> None:
    document = yaml.safe_load((BASE / TABLE).read_text(encoding="utf-8"))
    path = data.draw(st.sampled_from(_paths(document)), label="path")
    broken = _replace(document, path, data.draw(yaml_values, label="value"))
    catalog_dir = _catalog_with(yaml.safe_dump(broken, allow_unicode=True))
    try:
        _assert_located_problems_or_valid(catalog_dir)
    finally:
        shutil.rmtree(catalog_dir.parent)


@given(st.one_of(st.text(max_size=200), st.binary(max_size=200)))
def test_any_file_content_gives_located_problems(content: str | bytes) -> None:
    catalog_dir = _catalog_with(content)
    try:
        _assert_located_problems_or_valid(catalog_dir)
    finally:
        shutil.rmtree(catalog_dir.parent)


_raw_values = st.one_of(
    st.sampled_from(
        [
            "!!bool maybe",
            "!!timestamp soon",
            "!!int [1]",
            "!!binary ===",
            "!!python/none ''",
            "*nowhere",
            "&anchor",
            "&loop [*loop]",
            "{",
            "[",
            "'",
            '"',
            "|",
            ">-",
            "? x",
            "- - -",
            "@x",
            "`x",
            "%x",
            "{<<: [1]}",
            "2024-13-45",
            "0o99",
            ".nan",
        ]
    ),
    st.text(max_size=15),
)


@given(st.data())
def test_any_raw_yaml_value_on_any_line_gives_located_problems(data: st.DataObject) -> None:
    lines = (BASE / TABLE).read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, len(lines) - 1), label="line")
    key = lines[index].partition(":")[0]
    lines[index] = f"{key}: {data.draw(_raw_values, label='value')}"
    catalog_dir = _catalog_with("\n".join(lines) + "\n")
    try:
        _assert_located_problems_or_valid(catalog_dir)
    finally:
        shutil.rmtree(catalog_dir.parent)


@settings(max_examples=40)
@given(
    depth=st.integers(0, 1_200),
    style=st.sampled_from([("[", "]"), ("{a: ", "}"), ("[{a: [", "]}]")]),
    line=st.integers(1, 4),
)
def test_values_nested_to_any_depth_give_located_problems(depth: int, style: tuple[str, str], line: int) -> None:
    """Nesting hundreds of levels deep in a file of a few KB ended in a RecursionError (issue 10, finding 5)."""
    opening, closing = style
    lines = (BASE / TABLE).read_text(encoding="utf-8").splitlines()
    lines.insert(line, "notes: " + opening * depth + closing * depth)
    catalog_dir = _catalog_with("\n".join(lines) + "\n")
    try:
        _assert_located_problems_or_valid(catalog_dir)
    finally:
        shutil.rmtree(catalog_dir.parent)
