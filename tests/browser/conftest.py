"""Browser test fixtures: the real server on a free port, and Debian's Chromium.

The browser tests skip when /usr/bin/chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

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
