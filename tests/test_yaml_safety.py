"""No YAML in a catalog can run code, build objects or exhaust the machine; each attempt gets a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from codegen import loader
from codegen.catalog import load_catalog
from codegen.problems import CatalogInvalid
from tests.conftest import ROOT, copy_catalog

REFUSED = "is refused; only plain YAML data is allowed (text, numbers, true/false, lists, mappings)"

# (YAML value for the first entry's English text, does PyYAML's unsafe loader run it?)
PAYLOADS = {
    "os.system": ('!!python/object/apply:os.system ["touch {sentinel}"]', True),
    "subprocess": ('!!python/object/apply:subprocess.check_call [[touch, "{sentinel}"]]', True),
    "exec": ("!!python/object/apply:builtins.exec [\"open('{sentinel}', 'w').close()\"]", True),
    "keyword arguments": ('!!python/object/apply:os.system {{args: ["touch {sentinel}"]}}', True),
    "name": ("!!python/name:os.system", False),
    "module": ("!!python/module:os", False),
    "object": ("!!python/object:argparse.Namespace {{path: x}}", False),
    "binary": ("!!binary VGhlIFNNUyB3YXMgZGVsaXZlcmVk", False),
    "local binary": ("!binary VGhlIFNNUyB3YXMgZGVsaXZlcmVk", False),
    "in a list": ('[!!python/object/apply:os.system ["touch {sentinel}"]]', True),
}


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    return copy_catalog(tmp_path / "catalog")


def _put_in_text(catalog_dir: Path, value: str) -> Path:
    table = catalog_dir / "tables" / "states.yaml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("en: The SMS was delivered", f"en: {value}", 1), encoding="utf-8")
    return table


@pytest.mark.parametrize(("payload", "executes"), PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_tag_that_builds_objects_is_refused_and_runs_nothing(
    catalog_dir: Path, tmp_path: Path, payload: str, executes: bool
) -> None:
    sentinel = tmp_path / "sentinel"
    value = payload.format(sentinel=sentinel)
    table = _put_in_text(catalog_dir, value)
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    (problem,) = caught.value.problems
    assert problem.location.file == str(table)
    assert problem.location.line == 15
    assert problem.node_path.startswith("entries[0].message.en")
    assert problem.message.endswith(REFUSED)
    assert not sentinel.exists(), "the catalog ran a command"
    if executes:  # the payload is real: PyYAML's unsafe loader does run it
        yaml.unsafe_load(f"value: {value}")
        assert sentinel.exists()


def test_the_safe_c_loader_is_used_when_libyaml_is_there() -> None:
    assert issubclass(loader._Loader, yaml.constructor.SafeConstructor)
    assert not issubclass(loader._Loader, yaml.constructor.FullConstructor)  # the base of the unsafe ones
    if yaml.__with_libyaml__:
        assert loader._Loader is yaml.CSafeLoader


def test_an_alias_bomb_is_stopped_with_a_clear_message(catalog_dir: Path) -> None:
    levels = "".join(f"lol{level}: &l{level + 1} [{', '.join([f'*l{level}'] * 10)}]\n" for level in range(9))
    table = catalog_dir / "tables" / "states.yaml"
    table.write_text("lol: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + levels, encoding="utf-8")
    with pytest.raises(CatalogInvalid) as caught:  # 10**10 values if expanded
        load_catalog(catalog_dir)
    (problem,) = caught.value.problems
    assert problem.location.file == str(table)
    assert problem.message == (
        f"the document holds more than {loader.MAX_VALUES} values once its aliases (*name) are expanded;"
        " write the data out instead"
    )


def test_aliases_that_stay_small_are_fine(catalog_dir: Path) -> None:
    table = catalog_dir / "tables" / "states.yaml"
    text = table.read_text(encoding="utf-8")
    text = text.replace("fr: Le SMS a été livré\n", "fr: &delivered Le SMS a été livré\n")
    table.write_text(text, encoding="utf-8")
    assert load_catalog(catalog_dir).tables[1].entries[0].message.fr == "Le SMS a été livré"


def test_an_oversized_file_is_refused_before_it_is_parsed(catalog_dir: Path) -> None:
    table = catalog_dir / "tables" / "states.yaml"
    padding = "# padding\n" * (loader.MAX_FILE_BYTES // 10)
    table.write_text(table.read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert table.stat().st_size > loader.MAX_FILE_BYTES
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{table}:1:1: file holds more than {loader.MAX_FILE_BYTES} bytes, the limit for a catalog file"
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "'maybe' is not a valid true/false value; quote it if it is text"),
        ("!!int twelve", "'twelve' is not a valid integer; quote it if it is text"),
        ("!!float x", "'x' is not a valid number; quote it if it is text"),
        ("!!timestamp soon", "'soon' is not a valid date; quote it if it is text"),
        ("2024-02-30", "'2024-02-30' is not a valid date; quote it if it is text"),
    ],
)
def test_a_value_its_type_cannot_read_gets_a_message(catalog_dir: Path, value: str, message: str) -> None:
    table = _put_in_text(catalog_dir, value)
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    assert [str(problem) for problem in caught.value.problems] == [f"{table}:15:11: entries[0].message.en: {message}"]


# Files that are not plain catalog files, and documents that grow when read (issue 10, findings 5 and 8).
# A regression here would hang or eat memory, so the command runs in a child process with a time limit.


def _validate_in_a_child(catalog_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", "validate", "--catalog", str(catalog_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a measure: the refusal takes milliseconds
        check=False,
    )


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (os.mkfifo, "is a FIFO (named pipe), not a regular file"),
        (lambda path: path.symlink_to("/dev/zero"), "is a symbolic link, not a regular file"),
        (lambda path: path.mkdir(), "is a directory, not a regular file"),
    ],
    ids=["FIFO", "link to /dev/zero", "directory"],
)
def test_a_table_that_is_not_a_regular_file_is_refused_without_reading_it(
    catalog_dir: Path, make: Callable[[Path], None], kind: str
) -> None:
    table = catalog_dir / "tables" / "states.yaml"
    table.unlink()
    make(table)
    result = _validate_in_a_child(catalog_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{table}:1:1: file {kind}; a catalog holds regular files only"
        " (a link could make the generator read and quote any file)"
    )
    assert "Traceback" not in result.stderr


def test_a_link_to_a_file_outside_the_catalog_is_refused_and_its_values_never_quoted(
    catalog_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: states\nenum: top-secret-value\n", encoding="utf-8")
    table = catalog_dir / "tables" / "states.yaml"
    table.unlink()
    table.symlink_to(secret)
    index = catalog_dir / "catalog.yaml"
    index.rename(tmp_path / "index.yaml")
    index.symlink_to(tmp_path / "index.yaml")
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{index}:1:1: file is a symbolic link, not a regular file; a catalog holds regular files only"
        " (a link could make the generator read and quote any file)"
    ]
    index.unlink()
    (tmp_path / "index.yaml").rename(index)
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    (problem,) = caught.value.problems
    assert problem.location.file == str(table) and "top-secret" not in str(problem)


def test_a_tables_directory_that_is_a_link_is_refused(catalog_dir: Path, tmp_path: Path) -> None:
    (catalog_dir / "tables").rename(tmp_path / "elsewhere")
    (catalog_dir / "tables").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{catalog_dir / 'catalog.yaml'}:7:3: tables: tables/ is a symbolic link;"
        " a catalog holds regular files and directories only"
    ]


def test_aliases_of_a_long_text_are_measured_in_characters(catalog_dir: Path) -> None:
    """9,000 aliases of a 240 KB text: few values, but 2 GB of text once expanded."""
    table = catalog_dir / "tables" / "states.yaml"
    text = table.read_text(encoding="utf-8").replace("en: The SMS was delivered", "en: &long " + "x" * 240_000, 1)
    table.write_text(text + "notes: [" + ", ".join(["*long"] * 9_000) + "]\n", encoding="utf-8")
    assert table.stat().st_size < loader.MAX_FILE_BYTES
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    (problem,) = caught.value.problems
    assert problem.location.file == str(table)
    assert problem.message == (
        f"the document holds more than {loader.MAX_CHARACTERS} characters of text once its aliases (*name)"
        " are expanded; write the data out instead"
    )


def test_too_many_values_without_aliases_are_not_blamed_on_aliases(catalog_dir: Path) -> None:
    table = catalog_dir / "tables" / "states.yaml"
    table.write_text(
        table.read_text(encoding="utf-8") + "notes: [" + ",".join(["0"] * loader.MAX_VALUES) + "]\n", encoding="utf-8"
    )
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(catalog_dir)
    (problem,) = caught.value.problems
    assert problem.message == (
        f"the document holds more than {loader.MAX_VALUES} values, far more than any table needs; split or shorten it"
    )
