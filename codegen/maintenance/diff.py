"""What changed between two catalogs, for the changelog: ``python -m codegen diff OLD NEW``.

OLD and NEW are catalog directories, git revisions (their ``catalog/``) or released
versions (``2.0.0``: the commit that set that ``catalog_version``, found in the history
without tags; see ``releases``); both are loaded and validated by the generator's own
loader. Tables are matched by id, groups by id, entries by code, and by name where a code
has several; an entry whose code stays but whose name goes is a rename.

Each change has an impact, and the largest one picks the next version from
OLD's ``catalog_version`` (semantic versioning):

* major: something a program may use is gone or has another meaning: a table,
  a member or a group removed or renamed, a class renamed, a code type changed,
  a code now resolving to another name (``alias_of``);
* minor: something new: a table, a code (a member) or a group added, a flag or
  a group given to entries that had none;
* patch: a fix: a text in either language, a flag's value, an entry's group,
  a table's kind.

A flag or group taken away from entries is major, as a removal.

The command always exits 0 when it could compare; with no change at all it says
that the catalog calls for no new version (a release of code changes still takes
one). It exits 2 on a bad revision, version or directory, or an invalid catalog.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import tarfile
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from functools import reduce
from pathlib import Path
from typing import Literal, NamedTuple, cast

from codegen.catalog import load_catalog
from codegen.loader import INDEX_FILE
from codegen.maintenance.diff_endpoints import describe as describe_extra
from codegen.maintenance.diff_endpoints import disagreement_changes, endpoint_changes, entry_changes
from codegen.maintenance.pairing import pair_by_code
from codegen.maintenance.releases import VERSION, ReleaseNotFound, git, release_commit
from codegen.model import Catalog, Entry, Group, Table
from codegen.problems import CatalogInvalid

EXIT_OK = 0
EXIT_CANNOT_COMPARE = 2

Impact = Literal["major", "minor", "patch"]
IMPACTS: tuple[Impact, ...] = ("patch", "minor", "major")
Value = str | int | bool | None
Subject = Literal["table", "group", "entry", "endpoint", "disagreement"]


class FieldRule(NamedTuple):
    """A field compared between versions: its attribute path, what a change to it is, and its impact."""

    path: str
    change: str
    impact: Impact
    when_new: Impact | None = None  # the impact instead when OLD had no value (None) there
    when_gone: Impact | None = None  # the impact instead when NEW has no value there

    def impact_of(self, before: Value, after: Value) -> Impact:
        if before is None and self.when_new:
            return self.when_new
        if after is None and self.when_gone:
            return self.when_gone
        return self.impact


# The fields compared on each matched entry, group and table. A new optional
# field of the model is one more line: FieldRule("final", "flag", "patch",
# "minor", "major") for a flag, FieldRule("hint", "text", "patch") for an
# English hint. A flag or group given where there was none is new information
# (minor); one taken away leaves callers without it (major).
ENTRY_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("message.fr", "text", "patch"),
    FieldRule("message.en", "text", "patch"),
    FieldRule("permanent", "flag", "patch", when_new="minor", when_gone="major"),
    FieldRule("group", "group", "patch", when_new="minor", when_gone="major"),
    FieldRule("final", "flag", "patch", when_new="minor", when_gone="major"),
    FieldRule("success", "flag", "patch", when_new="minor", when_gone="major"),
    # A hint is advice: a new one is new information, a dropped one breaks no caller.
    FieldRule("hint", "text", "patch", when_new="minor"),
    # The first name of a code is the one value lookups give: moving it breaks callers.
    FieldRule("alias_of", "alias", "major"),
    # SMSPartner's text of record now in another language (a French text found for an English-only code).
    FieldRule("message_language", "wording language", "patch"),
)
GROUP_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("name", "renamed", "major"),
    FieldRule("description.fr", "text", "patch"),
    FieldRule("description.en", "text", "patch"),
)
TABLE_FIELDS: tuple[FieldRule, ...] = (
    FieldRule("code_type", "code_type", "major"),
    FieldRule("enum", "class_name", "major"),
    FieldRule("group_enum", "class_name", "major", when_new="minor"),
    FieldRule("kind", "kind", "patch"),
    FieldRule("title.fr", "text", "patch"),
    FieldRule("title.en", "text", "patch"),
    FieldRule("origin", "origin", "patch"),
)

_SUBJECTS = ("table", "group", "entry", "endpoint", "disagreement")


@dataclass(frozen=True)
class Change:
    """One change. ``key`` is the entry's code or the group's id; ``old``/``new`` the values of ``field``.

    For an entry added or removed they hold its French text, for a table its number of codes.
    """

    table: str
    subject: Subject
    change: str  # added, removed, renamed, or what the field is: text, flag, group, alias, code_type, ...
    impact: Impact
    key: int | str | None = None
    name: str | None = None
    field: str | None = None
    old: Value = None
    new: Value = None

    @property
    def breaking(self) -> bool:
        return self.impact == "major"

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "breaking": self.breaking}


# Comparing two catalogs.


def compare(old: Catalog, new: Catalog) -> list[Change]:
    """Every change from ``old`` to ``new``, in NEW's table order (removed tables last)."""
    old_tables = {table.id: table for table in old.tables}
    new_tables = {table.id: table for table in new.tables}
    changes: list[Change] = []
    for table in new.tables:
        if table.id not in old_tables:
            changes.append(Change(table.id, "table", "added", "minor", new=len(table.entries)))
    for table in old.tables:
        if table.id not in new_tables:
            changes.append(Change(table.id, "table", "removed", "major", old=len(table.entries)))
            continue
        changes.extend(_compare_table(table, new_tables[table.id]))
    order = {table_id: index for index, table_id in enumerate([*new_tables, *old_tables])}
    # Endpoints and disagreements follow the tables, in NEW's order (codegen.maintenance.diff_endpoints).
    return [
        *sorted(changes, key=lambda change: _sort_key(change, order)),
        *endpoint_changes(old, new),
        *disagreement_changes(old, new),
    ]


