"""Shared fixtures: a small framework built from model objects in code; the
pool of servers the browser tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from competency_explorer.api import ServedState
from competency_explorer.loader import load_or_raise
from competency_explorer.model import (
    CareerPath,
    Category,
    Framework,
    Requirement,
    Role,
    Skill,
    Subcategory,
    default_levels,
)
from tools.localserver import ServerPool

# The browser tests' servers (tests/browser/browser_support.py ``serve``) are
# shared by every process of a run. The process pytest was started as makes
# the pool (first stopping any a killed run left), hands its folder to
# pytest-xdist's workers, and stops the servers when the run ends.
_POOL = pytest.StashKey[ServerPool]()
_OWN_POOL = pytest.StashKey[bool]()
_WORKER_POOL = "competency_server_pool"


def pytest_configure(config: pytest.Config) -> None:
    handed: dict[str, str] = getattr(config, "workerinput", {})
    if _WORKER_POOL in handed:
        config.stash[_POOL] = ServerPool(Path(handed[_WORKER_POOL]))
        return
    for left in ServerPool.abandoned():
        left.stop_all()
    config.stash[_POOL] = ServerPool.create()
    config.stash[_OWN_POOL] = True


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist, in the process pytest was started as: what a worker is
    given before it starts."""
    node.workerinput[_WORKER_POOL] = str(node.config.stash[_POOL].folder)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if config.stash.get(_OWN_POOL, False):
        config.stash[_POOL].stop_all()


@pytest.fixture(scope="session")
def server_pool(pytestconfig: pytest.Config) -> ServerPool:
    return pytestconfig.stash[_POOL]


# (code, name, category, subcategory)
_SKILLS = [
    ("ARCH", "Solution architecture", "Change and transformation", "Change analysis"),
    (
        "DLMG",
        "Systems development management",
        "Development and implementation",
        "Systems development",
    ),
    ("PEMT", "Performance management", "People and skills", "People management"),
    (
        "PROG",
        "Programming/software development",
        "Development and implementation",
        "Systems development",
    ),
    (
        "RLMT",
        "Stakeholder relationship management",
        "Relationships and engagement",
        "Stakeholder management",
    ),
    (
        "TEST",
        "Functional testing",
        "Development and implementation",
        "Quality and conformance",
    ),
]

# (title, path, level, {code: level}). Management has no level 4, so the
# promotion from level 3 goes to level 5. The efforts between these roles are
# worked out by hand in tests/test_graph.py.
_ROLES = [
    ("Intern", "Engineering", 1, {}),
    ("Junior Engineer", "Engineering", 2, {"PROG": 2, "TEST": 2}),
    ("Engineer", "Engineering", 3, {"PROG": 3, "TEST": 3}),
    ("Senior Engineer", "Engineering", 4, {"PROG": 4, "TEST": 3, "ARCH": 3}),
    ("Staff Engineer", "Engineering", 5, {"PROG": 5, "ARCH": 5}),
    ("Delivery Lead", "Management", 3, {"TEST": 3, "DLMG": 3}),
    ("Team Lead", "Management", 3, {"PROG": 3, "PEMT": 3}),
    ("Engineering Manager", "Management", 5, {"PEMT": 5, "DLMG": 4, "ARCH": 3}),
    ("Director of Engineering", "Management", 6, {"PEMT": 6, "DLMG": 5, "RLMT": 5}),
]


def make_small_framework() -> Framework:
    skills = tuple(
        Skill(code=code, name=name, category=category, subcategory=subcategory)
        for code, name, category, subcategory in sorted(_SKILLS)
    )
    roles = tuple(
        sorted(
            (
                Role(
                    title=title,
                    level=level,
                    career_path=path,
                    requirements=tuple(
                        sorted(Requirement(code, lvl) for code, lvl in needs.items())
                    ),
                )
                for title, path, level, needs in _ROLES
            ),
            key=lambda role: (role.career_path, role.level, role.title),
        )
    )
    return Framework(
        name="small",
        levels=default_levels(),
        categories=tuple(Category(name) for name in sorted({s[2] for s in _SKILLS})),
        subcategories=tuple(
            Subcategory(sub, category)
            for sub, category in sorted({(s[3], s[2]) for s in _SKILLS})
        ),
        skills=skills,
        career_paths=(CareerPath("Engineering"), CareerPath("Management")),
        roles=roles,
    )


@pytest.fixture(scope="session")
def small_framework() -> Framework:
    return make_small_framework()


# -- the API tests' states (framework + graph), built once per session --------


@pytest.fixture(scope="session")
def small_state(small_framework: Framework) -> ServedState:
    return ServedState.build(small_framework)


@pytest.fixture(scope="session")
def sample_state() -> ServedState:
    return ServedState.build(load_or_raise())
