"""``python -m codegen diff OLD NEW`` on pairs of small catalogs built from the fixture catalog (tests/conftest.py).

The fixture catalog (version 1.0.0) has a table with groups, permanent flags and
an alias (``errors``) and a status table with string codes (``states``). Each test
copies it, changes the copy, and checks the changes found, their impact and
the version suggested.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from codegen.catalog import load_catalog
from codegen.cli import main
from codegen.maintenance.diff import Change, bump, code_span, compare, describe, next_version, report_markdown
from codegen.maintenance.releases import release_commit, version_changes
from tests.conftest import MINI, copy_catalog

Table = dict[str, Any]


def change_table(catalog_dir: Path, table_id: str, change: Callable[[Table], None]) -> None:
    path = catalog_dir / "tables" / f"{table_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def entry(table: Table, name: str) -> dict[str, Any]:
    return next(item for item in table["entries"] if item["name"] == name)


def group(table: Table, name: str) -> dict[str, Any]:
    return next(item for item in table["groups"] if item["name"] == name)


# One change of the catalog per kind, with what `diff` must find: (table, subject, change, key, field, impact).
Found = tuple[str, str, str, int | str | None, str | None, str]
EDITS: dict[str, tuple[str, Callable[[Table], None], list[Found]]] = {
    "code added": (
        "errors",
        lambda t: t["entries"].append(
            {
                "code": 9,
                "name": "TIMED_OUT",
                "group": 1,
                "permanent": False,
                "message": {"fr": "Délai", "en": "Timeout"},
            }
        ),
        [("errors", "entry", "added", 9, None, "minor")],
    ),
    "code removed": (
        "states",
        lambda t: t["entries"].pop(1),
        [("states", "entry", "removed", "not delivered", None, "major")],
    ),
    "code renamed": (
        "states",
        lambda t: entry(t, "DELIVERED").update(name="FINISHED"),
        [("states", "entry", "renamed", "delivered", "name", "major")],
    ),
    "French text": (
        "errors",
        lambda t: entry(t, "CREDIT_TOO_LOW")["message"].update(fr="Crédit insuffisant."),
        [("errors", "entry", "text", 20, "message.fr", "patch")],
    ),
    "English text": (
        "errors",
        lambda t: entry(t, "NUMBER_INVALID")["message"].update(en="No such number"),
        [("errors", "entry", "text", 10, "message.en", "patch")],
    ),
    "permanent flag": (
        "errors",
        lambda t: entry(t, "CREDIT_TOO_LOW").update(permanent=True),
        [("errors", "entry", "flag", 20, "permanent", "patch")],
    ),
    "entry group": (
        "errors",
        lambda t: entry(t, "CREDIT_TOO_LOW").update(group=1),
        [("errors", "entry", "group", 20, "group", "patch")],
    ),
    "alias moved": (
        "errors",
        lambda t: (
            entry(t, "NUMBER_UNKNOWN").update(alias_of="NUMBER_INVALID"),
            entry(t, "NUMBER_INVALID").pop("alias_of"),
            t["entries"].reverse(),
        ),
        [
            ("errors", "entry", "alias", 10, "alias_of", "major"),
            ("errors", "entry", "alias", 10, "alias_of", "major"),
        ],
    ),
    "group added": (
        "errors",
        lambda t: t["groups"].append({"id": 5, "name": "LATER", "description": {"fr": "Plus tard", "en": "Later"}}),
        [("errors", "group", "added", 5, None, "minor")],
    ),
    "group removed": (
        "errors",
        lambda t: (t["groups"].pop(1), entry(t, "CREDIT_TOO_LOW").update(group=1)),
        [("errors", "group", "removed", 2, None, "major"), ("errors", "entry", "group", 20, "group", "patch")],
    ),
    "group renamed": (
        "errors",
        lambda t: group(t, "NETWORK").update(name="NETWORKS"),
        [("errors", "group", "renamed", 1, "name", "major")],
    ),
    "group description": (
        "errors",
        lambda t: group(t, "ACCOUNT")["description"].update(fr="Le compte ne permet plus l'envoi."),
        [("errors", "group", "text", 2, "description.fr", "patch")],
    ),
    "code type": (
        "errors",
        lambda t: (t.update(code_type="string"), [item.update(code=str(item["code"])) for item in t["entries"]]),
        [("errors", "table", "code_type", None, "code_type", "major")],
    ),
    "class renamed": (
        "states",
        lambda t: t.update(enum="Status"),
        [("states", "table", "class_name", None, "enum", "major")],
    ),
    "table title": (
        "states",
        lambda t: t["title"].update(en="Statuses"),
        [("states", "table", "text", None, "title.en", "patch")],
    ),
}


def found(changes: list[Change]) -> list[Found]:
    return [(c.table, c.subject, c.change, c.key, c.field, c.impact) for c in changes]


def pair(tmp_path: Path, *edits: str) -> tuple[Path, Path]:
    old, new = copy_catalog(tmp_path / "old"), copy_catalog(tmp_path / "new")
    for name in edits:
        table_id, change, _ = EDITS[name]
        change_table(new, table_id, change)
    return old, new


@pytest.mark.parametrize("name", sorted(EDITS))
def test_each_change_alone(name: str, tmp_path: Path) -> None:
    old, new = pair(tmp_path, name)
    changes = compare(load_catalog(old), load_catalog(new))
    assert sorted(found(changes), key=repr) == sorted(EDITS[name][2], key=repr)


def test_all_changes_together(tmp_path: Path) -> None:
    names = [name for name in EDITS if name not in ("group removed", "code type", "alias moved")]
    old, new = pair(tmp_path, *names)
    changes = compare(load_catalog(old), load_catalog(new))
    expected = [item for name in names for item in EDITS[name][2]]
    assert sorted(found(changes), key=repr) == sorted(expected, key=repr)
    assert bump(changes) == "major"


def test_identical_catalogs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = pair(tmp_path)
    assert compare(load_catalog(old), load_catalog(new)) == []
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No changes between")
    assert "the catalog calls for no new version; catalog_version stays 1.0.0" in out
    assert "A release of code changes alone still takes the next one" in out
    assert main(["diff", str(old), str(new), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["bump"], document["suggested_version"], document["changes"]) == (None, "1.0.0", [])


def test_tables_added_and_removed(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    index = new / "catalog.yaml"
    index.write_text(index.read_text(encoding="utf-8").replace("  - states\n", ""), encoding="utf-8")
    (new / "tables" / "states.yaml").unlink()
    removed = compare(load_catalog(old), load_catalog(new))
    assert found(removed) == [("states", "table", "removed", None, None, "major")]
    assert describe(removed[0]) == "Table `states` removed (3 codes)."
    assert found(compare(load_catalog(new), load_catalog(old))) == [("states", "table", "added", None, None, "minor")]


@pytest.mark.parametrize(
    ("edits", "impact", "version"),
    [
        ((), None, "1.0.0"),
        (("French text", "permanent flag"), "patch", "1.0.1"),
        (("French text", "code added", "group added"), "minor", "1.1.0"),
        (("code added", "code renamed"), "major", "2.0.0"),
        (("code type",), "major", "2.0.0"),
    ],
)
def test_the_suggested_version(
    edits: tuple[str, ...], impact: str | None, version: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = pair(tmp_path, *edits)
    assert bump(compare(load_catalog(old), load_catalog(new))) == impact
    assert main(["diff", str(old), str(new), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["bump"], document["suggested_version"], document["breaking"]) == (
        impact,
        version,
        impact == "major",
    )


def test_next_version() -> None:
    assert next_version("1.4.2", "major") == "2.0.0"
    assert next_version("1.4.2", "minor") == "1.5.0"
    assert next_version("1.4.2", "patch") == "1.4.3"
    assert next_version("1.4.2", None) == "1.4.2"


def test_markdown_is_a_changelog_section(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = pair(tmp_path, "code added", "code renamed", "French text", "permanent flag")
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "## 2.0.0"
    assert "Suggested version: 2.0.0 (major" in out
    assert "The new catalog says catalog_version 1.0.0: set it to 2.0.0." in out
    assert lines.index("### Breaking changes") < lines.index("### Added") < lines.index("### Changed")
    assert "- `states` code `delivered` `FINISHED`: renamed from `DELIVERED`." in lines
    assert "- `errors` code 9 `TIMED_OUT` added: “Délai”." in lines
    assert "- `errors` code 20 `CREDIT_TOO_LOW`, French text: “Crédit insuffisant” → “Crédit insuffisant.”." in lines
    assert "- `errors` code 20 `CREDIT_TOO_LOW`, permanent: false → true." in lines


def test_markdown_escapes_catalog_texts(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    change_table(new, "states", lambda t: entry(t, "DELIVERED")["message"].update(fr="C'est *fait* | <b>`x`</b>"))
    changes = compare(load_catalog(old), load_catalog(new))
    markdown = report_markdown(changes, load_catalog(old), load_catalog(new), "a`b", "new")
    assert r"“C'est \*fait\* \| \<b\>\`x\`\</b\>”" in markdown
    assert "``a`b``" in markdown
    assert code_span("`x") == "`` `x ``"


def test_json_is_sorted_and_stable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = pair(tmp_path, *[name for name in EDITS if name not in ("group removed", "code type")])
    assert main(["diff", str(old), str(new), "--json"]) == 0
    first = capsys.readouterr().out
    assert main(["diff", str(old), str(new), "--json"]) == 0
    assert capsys.readouterr().out == first
    document = json.loads(first)
    assert first == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert sorted(document) == ["breaking", "bump", "changes", "new", "old", "suggested_version"]
    assert document["old"] == {"source": str(old), "catalog_version": "1.0.0", "commit": None}
    fields = ["breaking", "change", "field", "impact", "key", "name", "new", "old", "subject", "table"]
    assert all(sorted(change) == fields for change in document["changes"])
    tables = [change["table"] for change in document["changes"]]
    assert tables == sorted(tables)  # errors before states, as in the catalog
    renamed = next(
        change for change in document["changes"] if change["change"] == "renamed" and change["key"] == "delivered"
    )
    assert renamed == {
        "breaking": True,
        "change": "renamed",
        "field": "name",
        "impact": "major",
        "key": "delivered",
        "name": "FINISHED",
        "new": "FINISHED",
        "old": "DELIVERED",
        "subject": "entry",
        "table": "states",
    }


def test_an_invalid_catalog_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = pair(tmp_path)
    change_table(new, "states", lambda t: entry(t, "DELIVERED").update(name="not a name"))
    assert main(["diff", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert "states.yaml" in err and "is invalid" in err and "Traceback" not in err


# Git revisions.


def git(repository: Path, *arguments: str) -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false", *arguments],
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository: README only, then the fixture catalog (tag v1.0.0), then a renamed code."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    (root / "README.md").write_text("A test repository.\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "no catalog yet")
    copy_catalog(root / "catalog")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "catalog 1.0.0")
    git(root, "tag", "v1.0.0")
    change_table(root / "catalog", "states", EDITS["code renamed"][1])
    git(root, "commit", "--quiet", "-am", "rename DELIVERED")
    monkeypatch.chdir(root)
    return root


def test_git_revisions(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "v1.0.0", "HEAD", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["old"]["source"] == "v1.0.0"
    assert [(change["change"], change["key"], change["old"]) for change in document["changes"]] == [
        ("renamed", "delivered", "DELIVERED")
    ]
    assert main(["diff", "HEAD~1", "catalog"]) == 0  # a revision against a directory
    assert capsys.readouterr().out.startswith("## 2.0.0")
    assert main(["diff", "HEAD", "catalog"]) == 0
    assert capsys.readouterr().out.startswith("No changes")
    # The extraction leaves the work tree and the index alone.
    assert git(repository, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("v9.9.9", "v9.9.9 is neither a directory nor a git revision"),
        ("HEAD~2", "has no catalog/ directory"),
        ("--all", "is neither a directory nor a git revision"),
    ],
)
def test_bad_revisions_exit_2(
    revision: str, message: str, repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A name starting with "-" would be read by argparse as an option; after "--", diff refuses it.
    argv = ["diff", "--", revision, "HEAD"] if revision.startswith("-") else ["diff", revision, "HEAD"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_outside_a_git_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    assert main(["diff", "HEAD", str(MINI)]) == 2
    assert "not in a git repository" in capsys.readouterr().err


# Released versions, found without tags.


def set_version(catalog_dir: Path, version: str) -> None:
    index = catalog_dir / "catalog.yaml"
    text, count = re.subn(
        r"^catalog_version: .*$", f'catalog_version: "{version}"', index.read_text("utf-8"), count=1, flags=re.M
    )
    assert count == 1
    index.write_text(text, encoding="utf-8")


def head(repository: Path) -> str:
    return git(repository, "rev-parse", "HEAD").strip()


@pytest.fixture
def releases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A repository without tags: release 1.0.0, work, release 1.1.0 made on a branch and merged, more work.

    Returns the commits by name: 1.0.0 and 1.1.0 are the commits of the main line that set those versions.
    """
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "--quiet", "--initial-branch=main")
    copy_catalog(root / "catalog")
    git(root, "add", ".")
    git(root, "commit", "--quiet", "-m", "Release 1.0.0")
    commits = {"1.0.0": head(root)}
    change_table(root / "catalog", "states", EDITS["code renamed"][1])
    git(root, "commit", "--quiet", "-am", "rename DELIVERED (work for the next release)")
    git(root, "switch", "--quiet", "-c", "release")
    set_version(root / "catalog", "2.0.0")
    git(root, "commit", "--quiet", "-am", "Release 2.0.0, on a branch")
    commits["branch"] = head(root)
    git(root, "switch", "--quiet", "main")
    (root / "NEWS").write_text("main moved on\n", encoding="utf-8")
    git(root, "add", "NEWS")
    git(root, "commit", "--quiet", "-m", "main moves on")
    git(root, "merge", "--quiet", "--no-ff", "-m", "Merge the release", "release")
    commits["2.0.0"] = head(root)
    change_table(root / "catalog", "errors", EDITS["code added"][1])
    git(root, "commit", "--quiet", "-am", "a code added after the release")
    assert git(root, "tag") == ""
    monkeypatch.chdir(root)
    return commits


