"""Every code block of the READMEs and of the site's developer page, run as written (issue 15, item 3).

Each block is a test of its own, named by its file and line (``README.md:221``); how a block is run
is in ``tests/markdown_blocks.py``: Python blocks in a fresh interpreter, their comments checked against
the values, ``>>>`` sessions by doctest, console blocks by bash with their output compared, shell
scripts by bash. A block marked ``<!-- not-run: why -->`` is reported as skipped with its reason
(``pytest -ra`` lists them), never passed over in silence.

Shell blocks run in a sandbox: a clone of this repository with the work tree's files over it (the
history is there for the release commands), ``.venv/bin/python`` standing for this interpreter,
``smspartner-codes`` on ``PATH`` running the package of the sandbox's ``src/``, and a home directory
holding ``~/error-codes.fr.md``, the page the README's update instructions say to save there (the
vendored copy). What the blocks write stays in the sandbox.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.markdown_blocks import NOT_RUN, RUNNABLE, Block, console_commands, output_difference, read_blocks

pytestmark = pytest.mark.timeout(180)

# The Markdown whose blocks a reader pastes: the READMEs and the site's hand-written pages.
DOCUMENTS = [
    "README.md",
    "README.pypi.md",
    *sorted(str(page.relative_to(ROOT)) for page in (ROOT / "docs" / "pages").rglob("*.md")),
]

BLOCKS = [block for document in DOCUMENTS for block in read_blocks(ROOT / document, document)]
CODE_BLOCKS = [block for block in BLOCKS if block.kind != "text"]

# Without the history (an unpacked sdist) the commands that read it cannot run; they are skipped, saying so.
READS_HISTORY = ("git ", "codegen diff ", "codegen.maintenance.releases")


def test_the_blocks_are_found() -> None:
    """The parser sees the blocks a reader sees (pinned lower bounds: a block lost to a parsing slip fails)."""
    by_kind: dict[str, int] = {}
    for block in CODE_BLOCKS:
        by_kind[block.kind] = by_kind.get(block.kind, 0) + 1
    assert by_kind.get("python", 0) >= 10
    assert by_kind.get("pycon", 0) >= 4
    assert by_kind.get("console", 0) >= 2
    assert by_kind.get("script", 0) >= 6


def test_a_not_run_mark_says_why_and_precedes_a_code_block() -> None:
    for block in BLOCKS:
        if block.not_run is not None:
            assert block.not_run, f"{block.where}: a not-run mark without its reason"
            assert block.language in RUNNABLE, f"{block.where}: a not-run mark before a block that is not code"


def test_every_not_run_mark_is_on_a_block() -> None:
    """A mark left behind when its block moved would mark the next block, or nothing: each mark is read."""
    for document in DOCUMENTS:
        lines = (ROOT / document).read_text(encoding="utf-8").splitlines()
        marks = [number for number, line in enumerate(lines, start=1) if NOT_RUN.fullmatch(line.strip())]
        marked = [block for block in read_blocks(ROOT / document, document) if block.not_run is not None]
        assert len(marks) == len(marked), f"{document}: not-run marks at lines {marks}, on blocks {marked}"


# The sandbox of the shell blocks ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of the shell blocks, its working directory under ``PWD``."""
    base = tmp_path_factory.mktemp("readme")
    checkout = base / "checkout"
    if (ROOT / ".git").exists():
        subprocess.run(["git", "clone", "--quiet", "--no-tags", str(ROOT), str(checkout)], check=True)
        files = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
        ).stdout.split("\0")
        for name in filter(None, files):
            source, target = ROOT / name, checkout / name
            if source.is_symlink() or not source.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    else:
        shutil.copytree(
            ROOT,
            checkout,
            symlinks=True,
            ignore=shutil.ignore_patterns(".venv*", "build", "dist", "__pycache__", ".*_cache", ".hypothesis"),
        )
    venv_python = checkout / ".venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    tools = base / "bin"
    tools.mkdir()
    command = tools / "smspartner-codes"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m smspartner_codes "$@"\n', encoding="utf-8")
    for script in (venv_python, command):
        script.chmod(0o755)
    home = base / "home"
    home.mkdir()
    shutil.copyfile(ROOT / "catalog" / "upstream" / "error-codes.fr.md", home / "error-codes.fr.md")
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("PYTHON", "LC_"))}
    return environment | {
        "PWD": str(checkout),
        "HOME": str(home),
        "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "PYTHONPATH": str(checkout / "src"),
        "LANG": "C.UTF-8",  # neither French nor English: the command's texts are French, its default
        "COLUMNS": "80",
    }


