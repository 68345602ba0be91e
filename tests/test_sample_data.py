"""The bundled sample framework in data/: its facts, and that it loads cleanly."""

from __future__ import annotations

from collections import defaultdict
from itertools import product

import pytest

from competency_explorer.graph import build_progression, next_roles
from competency_explorer.loader import BUNDLED_DATA, load
from competency_explorer.model import Framework, Move, Role, Track

SFIA_CATEGORIES = [
    "Change and transformation",
    "Delivery and operation",
    "Development and implementation",
    "People and skills",
    "Relationships and engagement",
    "Strategy and architecture",
]

# Every role of the sample: path -> [(level, title)] in the framework's order.
ROLES_BY_PATH = {
    "Data": [
        (2, "Junior Data Analyst"),
        (3, "Data Analyst"),
        (3, "Data Engineer"),
        (4, "Data Scientist"),
        (4, "Senior Data Engineer"),
        (5, "Data Architect"),
        (5, "Lead Data Scientist"),
        (6, "Head of Data"),
        (7, "Chief Data Officer"),
    ],
    "Management": [
        (4, "Engineering Team Lead"),
        (5, "Delivery Manager"),
        (5, "Engineering Manager"),
        (6, "Director of Engineering"),
        (7, "VP, Engineering"),
    ],
    "Product": [
        (3, "Associate Product Manager"),
        (4, "Product Designer"),
        (4, "Product Manager"),
        (5, "Senior Product Manager"),
        (6, "Head of Product"),
    ],
    "Technical": [
        (2, "Associate Software Engineer"),
        (3, "Software Engineer"),
        (4, "Senior Software Engineer"),
        (4, "Site Reliability Engineer"),
        (5, "Lead Engineer"),
        (5, "Solution Architect"),
        (6, "Principal Engineer"),
        (7, "Distinguished Engineer"),
    ],
}


@pytest.fixture(scope="module")
def sample() -> Framework:
    result = load()
    assert result.framework is not None
    return result.framework


def test_loads_without_errors_or_warnings() -> None:
    result = load()
    assert [str(p) for p in result.problems] == []
    assert result.ok


def test_data_folder_holds_only_the_card_and_yaml() -> None:
    files = sorted(
        str(path.relative_to(BUNDLED_DATA))
        for path in BUNDLED_DATA.rglob("*")
        if path.is_file()
    )
    assert files == [
        "cards/director-of-engineering.md",
        "framework.yaml",
        "roles.yaml",
        "skills.yaml",
    ]


def test_counts(sample: Framework) -> None:
    assert sample.name == "Example Engineering Framework"
    assert len(sample.roles) == 27
    assert len(sample.skills) == 39
    assert len(sample.subcategories) == 16


def test_all_six_sfia_categories_have_skills(sample: Framework) -> None:
    assert [c.name for c in sample.categories] == SFIA_CATEGORIES
    assert sorted({skill.category for skill in sample.skills}) == SFIA_CATEGORIES


def test_career_paths_and_their_roles(sample: Framework) -> None:
    assert [p.name for p in sample.career_paths] == sorted(ROLES_BY_PATH)
    assert all(p.description for p in sample.career_paths)
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for role in sample.roles:
        found[role.career_path].append((role.level, role.title))
    assert found == ROLES_BY_PATH


@pytest.mark.parametrize("path", sorted(ROLES_BY_PATH))
def test_each_path_climbs_level_by_level(sample: Framework, path: str) -> None:
    levels = [role.level for role in sample.roles if role.career_path == path]
    assert levels == sorted(levels)
    # No level skipped, and one or two roles at each level the path has.
    assert sorted(set(levels)) == list(range(levels[0], levels[-1] + 1))
    assert all(levels.count(level) in (1, 2) for level in set(levels))


def test_levels_span_two_to_seven(sample: Framework) -> None:
    assert sorted({role.level for role in sample.roles}) == [2, 3, 4, 5, 6, 7]


def test_every_level_has_a_description(sample: Framework) -> None:
    assert [level.number for level in sample.levels if level.description] == list(
        range(1, 8)
    )


def test_every_required_level_is_described(sample: Framework) -> None:
    described = {skill.code: skill.described_levels for skill in sample.skills}
    missing = [
        (role.title, req.code, req.level)
        for role in sample.roles
        for req in role.requirements
        if req.level not in described[req.code]
    ]
    assert missing == []


def test_described_levels_are_contiguous(sample: Framework) -> None:
    gaps = [
        (skill.code, skill.described_levels)
        for skill in sample.skills
        if skill.described_levels
        != tuple(range(skill.described_levels[0], skill.described_levels[-1] + 1))
    ]
    assert gaps == []


def test_every_skill_is_required_by_some_role(sample: Framework) -> None:
    required = {req.code for role in sample.roles for req in role.requirements}
    assert required == {skill.code for skill in sample.skills}


def test_every_skill_is_fully_described(sample: Framework) -> None:
    for skill in sample.skills:
        assert skill.description, skill.code
        assert skill.guidance, skill.code
        assert skill.url == f"https://sfia-online.org/en/skillcode/9/{skill.code}"