def test_a_version_names_the_commit_that_set_it(releases: dict[str, str]) -> None:
    repository = Path.cwd()
    assert release_commit("1.0.0", repository) == releases["1.0.0"]
    # Made on a branch: the release is the merge that brought the version to the main line.
    assert release_commit("2.0.0", repository) == releases["2.0.0"] != releases["branch"]
    assert release_commit("v2.0.0", repository) == releases["2.0.0"]  # as a tag would spell it
    assert [version for _, version in version_changes(repository)] == ["1.0.0", "2.0.0"]


def test_diff_compares_releases_and_the_work_since_without_tags(
    releases: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "1.0.0", "2.0.0", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["old"]["commit"], document["new"]["commit"]) == (releases["1.0.0"], releases["2.0.0"])
    assert [(change["change"], change["key"]) for change in document["changes"]] == [("renamed", "delivered")]
    # The release steps: the last release against the catalog being edited (committed work and uncommitted edits).
    change_table(Path("catalog"), "errors", lambda t: entry(t, "CREDIT_TOO_LOW")["message"].update(en="Credit low"))
    assert main(["diff", "2.0.0", "catalog"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## 2.1.0\n")
    assert f"Changes between `2.0.0` (catalog 2.0.0, commit {releases['2.0.0'][:12]}) and `catalog`" in out
    assert "- `errors` code 9 `TIMED_OUT` added" in out
    assert "- `errors` code 20 `CREDIT_TOO_LOW`, English text:" in out


def test_a_tag_wins_over_the_version_it_spells(releases: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    git(Path.cwd(), "tag", "v1.0.0", releases["branch"])
    assert main(["diff", "v1.0.0", "HEAD", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["old"]["commit"] == releases["branch"]


def test_an_unknown_version_lists_the_versions_released(
    releases: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "1.1.0", "catalog"]) == 2
    assert capsys.readouterr().err == (
        "error: 1.1.0 is neither a directory nor a git revision, and no commit of HEAD's history sets"
        f" catalog_version 1.1.0 (the versions it sets: 1.0.0 ({releases['1.0.0'][:12]}),"
        f" 2.0.0 ({releases['2.0.0'][:12]}))\n"
    )


def test_a_version_set_twice_must_be_named_by_its_commit(
    releases: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    set_version(Path("catalog"), "1.0.0")
    git(Path.cwd(), "commit", "--quiet", "-am", "back to 1.0.0")
    again = head(Path.cwd())
    assert main(["diff", "1.0.0", "catalog"]) == 2
    err = capsys.readouterr().err
    assert (
        f"catalog_version 1.0.0 was set more than once in HEAD's history ({releases['1.0.0'][:12]}, {again[:12]})"
        in err
    )


def test_a_shallow_clone_is_told_to_fetch_the_history(
    releases: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{Path.cwd()}", str(clone))
    monkeypatch.chdir(clone)
    assert main(["diff", "1.0.0", "catalog"]) == 2
    assert "this clone is shallow: `git fetch --unshallow` brings the history" in capsys.readouterr().err


def test_flags_given_are_additions_and_flags_taken_are_breaking(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    change_table(new, "states", lambda t: [item.update(permanent=False) for item in t["entries"]])
    change_table(new, "errors", lambda t: [item.pop("permanent") for item in t["entries"]])
    changes = compare(load_catalog(old), load_catalog(new))
    assert sorted((c.table, c.key, c.field, c.old, c.new, c.impact) for c in changes) == [
        ("errors", 10, "permanent", True, None, "major"),
        ("errors", 10, "permanent", True, None, "major"),
        ("errors", 20, "permanent", False, None, "major"),
        ("states", "delivered", "permanent", None, False, "minor"),
        ("states", "not delivered", "permanent", None, False, "minor"),
        ("states", "waiting", "permanent", None, False, "minor"),
    ]


def test_a_release_made_before_the_status_flags_were_required_still_compares(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Releases before 1.1.0 have no final/success flags: validate refuses them today, diff still reads them."""
    old = copy_catalog(tmp_path / "old")

    def drop_guidance(table: Table) -> None:
        for item in table["entries"]:
            for field in ("final", "success", "hint"):
                item.pop(field, None)

    change_table(old, "states", drop_guidance)
    assert main(["validate", "--catalog", str(old)]) == 1
    capsys.readouterr()

    assert main(["diff", str(old), str(MINI), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    fields = sorted((change["name"], change["field"], change["impact"]) for change in report["changes"])
    assert fields == [
        ("DELIVERED", "final", "minor"),
        ("DELIVERED", "success", "minor"),
        ("NOT_DELIVERED", "final", "minor"),
        ("NOT_DELIVERED", "success", "minor"),
        ("WAITING", "final", "minor"),
        ("WAITING", "hint", "minor"),
        ("WAITING", "success", "minor"),
    ]


def test_a_revision_whose_catalog_holds_a_link_exits_2(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """tarfile's data filter raised a traceback on it; the link is named instead, and nothing is extracted."""
    (repository / "catalog" / "tables" / "elsewhere.yaml").symlink_to("/etc/passwd")
    git(repository, "add", ".")
    git(repository, "commit", "--quiet", "-m", "a link in the catalog")
    assert main(["diff", "v1.0.0", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: catalog/tables/elsewhere.yaml in revision HEAD (")
    assert err.endswith("is a symbolic link; a catalog holds regular files and directories only\n")


def test_a_directory_without_a_catalog_is_named_as_such(repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", ".", "catalog"]) == 2
    assert (
        capsys.readouterr().err
        == "error: . is not a catalog directory: it has no catalog.yaml; did you mean catalog?\n"
    )
