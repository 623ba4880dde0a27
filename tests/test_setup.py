"""The set-up a new contributor runs: pinned requirements split by use, the Makefile's targets
installing only what they use, and the README saying so.

`make generate` must not pull in the site's or the browser test's tools: rendering needs a few
libraries, the site Sphinx and furo, the browser test Playwright (hundreds of megabytes).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REQUIREMENTS = ("render", "test", "site", "browser")
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!-]+)$")


def requirement_lines(root: Path, name: str) -> list[str]:
    text = (root / "requirements" / f"{name}.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def pins(root: Path, name: str) -> dict[str, str]:
    """Every pinned distribution of requirements/<name>.txt, with the files it includes (``-r``)."""
    found: dict[str, str] = {}
    for line in requirement_lines(root, name):
        if line.startswith("-r "):
            found |= pins(root, line.removeprefix("-r ").removesuffix(".txt"))
            continue
        match = PIN.match(line)
        assert match, f"requirements/{name}.txt: {line!r} is not pinned as name==version"
        found[match["name"].lower().replace("_", "-")] = match["version"]
    return found


def test_the_requirements_files_are_exactly_those_of_the_makefile(root: Path) -> None:
    assert sorted(path.stem for path in (root / "requirements").glob("*.txt")) == sorted(REQUIREMENTS)
    assert not (root / "requirements-dev.txt").exists()


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_every_requirement_is_pinned(root: Path, name: str) -> None:
    assert pins(root, name)


def test_a_distribution_has_one_version_in_every_file(root: Path) -> None:
    versions: dict[str, set[str]] = {}
    for name in REQUIREMENTS:
        for distribution, version in pins(root, name).items():
            versions.setdefault(distribution, set()).add(version)
    assert {name: found for name, found in versions.items() if len(found) > 1} == {}


def test_rendering_needs_no_site_test_or_browser_tool(root: Path) -> None:
    render = set(pins(root, "render"))
    assert {"pyyaml", "jinja2", "jsonschema", "babel"} <= render
    heavy = {"sphinx", "furo", "myst-parser", "playwright", "pytest", "mypy", "ruff", "hypothesis"}
    assert render & heavy == set()
    assert {"sphinx", "furo", "myst-parser"} <= set(pins(root, "site"))
    assert {"pytest", "hypothesis", "mypy", "ruff", "hatchling"} <= set(pins(root, "test"))
    assert "playwright" in pins(root, "browser")


def installed_by(root: Path, target: str, tmp_path: Path) -> list[str]:
    """The requirements files ``make TARGET`` would install into a venv that does not exist yet (a dry run)."""
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--dry-run", "--no-print-directory", target, f"VENV={venv}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return sorted(set(re.findall(r"pip install .*-r requirements/(\w+)\.txt", result.stdout)))


@pytest.mark.parametrize(
    ("target", "files"),
    [
        ("generate", ["render"]),
        ("check", ["render"]),
        ("lint", ["test"]),
        ("docs", ["site"]),
        ("docs-test", ["browser", "site", "test"]),
        ("test", ["browser", "render", "site", "test"]),
    ],
)
def test_each_target_installs_only_what_it_uses(root: Path, tmp_path: Path, target: str, files: list[str]) -> None:
    assert installed_by(root, target, tmp_path) == files


def test_the_readme_says_what_each_command_installs_and_serves_on_localhost_only(root: Path) -> None:
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name in REQUIREMENTS:
        assert f"requirements/{name}.txt" in readme
    assert re.search(r"root or with `sudo`", readme)
    servers = re.findall(r"http\.server[^`\n]*", readme)
    assert servers
    assert all("--bind 127.0.0.1" in command for command in servers), servers


def test_the_regular_suite_needs_neither_the_site_nor_the_browser_tools(root: Path) -> None:
    """`make test` runs pytest before installing the site's tools: collecting must not import them."""
    blocked = ["playwright", "sphinx", "myst_parser", "furo", "docutils"]
    collect = (
        "import sys, pytest\n"
        f"for name in {blocked!r}:\n"
        "    sys.modules[name] = None  # importing it now raises ImportError\n"
        "sys.exit(pytest.main(['--collect-only', '--quiet', '-p', 'no:cacheprovider']))\n"
    )
    result = subprocess.run([sys.executable, "-c", collect], cwd=root, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "tests/site/" not in result.stdout
