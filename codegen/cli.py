"""Command line: ``python -m codegen validate | render | check | upstream | diff``.

A render has three output folders: ``--out`` for the artefacts (JSON, gettext sources,
Markdown), ``--data-out`` for the data the Python package needs at run time and ``--npm-out``
for the npm package's. Each is replaced whole; they are given together or not at all, so that
a render meant for a scratch folder never replaces a package's data.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, NoReturn

from codegen.catalog import load_catalog
from codegen.model import Catalog
from codegen.problems import CatalogInvalid, quote_short
from codegen.validate import catalog_dir_problem
from codegen.writer import out_dir_problem, replace_problem

# The runtime's own guard, from this repository's src/ (codegen.runtime, imported by codegen.validate, sees to it).
from smspartner_codes._output import GuardedOutput, OutputLost, ReaderGone, discard

DEFAULT_CATALOG = Path("catalog")
DEFAULT_OUT = Path("generated")
DEFAULT_DATA_OUT = Path("src") / "smspartner_codes" / "_data"
DEFAULT_NPM_OUT = Path("npm") / "src" / "_data"
# The output options, in the order of the folders (codegen.render.Output).
OUTPUT_OPTIONS = ("--out", "--data-out", "--npm-out")

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_READER_GONE = 128 + 13  # what a shell reports for a program killed by SIGPIPE


# Linux's limits (PATH_MAX, NAME_MAX): a longer path cannot name a file, whatever it holds.
MAX_PATH_BYTES = 4095
MAX_NAME_BYTES = 255


def path_argument(text: str) -> Path:
    """A path given on the command line; an empty or over-long one is a usage error.

    Empty is most often an unset shell variable; it would mean the current directory.
    """
    if not text:
        raise argparse.ArgumentTypeError("an empty path is not allowed (is a shell variable unset?)")
    encoded = os.fsencode(text)
    if len(encoded) > MAX_PATH_BYTES or any(len(name) > MAX_NAME_BYTES for name in encoded.split(b"/")):
        raise argparse.ArgumentTypeError(
            f"path {quote_short(text)} is too long: a path holds at most {MAX_PATH_BYTES} bytes,"
            f" and each name in it {MAX_NAME_BYTES}"
        )
    return Path(text)


def source_argument(text: str) -> str:
    """A catalog directory or a git revision, for ``diff``; an empty one is a usage error."""
    path_argument(text)
    return text


class _Parser(argparse.ArgumentParser):
    """argparse, quoting at most the start of a huge argument in its messages (an unknown 10 MB command)."""

    def error(self, message: str) -> NoReturn:
        message = _LONG_QUOTED.sub(lambda quoted: quote_short(quoted.group(1), 60), message)
        message = _LONG_RUN.sub(lambda run: f"{run.group()[:60]}... ({len(run.group())} characters)", message)
        super().error(message)


_LONG_QUOTED = re.compile(r"'([^'\n]{200,})'")
_LONG_RUN = re.compile(r"\S{200,}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m codegen",
        description="Validate the SMSPartner code catalog and render it into Python, JSON, gettext and Markdown.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, out: bool) -> None:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--catalog", type=path_argument, default=DEFAULT_CATALOG, help="catalog directory (default: catalog)"
        )
        if out:
            command.add_argument(
                "--out",
                type=path_argument,
                help="output directory of the artefacts (default: generated; give --data-out and --npm-out too)",
            )
            command.add_argument(
                "--data-out",
                type=path_argument,
                help=f"output directory of the Python package's data (default: {DEFAULT_DATA_OUT.as_posix()};"
                " give --out and --npm-out too)",
            )
            command.add_argument(
                "--npm-out",
                type=path_argument,
                help=f"output directory of the npm package's data (default: {DEFAULT_NPM_OUT.as_posix()};"
                " give --out and --data-out too)",
            )

    add("validate", "check the catalog against its schema and rules; write nothing", out=False)
    add(
        "render",
        "validate, then write every generated file into --out, --data-out and --npm-out, replacing them",
        out=True,
    )
    add("check", "exit 1 and list the files when --out, --data-out or --npm-out differs from a fresh render", out=True)
    _add_upstream_and_diff(commands)
    return parser


def _add_upstream_and_diff(commands: argparse._SubParsersAction[_Parser]) -> None:
    upstream_help = (
        "compare SMSPartner's pages with the catalog: exit 0 if they agree, 1 on drift, 2 if it cannot compare them"
    )
    upstream = commands.add_parser("upstream", help=upstream_help, description=upstream_help)
    upstream.add_argument(
        "page",
        type=path_argument,
        nargs="?",
        help="the error-code page, in SMSPartner's Markdown (error-codes.fr.md); without it, every vendored page"
        " of the catalog's upstream/ is compared: the error-code page and the endpoint pages",
    )
    upstream.add_argument(
        "--pages",
        type=path_argument,
        metavar="DIR",
        help="also compare the endpoint pages under DIR (SMSPartner's docpartner tree; its SHA256SUMS is checked"
        " when it has one)",
    )
    upstream.add_argument(
        "--catalog", type=path_argument, default=DEFAULT_CATALOG, help="catalog directory (default: catalog)"
    )
    upstream.add_argument("--json", action="store_true", help="print the differences as JSON")
    upstream.add_argument(
        "--sha256", type=path_argument, metavar="FILE", help="first check the page against this sha256sum file"
    )
    diff_help = "list the changes between two catalogs, class each one and suggest the next version (exit 2: bad input)"
    diff = commands.add_parser("diff", help=diff_help, description=diff_help)
    for name in ("old", "new"):
        diff.add_argument(
            name,
            type=source_argument,
            metavar=name.upper(),
            help="a catalog directory, a git revision (its catalog/), or a released version such as 2.0.0"
            " (the commit that set that catalog_version; no tag needed)",
        )
    diff.add_argument("--json", action="store_true", help="print the changes as JSON instead of Markdown")


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status.

    Standard output that cannot take what the command prints is an error with a
    short message (exit 2), never a traceback nor exit 0: a closed stdout (nothing
    is done then), an encoding that lacks a character of the report, a full disk.
    A reader that stops early (``| head -c1``) ends the command quietly, with the
    status of a program killed by SIGPIPE (141), as Unix tools do.
    """
    if sys.stdout is None:  # started with stdout closed (>&-): everything printed would be lost
        _error("standard output is closed, so nothing was done; redirect it to /dev/null to discard it.")
        return EXIT_USAGE
    real_stdout = sys.stdout
    sys.stdout = guarded = GuardedOutput(real_stdout)
    try:
        try:
            arguments = _parser().parse_args(argv)
        except SystemExit:  # --help, or a usage error: what argparse printed must get out too
            guarded.flush()
            raise
        if arguments.command in ("upstream", "diff"):
            status = _compare(arguments)
        else:
            with _no_cycle_collection():
                status = _generate(arguments)
        guarded.flush()
        return status
    except ReaderGone:
        discard(real_stdout)
        return EXIT_READER_GONE
    except OutputLost as lost:
        discard(real_stdout)
        _error(f"cannot write the output: {lost}")
        return EXIT_USAGE
    finally:
        sys.stdout = real_stdout