def _sort_key(change: Change, table_order: dict[str, int]) -> tuple[object, ...]:
    key = change.key
    code_key = (0, 0, "") if key is None else (1, key, "") if isinstance(key, int) else (2, 0, key)
    return (
        table_order[change.table],
        _SUBJECTS.index(change.subject),
        code_key,
        change.name or "",
        change.field or "",
        change.change,
    )


def _field(item: object, path: str) -> Value:
    return cast(Value, reduce(getattr, path.split("."), item))


def _field_changes(rules: Sequence[FieldRule], old: object, new: object, where: Change) -> Iterator[Change]:
    """A change for each field of ``rules`` that differs; ``where`` gives the table, subject, key and name."""
    for rule in rules:
        before, after = _field(old, rule.path), _field(new, rule.path)
        if before == after:
            continue
        impact = rule.impact_of(before, after)
        yield replace(where, change=rule.change, impact=impact, field=rule.path, old=before, new=after)


def _compare_table(old: Table, new: Table) -> Iterator[Change]:
    yield from _field_changes(TABLE_FIELDS, old, new, Change(new.id, "table", "", "patch"))
    yield from _compare_groups(old, new)
    pairs, removed, added = pair_entries(old.entries, new.entries)
    for entry in removed:
        yield Change(new.id, "entry", "removed", "major", entry.code, entry.name, old=entry.message.fr)
    for entry in added:
        yield Change(new.id, "entry", "added", "minor", entry.code, entry.name, new=entry.message.fr)
    for before, after in pairs:
        if before.name != after.name:
            yield Change(new.id, "entry", "renamed", "major", after.code, after.name, "name", before.name, after.name)
        where = Change(new.id, "entry", "", "patch", after.code, after.name)
        yield from _field_changes(ENTRY_FIELDS, before, after, where)
        yield from entry_changes(before, after, where)


def _compare_groups(old: Table, new: Table) -> Iterator[Change]:
    old_groups: dict[int, Group] = {group.id: group for group in old.groups}
    new_groups: dict[int, Group] = {group.id: group for group in new.groups}
    for group in old.groups:
        if group.id not in new_groups:
            yield Change(new.id, "group", "removed", "major", group.id, group.name, old=group.description.fr)
    for group in new.groups:
        before = old_groups.get(group.id)
        if before is None:
            yield Change(new.id, "group", "added", "minor", group.id, group.name, new=group.description.fr)
        else:
            yield from _field_changes(
                GROUP_FIELDS, before, group, Change(new.id, "group", "", "patch", group.id, group.name)
            )


def pair_entries(
    old: Sequence[Entry], new: Sequence[Entry]
) -> tuple[list[tuple[Entry, Entry]], list[Entry], list[Entry]]:
    """Entries of the same code, same name first; returns the pairs, the removed and the added.

    Codes are compared as text, so that a table whose code type changed still pairs 5 with "5".
    """
    return pair_by_code(old, new, _entry_key, _entry_key)


def _entry_key(entry: Entry) -> tuple[str, str]:
    return str(entry.code), entry.name


# The next version.


def bump(changes: Sequence[Change]) -> Impact | None:
    """The largest impact among ``changes``; None when there is none."""
    return max((change.impact for change in changes), key=IMPACTS.index, default=None)


