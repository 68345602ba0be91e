"""Skill.resources and developmentPlan: orders, levels, any-level resources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from api_support import data
from competency_explorer.api import ServedState
from competency_explorer.loader import load_or_raise

FRAMEWORK = Path(__file__).parent / "data" / "plan" / "framework.yaml"

RESOURCE = "title url kind level"


@pytest.fixture(scope="module")
def state() -> ServedState:
    return ServedState.build(load_or_raise([FRAMEWORK]))


def titles(resources: list[dict[str, Any]]) -> list[str]:
    return [resource["title"] for resource in resources]


def test_skill_resources_by_level_then_title_any_level_last(
    state: ServedState,
) -> None:
    answer = data(state, f'{{ skill(code: "prog") {{ resources {{ {RESOURCE} }} }} }}')
    assert answer["skill"]["resources"] == [
        {"title": "Apprentice pairing", "url": None, "kind": None, "level": 2},
        {
            "title": "A course",
            "url": "https://example.org/a",
            "kind": "course",
            "level": 4,
        },
        {"title": "b practice", "url": None, "kind": "practice", "level": 4},
        {"title": "advanced talk", "url": None, "kind": None, "level": 5},
        {"title": "Almanac", "url": None, "kind": None, "level": None},
        {
            "title": "Club",
            "url": "https://example.org/club",
            "kind": "practice",
            "level": None,
        },
    ]


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (4, ["A course", "b practice", "Almanac", "Club"]),
        (2, ["Apprentice pairing", "Almanac", "Club"]),
        (7, ["Almanac", "Club"]),
        (
            None,
            [
                "Apprentice pairing",
                "A course",
                "b practice",
                "advanced talk",
                "Almanac",
                "Club",
            ],
        ),
    ],
)
def test_skill_resources_for_a_level_include_the_any_level_ones(
    state: ServedState, level: int | None, expected: list[str]
) -> None:
    answer = data(
        state,
        'query($level: Int) { skill(code: "PROG") '
        "{ resources(level: $level) { title } } }",
        {"level": level},
    )
    assert titles(answer["skill"]["resources"]) == expected


def test_a_skill_without_resources_has_none(state: ServedState) -> None:
    answer = data(state, '{ skill(code: "TEST") { resources { title } } }')
    assert answer == {"skill": {"resources": []}}


PLAN = """query($p: [SkillLevelInput!]!, $target: String!) {
  developmentPlan(profile: $p, target: $target) {
    target { slug }
    effort
    items {
      skill { code }
      from
      to
      levels { level description }
      resources { title level }
    }
    met { skill { code } level }
    optional { skill { code } level optional }
  }
}"""


def test_a_plan_climbs_each_skill_level_by_level(state: ServedState) -> None:
    answer = data(
        state, PLAN, {"p": [{"code": "prog", "level": 2}], "target": "Engineer"}
    )
    assert answer["developmentPlan"] == {
        "target": {"slug": "engineer"},
        "effort": 6,
        "items": [
            {
                "skill": {"code": "PROG"},
                "from": 2,
                "to": 4,
                # Level 2 is held already; level 5 is beyond the target.
                "levels": [
                    {"level": 3, "description": "Builds features."},
                    {"level": 4, "description": "Leads the hard parts."},
                ],
                "resources": [
                    {"title": "A course", "level": 4},
                    {"title": "b practice", "level": 4},
                    {"title": "Almanac", "level": None},
                    {"title": "Club", "level": None},
                ],
            },
            {
                "skill": {"code": "TEST"},
                "from": 0,
                "to": 4,
                # TEST describes level 3 only: the others are left out.
                "levels": [{"level": 3, "description": "Automates checks."}],
                "resources": [],
            },
        ],
        "met": [],
        # Optional requirements are listed, never counted in the effort.
        "optional": [{"skill": {"code": "METL"}, "level": 2, "optional": True}],
    }


def test_a_met_requirement_is_no_item(state: ServedState) -> None:
    answer = data(
        state,
        PLAN,
        {
            "p": [
                {"code": "TEST", "level": 5},
                {"code": "PROG", "level": 3},
                {"code": "METL", "level": 1},
            ],
            "target": "engineer",
        },
    )
    plan = answer["developmentPlan"]
    assert plan["effort"] == 1
    assert [(i["skill"]["code"], i["from"], i["to"]) for i in plan["items"]] == [
        ("PROG", 3, 4)
    ]
    assert plan["met"] == [{"skill": {"code": "TEST"}, "level": 4}]


def test_the_plan_effort_is_the_gap_effort(state: ServedState) -> None:
    profile = [{"code": "PROG", "level": 1}, {"code": "METL", "level": 7}]
    answer = data(
        state,
        "query($p: [SkillLevelInput!]!) { "
        'developmentPlan(profile: $p, target: "engineer") { effort } '
        'skillGap(profile: $p, target: "engineer") { effort } }',
        {"p": profile},
    )
    assert answer == {"developmentPlan": {"effort": 7}, "skillGap": {"effort": 7}}


def test_a_plan_on_the_sample(sample_state: ServedState) -> None:
    answer = data(
        sample_state,
        PLAN,
        {
            "p": [
                {"code": "PROG", "level": 3},
                {"code": "RLMT", "level": 4},
                {"code": "PDSV", "level": 2},
            ],
            "target": "lead-engineer",
        },
    )
    plan = answer["developmentPlan"]
    assert plan["effort"] == 18
    assert [
        (
            item["skill"]["code"],
            item["from"],
            item["to"],
            [level["level"] for level in item["levels"]],
            titles(item["resources"]),
        )
        for item in plan["items"]
    ] == [
        (
            "DLMG",
            0,
            4,
            [4],
            ["Plan and track your team's next two releases with your manager"],
        ),
        ("METL", 0, 5, [4, 5], []),
        (
            "PDSV",
            2,
            4,
            [4],
            [
                "Mentor a new joiner through their first three months",
                "The Manager's Path (Camille Fournier)",
            ],
        ),
        (
            "PROG",
            3,
            5,
            [4, 5],
            [
                "Run the team's code review rota for a quarter",
                "Working Effectively with Legacy Code (Michael Feathers)",
                "Setting coding standards that teams keep",
                "Weekly code reading club",
            ],
        ),
        ("SWDN", 0, 5, [3, 4, 5], []),
    ]
    assert plan["met"] == [{"skill": {"code": "RLMT"}, "level": 4}]
    assert plan["optional"] == []
