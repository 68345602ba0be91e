"""The query cost estimate: exact figures on the sample, list sizes by how a list
is reached, the front end's queries within the limit, and the cases the first
estimate misjudged, on a generated framework of 600 roles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from competency_explorer.api import Limits, ServedState, run
from competency_explorer.api.cost import Reach, Sizes, bounds_of
from competency_explorer.api.measure import estimate_cost
from competency_explorer.api.schema import schema
from competency_explorer.generate import Spec, write
from competency_explorer.loader import load_or_raise
from frontend_queries import frontend_variables, operations_text

pytestmark = pytest.mark.timeout(120)


def cost(
    state: ServedState, query: str, variables: dict[str, Any] | None = None
) -> int:
    return estimate_cost(schema._schema, state.framework, query, variables)


def codes(answer: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in answer.get("errors", [])]


# The sample: 27 roles, 39 skills, 7 levels. PROG is required by 10 roles (the
# most), 5 at the 90th percentile and 5 weighted by popularity; a role has 7
# requirements at most, 6 at the 90th percentile.
@pytest.mark.parametrize(
    ("query", "variables", "expected"),
    [
        # framework 1 + name 1
        ("{ framework { name } }", None, 2),
        # levels 1 + 7 levels x number 1
        ("{ levels { number } }", None, 8),
        # roles 1 + reading the 27 roles 1 (10 a thousand, rounded up)
        # + edges (1 + 10 x (node 1 + slug 1))
        ("{ roles(first: 10) { edges { node { slug } } } }", None, 23),
        # the same, with first from a variable
        (
            "query($n: Int) { roles(first: $n) { edges { node { slug } } } }",
            {"n": 10},
            23,
        ),
        # roles defaults to a page of 50, capped by the sample's 27 roles
        ("{ roles { edges { node { slug } } } }", None, 3 + 27 * 2),
        # a search reads every skill: skills 1 + reading 39 skills 1 (5 a
        # thousand) + the search 3 (70 a thousand: 2.73) + totalCount 1
        ('{ skills(search: "x", first: 1) { totalCount } }', None, 6),
        # roles 1 + reading 1 + search 9 (300 a thousand: 8.1) + skill 9
        (
            '{ roles(search: "x", skill: "Y", first: 1) { totalCount } }',
            None,
            21,
        ),
        # a filter given as null filters nothing, and costs nothing
        ("{ roles(search: null, first: 1) { totalCount } }", None, 3),
        # progressionPaths 1 + 1,250 + 200 x 4 paths + 4 x totalEffort 1
        (
            '{ progressionPaths(from: "a", to: "b", limit: 4) { totalEffort } }',
            None,
            2055,
        ),
        # progressionPath 1 + 1,500 + totalEffort 1 + steps (1 + 7 x kind 1):
        # a route is counted as long as the framework has levels
        (
            '{ progressionPath(from: "a", to: "b") { totalEffort steps { kind } } }',
            None,
            1510,
        ),
        # role 1 + similarRoles (1 + 100 + 3 x 27 roles at most + 27 x score 1)
        ('{ role(slug: "a") { similarRoles(limit: 100) { score } } }', None, 210),
        # one skill the caller picks: its list counts as the longest, 10
        # skill 1 + requiredBy (1 + 5 + 1 x 10 + 10 x level 1)
        ('{ skill(code: "PROG") { requiredBy { level } } }', None, 27),
        # the items of a list: the 90th percentile, 5
        # skills 1 + reading 1 + edges (1 + 10 x (node 1 + requiredBy (1 + 5
        # + 5 + 5 x 1)))
        (
            "{ skills(first: 10) { edges { node { requiredBy { level } } } } }",
            None,
            173,
        ),
        # a skill reached through a requirement: weighted by popularity, 5
        # role 1 + requirements (1 + 7 x (skill 1 + requiredBy (1 + 5 + 5 + 5)))
        (
            '{ role(slug: "a") { requirements { skill { requiredBy { level } } } } }',
            None,
            121,
        ),
        # matchRoles 1 + 200 + 3 x 2 profile skills + 10 x (1 + score 1)
        (
            '{ matchRoles(profile: [{code: "PROG", level: 3}, {code: "TEST", '
            "level: 2}]) { score } }",
            None,
            227,
        ),
        # skillGap 1 + 80 + 3 x 3 skills of the variable + effort 1
        (
            'query($p: [SkillLevelInput!]!) { skillGap(profile: $p, target: "a") '
            "{ effort } }",
            {"p": [{"code": c, "level": 1} for c in ("PROG", "TEST", "ARCH")]},
            91,
        ),
        # a fragment costs what its fields cost, wherever it is spread
        ("{ ...F } fragment F on Query { framework { name } }", None, 2),
        # an unknown field costs 1 (validation refuses it later)
        ("{ nothing { at { all } } }", None, 1),
    ],
)
def test_cost_estimate(
    sample_state: ServedState,
    query: str,
    variables: dict[str, Any] | None,
    expected: int,
) -> None:
    assert cost(sample_state, query, variables) == expected


def test_sizes_of_a_skewed_list() -> None:
    # Nine lists of 1 and one of 11: the 90th percentile is 1, and a list met
    # through a link is the long one 121 times in 130 (130 / 20 = 6.5 -> 7).
    sizes = Sizes.of([1] * 9 + [11])
    assert sizes == Sizes(longest=11, p90=1, weighted=7)
    assert [sizes.size(reach) for reach in Reach] == [11, 1, 7]
    assert Sizes.of([]) == Sizes(0, 0, 0)


FRONTEND_OPERATIONS = [
    "Shell",
    "Ladder",
    "RolePage",
    "NextRoles",
    "PreviousRoles",
    "SkillPage",
    "LevelNames",
    "SkillLevels",
    "RoleSkills",
    "RoleSearch",
    "RoleByName",
    "SkillSearch",
    "SkillOptions",
    "Progression",
    "Compare",
    "MatchRoles",
    "SkillGap",
    "Search",
    "DevelopmentPlan",
    "Health",
    "Coverage",
]


def test_every_frontend_operation_is_found() -> None:
    assert list(operations_text()) == FRONTEND_OPERATIONS


@pytest.mark.parametrize("operation", FRONTEND_OPERATIONS)
def test_frontend_query_passes_on_the_sample(
    sample_state: ServedState, operation: str
) -> None:
    text = operations_text()[operation]
    variables = frontend_variables(sample_state.framework, operation)
    answer = run(schema, sample_state, text, variables, operation)
    assert codes(answer) == []
    # A tenth of the budget at most: room for bigger frameworks.
    assert cost(sample_state, text, variables) <= Limits().max_cost // 10


# -- a framework big enough for the sizes to matter ---------------------------


@pytest.fixture(scope="module")
def big_state(tmp_path_factory: pytest.TempPathFactory) -> ServedState:
    folder: Path = tmp_path_factory.mktemp("roles-600")
    write(Spec(roles=600, skills=2800, requirements=25800, paths=12, seed=1), folder)
    return ServedState.build(load_or_raise([folder]))


PAGE_OF_SKILLS = (
    "{ skills(first: 100) { edges { node { requiredBy { role { slug } } } } } }"
)
PATHS = (
    'progressionPaths(from: "FROM", to: "TO", limit: 100) '
    "{ totalEffort steps { kind from { slug } to { slug } gap { effort } } }"
)


def paths_query(state: ServedState, count: int, fields: str | None = None) -> str:
    roles = sorted(state.framework.roles, key=lambda r: (r.level, r.slug))
    text = PATHS.replace("FROM", roles[0].slug).replace("TO", roles[-1].slug)
    if fields is not None:
        text = text[: text.index("{")] + "{ " + fields + " }"
    return "{ " + " ".join(f"a{i}: {text}" for i in range(count)) + " }"


@pytest.mark.parametrize(
    ("name", "query_of", "verdict"),
    [
        # Cheap (about 9 roles a skill): counting each skill's list as the
        # longest one refused it.
        ("a page of skills with requiredBy", lambda s: PAGE_OF_SKILLS, []),
        # Each skill of each requirement is a popular one more often than not:
        # seconds of work, once refused only by the item budget.
        (
            "requirements > skill > requiredBy under a page of roles",
            lambda s: (
                "{ roles(first: 100) { edges { node { requirements { skill "
                "{ requiredBy { level } } } } } } }"
            ),
            ["QUERY_TOO_COSTLY"],
        ),
        # 100 paths cost ~0.1 s each at 3,000 roles: five pass, fifteen do not.
        ("5 x progressionPaths(limit: 100)", lambda s: paths_query(s, 5), []),
        # The query: twelve, with only their total effort, were
        # estimated at 196,213 and took 1.3 s (9.8 s on a slower machine).
        (
            "12 x progressionPaths(limit: 100) { totalEffort }",
            lambda s: paths_query(s, 12, "totalEffort"),
            ["QUERY_TOO_COSTLY"],
        ),
        (
            "15 x progressionPaths(limit: 100)",
            lambda s: paths_query(s, 15),
            ["QUERY_TOO_COSTLY"],
        ),
    ],
)
def test_verdicts_at_600_roles(
    big_state: ServedState, name: str, query_of: Any, verdict: list[str]
) -> None:
    answer = run(schema, big_state, query_of(big_state), None)
    assert codes(answer) == verdict, name


def test_a_page_of_skills_is_judged_by_its_typical_list(big_state: ServedState) -> None:
    sizes = bounds_of(big_state.framework).sizes[("Skill", "requiredBy")]
    # Popularity is skewed: the most required skill is required by hundreds
    # of roles, a skill at the 90th percentile by a few. Counting the longest
    # list for every skill of the page would make it cost 30 times more.
    assert sizes.longest > 30 * sizes.p90
    per_skill = 1 + 1 + 5 + sizes.p90 + sizes.p90 * 2
    # skills 1 + reading the 2,800 skills 14 + edges 1 + 100 skills
    assert cost(big_state, PAGE_OF_SKILLS) == 2 + 14 + 100 * per_skill


def test_fifteen_times_100_paths_costs_what_it_measured(
    big_state: ServedState,
) -> None:
    # Per path: totalEffort 1 + steps (1 + 7 steps x (kind 1 + from 2 + to 2 +
    # gap (1 + 3 + effort 1))) = 1 + 1 + 7 x 10 = 72; per call 1 + 1,250 +
    # 200 x 100 + 100 x 72 = 28,451, about 150 ms at 3,000 roles.
    assert cost(big_state, paths_query(big_state, 15)) == 15 * 28_451


def test_a_search_is_costed_by_what_it_reads(big_state: ServedState) -> None:
    # It was 2 units whatever the framework; 15 of them took 0.1 s to 0.4 s
    # at 3,000 roles. skills 1 + reading 2,800 skills 14 + search 196 (70 a
    # thousand) + totalCount 1.
    query = '{ skills(search: "zzqx", first: 1) { totalCount } }'
    assert cost(big_state, query) == 212


def test_the_health_report_is_weighed_from_the_report_itself(
    sample_state: ServedState,
) -> None:
    # The sample's report has 5 findings, naming 2, 1, 1, 1 and 1 roles and
    # 0, 1, 1, 1 and 1 skills. Without it the list would count as 10.
    findings = sample_state.health()
    assert len(findings) == 5
    assert [len(f.roles) for f in findings] == [2, 1, 1, 1, 1]

    def with_report(query: str) -> int:
        return estimate_cost(
            schema._schema, sample_state.framework, query, health=sample_state.health
        )

    # framework 1 + health (1 + 5 a call + 1 a finding) + 5 x kind 1
    assert with_report("{ framework { health { kind } } }") == 1 + 11 + 5
    # each finding: roles 1 + 2 (the 90th percentile) x slug 1, skills 1 + 1 x 1
    assert with_report(
        "{ framework { health { roles { slug } skills { code } } } }"
    ) == 1 + 11 + 5 * (3 + 2)