def test_every_role_is_described_and_never_requires_above_its_level(
    sample: Framework,
) -> None:
    for role in sample.roles:
        assert role.summary and role.overview, role.title
        assert role.requirements, role.title
        assert max(req.level for req in role.requirements) <= role.level, role.title


def test_requirements_do_not_drop_on_promotion(sample: Framework) -> None:
    drops: list[tuple[str, str, str]] = []
    for lower, higher in _promotions(sample):
        for req in lower.requirements:
            wanted = higher.required_level(req.code)
            if wanted is not None and wanted < req.level:
                drops.append((lower.title, higher.title, req.code))
    assert drops == []


def test_path_changes_exist(sample: Framework) -> None:
    """Roles on different paths at level L and L or L+1 that share a skill."""
    pairs = {
        (a.slug, b.slug)
        for a, b in product(sample.roles, repeat=2)
        if a.career_path != b.career_path
        and b.level in (a.level, a.level + 1)
        and {r.code for r in a.requirements} & {r.code for r in b.requirements}
    }
    assert ("lead-engineer", "engineering-manager") in pairs
    assert ("senior-software-engineer", "engineering-team-lead") in pairs
    assert ("solution-architect", "data-architect") in pairs
    assert ("associate-software-engineer", "junior-data-analyst") in pairs
    # Every path can be left sideways from at least one of its roles.
    path_of = {role.slug: role.career_path for role in sample.roles}
    assert {path_of[a] for a, _ in pairs} == set(ROLES_BY_PATH)


def test_director_card_ships_as_the_management_level_6_role(sample: Framework) -> None:
    director = sample.role("director-of-engineering")
    assert director is not None
    assert (director.level, director.career_path) == (6, "Management")
    assert [(r.code, r.level) for r in director.requirements] == [
        ("ETMG", 6),
        ("POMG", 6),
        ("SORC", 6),
        ("SUPP", 6),
    ]
    etmg = sample.skill("ETMG")
    assert etmg is not None
    assert etmg.described_levels == (4, 5, 6, 7)
    assert etmg.description == (
        "Delivering management, advisory and administrative services to support "
        "the development of knowledge, skills and competencies."
    )


def test_the_technical_path_has_two_tracks_and_shared_rungs(sample: Framework) -> None:
    assert [(t.career_path, t.name) for t in sample.tracks] == [
        ("Technical", "Reliability"),
        ("Technical", "Software"),
    ]
    assert all(
        isinstance(track, Track) and track.description for track in sample.tracks
    )
    on_track = {r.title: r.track for r in sample.roles if r.track is not None}
    assert on_track == {
        "Lead Engineer": "Software",
        "Senior Software Engineer": "Software",
        "Site Reliability Engineer": "Reliability",
    }
    # A site reliability engineer is promoted to a shared rung, never into the
    # software track's Lead Engineer.
    promotions = {(a.slug, b.slug) for a, b in _promotions(sample)}
    assert ("site-reliability-engineer", "solution-architect") in promotions
    assert ("site-reliability-engineer", "lead-engineer") not in promotions
    assert ("software-engineer", "site-reliability-engineer") in promotions
    assert ("software-engineer", "senior-software-engineer") in promotions


def test_one_declared_move_that_no_shared_skill_reveals(sample: Framework) -> None:
    [move] = sample.moves
    assert (move.source, move.target) == (
        "principal-engineer",
        "director-of-engineering",
    )
    assert isinstance(move, Move) and move.note
    principal = sample.role(move.source)
    director = sample.role(move.target)
    assert principal is not None and director is not None
    assert not {r.code for r in principal.requirements} & {
        r.code for r in director.requirements
    }


@pytest.mark.parametrize(
    # Levels at which SFIA 9 describes these skills: the sample requires them
    # within those, so that it loads beside the SFIA download without warnings.
    ("code", "sfia_levels"),
    [
        ("TECH", (4, 5, 6)),
        ("PRMG", (4, 5, 6, 7)),
        ("GOVN", (6, 7)),
        ("DATM", (2, 3, 4, 5, 6)),
    ],
)
def test_requirements_sit_at_levels_sfia_9_describes(
    sample: Framework, code: str, sfia_levels: tuple[int, ...]
) -> None:
    skill = sample.skill(code)
    assert skill is not None
    assert set(skill.described_levels) <= set(sfia_levels)
    required = {
        r.level for role in sample.roles for r in role.requirements if r.code == code
    }
    assert required <= set(sfia_levels)


def test_title_with_punctuation_has_a_clean_slug(sample: Framework) -> None:
    vp = sample.role("VP, Engineering")
    assert vp is not None
    assert vp.slug == "vp-engineering"
    assert len({role.slug for role in sample.roles}) == len(sample.roles)


def _promotions(framework: Framework) -> list[tuple[Role, Role]]:
    """(R, S) pairs where S is a promotion of R: up R's ladder (its path, or its
    track with the path's shared rungs), at the lowest level above R it has."""
    progression = build_progression(framework)
    return [
        (progression.role(step.source), progression.role(step.target))
        for slug in progression.slugs
        for step in next_roles(progression, slug)
        if step.kind == "PROMOTION"
    ]
