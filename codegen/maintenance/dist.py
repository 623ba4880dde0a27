"""What a release uploads: ``python -m codegen.maintenance.dist [DIR]`` (``make dist``).

It builds the sdist from the work tree, unpacks it alone into a temporary directory, builds the
wheel from that, and builds a wheel from the work tree too: the two wheels must be the same,
file by file (names, order, bytes, dates, modes), or the sdist is missing something a rebuild
needs. Then the sdist and the wheel built from it are copied into DIR (``dist``), replacing
only files of the same names. Each build runs hatchling's PEP 517 hooks in a child process
of the interpreter given (the project's venv has the hatchling that pyproject.toml pins).

Exit status: 0 built and copied; 1 the two wheels differ (listed, nothing copied); 2 a build
failed (its output is shown).
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

EXIT_OK = 0
EXIT_DIFFERENT = 1
EXIT_CANNOT_BUILD = 2

_HOOK = "import sys; from hatchling import build; print(getattr(build, 'build_' + sys.argv[1])(sys.argv[2]))"


class BuildFailed(Exception):
    """A PEP 517 hook exited non-zero; the message holds its output."""


def build(kind: str, project: Path, into: Path, python: str = sys.executable) -> Path:
    """Build an ``sdist`` or a ``wheel`` of the project in ``project`` into ``into``; the artefact's path."""
    into.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [python, "-c", _HOOK, kind, str(into.resolve())], cwd=project, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BuildFailed(f"building the {kind} of {project} failed:\n{done.stdout}{done.stderr}")
    return into / done.stdout.strip().splitlines()[-1]


def unpack_sdist(sdist: Path, into: Path) -> Path:
    """Unpack ``sdist`` into ``into`` as pip and build do (links within the tree kept); its top directory."""
    with tarfile.open(sdist) as archive:
        (top,) = {name.partition("/")[0] for name in archive.getnames()}
        archive.extractall(into, filter="data")
    return into / top


def wheel_differences(expected: Path, actual: Path) -> list[str]:
    """How the wheel ``actual`` differs from ``expected``, one line per difference; [] when they are the same."""
    with zipfile.ZipFile(expected) as first, zipfile.ZipFile(actual) as second:
        first_names, second_names = first.namelist(), second.namelist()
        differences = [
            f"only in {expected.name} of {expected.parent}: {name}" for name in first_names if name not in second_names
        ]
        differences += [
            f"only in {actual.name} of {actual.parent}: {name}" for name in second_names if name not in first_names
        ]
        common = [name for name in first_names if name in second_names]
        if not differences and first_names != second_names:
            differences.append("the files are the same but not in the same order")
        for name in common:
            one, other = first.getinfo(name), second.getinfo(name)
            if first.read(name) != second.read(name):
                differences.append(f"{name}: the contents differ")
            for field in ("date_time", "external_attr", "compress_type"):
                if getattr(one, field) != getattr(other, field):
                    differences.append(f"{name}: {field} {getattr(one, field)} != {getattr(other, field)}")
    if not differences and expected.read_bytes() != actual.read_bytes():
        differences.append("the files inside are the same, the archives' bytes are not")
    return differences


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_release(project: Path, out: Path, python: str = sys.executable) -> tuple[list[Path], list[str]]:
    """The sdist and the wheel built from it alone, copied into ``out``; or ``[]`` and how the wheels differ."""
    with tempfile.TemporaryDirectory(prefix="smspartner-dist-") as temporary:
        work = Path(temporary)
        sdist = build("sdist", project, work / "sdist", python)
        wheel = build("wheel", unpack_sdist(sdist, work / "unpacked"), work / "from-sdist", python)
        differences = wheel_differences(build("wheel", project, work / "from-tree", python), wheel)
        if differences:
            return [], differences
        out.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copyfile(artefact, out / artefact.name)) for artefact in (sdist, wheel)], []


def _work_tree_changes(project: Path) -> str:
    """What ``git status --short`` lists in ``project`` ('' when clean or not a git work tree)."""
    try:
        status = subprocess.run(["git", "status", "--short"], cwd=project, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return status.stdout if status.returncode == 0 else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m codegen.maintenance.dist",
        description="build the sdist, then the wheel from the sdist alone; check it is the work tree's wheel;"
        " copy both into DIR",
    )
    parser.add_argument("out", nargs="?", default="dist", type=Path, metavar="DIR", help="where to put them (dist)")
    arguments = parser.parse_args(argv)
    project = Path.cwd()
    if changes := _work_tree_changes(project):
        print(
            f"warning: the work tree has changes git has not committed; they go into the build:\n{changes}",
            file=sys.stderr,
        )
    try:
        artefacts, differences = build_release(project, arguments.out)
    except BuildFailed as failure:
        print(f"error: {failure}", file=sys.stderr)
        return EXIT_CANNOT_BUILD
    if differences:
        print(
            "error: the wheel built from the sdist alone is not the work tree's wheel; nothing copied:",
            *differences,
            sep="\n  ",
            file=sys.stderr,
        )
        return EXIT_DIFFERENT
    print("The wheel built from the sdist alone is the work tree's, byte for byte.")
    for artefact in artefacts:
        print(f"{artefact}  sha256 {sha256(artefact)}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
