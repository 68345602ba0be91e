"""The owner's framework at full size: 49 cards in its exact shape.

tests/data/owner is a small fixture in the owner's layout; this module writes
the whole card set as the owner describes its shape, with placeholder texts
of our own: four paths, Engineering as five tracks of seven levels titled by one
pattern, a `**Engineer Type:**` line under every engineering card's level
line, folders by path, the move of lead engineers into management declared in
a moves file, and nine cards whose skills were all dropped (a skills section
with its introduction and no skill under it).

It checks, through the loader, the API and the health report, what the owner
saw go wrong before tracks and declared moves existed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api_support import data
from competency_explorer.api import ServedState
from competency_explorer.graph.health import health
from competency_explorer.loader import load_or_raise

TRACKS = {
    "QA": ["TEST", "NFTS", "QUAS", "BPTS"],
    "Security": ["SCTY", "PENT", "VUAS", "THIN"],
    "Software": ["SWDN", "PROG", "ARCH", "DBAD", "DEPL"],
    "Support": ["USUP", "ASUP", "PBMG", "CSMG"],
    "Systems": ["ITOP", "SYSP", "NTAS", "CFMG"],
}
# The software track adds three skills from level 5 on.
SOFTWARE_TOP = ["DLMG", "SLEN", "STPL"]
TITLE = {
    1: "Associate {} Engineer",
    2: "{} Engineer",
    3: "Senior {} Engineer",
    4: "Lead {} Engineer",
    5: "Principal {} Engineer",
    6: "Distinguished {} Engineer",
    7: "Chief {} Engineer",
}
OTHER_PATHS = {
    "Management": (
        ["ETMG", "POMG", "SORC", "SUPP"],
        {
            4: "Engineering Manager",
            5: "Senior Engineering Manager",
            6: "Director of Engineering",
            7: "VP of Engineering",
        },
    ),
    "Product": (
        ["PROD", "BUAN", "REQM"],
        {
            3: "Business Analyst",
            4: "Product Owner",
            5: "Product Manager",
            6: "Head of Product",
            7: "VP of Product",
        },
    ),
    "Programmes": (
        ["PGMG", "PRMG", "PROF"],
        {
            2: "Project Assistant",
            3: "Project Officer",
            4: "Project Manager",
            5: "Programme Manager",
            6: "Director of Programmes",
        },
    ),
}
# The cards a regeneration left with no skill at all.
EMPTY = {
    "associate-security-engineer",
    "associate-software-engineer",
    "associate-support-engineer",
    "chief-qa-engineer",
    "chief-systems-engineer",
    "vp-of-product",
    "project-assistant",
    "project-manager",
    "director-of-programmes",
}
NOTE = "Lead engineers move into people management at level 4."


def slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def card(title: str, level: int, path: str, codes: list[str], kind: str) -> str:
    lines = [f"# {title}", "", f"**Level {level}** | **Career Path:** {path}", ""]
    if kind:
        lines += [f"**Engineer Type:** {kind}", ""]
    lines += [
        "---",
        "",
        "## Role Overview",
        "",
        f"**Scope Summary:** What a {title} is for.",
        "",
        "---",
        "",
        "## Required SFIA Skills",
        "",
        "The skills this role asks for at its level:",
        "",
    ]
    for code in [] if slug(title) in EMPTY else codes:
        lines += [
            f"### Skill {code} ({code})",
            "",
            f"**Category:** Area of {code} | **Subcategory:** Part of {code}",
            "",
            f"**Level {level} Attainment:**",
            "",
            f"What {code} looks like at level {level}.",
            "",
            "---",
            "",
        ]
    return "\n".join(lines)


def write_owner_shape(folder: Path) -> None:
    for track, codes in TRACKS.items():
        cards = folder / "engineering" / f"{track.lower()}-engineer"
        cards.mkdir(parents=True)
        for level, pattern in TITLE.items():
            title = pattern.format(track)
            wanted = codes + (
                SOFTWARE_TOP if track == "Software" and level >= 5 else []
            )
            text = card(title, level, "Engineering", wanted, track)
            (cards / f"level-{level}.md").write_text(text, encoding="utf-8")
    for path, (codes, titles) in OTHER_PATHS.items():
        cards = folder / path.lower()
        cards.mkdir()
        for level, title in titles.items():
            text = card(title, level, path, codes, "")
            (cards / f"level-{level}-{slug(title)}.md").write_text(
                text, encoding="utf-8"
            )
    (folder / "moves.yaml").write_text(
        "moves:\n"
        "  - from: {career_path: Engineering, level: 4}\n"
        "    to: Engineering Manager\n"
        f"    note: {NOTE}\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    written = tmp_path_factory.mktemp("owner-shape")
    write_owner_shape(written)
    return written


@pytest.fixture(scope="module")
def owner(folder: Path) -> ServedState:
    return ServedState.build(load_or_raise([str(folder)]))


def test_the_shape_is_read_whole(owner: ServedState) -> None:
    found = data(
        owner,
        "{ framework { roleCount skillCount } careerPaths { name tracks { name } "
        "roles { slug } } }",
    )
    assert found["framework"] == {"roleCount": 49, "skillCount": 34}
    assert [
        (path["name"], [t["name"] for t in path["tracks"]], len(path["roles"]))
        for path in found["careerPaths"]
    ] == [
        ("Engineering", ["QA", "Security", "Software", "Support", "Systems"], 35),
        ("Management", [], 4),
        ("Product", [], 5),
        ("Programmes", [], 5),
    ]


@pytest.mark.parametrize("track", TRACKS)
def test_promotions_stay_on_their_track(owner: ServedState, track: str) -> None:
    query = (
        "query($slug: String!) { role(slug: $slug) { track { name } "
        "nextRoles { to { slug } kind } } }"
    )
    for level in range(1, 7):
        role = data(owner, query, {"slug": slug(TITLE[level].format(track))})["role"]
        assert role["track"] == {"name": track}
        promotions = [
            s["to"]["slug"] for s in role["nextRoles"] if s["kind"] == "PROMOTION"
        ]
        assert promotions == [slug(TITLE[level + 1].format(track))]


def test_every_lead_engineer_has_the_declared_move_into_management(
    owner: ServedState,
) -> None:
    query = (
        "query($slug: String!) { role(slug: $slug) { nextRoles "
        "{ to { slug } kind declared note } } }"
    )
    for track in TRACKS:
        lead = slug(TITLE[4].format(track))
        steps = data(owner, query, {"slug": lead})["role"]["nextRoles"]
        assert [s for s in steps if s["declared"]] == [
            {
                "to": {"slug": "engineering-manager"},
                "kind": "PATH_CHANGE",
                "declared": True,
                "note": NOTE,
            }
        ]


def test_a_route_from_associate_qa_engineer_to_director_of_engineering(
    owner: ServedState,
) -> None:
    found = data(
        owner,
        '{ progressionPath(from: "associate-qa-engineer", to: '
        '"director-of-engineering") '
        "{ totalEffort steps { to { slug } kind declared } } }",
    )["progressionPath"]
    assert [(s["to"]["slug"], s["kind"], s["declared"]) for s in found["steps"]] == [
        ("qa-engineer", "PROMOTION", False),
        ("senior-qa-engineer", "PROMOTION", False),
        ("lead-qa-engineer", "PROMOTION", False),
        ("engineering-manager", "PATH_CHANGE", True),
        ("senior-engineering-manager", "PROMOTION", False),
        ("director-of-engineering", "PROMOTION", False),
    ]
    # Five promotions of four level-ups each; the move's four new skills at 4.
    assert found["totalEffort"] == 5 * 4 + 4 * 4


def test_the_health_report_names_the_cards_that_lost_their_skills(
    owner: ServedState, folder: Path
) -> None:
    findings = health(owner.framework, owner.progression)
    empty = {
        finding.roles: finding.where
        for finding in findings
        if finding.kind == "ROLE_WITHOUT_REQUIREMENTS"
    }
    assert empty == {
        (role,): f"{folder}/{file}:1"
        for role, file in [
            ("associate-security-engineer", "engineering/security-engineer/level-1.md"),
            ("associate-software-engineer", "engineering/software-engineer/level-1.md"),
            ("associate-support-engineer", "engineering/support-engineer/level-1.md"),
            ("chief-qa-engineer", "engineering/qa-engineer/level-7.md"),
            ("chief-systems-engineer", "engineering/systems-engineer/level-7.md"),
            ("vp-of-product", "product/level-7-vp-of-product.md"),
            ("project-assistant", "programmes/level-2-project-assistant.md"),
            ("project-manager", "programmes/level-4-project-manager.md"),
            ("director-of-programmes", "programmes/level-6-director-of-programmes.md"),
        ]
    }
    assert set(empty) == {(role,) for role in EMPTY}


def test_step_counts_count_every_edge_beyond_the_limit(owner: ServedState) -> None:
    # Lead QA Engineer: its promotion and the declared move; Engineering
    # Manager: the move from each of the five lead engineers.
    found = data(
        owner,
        '{ lead: role(slug: "lead-qa-engineer") { nextRoleCount '
        "nextRoles(limit: 1) { to { slug } } } "
        'manager: role(slug: "engineering-manager") { previousRoleCount '
        "previousRoles(limit: 2) { from { slug } } } }",
    )
    assert found["lead"] == {
        "nextRoleCount": 2,
        "nextRoles": [{"to": {"slug": "principal-qa-engineer"}}],
    }
    assert found["manager"] == {
        "previousRoleCount": 5,
        "previousRoles": [
            {"from": {"slug": "lead-qa-engineer"}},
            {"from": {"slug": "lead-security-engineer"}},
        ],
    }


def test_core_requirement_counts_show_the_cards_that_lost_their_skills(
    owner: ServedState,
) -> None:
    found = data(
        owner, "{ roles(first: 100) { edges { node { slug coreRequirementCount } } } }"
    )
    counts = {
        e["node"]["slug"]: e["node"]["coreRequirementCount"]
        for e in found["roles"]["edges"]
    }
    assert {slug for slug, count in counts.items() if count == 0} == EMPTY
    assert (counts["lead-qa-engineer"], counts["principal-software-engineer"]) == (4, 8)