def _error(message: str) -> None:
    if sys.stderr is not None:  # print(file=None) would write to stdout
        print(f"error: {message}", file=sys.stderr)


def _compare(arguments: argparse.Namespace) -> int:
    if arguments.command == "upstream":
        if arguments.page is not None and arguments.pages is None:
            from codegen.maintenance.drift import run as run_upstream

            return run_upstream(arguments.page, arguments.catalog, arguments.json, arguments.sha256)
        from codegen.maintenance.pagedrift import run_all

        return run_all(arguments.catalog, arguments.pages, arguments.page, arguments.sha256, arguments.json)
    from codegen.maintenance.diff import run as run_diff

    return run_diff(arguments.old, arguments.new, arguments.json)


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for the length of a command (as it was before, after).

    Loading and rendering the catalog makes hundreds of thousands of objects, kept until the
    end: the collector would walk them again and again, a tenth of a render, to find little
    (reference counting frees what is dropped; the peak memory is the same).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(arguments: argparse.Namespace) -> int:
    """validate, render or check: every command that loads the catalog first."""
    usage_error = catalog_dir_problem(arguments.catalog) or _output_problem(arguments)
    if usage_error:
        print(f"error: {usage_error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        catalog = load_catalog(arguments.catalog)
    except CatalogInvalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"error: {invalid}; nothing was written.", file=sys.stderr)
        return EXIT_INVALID
    if arguments.command == "validate":
        count = sum(len(table.entries) for table in catalog.tables)
        print(f"{arguments.catalog} is valid: {len(catalog.tables)} tables, {count} entries.")
        return EXIT_OK
    folders = _output_folders(arguments)
    if arguments.command == "render":
        return _render(catalog, folders)
    return _check(catalog, folders)


