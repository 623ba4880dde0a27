"""Releases found in the history, without tags: ``python -m codegen diff 2.0.0 catalog``.

A release is the commit that sets ``catalog_version`` in ``catalog/catalog.yaml`` to its version
(CHANGELOG.md, "How versions are numbered": every release has a version of its own, code-only
releases included, so every release is such a commit). The commits after it, until the next
change of version, are the next release's work. So a version names one commit of the history:
the first commit, along the first parents of HEAD (the main line, where releases are made),
whose ``catalog/catalog.yaml`` says that version while its parent's said another.

Tags are not needed, and a clone without them (or a repository that never had any) finds every
release. A shallow clone lacks the history: it is told to fetch it.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from codegen.loader import MAX_FILE_BYTES, LoadError, parse_yaml

INDEX = "catalog/catalog.yaml"
# A version as CHANGELOG.md writes it, or as a tag would (v2.0.0).
VERSION = re.compile(r"v?(?P<version>\d+\.\d+\.\d+)")


class ReleaseNotFound(Exception):
    """No commit, or more than one, sets catalog_version to the version asked for; the message says which."""


def git(repository: Path, *arguments: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``repository``, its output captured; the caller reads the status (codegen.maintenance.diff too)."""
    return subprocess.run(["git", *arguments], cwd=repository, input=stdin, capture_output=True, check=False)


def version_changes(repository: Path) -> list[tuple[str, str | None]]:
    """Each commit of HEAD's first-parent history that sets a new catalog_version, oldest first, with that version.

    A commit whose catalog.yaml cannot be read (removed, not YAML, no version) counts as setting None.
    """
    log = git(repository, "log", "--first-parent", "--reverse", "--format=%H", "HEAD", "--", INDEX)
    if log.returncode != 0:
        raise ReleaseNotFound(f"git cannot read the history of {repository}: {log.stderr.decode().strip()}")
    commits = log.stdout.decode().split()
    # One git process reads catalog.yaml at every commit: "<object> blob <size>\n<content>\n" or "<name> missing\n".
    batch = git(repository, "cat-file", "--batch", stdin="".join(f"{commit}:{INDEX}\n" for commit in commits).encode())
    output, position = batch.stdout, 0
    changes: list[tuple[str, str | None]] = []
    previous: str | None = None
    for commit in commits:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        version = None
        if header[-1] != b"missing":
            size = int(header[2])
            version = _version_of(output[position : position + size])
            position += size + 1
        if version != previous or not changes:
            changes.append((commit, version))
        previous = version
    return changes


def _version_of(index_text: bytes) -> str | None:
    """The catalog_version a catalog.yaml says, read as the loader reads any catalog file (its limits too)."""
    if len(index_text) > MAX_FILE_BYTES:
        return None
    try:
        document = parse_yaml(index_text.decode("utf-8"), INDEX).data
    except (LoadError, UnicodeDecodeError):
        return None
    version = document.get("catalog_version") if isinstance(document, dict) else None
    return None if version is None else str(version)


def release_commit(version: str, repository: Path) -> str:
    """The commit that released ``version`` (``2.0.0`` or ``v2.0.0``): see the module's docstring."""
    match = VERSION.fullmatch(version)
    if match is None:
        raise ReleaseNotFound(f"{version} is not a version such as 2.0.0")
    wanted = match["version"]
    changes = version_changes(repository)
    setting = [commit for commit, found in changes if found == wanted]
    if len(setting) == 1:
        return setting[0]
    if setting:
        listed = ", ".join(commit[:12] for commit in setting)
        raise ReleaseNotFound(
            f"catalog_version {wanted} was set more than once in HEAD's history ({listed}): give the release's commit"
        )
    released = ", ".join(f"{found} ({commit[:12]})" for commit, found in changes if found is not None)
    shallow = git(repository, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    hint = "; this clone is shallow: `git fetch --unshallow` brings the history" if shallow else ""
    raise ReleaseNotFound(
        f"no commit of HEAD's history sets catalog_version {wanted} (the versions it sets: {released or 'none'}){hint}"
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m codegen.maintenance.releases [VERSION]``: the release's commit, or every release with its commit.

    ``git log --oneline $(python -m codegen.maintenance.releases 2.0.0)..HEAD`` lists the work since 2.0.0.
    Exit status 0; 2 when the version is not found (the message says which versions are).
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="python -m codegen.maintenance.releases",
        description="print the commit that released VERSION (it set that catalog_version), or every release",
    )
    parser.add_argument("version", nargs="?", metavar="VERSION", help="a version such as 2.0.0 (or v2.0.0)")
    arguments = parser.parse_args(argv)
    try:
        if arguments.version is not None:
            print(release_commit(arguments.version, Path.cwd()))
        else:
            for commit, version in version_changes(Path.cwd()):
                if version is not None:
                    print(f"{version} {commit}")
    except ReleaseNotFound as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
