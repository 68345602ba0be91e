"""The health report (graph/health.py) on tests/data/health, finding by finding.

The fixture is made to hold every kind of finding; each test names the exact
roles, skills and ``path:line`` (lines of tests/data/health/framework.yaml
and cards/head-of-product.md).
"""

from __future__ import annotations

import json
from contextlib import chdir
from pathlib import Path

import networkx as nx
import pytest

from competency_explorer.cli import main
from competency_explorer.graph import build_progression
from competency_explorer.graph.health import (
    HEALTH_KINDS,
    Finding,
    findings,
    health,
    ladders,
    role_graph,
)
from competency_explorer.loader import load, load_or_raise
from competency_explorer.model import Framework, Role

DATA = Path(__file__).parent / "data"
YAML = "health/framework.yaml"
CARD = "health/cards/head-of-product.md"

#: (kind, roles, skills, location) of every finding, in the report's order.
EXPECTED = [
    ("ROLE_WITHOUT_REQUIREMENTS", ("apprentice-engineer",), (), f"{YAML}:58"),
    (
        "LADDER_MISSING_LEVEL",
        ("backend-engineer", "principal-backend-engineer"),
        (),
        f"{YAML}:78",
    ),
    (
        "PROMOTION_SHARES_NO_SKILL",
        ("apprentice-engineer", "engineer"),
        (),
        f"{YAML}:63",
    ),
    (
        "PROMOTION_SHARES_NO_SKILL",
        ("product-analyst", "product-manager"),
        (),
        f"{YAML}:107",
    ),
    (
        "REQUIREMENT_DROPS",
        ("product-manager", "head-of-product"),
        ("PROD",),
        f"{CARD}:17",
    ),
    (
        "REQUIREMENT_DROPS",
        ("backend-engineer", "principal-backend-engineer"),
        ("PROG",),
        f"{YAML}:84",
    ),
    (
        "LEVEL_NOT_DESCRIBED",
        ("principal-backend-engineer",),
        ("ARCH",),
        f"{YAML}:83",
    ),
    ("SKILL_USED_ONCE", ("product-manager",), ("SOLO",), f"{YAML}:44"),
    ("SKILL_USED_ONCE", ("apprentice-engineer",), ("LONE",), f"{YAML}:49"),
    (
        "IDENTICAL_ROLES",
        ("data-analyst", "reporting-analyst"),
        ("DATA", "TEST"),
        f"{YAML}:114",
    ),
]

MESSAGES = [
    "role 'Apprentice Engineer' requires no core skill (only 1 optional)",
    "ladder Engineering / Backend has no role at level 4: its promotions lead "
    "from level 3 ('Backend Engineer') straight to level 5 ('Principal Backend "
    "Engineer')",
    "the promotion from 'Apprentice Engineer' (level 1) to 'Engineer' (level 2) "
    "shares no core skill ('Apprentice Engineer' requires none)",
    "the promotion from 'Product Analyst' (level 3) to 'Product Manager' "
    "(level 4) shares no core skill",
    "the promotion from 'Product Manager' (level 4) to 'Head of Product' "
    "(level 5) lowers PROD from 4 to 3",
    "the promotion from 'Backend Engineer' (level 3) to 'Principal Backend "
    "Engineer' (level 5) lowers PROG from 4 to 3",
    "role 'Principal Backend Engineer' requires ARCH at level 6, which the skill "
    "does not describe (described levels: 3, 4, 5)",
    "skill SOLO (Roadmapping) is required by one role only, 'Product Manager'",
    "skill LONE (Note taking) is required by one role only, 'Apprentice Engineer'",
    "roles 'Data Analyst', 'Reporting Analyst' have the same core requirements "
    "(DATA 3, TEST 3)",
]


@pytest.fixture(scope="module")
def fixture_framework() -> Framework:
    # Relative paths, so that locations read as a person would give them.
    with chdir(DATA):
        return load_or_raise(["health"])


def summary(
    found: list[Finding],
) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str | None]]:
    return [(f.kind, f.roles, f.skills, f.where) for f in found]


def test_every_finding_with_its_roles_skills_and_location(
    fixture_framework: Framework,
) -> None:
    found = health(fixture_framework, build_progression(fixture_framework))
    assert summary(found) == EXPECTED
    assert [f.message for f in found] == MESSAGES


