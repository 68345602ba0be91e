# Every target installs what it needs into .venv by itself, so a fresh clone
# runs `make serve` or `make test` directly. CI calls these same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test http-audit-tools lint format schema bench bench-browser fuzz loadtest clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

serve: $(STAMP)
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

test: $(STAMP) http-audit-tools
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests
	$(BIN)/ruff check --fix src tests

schema: $(STAMP)
	$(BIN)/competency schema -o schema.graphql

bench: $(STAMP)
	$(BIN)/python -m competency_explorer.bench

# The front end in Chromium at 300 and 3,000 roles: time to the first drawn
# view and DOM size of the ladder, a popular skill and the progression picker.
bench-browser: $(STAMP)
	$(BIN)/python tools/browser_bench.py

# schemathesis generates >= 1,000 queries from schema.graphql against a real
# `competency serve` on a free port; any server error or undocumented error
# code fails. The fuzz extra installs it.
fuzz: $(STAMP)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[fuzz]'
	$(BIN)/python -m competency_explorer.fuzz

# 50 concurrent clients for 60 s against `competency serve --workers 2`.
loadtest: $(STAMP)
	$(BIN)/python -m competency_explorer.loadtest

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache $(AUDIT)/node_modules
