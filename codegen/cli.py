"""Command line: ``python -m codegen validate | render | check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from codegen.model import Catalog
from codegen.problems import CatalogInvalid
from codegen.validate import catalog_dir_problem, load_catalog
from codegen.writer import out_dir_problem

DEFAULT_CATALOG = Path("catalog")
DEFAULT_OUT = Path("generated")

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
            command.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: generated)")

    add("validate", "check the catalog against its schema and rules; write nothing", out=False)
    add("render", "validate, then write every generated file into --out, replacing it whole", out=True)
    add("check", "exit 1 and list the files when --out differs from a fresh render", out=True)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    catalog_dir, out_dir = getattr(arguments, "catalog", None), getattr(arguments, "out", None)
    usage_error = (catalog_dir and catalog_dir_problem(catalog_dir)) or (out_dir and out_dir_problem(out_dir))
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
    if arguments.command == "render":
        return _render(catalog, arguments.out)
    return _check(catalog, arguments.out)


def _render(catalog: Catalog, out_dir: Path) -> int:
    # Renderers are imported here, not at the top: `validate` needs neither Jinja2 nor Babel.
    from codegen.render import render_all
    from codegen.writer import write_tree

    files = render_all(catalog)
    try:
        write_tree(files, out_dir)
    except OSError as error:
        print(f"error: cannot write {out_dir}: {error}; the previous output is unchanged.", file=sys.stderr)
        return EXIT_INVALID
    print(f"Rendered {len(files)} files into {out_dir}.")
    return EXIT_OK


def _check(catalog: Catalog, out_dir: Path) -> int:
    from codegen.render import render_all
    from codegen.writer import compare_tree

    drift = compare_tree(render_all(catalog), out_dir)
    if not drift:
        print(f"{out_dir} is up to date with the catalog.")
        return EXIT_OK
    print(f"{out_dir} differs from a fresh render of the catalog:", file=sys.stderr)
    for label, paths in (("changed", drift.changed), ("missing", drift.missing), ("not generated", drift.extra)):
        for path in paths:
            print(f"  {label}: {out_dir / path}", file=sys.stderr)
    print("Run `make generate` and commit the result; never edit generated files by hand.", file=sys.stderr)
    return EXIT_INVALID