def test_the_fixture_holds_every_kind_but_the_two_the_rules_rule_out(
    fixture_framework: Framework,
) -> None:
    # UNREACHABLE_ROLE and DEAD_END_ROLE cannot arise from files while every
    # rung but a ladder's ends has a promotion in and out (module docstring);
    # the next two tests make them on a graph with edges taken away.
    kinds = {kind for kind, *_ in EXPECTED}
    assert kinds == set(HEALTH_KINDS) - {"UNREACHABLE_ROLE", "DEAD_END_ROLE"}


def test_unreachable_and_dead_end_roles_on_a_graph_missing_edges(
    fixture_framework: Framework,
) -> None:
    progression = build_progression(fixture_framework)
    graph = role_graph(progression)
    # No way into the top of the QA ladder, and no way out of QA Engineer.
    graph.remove_edges_from(list(graph.in_edges("lead-qa-engineer")))
    graph.remove_edges_from(list(graph.out_edges("qa-engineer")))
    found = findings(fixture_framework, progression, graph)
    assert summary(found) == [
        *EXPECTED[:2],
        ("UNREACHABLE_ROLE", ("lead-qa-engineer",), (), f"{YAML}:92"),
        ("DEAD_END_ROLE", ("qa-engineer",), (), f"{YAML}:85"),
        *EXPECTED[2:],
    ]
    assert [
        f.message for f in found if f.kind in ("UNREACHABLE_ROLE", "DEAD_END_ROLE")
    ] == [
        "role 'Lead QA Engineer' cannot be reached: no progression leads to it "
        "from the lowest rung of any ladder",
        "role 'QA Engineer' is a dead end: no progression leads from it to the "
        "top rung of any ladder",
    ]


def test_reachability_follows_chains_not_just_one_edge(
    fixture_framework: Framework,
) -> None:
    # Cut Product Manager and Head of Product off from every other role:
    # the edge between the two stays, but no chain reaches it from an entry.
    progression = build_progression(fixture_framework)
    graph = role_graph(progression)
    island = {"product-manager", "head-of-product"}
    graph.remove_edges_from(
        [(a, b) for a, b in graph.edges if (b in island) != (a in island)]
    )
    found = findings(fixture_framework, progression, graph)
    assert [(f.kind, f.roles) for f in found if f.kind == "UNREACHABLE_ROLE"] == [
        # Head of Product has an edge into it (from Product Manager).
        ("UNREACHABLE_ROLE", ("head-of-product",)),
        ("UNREACHABLE_ROLE", ("product-manager",)),
    ]
    # Both still lead to a top rung: Head of Product is the Product ladder's.
    assert [f for f in found if f.kind == "DEAD_END_ROLE"] == []


def test_ladders_are_paths_or_tracks_with_the_shared_rungs(
    fixture_framework: Framework,
) -> None:
    assert [
        (ladder.name, [role.slug for role in ladder.roles])
        for ladder in ladders(fixture_framework)
    ] == [
        ("Data", ["data-analyst", "reporting-analyst"]),
        (
            "Engineering / Backend",
            [
                "apprentice-engineer",
                "engineer",
                "backend-engineer",
                "principal-backend-engineer",
            ],
        ),
        (
            "Engineering / QA",
            ["apprentice-engineer", "engineer", "qa-engineer", "lead-qa-engineer"],
        ),
        ("Product", ["product-analyst", "product-manager", "head-of-product"]),
    ]


def test_the_role_graph_holds_every_progression_edge(
    fixture_framework: Framework,
) -> None:
    progression = build_progression(fixture_framework)
    graph = role_graph(progression)
    assert isinstance(graph, nx.DiGraph)
    assert sorted(graph) == sorted(progression.slugs)
    assert graph.number_of_edges() == progression.edge_count
    assert graph.has_edge("backend-engineer", "principal-backend-engineer")


def test_a_catalogue_skill_is_never_used_once() -> None:
    # tests/data/sfia: ETMG and TEST are each used by one card, but the SFIA
    # download defines them, so they are not the framework's own skills.
    result = load([str(DATA / "sfia")])
    framework = result.framework
    assert framework is not None
    found = health(framework, build_progression(framework))
    assert [f for f in found if f.kind == "SKILL_USED_ONCE"] == []
    cards_only = load_or_raise([str(DATA / "sfia" / "cards")])
    used_once = [
        (f.roles, f.skills)
        for f in health(cards_only, build_progression(cards_only))
        if f.kind == "SKILL_USED_ONCE"
    ]
    assert used_once == [
        (("invented-engineer",), ("TEST",)),
        (("invented-lead",), ("ETMG",)),
    ]


