"""Browser test fixtures: the real servers on free ports, and Debian's Chromium.

The browser tests skip when /usr/bin/chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    Site,
    Visit,
    make_visit,
    ready,
    start,
    unavailable,
)

import sfia_factory
from tools.localserver import Server


def _full_sfia(folder: Path) -> list[str]:
    """Role cards beside a full-size SFIA-layout export (invented text)."""
    paths = [str(p) for p in sfia_factory.write_full_size_csv(folder)]
    return [str(REPO / "tests" / "data" / "cards"), *paths]


#: The frameworks the pages are tested on: the fixture that serves each, and
#: its `competency serve` arguments (given a scratch folder).
FRAMEWORKS: dict[str, Callable[[Path], list[str]]] = {
    # The bundled sample framework (data/).
    "sample_server": lambda folder: [],
    # A framework of role cards alone.
    "cards_server": lambda folder: [str(REPO / "tests" / "data" / "cards")],
    # Role cards with an (invented) SFIA-layout catalogue: it has an attribution.
    "sfia_server": lambda folder: [str(REPO / "tests" / "data" / "sfia")],
    "full_sfia_server": _full_sfia,
}


@pytest.fixture(scope="session")
def servers(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Server]]:
    """Every server the selected tests visit, all started at once.

    Each takes about a second of CPU to start; side by side, they start while
    the browser launches and the first pages are tested, instead of one after
    the other. They are stopped when the session ends.
    """
    wanted = sorted(
        {name for item in request.session.items for name in item.fixturenames}
        & set(FRAMEWORKS)
    )
    started: dict[str, Server] = {}
    try:
        for name in wanted:
            arguments = FRAMEWORKS[name](tmp_path_factory.mktemp(name))
            started[name] = start(arguments, name.removesuffix("_server"))
        yield started
    finally:
        for server in started.values():
            server.stop()


# The servers are session-scoped (they share no state with the tests), but
# the browser is module-scoped: Playwright's sync API keeps an asyncio loop
# running on the main thread while it is open, and every later test that
# calls asyncio.run() (the load test, the reload test) would fail with
# "cannot be called from a running event loop".


@pytest.fixture(scope="session")
def sample_server(servers: dict[str, Server]) -> Site:
    return ready(servers["sample_server"])


@pytest.fixture(scope="session")
def cards_server(servers: dict[str, Server]) -> Site:
    return ready(servers["cards_server"])


@pytest.fixture(scope="session")
def sfia_server(servers: dict[str, Server]) -> Site:
    return ready(servers["sfia_server"])


@pytest.fixture(scope="session")
def full_sfia_server(servers: dict[str, Server]) -> Site:
    return ready(servers["full_sfia_server"])


@pytest.fixture(scope="module")
def browser(request: pytest.FixtureRequest) -> Iterator[Any]:
    if not CHROMIUM.exists():
        unavailable(f"no Chromium at {CHROMIUM} (install Debian's chromium package)")
    # The servers start before the browser launches, and meanwhile.
    request.getfixturevalue("servers")
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
def sfia_visit(browser: Any, sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, sfia_server)


@pytest.fixture
def full_sfia_visit(browser: Any, full_sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, full_sfia_server)