def _bash(script: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script],
        cwd=environment["PWD"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )


# Every block ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", CODE_BLOCKS, ids=[block.where for block in CODE_BLOCKS])
def test_block_runs_as_written(block: Block, request: pytest.FixtureRequest) -> None:
    if block.not_run is not None:
        pytest.skip(f"{block.where} ({block.language}) not-run: {block.not_run}")
    if block.kind in {"python", "pycon"}:
        _check_python(block)
        return
    if not (ROOT / ".git").exists() and any(word in block.text for word in READS_HISTORY):
        pytest.skip(f"{block.where}: reads the git history, and this is no git checkout (an unpacked sdist)")
    environment: dict[str, str] = request.getfixturevalue("sandbox")
    if block.kind == "console":
        _check_console(block, environment)
    else:
        _check_script(block, environment)


def _check_python(block: Block) -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "tests.markdown_blocks", block.kind, block.path, str(block.first_line)],
        input=block.text,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={name: value for name, value in os.environ.items() if not name.startswith("PYTHON")}
        | {"PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])},
    )
    if ran.returncode != 0:
        pytest.fail(f"{block.where} ({block.kind}) does not run as written:\n{ran.stderr}{ran.stdout}", pytrace=False)


def _check_console(block: Block, environment: dict[str, str]) -> None:
    problems = []
    for command in console_commands(block):
        ran = _bash(command.command, environment)
        problem = output_difference(command, ran.stdout, ran.returncode, block.path)
        if problem is not None:
            problems.append(problem)
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)


def _check_script(block: Block, environment: dict[str, str]) -> None:
    """The block as one bash script that stops at the first failing line, which it names."""
    preamble = "set -eo pipefail\ntrap 'echo \"failed at script line $LINENO\" >&2' ERR\n"
    ran = _bash(preamble + block.text, environment)
    if ran.returncode == 0:
        return
    failing = block.first_line
    for word in ran.stdout.split("failed at script line ")[1:]:
        failing = block.first_line + int(word.split()[0]) - 1 - preamble.count("\n")
    lines = block.text.splitlines()
    source = lines[failing - block.first_line].strip() if 0 <= failing - block.first_line < len(lines) else ""
    pytest.fail(f"{block.path}:{failing}: {source}\nexit status {ran.returncode}\n{ran.stdout}", pytrace=False)


# The harness itself: each way a block can be wrong is reported with its file and line ---------------

BROKEN = """# A page

<!-- not-run: needs the network -->

```sh
pip install something-else
```

```python
from smspartner_codes import SmsSendError

SmsSendError(14).name   # 'NUMBER_IN_STOP_LIST'
SmsSendError(11).name   # 'NOT_THIS': a wrong value
for code in (14, 11):
    SmsSendError(code) == 14   # True: only the first time
undefined_name
```

```pycon
>>> 1 + 1
3
```

```console
$ echo one
two
$ false
```

```sh
true
cd /
false
true
```

```json
{"not": "run"}
```
"""


@pytest.fixture
def broken(tmp_path: Path) -> list[Block]:
    page = tmp_path / "page.md"
    page.write_text(BROKEN, encoding="utf-8")
    return read_blocks(page, "page.md")


def test_the_harness_reads_kinds_lines_and_marks(broken: list[Block]) -> None:
    assert [(block.line, block.kind, block.not_run) for block in broken] == [
        (5, "script", "needs the network"),
        (9, "python", None),
        (19, "pycon", None),
        (24, "console", None),
        (30, "script", None),
        (37, "text", None),
    ]


def test_the_harness_names_each_wrong_value_and_the_failing_line(broken: list[Block]) -> None:
    from tests.markdown_blocks import run_pycon, run_python

    python = broken[1]
    assert run_python(python.text, python.path, python.first_line) == [
        "page.md:13: SmsSendError(11).name   # 'NOT_THIS': a wrong value\n"
        "  the comment shows \"'NOT_THIS': a wrong value\", the value is 'INSUFFICIENT_CREDIT'",
        "page.md:15: SmsSendError(code) == 14   # True: only the first time\n"
        "  the comment shows 'True: only the first time', the value is False",
        "page.md:16: undefined_name\n  raised NameError: name 'undefined_name' is not defined",
    ]
    (report,) = run_pycon(broken[2].text, "page.md", broken[2].first_line)
    assert 'File "page.md", line 20' in report
    assert "Expected:\n    3\nGot:\n    2" in report


