"""Progression paths: hand-checked orders on the small framework, and a property
test against a brute-force enumeration of every simple path.

Efforts used below (see tests/test_graph.py for the table of edges):
  team-lead -> senior-engineer 7, senior-engineer -> staff-engineer 3,
  team-lead -> engineer 3, engineer -> senior-engineer 4,
  team-lead -> engineering-manager 9, engineering-manager -> staff-engineer 7,
  engineer -> delivery-lead 3, delivery-lead -> senior-engineer 7,
  junior-engineer -> delivery-lead / team-lead 4, both -> engineering-manager 9.
"""

from __future__ import annotations

import contextlib
import itertools
import string
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency_explorer.errors import UnknownRoleError
from competency_explorer.graph import (
    Progression,
    ProgressionPath,
    Step,
    build_progression,
    next_roles,
    paths,
    progression_path,
    progression_paths,
)
from competency_explorer.model import (
    CareerPath,
    Category,
    Framework,
    Move,
    ProgressionRules,
    Requirement,
    Role,
    Skill,
    Subcategory,
    default_levels,
)


@pytest.fixture(scope="module")
def graph(small_framework: Framework) -> Progression:
    return build_progression(small_framework)


def slugs_and_effort(path: ProgressionPath) -> tuple[tuple[str, ...], int]:
    return path.slugs, path.total_effort


def test_tie_in_effort_goes_to_fewer_steps(graph: Progression) -> None:
    # Both weigh 10; by slugs alone (engineer < senior-engineer) the longer
    # path would come first.
    assert progression_path(graph, "Team Lead", "staff engineer") == ProgressionPath(
        "team-lead",
        "staff-engineer",
        (
            Step("team-lead", "senior-engineer", "PATH_CHANGE", 7),
            Step("senior-engineer", "staff-engineer", "PROMOTION", 3),
        ),
        10,
    )


def test_tie_in_effort_and_steps_goes_to_slug_order(graph: Progression) -> None:
    # Through delivery-lead or team-lead: 4 + 9 both; delivery-lead sorts first.
    found = progression_path(graph, "junior-engineer", "engineering-manager")
    assert found is not None
    assert slugs_and_effort(found) == (
        ("junior-engineer", "delivery-lead", "engineering-manager"),
        13,
    )
    assert [step.kind for step in found.steps] == ["PATH_CHANGE", "PROMOTION"]


def test_no_path_is_none(graph: Progression) -> None:
    # Progression never goes down a level.
    assert progression_path(graph, "staff-engineer", "junior-engineer") is None
    assert progression_paths(graph, "staff-engineer", "junior-engineer") == []
    # Nothing leaves the top of Management.
    assert progression_path(graph, "director-of-engineering", "intern") is None


def test_from_equals_to_is_a_path_of_no_steps(graph: Progression) -> None:
    empty = ProgressionPath("engineer", "engineer", (), 0)
    assert progression_path(graph, "Engineer", "ENGINEER") == empty
    assert progression_paths(graph, "engineer", "engineer", limit=5) == [empty]


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (
            "team-lead",
            "staff-engineer",
            [
                (("team-lead", "senior-engineer", "staff-engineer"), 10),
                (("team-lead", "engineer", "senior-engineer", "staff-engineer"), 10),
                (("team-lead", "engineering-manager", "staff-engineer"), 16),
                (
                    (
                        "team-lead",
                        "engineer",
                        "delivery-lead",
                        "senior-engineer",
                        "staff-engineer",
                    ),
                    16,
                ),
                (
                    (
                        "team-lead",
                        "engineer",
                        "delivery-lead",
                        "engineering-manager",
                        "staff-engineer",
                    ),
                    22,
                ),
            ],
        ),
        (
            "junior-engineer",
            "engineering-manager",
            [
                (("junior-engineer", "delivery-lead", "engineering-manager"), 13),
                (("junior-engineer", "team-lead", "engineering-manager"), 13),
                (
                    (
                        "junior-engineer",
                        "engineer",
                        "delivery-lead",
                        "engineering-manager",
                    ),
                    14,
                ),
                (
                    ("junior-engineer", "engineer", "team-lead", "engineering-manager"),
                    14,
                ),
                (
                    (
                        "junior-engineer",
                        "engineer",
                        "senior-engineer",
                        "engineering-manager",
                    ),
                    15,
                ),
            ],
        ),
    ],
)
def test_k_paths_in_exact_order(
    graph: Progression,
    source: str,
    target: str,
    expected: list[tuple[tuple[str, ...], int]],
) -> None:
    found = progression_paths(graph, source, target, limit=5)
    assert [slugs_and_effort(path) for path in found] == expected
    assert [slugs_and_effort(p) for p in progression_paths(graph, source, target)] == (
        expected[:3]
    )


