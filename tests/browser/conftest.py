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
    Server,
    Visit,
    make_visit,
    running_server,
    unavailable,
)

import sfia_factory
from competency_explorer.generate import Spec, write

# Fixtures here are module-scoped, not session-scoped: Playwright's sync API
# keeps an asyncio loop running on the main thread while it is open, and
# every later test that calls asyncio.run() (the load test, the reload test)
# would fail with "cannot be called from a running event loop".


@pytest.fixture(scope="module")
def sample_server() -> Iterator[Server]:
    """The bundled sample framework (data/)."""
    with running_server([], "sample") as server:
        yield server


@pytest.fixture(scope="module")
def cards_server() -> Iterator[Server]:
    """A framework of role cards alone."""
    with running_server([str(REPO / "tests" / "data" / "cards")], "cards") as server:
        yield server


@pytest.fixture(scope="module")
def sfia_server() -> Iterator[Server]:
    """Role cards with an (invented) SFIA-layout catalogue: it has an attribution."""
    with running_server([str(REPO / "tests" / "data" / "sfia")], "sfia") as server:
        yield server


@pytest.fixture(scope="module")
def owner_server() -> Iterator[Server]:
    """The owner's card layout with tracks and a moves file (tests/data/owner)."""
    with running_server([str(REPO / "tests" / "data" / "owner")], "owner") as server:
        yield server


@pytest.fixture(scope="module")
def ladder_server() -> Iterator[Server]:
    """The ladder's awkward shapes and a hostile card section (tests/data/ladder)."""
    with running_server([str(REPO / "tests" / "data" / "ladder")], "ladder") as server:
        yield server


# Big enough for every fold, filter and picker to matter: 1,200 roles on 12
# paths (about 14 roles a level on each), generated once per module.
GENERATED = Spec(roles=1200, skills=3000, requirements=20000, paths=12, seed=1)


@pytest.fixture(scope="module")
def generated_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("generated-1200")
    write(GENERATED, folder)
    with running_server([str(folder)], "generated") as server:
        yield server


@pytest.fixture(scope="module")
def generated_tracks_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Server]:
    """The same with three tracks a path: 36 columns when all are shown."""
    folder = tmp_path_factory.mktemp("generated-1200-tracks")
    write(dataclasses.replace(GENERATED, tracks=3), folder)
    with running_server([str(folder)], "generated-tracks") as server:
        yield server


@pytest.fixture(scope="module")
def health_server() -> Iterator[Server]:
    """tests/data/health: a framework with every kind of health finding."""
    with running_server(["tests/data/health"], "health") as server:
        yield server


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
def visit(browser: Any, sample_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, sample_server)


@pytest.fixture
def cards_visit(browser: Any, cards_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, cards_server)


@pytest.fixture
def health_visit(browser: Any, health_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, health_server)


@pytest.fixture
def sfia_visit(browser: Any, sfia_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, sfia_server)


@pytest.fixture(scope="module")
def full_sfia_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Role cards beside a full-size SFIA-layout export (invented text)."""
    folder = tmp_path_factory.mktemp("full-sfia")
    paths = [str(p) for p in sfia_factory.write_full_size_csv(folder)]
    with running_server(
        [str(REPO / "tests" / "data" / "cards"), *paths], "full"
    ) as server:
        yield server


@pytest.fixture
def full_sfia_visit(browser: Any, full_sfia_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, full_sfia_server)


@pytest.fixture
def owner_visit(browser: Any, owner_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, owner_server)


@pytest.fixture
def ladder_visit(browser: Any, ladder_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, ladder_server)


@pytest.fixture
def generated_visit(browser: Any, generated_server: Server) -> Iterator[Visit]:
    yield from make_visit(browser, generated_server)


@pytest.fixture
def generated_tracks_visit(
    browser: Any, generated_tracks_server: Server
) -> Iterator[Visit]:
    yield from make_visit(browser, generated_tracks_server)
