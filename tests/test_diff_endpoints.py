"""``codegen diff`` on the endpoint data: each new kind of change and the version it asks for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from codegen.catalog import load_catalog
from codegen.maintenance.diff import Change, bump, compare, report_markdown

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def old(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("old") / "catalog"
    shutil.copytree(ROOT / "catalog", target, ignore=shutil.ignore_patterns("upstream"))
    return target


def changed(old: Path, tmp_path: Path, edits: list[tuple[str, str, str]]) -> list[Change]:
    new = tmp_path / "catalog"
    shutil.copytree(old, new)
    for relative, before, after in edits:
        path = new / relative
        text = path.read_text(encoding="utf-8")
        assert before in text, before
        path.write_text(text.replace(before, after, 1), encoding="utf-8")
    return compare(load_catalog(old), load_catalog(new))


def summary(changes: list[Change]) -> list[tuple[str, str, str, str]]:
    return [(change.subject, str(change.key), change.change, change.impact) for change in changes]


CANCEL = "tables/sms_message_cancel_control.yaml"


def test_a_variant_added_is_minor_and_removed_is_major(old: Path, tmp_path: Path) -> None:
    added = changed(
        old,
        tmp_path / "a",
        [
            (
                CANCEL,
                "  - text: Message ID is required\n    lang: en\n",
                "  - text: Message ID is required\n    lang: en\n  - text: ID required\n    lang: en\n",
            )
        ],
    )
    assert summary(added) == [("entry", "3", "variant added", "minor")]
    assert bump(added) == "minor"
    removed = changed(
        old, tmp_path / "r", [(CANCEL, "  variants:\n  - text: Message ID is required\n    lang: en\n", "")]
    )
    assert summary(removed) == [("entry", "3", "variant removed", "major")]
    line = report_markdown(removed, load_catalog(old), load_catalog(old), "old", "new")
    assert "variant removed: “Message ID is required”" in line


def test_sources_moved_are_a_patch(old: Path, tmp_path: Path) -> None:
    moved = changed(old, tmp_path, [(CANCEL, "envois_smsp6.md:431", "envois_smsp6.md:432")])
    assert summary(moved) == [("entry", "3", "sources", "patch")]


def test_endpoint_changes_and_their_impacts(old: Path, tmp_path: Path) -> None:
    endpoint = "- id: sms.message_cancel\n"
    cases = {
        "url removed": (
            [
                (
                    "endpoints.yaml",
                    "  - url: api.smspartner.fr/v1/vn/callforward\n",
                    "  - url: api.smspartner.fr/v1/vn/forward\n",
                )
            ],
            [
                ("endpoint", "sms.callforward", "url added", "minor"),
                ("endpoint", "sms.callforward", "url removed", "major"),
            ],
        ),
        "tables appended": (
            [
                (
                    "endpoints.yaml",
                    "  - sms_message_cancel_control\n  - sms_cancel\n",
                    "  - sms_message_cancel_control\n  - sms_cancel\n  - sms_status\n",
                )
            ],
            [("endpoint", "sms.message_cancel", "tables", "minor")],
        ),
        "tables reordered": (
            [
                (
                    "endpoints.yaml",
                    "  - sms_send_control\n  - sms_send\n",
                    "  - sms_send\n  - sms_send_control\n",
                )
            ],
            [("endpoint", "sms.send", "tables", "major")],
        ),
        "method": (
            [
                (
                    "endpoints.yaml",
                    endpoint + "  kind: call\n  method: GET\n",
                    endpoint + "  kind: call\n  method: POST\n",
                )
            ],
            [("endpoint", "sms.message_cancel", "method", "patch")],
        ),
    }
    for name, (edits, expected) in cases.items():
        assert summary(changed(old, tmp_path / name.replace(" ", "_"), edits)) == expected, name


def test_disagreement_added_removed_and_reworded(old: Path, tmp_path: Path) -> None:
    reworded = changed(
        old, tmp_path / "w", [("disagreements.yaml", "weak evidence for cancellation.", "weak evidence.")]
    )
    assert summary(reworded) == [("disagreement", "sms_cancel_5", "text", "patch")]
    text = (old / "disagreements.yaml").read_text(encoding="utf-8")
    start = text.index("- id: sms_statistics_statuses")
    removed = changed(old, tmp_path / "r", [("disagreements.yaml", text[start:], "")])
    assert summary(removed) == [("disagreement", "sms_statistics_statuses", "removed", "patch")]
