"""The code blocks of the project's Markdown, read and run as a reader pastes them.

``tests/test_readme_blocks.py`` runs every block this module finds; it knows nothing of what the
blocks say, so a block added tomorrow is run the same way. The kinds, by the fence's language:

- ``python`` (``py``): run in a fresh interpreter, as a file. A comment after an expression shows
  its value: it starts with the value's ``repr()``, and anything after that is words, after ``:``,
  ``;``, ``,``, ``(`` or a long dash (``error.name  # 'NUMBER_IN_STOP_LIST'``,
  ``hlr.permanent  # True: SMSPartner marks it``). A comment after a ``print(...)`` line shows what
  it prints, by the same rule (``print(error)  # sms_send 14 NUMBER_IN_STOP_LIST: ...``). Every such
  comment is checked, in loops and ``try`` bodies too, when its line runs.
- ``pycon``: a ``>>>`` session, run by ``doctest``; the output shown must be the output, exactly.
- ``console``, or any shell block with ``$ `` prompts: each ``$`` line is run by bash, and the lines
  under it, up to the next prompt, are its output (standard output and error, as a terminal shows
  them). A command must exit 0, unless its comment says ``# exit status N``.
- ``sh``, ``shell``, ``bash`` without prompts: the block is a script, run by bash with ``set -e``.

A block that cannot run here (it installs from PyPI, uploads a release, runs the test suite itself)
carries ``<!-- not-run: why -->`` on the line before its fence (blank lines between are allowed).
Other blocks (JSON, diagrams, MyST directives) are not code: they are listed, not run.

``python -m tests.markdown_blocks python|pycon FILE LINE`` runs the block on standard input in this
interpreter, its line numbers those of FILE from LINE (the test runs each block so, in a subprocess):
exit 0 when all ran as shown, 1 with each difference on standard error.
"""

from __future__ import annotations

import ast
import contextlib
import doctest
import io
import re
import sys
import tokenize
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

PYTHON = frozenset({"python", "py", "python3"})
PYCON = frozenset({"pycon", "python-console"})
SHELL = frozenset({"sh", "shell", "bash", "console", "shell-session", "zsh"})
RUNNABLE = PYTHON | PYCON | SHELL

NOT_RUN = re.compile(r"<!--\s*not-run:\s*(?P<reason>.*?)\s*-->")
PROMPT = "$ "
EXIT_STATUS = re.compile(r"#.*\bexit status (?P<status>\d+)")
# What may follow a shown value in a comment: words explaining it, set off by punctuation.
AFTER_VALUE = (":", ";", ",", "(", "\N{EM DASH}", "\N{EN DASH}")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its file (as the report names it), the line of its opening fence, its language
    (the fence's first word, lowercase) and its text, whose first line is the line after the fence."""

    path: str
    line: int
    language: str
    text: str
    not_run: str | None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def first_line(self) -> int:
        return self.line + 1

    @property
    def kind(self) -> str:
        """``python``, ``pycon``, ``console`` (prompts), ``script`` (a shell script) or ``text`` (not code)."""
        if self.language in PYTHON:
            return "python"
        if self.language in PYCON:
            return "pycon"
        if self.language in SHELL:
            prompts = any(line.startswith(PROMPT) for line in self.text.splitlines())
            return "console" if prompts or self.language == "console" else "script"
        return "text"


def read_blocks(path: Path, shown_as: str) -> list[Block]:
    """Every fenced block of the Markdown file ``path``, in order, named ``shown_as`` in reports."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    blocks = []
    for token in MarkdownIt("commonmark").parse(source):
        if token.type != "fence" or token.map is None:
            continue
        fence_index = token.map[0]
        language = token.info.strip().split(maxsplit=1)[0].lower() if token.info.strip() else ""
        blocks.append(Block(shown_as, fence_index + 1, language, token.content, _marker(lines, fence_index)))
    return blocks


def _marker(lines: list[str], fence_index: int) -> str | None:
    """The reason of the ``not-run`` comment on the last non-blank line before the fence, if there is one."""
    index = fence_index - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    if index < 0:
        return None
    found = NOT_RUN.fullmatch(lines[index].strip())
    return found["reason"] if found else None


# Console blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A ``$`` line of a console block: its line in the file, the command, the output shown under it."""

    line: int
    command: str
    shown: list[str]

    @property
    def exit_status(self) -> int:
        found = EXIT_STATUS.search(self.command)
        return int(found["status"]) if found else 0


def console_commands(block: Block) -> list[Command]:
    """The commands of a console block with the output shown for each (lines before the first prompt
    are an error: output of no command)."""
    commands: list[Command] = []
    for offset, text in enumerate(block.text.splitlines()):
        if text.startswith(PROMPT):
            commands.append(Command(block.first_line + offset, text[len(PROMPT) :], []))
        elif commands:
            commands[-1].shown.append(text.rstrip())
        elif text.strip():
            message = f"{block.path}:{block.first_line + offset}: output before any '$ ' command: {text!r}"
            raise ValueError(message)
    for command in commands:
        while command.shown and not command.shown[-1]:
            command.shown.pop()
    return commands


def output_difference(command: Command, output: str, status: int, path: str) -> str | None:
    """What is wrong with a command's run, naming its line; None when it ran as shown."""
    problems = []
    if status != command.exit_status:
        problems.append(f"exit status {status}, expected {command.exit_status}")
    actual = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    if command.shown and actual != command.shown:
        problems.append("output differs:\n" + _line_diff(command.shown, actual))
    if not problems:
        return None
    shown_output = "" if command.shown else f"\noutput:\n{output}"
    return f"{path}:{command.line}: $ {command.command}\n" + "\n".join(problems) + shown_output


def _line_diff(shown: list[str], actual: list[str]) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(shown, actual, "shown", "actual", lineterm="", n=1))


