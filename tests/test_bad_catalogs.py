"""The corpus of broken catalogs, where the validation rules are tested: each one is refused with exactly its
expected problems, and nothing is written.

Each directory of tests/bad_catalogs/ is one case: the files it holds replace those of the
fixture catalog (tests/fixtures/catalog/), and its ``expected.txt`` lists the exact problem
lines, with paths relative to the catalog directory (``#`` lines describe the case). Each
case runs over its own copy of an existing output, so that a case which writes where it
must not fails alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from codegen.catalog import load_catalog
from codegen.cli import main
from tests.conftest import MINI, ROOT, copy_catalog, output_options, run_codegen

CORPUS = ROOT / "tests" / "bad_catalogs"
BASE = MINI
# Cases named endpoints_* are built on the fixture catalog and then on this layer of endpoint data.
ENDPOINT_LAYER = CORPUS / "_endpoints"
EXPECTED = "expected.txt"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir() and not path.name.startswith("_"))


def layers(case: str) -> list[Path]:
    """The directories a case is built from, in order: the base, the endpoint layer for endpoints_*, the case."""
    return [BASE, *([ENDPOINT_LAYER] if case.startswith("endpoints_") else []), CORPUS / case]


def build_case(case: str, catalog_dir: Path) -> Path:
    """The fixture catalog with the case's files (and the endpoint layer's, for endpoints_* cases) put over it."""
    copy_catalog(catalog_dir)
    for layer in layers(case)[1:]:
        for path in layer.rglob("*"):
            if path.is_file() and path.name != EXPECTED:
                target = catalog_dir / path.relative_to(layer)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return catalog_dir


def expected_problems(case: str) -> list[str]:
    lines = (CORPUS / case / EXPECTED).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def tree_snapshot(directory: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every directory (None) under ``directory``, and the names beside it."""
    snapshot: dict[str, bytes | None] = {
        f"../{path.name}": None for path in directory.parent.iterdir()
    }  # a staging directory left beside it would show here
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory).as_posix()
        snapshot[relative] = path.read_bytes() if path.is_file() else None
    return snapshot


@pytest.fixture(scope="module")
def rendered_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both output folders rendered once from the fixture catalog (under out/)."""
    into = tmp_path_factory.mktemp("rendered") / "out"
    assert main(["render", "--catalog", str(BASE), *output_options(into)]) == 0
    return into


@pytest.fixture
def existing_output(rendered_output: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes | None]]:
    """This test's own copy of the rendered output folders, and its snapshot."""
    out = Path(shutil.copytree(rendered_output, tmp_path / "existing" / "out", symlinks=True))
    return out, tree_snapshot(out)


def test_the_fixture_catalog_is_valid_and_the_corpus_is_large(tmp_path: Path) -> None:
    catalog = load_catalog(BASE)
    assert [table.id for table in catalog.tables] == ["errors", "states"]
    errors, states = catalog.tables
    assert errors.groups and errors.has_permanent and errors.aliases and errors.code_type == "integer"
    assert states.code_type == "string" and states.has_status_flags and states.has_hints
    assert len(CASES) >= 90
    with_endpoints = load_catalog(build_case("endpoints_layer_only", tmp_path / "catalog"))
    assert [endpoint.id for endpoint in with_endpoints.endpoints] == ["sms.cancel"]
    assert len(with_endpoints.disagreements) == 2


@pytest.mark.parametrize("case", CASES)
def test_each_case_changes_the_base_and_says_what_it_breaks(case: str) -> None:
    files = [path for path in (CORPUS / case).rglob("*") if path.is_file() and path.name != EXPECTED]
    assert files, "a case holds at least one file that replaces or adds to the base"
    for path in files:
        relative = path.relative_to(CORPUS / case)
        under = [layer / relative for layer in layers(case)[:-1] if (layer / relative).exists()]
        assert not under or under[-1].read_bytes() != path.read_bytes(), path
    description = (CORPUS / case / EXPECTED).read_text(encoding="utf-8").splitlines()[0]
    assert description.startswith("# ")
    assert expected_problems(case)


