"""The sdist and the release build (``make dist``: ``python -m codegen.maintenance.dist``).

The sdist holds every file of the repository (tracked, or new and not ignored), its links to
directories as links, and nothing else; two builds give the same bytes; unpacked alone, it
renders exactly the generated files it holds, its catalog agrees with its vendored pages, its
tests run, and it builds the work tree's wheel byte for byte. The release build is run once for
the module, into a temporary ``dist``.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from codegen.maintenance.dist import EXIT_OK, BuildFailed, build, main, unpack_sdist, wheel_differences
from codegen.model import Catalog

# Four builds (sdist, the wheel from it, the work tree's wheel twice) on a busy machine.
pytestmark = pytest.mark.timeout(300)


@dataclass(frozen=True)
class Release:
    sdist: Path
    wheel: Path  # built from the sdist alone
    unpacked: Path  # the sdist's top directory, unpacked
    report: str  # what the command printed


@pytest.fixture(scope="module")
def release(root: Path, tmp_path_factory: pytest.TempPathFactory) -> Release:
    out = tmp_path_factory.mktemp("dist")
    previous = Path.cwd()
    os.chdir(root)  # the command builds the project it is run in, as `make dist` runs it
    try:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            status = main([str(out)])
    finally:
        os.chdir(previous)
    assert status == EXIT_OK, printed.getvalue()
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    unpacked = unpack_sdist(sdist, tmp_path_factory.mktemp("unpacked"))
    return Release(sdist, wheel, unpacked, printed.getvalue())


def _sdist_members(sdist: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(sdist) as archive:
        return {member.name.partition("/")[2]: member for member in archive.getmembers()}


def _committable(root: Path) -> dict[str, str | None]:
    """The files git tracks in ``root``, and those it would add (not ignored): each path, with its link
    target for a symbolic link, else None. A new file counts before it is committed."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    paths = sorted(set(filter(None, listed.split("\0"))))
    return {path: os.readlink(root / path) if (root / path).is_symlink() else None for path in paths}


# What the sdist holds ---------------------------------------------------------------------------


def test_the_sdist_holds_every_file_of_the_repository_and_nothing_else(release: Release, root: Path) -> None:
    """Everything a rebuild and the tests need: the catalog with its vendored pages, the generator and its
    templates, the generated files with their markers, the tests, docs, Makefile, requirements, licence."""
    if not (root / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist, say): nothing to compare the sdist with")
    members = _sdist_members(release.sdist)
    in_sdist = {name: (member.linkname if member.issym() else None) for name, member in members.items()}
    assert in_sdist.pop("PKG-INFO") is None
    committable = _committable(root)
    assert sorted(set(committable) - set(in_sdist)) == [], "files of the repository missing from the sdist"
    assert sorted(set(in_sdist) - set(committable)) == [], "files in the sdist that git ignores"
    assert in_sdist == committable  # links as links, to the same targets
    for must in (
        "catalog/upstream/error-codes.fr.md",
        "codegen/templates",
        "generated/.codegen-output",
        "src/smspartner_codes/_data/.codegen-output",
        "tests/conftest.py",
        "CHANGELOG.md",
        "LICENSE",
        "NOTICE",
        "Makefile",
        "requirements/render.txt",
    ):
        assert any(name == must or name.startswith(must + "/") for name in in_sdist), must


def test_the_sdist_keeps_the_links_into_the_generated_data(release: Release) -> None:
    members = _sdist_members(release.sdist)
    assert members["src/smspartner_codes/locale"].issym()
    assert members["src/smspartner_codes/locale"].linkname == "_data/locale"
    assert (release.unpacked / "src/smspartner_codes/locale/en/LC_MESSAGES/smspartner_codes.mo").is_file()
    assert not any(name.startswith("src/smspartner_codes/locale/") for name in members)  # held once


def test_the_sdist_is_named_after_the_version(release: Release, catalog: Catalog) -> None:
    """The package version is catalog_version (CHANGELOG.md: How versions are numbered)."""
    assert release.sdist.name == f"smspartner_codes-{catalog.version}.tar.gz"
    assert release.wheel.name == f"smspartner_codes-{catalog.version}-py3-none-any.whl"
    pkg_info = (release.unpacked / "PKG-INFO").read_text(encoding="utf-8")
    assert f"\nVersion: {catalog.version}\n" in pkg_info


