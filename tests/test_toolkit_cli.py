"""The smspartner-codes command: each subcommand, its exit status, its --json output, the language it picks,
and text that fits an 80-column terminal."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import smspartner_codes
from smspartner_codes._cli import default_language, main

FOUND, NOT_FOUND, USAGE_ERROR = 0, 1, 2
OUTPUT_LOST, READER_GONE = 2, 141


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


def test_explain_finds_a_member_by_its_second_upstream_name(capsys: pytest.CaptureFixture[str]) -> None:
    """``HlrError["EC_SOURCE_ADDRESS_BLACKLISTED"]`` works; ``explain`` said "no code" (issue 15, item 5)."""
    for name in ("EC_SOURCE_ADDRESS_BLACKLISTED", "ec_source_address_blacklisted"):
        status, out, err = run(capsys, "explain", "hlr_error", name)
        assert (status, err) == (FOUND, "")
        assert out.startswith("hlr_error 2053: EC_BLACKLISTED_SENDERADDRESS\n")
        assert "also named EC_SOURCE_ADDRESS_BLACKLISTED" in out


def test_an_unknown_table_suggests_the_tables_it_may_stand_for(capsys: pytest.CaptureFixture[str]) -> None:
    """``list hlr`` got no "did you mean" (issue 15, item 5): a table id has it as the start of a word."""
    status, out, err = run(capsys, "list", "hlr")
    assert (status, out) == (USAGE_ERROR, "")
    assert (
        "unknown table 'hlr'; did you mean hlr_status, hlr_error, hlr_notify_control or hlr_lookup_control?"
        " (smspartner-codes tables lists them)"
    ) in err
    status, _, err = run(capsys, "explain", "SMS_SEND", "14")
    assert status == USAGE_ERROR
    assert "did you mean sms_send?" in err
    longest = max(smspartner_codes.TABLE_IDS, key=len)
    status, _, err = run(capsys, "list", longest + "l")  # a typo that makes the longest id longer still
    assert status == USAGE_ERROR
    assert f"did you mean {longest}?" in err
    status, _, err = run(capsys, "list", "mail")
    assert status == USAGE_ERROR
    assert "did you mean mail_send, mail_send_control, mail_credits_control or mail_message_cancel_control (" in err


# The exact arguments of issue 10 (finding 8): messages quote the start of a huge argument, never all of it.
HUGE = "x" * 10_000_000
LONG_DIGITS = "1" * 5_000


@pytest.mark.parametrize(
    ("argv", "expected_status"),
    [
        (("explain", "sms_send", LONG_DIGITS), NOT_FOUND),  # int() raised ValueError past 4,300 digits
        (("explain", LONG_DIGITS), NOT_FOUND),
        (("explain", "sms_send", HUGE), NOT_FOUND),
        (("search", HUGE), NOT_FOUND),
        (("search", LONG_DIGITS), NOT_FOUND),
        (("list", HUGE), USAGE_ERROR),
        ((HUGE,), USAGE_ERROR),
        (("--lang", HUGE, "tables"), USAGE_ERROR),
    ],
    ids=[
        "explain-table-5000-digits",
        "explain-5000-digits",
        "explain-10MB",
        "search-10MB",
        "search-5000-digits",
        "list-10MB",
        "command-10MB",
        "lang-10MB",
    ],
)
def test_a_huge_argument_is_quoted_by_its_start(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected_status: int
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (expected_status, "")
    assert " characters)" in err
    assert len(err) < 1_000


_arguments = st.one_of(
    st.text(max_size=30),
    st.integers(1, 6_000).map(lambda length: "7" * length),
    st.sampled_from(["14", "2053", "DELIVRD", "EC_SOURCE_ADDRESS_BLACKLISTED", "sms_send", "hlr", "", " ", "-"]),
)


@given(argv=st.lists(_arguments, min_size=1, max_size=3), command=st.sampled_from(["explain", "search", "list"]))
def test_any_arguments_give_an_exit_status_never_an_exception(argv: list[str], command: str) -> None:
    """The command's entry point given anything, digit strings thousands long included."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main([command, *argv])
        except SystemExit as exit_:  # argparse's usage errors
            status = exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    assert status in (FOUND, NOT_FOUND, USAGE_ERROR)
    assert (status == FOUND) == bool(out.getvalue())
    assert "Traceback" not in err.getvalue()
    assert len(err.getvalue()) < 2_000


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


