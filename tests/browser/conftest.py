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
    WIDE,
    Site,
    Visit,
    make_visit,
    serve,
    unavailable,
)

import sfia_factory
from competency_explorer.generate import Spec, write

# The servers are child processes, started once per pytest process (each
# xdist worker) and shared by every browser file it runs: a server start
# costs one to three seconds, and no browser test changes what a server
# serves. Chromium is shared the same way (see ``chromium`` below).


@pytest.fixture(scope="session")
def sample_server() -> Iterator[Site]:
    """The bundled sample framework (data/)."""
    yield from serve([], "sample")


@pytest.fixture(scope="session")
def cards_server() -> Iterator[Site]:
    """A framework of role cards alone."""
    yield from serve([str(REPO / "tests" / "data" / "cards")], "cards")


@pytest.fixture(scope="session")
def sfia_server() -> Iterator[Site]:
    """Role cards with an (invented) SFIA-layout catalogue: it has an attribution."""
    yield from serve([str(REPO / "tests" / "data" / "sfia")], "sfia")


@pytest.fixture(scope="session")
def full_sfia_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Role cards beside a full-size SFIA-layout export (invented text)."""
    folder = tmp_path_factory.mktemp("full-sfia")
    paths = [str(p) for p in sfia_factory.write_full_size_csv(folder)]
    yield from serve([str(REPO / "tests" / "data" / "cards"), *paths], "full")


@pytest.fixture(scope="session")
def owner_server() -> Iterator[Site]:
    """The owner's card layout with tracks and a moves file (tests/data/owner)."""
    yield from serve([str(REPO / "tests" / "data" / "owner")], "owner")


@pytest.fixture(scope="session")
def ladder_server() -> Iterator[Site]:
    """The ladder's awkward shapes and a hostile card section (tests/data/ladder)."""
    yield from serve([str(REPO / "tests" / "data" / "ladder")], "ladder")


# Big enough for every fold, filter and picker to matter: 1,200 roles on 12
# paths (about 14 roles a level on each), generated once per module.
GENERATED = Spec(roles=1200, skills=3000, requirements=20000, paths=12, seed=1)


@pytest.fixture(scope="session")
def generated_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("generated-1200")
    write(GENERATED, folder)
    yield from serve([str(folder)], "generated")


@pytest.fixture(scope="session")
def generated_tracks_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Site]:
    """The same with three tracks a path: 36 columns when all are shown."""
    folder = tmp_path_factory.mktemp("generated-1200-tracks")
    write(dataclasses.replace(GENERATED, tracks=3), folder)
    yield from serve([str(folder)], "generated-tracks")


@pytest.fixture(scope="session")
def health_server() -> Iterator[Site]:
    """tests/data/health: a framework with every kind of health finding."""
    yield from serve(["tests/data/health"], "health")


class Chromium:
    """One Chromium, and one browser context in it, for the browser tests of
    this pytest process: launched when the first of them asks, closed before
    any other test runs.

    Launching costs about 0.6 s, once per browser file when it was
    module-scoped; a fresh context per test cost a third more CPU per page
    than one kept (its HTTP cache empty, the app's 30 files fetched again),
    and ``make_visit`` gives each test a clean page and clean storage in it.

    Neither is a session fixture: Playwright's sync API keeps an asyncio loop
    running on the main thread while it is open, and a later test that calls
    asyncio.run() (the load test, the reload test) would fail with "cannot be
    called from a running event loop". The browser files are collected
    first, so each worker runs them before the others.
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None

    def context(self) -> Any:
        if self._context is None:
            if self._browser is None:
                self._browser = self._launch()
            self._context = self._browser.new_context(
                viewport=WIDE, service_workers="block"
            )
        return self._context

    def _launch(self) -> Any:
        if not CHROMIUM.exists():
            unavailable(
                f"no Chromium at {CHROMIUM} (install Debian's chromium package)"
            )
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError as exc:  # pragma: no cover - a dev dependency
            unavailable(f"Playwright for Python is not installed ({exc})")
            raise
        self._playwright = sync_playwright().start()
        try:
            return self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        except Error as exc:
            self.close()
            unavailable(f"Chromium at {CHROMIUM} could not be launched: {exc.message}")
            raise

    def close(self) -> None:
        self._context = None
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    # A plugin hook (registered below) for every test, not only this folder's.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if item.get_closest_marker("browser") is None:
            self.close()

    def pytest_sessionfinish(self) -> None:
        self.close()


CHROMIUM_PROCESS = Chromium()


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(CHROMIUM_PROCESS, "competency-chromium")


@pytest.fixture
def browser_context() -> Any:
    return CHROMIUM_PROCESS.context()


@pytest.fixture
def visit(browser_context: Any, sample_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, sample_server)


@pytest.fixture
def cards_visit(browser_context: Any, cards_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, cards_server)


@pytest.fixture
def health_visit(browser_context: Any, health_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, health_server)


@pytest.fixture
def sfia_visit(browser_context: Any, sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, sfia_server)


@pytest.fixture
def full_sfia_visit(browser_context: Any, full_sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, full_sfia_server)


@pytest.fixture
def owner_visit(browser_context: Any, owner_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, owner_server)


@pytest.fixture
def ladder_visit(browser_context: Any, ladder_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, ladder_server)


@pytest.fixture
def generated_visit(browser_context: Any, generated_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser_context, generated_server)


@pytest.fixture
def generated_tracks_visit(
    browser_context: Any, generated_tracks_server: Site
) -> Iterator[Visit]:
    yield from make_visit(browser_context, generated_tracks_server)