def next_version(version: str, impact: Impact | None) -> str:
    """``version`` bumped by ``impact``: 1.4.2 gives 2.0.0, 1.5.0 or 1.4.3; unchanged for None."""
    major, minor, patch = (int(part) for part in version.split("."))
    if impact == "major":
        return f"{major + 1}.0.0"
    if impact == "minor":
        return f"{major}.{minor + 1}.0"
    if impact == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


# Output.


Commits = tuple[str | None, str | None]


def report_json(
    changes: list[Change],
    old: Catalog,
    new: Catalog,
    old_label: str,
    new_label: str,
    *,
    commits: Commits = (None, None),
) -> str:
    impact = bump(changes)
    document = {
        "old": {"source": old_label, "catalog_version": old.version, "commit": commits[0]},
        "new": {"source": new_label, "catalog_version": new.version, "commit": commits[1]},
        "bump": impact,
        "breaking": impact == "major",
        "suggested_version": next_version(old.version, impact),
        "changes": [change.as_json() for change in changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


_SECTIONS: tuple[tuple[Impact, str], ...] = (
    ("major", "Breaking changes"),
    ("minor", "Added"),
    ("patch", "Changed"),
)
_WHY: dict[Impact, str] = {
    "major": "major, because something was removed, renamed or changed type",
    "minor": "minor, because codes, groups, tables, endpoints or wordings were added and nothing was removed",
    "patch": "patch, because only texts, flags or groups of existing codes changed",
}
_LANGUAGES = {"fr": "French", "en": "English"}


def report_markdown(
    changes: list[Change],
    old: Catalog,
    new: Catalog,
    old_label: str,
    new_label: str,
    *,
    commits: Commits = (None, None),
) -> str:
    """A CHANGELOG section: the suggested version as heading, then the changes by impact."""

    impact = bump(changes)
    suggested = next_version(old.version, impact)
    sources = f"{_source_text(old_label, old.version, commits[0])} and {code_span(new_label)}"
    if impact is None:
        return (
            f"No changes between {sources}: the catalog calls for no new version; catalog_version stays"
            f" {old.version}. A release of code changes alone still takes the next one (CHANGELOG.md,"
            ' "How versions are numbered").\n'
        )
    new_source = f"catalog {new.version}{_at_commit(new_label, commits[1])}"
    lines = [
        f"## {suggested}",
        "",
        f"Changes between {sources} ({new_source}).",
        f"Suggested version: {suggested} ({_WHY[impact]}).",
    ]
    if new.version != suggested:
        lines.append(f"The new catalog says catalog_version {new.version}: set it to {suggested}.")
    for section_impact, heading in _SECTIONS:
        items = [describe(change) for change in changes if change.impact == section_impact]
        if items:
            lines += ["", f"### {heading}", "", *(f"- {item}" for item in items)]
    return "\n".join(lines) + "\n"


def _at_commit(label: str, commit: str | None) -> str:
    """``, commit ad8b52fb20f7`` for a source read from git through a name (a version, a branch, HEAD), else ''."""
    return "" if commit is None or commit.startswith(label) else f", commit {commit[:12]}"


def _source_text(label: str, version: str, commit: str | None) -> str:
    """```2.0.0` (catalog 2.0.0, commit ad8b52fb20f7)``: what a source is, for the report's first line."""
    return f"{code_span(label)} (catalog {version}{_at_commit(label, commit)})"


def describe(change: Change) -> str:
    """One change as a line of Markdown; every text from the catalog is escaped."""
    from codegen.render.templating import markdown_text

    def quoted(value: Value) -> str:
        if isinstance(value, str):
            return f"“{markdown_text(value)}”"
        return "none" if value is None else str(value).lower() if isinstance(value, bool) else str(value)

    extra = describe_extra(change, quoted)
    if extra is not None:
        return extra
    subject = f"`{change.table}`"
    if change.subject == "group":
        subject += f" group {change.key} `{change.name}`"
    elif change.subject == "entry":
        code = code_span(change.key) if isinstance(change.key, str) else str(change.key)
        subject += f" code {code} `{change.name}`"
    if change.subject == "table" and change.change in ("added", "removed"):
        count = change.new if change.change == "added" else change.old
        return f"Table {subject} {change.change} ({count} code{'' if count == 1 else 's'})."
    if change.change == "added":
        return f"{subject} added: {quoted(change.new)}."
    if change.change == "removed":
        return f"{subject} removed."
    if change.change == "renamed":
        return f"{subject}: renamed from `{change.old}`."
    return f"{subject}, {_field_label(change.field)}: {quoted(change.old)} → {quoted(change.new)}."


def _field_label(path: str | None) -> str:
    """``message.fr`` -> ``French text``; ``title.en`` -> ``English title``; ``permanent`` -> ``permanent``."""
    if path is None:
        return ""
    base, _, language = path.partition(".")
    if language in _LANGUAGES:
        return f"{_LANGUAGES[language]} {'text' if base == 'message' else base}"
    return path.replace("_", " ")


def code_span(text: str) -> str:
    """``text`` as a Markdown code span, fenced by more backticks than any run inside it (CommonMark)."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{padding}{text}{padding}{fence}"


# Where a catalog comes from: a directory or a git revision.


class SourceError(Exception):
    """OLD or NEW is neither a catalog directory, nor a git revision with a catalog/, nor a released version."""


def load_source(source: str, repository: Path) -> tuple[Catalog, str | None]:
    """The catalog in directory ``source``, or in ``catalog/`` of git revision or released version ``source`` of
    ``repository``; and the commit it was read from (None for a directory)."""
    with contextlib.ExitStack() as stack:
        commit = None
        if Path(source).is_dir():
            catalog_dir, shown, real = Path(source), source, ""
            if not (catalog_dir / INDEX_FILE).exists():
                raise SourceError(_not_a_catalog_text(catalog_dir))
        else:
            temporary = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="codegen-diff-")))
            commit = _extract_catalog(source, repository, temporary)
            catalog_dir = temporary / "catalog"
            shown, real = str(catalog_dir), f"{source}:catalog"
        try:
            return load_catalog(catalog_dir, complete=False), commit
        except CatalogInvalid as invalid:
            raise SourceError(_invalid_text(invalid, shown, real)) from None


def _not_a_catalog_text(directory: Path) -> str:
    """What to say of a directory given as a catalog that holds no catalog.yaml."""
    inside = directory / "catalog"
    hint = f"; did you mean {inside}?" if (inside / INDEX_FILE).is_file() else ""
    return f"{directory} is not a catalog directory: it has no {INDEX_FILE}{hint}"


def _invalid_text(invalid: CatalogInvalid, shown_path: str, real_path: str) -> str:
    problems = [str(problem) for problem in invalid.problems]
    if real_path:
        problems = [problem.replace(shown_path, real_path) for problem in problems]
    where = real_path or shown_path
    return "\n".join([*problems, f"the catalog of {where} is invalid: {invalid}"])


def _extract_catalog(revision: str, repository: Path, into: Path) -> str:
    """Extract ``catalog/`` of ``revision`` (a git revision, else a released version) into ``into``; its commit."""
    if revision.startswith("-"):
        raise SourceError(f"{revision!r} is neither a directory nor a git revision")
    try:
        top = git(repository, "rev-parse", "--show-toplevel")
    except OSError as error:
        raise SourceError(f"{revision} is not a directory, and git cannot run: {error.strerror}") from None
    if top.returncode != 0:
        raise SourceError(f"{revision} is not a directory, and {repository} is not in a git repository")
    root = Path(top.stdout.decode().strip())
    commit = git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if commit.returncode == 0:
        sha = commit.stdout.decode().strip()
    elif VERSION.fullmatch(revision):  # a release: the commit that set that catalog_version (a tag would win)
        try:
            sha = release_commit(revision, root)
        except ReleaseNotFound as error:
            raise SourceError(f"{revision} is neither a directory nor a git revision, and {error}") from None
    else:
        raise SourceError(f"{revision} is neither a directory, nor a git revision of {root}, nor a version")
    archive = git(root, "archive", "--format=tar", sha, "--", "catalog")
    if archive.returncode != 0:
        raise SourceError(f"revision {revision} ({sha[:12]}) has no catalog/ directory")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        for member in tar.getmembers():
            if not (member.isfile() or member.isdir()):  # a link could lead the loader anywhere
                raise SourceError(
                    f"{member.name} in revision {revision} ({sha[:12]}) is a"
                    f" {'symbolic link' if member.issym() else 'link or special file'};"
                    " a catalog holds regular files and directories only"
                )
        tar.extractall(into, filter="data")
    return sha


# The command.


def run(old_source: str, new_source: str, as_json: bool = False, repository: Path | None = None) -> int:
    """``python -m codegen diff``: print the changes; return the exit status."""
    where = repository or Path.cwd()
    try:
        (old, old_commit), (new, new_commit) = load_source(old_source, where), load_source(new_source, where)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_CANNOT_COMPARE
    changes = compare(old, new)
    render = report_json if as_json else report_markdown
    sys.stdout.write(render(changes, old, new, old_source, new_source, commits=(old_commit, new_commit)))
    return EXIT_OK
