# Every target installs what it needs into .venv by itself, so a fresh clone
# runs `make serve` or `make test` directly. CI calls these same targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test lint format schema bench bench-browser fuzz loadtest clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

serve: $(STAMP)
	$(BIN)/competency serve --host $(HOST) --port $(PORT)

test: $(STAMP)
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

# 50 concurrent clients for 60 s against `competency serve --workers 2`; then
# the hostile load: 8 clients of usual queries on one worker of a 3,000-role
# framework, quiet and beside 4 clients sending the worst accepted queries
# (30 s each; the usual p99 must stay within 5x of quiet).
loadtest: $(STAMP)
	$(BIN)/python -m competency_explorer.loadtest
	$(BIN)/python -m competency_explorer.loadtest --hostile --duration 30

clean:
	rm -rf $(VENV) build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache
