"""Career movement through the API, on a fixture in the owner's card layout.

tests/data/owner is written for these tests (its own text): folders by path,
one card per role, a `**Engineer Type:**` line on every engineering card, and
a moves file beside the cards. The roles and their core requirements:

    Engineering (tracks QA, Security, Software; shared rungs at 1 and 5)
    1 graduate-engineer            TEST 1, PROG 1                (no track)
    2 qa-engineer                  TEST 2, QUAS 2, PROG 1        QA
    3 senior-qa-engineer           TEST 3, QUAS 3, PROG 2        QA  (**Grade:**)
    4 lead-qa-engineer             TEST 4, QUAS 4, PROG 3        QA
    2/3/4 security, senior-, lead-security-engineer  SCTY L, PENT L   Security
    2/3/4 software, senior-, lead-software-engineer  PROG L, SWDN L   Software
          (senior-software-engineer also lists METL 3 as optional)
    5 principal-engineer           PROG 5, SWDN 5, QUAS 5, SCTY 5 (no track)
    Management
    4 engineering-manager          PEMT 4, ETMG 4
    5 director-of-engineering      PEMT 5, ETMG 5

moves.yaml declares {career_path: Engineering, level: 4} -> Engineering
Manager, with a note; QA and Security share no skill, QA and Software share
PROG, engineering and management share none.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from api_support import codes, data, execute, messages
from competency_explorer.api import ServedState
from competency_explorer.loader import load, load_or_raise

OWNER = Path(__file__).parent / "data" / "owner"
NOTE = "Lead engineers can move into people management at level 4."

NEXT = "query($slug: String!) { role(slug: $slug) { nextRoles { to { slug } kind effort declared note } } }"  # noqa: E501
PATH = (
    "query($from: String!, $to: String!) { progressionPath(from: $from, to: $to) "
    "{ totalEffort steps { to { slug } kind declared note } } }"
)


@pytest.fixture(scope="module")
def owner() -> ServedState:
    return ServedState.build(load_or_raise([str(OWNER)]))


def next_roles(state: ServedState, slug: str) -> list[tuple[str, str, int]]:
    found = data(state, NEXT, {"slug": slug})["role"]["nextRoles"]
    return [(step["to"]["slug"], step["kind"], step["effort"]) for step in found]


def copy_owner(tmp_path: Path, moves: str | None) -> Path:
    """The fixture with moves.yaml replaced (or removed when ``moves`` is None)."""
    target = tmp_path / "owner"
    shutil.copytree(OWNER, target)
    if moves is None:
        (target / "moves.yaml").unlink()
    else:
        (target / "moves.yaml").write_text(moves, encoding="utf-8")
    return target


def test_the_cards_give_tracks_and_the_paths_list_them(owner: ServedState) -> None:
    answer = data(
        owner,
        "{ careerPaths { name tracks { name description roles { slug } } } "
        'track(careerPath: "engineering", name: "qa") { name careerPath { name } '
        "ladder { slug } } "
        'role(slug: "principal-engineer") { track { name } } '
        'qa: roles(track: "QA") { totalCount } }',
    )
    assert answer["careerPaths"] == [
        {
            "name": "Engineering",
            "tracks": [
                {
                    "name": "QA",
                    "description": "Quality engineering.",
                    "roles": [
                        {"slug": "qa-engineer"},
                        {"slug": "senior-qa-engineer"},
                        {"slug": "lead-qa-engineer"},
                    ],
                },
                {
                    "name": "Security",
                    "description": None,
                    "roles": [
                        {"slug": "security-engineer"},
                        {"slug": "senior-security-engineer"},
                        {"slug": "lead-security-engineer"},
                    ],
                },
                {
                    "name": "Software",
                    "description": None,
                    "roles": [
                        {"slug": "software-engineer"},
                        {"slug": "senior-software-engineer"},
                        {"slug": "lead-software-engineer"},
                    ],
                },
            ],
        },
        {"name": "Management", "tracks": []},
    ]
    assert answer["track"] == {
        "name": "QA",
        "careerPath": {"name": "Engineering"},
        # The track's ladder: its own roles and the path's shared rungs.
        "ladder": [
            {"slug": "graduate-engineer"},
            {"slug": "qa-engineer"},
            {"slug": "senior-qa-engineer"},
            {"slug": "lead-qa-engineer"},
            {"slug": "principal-engineer"},
        ],
    }
    assert answer["role"] == {"track": None}
    assert answer["qa"] == {"totalCount": 3}


def test_promotions_stay_on_the_track(owner: ServedState) -> None:
    # Never into Lead Security: QA and Security share no skill, and a
    # promotion never leaves its ladder. Into Software as a track change.
    assert next_roles(owner, "senior-qa-engineer") == [
        ("lead-qa-engineer", "PROMOTION", 3),
        ("senior-software-engineer", "TRACK_CHANGE", 4),
        ("lead-software-engineer", "TRACK_CHANGE", 6),
    ]


def test_a_shared_rung_is_promoted_into_every_track(owner: ServedState) -> None:
    assert next_roles(owner, "graduate-engineer") == [
        ("qa-engineer", "PROMOTION", 3),
        ("software-engineer", "PROMOTION", 3),
        ("security-engineer", "PROMOTION", 4),
    ]
    steps = data(
        owner,
        '{ role(slug: "principal-engineer") { previousRoles { from { slug } kind } } }',
    )["role"]["previousRoles"]
    assert sorted((s["from"]["slug"], s["kind"]) for s in steps) == [
        ("lead-qa-engineer", "PROMOTION"),
        ("lead-security-engineer", "PROMOTION"),
        ("lead-software-engineer", "PROMOTION"),
    ]


def test_a_declared_move_carries_its_note(owner: ServedState) -> None:
    found = data(owner, NEXT, {"slug": "lead-security-engineer"})["role"]["nextRoles"]
    assert found == [
        {
            "to": {"slug": "engineering-manager"},
            "kind": "PATH_CHANGE",
            "effort": 8,
            "declared": True,
            "note": NOTE,
        },
        {
            "to": {"slug": "principal-engineer"},
            "kind": "PROMOTION",
            "effort": 16,
            "declared": False,
            "note": None,
        },
    ]
    assert data(owner, "{ framework { declaredMoveCount } }") == {
        "framework": {"declaredMoveCount": 3}
    }


def test_the_route_into_management_goes_through_the_declared_move(
    owner: ServedState,
) -> None:
    found = data(
        owner, PATH, {"from": "graduate-engineer", "to": "director-of-engineering"}
    )["progressionPath"]
    assert found == {
        "totalEffort": 17,
        "steps": [
            {
                "to": {"slug": "software-engineer"},
                "kind": "PROMOTION",
                "declared": False,
                "note": None,
            },
            {
                "to": {"slug": "senior-software-engineer"},
                "kind": "PROMOTION",
                "declared": False,
                "note": None,
            },
            {
                "to": {"slug": "lead-software-engineer"},
                "kind": "PROMOTION",
                "declared": False,
                "note": None,
            },
            {
                "to": {"slug": "engineering-manager"},
                "kind": "PATH_CHANGE",
                "declared": True,
                "note": NOTE,
            },
            {
                "to": {"slug": "director-of-engineering"},
                "kind": "PROMOTION",
                "declared": False,
                "note": None,
            },
        ],
    }


def test_no_route_into_management_without_the_declared_move(tmp_path: Path) -> None:
    state = ServedState.build(load_or_raise([str(copy_owner(tmp_path, None))]))
    found = data(
        state, PATH, {"from": "graduate-engineer", "to": "director-of-engineering"}
    )
    assert found == {"progressionPath": None}


def test_path_changes_off_leaves_promotions_and_declared_moves(tmp_path: Path) -> None:
    moves = (
        "progression:\n  path_changes: false\n"
        "moves:\n  - from: lead-qa-engineer\n    to: engineering-manager\n"
    )
    state = ServedState.build(load_or_raise([str(copy_owner(tmp_path, moves))]))
    assert next_roles(state, "senior-qa-engineer") == [
        ("lead-qa-engineer", "PROMOTION", 3)
    ]
    assert next_roles(state, "lead-qa-engineer") == [
        ("engineering-manager", "PATH_CHANGE", 8),
        ("principal-engineer", "PROMOTION", 13),
    ]
    assert data(
        state,
        "{ framework { progressionRules { pathChanges minSharedSkills maxLevelUp } } }",
    ) == {
        "framework": {
            "progressionRules": {
                "pathChanges": False,
                "minSharedSkills": 1,
                "maxLevelUp": 1,
            }
        }
    }


def test_the_rules_bound_level_and_shared_skills(tmp_path: Path) -> None:
    # Two shared skills asked for: QA and Software share only PROG.
    moves = "progression:\n  min_shared_skills: 2\n  max_level_up: 0\n"
    state = ServedState.build(load_or_raise([str(copy_owner(tmp_path, moves))]))
    assert next_roles(state, "senior-qa-engineer") == [
        ("lead-qa-engineer", "PROMOTION", 3)
    ]


def test_a_declared_move_may_lead_down(tmp_path: Path) -> None:
    moves = (
        "moves:\n  - from: principal-engineer\n    to: engineering-manager\n"
        "    note: One level down, into people management.\n"
    )
    state = ServedState.build(load_or_raise([str(copy_owner(tmp_path, moves))]))
    found = data(state, NEXT, {"slug": "principal-engineer"})["role"]["nextRoles"]
    assert found == [
        {
            "to": {"slug": "engineering-manager"},
            "kind": "PATH_CHANGE",
            "effort": 8,
            "declared": True,
            "note": "One level down, into people management.",
        }
    ]


def test_optional_skills_are_listed_never_counted(owner: ServedState) -> None:
    answer = data(
        owner,
        '{ role(slug: "senior-software-engineer") { requirements { skill { code } '
        "level optional } similarRoles(limit: 1) { role { slug } score } } "
        'skillGap(profile: [{code: "PROG", level: 3}, {code: "SWDN", level: 3}], '
        'target: "senior-software-engineer") { effort met { skill { code } } } '
        'matchRoles(profile: [{code: "METL", level: 3}], limit: 20) '
        "{ role { slug } score } "
        'rolesSharingSkill(code: "METL") { role { slug } } }',
    )
    assert answer["role"]["requirements"] == [
        {"skill": {"code": "METL"}, "level": 3, "optional": True},
        {"skill": {"code": "PROG"}, "level": 3, "optional": False},
        {"skill": {"code": "SWDN"}, "level": 3, "optional": False},
    ]
    # Core levels only (PROG 3, SWDN 3) against lead-software-engineer's
    # PROG 4, SWDN 4: the minimums 3 + 3 over the maximums 4 + 4.
    assert answer["role"]["similarRoles"] == [
        {"role": {"slug": "lead-software-engineer"}, "score": 6 / 8}
    ]
    assert answer["skillGap"] == {
        "effort": 0,
        "met": [{"skill": {"code": "PROG"}}, {"skill": {"code": "SWDN"}}],
    }
    # The optional METL matches nothing (every role would score 0, so none
    # is listed) and is required by no role.
    assert answer["matchRoles"] == []
    assert answer["rolesSharingSkill"] == []


def test_the_card_keeps_its_other_sections(owner: ServedState) -> None:
    answer = data(
        owner,
        '{ role(slug: "graduate-engineer") { overview sections { heading text } '
        "requirements { skill { code } } } }",
    )
    assert answer["role"] == {
        "overview": "Graduate Engineers in this fixture exist to exercise the "
        "explorer.",
        "sections": [
            {
                "heading": "Framework Overview",
                "text": "### Impact\n\nMakes the team's releases safer.\n\n"
                "### Technical Skills\n\n- reads test reports\n- writes small "
                "checks\n\n### Behaviours\n\nCurious and careful.",
            }
        ],
        # "Impact", "Technical Skills" and "Behaviours" are no skills.
        "requirements": [{"skill": {"code": "PROG"}}, {"skill": {"code": "TEST"}}],
    }


def test_an_unknown_card_field_is_a_warning_naming_it() -> None:
    result = load([str(OWNER)])
    assert [str(p) for p in result.problems] == [
        f"{OWNER}/engineering/qa-engineer/level-3-senior.md:15: warning: unknown "
        "field 'Grade' (not read; its text is kept where it is)"
    ]


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        (
            "moves:\n  - from: {career_path: Engineering, track: Data}\n"
            "    to: engineering-manager\n",
            "moves.yaml:2: error: move: the selector {career_path 'Engineering', "
            "track 'Data'} matches no role",
        ),
        (
            "moves:\n  - from: lead-qa-engineer\n    to: Chief Engineer\n",
            "moves.yaml:3: error: move: no role 'Chief Engineer' (give a role's "
            "title or slug)",
        ),
        (
            "moves:\n  - from: {level: 9}\n    to: engineering-manager\n",
            "moves.yaml:2: error: move from, selector: level must be a whole number "
            "from 1 to 7, not 9",
        ),
        (
            "moves:\n  - from: [a, b]\n    to: engineering-manager\n",
            "moves.yaml:2: error: move: from must be a role's title or slug, or a "
            "selector (a mapping of career_path, track and level), not a list",
        ),
        (
            "moves:\n  - to: engineering-manager\n",
            "moves.yaml:2: error: move is missing required key 'from'",
        ),
        (
            "progression:\n  path_changes: maybe\n  max_level_up: 7\n",
            "moves.yaml:2: error: progression: path_changes must be true or false, "
            "not 'maybe'",
        ),
    ],
)
def test_bad_moves_are_errors_at_their_line(
    tmp_path: Path, moves: str, expected: str
) -> None:
    result = load([str(copy_owner(tmp_path, moves))])
    errors = [str(p).replace(f"{tmp_path}/owner/", "") for p in result.errors]
    assert expected in errors
    assert not result.ok


def test_the_roles_filter_by_track_ignores_case(owner: ServedState) -> None:
    answer: Any = execute(
        owner,
        '{ roles(careerPath: "Engineering", track: "software", level: 3) '
        "{ edges { node { slug } } } }",
    )
    assert answer == {
        "data": {"roles": {"edges": [{"node": {"slug": "senior-software-engineer"}}]}}
    }
    unknown = execute(owner, '{ roles(track: "Data") { totalCount } }')
    assert unknown == {"data": {"roles": {"totalCount": 0}}}
    assert codes(unknown) == [] and messages(unknown) == []


def test_the_kind_of_a_declared_move_comes_from_where_the_roles_sit(
    tmp_path: Path,
) -> None:
    # Up the QA ladder: a promotion, skipping a level. To the Security track
    # (no skill in common): a track change. Down from one shared rung to
    # another on the same path: neither up a ladder nor to another track, so
    # the contract's "else", a path change.
    moves = (
        "moves:\n"
        "  - from: qa-engineer\n    to: lead-qa-engineer\n"
        "  - from: lead-qa-engineer\n    to: senior-security-engineer\n"
        "  - from: principal-engineer\n    to: graduate-engineer\n"
    )
    state = ServedState.build(load_or_raise([str(copy_owner(tmp_path, moves))]))
    kinds = {
        (step["from"]["slug"], step["to"]["slug"]): step["kind"]
        for slug in ("qa-engineer", "lead-qa-engineer", "principal-engineer")
        for step in data(
            state,
            "query($s: String!) { role(slug: $s) { nextRoles { from { slug } "
            "to { slug } kind declared } } }",
            {"s": slug},
        )["role"]["nextRoles"]
        if step["declared"]
    }
    assert kinds == {
        ("qa-engineer", "lead-qa-engineer"): "PROMOTION",
        ("lead-qa-engineer", "senior-security-engineer"): "TRACK_CHANGE",
        ("principal-engineer", "graduate-engineer"): "PATH_CHANGE",
    }


def test_a_move_to_itself_and_a_second_note_are_warnings(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text(
        "moves:\n"
        "  - from: engineering-manager\n    to: Engineering Manager\n"
        "  - from: lead-qa-engineer\n    to: engineering-manager\n"
        "    note: Another note.\n",
        encoding="utf-8",
    )
    shutil.copytree(OWNER, tmp_path / "owner")
    result = load([str(tmp_path / "owner"), str(tmp_path / "m.yaml")])
    warnings = [str(p).replace(f"{tmp_path}/", "") for p in result.warnings]
    # m.yaml comes first in path order: its note is kept, and the owner's
    # selector, which declares the same pair, is the one warned about.
    assert [w for w in warnings if "move:" in w] == [
        "m.yaml:2: warning: move: from and to are the same role "
        "(engineering-manager); it is ignored",
        "owner/moves.yaml:3: warning: move: lead-qa-engineer to engineering-manager "
        "is declared again with another note; the note at m.yaml:4 is kept",
    ]
    assert result.framework is not None
    notes = {(m.source, m.target): m.note for m in result.framework.moves}
    assert notes[("lead-qa-engineer", "engineering-manager")] == "Another note."
    assert notes[("lead-software-engineer", "engineering-manager")] == NOTE


def test_a_move_without_a_note_takes_the_note_of_a_later_one(tmp_path: Path) -> None:
    # a.yaml's selector declares lead-qa-engineer -> engineering-manager
    # without a note; b.yaml declares the same pair with one: it is kept, and
    # no warning says a note was replaced, as there was none.
    (tmp_path / "a.yaml").write_text(
        "moves:\n"
        "  - from: {career_path: Engineering, level: 4}\n"
        "    to: Engineering Manager\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        "moves:\n"
        "  - from: Lead QA Engineer\n    to: engineering-manager\n"
        "    note: Try people management first.\n",
        encoding="utf-8",
    )
    owner = copy_owner(tmp_path, None)
    result = load([str(owner), str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert [str(p) for p in result.problems if "move:" in str(p)] == []
    assert result.framework is not None
    notes = {(m.source, m.target): m.note for m in result.framework.moves}
    assert notes == {
        ("lead-qa-engineer", "engineering-manager"): "Try people management first.",
        ("lead-security-engineer", "engineering-manager"): None,
        ("lead-software-engineer", "engineering-manager"): None,
    }
