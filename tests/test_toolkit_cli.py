"""The smspartner-codes command: each subcommand, its exit status, its --json output, the language it picks,
and text that fits an 80-column terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import smspartner_codes
from smspartner_codes._cli import default_language, main

FOUND, NOT_FOUND, USAGE_ERROR = 0, 1, 2


@pytest.fixture(autouse=True)
def french_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """A known locale, whatever the machine running the tests has."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the command, run in this process."""
    try:
        status = main(list(argv))
    except SystemExit as exit_:  # argparse exits by itself on usage errors and --help
        status = exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, _ = run(capsys, "--json", *argv)
    assert status == FOUND
    return json.loads(out)


# explain ---------------------------------------------------------------------------------------


def test_explain_a_code_of_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "explain", "sms_send", "14")
    assert (status, err) == (FOUND, "")
    assert out.splitlines() == [
        "sms_send 14: NUMBER_IN_STOP_LIST",
        "    Le numéro est dans la liste des STOP SMS",
        "    hint: The recipient has opted out (STOP): do not send to this number again.",
    ]


def test_explain_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "--lang", "en", "sms_send", "14")
    assert status == FOUND
    assert out.splitlines()[1] == "    The number is on the STOP SMS list"


def test_explain_a_code_without_a_table_shows_every_table_with_it(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "14")
    assert status == FOUND
    headings = [line for line in out.splitlines() if line and not line.startswith(" ")]
    assert headings == [
        "sms_send 14: NUMBER_IN_STOP_LIST",
        "number_verification 14: NUMBER_IN_STOP_LIST",
        "rental 14: MAX_AGE_TOO_HIGH",
        "mail_send 14: EMAIL_IN_UNSUBSCRIBE_LIST",
        "sms_callforward_control 14: CALL_FORWARDING_NOT_ENABLED",
    ]


