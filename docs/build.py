"""Build the documentation site: ``python docs/build.py OUTPUT_DIR`` (what ``make docs`` runs).

The site is made of the generated Markdown (generated/docs/<lang>/) and of the hand-written
pages of docs/pages/<lang>/. Both languages are first put together in build/site-src/<lang>/
(with the JSON schema the developer page includes, and hidden tables of contents added to the
home page so that Sphinx knows the order of the pages and the menu's sections: the overview
pages, then the tables in the sections of the home page, codegen/site_layout.py); then Sphinx
builds each language into
OUTPUT_DIR/<lang>/, with its own search index and stemmer, turning every warning into an error.
OUTPUT_DIR/index.html lets the reader pick a language.

Both OUTPUT_DIR and the staging directories are replaced whole, so each is replaced only
when this script can tell it built it: a marker file it writes there first, or (for a site
built before the marker existed) nothing but index.html and Sphinx's fr/ and en/ outputs.
Any other directory is refused (exit 2) and left as it is.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))  # the generator's languages, words and layout (codegen/)

from codegen.labels import LABELS  # noqa: E402
from codegen.model import LANGUAGES, Language  # noqa: E402
from codegen.site_layout import grouped_tables  # noqa: E402

GENERATED = ROOT / "generated"
STAGING = ROOT / "build" / "site-src"
DOCTREES = ROOT / "build" / "site-doctrees"
# The generated pages besides the home page and the tables, in the menu's order.
OVERVIEW_ORDER = ("endpoints", "disagreements")
PORT = 8000  # the Makefile's DOCS_PORT

EXIT_USAGE = 2
# Written first into every directory this script replaces whole: the proof that it may replace it again.
MARKER = ".smspartner-site"
MARKER_TEXT = b"Built by docs/build.py, which replaces this directory whole on each build.\n"


# Tells whether a directory without the marker was built here before the marker existed.
OldBuild = Callable[[Path, set[str]], bool]


class NotOurs(Exception):
    """A directory the build would replace is not one it built; nothing was touched."""


def refusal(directory: Path, built_before_the_marker: OldBuild) -> str | None:
    """Why the build may not replace ``directory``, or None: it is absent, empty or one it built."""
    if directory.exists() and not directory.is_dir():
        return f"{directory} is a file; the build needs a directory, which it replaces whole"
    if not directory.is_dir():
        return None
    marker = directory / MARKER
    if marker.is_file() and not marker.is_symlink() and marker.read_bytes() == MARKER_TEXT:
        return None
    names = set(os.listdir(directory))
    if not names or built_before_the_marker(directory, names):
        return None
    return (
        f"{directory} is not a directory this build made: it has no {MARKER} file and holds other files"
        f" ({', '.join(sorted(names)[:3])}{' and more' if len(names) > 3 else ''}). The build replaces it whole,"
        " so it left it as it is: give a new or empty directory."
    )


def marked_afresh(directory: Path, built_before_the_marker: OldBuild) -> Path:
    """Empty ``directory`` (absent, empty or built here, else NotOurs), then mark it as built here."""
    problem = refusal(directory, built_before_the_marker)
    if problem:
        raise NotOurs(problem)
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    (directory / MARKER).write_bytes(MARKER_TEXT)
    return directory


def _an_old_site(directory: Path, names: set[str]) -> bool:
    """A site built before the marker: the language page, and nothing else but Sphinx's outputs per language."""
    sphinx_outputs = names - {"index.html"}
    return (
        bool(sphinx_outputs)
        and sphinx_outputs <= set(LANGUAGES)
        and ("index.html" not in names or _regular_file(directory / "index.html"))
        and all(_sphinx_output(directory / name) for name in sphinx_outputs)
    )


def _regular_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _sphinx_output(directory: Path) -> bool:
    buildinfo = directory / ".buildinfo"
    return (
        directory.is_dir()
        and not directory.is_symlink()
        and _regular_file(buildinfo)
        and buildinfo.read_bytes().startswith(b"# Sphinx build info version")
    )


def _old_staged_pages(directory: Path, names: set[str]) -> bool:
    """A staging directory filled before the marker: nothing but copied pages and the schema."""
    return all(
        (name.endswith(".md") or name == "catalog.schema.json") and _regular_file(directory / name) for name in names
    )


