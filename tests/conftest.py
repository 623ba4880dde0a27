"""Shared fixtures: the repository, the catalog as the generator models it, and the upstream page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from codegen.model import Catalog
from codegen.upstream import UpstreamSection, read_page
from codegen.validate import load_catalog

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM_PAGE = ROOT / "catalog" / "upstream" / "error-codes.fr.md"


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


# Hypothesis: the property tests run 200 examples, the same ones on every run (derandomize),
# so CI never flakes. HYPOTHESIS_PROFILE=explore runs 2000 fresh random examples per test;
# HYPOTHESIS_EXAMPLES=N changes the count of either.
_EXAMPLES = {"ci": 200, "explore": 2000}
for _name, _examples in _EXAMPLES.items():
    settings.register_profile(
        _name,
        max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", _examples)),
        deadline=None,
        derandomize=_name == "ci",
        database=None if _name == "ci" else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        print_blob=True,
    )
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