@pytest.mark.parametrize("case", CASES)
def test_each_broken_catalog_is_refused_with_exactly_its_problems_and_the_output_is_untouched(
    case: str,
    tmp_path: Path,
    existing_output: tuple[Path, dict[str, bytes | None]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog_dir = build_case(case, tmp_path / "catalog")
    out, before = existing_output
    capsys.readouterr()
    status = main(["render", "--catalog", str(catalog_dir), *output_options(out)])
    captured = capsys.readouterr()
    expected = expected_problems(case)
    count = f"{len(expected)} problem{'s' if len(expected) != 1 else ''}"
    assert captured.err.splitlines() == [
        *(f"{catalog_dir}/{line}" for line in expected),
        f"error: the catalog has {count}; nothing was written.",
    ]
    assert status == 1
    assert captured.out == ""
    assert tree_snapshot(out) == before


@pytest.mark.parametrize(
    "case", ["yaml_python_object_apply", "yaml_alias_bomb", "yaml_not_utf8", "several_problems_in_two_files"]
)
def test_the_command_refuses_a_broken_catalog_without_a_traceback(
    case: str, tmp_path: Path, existing_output: tuple[Path, dict[str, bytes | None]]
) -> None:
    catalog_dir = build_case(case, tmp_path / "catalog")
    out, before = existing_output
    result = run_codegen(tmp_path, "render", "--catalog", str(catalog_dir), *output_options(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for line in expected_problems(case):
        assert f"{catalog_dir}/{line}\n" in result.stderr  # the file, the line and the rule
    assert not (tmp_path / "pwned").exists(), "a YAML tag ran a command"
    assert tree_snapshot(out) == before


# Usage errors: the command line itself is wrong, so nothing is read or written (exit 2).


def test_a_missing_catalog_directory_is_a_usage_error(
    tmp_path: Path, existing_output: tuple[Path, dict[str, bytes | None]], capsys: pytest.CaptureFixture[str]
) -> None:
    out, before = existing_output
    capsys.readouterr()
    assert main(["render", "--catalog", str(tmp_path / "nowhere"), *output_options(out)]) == 2
    assert capsys.readouterr().err == f"error: catalog directory {tmp_path / 'nowhere'} does not exist\n"
    assert tree_snapshot(out) == before


def test_a_catalog_option_naming_a_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = BASE / "catalog.yaml"
    capsys.readouterr()
    assert main(["validate", "--catalog", str(index)]) == 2
    assert capsys.readouterr().err == (
        f"error: {index} is a file; --catalog takes the catalog directory (the one holding catalog.yaml)\n"
    )


def test_an_unreadable_catalog_directory_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog_dir = build_case("index_bad_version", tmp_path / "catalog")
    catalog_dir.chmod(0)
    if os.geteuid() == 0:  # root reads any directory: make listing it fail as it would for anyone else
        import codegen.validate

        def refuse(path: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(codegen.validate.os, "scandir", refuse)
    try:
        assert main(["validate", "--catalog", str(catalog_dir)]) == 2
    finally:
        catalog_dir.chmod(0o755)
    assert capsys.readouterr().err == f"error: cannot read the catalog directory {catalog_dir}: Permission denied\n"


def test_a_catalog_directory_that_cannot_be_opened_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    looping = tmp_path / "catalog"
    looping.symlink_to(looping)  # a link to itself: opening it fails for root too
    assert main(["validate", "--catalog", str(looping)]) == 2
    assert capsys.readouterr().err == (
        f"error: cannot read the catalog directory {looping}: Too many levels of symbolic links\n"
    )


def test_an_out_option_naming_a_file_is_a_usage_error_and_the_file_is_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_directory = tmp_path / "notes.txt"
    not_a_directory.write_text("mine\n", encoding="utf-8")
    folders = ["--data-out", str(tmp_path), "--npm-out", str(tmp_path)]
    assert main(["render", "--catalog", str(BASE), "--out", str(not_a_directory), *folders]) == 2
    assert capsys.readouterr().err == (
        f"error: {not_a_directory} is a file; --out takes a directory, which the render replaces whole\n"
    )
    assert not_a_directory.read_text(encoding="utf-8") == "mine\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


# The --data-out and --npm-out options of a render whose --out a case gives.
OTHER_FOLDERS = ["--data-out", "{tmp}/data", "--npm-out", "{tmp}/npm"]


@pytest.mark.parametrize(
    "arguments",
    [
        ["render", "--catalog", "{tmp}/nowhere", "--out", "{tmp}/out", *OTHER_FOLDERS],
        ["render", "--catalog", "{base}/catalog.yaml", "--out", "{tmp}/out", *OTHER_FOLDERS],
        ["render", "--catalog", "{base}", "--out", "{base}/catalog.yaml", *OTHER_FOLDERS],
        ["render", "--catalog", "{base}", "--out", "{tmp}/out"],
        ["render", "--catalog"],
        ["render", "--colour", "red"],
        ["publish"],
        [],
    ],
)
def test_the_command_exits_2_on_usage_errors_without_a_traceback(tmp_path: Path, arguments: list[str]) -> None:
    resolved = [argument.format(tmp=tmp_path, base=BASE) for argument in arguments]
    result = run_codegen(tmp_path, *resolved)
    assert result.returncode == 2, result.stderr
    assert "error: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
