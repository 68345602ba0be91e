"""The graph and its queries on the small framework, with hand-checked numbers.

The fixture (tests/conftest.py), with each role's requirements:

    Engineering                          Management (no level 4)
    1 intern          (none)
    2 junior-engineer PROG 2, TEST 2
    3 engineer        PROG 3, TEST 3     3 delivery-lead  TEST 3, DLMG 3
                                         3 team-lead      PROG 3, PEMT 3
    4 senior-engineer PROG 4, TEST 3, ARCH 3
    5 staff-engineer  PROG 5, ARCH 5     5 engineering-manager  PEMT 5, DLMG 4, ARCH 3
                                         6 director-of-engineering
                                                        PEMT 6, DLMG 5, RLMT 5

Effort of an edge = what the target requires beyond the source, e.g.
team-lead -> senior-engineer: PROG 4-3 + TEST 3 + ARCH 3 = 7.
"""

from __future__ import annotations

import json

import networkx as nx
import pytest

from competency_explorer.errors import (
    InvalidInputError,
    UnknownRoleError,
    UnknownSkillError,
)
from competency_explorer.graph import (
    Gap,
    LevelUp,
    Progression,
    RoleRequirement,
    SharedSkill,
    Step,
    build_graph,
    build_progression,
    export_graph,
    gap,
    match_roles,
    next_roles,
    previous_roles,
    role_gap,
    roles_sharing_skill,
    shared_skills,
    similar_roles,
    similarity,
    with_progression_edges,
)
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


@pytest.fixture(scope="module")
def graph(small_framework: Framework) -> Progression:
    return build_progression(small_framework)


@pytest.fixture(scope="module")
def structure(small_framework: Framework) -> nx.MultiDiGraph:
    return build_graph(small_framework)


# Every progression edge of the fixture, worked out by hand from the rules.
EDGES = {
    # PROMOTION: same path, the lowest level above that the path has.
    ("intern", "junior-engineer"): ("PROMOTION", 4),
    ("junior-engineer", "engineer"): ("PROMOTION", 2),
    ("engineer", "senior-engineer"): ("PROMOTION", 4),
    ("senior-engineer", "staff-engineer"): ("PROMOTION", 3),
    # Management 3 -> 5: the path has no level 4.
    ("delivery-lead", "engineering-manager"): ("PROMOTION", 9),
    ("team-lead", "engineering-manager"): ("PROMOTION", 9),
    ("engineering-manager", "director-of-engineering"): ("PROMOTION", 7),
    # PATH_CHANGE at the same level, sharing a skill.
    ("engineer", "delivery-lead"): ("PATH_CHANGE", 3),
    ("engineer", "team-lead"): ("PATH_CHANGE", 3),
    ("delivery-lead", "engineer"): ("PATH_CHANGE", 3),
    ("team-lead", "engineer"): ("PATH_CHANGE", 3),
    ("staff-engineer", "engineering-manager"): ("PATH_CHANGE", 9),
    # PATH_CHANGE one level up, sharing a skill.
    ("junior-engineer", "delivery-lead"): ("PATH_CHANGE", 4),
    ("junior-engineer", "team-lead"): ("PATH_CHANGE", 4),
    ("delivery-lead", "senior-engineer"): ("PATH_CHANGE", 7),
    ("team-lead", "senior-engineer"): ("PATH_CHANGE", 7),
    ("senior-engineer", "engineering-manager"): ("PATH_CHANGE", 9),
    ("engineering-manager", "staff-engineer"): ("PATH_CHANGE", 7),
}


def test_every_progression_edge(graph: Progression) -> None:
    found = {
        (step.source, step.target): (step.kind, step.effort)
        for slug in graph.slugs
        for step in next_roles(graph, slug)
    }
    assert found == EDGES


def test_no_promotion_past_the_lowest_level_above(graph: Progression) -> None:
    # team-lead (3) -> director-of-engineering (6) would skip level 5.
    targets = [step.target for step in next_roles(graph, "team-lead")]
    assert "director-of-engineering" not in targets


