"""The drift report (``python -m codegen upstream``) on small synthetic pages.

tests/upstream_pages/base.fr.md describes tests/upstream_pages/catalog exactly:
a code line outside a table, ``<mark>`` wrappers, typographic apostrophes,
columns that vary per section, HLR groups with a shared code. Each test
changes the page in one way and checks that the report finds that change, and
only it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codegen.catalog import load_catalog
from codegen.cli import main
from codegen.maintenance.drift import KINDS, Difference, compare, word_diff
from codegen.maintenance.upstream import UpstreamParseError, parse_page
from codegen.model import Catalog

HERE = Path(__file__).resolve().parent / "upstream_pages"
BASE_PAGE = HERE / "base.fr.md"
CATALOG = HERE / "catalog"
BASE = BASE_PAGE.read_text(encoding="utf-8")

MAIL_SECTION = (
    "## Envoi de Mail\n\n"
    "| Codes | Message                                                      |\n"
    "|:-------:|--------------------------------------------------------------|\n"
    "| 14    | Le mail est dans la liste des désinscriptions                |\n"
)
SPARE_GROUP = "### SPARE_ERRORS (errorGrpId: 3)\n\nAucune erreur de ce groupe pour l’instant.\n\n"
NO_ERROR_ROW = '| 0 | false | <mark style="background-color: #a8d3fb;">NO_ERROR</mark> | Aucune erreur. |\n'
STATUS_TABLE = (
    "| Statuts SMS | Description |\n"
    "|:-------------:|-------------|\n"
    '| <mark style="background-color: #a8d3fb;">DELIVRD</mark> | Le message a été livré. |\n'
    "| not delivered | Le SMS n'a pas été délivré |\n"
)
ROW_10 = "| 10    | Clef API incorrecte                      |\n"
ROW_40 = "| 40    | L’accès à l’API est refusé               |\n"

# Key of a difference: (kind, table id or section title, code or group id).
Key = tuple[str, str | None, int | str | None]

# One change of the page per kind of difference, with the one difference it must give.
# They touch separate lines, so that they can also be applied all together.
CHANGES: dict[str, tuple[list[tuple[str, str]], Key]] = {
    "section_only_upstream": (
        [
            (
                "## Envoi de Mail\n",
                "## Location\n\n| Codes | Message |\n|---|---|\n| 3 | Paramètre requis |\n\n## Envoi de Mail\n",
            )
        ],
        ("section_only_upstream", "Location", None),
    ),
    "table_only_in_catalog": ([(MAIL_SECTION, "")], ("table_only_in_catalog", "mail", None)),
    "title": (
        [("## Codes erreurs des statuts", "## Codes Erreurs des statuts")],
        ("title", "statuses", None),
    ),
    "order": ([(ROW_10 + ROW_40, ROW_40 + ROW_10)], ("order", "sending", None)),
    "column_only_upstream": (
        [
            (
                STATUS_TABLE,
                STATUS_TABLE.replace("| Description |", "| Description | Solution |")
                .replace("|-------------|", "|-------------|----------|")
                .replace("livré. |", "livré. | Rien |")
                .replace("délivré |", "délivré | Réessayer |"),
            )
        ],
        ("column_only_upstream", "statuses", None),
    ),
    "group_only_upstream": (
        [("### SPARE_ERRORS", "### NEW_ERRORS (errorGrpId: 4)\n\nUn nouveau groupe.\n\n### SPARE_ERRORS")],
        ("group_only_upstream", "hlr", 4),
    ),
    "group_only_in_catalog": ([(SPARE_GROUP, "")], ("group_only_in_catalog", "hlr", 3)),
    "group_name": ([("### USER_ERRORS (", "### USERS_ERRORS (")], ("group_name", "hlr", 2)),
    "group_description": (
        [("Le téléphone n'a pas répondu.", "Le téléphone portable n’a pas répondu.")],
        ("group_description", "hlr", 1),
    ),
    "code_only_upstream": (
        [
            (
                "|:-------:|------------------------|\n",
                "|:-------:|------------------------|\n| 50 | Trop de numéros |\n",
            )
        ],
        ("code_only_upstream", "sending", 50),
    ),
    "code_only_in_catalog": (
        [("| 2     | Le champ phoneNumbers est requis         |\n", "")],
        ("code_only_in_catalog", "sending", 2),
    ),
    "name": ([(">UNIDENTIFIED_SUBSCRIBER<", ">UNKNOWN_SUBSCRIBER<")], ("name", "hlr", 5)),
    "message": (
        [("| La clé API est requise ", "| La clé d’API est requise ")],
        ("message", "sending", 1),
    ),
    # Row 0 moves to the next group's table; the page order of the codes stays the same.
    "group": ([(NO_ERROR_ROW, ""), ("| 5 | false |", NO_ERROR_ROW + "| 5 | false |")], ("group", "hlr", 0)),
    "permanent": ([("| 4096 | true |", "| 4096 | false |")], ("permanent", "hlr", 4096)),
}


def changed_page(*names: str) -> str:
    page = BASE
    for name in names:
        for old, new in CHANGES[name][0]:
            assert page.count(old) == 1, f"{name}: {old!r} is not once in the page"
            page = page.replace(old, new)
    return page


def flat(text: str) -> str:
    """``text`` on one line: the human report wraps its lines at 80 columns."""
    return " ".join(text.split())


def key(difference: Difference) -> Key:
    code = difference.code if difference.code is not None else difference.group
    return difference.kind, difference.table or difference.section, code


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG)


def differences(page: str, catalog: Catalog) -> list[Difference]:
    return compare(parse_page(page, "page.md"), catalog)


def run(tmp_path: Path, page: str | bytes, *options: str) -> int:
    path = tmp_path / "page.md"
    if isinstance(page, str):
        path.write_text(page, encoding="utf-8")
    else:
        path.write_bytes(page)
    return main(["upstream", str(path), "--catalog", str(CATALOG), *options])


def test_the_base_page_agrees_with_its_catalog(
    catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert differences(BASE, catalog) == []
    assert run(tmp_path, BASE) == 0
    assert "agree: 4 tables, 13 entries" in flat(capsys.readouterr().out)


def test_every_kind_has_a_change() -> None:
    assert sorted(CHANGES) == sorted(KINDS)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_each_change_alone_gives_its_one_difference(name: str, catalog: Catalog) -> None:
    found = differences(changed_page(name), catalog)
    assert [key(difference) for difference in found] == [CHANGES[name][1]]


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_each_change_alone_exits_1(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, changed_page(name)) == 1
    assert "1 difference in 1 table" in flat(capsys.readouterr().out)


def test_all_changes_together(catalog: Catalog) -> None:
    found = differences(changed_page(*CHANGES), catalog)
    assert sorted(map(key, found), key=repr) == sorted((expected for _, expected in CHANGES.values()), key=repr)


def test_the_report_names_table_code_line_and_word_diff(catalog: Catalog) -> None:
    (message,) = differences(changed_page("message"), catalog)
    line = changed_page("message").splitlines().index("| 1     | La clé d’API est requise                   |") + 1
    assert (message.table, message.code, message.name, message.line) == ("sending", 1, "KEY_REQUIRED", line)
    assert (message.upstream, message.catalog) == ("La clé d’API est requise", "La clé API est requise")
    assert message.word_diff == "La clé [-API-]{+d’API+} est requise"


def test_human_report_fits_80_columns_and_lists_every_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, changed_page(*CHANGES)) == 1
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert f"{len(CHANGES)} differences in 5 tables" in flat(out)
    for expected in (
        'Section "Location" (page line',
        "mail: no section of the page has its title",
        "code 1 KEY_REQUIRED (page line",
        "La clé [-API-]{+d’API+} est requise",
        "code 2 NUMBERS_REQUIRED: only in the catalog",
        "code 50 (page line",
        "group 2 USER_ERRORS (page line",
        "name differs: page USERS_ERRORS, catalog USER_ERRORS",
        "permanent differs: page false, catalog true",
        'column "Solution"',
        "entries in another order than on the page, from page line",
    ):
        assert expected in flat(out), expected


def test_json_is_sorted_stable_and_complete(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = changed_page(*CHANGES)
    assert run(tmp_path, page, "--json") == 1
    first = capsys.readouterr().out
    assert run(tmp_path, page, "--json") == 1
    assert capsys.readouterr().out == first
    document = json.loads(first)
    assert sorted(document) == ["catalog", "catalog_version", "differences", "drift", "page"]
    assert document["drift"] is True
    assert document["catalog_version"] == "3.1.4"
    fields = ["catalog", "code", "group", "kind", "line", "name", "section", "table", "upstream", "word_diff"]
    assert all(sorted(item) == fields for item in document["differences"])
    assert first == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    keys = [(item["table"] or "", item["section"] or "") for item in document["differences"]]
    assert keys == sorted(keys)
    permanent = next(item for item in document["differences"] if item["kind"] == "permanent")
    assert permanent["code"] == 4096 and permanent["upstream"] is False and permanent["catalog"] is True
    message = next(item for item in document["differences"] if item["kind"] == "message")
    assert message["word_diff"] == "La clé [-API-]{+d’API+} est requise"


def test_json_without_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, BASE, "--json") == 0
    assert json.loads(capsys.readouterr().out)["differences"] == []


def test_apostrophes_alone_are_a_difference_and_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = BASE.replace("Le SMS n'a pas été délivré", "Le SMS n’a pas été délivré")
    assert run(tmp_path, page) == 1
    out = flat(capsys.readouterr().out)
    assert 'code "not delivered" NOT_DELIVERED' in out
    assert "only in its apostrophes" in out
    assert "Le SMS [-n'a-]{+n’a+} pas été délivré" in out


def test_rows_sharing_a_code_pair_by_name(catalog: Catalog) -> None:
    sender = BASE.splitlines(keepends=True)[
        next(i for i, line in enumerate(BASE.splitlines()) if ">BLACKLISTED_" in line)
    ]
    source = sender.replace("BLACKLISTED_SENDER", "SOURCE_BLACKLISTED").replace("L'expéditeur", "L'adresse source")
    assert source in BASE
    swapped = BASE.replace(sender + source, source + sender)
    assert [key(difference) for difference in differences(swapped, catalog)] == [("order", "hlr", None)]


def test_tables_in_another_order(catalog: Catalog) -> None:
    page = BASE.replace(MAIL_SECTION, "").replace("## Envoi de SMS\n", MAIL_SECTION + "\n## Envoi de SMS\n")
    (order,) = differences(page, catalog)
    assert key(order) == ("order", None, None)
    assert order.upstream == "mail sending statuses hlr"
    assert order.catalog == "sending statuses hlr mail"


def test_a_renamed_section_keeps_its_table(catalog: Catalog) -> None:
    (title,) = differences(BASE.replace("## Envoi de Mail", "## Envoi des Mails"), catalog)
    assert key(title) == ("title", "mail", None)
    assert title.word_diff == "Envoi [-de-]{+des+} [-Mail-]{+Mails+}"


def test_a_blank_line_between_table_header_and_separator_is_read() -> None:
    header = "| Codes | Message                                  |\n"
    page = BASE.replace(header, header + "\n")

    def codes(text: str) -> list[tuple[str, str, bool]]:
        return [(row.code, row.message, row.outside_table) for row in parse_page(text)[0].rows]

    assert codes(page) == codes(BASE)
    assert len(codes(BASE)) == 5


def test_escaped_pipes_stay_in_the_cell() -> None:
    page = BASE.replace("| Clef API incorrecte ", r"| Clef API \| incorrecte ")
    sending = parse_page(page)[0]
    assert next(row.message for row in sending.rows if row.code == "10") == "Clef API | incorrecte"


def test_the_code_line_outside_a_table_is_compared(catalog: Catalog) -> None:
    loose = "992 Sender non autorisé\n"
    (changed,) = differences(BASE.replace(loose, "992 Sender non autorisé ici\n"), catalog)
    assert (key(changed), changed.line) == (("message", "sending", 992), _line_of(BASE, loose.strip()))
    (gone,) = differences(BASE.replace(loose, ""), catalog)
    assert key(gone) == ("code_only_in_catalog", "sending", 992)


def test_windows_line_endings_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    assert run(tmp_path, b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode()) == 0


def test_a_row_without_its_closing_pipe_is_read(catalog: Catalog) -> None:
    page = BASE.replace("| Clef API incorrecte                      |\n", "| Clef API incorrecte\n")
    assert page != BASE
    assert differences(page, catalog) == []


# Lines of the page's kinds, and lines broken in the ways a hand edit breaks them.
BASE_LINES = BASE.splitlines()
PAGE_LINES = [
    *sorted(set(BASE_LINES)),
    "| 7 |",
    "|",
    "| Codes |",
    "### X (errorGrpId: x)",
    "## ",
    "12",
    "|---|",
    "| <mark>",
    "\ufeff## Envoi de SMS",
    "\u2028",
]
ANY_LINE = st.sampled_from(PAGE_LINES) | st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=30)
# The base page with lines dropped, and pages of lines drawn at random.
PAGES = st.sets(st.integers(0, len(BASE_LINES) - 1)).map(
    lambda dropped: [line for number, line in enumerate(BASE_LINES) if number not in dropped]
) | st.lists(ANY_LINE, max_size=40)


@settings(max_examples=400, deadline=None)
@given(lines=PAGES)
def test_any_page_is_a_report_or_a_clear_error(lines: list[str], catalog: Catalog) -> None:
    """No input makes the parser or the comparison fail other than with UpstreamParseError."""
    try:
        sections = parse_page("\n".join(lines), "page.md")
    except UpstreamParseError as error:
        assert str(error).startswith(f"page.md:{error.line}: ")
        assert 1 <= error.line <= max(len(lines), 1)
        return
    for difference in compare(sections, catalog):
        assert difference.kind in KINDS


def test_word_diff() -> None:
    assert word_diff("a b c", "a x c") == "a [-b-]{+x+} c"
    assert word_diff("a b", "a b c") == "a b{+ c+}"
    assert word_diff("a b c", "a c") == "a [-b -]c"
    assert word_diff("same", "same") == "same"


def _line_of(page: str, text: str) -> int:
    return page.splitlines().index(text) + 1


UNPARSEABLE = {
    "paragraph in a section": ("## Envoi de SMS\n", "## Envoi de SMS\n\nQuelques mots.\n", "Quelques mots."),
    "header without separator": (
        "| Codes | Message                                  |\n|:-------:|------------------------|\n",
        "| Codes | Message                                  |\n\nDu texte\n",
        "Du texte",
    ),
    "row without its header": (ROW_40, ROW_40 + "\n| 41 | Perdu |\n", "| 41 | Perdu |"),
    "group heading without id": ("### USER_ERRORS (errorGrpId: 2)", "### USER_ERRORS", "### USER_ERRORS"),
    "short row": ("| 4096 | true | INVALID_PDU | Format PDU non valide. |", "| 4096 | true |", "| 4096 | true |"),
    "permanent flag": ("| 4096 | true |", "| 4096 | oui |", None),
    "two message columns": ("| Statuts SMS | Description |", "| Statuts SMS | Message | Description |", None),
    "control character": ("Clef API incorrecte", "Clef API\x00incorrecte", None),
}


@pytest.mark.parametrize("case", sorted(UNPARSEABLE))
def test_unparseable_pages_exit_2_naming_the_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new, bad_line = UNPARSEABLE[case]
    assert BASE.count(old) == 1
    page = BASE.replace(old, new)
    if bad_line is None:
        bad_line = next(line for line in page.splitlines() if new.strip().split("\n")[0] in line)
    line = _line_of(page, bad_line)
    with pytest.raises(UpstreamParseError) as raised:
        parse_page(page, "page.md")
    assert raised.value.line == line
    assert run(tmp_path, page) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"page.md:{line}: " in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "page.md:1: no `## ` section"),
        (b"\n\n\n", "page.md:3: no `## ` section"),
        (b"# Codes\nRien ici.\n", "page.md:2: no `## ` section"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "page.md:1: byte 0x89 is not UTF-8"),
        (b"## Envoi de SMS\n\n| Codes | Message |\n|---|---|\n| 1 | caf\xe9 |\n", "page.md:5: byte 0xe9 is not UTF-8"),
        (bytes(range(256)), "page.md:1: control character U+0000"),
    ],
)
def test_empty_and_binary_pages_exit_2(
    content: bytes, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if content == bytes(range(256)):
        content = content[:128]  # valid UTF-8 (ASCII), control characters included
    assert run(tmp_path, content) == 2
    captured = capsys.readouterr()
    assert expected in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_missing_page_and_directory_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["upstream", str(tmp_path / "missing.md"), "--catalog", str(CATALOG)]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["upstream", str(tmp_path), "--catalog", str(CATALOG)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_invalid_catalog_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.md"
    page.write_text(BASE, encoding="utf-8")
    assert main(["upstream", str(page), "--catalog", str(tmp_path / "nothing")]) == 2
    assert "cannot compare" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["upstream", "a.md", "--bogus"], ["diff", "only-one"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_sha256_mismatch_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "page.md.sha256"
    record.write_text("0" * 64 + "  page.md\n", encoding="utf-8")
    assert run(tmp_path, BASE, "--sha256", str(record)) == 2
    assert "not the 000" in capsys.readouterr().err
    record.write_text("not a digest\n", encoding="utf-8")
    assert run(tmp_path, BASE, "--sha256", str(record)) == 2
    assert "no sha256 digest" in capsys.readouterr().err


# The vendored snapshot of SMSPartner's page: what `make test` checks.


def test_the_catalog_has_no_drift_against_the_vendored_page(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = root / "catalog" / "upstream" / "error-codes.fr.md"
    record = root / "catalog" / "upstream" / "error-codes.fr.md.sha256"
    argv = ["upstream", str(page), "--catalog", str(root / "catalog"), "--sha256", str(record)]
    assert main(argv) == 0
    assert "agree: 12 tables" in flat(capsys.readouterr().out)


# Pages and digests that are not files, or not text; lines built to make a regex backtrack (issue 10, findings 5, 8).
# Each runs in a child process with a time limit: a regression would hang, not fail.


def _upstream_in_a_child(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", "upstream", *arguments, "--catalog", str(CATALOG)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,  # a guard against a hang, not a measure: each of these takes milliseconds
        check=False,
    )


@pytest.mark.parametrize("where", ["page", "--sha256"])
@pytest.mark.parametrize("special", ["/dev/zero", "FIFO"])
def test_a_page_or_digest_that_is_not_a_regular_file_exits_2_unread(tmp_path: Path, where: str, special: str) -> None:
    path = special
    if special == "FIFO":
        path = str(tmp_path / "fifo")
        os.mkfifo(path)
    kind = "a character device" if special == "/dev/zero" else "a FIFO (named pipe)"
    page = tmp_path / "page.md"
    page.write_text(BASE, encoding="utf-8")
    arguments = [path] if where == "page" else [str(page), "--sha256", path]
    result = _upstream_in_a_child(*arguments)
    assert result.returncode == 2
    assert result.stderr == f"error: cannot read {path}: it is {kind}, not a regular file\n"
    assert result.stdout == ""


def test_a_binary_digest_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "page.md.sha256"
    record.write_bytes(b"\x89PNG\r\n\x1a\n")
    assert run(tmp_path, BASE, "--sha256", str(record)) == 2
    assert capsys.readouterr().err == (
        f"error: {record} is not a sha256sum file: byte 0x89 at offset 0 is not text;"
        " give the file `sha256sum PAGE` writes\n"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## Envoi de SMS" + " " * 100_000 + "x", "section_only_upstream"),  # took 70 s: lazy .*? then \s*$
        ("992 Sender" + " " * 100_000 + "x", "code_only_upstream"),
    ],
    ids=["section title", "code line"],
)
def test_a_100_kb_line_is_read_in_one_pass(tmp_path: Path, line: str, expected: str) -> None:
    page = tmp_path / "page.md"
    page.write_text(BASE + "\n" + line + "\n", encoding="utf-8")
    result = _upstream_in_a_child(str(page), "--json")
    assert result.returncode == 1, result.stderr
    kinds = [difference["kind"] for difference in json.loads(result.stdout)["differences"]]
    assert expected in kinds


def test_an_unparseable_100_kb_line_is_quoted_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, BASE + "\n" + "mot " * 25_000 + "\n") == 2
    err = capsys.readouterr().err
    assert "text that is neither a table row nor a code line: 'mot mot" in err
    assert "... (99999 characters)" in err and len(err) < 500
