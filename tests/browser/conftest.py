"""Browser test fixtures: the real server on a free port, and Debian's Chromium.

The browser tests skip when Debian's Chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_support import (
    REPO,
    Chromium,
    Site,
    Visit,
    make_visit,
    serve,
)

import sfia_factory
from competency_explorer.generate import Spec, write
from tools.localserver import ServerPool

# The servers are child processes, started once in a run by the first
# process (xdist worker) that needs each, and shared by every browser file:
# a server start costs one to four seconds, and no browser test changes what
# a server serves. Chromium and its page are shared within a process (see
# ``chromium`` below).


@pytest.fixture(scope="session")
def sample_server(server_pool: ServerPool) -> Site:
    """The bundled sample framework (data/)."""
    return serve(server_pool, [], "sample")


@pytest.fixture(scope="session")
def cards_server(server_pool: ServerPool) -> Site:
    """A framework of role cards alone."""
    return serve(server_pool, [str(REPO / "tests" / "data" / "cards")], "cards")


@pytest.fixture(scope="session")
def sfia_server(server_pool: ServerPool) -> Site:
    """Role cards with an (invented) SFIA-layout catalogue: it has an attribution."""
    return serve(server_pool, [str(REPO / "tests" / "data" / "sfia")], "sfia")


def _full_sfia(folder: Path) -> list[str]:
    paths = [str(p) for p in sfia_factory.write_full_size_csv(folder)]
    return [str(REPO / "tests" / "data" / "cards"), *paths]


@pytest.fixture(scope="session")
def full_sfia_server(server_pool: ServerPool) -> Site:
    """Role cards beside a full-size SFIA-layout export (invented text)."""
    return serve(server_pool, _full_sfia, "full")


@pytest.fixture(scope="session")
def owner_server(server_pool: ServerPool) -> Site:
    """The owner's card layout with tracks and a moves file (tests/data/owner)."""
    return serve(server_pool, [str(REPO / "tests" / "data" / "owner")], "owner")


@pytest.fixture(scope="session")
def ladder_server(server_pool: ServerPool) -> Site:
    """The ladder's awkward shapes and a hostile card section (tests/data/ladder)."""
    return serve(server_pool, [str(REPO / "tests" / "data" / "ladder")], "ladder")


# Big enough for every fold, filter and picker to matter: 1,200 roles on 12
# paths (about 14 roles a level on each), generated once per run.
GENERATED = Spec(roles=1200, skills=3000, requirements=20000, paths=12, seed=1)


def _generated(spec: Spec) -> Callable[[Path], list[str]]:
    def arguments(folder: Path) -> list[str]:
        write(spec, folder)
        return [str(folder)]

    return arguments


@pytest.fixture(scope="session")
def generated_server(server_pool: ServerPool) -> Site:
    return serve(server_pool, _generated(GENERATED), "generated")


@pytest.fixture(scope="session")
def generated_tracks_server(server_pool: ServerPool) -> Site:
    """The same with three tracks a path: 36 columns when all are shown."""
    return serve(
        server_pool,
        _generated(dataclasses.replace(GENERATED, tracks=3)),
        "generated-tracks",
    )


@pytest.fixture(scope="session")
def health_server(server_pool: ServerPool) -> Site:
    """tests/data/health: a framework with every kind of health finding."""
    return serve(server_pool, ["tests/data/health"], "health")


CHROMIUM_PROCESS = Chromium()


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(CHROMIUM_PROCESS, "competency-chromium")


@pytest.fixture
def chromium() -> Chromium:
    return CHROMIUM_PROCESS


@pytest.fixture
def visit(chromium: Chromium, sample_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, sample_server)


@pytest.fixture
def cards_visit(chromium: Chromium, cards_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, cards_server)


@pytest.fixture
def health_visit(chromium: Chromium, health_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, health_server)


@pytest.fixture
def sfia_visit(chromium: Chromium, sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, sfia_server)


@pytest.fixture
def full_sfia_visit(chromium: Chromium, full_sfia_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, full_sfia_server)


@pytest.fixture
def owner_visit(chromium: Chromium, owner_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, owner_server)


@pytest.fixture
def ladder_visit(chromium: Chromium, ladder_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, ladder_server)


@pytest.fixture
def generated_visit(chromium: Chromium, generated_server: Site) -> Iterator[Visit]:
    yield from make_visit(chromium, generated_server)


@pytest.fixture
def generated_tracks_visit(
    chromium: Chromium, generated_tracks_server: Site
) -> Iterator[Visit]:
    yield from make_visit(chromium, generated_tracks_server)
