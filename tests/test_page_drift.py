"""The drift report of the endpoint pages (``python -m codegen upstream``) on edited copies of the vendored pages.

Each test copies the catalog (with its vendored pages) into a temporary directory, changes a
page in one way, records the page's new sha256 where the test is not about the manifest, and
checks that the report finds that change, and only it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from codegen.catalog import load_catalog
from codegen.cli import main
from codegen.maintenance.pagedrift import KINDS, PageDifference, compare_pages

ROOT = Path(__file__).resolve().parent.parent
CANCEL = "SMS/envoyer-des-sms/envois_smsp6.md"
STATUS = "SMS/status-et-statistiques/statusp2.md"


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(ROOT / "catalog", target)
    return target


def pages_of(catalog_dir: Path) -> Path:
    return catalog_dir / "upstream" / "docpartner"


def edit(catalog_dir: Path, page: str, line: int, old: str, new: str, *, record: bool = True) -> None:
    """Replace ``old`` by ``new`` on one line of a vendored page (and record its new digest)."""
    path = pages_of(catalog_dir) / page
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    if record:
        rerecord(catalog_dir)


def rerecord(catalog_dir: Path) -> None:
    pages = pages_of(catalog_dir)
    lines = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()}  ./{path.relative_to(pages).as_posix()}"
        for path in sorted(pages.rglob("*.md"))
    ]
    (pages / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")


def differences(catalog_dir: Path) -> list[PageDifference]:
    return compare_pages(load_catalog(catalog_dir), pages_of(catalog_dir))


def keys(found: list[PageDifference]) -> list[tuple[str, str, int | None]]:
    return [(difference.kind, difference.page.removeprefix("docpartner/"), difference.line) for difference in found]


def test_the_vendored_pages_agree_with_the_catalog(catalog_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["upstream", "--catalog", str(catalog_dir)]) == 0
    out = capsys.readouterr().out
    assert "agree: 47 endpoints, 100 pages." in out
    assert "12" in out and "tables, 227 entries." in out


def test_a_changed_wording_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 433, "L’envoi du SMS a déjà été annulé", "L’envoi a déjà été annulé")
    found = differences(catalog_dir)
    assert keys(found) == [("wording", CANCEL, 433)]
    assert found[0].endpoint == "sms.message_cancel"
    assert found[0].upstream == "L’envoi a déjà été annulé"
    assert "sms_message_cancel_control.ALREADY_CANCELLED" in (found[0].catalog or "")


def test_a_change_the_matching_rule_absorbs_is_no_drift(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 433, "L’envoi du SMS a déjà été annulé", "L'envoi du SMS a déjà été annulé.")
    assert differences(catalog_dir) == []


def test_a_changed_code_is_caught_both_ways(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 433, "|5 |", "|8 |")
    assert keys(differences(catalog_dir)) == [("code_only_upstream", CANCEL, 433), ("source_stale", CANCEL, 433)]


def test_a_removed_row_leaves_a_stale_source(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 437, "|200 |Tout s’est bien passé ! |", "")
    assert keys(differences(catalog_dir)) == [("source_stale", CANCEL, 437)]


def test_an_added_row_is_caught(catalog_dir: Path) -> None:
    row = "|200 |Tout s’est bien passé ! |"
    edit(catalog_dir, CANCEL, 437, row, row + "\n|12 | Nouveau |")
    assert keys(differences(catalog_dir)) == [("code_only_upstream", CANCEL, 438)]


def test_a_changed_headline_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 12, "message-cancel", "message-delete")
    edit(catalog_dir, CANCEL, 11, ">GET<", ">POST<")
    assert keys(differences(catalog_dir)) == [
        ("method", CANCEL, 12),
        ("url_only_upstream", CANCEL, 12),
        ("source_stale", CANCEL, 12),
    ]


def test_a_changed_sample_url_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 381, "/v1/message-cancel", "/v2/message-cancel")
    assert keys(differences(catalog_dir)) == [("url_only_upstream", CANCEL, 381), ("source_stale", CANCEL, 381)]


def test_a_changed_example_answer_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 422, "Clé API incorrecte", "Clé API invalide")
    edit(catalog_dir, STATUS, 220, '"code": 4', '"code": 44')
    assert keys(differences(catalog_dir)) == [
        ("wording", CANCEL, 421),  # at the line of the answer's code
        ("code_only_upstream", STATUS, 220),
        ("source_stale", STATUS, 220),
    ]


def test_a_changed_status_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, STATUS, 213, '"Delivered"', '"Delivred"')
    edit(catalog_dir, STATUS, 223, "Numéro introuvable", "Numéro inconnu")
    assert keys(differences(catalog_dir)) == [
        ("value_only_upstream", STATUS, 213),
        ("source_stale", STATUS, 213),
        ("value_only_upstream", STATUS, 223),
        ("source_stale", STATUS, 223),
    ]


def test_a_changed_listed_value_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, STATUS, 238, "* **Waiting**", "* **Expired**")
    assert keys(differences(catalog_dir)) == [("value_only_upstream", STATUS, 238), ("source_stale", STATUS, 238)]


def test_a_changed_title_is_caught(catalog_dir: Path) -> None:
    edit(catalog_dir, CANCEL, 2, "title: Annuler l’envoi d’un SMS", "title: Annuler un SMS")
    assert keys(differences(catalog_dir)) == [("title", CANCEL, None)]


def test_a_page_gone_and_a_page_new_are_caught(catalog_dir: Path) -> None:
    pages = pages_of(catalog_dir)
    (pages / "SMS" / "smsp2.pt.md").unlink()
    (pages / "SMS" / "new.md").write_text("---\ntitle: Nouveau\n---\n", encoding="utf-8")
    rerecord(catalog_dir)
    assert keys(differences(catalog_dir)) == [
        ("page_not_in_catalog", "SMS/new.md", None),
        ("page_only_in_catalog", "SMS/smsp2.pt.md", None),
    ]


def test_the_command_reports_per_endpoint_and_page_and_exits_1(
    catalog_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(catalog_dir, CANCEL, 433, "L’envoi du SMS a déjà été annulé", "L’envoi a déjà été annulé")
    assert main(["upstream", "--catalog", str(catalog_dir)]) == 1
    out = capsys.readouterr().out
    assert f"sms.message_cancel, page docpartner/{CANCEL}" in out
    assert "line 433: a text that is none of the entry's wordings" in out
    assert main(["upstream", "--catalog", str(catalog_dir), "--json"]) == 1
    documents = capsys.readouterr().out
    pages_report = json.loads(documents[documents.index('{\n  "catalog_version"', 1) :])
    assert pages_report["drift"] is True
    assert [item["kind"] for item in pages_report["differences"]] == ["wording"]
    assert set(pages_report["differences"][0]) == {"kind", "page", "endpoint", "line", "upstream", "catalog"}


def test_a_page_that_does_not_match_the_manifest_cannot_be_compared(
    catalog_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(catalog_dir, CANCEL, 433, "déjà", "deja", record=False)
    assert main(["upstream", "--catalog", str(catalog_dir)]) == 2
    assert "record its new digest" in capsys.readouterr().err
    (pages_of(catalog_dir) / "extra.md").write_text("x", encoding="utf-8")
    rerecord(catalog_dir)
    (pages_of(catalog_dir) / "stray.txt").write_text("x", encoding="utf-8")
    assert main(["upstream", "--catalog", str(catalog_dir)]) == 2
    assert "stray.txt is not in" in capsys.readouterr().err


def test_every_kind_of_difference_is_tested() -> None:
    tested = {
        "page_not_in_catalog", "page_only_in_catalog", "title", "method", "url_only_upstream",
        "code_only_upstream", "value_only_upstream", "wording", "source_stale",
    }  # fmt: skip
    assert tested == set(KINDS)
