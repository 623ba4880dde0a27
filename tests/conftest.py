"""Shared fixtures: the repository, the catalog as the generator models it, and the upstream page."""

from __future__ import annotations

from pathlib import Path

import pytest

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