def test_fewer_paths_than_asked(graph: Progression) -> None:
    found = progression_paths(graph, "intern", "engineer", limit=10)
    assert [slugs_and_effort(path) for path in found] == [
        (("intern", "junior-engineer", "engineer"), 6),
        (("intern", "junior-engineer", "delivery-lead", "engineer"), 4 + 4 + 3),
        (("intern", "junior-engineer", "team-lead", "engineer"), 4 + 4 + 3),
    ]


def test_path_errors(graph: Progression) -> None:
    with pytest.raises(UnknownRoleError, match="'Astronaut'"):
        progression_path(graph, "engineer", "Astronaut")
    with pytest.raises(UnknownRoleError, match="'nobody'"):
        progression_paths(graph, "nobody", "engineer")


# --- property test against brute force ------------------------------------

# Few skills, low levels and many roles per level: ties in effort are common,
# which is what the slug tie-break needs to be tested on. Roles may have a
# track (or none: a shared rung), optional requirements, and the framework
# may declare moves and change the rules, so that every rule of the contract
# is drawn.
CODES = ("AAAA", "BBBB", "CCCC")
PATHS = ("Alpha", "Beta", "Gamma")
TRACKS = (None, "x", "y")


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    """Small random frameworks: 2-8 roles, up to three paths, levels 1-3."""
    count = draw(st.integers(2, 8))
    # Random distinct titles, so that slug order is unrelated to creation.
    titles = draw(
        st.lists(
            st.text(string.ascii_lowercase, min_size=1, max_size=3),
            min_size=count,
            max_size=count,
            unique=True,
        )
    )
    roles = []
    for title in titles:
        needs = draw(
            st.dictionaries(
                st.sampled_from(CODES), st.tuples(st.integers(1, 2), st.booleans())
            )
        )
        roles.append(
            Role(
                title=title,
                level=draw(st.integers(1, 3)),
                career_path=draw(st.sampled_from(PATHS)),
                track=draw(st.sampled_from(TRACKS)),
                requirements=tuple(
                    sorted(
                        Requirement(c, lv, optional=optional)
                        for c, (lv, optional) in needs.items()
                    )
                ),
            )
        )
    slugs = sorted(role.slug for role in roles)
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(slugs), st.sampled_from(slugs)).filter(
                lambda pair: pair[0] != pair[1]
            ),
            max_size=4,
            unique=True,
        )
    )
    rules = ProgressionRules(
        path_changes=draw(st.booleans()),
        min_shared_skills=draw(st.integers(1, 2)),
        max_level_up=draw(st.integers(0, 2)),
    )
    return Framework(
        name="random",
        levels=default_levels(),
        categories=(Category("C"),),
        subcategories=(Subcategory("S", "C"),),
        skills=tuple(Skill(code, code.title(), "C", "S") for code in CODES),
        career_paths=tuple(CareerPath(name) for name in PATHS),
        roles=tuple(roles),
        moves=tuple(sorted(Move(a, b, f"{a} to {b}") for a, b in pairs)),
        progression=rules,
    )


