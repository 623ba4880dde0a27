"""CHANGELOG.md records every release: a section per catalog_version, newest first."""

from __future__ import annotations

import re
from pathlib import Path

from codegen.model import Catalog


def _release_headings(root: Path) -> list[str]:
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return re.findall(r"^## (\d+\.\d+\.\d+)\s*$", text, flags=re.MULTILINE)


def test_the_current_catalog_version_has_a_section(root: Path, catalog: Catalog) -> None:
    assert catalog.version in _release_headings(root), (
        f"CHANGELOG.md has no section for catalog_version {catalog.version}:"
        " write one with `python -m codegen diff <last release> catalog`"
    )


def test_releases_are_newest_first_and_start_at_1_0_0(root: Path) -> None:
    versions = [tuple(map(int, heading.split("."))) for heading in _release_headings(root)]
    assert versions == sorted(set(versions), reverse=True)
    assert versions[-1] == (1, 0, 0)