def test_the_shipped_sample() -> None:
    framework = load_or_raise(None)
    found = health(framework, build_progression(framework))
    assert [(f.kind, f.roles, f.skills) for f in found] == [
        ("PROMOTION_SHARES_NO_SKILL", ("data-scientist", "data-architect"), ()),
        ("SKILL_USED_ONCE", ("director-of-engineering",), ("SORC",)),
        ("SKILL_USED_ONCE", ("vp-engineering",), ("CIPM",)),
        ("SKILL_USED_ONCE", ("site-reliability-engineer",), ("ITOP",)),
        ("SKILL_USED_ONCE", ("site-reliability-engineer",), ("AVMT",)),
    ]


def test_a_framework_of_roles_without_requirements() -> None:
    # Every role empty: each is reported once, and nothing else is made of
    # the empty sets (no IDENTICAL_ROLES, no edge shares a skill).
    framework = Framework(name="Empty", levels=(), roles=(Role("A", 1, "P"),))
    found = health(framework, build_progression(framework))
    assert summary(found) == [("ROLE_WITHOUT_REQUIREMENTS", ("a",), (), None)]


def test_a_promotion_between_roles_that_require_nothing_says_so() -> None:
    # Both ends empty: the message names both, in the plural.
    framework = Framework(
        name="Empty",
        levels=(),
        roles=(Role("Junior", 1, "P"), Role("Senior", 2, "P")),
    )
    found = health(framework, build_progression(framework))
    assert [f.message for f in found if f.kind == "PROMOTION_SHARES_NO_SKILL"] == [
        "the promotion from 'Junior' (level 1) to 'Senior' (level 2) shares no "
        "core skill ('Junior' and 'Senior' require none)"
    ]


# --- competency health ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_command_in_each_format(
    fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with chdir(DATA):
        assert main(["health", "health", "--format", fmt]) == 0
    expected = (DATA / "health" / f"expected.{fmt}").read_text(encoding="utf-8")
    assert capsys.readouterr().out == expected


def test_the_json_is_the_finding_list(capsys: pytest.CaptureFixture[str]) -> None:
    with chdir(DATA):
        assert main(["health", "health", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document) == ["findings"]
    assert [
        (f["kind"], tuple(f["roles"]), tuple(f["skills"]), f["location"])
        for f in document["findings"]
    ] == EXPECTED
    assert [f["message"] for f in document["findings"]] == MESSAGES


def test_the_text_ends_with_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    with chdir(DATA):
        main(["health", "health"])
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Health Fixture: 10 findings: 1 ROLE_WITHOUT_REQUIREMENTS, "
        "1 LADDER_MISSING_LEVEL, 2 PROMOTION_SHARES_NO_SKILL, 2 REQUIREMENT_DROPS, "
        "1 LEVEL_NOT_DESCRIBED, 2 SKILL_USED_ONCE, 1 IDENTICAL_ROLES"
    )


HEALTHY = """\
skills:
  - {code: PROG, name: Programming, category: C, subcategory: S, levels: {2: a, 3: b}}
roles:
  - {title: Engineer, level: 2, career_path: Tech, requirements: [{code: PROG}]}
  - {title: Senior Engineer, level: 3, career_path: Tech, requirements: [{code: PROG}]}
"""


def test_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    healthy = tmp_path / "healthy.yaml"
    healthy.write_text(HEALTHY, encoding="utf-8")
    with chdir(DATA):
        assert main(["health", "health", "--strict"]) == 1
    capsys.readouterr()
    assert main(["health", str(healthy), "--strict"]) == 0
    assert capsys.readouterr().out == "healthy: no findings\n"
    assert main(["health", str(healthy), "--strict", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"findings": []}


def test_a_framework_with_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "roles: [{title: X, level: 3, career_path: T, requirements: [{code: NOPE}]}]\n",
        encoding="utf-8",
    )
    assert main(["health", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines()[-1] == (
        "competency: the framework has errors; nothing was done"
    )


def test_output_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "health.md"
    with chdir(DATA):
        assert (
            main(["health", "health", "--format", "markdown", "-o", str(target)]) == 0
        )
    assert target.read_text(encoding="utf-8") == (
        DATA / "health" / "expected.markdown"
    ).read_text(encoding="utf-8")
