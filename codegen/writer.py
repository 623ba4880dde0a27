"""Stage 5: put rendered files on disk, all or nothing; or compare them with what is there.

This is the only module that writes files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

# Left behind by Python, pytest and type checkers; never part of the output.
IGNORED_PARTS = frozenset({"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"})


def write_tree(files: dict[str, bytes], out_dir: Path) -> None:
    """Make ``out_dir`` hold exactly ``files``.

    Everything is first written into a new directory beside ``out_dir``, which
    then replaces it by two renames: a failure at any point leaves the old
    output as it was, and files that no longer belong disappear.
    """
    parent = out_dir.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=parent))
    try:
        for directory in sorted({(staging / relative).parent for relative in files}):
            directory.mkdir(parents=True, exist_ok=True)
        for relative, content in files.items():
            (staging / relative).write_bytes(content)
        staging.chmod(0o755)
        _swap_in(staging, out_dir.absolute())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def out_dir_problem(out_dir: Path) -> str | None:
    """Why ``out_dir`` cannot take the output (a usage error), or None: it may not exist yet."""
    if out_dir.exists() and not out_dir.is_dir():
        return f"{out_dir} is a file; --out takes a directory, which the render replaces whole"
    return None


def _swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    retired.rmdir()
    os.rename(out_dir, retired)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


class Drift(NamedTuple):
    """How a directory differs from a fresh render: paths relative to it."""

    changed: list[str]
    missing: list[str]
    extra: list[str]

    def __bool__(self) -> bool:
        return bool(self.changed or self.missing or self.extra)


def existing_files(out_dir: Path) -> list[str]:
    if not out_dir.is_dir():
        return []
    found = []
    for path in out_dir.rglob("*"):
        relative = path.relative_to(out_dir)
        if path.is_file() and not IGNORED_PARTS.intersection(relative.parts):
            found.append(relative.as_posix())
    return sorted(found)


def compare_tree(files: dict[str, bytes], out_dir: Path) -> Drift:
    on_disk = set(existing_files(out_dir))
    changed, missing = [], []
    for relative, content in sorted(files.items()):
        if relative not in on_disk:
            missing.append(relative)
        elif (out_dir / relative).read_bytes() != content:
            changed.append(relative)
    return Drift(changed=changed, missing=missing, extra=sorted(on_disk - set(files)))
