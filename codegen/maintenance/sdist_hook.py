"""The sdist's build hook: it keeps the work tree's links to directories, as links.

``src/smspartner_codes/locale`` is a symbolic link to ``_data/locale`` (the translations are
generated into ``_data/``; the package reads them where users find them). Hatchling stores a
link to a file as a link, but walks a link to a directory as the directory it leads to, and
skips it when it has walked that directory already: its sdist has no ``locale`` at all, so an
unpacked sdist would run without translations, and its ``make check`` would not be a
checkout's. This hook adds each such link to the finished sdist, as a link with the same
target, beside hatchling's entries and with their normalised metadata (owner, mode, time), so
that two builds still give the same bytes.

Hatchling loads this file by its path (``[tool.hatch.build.targets.sdist.hooks.custom]`` in
pyproject.toml), in a build environment that holds hatchling alone: it imports nothing else
than the standard library and hatchling.
"""

from __future__ import annotations

import gzip
import io
import os
import tarfile
from pathlib import Path
from typing import Any

from hatchling.builders.config import BuilderConfig
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class DirectoryLinksHook(BuildHookInterface[BuilderConfig]):
    """Adds the links to directories of the included files to the sdist, once hatchling has written it."""

    PLUGIN_NAME = "directory-links"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        links = directory_links(Path(self.root), self.build_config)
        if links:
            add_links(Path(artifact_path), links)


def directory_links(root: Path, config: BuilderConfig) -> dict[str, str]:
    """Every symbolic link to a directory that the sdist's file selection covers: its path (relative, with /)
    and its target, which must be relative and stay inside ``root`` (the sdist is unpacked anywhere)."""
    links: dict[str, str] = {}
    for directory, subdirectories, _ in os.walk(root):
        relative_directory = os.path.relpath(directory, root)
        relative_directory = "" if relative_directory == "." else relative_directory
        kept = []
        for name in sorted(subdirectories):
            if config.directory_is_excluded(name, relative_directory):
                continue
            relative = Path(relative_directory, name).as_posix()
            path = root / relative
            if not path.is_symlink():
                kept.append(name)
            elif config.include_path(relative):
                links[relative] = _checked_target(root, relative, os.readlink(path))
        subdirectories[:] = kept  # os.walk does not follow links: these are the real directories
    return links


def _checked_target(root: Path, relative: str, target: str) -> str:
    resolved = (root / relative).parent.joinpath(target).resolve()
    if os.path.isabs(target) or not resolved.is_relative_to(root.resolve()):
        message = f"{relative} links to {target}, outside the project: an sdist holds links within itself only"
        raise ValueError(message)
    return target


def add_links(sdist: Path, links: dict[str, str]) -> None:
    """Rewrite the ``.tar.gz`` at ``sdist`` with a link entry for each of ``links``, after the entries it has.

    The new entries take hatchling's normalised owner and time from the archive's PKG-INFO, and the
    gzip header keeps its time: the result depends on the files alone, as hatchling's does.
    """
    with gzip.open(sdist, "rb") as compressed:
        data = compressed.read()
        gzip_mtime = compressed.mtime
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        members = archive.getmembers()
        contents = {member.name: archive.extractfile(member) for member in members if member.isfile()}
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:", format=tarfile.PAX_FORMAT) as rewritten:
            for member in members:
                rewritten.addfile(member, contents.get(member.name))
            top, _, _ = members[0].name.partition("/")
            (template,) = [member for member in members if member.name == f"{top}/PKG-INFO"]
            for relative, target in sorted(links.items()):
                entry = tarfile.TarInfo(f"{top}/{relative}")
                entry.type = tarfile.SYMTYPE
                entry.linkname = target
                entry.mode = 0o755
                entry.mtime, entry.uid, entry.gid = template.mtime, template.uid, template.gid
                entry.uname, entry.gname = template.uname, template.gname
                rewritten.addfile(entry)
    partial = sdist.with_name(sdist.name + ".partial")
    with open(partial, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=gzip_mtime) as output:
        output.write(buffer.getvalue())
    partial.replace(sdist)