def brute_force_edges(
    framework: Framework,
) -> dict[tuple[str, str], tuple[str, int, bool]]:
    """The contract's rules, read literally, pair by pair."""
    rules = framework.progression

    def core(role: Role) -> dict[str, int]:
        return {r.code: r.level for r in role.requirements if not r.optional}

    def ladder(role: Role, track: str | None) -> list[Role]:
        return [
            r
            for r in framework.roles
            if r.career_path == role.career_path
            and (track is None or r.track is None or r.track == track)
        ]

    def ladders(role: Role) -> list[list[Role]]:
        # A shared rung is on the ladder of every track of its path.
        if role.track is not None:
            return [ladder(role, role.track)]
        tracks = {
            r.track
            for r in framework.roles
            if r.career_path == role.career_path and r.track is not None
        }
        return [ladder(role, t) for t in sorted(tracks)] or [ladder(role, None)]

    edges = {}
    declared = {(m.source, m.target): m for m in framework.moves}
    for a, b in itertools.permutations(framework.roles, 2):
        held, needed = core(a), core(b)
        effort = sum(max(0, lv - held.get(code, 0)) for code, lv in needed.items())
        kind = None
        for rungs in ladders(a):
            above = [r.level for r in rungs if r.level > a.level]
            if b in rungs and above and b.level == min(above):
                kind = "PROMOTION"
        same_path = b.career_path == a.career_path
        other_track = (
            same_path and None not in (a.track, b.track) and a.track != b.track
        )
        shared = len(set(held) & set(needed))
        if (
            rules.path_changes
            and (other_track or not same_path)
            and 0 <= b.level - a.level <= rules.max_level_up
            and shared >= rules.min_shared_skills
        ):
            kind = "TRACK_CHANGE" if same_path else "PATH_CHANGE"
        move = declared.get((a.slug, b.slug))
        if move is not None and kind is None:
            # The geometry: up the same ladder, to another track, else a
            # path change (a move down or sideways within a ladder too).
            same_ladder = same_path and (
                a.track is None or b.track is None or a.track == b.track
            )
            if same_ladder and b.level > a.level:
                kind = "PROMOTION"
            else:
                kind = "TRACK_CHANGE" if other_track else "PATH_CHANGE"
        if kind is not None:
            edges[a.slug, b.slug] = (kind, effort, move is not None)
    return edges


def all_paths_in_order(
    edges: dict[tuple[str, str], tuple[str, int, bool]], source: str, target: str
) -> list[tuple[tuple[str, ...], int]]:
    out: dict[str, list[str]] = {}
    for a, b in edges:
        out.setdefault(a, []).append(b)
    found = []

    def extend(path: list[str], effort: int) -> None:
        if path[-1] == target:
            found.append((tuple(path), effort))
            return
        for nxt in out.get(path[-1], []):
            if nxt not in path:
                extend([*path, nxt], effort + edges[path[-1], nxt][1])

    extend([source], 0)
    # Path order: least effort, then fewer steps, then the slug list.
    return sorted(found, key=lambda item: (item[1], len(item[0]), item[0]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(framework=frameworks(), data=st.data())
def test_paths_match_brute_force(framework: Framework, data: st.DataObject) -> None:
    graph = build_progression(framework)
    slugs = sorted(role.slug for role in framework.roles)
    edges = brute_force_edges(framework)
    assert {
        (step.source, step.target): (step.kind, step.effort, step.declared)
        for slug in slugs
        for step in next_roles(graph, slug)
    } == edges

    source = data.draw(st.sampled_from(slugs), label="source")
    target = data.draw(st.sampled_from(slugs), label="target")
    limit = data.draw(st.integers(1, 8), label="limit")
    expected = all_paths_in_order(edges, source, target)

    # Yen's spur paths are found on the tight edges of one Dijkstra when they
    # can be, else by a Dijkstra without the root: each example, both ways.
    for shortcut in (True, False):
        with contextlib.ExitStack() as stack:
            if not shortcut:
                stack.enter_context(
                    mock.patch.object(paths, "_tight_spur", return_value=paths._UNKNOWN)
                )
            best = progression_path(graph, source, target)
            assert (None if best is None else slugs_and_effort(best)) == (
                expected[0] if expected else None
            ), f"shortcut={shortcut}"
            found = progression_paths(graph, source, target, limit=limit)
            assert [slugs_and_effort(path) for path in found] == expected[:limit], (
                f"shortcut={shortcut}"
            )
            for path in found:
                assert sum(step.effort for step in path.steps) == path.total_effort
