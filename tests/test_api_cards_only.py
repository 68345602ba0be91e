"""Every Query field of the contract on a framework of role cards alone.

data/cards holds one card, Director of Engineering (level 6, Management),
requiring ETMG, POMG, SORC and SUPP at level 6.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from api_support import data
from competency_explorer.api import ServedState
from competency_explorer.loader import load_or_raise

CARDS = Path(__file__).parents[1] / "data" / "cards"
DOE = "director-of-engineering"


@pytest.fixture(scope="module")
def cards_state() -> ServedState:
    return ServedState.build(load_or_raise([str(CARDS)]))


def test_lists_and_lookups(cards_state: ServedState) -> None:
    answer = data(
        cards_state,
        "{ framework { name roleCount skillCount } levels { roles { slug } } "
        "categories { name } careerPaths { name } "
        'careerPath(name: "MANAGEMENT") { roles { slug } } '
        'skill(code: "supp") { code requiredBy { level } } '
        "skills { totalCount } roles { totalCount edges { node { slug } } } "
        'role(slug: "Director of Engineering") { level { number } } '
        'node(id: "Um9sZTpkaXJlY3Rvci1vZi1lbmdpbmVlcmluZw==") { id } }',
    )
    assert answer == {
        "framework": {"name": "cards", "roleCount": 1, "skillCount": 4},
        "levels": [{"roles": [{"slug": DOE}] if n == 6 else []} for n in range(1, 8)],
        "categories": [
            {"name": "Change and transformation"},
            {"name": "People and skills"},
            {"name": "Relationships and engagement"},
        ],
        "careerPaths": [{"name": "Management"}],
        "careerPath": {"roles": [{"slug": DOE}]},
        "skill": {"code": "SUPP", "requiredBy": [{"level": 6}]},
        "skills": {"totalCount": 4},
        "roles": {"totalCount": 1, "edges": [{"node": {"slug": DOE}}]},
        "role": {"level": {"number": 6}},
        "node": {"id": "Um9sZTpkaXJlY3Rvci1vZi1lbmdpbmVlcmluZw=="},
    }


def test_computations(cards_state: ServedState) -> None:
    answer = data(
        cards_state,
        '{ rolesSharingSkill(code: "ETMG", minLevel: 6) { role { slug } level } '
        f'sharedSkills(a: "{DOE}", b: "{DOE}") {{ skill {{ code }} }} '
        f'progressionPath(from: "{DOE}", to: "{DOE}") '
        "{ totalEffort steps { kind } } "
        f'progressionPaths(from: "{DOE}", to: "{DOE}") {{ totalEffort }} '
        f'skillGap(profile: [{{code: "ETMG", level: 4}}], target: "{DOE}") '
        "{ effort levelUps { from to } } "
        'matchRoles(profile: [{code: "POMG", level: 6}]) { role { slug } score } }',
    )
    assert answer == {
        "rolesSharingSkill": [{"role": {"slug": DOE}, "level": 6}],
        "sharedSkills": [
            {"skill": {"code": code}} for code in ("ETMG", "POMG", "SORC", "SUPP")
        ],
        "progressionPath": {"totalEffort": 0, "steps": []},
        "progressionPaths": [{"totalEffort": 0}],
        # ETMG 6 - 4, then POMG, SORC and SUPP at 6.
        "skillGap": {"effort": 20, "levelUps": [{"from": 4, "to": 6}]},
        # 6 shared out of 6 + 6 + 6 + 6.
        "matchRoles": [{"role": {"slug": DOE}, "score": 0.25}],
    }