def _output_problem(arguments: argparse.Namespace) -> str | None:
    """Why the output options cannot be used (a usage error), or None."""
    if arguments.command == "validate":
        return None
    values = (arguments.out, arguments.data_out, arguments.npm_out)
    given = [option for option, value in zip(OUTPUT_OPTIONS, values, strict=True) if value is not None]
    if given and len(given) < len(OUTPUT_OPTIONS):
        missing = " and ".join(option for option in OUTPUT_OPTIONS if option not in given)
        return f"{given[0]} needs {missing} too: a render writes all three folders, and the defaults go together"
    # A render replaces its folders whole: it checks them all before it writes any.
    check = replace_problem if arguments.command == "render" else out_dir_problem
    for folder in _output_folders(arguments):
        problem = check(folder)
        if problem:
            return problem
    return None


class _Folders(NamedTuple):
    artefacts: Path
    package_data: Path
    npm_data: Path


def _output_folders(arguments: argparse.Namespace) -> _Folders:
    if arguments.out is None:
        return _Folders(DEFAULT_OUT, DEFAULT_DATA_OUT, DEFAULT_NPM_OUT)
    return _Folders(arguments.out, arguments.data_out, arguments.npm_out)


def _render(catalog: Catalog, folders: _Folders) -> int:
    # Renderers are imported here, not at the top: `validate` needs neither Jinja2 nor Babel.
    from codegen.render import render_all
    from codegen.writer import OutputRefused, write_tree

    output = render_all(catalog)  # everything is rendered before anything is written
    written: list[Path] = []
    for files, folder in zip(output, folders, strict=True):
        try:
            write_tree(files, folder)
        except OutputRefused as refused:
            print(f"error: {refused}", file=sys.stderr)
            _report_written(written, folder)
            return EXIT_USAGE
        except OSError as error:
            print(f"error: cannot write {folder}: {error}; its previous content is unchanged.", file=sys.stderr)
            _report_written(written, folder)
            return EXIT_INVALID
        written.append(folder)
        print(f"Rendered {len(files)} files into {folder}.")
    return EXIT_OK


def _report_written(written: list[Path], failed: Path) -> None:
    for done in written:
        print(f"error: {done} was written already: render again once {failed} can be.", file=sys.stderr)


def _check(catalog: Catalog, folders: _Folders) -> int:
    from codegen.render import render_all
    from codegen.writer import compare_tree

    status = EXIT_OK
    for files, folder in zip(render_all(catalog), folders, strict=True):
        drift = compare_tree(files, folder)
        if not drift:
            print(f"{folder} is up to date with the catalog.")
            continue
        status = EXIT_INVALID
        print(f"{folder} differs from a fresh render of the catalog:", file=sys.stderr)
        for label, paths in (("changed", drift.changed), ("missing", drift.missing), ("not generated", drift.extra)):
            for path in paths:
                print(f"  {label}: {folder / path}", file=sys.stderr)
    if status != EXIT_OK:
        print("Run `make generate` and commit the result; never edit generated files by hand.", file=sys.stderr)
    return status
