# smspartner-codes. On a fresh clone, `make generate` and `make test` set everything up:
# they create .venv, and each target installs there the pinned tools it needs (requirements/*.txt)
# the first time it runs: rendering needs little, the site and its browser test much more.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.DEFAULT_GOAL := help
.PHONY: help generate check upstream lint test test-pythons bench docs docs-serve docs-test dist

# The Python versions the package promises: pyproject.toml's classifiers name exactly these (tests/test_wheel.py
# checks). `make test` runs everything under .venv's interpreter, one of them; `make test-pythons` runs the
# runtime's tests and the wheel's under each of the others, in a venv of its own (.venv-3.12, ...).
PYTHON_VERSIONS := 3.11 3.12 3.13
RUNTIME_TESTS := tests/test_package_api.py tests/test_toolkit_catalog.py tests/test_toolkit_cli.py \
	tests/test_toolkit_errors.py tests/test_toolkit_search.py tests/test_toolkit_endpoints.py \
	tests/test_wording_matching.py tests/test_gettext_contract.py tests/test_roundtrip_properties.py \
	tests/test_wheel.py

# The documentation site and its browser test (see docs/).
SITE := build/site
DOCS_PORT ?= 8000
CHROMIUM := /usr/bin/chromium

# One stamp per requirements file: requirements/<name>.txt is installed into .venv when its stamp is
# missing or older than the file (or than render.txt, which the others include).
RENDER_TOOLS := $(VENV)/.tools-render
TEST_TOOLS := $(VENV)/.tools-test
SITE_TOOLS := $(VENV)/.tools-site
BROWSER_TOOLS := $(VENV)/.tools-browser

$(VENV)/.tools-%: requirements/%.txt requirements/render.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r $<
	@touch $@

$(PY):
	$(PYTHON) -m venv $(VENV)

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

generate: $(RENDER_TOOLS) ## validate catalog/, render the package data (src/smspartner_codes/_data/) and generated/
	$(PY) -m codegen render

check: $(RENDER_TOOLS) ## fail, listing the files, when the package data or generated/ differs from a fresh render
	$(PY) -m codegen check

upstream: $(RENDER_TOOLS) ## check the vendored pages against their sha256, then the catalog against every page (error codes and endpoints)
	$(PY) -m codegen upstream

lint: $(TEST_TOOLS) ## ruff (lint and format) on the hand-written Python, mypy --strict on it and the package data
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: check upstream lint $(TEST_TOOLS) ## the drift checks (generated files, upstream page), lint and type checks, the test suite, then the site and its browser test
	$(PY) -m pytest
	@$(MAKE) --no-print-directory docs-test

docs: $(SITE_TOOLS) ## build the French and English site into build/site/ (Sphinx; any warning fails the build)
	$(PY) docs/build.py $(SITE)

docs-serve: docs ## build the site, then serve it on http://127.0.0.1:8000/ (DOCS_PORT=...) until Ctrl-C
	@echo "Serving $(SITE)/ on http://127.0.0.1:$(DOCS_PORT)/ (this machine only); Ctrl-C stops it."
	$(PY) -m http.server --bind 127.0.0.1 --directory $(SITE) $(DOCS_PORT)

docs-test: docs $(TEST_TOOLS) $(BROWSER_TOOLS) $(CHROMIUM) ## serve build/site on localhost and drive headless Chromium through it (screenshots in build/screenshots/)
	$(PY) -m pytest -m site tests/site

# Debian's Chromium, which the browser test drives; installed when missing, never skipped.
$(CHROMIUM):
	@echo "$(CHROMIUM) is missing: installing Debian's chromium package for the browser test."
	@if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "error: cannot install chromium: not root and no sudo. Install Debian's 'chromium' package (apt-get install chromium), then run this again." >&2; exit 1; fi; \
	$$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
	@test -x $(CHROMIUM) || { echo "error: apt-get ran but $(CHROMIUM) is still missing." >&2; exit 1; }

test-pythons: | $(PY) ## the runtime's tests and the wheel's under the other Pythons of PYTHON_VERSIONS (3.12, 3.13); names any it cannot find
	@.ci/test-pythons "$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])')" "$(PYTHON_VERSIONS)" $(RUNTIME_TESTS)

bench: $(RENDER_TOOLS) ## import, lookup and render costs, each beside a baseline from the same run
	$(PY) benchmarks/bench.py

dist: check $(TEST_TOOLS) ## build the sdist, then the wheel from the sdist alone (the work tree's, byte for byte), into dist/
	$(PY) -m codegen.maintenance.dist dist
