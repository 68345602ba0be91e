"""Browser test fixtures: the real server on a free port, and Debian's Chromium.

The browser tests skip when /usr/bin/chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    Site,
    Visit,
    make_visit,
    serve,
    unavailable,
)

import sfia_factory
from competency_explorer.generate import Spec, write

# Fixtures here are module-scoped, not session-scoped: Playwright's sync API
# keeps an asyncio loop running on the main thread while it is open, and
# every later test that calls asyncio.run() (the load test, the reload test)
# would fail with "cannot be called from a running event loop".


@pytest.fixture(scope="module")
def sample_server() -> Iterator[Site]:
    """The bundled sample framework (data/)."""
    yield from serve([], "sample")


@pytest.fixture(scope="module")
def cards_server() -> Iterator[Site]:
    """A framework of role cards alone."""
    yield from serve([str(REPO / "tests" / "data" / "cards")], "cards")


@pytest.fixture(scope="module")
def sfia_server() -> Iterator[Site]:
    """Role cards with an (invented) SFIA-layout catalogue: it has an attribution."""
    yield from serve([str(REPO / "tests" / "data" / "sfia")], "sfia")


@pytest.fixture(scope="module")
def full_sfia_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Role cards beside a full-size SFIA-layout export (invented text)."""
    folder = tmp_path_factory.mktemp("full-sfia")
    paths = [str(p) for p in sfia_factory.write_full_size_csv(folder)]
    yield from serve([str(REPO / "tests" / "data" / "cards"), *paths], "full")


@pytest.fixture(scope="module")
def owner_server() -> Iterator[Site]:
    """The owner's card layout with tracks and a moves file (tests/data/owner)."""
    yield from serve([str(REPO / "tests" / "data" / "owner")], "owner")


@pytest.fixture(scope="module")
def ladder_server() -> Iterator[Site]:
    """The ladder's awkward shapes and a hostile card section (tests/data/ladder)."""
    yield from serve([str(REPO / "tests" / "data" / "ladder")], "ladder")


# Big enough for every fold, filter and picker to matter: 1,200 roles on 12
# paths (about 14 roles a level on each), generated once per module.
GENERATED = Spec(roles=1200, skills=3000, requirements=20000, paths=12, seed=1)


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("generated-1200")
    write(GENERATED, folder)
    yield from serve([str(folder)], "generated")


@pytest.fixture(scope="module")
def generated_tracks_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Site]:
    """The same with three tracks a path: 36 columns when all are shown."""
    folder = tmp_path_factory.mktemp("generated-1200-tracks")
    write(dataclasses.replace(GENERATED, tracks=3), folder)
    yield from serve([str(folder)], "generated-tracks")


@pytest.fixture(scope="module")
def health_server() -> Iterator[Site]:
    """tests/data/health: a framework with every kind of health finding."""
    yield from serve(["tests/data/health"], "health")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (install Debian's chromium package)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dev dependency
        unavailable(f"Playwright for Python is not installed ({exc})")
        raise
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        except Error as exc:
            unavailable(f"Chromium at {CHROMIUM} could not be launched: {exc.message}")
            raise
        yield launched
        launched.close()


@pytest.fixture
def visit(browser: Any, sample_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, sample_server)


@pytest.fixture
def cards_visit(browser: Any, cards_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, cards_server)


@pytest.fixture
def health_visit(browser: Any, health_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, health_server)


@pytest.fixture
def sfia_visit(browser: Any, sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, sfia_server)


@pytest.fixture
def full_sfia_visit(browser: Any, full_sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, full_sfia_server)


@pytest.fixture
def owner_visit(browser: Any, owner_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, owner_server)


@pytest.fixture
def ladder_visit(browser: Any, ladder_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, ladder_server)


@pytest.fixture
def generated_visit(browser: Any, generated_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, generated_server)


@pytest.fixture
def generated_tracks_visit(
    browser: Any, generated_tracks_server: Site
) -> Iterator[Visit]:
    yield from make_visit(browser, generated_tracks_server)
