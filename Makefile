# Every target installs what it needs into .venv by itself, so a fresh clone
# runs `make serve` or `make test` directly. CI calls these same targets.
#
# Serving needs the runtime dependencies only; the development targets add
# the dev extra (test, lint and benchmark tools). Each set has its own stamp,
# so switching between them installs only what is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
RUNTIME := $(VENV)/.runtime-stamp
DEV := $(VENV)/.dev-stamp
FUZZ := $(VENV)/.fuzz-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test http-audit-tools lint format schema bench bench-browser fuzz loadtest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(PIP) -e .
	@touch $@

# The dev extra includes the runtime: its stamp renews the runtime's too.
$(DEV): pyproject.toml | $(BIN)/python
	$(PIP) -e '.[dev]'
	@touch $@ $(RUNTIME)

$(FUZZ): pyproject.toml $(DEV)
	$(PIP) -e '.[dev,fuzz]'
	@touch $@

serve: $(RUNTIME)
	$(BIN)/competency serve --host $(HOST) --port $(PORT)

# The GraphQL over HTTP audit (tests/test_http_audit.py) is an npm package,
# pinned in tests/http_audit/package-lock.json; without npm its test says so.
AUDIT := tests/http_audit
AUDIT_STAMP := $(AUDIT)/node_modules/.installed-stamp

$(AUDIT_STAMP): $(AUDIT)/package.json $(AUDIT)/package-lock.json
	npm ci --prefix $(AUDIT) --no-audit --no-fund --loglevel=error
	@touch $@

http-audit-tools:
	@if command -v npm >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory --silent $(AUDIT_STAMP); \
	else \
	  echo "npm not found: the GraphQL over HTTP audit will be skipped (Debian: apt-get install nodejs npm)"; \
	fi

schema: $(RUNTIME)
	$(BIN)/competency schema -o schema.graphql

# One worker per core: most of the run is one test at a time, or waiting on
# Chromium and the servers (see pyproject.toml for how files are shared out).
# The run keeps its compiled modules even where PYTHONDONTWRITEBYTECODE is
# set (as on our CI machines): without them each worker rewrites the asserts
# of 180 modules (the tests, Hypothesis) again, 3.7 s of its start a run.
test: $(DEV) http-audit-tools
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto

lint: $(DEV)
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy

format: $(DEV)
	$(BIN)/ruff format src tests tools
	$(BIN)/ruff check --fix src tests tools

# The tools are not part of the installed package: they live in tools/ and
# run from the repository root.
bench: $(DEV)
	$(BIN)/python -m tools.bench

# The front end in Chromium at 300 and 3,000 roles: time to the first drawn
# view and DOM size of the ladder, a popular skill and the progression picker.
bench-browser: $(DEV)
	$(BIN)/python -m tools.browser_bench

# schemathesis generates >= 1,000 queries from schema.graphql against a real
# `competency serve` on a free port; any server error or undocumented error
# code fails. The fuzz extra installs it.
fuzz: $(FUZZ)
	$(BIN)/python -m tools.fuzz

# 50 concurrent clients for 60 s against `competency serve --workers 2`; then
# the hostile load: 8 clients of usual queries on one worker of a 3,000-role
# framework, quiet and beside 4 clients sending the worst accepted queries
# (30 s each; the usual p99 must stay within 5x of quiet).
loadtest: $(DEV)
	$(BIN)/python -m tools.loadtest
	$(BIN)/python -m tools.loadtest --hostile --duration 30

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache $(AUDIT)/node_modules
