"""CHANGELOG.md records every release: a section per version, newest first, under the version rule its top states.

The rule: one version per release, code-only releases included (a registry takes each version once), and that
version is catalog_version, with three parts, which PyPI and npm both take. Whether the history keeps the rule
(each release found by its version, each at least what its catalog's changes call for) is tested on a fresh
clone in tests/test_release_instructions.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from packaging.version import Version

from codegen.model import Catalog

# The headings of CHANGELOG.md that are not releases.
POLICY = "How versions are numbered"
UNRELEASED = "Unreleased"
# A semantic version's core (semver.org): what npm takes, and PEP 440's canonical form of a three-part release.
THREE_PARTS = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def _headings(root: Path) -> list[str]:
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return re.findall(r"^## (.*?)\s*$", text, flags=re.MULTILINE)


def _release_headings(root: Path) -> list[str]:
    return [heading for heading in _headings(root) if heading not in (POLICY, UNRELEASED)]


def test_the_rule_comes_first_then_what_is_unreleased_then_the_releases(root: Path) -> None:
    headings = _headings(root)
    assert headings[0] == POLICY
    assert UNRELEASED not in headings[2:], "## Unreleased goes above the newest release"
    policy = (root / "CHANGELOG.md").read_text(encoding="utf-8").split(f"## {POLICY}")[1].split("\n## ")[0]
    for words in ("change the code but not the catalog", "takes each version once", "never reused"):
        assert words in " ".join(policy.split()), words


def test_every_release_heading_is_a_three_part_version_both_registries_take(root: Path) -> None:
    """No 2.0.0.1, no 2.0.0.post1, no v2.0.0: npm refuses the first two, and the third is a tag's spelling."""
    releases = _release_headings(root)
    assert releases
    for version in releases:
        assert THREE_PARTS.fullmatch(version), f"## {version}: a release's heading is its version, such as 2.1.0"
        assert str(Version(version)) == version  # PEP 440's own spelling of it


def test_the_newest_release_is_the_catalog_version(root: Path, catalog: Catalog) -> None:
    """The package version is catalog_version: the version being built is the newest one the changelog gives."""
    assert _release_headings(root)[0] == catalog.version, (
        f"CHANGELOG.md's newest release is not catalog_version {catalog.version}: write its section"
        " (`python -m codegen diff <last release> catalog` gives the catalog's part)"
    )


def test_releases_are_newest_first_never_repeated_and_start_at_1_0_0(root: Path) -> None:
    versions = [Version(heading) for heading in _release_headings(root)]
    assert versions == sorted(set(versions), reverse=True)
    assert versions[-1] == Version("1.0.0")