def test_progression_arrays_match_in_both_directions(graph: Progression) -> None:
    progression = graph
    assert progression.edge_count == len(EDGES)
    forward = progression.outgoing.kind.toarray()
    backward = progression.incoming.kind.toarray()
    assert (forward == backward.T).all()
    assert progression.totals.tolist() == [6, 16, 6, 12, 0, 4, 10, 10, 6]


def test_graph_structure(structure: nx.MultiDiGraph) -> None:
    assert structure.nodes["role:senior-engineer"] == {
        "kind": "role",
        "label": "Senior Engineer",
        "slug": "senior-engineer",
        "title": "Senior Engineer",
        "level": 4,
        "career_path": "Engineering",
    }
    assert structure.edges["role:senior-engineer", "skill:ARCH", "requires"] == {
        "kind": "requires",
        "level": 3,
    }
    assert sorted(structure.successors("role:team-lead")) == [
        "level:3",
        "path:Management",
        "skill:PEMT",
        "skill:PROG",
    ]
    assert list(structure.successors("skill:PROG")) == [
        "subcategory:Development and implementation/Systems development"
    ]
    assert list(
        structure.successors(
            "subcategory:Development and implementation/Systems development"
        )
    ) == ["category:Development and implementation"]
    kinds = sorted({data["kind"] for _, data in structure.nodes(data=True)})
    assert kinds == ["career_path", "category", "level", "role", "skill", "subcategory"]
    # Progression edges are arrays, not networkx edges, until asked for.
    role_to_role = [
        (u, v)
        for u, v in structure.edges()
        if u.startswith("role:") and v.startswith("role:")
    ]
    assert role_to_role == []


def test_with_progression_edges(structure: nx.MultiDiGraph, graph: Progression) -> None:
    full = with_progression_edges(structure, graph)
    assert full.edges["role:team-lead", "role:senior-engineer", "PATH_CHANGE"] == {
        "kind": "PATH_CHANGE",
        "effort": 7,
    }
    assert full.number_of_edges() == structure.number_of_edges() + len(EDGES)


def test_gap_sorts_new_level_up_and_met(graph: Progression) -> None:
    # PROG is held but not required: ignored.
    result = gap(graph, {"ARCH": 3, "PEMT": 2, "PROG": 4}, "Engineering Manager")
    assert result == Gap(
        target="engineering-manager",
        new_skills=(Requirement("DLMG", 4),),
        level_ups=(LevelUp("PEMT", 2, 5),),
        met=(Requirement("ARCH", 3),),
        effort=4 + 3,
    )


def test_gap_from_nothing_is_every_level(graph: Progression) -> None:
    assert gap(graph, {}, "staff-engineer").effort == 10


def test_role_gap_equals_the_edge_effort(graph: Progression) -> None:
    result = role_gap(graph, "team-lead", "senior-engineer")
    assert result.new_skills == (Requirement("ARCH", 3), Requirement("TEST", 3))
    assert result.level_ups == (LevelUp("PROG", 3, 4),)
    assert result.met == ()
    assert result.effort == EDGES["team-lead", "senior-engineer"][1]


def test_next_roles_by_effort_then_slug(graph: Progression) -> None:
    assert next_roles(graph, "ENGINEER") == [
        Step("engineer", "delivery-lead", "PATH_CHANGE", 3),
        Step("engineer", "team-lead", "PATH_CHANGE", 3),
        Step("engineer", "senior-engineer", "PROMOTION", 4),
    ]
    assert next_roles(graph, "engineer", limit=1) == [
        Step("engineer", "delivery-lead", "PATH_CHANGE", 3)
    ]


def test_previous_roles_by_effort_then_slug(graph: Progression) -> None:
    assert [step.source for step in previous_roles(graph, "engineering-manager")] == [
        "delivery-lead",
        "senior-engineer",
        "staff-engineer",
        "team-lead",
    ]
    assert previous_roles(graph, "intern") == []


