"""The schema through execute_sync on the small framework (tests/conftest.py).

The numbers are worked out by hand from the fixture; see the table at the top
of tests/test_graph.py for each role's requirements and each edge's effort.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from api_support import data
from competency_explorer.api import ServedState
from competency_explorer.model import (
    Category,
    Framework,
    Skill,
    Subcategory,
    default_levels,
)

ENGINEERING = [
    "intern",
    "junior-engineer",
    "engineer",
    "senior-engineer",
    "staff-engineer",
]
MANAGEMENT = [
    "delivery-lead",
    "team-lead",
    "engineering-manager",
    "director-of-engineering",
]


def slugs(items: list[dict[str, Any]], key: str = "slug") -> list[str]:
    return [item[key] for item in items]


def edge_slugs(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["slug"] for edge in connection["edges"]]


def test_framework(small_state: ServedState) -> None:
    assert data(
        small_state, "{ framework { name roleCount skillCount attribution } }"
    ) == {
        "framework": {
            "name": "small",
            "roleCount": 9,
            "skillCount": 6,
            "attribution": None,
        }
    }


def test_levels_and_their_roles(small_state: ServedState) -> None:
    levels = data(
        small_state, "{ levels { number name roles { slug } attributes { code } } }"
    )
    assert [(lvl["number"], lvl["name"]) for lvl in levels["levels"]] == [
        (1, "Follow"),
        (2, "Assist"),
        (3, "Apply"),
        (4, "Enable"),
        (5, "Ensure, advise"),
        (6, "Initiate, influence"),
        (7, "Set strategy, inspire, mobilise"),
    ]
    # By career path name, then title.
    assert slugs(levels["levels"][2]["roles"]) == [
        "engineer",
        "delivery-lead",
        "team-lead",
    ]
    assert levels["levels"][6]["roles"] == []
    assert levels["levels"][0]["attributes"] == []


def test_categories_subcategories_and_their_skills(small_state: ServedState) -> None:
    answer = data(
        small_state,
        "{ categories { name subcategories { name category { name } } "
        "skills { code } } }",
    )
    categories = answer["categories"]
    assert slugs(categories, "name") == [
        "Change and transformation",
        "Development and implementation",
        "People and skills",
        "Relationships and engagement",
    ]
    development = categories[1]
    assert slugs(development["subcategories"], "name") == [
        "Quality and conformance",
        "Systems development",
    ]
    assert {s["category"]["name"] for s in development["subcategories"]} == {
        "Development and implementation"
    }
    assert slugs(development["skills"], "code") == ["DLMG", "PROG", "TEST"]


def test_subcategory_skills_by_code(small_state: ServedState) -> None:
    answer = data(
        small_state, '{ skill(code: "prog") { subcategory { name skills { code } } } }'
    )
    assert answer["skill"]["subcategory"] == {
        "name": "Systems development",
        "skills": [{"code": "DLMG"}, {"code": "PROG"}],
    }


def test_career_paths(small_state: ServedState) -> None:
    answer = data(
        small_state,
        '{ careerPaths { name } careerPath(name: "MANAGEMENT") { name roles { slug } }'
        ' nope: careerPath(name: "Nope") { name } }',
    )
    assert slugs(answer["careerPaths"], "name") == ["Engineering", "Management"]
    # Ascending level, then title.
    assert slugs(answer["careerPath"]["roles"]) == MANAGEMENT
    assert answer["nope"] is None


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ('"Team Lead"', "team-lead"),
        ('"TEAM-LEAD"', "team-lead"),
        ('"  team lead "', "team-lead"),
        ('"nobody"', None),
    ],
)
def test_role_by_slug_or_title(
    small_state: ServedState, argument: str, expected: str | None
) -> None:
    role = data(small_state, f"{{ role(slug: {argument}) {{ slug }} }}")["role"]
    assert (role and role["slug"]) == expected


def test_role_fields(small_state: ServedState) -> None:
    role = data(
        small_state,
        '{ role(slug: "senior-engineer") { slug title level { number name } '
        "careerPath { name } summary overview "
        "requirements { skill { code } level attainment } } }",
    )["role"]
    assert role == {
        "slug": "senior-engineer",
        "title": "Senior Engineer",
        "level": {"number": 4, "name": "Enable"},
        "careerPath": {"name": "Engineering"},
        "summary": None,
        "overview": None,
        "requirements": [
            {"skill": {"code": "ARCH"}, "level": 3, "attainment": None},
            {"skill": {"code": "PROG"}, "level": 4, "attainment": None},
            {"skill": {"code": "TEST"}, "level": 3, "attainment": None},
        ],
    }


@pytest.mark.parametrize(
    ("argument", "expected"), [('"prog"', "PROG"), ('" Test "', "TEST"), ('"XX"', None)]
)
def test_skill_by_code(
    small_state: ServedState, argument: str, expected: str | None
) -> None:
    skill = data(small_state, f"{{ skill(code: {argument}) {{ code }} }}")["skill"]
    assert (skill and skill["code"]) == expected


def test_skill_fields(small_state: ServedState) -> None:
    skill = data(
        small_state,
        '{ skill(code: "PEMT") { code name category { name } subcategory { name } '
        "description guidance url levels { level } } }",
    )["skill"]
    assert skill == {
        "code": "PEMT",
        "name": "Performance management",
        "category": {"name": "People and skills"},
        "subcategory": {"name": "People management"},
        "description": None,
        "guidance": None,
        "url": None,
        "levels": [],
    }


# -- connections ----------------------------------------------------------------

ROLES_PAGE = (
    "query($first: Int, $after: String) { roles(first: $first, after: $after) {"
)
ROLES_PAGE += (
    " totalCount pageInfo { hasNextPage endCursor } edges { cursor node { slug } } } }"
)


def test_roles_in_path_level_title_order(small_state: ServedState) -> None:
    roles = data(small_state, ROLES_PAGE)["roles"]
    assert edge_slugs(roles) == ENGINEERING + MANAGEMENT
    assert roles["totalCount"] == 9
    assert roles["pageInfo"] == {
        "hasNextPage": False,
        "endCursor": roles["edges"][-1]["cursor"],
    }


def test_roles_page_by_page(small_state: ServedState) -> None:
    first = data(small_state, ROLES_PAGE, {"first": 4})["roles"]
    assert edge_slugs(first) == ENGINEERING[:4]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["totalCount"] == 9
    after = first["pageInfo"]["endCursor"]
    second = data(small_state, ROLES_PAGE, {"first": 4, "after": after})["roles"]
    assert edge_slugs(second) == ["staff-engineer", *MANAGEMENT[:3]]
    assert second["pageInfo"]["hasNextPage"] is True
    last = data(
        small_state, ROLES_PAGE, {"first": 4, "after": second["pageInfo"]["endCursor"]}
    )["roles"]
    assert edge_slugs(last) == ["director-of-engineering"]
    assert last["pageInfo"]["hasNextPage"] is False


def test_cursors_are_opaque_but_stable(small_state: ServedState) -> None:
    roles = data(small_state, ROLES_PAGE, {"first": 2})["roles"]
    cursors = [edge["cursor"] for edge in roles["edges"]]
    assert [base64.b64decode(c).decode() for c in cursors] == ["offset:0", "offset:1"]


def test_first_zero_and_a_cursor_past_the_end(small_state: ServedState) -> None:
    empty = data(small_state, ROLES_PAGE, {"first": 0})["roles"]
    assert empty["edges"] == []
    assert empty["pageInfo"] == {"hasNextPage": True, "endCursor": None}
    past = base64.b64encode(b"offset:40").decode()
    beyond = data(small_state, ROLES_PAGE, {"after": past})["roles"]
    assert beyond["edges"] == []
    assert beyond["pageInfo"]["hasNextPage"] is False
    assert beyond["totalCount"] == 9


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('careerPath: "MANAGEMENT"', MANAGEMENT),
        ('careerPath: "nope"', []),
        ("level: 3", ["engineer", "delivery-lead", "team-lead"]),
        (
            'skill: "prog"',
            [
                "junior-engineer",
                "engineer",
                "senior-engineer",
                "staff-engineer",
                "team-lead",
            ],
        ),
        ('skill: "NOPE"', []),
        (
            'search: "ENGINEER"',
            [
                "junior-engineer",
                "engineer",
                "senior-engineer",
                "staff-engineer",
                "engineering-manager",
                "director-of-engineering",
            ],
        ),
        # Filters combine with AND.
        (
            'careerPath: "Management", skill: "PEMT"',
            ["team-lead", "engineering-manager", "director-of-engineering"],
        ),
        ('level: 5, search: "staff"', ["staff-engineer"]),
        # An explicit null means no filter, and the default first (50).
        (
            "careerPath: null, level: null, first: null, after: null",
            ENGINEERING + MANAGEMENT,
        ),
    ],
)
def test_role_filters(
    small_state: ServedState, arguments: str, expected: list[str]
) -> None:
    roles = data(
        small_state,
        f"{{ roles({arguments}) {{ totalCount edges {{ node {{ slug }} }} }} }}",
    )
    assert edge_slugs(roles["roles"]) == expected
    assert roles["roles"]["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", ["ARCH", "DLMG", "PEMT", "PROG", "RLMT", "TEST"]),
        ('category: "people and skills"', ["PEMT"]),
        ('category: "nope"', []),
        ('search: "MAN"', ["DLMG", "PEMT", "RLMT"]),
        ('search: "rlm"', ["RLMT"]),
        ('search: "Architecture"', ["ARCH"]),
        (
            'category: "Development and implementation", search: "development"',
            ["DLMG", "PROG"],
        ),
        ("first: 2", ["ARCH", "DLMG"]),
    ],
)
def test_skill_filters(
    small_state: ServedState, arguments: str, expected: list[str]
) -> None:
    where = f"({arguments})" if arguments else ""
    query = f"{{ skills{where} {{ edges {{ node {{ code }} }} }} }}"
    skills = data(small_state, query)["skills"]
    assert [edge["node"]["code"] for edge in skills["edges"]] == expected


def test_skills_total_count_is_every_match(small_state: ServedState) -> None:
    skills = data(
        small_state, "{ skills(first: 1) { totalCount pageInfo { hasNextPage } } }"
    )
    assert skills["skills"] == {"totalCount": 6, "pageInfo": {"hasNextPage": True}}


# -- global ids -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_name", "key", "fragment"),
    [
        ("Role", "team-lead", "... on Role { slug }"),
        ("Skill", "PROG", "... on Skill { code }"),
        ("CareerPath", "Management", "... on CareerPath { name }"),
        ("Category", "People and skills", "... on Category { name }"),
        (
            "Subcategory",
            "Development and implementation/Systems development",
            "... on Subcategory { name }",
        ),
    ],
)
def test_node_ids_round_trip(
    small_state: ServedState, type_name: str, key: str, fragment: str
) -> None:
    global_id = base64.b64encode(f"{type_name}:{key}".encode()).decode()
    answer = data(
        small_state,
        "query($id: ID!) { node(id: $id) { __typename id " + fragment + " } }",
        {"id": global_id},
    )
    node = answer["node"]
    assert node["__typename"] == type_name
    assert node["id"] == global_id


def test_every_id_given_out_finds_its_node(small_state: ServedState) -> None:
    answer = data(
        small_state,
        "{ roles { edges { node { id } } } skills { edges { node { id } } } "
        "categories { id subcategories { id } } careerPaths { id } }",
    )
    ids = [edge["node"]["id"] for edge in answer["roles"]["edges"]]
    ids += [edge["node"]["id"] for edge in answer["skills"]["edges"]]
    ids += [c["id"] for c in answer["categories"]]
    ids += [s["id"] for c in answer["categories"] for s in c["subcategories"]]
    ids += [p["id"] for p in answer["careerPaths"]]
    assert len(ids) == len(set(ids)) == 9 + 6 + 4 + 5 + 2
    for global_id in ids:
        found = data(
            small_state, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id}
        )
        assert found["node"] == {"id": global_id}


def test_subcategory_ids_never_collide_on_a_slash_in_a_name() -> None:
    # "A/B" + "C" and "A" + "B/C" were both "Subcategory:A/B/C", and node()
    # answered the first of them for either id.
    state = ServedState.build(
        Framework(
            name="slashes",
            levels=default_levels(),
            categories=(Category("A"), Category("A/B")),
            subcategories=(Subcategory("B/C", "A"), Subcategory("C", "A/B")),
            skills=(Skill("S1", "One", "A/B", "C"), Skill("S2", "Two", "A", "B/C")),
        )
    )
    answer = data(state, "{ categories { name subcategories { id name } } }")
    ids = {
        (category["name"], sub["name"]): sub["id"]
        for category in answer["categories"]
        for sub in category["subcategories"]
    }
    assert {key: base64.b64decode(value).decode() for key, value in ids.items()} == {
        ("A", "B/C"): "Subcategory:A/B\\/C",
        ("A/B", "C"): "Subcategory:A\\/B/C",
    }
    query = "query($id: ID!) { node(id: $id) { ... on Subcategory "
    query += "{ name category { name } skills { code } } } }"
    found = [data(state, query, {"id": ids[key]})["node"] for key in sorted(ids)]
    assert found == [
        {"name": "B/C", "category": {"name": "A"}, "skills": [{"code": "S2"}]},
        {"name": "C", "category": {"name": "A/B"}, "skills": [{"code": "S1"}]},
    ]


@pytest.mark.parametrize(
    "raw", ["Role:nobody", "Skill:prog", "Category:Nope", "Subcategory:Nope/Nope"]
)
def test_well_formed_unknown_id_is_null(small_state: ServedState, raw: str) -> None:
    global_id = base64.b64encode(raw.encode()).decode()
    answer = data(
        small_state, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id}
    )
    assert answer == {"node": None}


# -- computations -----------------------------------------------------------------


def test_roles_sharing_skill_by_level_descending_then_slug(
    small_state: ServedState,
) -> None:
    query = 'query($min: Int) { rolesSharingSkill(code: "prog", minLevel: $min) '
    query += "{ role { slug } level } }"
    every = data(small_state, query)["rolesSharingSkill"]
    assert [(r["role"]["slug"], r["level"]) for r in every] == [
        ("staff-engineer", 5),
        ("senior-engineer", 4),
        ("engineer", 3),
        ("team-lead", 3),
        ("junior-engineer", 2),
    ]
    high = data(small_state, query, {"min": 4})["rolesSharingSkill"]
    assert [r["role"]["slug"] for r in high] == ["staff-engineer", "senior-engineer"]


def test_skill_required_by_is_roles_sharing_skill(small_state: ServedState) -> None:
    answer = data(
        small_state,
        '{ skill(code: "ARCH") { requiredBy(minLevel: 3) { role { slug } level } } '
        'rolesSharingSkill(code: "ARCH", minLevel: 3) { role { slug } level } }',
    )
    assert answer["skill"]["requiredBy"] == answer["rolesSharingSkill"]
    assert [r["role"]["slug"] for r in answer["rolesSharingSkill"]] == [
        "staff-engineer",
        "engineering-manager",
        "senior-engineer",
    ]


def test_shared_skills_by_code(small_state: ServedState) -> None:
    answer = data(
        small_state,
        '{ sharedSkills(a: "Engineer", b: "senior-engineer") '
        "{ skill { code } levelA levelB } }",
    )
    assert answer["sharedSkills"] == [
        {"skill": {"code": "PROG"}, "levelA": 3, "levelB": 4},
        {"skill": {"code": "TEST"}, "levelA": 3, "levelB": 3},
    ]


PATH = "{ from { slug } to { slug } totalEffort "
PATH += "steps { from { slug } to { slug } kind effort } }"


def test_progression_path_ties_go_to_the_slug_order(small_state: ServedState) -> None:
    # engineer -> delivery-lead -> engineering-manager: 3 + 9 = 12; via
    # team-lead is also 12 in two steps, and delivery-lead sorts first.
    path = data(
        small_state,
        f'{{ progressionPath(from: "engineer", to: "engineering-manager") {PATH} }}',
    )["progressionPath"]
    assert path == {
        "from": {"slug": "engineer"},
        "to": {"slug": "engineering-manager"},
        "totalEffort": 12,
        "steps": [
            {
                "from": {"slug": "engineer"},
                "to": {"slug": "delivery-lead"},
                "kind": "PATH_CHANGE",
                "effort": 3,
            },
            {
                "from": {"slug": "delivery-lead"},
                "to": {"slug": "engineering-manager"},
                "kind": "PROMOTION",
                "effort": 9,
            },
        ],
    }


def test_progression_path_to_itself_and_nowhere(small_state: ServedState) -> None:
    answer = data(
        small_state,
        '{ same: progressionPath(from: "engineer", to: "Engineer") '
        "{ totalEffort steps { kind } } "
        'none: progressionPath(from: "director-of-engineering", to: "intern") '
        "{ totalEffort } "
        'paths: progressionPaths(from: "engineer", to: "engineer") '
        "{ totalEffort steps { kind } } "
        'nopaths: progressionPaths(from: "director-of-engineering", to: "intern") '
        "{ totalEffort } }",
    )
    assert answer == {
        "same": {"totalEffort": 0, "steps": []},
        "none": None,
        "paths": [{"totalEffort": 0, "steps": []}],
        "nopaths": [],
    }


def test_progression_step_gap(small_state: ServedState) -> None:
    # team-lead -> senior-engineer: PROG 4-3, TEST 3, ARCH 3 = 7.
    steps = data(
        small_state,
        '{ role(slug: "team-lead") { nextRoles { to { slug } kind effort '
        "gap { target { slug } "
        "newSkills { skill { code } level } levelUps { skill { code } from to } "
        "met { skill { code } } effort } } } }",
    )["role"]["nextRoles"]
    to_senior = next(s for s in steps if s["to"]["slug"] == "senior-engineer")
    assert to_senior == {
        "to": {"slug": "senior-engineer"},
        "kind": "PATH_CHANGE",
        "effort": 7,
        "gap": {
            "target": {"slug": "senior-engineer"},
            "newSkills": [
                {"skill": {"code": "ARCH"}, "level": 3},
                {"skill": {"code": "TEST"}, "level": 3},
            ],
            "levelUps": [{"skill": {"code": "PROG"}, "from": 3, "to": 4}],
            "met": [],
            "effort": 7,
        },
    }


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        ("", ["delivery-lead", "team-lead", "senior-engineer"]),
        ("(limit: null)", ["delivery-lead", "team-lead", "senior-engineer"]),
        ("(limit: 1)", ["delivery-lead"]),
    ],
)
def test_next_roles_by_effort_then_slug(
    small_state: ServedState, limit: str, expected: list[str]
) -> None:
    steps = data(
        small_state,
        f'{{ role(slug: "engineer") {{ nextRoles{limit} {{ to {{ slug }} }} }} }}',
    )
    assert [s["to"]["slug"] for s in steps["role"]["nextRoles"]] == expected


def test_previous_roles_by_effort_then_slug(small_state: ServedState) -> None:
    answer = data(
        small_state,
        '{ role(slug: "engineering-manager") '
        "{ previousRoles { from { slug } effort } } }",
    )
    assert [
        (s["from"]["slug"], s["effort"]) for s in answer["role"]["previousRoles"]
    ] == [
        ("delivery-lead", 9),
        ("senior-engineer", 9),
        ("staff-engineer", 9),
        ("team-lead", 9),
    ]


def test_progression_paths_in_path_order(small_state: ServedState) -> None:
    paths = data(
        small_state,
        '{ progressionPaths(from: "engineer", to: "engineering-manager", limit: 4) '
        "{ totalEffort steps { to { slug } } } }",
    )["progressionPaths"]
    assert [
        (p["totalEffort"], [s["to"]["slug"] for s in p["steps"]]) for p in paths
    ] == [
        (12, ["delivery-lead", "engineering-manager"]),
        (12, ["team-lead", "engineering-manager"]),
        (13, ["senior-engineer", "engineering-manager"]),
        (16, ["senior-engineer", "staff-engineer", "engineering-manager"]),
    ]


def test_progression_paths_default_limit_is_three(small_state: ServedState) -> None:
    query = '{{ progressionPaths(from: "engineer", to: "engineering-manager"{}) '
    query += "{{ totalEffort }} }}"
    assert len(data(small_state, query.format(""))["progressionPaths"]) == 3
    assert (
        len(data(small_state, query.format(", limit: null"))["progressionPaths"]) == 3
    )
    assert len(data(small_state, query.format(", limit: 1"))["progressionPaths"]) == 1


def test_skill_gap(small_state: ServedState) -> None:
    answer = data(
        small_state,
        "query($p: [SkillLevelInput!]!) { "
        'skillGap(profile: $p, target: "Engineering Manager")'
        " { target { slug } newSkills { skill { code } level attainment } "
        "levelUps { skill { code } from to } met { skill { code } level } effort } }",
        {
            "p": [
                {"code": "arch", "level": 3},
                {"code": "PEMT", "level": 2},
                {"code": "prog", "level": 4},
            ]
        },
    )
    assert answer["skillGap"] == {
        "target": {"slug": "engineering-manager"},
        "newSkills": [{"skill": {"code": "DLMG"}, "level": 4, "attainment": None}],
        "levelUps": [{"skill": {"code": "PEMT"}, "from": 2, "to": 5}],
        "met": [{"skill": {"code": "ARCH"}, "level": 3}],
        "effort": 7,
    }


def test_skill_gap_from_an_empty_profile(small_state: ServedState) -> None:
    answer = data(
        small_state, '{ skillGap(profile: [], target: "staff-engineer") { effort } }'
    )
    assert answer == {"skillGap": {"effort": 10}}


def test_match_roles_best_first(small_state: ServedState) -> None:
    # engineer: 6/6; junior-engineer: (2+2)/(3+3); senior-engineer: (3+3)/(4+3+3).
    answer = data(
        small_state,
        '{ matchRoles(profile: [{code: "PROG", level: 3}, {code: "TEST", level: 3}], '
        "limit: 3) { role { slug } score gap { effort } } }",
    )
    assert answer["matchRoles"] == [
        {"role": {"slug": "engineer"}, "score": 1.0, "gap": {"effort": 0}},
        {
            "role": {"slug": "junior-engineer"},
            "score": pytest.approx(4 / 6),
            "gap": {"effort": 0},
        },
        {
            "role": {"slug": "senior-engineer"},
            "score": pytest.approx(0.6),
            "gap": {"effort": 4},
        },
    ]


def test_match_roles_default_limit_is_ten(small_state: ServedState) -> None:
    query = '{{ matchRoles(profile: [{{code: "PROG", level: 1}}]{}) {{ score }} }}'
    # The five roles of the fixture that require PROG (junior-, senior-,
    # staff-engineer, engineer, team-lead; the others score 0 and are left
    # out) fit in the default of ten.
    assert len(data(small_state, query.format(""))["matchRoles"]) == 5
    assert len(data(small_state, query.format(", limit: null"))["matchRoles"]) == 5
    assert len(data(small_state, query.format(", limit: 2"))["matchRoles"]) == 2


def test_similar_roles(small_state: ServedState) -> None:
    # junior-engineer: (2+2)/(3+3); senior-engineer: (3+3)/(4+3+3).
    answer = data(
        small_state,
        '{ role(slug: "engineer") { similarRoles(limit: 2) { role { slug } score '
        "shared { skill { code } levelA levelB } } } }",
    )
    assert answer["role"]["similarRoles"] == [
        {
            "role": {"slug": "junior-engineer"},
            "score": pytest.approx(4 / 6),
            "shared": [
                {"skill": {"code": "PROG"}, "levelA": 3, "levelB": 2},
                {"skill": {"code": "TEST"}, "levelA": 3, "levelB": 2},
            ],
        },
        {
            "role": {"slug": "senior-engineer"},
            "score": pytest.approx(0.6),
            "shared": [
                {"skill": {"code": "PROG"}, "levelA": 3, "levelB": 4},
                {"skill": {"code": "TEST"}, "levelA": 3, "levelB": 3},
            ],
        },
    ]


def test_similar_roles_default_is_five_and_never_itself(
    small_state: ServedState,
) -> None:
    answer = data(
        small_state, '{ role(slug: "engineer") { similarRoles { role { slug } } } }'
    )
    found = [s["role"]["slug"] for s in answer["role"]["similarRoles"]]
    assert len(found) == 5
    assert "engineer" not in found


def test_attributes_empty_without_a_catalogue(small_state: ServedState) -> None:
    assert data(small_state, "{ attributes { code } }") == {"attributes": []}
