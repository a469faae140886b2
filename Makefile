# Brinkmanship: two commands do all set-up on a fresh machine.
#   make run   - create .venv, install, run the default scenario, print where the report is
#   make test  - install the dev extras and run the whole test suite
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

# Find a Python >= 3.12 (Mesa 3.5 needs it): PATH first, then pyenv's installed versions.
define FIND_PYTHON
for c in python3.13 python3.12 python3 python; do \
  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
    command -v $$c; exit 0; fi; done; \
if command -v pyenv >/dev/null 2>&1; then \
  for v in $$(pyenv versions --bare 2>/dev/null | grep -E '^3\.(1[2-9]|[2-9][0-9])' | sort -rV); do \
    p="$$(pyenv root)/versions/$$v/bin/python3"; \
    if [ -x "$$p" ]; then echo "$$p"; exit 0; fi; done; fi; \
exit 1
endef

PYTHON_BIN := $(shell $(FIND_PYTHON))

.PHONY: run test lint bench app clean wheel-check

$(PY):
	@if [ -z "$(PYTHON_BIN)" ]; then \
	  echo "error: Brinkmanship needs Python >= 3.12 (Mesa 3.5). None found on PATH or in pyenv." >&2; \
	  echo "       Install one (e.g. 'pyenv install 3.12') and run make again." >&2; exit 2; fi
	@echo "Using $(PYTHON_BIN) ($$($(PYTHON_BIN) --version))"
	$(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@ $(STAMP)

run: $(STAMP)
	$(VENV)/bin/brink run ukraine_2025

test: $(DEV_STAMP)
	$(PY) -m pytest -q -n auto -m 'not browser'  # every core for the rest of the suite
	$(PY) -m pytest -q -m browser tests  # then the browser tests alone (two Chromium sessions at once starve each other)

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check sim tests benchmarks app.py

bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

app: $(STAMP)
	$(VENV)/bin/brink app

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# The wheel in a fresh venv, used from an empty directory (CI runs this after the tests).
wheel-check: $(DEV_STAMP)
	.ci/wheel-check $(PY)
