"""Golden queries on the shipped sample: tests/golden/NAME.graphql and NAME.json.

Every expected answer was produced once (COMPETENCY_UPDATE_GOLDEN=1) and then
checked by hand against data/; rerun with that variable only after a change
you have checked the same way.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from graphql import parse
from graphql.language import FieldNode, OperationDefinitionNode

from api_support import execute
from competency_explorer.api import ServedState

GOLDEN = Path(__file__).parent / "golden"
CONTRACT = Path(__file__).parents[2] / "shared" / "api-contract.graphql"
QUERIES = sorted(GOLDEN.glob("*.graphql"))
UPDATE = os.environ.get("COMPETENCY_UPDATE_GOLDEN") == "1"

#: The Query fields of the contract (../shared/api-contract.graphql).
CONTRACT_FIELDS = {
    "node",
    "framework",
    "levels",
    "categories",
    "careerPaths",
    "careerPath",
    "skill",
    "skills",
    "role",
    "roles",
    "rolesSharingSkill",
    "sharedSkills",
    "progressionPath",
    "progressionPaths",
    "skillGap",
    "matchRoles",
    "developmentPlan",
    "track",
}


@pytest.mark.parametrize("query_file", QUERIES, ids=[q.stem for q in QUERIES])
def test_golden(sample_state: ServedState, query_file: Path) -> None:
    answer = execute(sample_state, query_file.read_text(encoding="utf-8"))
    expected_file = query_file.with_suffix(".json")
    if UPDATE:
        text = json.dumps(answer, indent=2, ensure_ascii=False) + "\n"
        expected_file.write_text(text, encoding="utf-8")
    assert "errors" not in answer
    assert answer == json.loads(expected_file.read_text(encoding="utf-8"))


def top_level_fields(query_file: Path) -> set[str]:
    document = parse(query_file.read_text(encoding="utf-8"))
    return {
        selection.name.value
        for definition in document.definitions
        if isinstance(definition, OperationDefinitionNode)
        for selection in definition.selection_set.selections
        if isinstance(selection, FieldNode)
    }


def test_the_golden_queries_cover_every_contract_field() -> None:
    covered = set().union(*(top_level_fields(q) for q in QUERIES))
    assert covered >= CONTRACT_FIELDS


def test_the_list_of_contract_fields_is_the_contract() -> None:
    if not CONTRACT.exists():
        pytest.skip(f"the shared contract is not beside the repository ({CONTRACT})")
    document = parse(CONTRACT.read_text(encoding="utf-8"))
    query_type = next(
        d
        for d in document.definitions
        if getattr(d, "name", None) and d.name.value == "Query"
    )
    assert {f.name.value for f in query_type.fields} == CONTRACT_FIELDS
