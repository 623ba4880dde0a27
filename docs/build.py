"""Build the documentation site: ``python docs/build.py OUTPUT_DIR`` (what ``make docs`` runs).

The site is made of the generated Markdown (generated/docs/<lang>/) and of the hand-written
pages of docs/pages/<lang>/. Both languages are first put together in build/site-src/<lang>/
(with the JSON schema the developer page includes, and a hidden table of contents added to the
home page so that Sphinx knows the order of the pages); then Sphinx builds each language into
OUTPUT_DIR/<lang>/, with its own search index and stemmer, turning every warning into an error.
OUTPUT_DIR/index.html lets the reader pick a language.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
GENERATED = ROOT / "generated"
STAGING = ROOT / "build" / "site-src"
DOCTREES = ROOT / "build" / "site-doctrees"
LANGUAGES = ("fr", "en")
PORT = 8000  # the Makefile's DOCS_PORT


def table_ids() -> list[str]:
    """The table pages in the order of SMSPartner's page, as the JSON contract lists them."""
    catalog = json.loads((GENERATED / "json" / "catalog.json").read_text(encoding="utf-8"))
    return [table["id"] for table in catalog["tables"]]


def toctree(pages: list[str]) -> str:
    lines = ["", "```{toctree}", ":hidden:", "", *pages, "```", ""]
    return "\n".join(lines)


def stage(language: str) -> Path:
    """Put the language's pages together in one Sphinx source directory, from scratch."""
    source = STAGING / language
    if source.exists():
        shutil.rmtree(source)
    source.mkdir(parents=True)
    generated = sorted((GENERATED / "docs" / language).glob("*.md"))
    hand_written = sorted((DOCS / "pages" / language).glob("*.md"))
    if not generated:
        sys.exit(f"error: no Markdown pages in generated/docs/{language}/: run `make generate` first.")
    clash = {page.name for page in generated} & {page.name for page in hand_written}
    if clash:
        sys.exit(f"error: docs/pages/{language}/ and generated/docs/{language}/ both have {sorted(clash)}.")
    for page in generated + hand_written:
        shutil.copyfile(page, source / page.name)
    shutil.copyfile(GENERATED / "json" / "catalog.schema.json", source / "catalog.schema.json")
    with (source / "index.md").open("a", encoding="utf-8") as home:
        home.write(toctree(table_ids() + [page.stem for page in hand_written]))
    return source


def build(language: str, source: Path, output: Path) -> int:
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
    sources = {language: stage(language) for language in LANGUAGES}
    if output.exists():
        shutil.rmtree(output)
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
    if len(sys.argv) != 2:
        sys.exit("usage: python docs/build.py OUTPUT_DIR")
    sys.exit(main(Path(sys.argv[1]).resolve()))
