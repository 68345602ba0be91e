"""Ranked search: the roles and skills that the filters find, best match first,
each with why it matched; through the API as searchRoles and searchSkills."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from api_support import codes, data, execute
from competency_explorer.api import ServedState
from competency_explorer.api.views import matching_roles, matching_skills
from competency_explorer.model import Role, Skill
from competency_explorer.search import MatchKind, search_roles, search_skills

SKILL_HITS = """
query($text: String!, $limit: Int) {
  searchSkills(text: $text, limit: $limit) {
    skill { code }
    match { field kind before matched after }
  }
}
"""
ROLE_HITS = """
query($text: String!, $limit: Int) {
  searchRoles(text: $text, limit: $limit) {
    role { slug }
    match { field kind before matched after }
  }
}
"""


def test_an_exact_code_comes_before_mentions_in_descriptions(
    sample_state: ServedState,
) -> None:
    # The newcomer's search: PROG used to come after ITSP and POMG.
    found = data(sample_state, SKILL_HITS, {"text": "PROG"})["searchSkills"]
    assert found == [
        {
            "skill": {"code": "PROG"},
            "match": {
                "field": "code",
                "kind": "EXACT",
                "before": "",
                "matched": "PROG",
                "after": "",
            },
        },
        {
            "skill": {"code": "ITSP"},
            "match": {
                "field": "description",
                "kind": "WORD",
                "before": "…technology effort should go and how ",
                "matched": "prog",
                "after": "ress will be judged.",
            },
        },
        {
            "skill": {"code": "POMG"},
            "match": {
                "field": "description",
                "kind": "WORD",
                "before": "…to define and deliver a portfolio of ",
                "matched": "prog",
                "after": "rammes, projects and/or ongoing services.",
            },
        },
    ]
    # The filter's order is unchanged: by code (the contract's stable order).
    listed = data(
        sample_state, '{ skills(search: "PROG") { edges { node { code } } } }'
    )
    assert [e["node"]["code"] for e in listed["skills"]["edges"]] == [
        "ITSP",
        "POMG",
        "PROG",
    ]


def test_roles_rank_title_starts_then_words_then_summaries(
    sample_state: ServedState,
) -> None:
    found = data(sample_state, ROLE_HITS, {"text": "lead", "limit": 5})
    assert [
        (hit["role"]["slug"], hit["match"]["field"], hit["match"]["kind"])
        for hit in found["searchRoles"]
    ] == [
        ("lead-data-scientist", "title", "PREFIX"),
        ("lead-engineer", "title", "PREFIX"),
        ("engineering-team-lead", "title", "WORD"),
        ("head-of-data", "summary", "WORD"),
        ("director-of-engineering", "summary", "WORD"),
    ]
    assert found["searchRoles"][2]["match"] == {
        "field": "title",
        "kind": "WORD",
        "before": "Engineering Team ",
        "matched": "Lead",
        "after": "",
    }


def test_an_exact_title_comes_first(sample_state: ServedState) -> None:
    found = data(sample_state, ROLE_HITS, {"text": "  engineering MANAGER "})
    assert [
        (hit["role"]["slug"], hit["match"]["field"], hit["match"]["kind"])
        for hit in found["searchRoles"]
    ] == [
        ("engineering-manager", "title", "EXACT"),
        ("lead-engineer", "overview", "WORD"),
    ]
    overview = found["searchRoles"][1]["match"]
    assert overview["matched"] == "engineering manager"
    assert overview["before"].startswith("…")
    assert overview["after"].endswith("…")


@pytest.mark.parametrize("text", ["", "   "])
def test_a_blank_text_finds_nothing(sample_state: ServedState, text: str) -> None:
    assert data(sample_state, SKILL_HITS, {"text": text}) == {"searchSkills": []}
    assert data(sample_state, ROLE_HITS, {"text": text}) == {"searchRoles": []}


@pytest.mark.parametrize("limit", [0, 101, -1])
def test_the_limit_is_checked(sample_state: ServedState, limit: int) -> None:
    answer = execute(sample_state, SKILL_HITS, {"text": "a", "limit": limit})
    assert codes(answer) == ["BAD_USER_INPUT"]
    assert answer["errors"][0]["message"] == (
        f"limit must be between 1 and 100, not {limit}"
    )


def test_the_limit_keeps_the_best(sample_state: ServedState) -> None:
    every = data(sample_state, SKILL_HITS, {"text": "a", "limit": 100})
    three = data(sample_state, SKILL_HITS, {"text": "a", "limit": 3})
    assert three["searchSkills"] == every["searchSkills"][:3]
    assert len(every["searchSkills"]) == 39  # every skill of the sample has an "a"
    default = data(sample_state, SKILL_HITS, {"text": "a"})
    assert default["searchSkills"] == every["searchSkills"][:10]


def _skill(code: str, name: str, description: str | None = None) -> Skill:
    return Skill(code, name, "Category", "Subcategory", description=description)


def test_kinds_and_fields_in_rank_order() -> None:
    skills = (
        _skill("AAAA", "Data work", "Mentions data"),  # name PREFIX
        _skill("BBBB", "Big data", None),  # name WORD
        _skill("CCCC", "Metadata", None),  # name PART
        _skill("DATA", "Something", None),  # code EXACT
        _skill("DATAB", "Other", None),  # code PREFIX
        _skill("EEEE", "Else", "data first"),  # description PREFIX
        _skill("FFFF", "Fine", "Some metadata"),  # description PART
        _skill("GGGG", "Good", "Big data"),  # description WORD
        _skill("HHHH", "Data", None),  # name EXACT
    )
    found = search_skills(skills, "data", 20)
    assert [(h.item.code, h.match.field, h.match.kind) for h in found] == [
        ("DATA", "code", MatchKind.EXACT),
        ("HHHH", "name", MatchKind.EXACT),
        ("DATAB", "code", MatchKind.PREFIX),
        ("AAAA", "name", MatchKind.PREFIX),
        ("BBBB", "name", MatchKind.WORD),
        ("CCCC", "name", MatchKind.PART),
        ("EEEE", "description", MatchKind.PREFIX),
        ("GGGG", "description", MatchKind.WORD),
        ("FFFF", "description", MatchKind.PART),
    ]


def test_a_later_word_start_is_found_after_a_part_match() -> None:
    # "metadata, data" holds "data" inside a word first, then at a word start.
    [hit] = search_skills((_skill("AAAA", "Metadata, data and more"),), "data", 5)
    assert (hit.match.kind, hit.match.before, hit.match.matched, hit.match.after) == (
        MatchKind.WORD,
        "Metadata, ",
        "data",
        " and more",
    )


def test_the_match_keeps_the_field_spelling_when_folding_changes_lengths() -> None:
    # casefold turns ß into ss: the shown match is still the original text.
    [hit] = search_skills((_skill("STRA", "Straße planning"),), "SSE PL", 5)
    assert hit.match.kind is MatchKind.PART
    assert (hit.match.before, hit.match.matched, hit.match.after) == (
        "Stra",
        "ße pl",
        "anning",
    )
    [hit] = search_skills((_skill("STRA", "Straße planning"),), "PLAN", 5)
    assert (hit.match.before, hit.match.matched, hit.match.after) == (
        "Straße ",
        "plan",
        "ning",
    )


def test_a_long_text_is_cut_at_words_around_the_match() -> None:
    description = " ".join(f"word{n}" for n in range(40)) + " target " + "tail " * 30
    [hit] = search_skills((_skill("LONG", "Long", description),), "target", 5)
    # 40 characters before, 80 after, each cut back to a whole word.
    assert hit.match.before == "…word35 word36 word37 word38 word39 "
    assert hit.match.matched == "target"
    assert hit.match.after == " tail" * 15 + "…"


def _names(items: list[Any]) -> list[str]:
    return sorted(getattr(item, "slug", None) or item.code for item in items)


@settings(max_examples=60, deadline=None)
@given(text=st.text(alphabet="aeinorstdgm -/", min_size=1, max_size=4))
def test_search_finds_what_the_filter_finds(
    sample_state: ServedState, text: str
) -> None:
    framework = sample_state.framework
    if not text.strip():
        return
    # The filter takes the text as given; the search strips it first.
    needle = text.strip()
    roles: list[Role] = matching_roles(framework, None, None, None, None, needle)
    skills: list[Skill] = matching_skills(framework, None, needle)
    found_roles = search_roles(framework.roles, text, 1000)
    found_skills = search_skills(framework.skills, text, 1000)
    assert _names([h.item for h in found_roles]) == _names(roles)
    assert _names([h.item for h in found_skills]) == _names(skills)
    for hit in [*found_roles, *found_skills]:
        assert hit.match.matched.casefold() == needle.casefold()