def test_explain_2053_shows_group_permanence_hint_and_alias(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--lang", "en", "explain", "2053")
    assert status == FOUND
    assert out.startswith("hlr_error 2053: EC_BLACKLISTED_SENDERADDRESS\n")
    assert "    group 2 USER_ERRORS: A user error occurred.\n" in out
    assert "    permanent: yes\n" in out
    assert "    hint: The sender is blacklisted" in out
    assert out.endswith(
        "    also named EC_SOURCE_ADDRESS_BLACKLISTED: The source address is on the\n"
        "    SMSPartner account blacklist.\n"
    )


def test_explain_a_status_shows_its_finality(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "dlr_status", "enroute")  # string codes ignore case
    assert status == FOUND
    assert out.splitlines()[0] == "dlr_status ENROUTE: ENROUTE"
    assert "    final: no, success: no" in out.splitlines()


def test_explain_by_member_name(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "sms_send", "insufficient_credit")
    assert status == FOUND
    assert out.startswith("sms_send 11: INSUFFICIENT_CREDIT\n")


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    (member,) = run_json(capsys, "explain", "hlr_status", "5")
    assert member == {
        "table": "hlr_status",
        "code": 5,
        "name": "DELIVERED_TO_HANDSET",
        "message": {
            "fr": smspartner_codes.HlrStatus(5).message,
            "en": "The message was processed and successfully delivered to the recipient.",
        },
        "message_language": "fr",
        "variants": [],
        "hint": None,
        "group": {"id": 3, "name": "DELIVERED"},
        "final": True,
        "success": True,
    }
    (hlr,) = run_json(capsys, "explain", "hlr_error", "2053")
    assert (hlr["permanent"], [alias["name"] for alias in hlr["aliases"]]) == (True, ["EC_SOURCE_ADDRESS_BLACKLISTED"])
    assert hlr["aliases"][0]["renamed"] is False
    (cancel,) = run_json(capsys, "explain", "sms_message_cancel_control", "5")
    assert cancel["variants"] == [{"text": "SMS sending has already been cancelled", "lang": "en"}]
    assert cancel["disagreements"] == [
        {
            "id": "sms_cancel_5",
            "about": "Code 5 of SMS cancellation: an empty number list, or a sending already cancelled",
            "reading": "sms_message_cancel_control.ALREADY_CANCELLED",
        }
    ]
    (mail,) = run_json(capsys, "explain", "mail_send", "3")
    assert [(alias["name"], alias["renamed"]) for alias in mail["aliases"]] == [("API_KEY_MISSING", True)]
    (english,) = run_json(capsys, "explain", "hlr_lookup_control", "1")
    assert english["message_language"] == "en"
    assert english["message"]["fr"] == "API Key is required"  # SMSPartner's English: no French is invented


def test_explain_shows_other_wordings_and_a_second_meaning(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "explain", "sms_contact_add_control", "10")
    assert status == FOUND
    assert out.splitlines()[:7] == [
        "sms_contact_add_control 10: INVALID_API_KEY",
        "    Clef API incorrecte",
        "    hint: Fix the API key in your configuration; retrying with the same key",
        "    cannot succeed.",
        "    also worded (en): Incorrect API key",
        "    also named API_KEY_REQUIRED: La Clé API est requise",
        "        also worded (en): API key is required",
    ]


def test_explain_says_briefly_that_a_member_is_one_side_of_a_disagreement(capsys: pytest.CaptureFixture[str]) -> None:
    _, reading, _ = run(capsys, "explain", "sms_message_cancel_control", "5")
    _, other, _ = run(capsys, "explain", "sms_cancel", "5")
    joined = [
        " ".join(line.strip() for line in out.split("    disagreement ")[1].splitlines()) for out in (reading, other)
    ]
    assert joined == [
        "sms_cancel_5: Code 5 of SMS cancellation: an empty number list, or a sending already cancelled"
        " (this member is the reading by default)",
        "sms_cancel_5: Code 5 of SMS cancellation: an empty number list, or a sending already cancelled"
        " (read by default as sms_message_cancel_control.ALREADY_CANCELLED)",
    ]
    _, plain, _ = run(capsys, "explain", "sms_send", "14")
    assert "disagreement" not in plain


def test_explain_says_when_no_french_exists_and_when_a_name_is_a_former_one(capsys: pytest.CaptureFixture[str]) -> None:
    _, english, _ = run(capsys, "explain", "hlr_lookup_control", "1")
    assert english.splitlines()[1] == "    API Key is required"
    assert "    SMSPartner's pages give this code in English only: no French text exists" in english.splitlines()
    _, former, _ = run(capsys, "explain", "mail_send", "3")
    assert former.splitlines()[-1] == "    formerly named API_KEY_MISSING (this package's old name, kept for old code)"


@pytest.mark.parametrize("argv", [("explain", "sms_send", "9"), ("explain", "999999"), ("explain", "nothing")])
def test_explain_an_unknown_code_exits_1(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (NOT_FOUND, "")
    assert err.startswith("smspartner-codes: no code ")
    status, out, _ = run(capsys, "--json", *argv)
    assert (status, json.loads(out)) == (NOT_FOUND, [])


def test_an_unknown_table_is_a_usage_error_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "explain", "sms_sned", "14")
    assert (status, out) == (USAGE_ERROR, "")
    assert "unknown table 'sms_sned'; did you mean sms_send?" in err
    status, _, err = run(capsys, "explain", "sms_send")
    assert status == USAGE_ERROR
    assert "explain sms_send needs a CODE too" in err
    status, _, err = run(capsys, "list", "zzz")
    assert status == USAGE_ERROR
    assert "unknown table 'zzz' (smspartner-codes tables lists them)" in err


# search, list, tables --------------------------------------------------------------------------


def test_search_without_accents(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", "delivre")
    assert status == FOUND
    assert "delivery_status delivered: DELIVERED\n    Le SMS a été délivré\n" in out


def test_search_json_lists_every_match(capsys: pytest.CaptureFixture[str]) -> None:
    found = run_json(capsys, "search", "crédit", "insuffisant")
    assert [(member["table"], member["code"]) for member in found] == [
        (member.table, member.code) for member in smspartner_codes.search("crédit insuffisant")
    ]
    assert ("sms_send", 11) in [(member["table"], member["code"]) for member in found]


def test_search_for_nothing_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "zzzz")
    assert (status, out) == (NOT_FOUND, "")
    assert "nothing matches 'zzzz'" in err


def test_list_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "delivery_status", "--lang", "en")
    assert status == FOUND
    blocks = out.strip().split("\n\n")
    assert [block.splitlines()[0] for block in blocks] == [
        "delivery_status delivered: DELIVERED",
        "delivery_status not delivered: NOT_DELIVERED",
        "delivery_status waiting: WAITING",
        "delivery_status ko: KO",
    ]
    codes = [member["code"] for member in run_json(capsys, "list", "dlr_status")]
    assert codes == [member.code for member in smspartner_codes.DlrStatus]


def test_list_everything(capsys: pytest.CaptureFixture[str]) -> None:
    listed = run_json(capsys, "list")
    assert len(listed) == sum(len(table_class) for table_class in smspartner_codes.TABLES.values())