def test_a_print_line_s_comment_shows_what_it_prints() -> None:
    from tests.markdown_blocks import run_python

    code = (
        "from smspartner_codes import SmsSendError\n"
        "print(SmsSendError(14).name)  # NUMBER_IN_STOP_LIST: as printed, no quotes\n"
        "print(SmsSendError(11).name, 11)  # NOT_THIS 11\n"
        "print('two', 'lines', sep='\\n')  # two\n"
        "print(None)  # None\n"
    )
    assert run_python(code, "page.md", 10) == [
        "page.md:12: print(SmsSendError(11).name, 11)  # NOT_THIS 11\n"
        "  the comment shows 'NOT_THIS 11', the value is INSUFFICIENT_CREDIT 11",
        "page.md:13: print('two', 'lines', sep='\\n')  # two\n  the comment shows 'two', the value is two\nlines",
    ]


def test_the_harness_compares_console_output_and_exit_status(broken: list[Block]) -> None:
    echo, false = console_commands(broken[3])
    assert (echo.line, echo.command, echo.shown) == (25, "echo one", ["two"])
    problem = output_difference(echo, "one\n", 0, "page.md")
    assert problem is not None
    assert problem.startswith("page.md:25: $ echo one\noutput differs:")
    assert "-two\n+one" in problem
    assert output_difference(echo, "two\n", 0, "page.md") is None
    problem = output_difference(false, "", 1, "page.md")
    assert problem is not None
    assert problem.startswith("page.md:27: $ false\nexit status 1, expected 0")


def test_the_harness_names_a_script_s_failing_line(broken: list[Block], tmp_path: Path) -> None:
    environment = dict(os.environ) | {"PWD": str(tmp_path)}
    with pytest.raises(pytest.fail.Exception, match=r"page\.md:33: false\nexit status 1"):
        _check_script(broken[4], environment)


def test_a_console_block_with_output_before_its_first_command_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```console\nstray\n$ true\n```\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"page\.md:2: output before any '\$ ' command"):
        console_commands(read_blocks(page, "page.md")[0])


# JSON blocks ------------------------------------------------------------------------------------------


def _is_excerpt(shown: object, real: object) -> bool:
    """Whether ``shown`` is ``real`` with things left out: the keys of a dict, items of a list; the rest equal."""
    if isinstance(shown, dict):
        return isinstance(real, dict) and all(key in real and _is_excerpt(shown[key], real[key]) for key in shown)
    if isinstance(shown, list):
        return isinstance(real, list) and all(any(_is_excerpt(item, other) for other in real) for item in shown)
    return shown == real


@pytest.mark.parametrize(
    "block",
    [block for block in BLOCKS if block.language == "json"],
    ids=[block.where for block in BLOCKS if block.language == "json"],
)
def test_a_json_block_is_json(block: Block) -> None:
    try:
        json.loads(block.text)
    except json.JSONDecodeError as error:
        pytest.fail(f"{block.path}:{block.first_line + error.lineno - 1}: not JSON: {error.msg}", pytrace=False)


def test_the_readme_s_json_example_is_the_start_of_catalog_json() -> None:
    """The example shows the file as it is: its version, and every key it shows with the value it has."""
    (example,) = [block for block in BLOCKS if block.path == "README.md" and block.language == "json"]
    real = json.loads((ROOT / "generated" / "json" / "catalog.json").read_text(encoding="utf-8"))
    shown = json.loads(example.text)
    assert list(shown) == list(real)[: len(shown)], f"{example.where}: not the file's first keys"
    assert _is_excerpt(shown, real), f"{example.where}: a key or a value the file does not have"
    (table,) = shown["tables"]
    assert list(table) == list(real["tables"][0]), f"{example.where}: the table's keys are not all shown"


def test_the_excerpt_rule_can_fail() -> None:
    assert _is_excerpt({"a": [{"b": 1}]}, {"a": [{"b": 1, "c": 2}, {"b": 3}], "d": 4})
    assert not _is_excerpt({"a": [{"b": 2}]}, {"a": [{"b": 1}]})
    assert not _is_excerpt({"x": 1}, {"a": 1})