def menu_sections() -> list[tuple[str, list[str]]]:
    """The sections of tables (a key of LABELS, and table ids), read from the JSON contract."""
    catalog = json.loads((GENERATED / "json" / "catalog.json").read_text(encoding="utf-8"))
    return grouped_tables(
        ((table["id"], table["origin"], table["kind"]) for table in catalog["tables"]),
        ((endpoint["product"], endpoint["tables"]) for endpoint in catalog.get("endpoints", [])),
    )


def toctree(caption: str, pages: list[str]) -> str:
    lines = ["", "```{toctree}", ":hidden:", f":caption: {caption}", "", *pages, "```", ""]
    return "\n".join(lines)


def stage(language: Language) -> Path:
    """Put the language's pages together in one Sphinx source directory, from scratch."""
    source = marked_afresh(STAGING / language, _old_staged_pages)
    generated = sorted((GENERATED / "docs" / language).glob("*.md"))
    hand_written = sorted((DOCS / "pages" / language).glob("*.md"))
    if not generated:
        sys.exit(f"error: no Markdown pages in generated/docs/{language}/: run `make generate` first.")
    clash = {page.name for page in generated} & {page.name for page in hand_written}
    if clash:
        sys.exit(f"error: docs/pages/{language}/ and generated/docs/{language}/ both have {sorted(clash)}.")
    for page in generated + hand_written:
        shutil.copyfile(page, source / page.name)
    # The developer page shows the schema and offers both files for download.
    for name in ("catalog.schema.json", "catalog.json"):
        shutil.copyfile(GENERATED / "json" / name, source / name)
    labels = LABELS[language]
    sections = menu_sections()
    tables = {table_id for _, table_ids in sections for table_id in table_ids}
    # The generated pages that are not tables (the endpoints, the disagreements), then the hand-written ones.
    overview = [page.stem for page in generated if page.stem not in tables and page.stem != "index"]
    overview = sorted(overview, key=OVERVIEW_ORDER.index) + [page.stem for page in hand_written]
    with (source / "index.md").open("a", encoding="utf-8") as home:
        home.write(toctree(labels["nav_overview"], overview))
        for section, table_ids in sections:
            home.write(toctree(labels[section], table_ids))
    return source


def build(language: Language, source: Path, output: Path) -> int:
    # One process per language: Sphinx caches its translations of the theme's words per process.
    command = [
        sys.executable, "-m", "sphinx",
        "--builder", "html",
        "--fail-on-warning",  # every warning is an error (Sphinx reports them all, then fails)
        "--fresh-env", "--write-all",  # a full build each time: no warning hides in an unchanged page
        "--quiet",
        "--conf-dir", str(DOCS),
        "--define", f"language={language}",
        "--doctree-dir", str(DOCTREES / language),
        str(source),
        str(output / language),
    ]  # fmt: skip
    return subprocess.run(command, check=False).returncode


def main(output: Path) -> int:
    # Both languages are staged before either is built: each checks its links to the other.
    try:
        if problem := refusal(output, _an_old_site):  # checked first: a refused build touches nothing at all
            raise NotOurs(problem)
        sources = {language: stage(language) for language in LANGUAGES}
        marked_afresh(output, _an_old_site)
    except NotOurs as refused:
        print(f"error: {refused}", file=sys.stderr)
        return EXIT_USAGE
    for language, source in sources.items():
        status = build(language, source, output)
        if status:
            return status
    shutil.copyfile(DOCS / "landing.html", output / "index.html")
    print(served_hint(output))
    return 0


def served_hint(output: Path) -> str:
    """Where to read the site: served over HTTP, since browsers block what the search fetches from the disk."""
    shown = output.relative_to(Path.cwd()) if output.is_relative_to(Path.cwd()) else output
    return "\n".join([
        f"Site built in {shown}/. Read it served, where its search works (not opened from the disk):",
        f"  python3 -m http.server --bind 127.0.0.1 --directory {shown} {PORT}",
        f"  then open http://127.0.0.1:{PORT}/   (`make docs-serve` builds and serves build/site/ this way)",
    ])  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1]:  # an empty OUTPUT_DIR (an unset variable) would be the current directory
        print(
            "usage: python docs/build.py OUTPUT_DIR (a new or empty directory, or a site built here before)",
            file=sys.stderr,
        )
        sys.exit(EXIT_USAGE)
    sys.exit(main(Path(sys.argv[1]).resolve()))
