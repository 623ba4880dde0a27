# smspartner-codes. On a fresh clone, `make generate` and `make test` set everything up:
# they create .venv, and each target installs there the pinned tools it needs (requirements/*.txt)
# the first time it runs: rendering needs little, the site and its browser test much more.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.DEFAULT_GOAL := help
.PHONY: help generate check upstream lint test test-pythons bench docs docs-serve docs-test dist npm-tools

# The Python versions the package promises: pyproject.toml's classifiers name exactly these (tests/test_wheel.py
# checks). `make test` runs everything under .venv's interpreter, one of them; `make test-pythons` runs the
# runtime's tests and the wheel's under each of the others, in a venv of its own (.venv-3.12, ...).
PYTHON_VERSIONS := 3.11 3.12 3.13
RUNTIME_TESTS := tests/test_package_api.py tests/test_toolkit_catalog.py tests/test_toolkit_cli.py \
	tests/test_toolkit_errors.py tests/test_toolkit_search.py tests/test_toolkit_endpoints.py \
	tests/test_wording_matching.py tests/test_gettext_contract.py tests/test_roundtrip_properties.py \
	tests/test_toolkit_answers.py tests/test_documented_answers.py tests/test_wheel.py

# The documentation site and its browser test (see docs/).
SITE := build/site
DOCS_PORT ?= 8000
CHROMIUM := /usr/bin/chromium
GO := /usr/bin/go

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

# The npm package's pinned tools (TypeScript, Ajv, Node's types), from npm/package-lock.json alone.
NPM_TOOLS := npm/node_modules/.package-lock.json
TSC := npm/node_modules/.bin/tsc

npm-tools: $(NPM_TOOLS) ## install the npm package's pinned tools into npm/node_modules (npm ci)

$(NPM_TOOLS): npm/package.json npm/package-lock.json
	cd npm && npm ci --no-audit --no-fund
	@touch $@

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

generate: $(RENDER_TOOLS) ## validate catalog/, render both packages' data (src/smspartner_codes/_data/, npm/src/_data/) and generated/
	$(PY) -m codegen render

check: $(RENDER_TOOLS) ## fail, listing the files, when a package's data or generated/ differs from a fresh render
	$(PY) -m codegen check

upstream: $(RENDER_TOOLS) ## check the vendored pages against their sha256, then the catalog against every page (error codes and endpoints)
	$(PY) -m codegen upstream

lint: $(TEST_TOOLS) $(NPM_TOOLS) ## ruff and mypy --strict on the Python, tsc --strict on the npm package and its tests
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(TSC) -p npm/tsconfig.json --noEmit
	$(TSC) -p npm/tsconfig.test.json --noEmit

test: check upstream lint $(TEST_TOOLS) $(NPM_TOOLS) $(GO) ## the drift checks, lint and type checks, the test suite (the npm package, Ajv and the Go example included), then the site and its browser test
	$(PY) -m pytest
	@$(MAKE) --no-print-directory docs-test

docs: $(SITE_TOOLS) ## build the French and English site into build/site/ (Sphinx; any warning fails the build)
	$(PY) docs/build.py $(SITE)

docs-serve: docs ## build the site, then serve it on http://127.0.0.1:8000/ (DOCS_PORT=...) until Ctrl-C
	@echo "Serving $(SITE)/ on http://127.0.0.1:$(DOCS_PORT)/ (this machine only); Ctrl-C stops it."
	$(PY) -m http.server --bind 127.0.0.1 --directory $(SITE) $(DOCS_PORT)

docs-test: docs $(TEST_TOOLS) $(BROWSER_TOOLS) $(CHROMIUM) ## serve build/site on localhost and drive headless Chromium through it (screenshots in build/screenshots/)
	$(PY) -m pytest -m site tests/site

# Debian packages the tests need, installed when missing, never skipped: $(call apt-install,PACKAGE,FILE).
define apt-install
	@echo "$(2) is missing: installing Debian's $(1) package."
	@if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "error: cannot install $(1): not root and no sudo. Install Debian's '$(1)' package (apt-get install $(1)), then run this again." >&2; exit 1; fi; \
	$$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1)
	@test -x $(2) || { echo "error: apt-get ran but $(2) is still missing." >&2; exit 1; }
endef

# Debian's Chromium, which the browser test drives.
$(CHROMIUM):
	$(call apt-install,chromium,$(CHROMIUM))

# Debian's Go, which compiles and runs the Go example of the developer page (tests/test_developer_examples.py).
$(GO):
	$(call apt-install,golang-go,$(GO))

test-pythons: | $(PY) ## the runtime's tests and the wheel's under the other Pythons of PYTHON_VERSIONS (3.12, 3.13); names any it cannot find
	@.ci/test-pythons "$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])')" "$(PYTHON_VERSIONS)" $(RUNTIME_TESTS)

bench: $(RENDER_TOOLS) ## import, lookup and render costs, each beside a baseline from the same run
	$(PY) benchmarks/bench.py

dist: check $(TEST_TOOLS) ## build the sdist, then the wheel from the sdist alone (the work tree's, byte for byte), into dist/
	$(PY) -m codegen.maintenance.dist dist
