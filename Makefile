# smspartner-codes. On a fresh clone, `make generate` and `make test` set everything up:
# they create .venv and install the pinned tools of requirements-dev.txt when missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
UPSTREAM_PAGE := catalog/upstream/error-codes.fr.md

.DEFAULT_GOAL := help
.PHONY: help generate check upstream lint test bench docs docs-test

# The documentation site and its browser test (see docs/).
SITE := build/site
CHROMIUM := /usr/bin/chromium

$(INSTALLED): requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

generate: $(INSTALLED) ## validate catalog/, render the package data (src/smspartner_codes/_data/) and generated/
	$(PY) -m codegen render

check: $(INSTALLED) ## fail, listing the files, when the package data or generated/ differs from a fresh render
	$(PY) -m codegen check

upstream: $(INSTALLED) ## check the vendored upstream page against its sha256, then the catalog against that page
	$(PY) -m codegen upstream $(UPSTREAM_PAGE) --sha256 $(UPSTREAM_PAGE).sha256

lint: $(INSTALLED) ## ruff (lint and format) on the hand-written Python, mypy --strict on it and the package data
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

test: check upstream lint ## the drift checks (generated files, upstream page), lint and type checks, the test suite, then the site and its browser test
	$(PY) -m pytest
	@$(MAKE) --no-print-directory docs-test

docs: $(INSTALLED) ## build the French and English site into build/site/ (Sphinx; any warning fails the build)
	$(PY) docs/build.py $(SITE)

docs-test: docs $(CHROMIUM) ## serve build/site on localhost and drive headless Chromium through it (screenshots in build/screenshots/)
	$(PY) -m pytest -m site tests/site

# Debian's Chromium, which the browser test drives; installed when missing, never skipped.
$(CHROMIUM):
	@echo "$(CHROMIUM) is missing: installing Debian's chromium package for the browser test."
	@if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "error: cannot install chromium: not root and no sudo. Install Debian's 'chromium' package (apt-get install chromium), then run this again." >&2; exit 1; fi; \
	$$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
	@test -x $(CHROMIUM) || { echo "error: apt-get ran but $(CHROMIUM) is still missing." >&2; exit 1; }

bench: $(INSTALLED) ## import, lookup and render costs, each beside a baseline from the same run
	$(PY) benchmarks/bench.py