@pytest.mark.parametrize("text", ["", "   ", "_", " _ _ "], ids=["empty", "spaces", "underscore", "underscores"])
def test_search_for_no_word_is_a_usage_error(capsys: pytest.CaptureFixture[str], text: str) -> None:
    """``search ""`` exited 1, as if nothing matched, where a search without words is a usage error (issue 15)."""
    status, out, err = run(capsys, "search", text)
    assert (status, out) == (USAGE_ERROR, "")
    assert "search needs a word to find" in err


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


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """There was no --version (issue 15, item 5)."""
    status, out, err = run(capsys, "--version")
    assert (status, out, err) == (FOUND, f"smspartner-codes {smspartner_codes.CATALOG_VERSION}\n", "")


@pytest.mark.parametrize("lang", ["EN", "En", "en_GB", "en-US", "en_GB.UTF-8"])
def test_lang_takes_any_case_and_locale_names(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """``--lang EN`` was refused (issue 15, item 5)."""
    status, out, _ = run(capsys, "--lang", lang, "explain", "sms_send", "11")
    assert status == FOUND
    assert out.splitlines()[1] == "    Insufficient credit"
    status, _, err = run(capsys, "--lang", "DE", "tables")
    assert status == USAGE_ERROR
    assert "invalid choice: 'de'" in err


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
        "'smspartner_codes._output', 'smspartner_codes._tables', 'smspartner_codes._translations'] False False"
    )


# Standard output: encodings, full disks, closed streams and pipes (issue 10, finding 6) -----------------


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "smspartner_codes", *argv]


def _environment(root: Path, **variables: str) -> dict[str, str]:
    """The environment of a command run: the package from src/, a UTF-8 locale unless told otherwise."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "LC_", "LANG"))}
    return {**environment, "PYTHONPATH": str(root / "src"), "LANG": "C.UTF-8", **variables}


def _assert_short_error(stderr: str, *expected: str) -> None:
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("smspartner-codes: error: cannot write the output: ") or "standard output" in lines[0]
    for text in expected:
        assert text in lines[0], stderr


def test_an_ascii_output_is_a_short_error_not_a_traceback(root: Path) -> None:
    """PYTHONIOENCODING=ascii: a UnicodeEncodeError traceback; now exit 2, a message saying what to do, no output."""
    for argv in (("explain", "sms_send", "14"), ("list",), ("tables",), ("search", "crédit")):
        result = subprocess.run(
            _command(*argv), env=_environment(root, PYTHONIOENCODING="ascii"), capture_output=True, check=False
        )
        assert (result.returncode, result.stdout) == (OUTPUT_LOST, b""), argv
        _assert_short_error(result.stderr.decode(), "ascii", "PYTHONIOENCODING=utf-8")
    # JSON escapes what the output cannot take: the same data.
    result = subprocess.run(
        _command("--json", "explain", "sms_send", "14"),
        env=_environment(root, PYTHONIOENCODING="ascii"),
        capture_output=True,
        check=False,
    )
    assert result.returncode == FOUND
    assert json.loads(result.stdout.decode("ascii"))[0]["message"]["fr"] == "Le numéro est dans la liste des STOP SMS"


def test_a_latin_1_output_takes_what_latin_1_holds_and_refuses_the_rest(root: Path) -> None:
    env = _environment(root, PYTHONIOENCODING="latin-1")
    result = subprocess.run(_command("explain", "sms_send", "14"), env=env, capture_output=True, check=False)
    assert result.returncode == FOUND
    assert "Le numéro est dans la liste des STOP SMS" in result.stdout.decode("latin-1")
    result = subprocess.run(_command("list"), env=env, capture_output=True, check=False)  # holds U+2019
    assert (result.returncode, result.stdout) == (OUTPUT_LOST, b"")
    _assert_short_error(result.stderr.decode(), "latin-1", "U+2019")


def test_search_credit_works_in_the_c_locale(root: Path) -> None:
    """In the C locale without UTF-8 mode, ``search crédit`` found nothing and output was ASCII: it now finds and
    writes UTF-8, as Python's UTF-8 mode does in that locale."""
    env = _environment(root, LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    env.pop("LANG")
    probe = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding, sys.flags.utf8_mode)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.split() == ["ascii", "0"], "the test needs Python's ASCII C locale"
    result = subprocess.run(_command("search", "crédit"), env=env, capture_output=True, check=False)
    assert (result.returncode, result.stderr) == (FOUND, b"")
    assert "sms_send 11: INSUFFICIENT_CREDIT\n    Crédit insuffisant\n" in result.stdout.decode("utf-8")
    missing = subprocess.run(_command("search", "crédité"), env=env, capture_output=True, check=False)
    assert missing.returncode == NOT_FOUND
    assert missing.stderr.decode("utf-8") == "smspartner-codes: nothing matches 'crédité'\n"


