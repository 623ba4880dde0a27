"""The examples of the site's developer page run: the Go program is compiled and run against the
current catalog.json (its structs also decode every JSON file with unknown fields refused), and the
TypeScript example is compiled strictly and run against the installed npm package (test_npm_package).

Go is Debian's golang-go (``make test`` installs it when /usr/bin/go is missing); nothing is
downloaded by Go itself (GOPROXY=off, standard library only).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from codegen.model import Catalog
from smspartner_codes import CATALOG_VERSION, lookup
from tests.conftest import ROOT, run_checked

pytestmark = pytest.mark.timeout(300)

PAGES = [ROOT / "docs" / "pages" / language / "developer.md" for language in ("en", "fr")]


def code_block(page: Path, language: str) -> str:
    """The one fenced block of ``language`` on ``page``."""
    (block,) = re.findall(rf"^```{language}\n(.*?)^```$", page.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)
    return str(block)


@pytest.mark.parametrize("language", ["go", "ts"])
def test_both_pages_show_the_same_example(language: str) -> None:
    assert code_block(PAGES[0], language) == code_block(PAGES[1], language)


# Decodes every JSON file with the example's structs, refusing any field they lack: one struct per shape.
STRICT_TEST = """\
package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func decodeStrictly(t *testing.T, path string, into any) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestEveryFileHasAStructForEachShape(t *testing.T) {
	directory := os.Getenv("JSON_DIR")
	paths, _ := filepath.Glob(filepath.Join(directory, "*.json"))
	tables := 0
	for _, path := range paths {
		switch name := filepath.Base(path); {
		case name == "catalog.json":
			decodeStrictly(t, path, &Catalog{})
		case !strings.HasSuffix(name, ".schema.json"):
			var table TableFile
			decodeStrictly(t, path, &table)
			if table.ID+".json" != name || len(table.Entries) == 0 {
				t.Fatalf("%s: decoded as table %q with %d entries", name, table.ID, len(table.Entries))
			}
			tables++
		}
	}
	if tables < 50 {
		t.Fatalf("only %d table files in %s", tables, directory)
	}
}
"""


@pytest.fixture(scope="module")
def go() -> str:
    found = shutil.which("go")
    if found is None:
        pytest.fail("Go is missing: `make test` installs Debian's golang-go (apt-get install golang-go)")
    return found


def _go(go: str, *arguments: str, cwd: Path) -> str:
    environment = {
        **os.environ,
        "GOPROXY": "off",
        "GOFLAGS": "-mod=mod",
        "GOCACHE": str(cwd / ".cache"),
        "GOPATH": str(cwd / ".path"),
        "JSON_DIR": str(ROOT / "generated" / "json"),
    }
    return run_checked([go, *arguments], cwd=cwd, env=environment)


def test_the_go_example_compiles_runs_and_has_a_struct_for_every_shape(
    go: str, tmp_path: Path, catalog: Catalog
) -> None:
    (tmp_path / "go.mod").write_text("module example\n\ngo 1.19\n", encoding="utf-8")
    (tmp_path / "example.go").write_text(code_block(PAGES[0], "go"), encoding="utf-8")
    (tmp_path / "strict_test.go").write_text(STRICT_TEST, encoding="utf-8")
    _go(go, "vet", ".", cwd=tmp_path)
    gofmt = Path(go).resolve().parent / "gofmt"
    formatting = subprocess.run([gofmt, "-l", "example.go"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (formatting.returncode, formatting.stdout) == (0, ""), "the Go example is not gofmt-formatted"
    _go(go, "test", "./...", cwd=tmp_path)
    output = _go(go, "run", ".", str(ROOT / "generated" / "json" / "catalog.json"), cwd=tmp_path)
    blacklisted, stop = lookup("hlr_error", 2053), lookup("sms_send", 14)
    assert blacklisted is not None and stop is not None
    assert output.splitlines() == [
        f"catalog {CATALOG_VERSION}: {len(catalog.tables)} tables, {len(catalog.endpoints)} endpoints",
        f"hlr_error 2053 {blacklisted.name} (USER_ERRORS): {blacklisted.message_in('en')}",
        f"sms_send 14 {stop.name}: {stop.message}",
        "dlr_status DELIVRD final=true success=true",
    ]
