"""Browser test fixtures: the real servers on free ports, and Debian's Chromium.

The browser tests skip when /usr/bin/chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import tempfile
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


_STARTED = pytest.StashKey[dict[str, Server]]()
_SCRATCH = pytest.StashKey["tempfile.TemporaryDirectory[str]"]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests run last (in their own order).

    Their servers then start in the background while the other tests run
    (on the core a test run leaves idle), and one browser serves them all:
    nothing after them calls asyncio.run(), which fails while Playwright's
    sync API keeps its loop running on the main thread.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start every server the selected tests will visit, all at once, and go on.

    Each takes about a second of CPU to start; the fixtures below wait for
    theirs when a test first needs it.
    """
    wanted = sorted(
        {name for item in session.items for name in getattr(item, "fixturenames", ())}
        & set(FRAMEWORKS)
    )
    if not wanted or not CHROMIUM.exists() or session.config.option.collectonly:
        return
    scratch = tempfile.TemporaryDirectory(prefix="competency-browser-")
    session.config.stash[_SCRATCH] = scratch
    started = session.config.stash.setdefault(_STARTED, {})
    for name in wanted:
        folder = Path(scratch.name) / name
        folder.mkdir()
        started[name] = start(FRAMEWORKS[name](folder), name.removesuffix("_server"))


def pytest_sessionfinish(session: pytest.Session) -> None:
    for server in session.config.stash.get(_STARTED, {}).values():
        server.stop()
    scratch = session.config.stash.get(_SCRATCH, None)
    if scratch is not None:
        scratch.cleanup()


@pytest.fixture(scope="session")
def servers(request: pytest.FixtureRequest) -> dict[str, Server]:
    return request.config.stash.get(_STARTED, {})


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


# One browser for every browser test: they run last (see above).
@pytest.fixture(scope="session")
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
def sfia_visit(browser: Any, sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, sfia_server)


@pytest.fixture
def full_sfia_visit(browser: Any, full_sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(browser, full_sfia_server)
