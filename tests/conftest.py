"""What every test module shares: the repository's paths, the one fixture catalog, and how to copy,
edit, render and run it; the catalog as the generator models it; how the documentation groups the
tables; the Hypothesis profiles.

The fixture catalog (tests/fixtures/catalog/, ``MINI``) is small and valid: an integer table with
groups, permanent flags and an alias (``errors``), and a status table with string codes, flags and
a hint (``states``). The generator's tests render it; each case of tests/bad_catalogs/ breaks it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, settings

from codegen.catalog import load_catalog
from codegen.cli import main
from codegen.maintenance.upstream import UpstreamSection, read_page
from codegen.model import Catalog, Table
from codegen.writer import existing_files

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "catalog"
UPSTREAM_PAGE = ROOT / "catalog" / "upstream" / "error-codes.fr.md"
# The package as a checkout has it: the hand-written runtime, with its generated data in _data/.
PACKAGE_SOURCE = ROOT / "src"
PACKAGE_DIR = PACKAGE_SOURCE / "smspartner_codes"


# The fixture catalog: copies, edits, renders -------------------------------------------------------


def copy_catalog(into: Path, source: Path = MINI) -> Path:
    """A writable copy of a catalog directory (the fixture catalog unless told)."""
    return Path(shutil.copytree(source, into))


def edit(catalog_dir: Path, table: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a table file of ``catalog_dir``, once; ``old`` must be there."""
    path = catalog_dir / "tables" / f"{table}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Rendered(NamedTuple):
    """Where a render went: the artefacts (generated/), and a package to import (the runtime and its data)."""

    artefacts: Path
    package_root: Path  # holds smspartner_codes/: put it on the path to import the rendered package


def output_options(into: Path) -> list[str]:
    """The ``--out``, ``--data-out`` and ``--npm-out`` options of a render into ``into`` (see render())."""
    return [
        *("--out", str(into / "generated")),
        *("--data-out", str(into / "package" / "smspartner_codes" / "_data")),
        *("--npm-out", str(into / "npm" / "src" / "_data")),
    ]


def render(catalog_dir: Path, into: Path) -> Rendered:
    """Render ``catalog_dir`` with the command line into ``into``, beside a copy of the hand-written runtime."""
    assert main(["render", "--catalog", str(catalog_dir), *output_options(into)]) == 0
    return Rendered(into / "generated", install_runtime(into / "package"))


def install_runtime(package_root: Path) -> Path:
    """Copy the hand-written package (not its data) into ``package_root``; the data goes in its _data/."""
    target = package_root / "smspartner_codes"
    target.mkdir(parents=True, exist_ok=True)
    for path in PACKAGE_DIR.iterdir():
        if path.name in ("_data", "__pycache__"):
            continue
        if path.is_symlink():  # locale/, tables/, catalog.json and catalog.schema.json point into _data/
            (target / path.name).symlink_to(os.readlink(path))
        else:
            shutil.copyfile(path, target / path.name)
    return package_root


def tree_bytes(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (but caches), by its path relative to it."""
    return {relative: (directory / relative).read_bytes() for relative in existing_files(directory)}


# What the documentation shows ---------------------------------------------------------------------


def expected_sections(catalog: Catalog) -> list[tuple[str, list[str]]]:
    """The home page's sections of tables: the error-code page's, the endpoint pages' code tables by
    the product of the first endpoint reading them, then the vocabularies of the answers' fields."""
    product_of: dict[str, str] = {}
    for endpoint in catalog.endpoints:
        for table_id in endpoint.tables:
            product_of.setdefault(table_id, endpoint.product)
    keys = ["section_error_page", *(f"section_{product}" for product in ("sms", "hlr", "voice", "mail"))]
    sections: dict[str, list[str]] = {key: [] for key in [*keys, "section_vocabularies"]}
    for table in catalog.tables:
        if table.is_seed:
            key = "section_error_page"
        elif table.kind == "error":
            key = f"section_{product_of[table.id]}"
        else:
            key = "section_vocabularies"
        sections[key].append(table.id)
    return [(key, ids) for key, ids in sections.items() if ids]


def site_order(catalog: Catalog) -> list[Table]:
    """The tables in the order of the site's menu and search: the sections of the home page, one after the other."""
    return [catalog.table(table_id) for _, table_ids in expected_sections(catalog) for table_id in table_ids]


# Running things ----------------------------------------------------------------------------------------


def run_python(code: str, package_root: Path = PACKAGE_SOURCE, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -c code`` in a fresh interpreter that imports smspartner_codes from ``package_root``."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(package_root), **env},
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def run_checked(
    args: Sequence[str | Path], *, cwd: Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> str:
    """Run ``args``, failing the test with its output when it exits non-zero; return its stdout."""
    try:
        result = subprocess.run(
            [str(arg) for arg in args],
            cwd=cwd,
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    except subprocess.CalledProcessError as error:
        # the ends of the outputs, where a tool says what went wrong (npm and tsc can print pages)
        pytest.fail(
            f"{args} exited with {error.returncode}\nstdout:\n{error.stdout[-5000:]}\nstderr:\n{error.stderr[-5000:]}"
        )
    return result.stdout


def run_codegen(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``python -m codegen ...`` run from ``cwd`` (where a command run by a YAML tag would leave its files)."""
    return subprocess.run(
        [sys.executable, "-m", "codegen", *arguments],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )


# Fixtures ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """catalog/ loaded, validated and modelled, as the generator sees it."""
    return load_catalog(ROOT / "catalog")


@pytest.fixture(scope="session")
def upstream_sections() -> list[UpstreamSection]:
    """The ``##`` sections of the vendored upstream page, parsed."""
    return read_page(UPSTREAM_PAGE)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture catalog."""
    return copy_catalog(tmp_path / "catalog")


# Hypothesis: the same examples on every run (derandomize), so that no run flakes: about 25 per
# property by default, 200 when the environment variable CI is set (CI runs .ci/run with CI=true,
# and so does fresh-clone-check). HYPOTHESIS_PROFILE=explore runs 2000 fresh random examples per
# property; HYPOTHESIS_EXAMPLES=N changes the count of any profile.
_EXAMPLES = {"dev": 25, "ci": 200, "explore": 2000}
for _name, _examples in _EXAMPLES.items():
    settings.register_profile(
        _name,
        max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", _examples)),
        deadline=None,
        derandomize=_name != "explore",
        database=None if _name != "explore" else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

# A property runs 8 times its default examples in CI (80 in the explore profile), on machines that
# may be busy: its time limit grows with its examples, so that a slow machine is not taken for a
# hang. A test that sets its own limit keeps it.
_PROPERTY_TIMEOUT = {"dev": None, "ci": 600, "explore": 3600}[settings.get_current_profile_name()]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if _PROPERTY_TIMEOUT is None:
        return
    for item in items:
        function = getattr(item, "function", None)
        if getattr(function, "is_hypothesis_test", False) and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(_PROPERTY_TIMEOUT))
