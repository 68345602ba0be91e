"""The API additions for an SFIA catalogue: attributes, level phrases, attribution.

Runs on the invented SFIA-layout fixture in tests/data/sfia (CSV files in cp1252
beside two role cards); the values below are read from those files.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

import sfia_factory
from api_support import data
from competency_explorer.api import ServedState
from competency_explorer.app import create_app
from competency_explorer.loader import load

SFIA = Path(__file__).parent / "data" / "sfia"


@pytest.fixture(scope="module")
def sfia_state() -> ServedState:
    result = load([str(SFIA)])
    assert result.framework is not None and result.ok
    return ServedState.build(result.framework)


def test_attribution(sfia_state: ServedState) -> None:
    assert data(sfia_state, "{ framework { attribution } }") == {
        "framework": {
            "attribution": "Contains information from the Skills Framework for the "
            "Information Age with the permission of the SFIA Foundation"
        }
    }


def test_attributes_with_every_level(sfia_state: ServedState) -> None:
    answer = data(sfia_state, "{ attributes { code name type url levels { level } } }")
    assert answer["attributes"] == [
        {
            "code": "AUTO",
            "name": "Autonomy",
            "type": "Attributes",
            "url": "https://example.org/attributes/auto",
            "levels": [{"level": n} for n in range(1, 8)],
        },
        {
            "code": "COMM",
            "name": "Communication",
            "type": "Business skills/Behavioural factors",
            "url": "https://example.org/attributes/comm",
            "levels": [{"level": n} for n in range(2, 8)],
        },
    ]


def test_level_phrase_essence_and_attributes(sfia_state: ServedState) -> None:
    levels = data(
        sfia_state,
        "{ levels { number guidingPhrase essence "
        "attributes { code name type description attribute { code } } } }",
    )["levels"]
    assert levels[0] == {
        "number": 1,
        "guidingPhrase": "Watch and learn",
        "essence": "Does set tasks under close watch.",
        "attributes": [
            {
                "code": "AUTO",
                "name": "Autonomy",
                "type": "Attributes",
                "description": "Invented autonomy text 1.",
                "attribute": {"code": "AUTO"},
            }
        ],
    }
    # COMM is described from level 2 on.
    assert [a["code"] for a in levels[1]["attributes"]] == ["AUTO", "COMM"]
    assert levels[1]["attributes"][1]["description"] == "Invented communication text 2."
    # The essence loses its "Essence of the level: " prefix; cp1252 quotes decode.
    assert levels[5]["essence"] == (
        "Starts work that sways the organization\u2019s direction."
    )


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_cards_with_a_full_size_export_serve_every_skill_and_level(
    tmp_path: Path, form: str
) -> None:
    if form == "csv":
        export = [str(p) for p in sfia_factory.write_full_size_csv(tmp_path)]
    else:
        export = [str(sfia_factory.write_full_size_xlsx(tmp_path / "sfia-9.xlsx"))]
    cards = str(Path(__file__).parent / "data" / "cards")
    result = load([cards, *export])
    assert result.framework is not None and result.ok, result.errors

    query = """query Page($after: String) {
      skills(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { code levels { level description } } }
      }
    }"""
    skills: list[dict[str, object]] = []
    after = None
    with TestClient(create_app(ServedState.build(result.framework))) as client:
        while True:
            answer = client.post(
                "/graphql", json={"query": query, "variables": {"after": after}}
            ).json()
            assert "errors" not in answer
            page = answer["data"]["skills"]
            skills.extend(edge["node"] for edge in page["edges"])
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
    assert page["totalCount"] == len(skills) == 147 + 16
    catalogue = [s for s in skills if str(s["code"]).startswith("K")]
    assert len(catalogue) == sfia_factory.FULL_SKILLS
    assert (
        sum(len(s["levels"]) for s in catalogue)  # type: ignore[arg-type]
        == sfia_factory.FULL_LEVEL_DESCRIPTIONS
    )
    expected = {row.code: row.levels for row in sfia_factory.full_size_skills()}
    for skill in catalogue:
        levels = {lvl["level"]: lvl["description"] for lvl in skill["levels"]}  # type: ignore[attr-defined]
        assert levels == expected[str(skill["code"])]
