"""Merging the files of one framework: YAML with YAML, YAML with role cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency_explorer.loader import LoadResult, load
from competency_explorer.merge import merge
from competency_explorer.model import (
    CareerPath,
    Category,
    Framework,
    Location,
    Requirement,
    Skill,
    SkillLevel,
    SkillResource,
    Subcategory,
)
from competency_explorer.sources.drafts import (
    CareerPathDraft,
    LevelDraft,
    RoleDraft,
    SourceResult,
)

ROOT = Path(__file__).parent.parent
MERGE = Path("tests/data/merge")


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems name paths as given: relative paths keep the expectations short.
    monkeypatch.chdir(ROOT)


def load_ok(*paths: Path) -> tuple[Framework, LoadResult]:
    result = load(list(paths))
    assert result.framework is not None
    return result.framework, result


def messages(result: LoadResult) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_fields_missing_in_one_source_come_from_another() -> None:
    framework, result = load_ok(MERGE / "fields")

    assert messages(result) == []
    # Name and category from a-skills.yaml, texts from b-roles.yaml, level 4
    # from the card: one skill. Spacing differences are not a conflict.
    assert framework.skills == (
        Skill(
            code="DTAN",
            name="Data modelling and design",
            category="Development and implementation",
            subcategory="Data and analytics",
            description="Deciding how data is shaped, named and related.",
            guidance="Start from the questions people will ask of the data.",
            url="https://example.org/skills/dtan",
            levels=(
                SkillLevel(
                    3, "Draws models of the data a team owns and keeps them current."
                ),
                SkillLevel(
                    4,
                    "Chooses between modelling approaches and explains the "
                    "trade-offs to the team.",
                ),
                SkillLevel(5, "Sets the modelling conventions several teams follow."),
            ),
        ),
    )
    assert framework.skills[0].source == Location(
        str(MERGE / "fields" / "a-skills.yaml"), 3
    )
    assert [(r.title, r.requirements) for r in framework.roles] == [
        ("Senior Data Modeller", (Requirement("DTAN", 4),)),
        ("Data Architect", (Requirement("DTAN", 5),)),
    ]
    assert framework.career_paths == (CareerPath("Data"),)


def test_conflicting_texts_warn_naming_both_files_and_keep_the_first() -> None:
    framework, result = load_ok(MERGE / "conflict")

    a, b = MERGE / "conflict" / "a.yaml", MERGE / "conflict" / "b.yaml"
    assert messages(result) == [
        f"{b}:2: warning: skill DTAN: description differs from the one in {a}:2, "
        "which is kept (first in path order)",
        f"{b}:6: warning: skill DTAN: level 3 differs from the one in {a}:8, "
        "which is kept (first in path order)",
    ]
    skill = framework.skill("dtan")
    assert skill is not None
    assert skill.description == "Deciding how data is shaped, named and related."
    # Level 3 stays a's; level 4, which only b describes, is added.
    assert skill.levels == (
        SkillLevel(3, "Draws models of the data a team owns."),
        SkillLevel(4, "Reviews the models of neighbouring teams."),
    )


def test_path_order_decides_not_argument_order() -> None:
    conflict = MERGE / "conflict"
    forwards = load([conflict / "a.yaml", conflict / "b.yaml"])
    backwards = load([conflict / "b.yaml", conflict / "a.yaml"])
    assert backwards.framework is not None and forwards.framework is not None
    # Only the fallback name follows the order of the arguments.
    assert (backwards.framework.name, forwards.framework.name) == ("b", "a")
    assert backwards.framework.skills == forwards.framework.skills
    assert backwards.problems == forwards.problems


def test_duplicate_slug_across_a_card_and_yaml_names_both_places() -> None:
    framework, result = load_ok(MERGE / "duplicate-slug")

    folder = MERGE / "duplicate-slug"
    assert messages(result) == [
        f"{folder / 'roles.yaml'}:2: error: duplicate role slug 'platform-engineer': "
        "role 'Platform engineer!' clashes with 'Platform Engineer' at "
        f"{folder / 'platform-engineer.md'}:1",
    ]
    # The first in path order is kept.
    assert [(role.title, role.level) for role in framework.roles] == [
        ("Platform Engineer", 4)
    ]


@pytest.mark.parametrize(
    ("paths", "name"),
    [
        # The YAML name of the first file in path order that has one.
        (["names"], "Northwind Operations Framework"),
        (
            ["names/c.yaml", "names/a.yaml", "names/b.yaml"],
            "Northwind Operations Framework",
        ),
        (["names/c.yaml", "names/a.yaml"], "A later name that loses"),
        # No YAML name: the first path given, without its extension.
        (["names/a.yaml"], "a"),
        (["paths", "names/a.yaml"], "paths"),
        (["fields"], "fields"),
    ],
)
def test_framework_name(paths: list[str], name: str) -> None:
    framework, _ = load_ok(*(MERGE / path for path in paths))
    assert framework.name == name


def test_career_paths_and_categories_ignore_case_and_keep_the_first_spelling() -> None:
    framework, result = load_ok(MERGE / "paths")

    assert messages(result) == []
    assert framework.career_paths == (
        CareerPath("Operations", "Keeping the lights on, and making that boring."),
    )
    assert [(role.title, role.career_path) for role in framework.roles] == [
        ("Operations Assistant", "Operations"),
        ("Operations Engineer", "Operations"),
    ]
    assert framework.categories == (Category("delivery and operation"),)
    assert framework.subcategories == (
        Subcategory("Service management", "delivery and operation"),
        Subcategory("Technology management", "delivery and operation"),
    )
    skill = framework.skill("ITOP")
    assert skill is not None
    assert (skill.category, skill.subcategory) == (
        "delivery and operation",
        "Technology management",
    )


def test_level_descriptions_combine_across_sources_first_wins() -> None:
    def source(path: str, **texts: str) -> SourceResult:
        result = SourceResult(path)
        result.levels.append(LevelDraft(4, Location(path, 1), **texts))
        return result

    framework, problems = merge(
        [
            source("b.yaml", description="Second.", essence="Only here."),
            source("a.yaml", description="First."),
        ],
        fallback_name="x",
    )
    assert problems == []
    level = framework.level(4)
    assert level is not None
    assert (level.name, level.description, level.guiding_phrase, level.essence) == (
        "Enable",
        "First.",
        None,
        "Only here.",
    )


def test_a_career_path_description_fills_in_one_missing_elsewhere() -> None:
    first = SourceResult("a.yaml")
    first.career_paths.append(CareerPathDraft("Data", Location("a.yaml", 2)))
    second = SourceResult("b.yaml")
    second.career_paths.append(
        CareerPathDraft("DATA", Location("b.yaml", 2), "Working with data.")
    )
    second.roles.append(RoleDraft("Analyst", 3, "data", Location("b.yaml", 5)))

    framework, _ = merge([second, first], fallback_name="x")

    assert framework.career_paths == (CareerPath("Data", "Working with data."),)
    assert framework.roles[0].career_path == "Data"


def test_resources_combine_one_per_title_and_level_first_file_wins() -> None:
    framework, result = load_ok(MERGE / "resources")

    a, b = MERGE / "resources" / "a.yaml", MERGE / "resources" / "b.yaml"
    # "Mentoring" and "mentoring" are one kind; the two links differ.
    assert messages(result) == [
        f"{b}:9: warning: skill DTAN: resource 'Data reading group' for any level: "
        f"url 'https://example.org/another-group' differs from "
        f"'https://example.org/reading-group' in {a}:10, which is kept (first in "
        "path order)",
    ]
    skill = framework.skill("DTAN")
    assert skill is not None
    # By level, any level last; a's spelling of a title; a url or kind only
    # one file gives is taken from it.
    assert skill.resources == (
        SkillResource("A first data model", kind="practice", level=3),
        SkillResource(
            "Modelling clinic", "https://example.org/clinic", "mentoring", level=4
        ),
        SkillResource("Modelling clinic", level=5),
        SkillResource(
            "Data reading group", "https://example.org/reading-group", "book"
        ),
    )