# Python blocks, in the subprocess --------------------------------------------------------------------


def trailing_comments(code: str) -> dict[int, str]:
    """The comment ending each line that has code before it, by line number (1-based), without ``#``."""
    comments: dict[int, str] = {}
    code_lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(code).readline):
        if token.type == tokenize.COMMENT:
            if token.start[0] in code_lines:
                comments[token.start[0]] = token.string[1:].strip()
        elif token.type not in {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}:
            code_lines.update(range(token.start[0], token.end[0] + 1))
    return comments


class Printed(str):
    """What a ``print(...)`` line wrote, without its final newline: its comment shows it as printed."""

    def __repr__(self) -> str:
        return str(self)


def shown_value_problem(value: object, comment: str) -> str | None:
    """Why ``comment`` does not show ``value`` (None when it does): it must start with ``repr(value)``
    (for what a print wrote, the text itself), followed by nothing or by words set off by punctuation."""
    shown = repr(value)
    if comment == shown:
        return None
    rest = comment[len(shown) :].lstrip()
    if comment.startswith(shown) and rest.startswith(AFTER_VALUE):
        return None
    return f"the comment shows {comment!r}, the value is {shown}"


class _ShowValues(ast.NodeTransformer):
    """Wraps each expression statement with a comment on its last line in a check of its value."""

    def __init__(self, comments: dict[int, str]) -> None:
        self.comments = comments

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        comment = self.comments.get(node.end_lineno or node.lineno)
        if comment is None:
            return node
        value = node.value
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "print":
            # The comment shows the printed text: the call is made with its output captured.
            value = ast.Call(ast.Name("__printed__", ast.Load()), [ast.Lambda(_NO_ARGUMENTS, value)], [])
        check = ast.Call(
            ast.Name("__shown__", ast.Load()),
            [value, ast.Constant(node.lineno), ast.Constant(comment)],
            [],
        )
        return ast.copy_location(ast.Expr(check), node)


_NO_ARGUMENTS = ast.arguments(posonlyargs=[], args=[], kwonlyargs=[], kw_defaults=[], defaults=[])


def _printed(call: Callable[[], object]) -> Printed:
    """Run a print call with standard output captured; what it wrote still reaches the real output."""
    with contextlib.redirect_stdout(io.StringIO()) as captured:
        call()
    sys.stdout.write(captured.getvalue())
    return Printed(captured.getvalue().removesuffix("\n"))


def run_python(code: str, path: str, first_line: int) -> list[str]:
    """Run a ``python`` block as a file (``__main__``) and check its shown values; the problems found."""
    problems: list[str] = []
    lines = code.splitlines()

    def shown(value: object, line: int, comment: str) -> object:
        problem = shown_value_problem(value, comment)
        if problem is not None:
            problems.append(f"{path}:{first_line + line - 1}: {lines[line - 1].strip()}\n  {problem}")
        return value

    try:
        tree = _ShowValues(trailing_comments(code)).visit(ast.parse(code, path))
    except SyntaxError as error:
        return [f"{path}:{first_line + (error.lineno or 1) - 1}: not Python: {error.msg}"]
    ast.increment_lineno(ast.fix_missing_locations(tree), first_line - 1)
    namespace: dict[str, Any] = {"__name__": "__main__", "__shown__": shown, "__printed__": _printed}
    try:
        exec(compile(tree, path, "exec"), namespace)
    except BaseException as error:  # the block's own failure, reported with its line
        frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path]
        line = frames[-1].lineno if frames and frames[-1].lineno else first_line
        source = lines[line - first_line].strip() if 0 <= line - first_line < len(lines) else ""
        problems.append(f"{path}:{line}: {source}\n  raised {type(error).__name__}: {error}")
    return problems


def run_pycon(code: str, path: str, first_line: int) -> list[str]:
    """Run a ``>>>`` session with doctest, exactly as shown; each failure as doctest reports it."""
    test = doctest.DocTestParser().get_doctest(code, {"__name__": "__main__"}, path, path, first_line - 1)
    report = io.StringIO()
    runner = doctest.DocTestRunner(verbose=False)
    runner.run(test, out=report.write)
    if test.examples and runner.failures == 0:
        return []
    if not test.examples:
        return [f"{path}:{first_line}: a pycon block without any '>>> ' example"]
    return [report.getvalue()]


def main(argv: list[str]) -> int:
    kind, path, first_line = argv[0], argv[1], int(argv[2])
    run = {"python": run_python, "pycon": run_pycon}[kind]
    problems = run(sys.stdin.read(), path, first_line)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