@pytest.mark.parametrize("argv", [("explain", "sms_send", "14"), ("list",)], ids=["small", "large"])
def test_a_full_disk_is_a_short_error_and_a_failure(root: Path, argv: tuple[str, ...]) -> None:
    """stdout on /dev/full: a traceback, or exit 120 with "Exception ignored"; now exit 2 and one line."""
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            _command(*argv), env=_environment(root), stdout=full, stderr=subprocess.PIPE, check=False
        )
    assert result.returncode == OUTPUT_LOST
    _assert_short_error(result.stderr.decode(), "No space left on device")


def test_a_closed_output_is_an_error_never_exit_0(root: Path) -> None:
    """stdout closed (``>&-``) gave exit 0 with the output lost."""
    result = subprocess.run(
        ["sh", "-c", 'exec "$@" >&-', "sh", *_command("explain", "sms_send", "14")],
        env=_environment(root),
        capture_output=False,
        stderr=subprocess.PIPE,
        check=False,
    )
    assert result.returncode == OUTPUT_LOST
    _assert_short_error(result.stderr.decode(), "standard output is closed")


def test_a_reader_that_stops_early_ends_the_command_quietly(root: Path, tmp_path: Path) -> None:
    """``smspartner-codes list | head -c1`` exited 120 in 2 of 40 runs; each of 40 runs now ends quietly, with
    the status of a program stopped by SIGPIPE (or 0 when the whole output got into the pipe first)."""
    command = " ".join(_command("list"))
    script = f'{command} 2>"$1" | head -c1 >/dev/null; echo "${{PIPESTATUS[0]}}"'
    for run_number in range(40):
        stderr_file = tmp_path / f"{run_number}.err"
        result = subprocess.run(
            ["bash", "-c", script, "bash", str(stderr_file)],
            env=_environment(root),
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() in (str(READER_GONE), str(FOUND)), run_number
        assert stderr_file.read_text() == "", run_number


def test_the_output_guard_leaves_standard_output_to_its_owner_when_collected() -> None:
    """The collector closes the guard whenever it goes, perhaps after the real output was closed (pytest's
    capture, a shell that closed the pipe): closing it must not touch that stream (Python 3.13 prints
    "Exception ignored" for a close that raises, where 3.11 and 3.12 were silent)."""
    from smspartner_codes._cli import _GuardedOutput

    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # its flush, once closed, raises ValueError
    guard = _GuardedOutput(stream)
    guard.write("printed\n")
    stream.close()
    guard.close()  # raised _OutputLost ("I/O operation on closed file") from IOBase.close's flush
    second = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    _GuardedOutput(second).close()
    assert not second.closed