def test_two_builds_of_the_sdist_give_the_same_bytes(release: Release, root: Path, tmp_path: Path) -> None:
    again = build("sdist", root, tmp_path)
    assert again.name == release.sdist.name
    assert again.read_bytes() == release.sdist.read_bytes()


# Built from the sdist alone -------------------------------------------------------------------------


def test_the_wheel_built_from_the_sdist_alone_is_the_work_trees(release: Release, root: Path, tmp_path: Path) -> None:
    assert "byte for byte" in release.report
    from_tree = build("wheel", root, tmp_path)
    assert from_tree.name == release.wheel.name
    assert wheel_differences(from_tree, release.wheel) == []
    with zipfile.ZipFile(release.wheel) as wheel:
        assert "smspartner_codes/locale/fr/LC_MESSAGES/smspartner_codes.mo" in wheel.namelist()


def _run_in(directory: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    environment.pop("PYTHONPATH", None)  # nothing of the work tree: the sdist's own files only
    return subprocess.run(
        [sys.executable, *arguments], cwd=directory, env=environment, capture_output=True, text=True, check=False
    )


def test_the_unpacked_sdist_renders_exactly_what_it_holds(release: Release) -> None:
    """Its catalog, generator and templates give its generated files and package data, byte for byte."""
    checked = _run_in(release.unpacked, "-m", "codegen", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "src/smspartner_codes/_data is up to date with the catalog." in checked.stdout


def test_the_unpacked_sdists_catalog_agrees_with_its_vendored_pages(release: Release) -> None:
    compared = _run_in(release.unpacked, "-m", "codegen", "upstream")
    assert compared.returncode == 0, compared.stdout + compared.stderr
    assert "100 pages" in compared.stdout


def test_the_unpacked_sdists_tests_run(release: Release) -> None:
    """One of its test modules, run there: the translations are read through the sdist's locale link."""
    ran = _run_in(release.unpacked, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_gettext_contract.py")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert re.search(r"^\d+ passed", ran.stdout, re.MULTILINE), ran.stdout


def test_the_build_backend_is_the_hatchling_the_tests_use(root: Path) -> None:
    """A release front end (pip, build) installs pyproject.toml's pin: the one the tests build with."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    (required,) = pyproject["build-system"]["requires"]
    pins = (root / "requirements" / "test.txt").read_text(encoding="utf-8").splitlines()
    assert required in pins
    import hatchling.__about__

    assert required == f"hatchling=={hatchling.__about__.__version__}"


# The build hook that keeps links to directories --------------------------------------------------------

HOOK = Path(__file__).resolve().parent.parent / "codegen" / "maintenance" / "sdist_hook.py"


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "pkg" / "data").mkdir(parents=True)
    (project / "pkg" / "__init__.py").write_text("", encoding="utf-8")
    (project / "pkg" / "data" / "one.txt").write_text("one\n", encoding="utf-8")
    (project / "pkg" / "view").symlink_to("data")
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
        '[project]\nname = "pkg"\nversion = "1.0"\n'
        "[tool.hatch.build.targets.sdist.hooks.custom]\n"
        f"path = {str(HOOK)!r}\n",
        encoding="utf-8",
    )
    return project


def test_the_hook_adds_a_link_to_a_directory_as_a_link(tmp_path: Path) -> None:
    project = _project(tmp_path)
    members = _sdist_members(build("sdist", project, tmp_path / "out"))
    assert members["pkg/view"].issym() and members["pkg/view"].linkname == "data"
    assert members["pkg/data/one.txt"].isfile()
    assert not any(name.startswith("pkg/view/") for name in members)


def test_the_hook_refuses_a_link_leading_out_of_the_project(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (tmp_path / "elsewhere").mkdir()
    (project / "pkg" / "away").symlink_to("../../elsewhere")
    with pytest.raises(BuildFailed, match=r"pkg/away links to \.\./\.\./elsewhere, outside the project"):
        build("sdist", project, tmp_path / "out")
