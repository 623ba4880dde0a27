"""Command line: ``python -m codegen validate | render | check | upstream | diff``.

A render has two output folders: ``--out`` for the artefacts (JSON, gettext sources,
Markdown) and ``--data-out`` for the data the Python package needs at run time. Each is
replaced whole; they are given together or not at all, so that a render meant for a
scratch folder never replaces the package's data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NamedTuple

from codegen.catalog import load_catalog
from codegen.model import Catalog
from codegen.problems import CatalogInvalid
from codegen.validate import catalog_dir_problem
from codegen.writer import out_dir_problem

DEFAULT_CATALOG = Path("catalog")
DEFAULT_OUT = Path("generated")
DEFAULT_DATA_OUT = Path("src") / "smspartner_codes" / "_data"

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m codegen",
        description="Validate the SMSPartner code catalog and render it into Python, JSON, gettext and Markdown.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, out: bool) -> None:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--catalog", type=Path, default=DEFAULT_CATALOG, help="catalog directory (default: catalog)"
        )
        if out:
            command.add_argument(
                "--out", type=Path, help="output directory of the artefacts (default: generated; give --data-out too)"
            )
            command.add_argument(
                "--data-out",
                type=Path,
                help=f"output directory of the package's data (default: {DEFAULT_DATA_OUT.as_posix()}; give --out too)",
            )

    add("validate", "check the catalog against its schema and rules; write nothing", out=False)
    add("render", "validate, then write every generated file into --out and --data-out, replacing them", out=True)
    add("check", "exit 1 and list the files when --out or --data-out differs from a fresh render", out=True)
    _add_upstream_and_diff(commands)
    return parser


def _add_upstream_and_diff(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    upstream_help = (
        "compare SMSPartner's page with the catalog: exit 0 if they agree, 1 on drift, 2 if it cannot compare them"
    )
    upstream = commands.add_parser("upstream", help=upstream_help, description=upstream_help)
    upstream.add_argument("page", type=Path, help="the page, in SMSPartner's Markdown (error-codes.fr.md)")
    upstream.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalog directory (default: catalog)")
    upstream.add_argument("--json", action="store_true", help="print the differences as JSON")
    upstream.add_argument(
        "--sha256", type=Path, metavar="FILE", help="first check the page against this sha256sum file"
    )
    diff_help = "list the changes between two catalogs, class each one and suggest the next version (exit 2: bad input)"
    diff = commands.add_parser("diff", help=diff_help, description=diff_help)
    for name in ("old", "new"):
        diff.add_argument(name, metavar=name.upper(), help="a catalog directory, or a git revision (its catalog/)")
    diff.add_argument("--json", action="store_true", help="print the changes as JSON instead of Markdown")


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command in ("upstream", "diff"):
        return _compare(arguments)
    return _generate(arguments)


def _compare(arguments: argparse.Namespace) -> int:
    if arguments.command == "upstream":
        from codegen.maintenance.drift import run as run_upstream

        return run_upstream(arguments.page, arguments.catalog, arguments.json, arguments.sha256)
    from codegen.maintenance.diff import run as run_diff

    return run_diff(arguments.old, arguments.new, arguments.json)


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
    if (arguments.out is None) != (arguments.data_out is None):
        given, missing = ("--out", "--data-out") if arguments.data_out is None else ("--data-out", "--out")
        return f"{given} needs {missing} too: a render writes both folders, and the defaults go together"
    folders = _output_folders(arguments)
    return out_dir_problem(folders.artefacts) or out_dir_problem(folders.package_data)


class _Folders(NamedTuple):
    artefacts: Path
    package_data: Path


def _output_folders(arguments: argparse.Namespace) -> _Folders:
    if arguments.out is None:
        return _Folders(DEFAULT_OUT, DEFAULT_DATA_OUT)
    return _Folders(arguments.out, arguments.data_out)


def _render(catalog: Catalog, folders: _Folders) -> int:
    # Renderers are imported here, not at the top: `validate` needs neither Jinja2 nor Babel.
    from codegen.render import render_all
    from codegen.writer import write_tree

    output = render_all(catalog)  # everything is rendered before anything is written
    written: list[Path] = []
    for files, folder in zip(output, folders, strict=True):
        try:
            write_tree(files, folder)
        except OSError as error:
            print(f"error: cannot write {folder}: {error}; its previous content is unchanged.", file=sys.stderr)
            for done in written:
                print(f"error: {done} was written already: render again once {folder} can be.", file=sys.stderr)
            return EXIT_INVALID
        written.append(folder)
        print(f"Rendered {len(files)} files into {folder}.")
    return EXIT_OK


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