@pytest.mark.parametrize(
    ("min_level", "expected"),
    [
        (
            None,
            [
                ("staff-engineer", 5),
                ("senior-engineer", 4),
                ("engineer", 3),
                ("team-lead", 3),
                ("junior-engineer", 2),
            ],
        ),
        (4, [("staff-engineer", 5), ("senior-engineer", 4)]),
        (6, []),
    ],
)
def test_roles_sharing_skill(
    graph: Progression, min_level: int | None, expected: list[tuple[str, int]]
) -> None:
    assert roles_sharing_skill(graph, "prog", min_level) == [
        RoleRequirement(slug, level) for slug, level in expected
    ]


def test_shared_skills_by_code(graph: Progression) -> None:
    assert shared_skills(graph, "senior-engineer", "engineer") == [
        SharedSkill("PROG", 4, 3),
        SharedSkill("TEST", 3, 3),
    ]
    assert shared_skills(graph, "intern", "engineer") == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("engineer", "senior-engineer", 6 / 10),
        ("senior-engineer", "engineer", 6 / 10),
        ("team-lead", "engineer", 3 / 9),
        ("engineer", "staff-engineer", 3 / 13),
        ("engineer", "engineer", 1.0),
        ("junior-engineer", "director-of-engineering", 0.0),
        ("intern", "engineer", 0.0),
        ("intern", "intern", 0.0),
    ],
)
def test_similarity(graph: Progression, a: str, b: str, expected: float) -> None:
    assert similarity(graph, a, b) == expected


def test_similar_roles_never_itself_best_first_then_slug(
    graph: Progression,
) -> None:
    result = similar_roles(graph, "engineer", limit=8)
    assert [(item.slug, item.score) for item in result] == [
        ("junior-engineer", 4 / 6),
        ("senior-engineer", 6 / 10),
        ("delivery-lead", 3 / 9),
        ("team-lead", 3 / 9),
        ("staff-engineer", 3 / 13),
    ]
    assert result[3].shared == (SharedSkill("PROG", 3, 3),)
    assert [item.slug for item in similar_roles(graph, "engineer")] == [
        "junior-engineer",
        "senior-engineer",
        "delivery-lead",
        "team-lead",
        "staff-engineer",
    ]


def test_match_roles(graph: Progression) -> None:
    result = match_roles(graph, {"PROG": 3, "TEST": 2})
    assert [(item.slug, item.score) for item in result] == [
        ("engineer", 5 / 6),
        ("junior-engineer", 4 / 5),
        ("senior-engineer", 5 / 10),
        ("team-lead", 3 / 8),
        ("staff-engineer", 3 / 12),
        ("delivery-lead", 2 / 9),
    ]
    # director-of-engineering, engineering-manager and intern share no skill
    # with the profile: score 0, left out.
    assert result[0].gap == Gap(
        "engineer", (), (LevelUp("TEST", 2, 3),), (Requirement("PROG", 3),), 1
    )
    assert [item.slug for item in match_roles(graph, {"PROG": 3}, limit=2)] == [
        "engineer",
        "team-lead",
    ]


def test_an_empty_profile_matches_nothing(graph: Progression) -> None:
    assert match_roles(graph, {}) == []