def test_tables(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "tables")
    assert status == FOUND
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(smspartner_codes.TABLE_IDS)  # one line each
    assert lines[0].split() == ["sms_send", "29", "codes", "Envoi", "de", "SMS"]
    assert lines[smspartner_codes.TABLE_IDS.index("sms_item_status")].split()[1:3] == ["1", "code"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_tables_fit_80_columns_with_whole_titles_or_their_start(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    _, out, _ = run(capsys, "--lang", lang, "tables")
    lines = out.splitlines()
    assert len(lines) == len(smspartner_codes.TABLE_IDS) == 53
    assert max(map(len, lines)) <= 79
    column = lines[0].index("Envoi") if lang == "fr" else lines[0].index("Sending")
    cut = 0
    for line, (table_id, table_class) in zip(lines, smspartner_codes.TABLES.items(), strict=True):
        count = len(table_class)
        assert line[:column].split() == [table_id, str(count), "code" if count == 1 else "codes"]
        title, whole = line[column:], table_class.table_title(lang)
        if title != whole:
            cut += 1
            assert title.endswith("…") and whole.startswith(title[:-1]), title
            assert whole[len(title) - 1] in " ,;:/(", title  # cut between words
    assert cut < 20
    tables = run_json(capsys, "tables", "--lang", "en")
    assert tables[0] == {
        "id": "sms_send",
        "enum": "SmsSendError",
        "title": {"fr": "Envoi de SMS", "en": "Sending SMS"},
        "codes": 29,
    }


# Usage, language, layout -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [(), ("frobnicate",), ("explain",), ("explain", "a", "b", "c"), ("search",), ("--lang", "de", "tables")],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (USAGE_ERROR, "")
    assert "usage: smspartner-codes" in err


def test_help_exits_0_and_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ((), ("explain",), ("search",), ("list",), ("tables",)):
        status, out, _ = run(capsys, *argv, "--help")
        assert status == FOUND
        assert "usage: smspartner-codes" in out
        assert max(map(len, out.splitlines())) <= 80, argv


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANG": "C"}, "fr"),
        ({}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "en_US.UTF-8", "LANG": "en_US"}, "fr"),
        ({"LC_ALL": "", "LANG": "en"}, "en"),
    ],
)
def test_the_default_language_comes_from_the_locale(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], expected: str
) -> None:
    monkeypatch.delenv("LANG")
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert default_language() == expected


def test_the_locale_picks_the_language_and_lang_overrides_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run(capsys, "explain", "sms_send", "11")[1].splitlines()[1] == "    Insufficient credit"
    assert run(capsys, "--lang", "fr", "explain", "sms_send", "11")[1].splitlines()[1] == "    Crédit insuffisant"


def test_every_listed_line_fits_80_columns_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("fr", "en"):
        for argv in (("list",), ("tables",)):
            status, out, _ = run(capsys, "--lang", lang, *argv)
            assert status == FOUND
            assert max(map(len, out.splitlines())) <= 80, (lang, argv)
    # Wrapping keeps every word: the long HLR text comes back whole once the lines are joined.
    _, out, _ = run(capsys, "explain", "hlr_error", "2053")
    assert " ".join(line.strip() for line in out.splitlines()[1:5]) == smspartner_codes.HlrError(2053).message


def test_python_m_runs_the_same_command(root: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "LANG": "C"}
    result = subprocess.run(
        [sys.executable, "-m", "smspartner_codes", "explain", "sms_send", "14"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=root,
    )
    assert result.returncode == FOUND, result.stderr
    assert result.stdout.startswith("sms_send 14: NUMBER_IN_STOP_LIST\n    Le numéro est dans la liste des STOP SMS\n")
    missing = subprocess.run(
        [sys.executable, "-m", "smspartner_codes", "explain", "sms_send", "9"],
        env=env,
        capture_output=True,
        check=False,
    )
    assert missing.returncode == NOT_FOUND


def test_explain_with_a_table_loads_only_that_table(root: Path) -> None:
    """The start-up promise: ``explain TABLE CODE`` imports neither the other tables nor search nor json."""
    probe = (
        "import sys\n"
        "from smspartner_codes._cli import main\n"
        "main(['explain', 'sms_send', '14'])\n"
        "loaded = sorted(name for name in sys.modules if name.startswith('smspartner_codes.'))\n"
        "print(loaded, 'json' in sys.modules, 'shutil' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "LANG": "C"}
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.splitlines()[-1] == (
        "['smspartner_codes._cli', 'smspartner_codes._data', 'smspartner_codes._data._disagreements', "
        "'smspartner_codes._data._registry', 'smspartner_codes._data._sms_send_error', "
        "'smspartner_codes._translations'] False False"
    )
