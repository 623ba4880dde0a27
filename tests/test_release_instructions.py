"""The README's release instructions, run as written, and the version rule, checked against the history.

The commands that need the history (``codegen diff <release> ...``, ``codegen.maintenance.releases``) are read
from the README's ``sh`` blocks and run by bash, as a maintainer pastes them: in a fresh clone of this repository
without tags, and in a scratch repository whose history is known. ``.venv/bin/python`` there runs the test's
interpreter, and the generator is the work tree's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from packaging.version import Version

from codegen.maintenance.diff import bump, compare, load_source, next_version
from codegen.maintenance.releases import version_changes
from codegen.model import Catalog
from tests.conftest import copy_catalog
from tests.test_changelog import _release_headings
from tests.test_diff import EDITS, change_table, git, set_version

# A command of the instructions that reads the history: they are the ones tags used to be needed for.
HISTORY_COMMAND = re.compile(r"codegen diff |codegen\.maintenance\.releases")


def documented_commands(root: Path) -> list[tuple[int, str]]:
    """Each command line of the README's ``sh`` blocks that reads the history, with its line number."""
    commands, in_sh = [], False
    for number, line in enumerate((root / "README.md").read_text(encoding="utf-8").splitlines(), start=1):
        fence = line.strip()
        if fence.startswith("```"):
            in_sh = fence == "```sh" and not in_sh
            continue
        if in_sh and HISTORY_COMMAND.search(line):
            commands.append((number, line.strip()))
    return commands


def _venv_python(directory: Path) -> None:
    """``directory/.venv/bin/python``: the test's interpreter, as the instructions call it."""
    wrapper = directory / ".venv" / "bin" / "python"
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)


def _bash(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"} | env
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def test_the_instructions_give_the_commands_that_read_the_history(root: Path) -> None:
    commands = [command for _, command in documented_commands(root)]
    assert ".venv/bin/python -m codegen diff 2.0.0 catalog" in [command.split("  #")[0] for command in commands]
    assert any(command.startswith("git log") for command in commands)


# A fresh clone of this repository, without tags ----------------------------------------------------


@pytest.fixture(scope="module")
def fresh_clone(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (root / ".git").exists():
        pytest.skip("not a git checkout: the release instructions read the history")
    if git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        pytest.skip("a shallow clone: the release instructions need the history (git fetch --unshallow)")
    clone = tmp_path_factory.mktemp("fresh") / "clone"
    git(root, "clone", "--quiet", "--no-tags", str(root), str(clone))
    assert git(clone, "tag") == ""
    # The committed HEAD, with the work tree's generator: the instructions under test run the code under test.
    shutil.copytree(
        root / "codegen", clone / "codegen", dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__")
    )
    _venv_python(clone)
    return clone


def test_the_documented_commands_run_in_a_fresh_clone_without_tags(root: Path, fresh_clone: Path) -> None:
    for number, command in documented_commands(root):
        ran = _bash(command, fresh_clone)
        assert ran.returncode == 0, f"README.md line {number}: {command}\n{ran.stderr}"
        if " diff " in command:
            assert re.match(r"## \d|No changes between `", ran.stdout), f"README.md line {number}: {ran.stdout}"


def test_every_release_is_found_by_its_version_and_took_at_least_what_its_catalog_called_for(
    root: Path, fresh_clone: Path, catalog: Catalog
) -> None:
    """The version rule in the history: each release of CHANGELOG.md is the commit that set its version, no
    version was set without a section, and no release took less than the changes of its catalog called for
    (it may take more: the code's changes count too)."""
    released = list(reversed(_release_headings(root)))  # oldest first
    in_history = [version for _, version in version_changes(fresh_clone) if version is not None]
    assert sorted(set(in_history) - set(released)) == [], "versions set in the history without a CHANGELOG section"
    assert in_history == sorted(set(in_history), key=Version), "a version set again, or set lower than before"
    committed = [version for version in released if version in in_history]
    assert sorted(set(released) - set(committed)) in ([], [catalog.version]), "releases the history never set"
    previous: Catalog | None = None
    for version in committed:
        current, commit = load_source(version, fresh_clone)
        assert current.version == version and commit is not None
        if previous is not None:
            called_for = next_version(previous.version, bump(compare(previous, current)))
            assert Version(version) >= Version(called_for), f"{version}: its catalog's changes call for {called_for}"
            assert Version(version) > Version(previous.version)
        previous = current


# A scratch repository whose history is known -------------------------------------------------------


def test_the_documented_commands_compare_the_release_with_the_work_since(root: Path, tmp_path: Path) -> None:
    """The README's version released, a commit of work, then an edit not yet committed: the diff of the
    instructions lists both changes of the catalog, and the git log the commit since the release."""
    (number, diff_command), *_ = [item for item in documented_commands(root) if " diff " in item[1]]
    (version,) = re.findall(r" diff (\d+\.\d+\.\d+) ", diff_command)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    git(scratch, "init", "--quiet", "--initial-branch=main")
    copy_catalog(scratch / "catalog")
    set_version(scratch / "catalog", version)
    git(scratch, "add", ".")
    git(scratch, "commit", "--quiet", "-m", f"Release {version}")
    change_table(scratch / "catalog", "errors", EDITS["code added"][1])
    git(scratch, "commit", "--quiet", "-am", "A code added after the release")
    change_table(scratch / "catalog", "states", EDITS["code renamed"][1])  # not committed yet
    _venv_python(scratch)
    pythonpath = {"PYTHONPATH": str(root)}  # the generator, from the work tree: the scratch has only a catalog

    ran = _bash(diff_command, scratch, **pythonpath)
    assert ran.returncode == 0, f"README.md line {number}: {ran.stderr}"
    major = int(version.split(".")[0])
    assert ran.stdout.startswith(f"## {major + 1}.0.0\n")  # a rename breaks callers
    assert "- `errors` code 9 `TIMED_OUT` added" in ran.stdout
    assert "- `states` code `delivered` `FINISHED`: renamed from `DELIVERED`." in ran.stdout

    for number, command in documented_commands(root):
        if command.startswith("git log"):
            listed = _bash(command, scratch, **pythonpath)
            assert listed.returncode == 0, f"README.md line {number}: {listed.stderr}"
            assert [line.split(" ", 1)[1] for line in listed.stdout.splitlines()] == ["A code added after the release"]