def test_match_scores_equal_role_similarity(graph: Progression) -> None:
    profile = {
        req.code: req.level
        for req in graph.framework.role("staff-engineer").requirements
    }
    scores = {item.slug: item.score for item in match_roles(graph, profile, limit=100)}
    assert scores == {
        slug: score
        for slug in graph.slugs
        if (score := similarity(graph, "staff-engineer", slug)) > 0
    }
    # Of the nine roles, intern, engineering-manager and director-of-
    # engineering share no skill with staff-engineer.
    assert len(scores) == 6


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda g: gap(g, {}, "Astronaut"),
            UnknownRoleError,
            "Unknown role: 'Astronaut'",
        ),
        (lambda g: role_gap(g, "engineer", "nobody"), UnknownRoleError, "'nobody'"),
        (lambda g: next_roles(g, "nobody"), UnknownRoleError, "'nobody'"),
        (lambda g: previous_roles(g, "nobody"), UnknownRoleError, "'nobody'"),
        (lambda g: roles_sharing_skill(g, "nope"), UnknownSkillError, "'nope'"),
        (lambda g: shared_skills(g, "engineer", "x"), UnknownRoleError, "'x'"),
        (lambda g: similarity(g, "x", "engineer"), UnknownRoleError, "'x'"),
        (lambda g: similar_roles(g, "x"), UnknownRoleError, "'x'"),
    ],
)
def test_unknown_values_are_named(
    graph: Progression, call: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        call(graph)  # type: ignore[operator]


@pytest.mark.parametrize("progression", [False, True])
def test_graphml_reads_back(small_framework: Framework, progression: bool) -> None:
    text = export_graph(small_framework, "graphml", progression=progression)
    read = nx.parse_graphml(text)
    built = build_graph(small_framework)
    expected_edges = built.number_of_edges() + (len(EDGES) if progression else 0)
    assert read.number_of_nodes() == built.number_of_nodes()
    assert read.number_of_edges() == expected_edges
    assert read.nodes["role:senior-engineer"]["level"] == 4
    assert read.nodes["skill:PROG"]["label"] == "Programming/software development"
    if progression:
        assert read.edges["role:team-lead", "role:senior-engineer"] == {
            "kind": "PATH_CHANGE",
            "effort": 7,
        }


def test_node_link_round_trip_and_determinism(small_framework: Framework) -> None:
    text = export_graph(small_framework, "node-link")
    assert text == export_graph(small_framework, "node-link")
    data = json.loads(text)
    read = nx.node_link_graph(data, edges="edges")
    assert read.is_directed()
    built = build_graph(small_framework)
    assert sorted(read.nodes) == sorted(built.nodes)
    assert read.number_of_edges() == built.number_of_edges()
    assert read.nodes["role:intern"] == built.nodes["role:intern"]


def test_unknown_export_format(small_framework: Framework) -> None:
    with pytest.raises(InvalidInputError, match="unknown graph format 'gexf'"):
        export_graph(small_framework, "gexf")


def test_an_edge_of_no_effort_is_still_an_edge() -> None:
    # The target asks for less than the source holds: effort 0, stored as an
    # explicit zero in the sparse arrays.
    framework = Framework(
        name="zero",
        levels=default_levels(),
        categories=(Category("C"),),
        subcategories=(Subcategory("S", "C"),),
        skills=(Skill("PROG", "Programming", "C", "S"),),
        career_paths=(CareerPath("A"), CareerPath("B")),
        roles=(
            Role("Coder", 3, "A", requirements=(Requirement("PROG", 4),)),
            Role("Lead", 4, "A"),
            Role("Tester", 3, "B", requirements=(Requirement("PROG", 2),)),
        ),
    )
    graph = build_progression(framework)
    assert next_roles(graph, "coder") == [
        Step("coder", "lead", "PROMOTION", 0),
        Step("coder", "tester", "PATH_CHANGE", 0),
    ]
    assert previous_roles(graph, "coder") == [Step("tester", "coder", "PATH_CHANGE", 2)]


def test_subcategories_whose_names_hold_a_slash_stay_apart() -> None:
    # "A/B" + "C" and "A" + "B/C" would both read "A/B/C" without escaping.
    skills = (
        Skill("ONE", "One", "A/B", "C", levels=()),
        Skill("TWO", "Two", "A", "B/C", levels=()),
    )
    framework = Framework(
        name="slashes",
        levels=default_levels(),
        categories=(Category("A"), Category("A/B")),
        subcategories=(Subcategory("B/C", "A"), Subcategory("C", "A/B")),
        skills=skills,
        career_paths=(CareerPath("Path"),),
        roles=(Role("Solo", 3, "Path", requirements=(Requirement("ONE", 3),)),),
    )
    g = build_graph(framework)
    subcategories = sorted(n for n in g if n.startswith("subcategory:"))
    assert subcategories == ["subcategory:A/B\\/C", "subcategory:A\\/B/C"]
    assert sorted(g.successors("subcategory:A\\/B/C")) == ["category:A/B"]
    assert sorted(g.successors("subcategory:A/B\\/C")) == ["category:A"]
