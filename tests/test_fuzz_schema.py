"""Generated queries (hypothesis-graphql) through the HTTP app: each is answered
with data or documented errors, never INTERNAL_SERVER_ERROR or a 500.

``make fuzz`` runs the same idea at scale (schemathesis, a real server);
this is its small, always-on cousin.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_graphql import queries
from starlette.testclient import TestClient

from competency_explorer.api import ServedState
from competency_explorer.app import create_app
from documented_errors import DOCUMENTED_CODES, undocumented

SCHEMA = (Path(__file__).parents[1] / "schema.graphql").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client(sample_state: ServedState) -> Iterator[TestClient]:
    with TestClient(create_app(sample_state)) as test_client:
        yield test_client


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=queries(SCHEMA))
def test_generated_queries_answer_data_or_documented_errors(
    client: TestClient, query: str
) -> None:
    response = client.post("/graphql", json={"query": query})
    answer = response.json()
    assert undocumented(response.status_code, answer) is None, query


@pytest.mark.parametrize(
    ("status", "answer", "problem"),
    [
        (200, {"data": {"framework": {"name": "x"}}}, None),
        (200, {"data": None, "errors": [{"extensions": {"code": "NOT_FOUND"}}]}, None),
        (
            200,
            {
                "data": None,
                "errors": [
                    {"message": "boom", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
                ],
            },
            "error code 'INTERNAL_SERVER_ERROR': 'boom'",
        ),
        (
            200,
            {"data": None, "errors": [{"message": "no code"}]},
            "error code None: 'no code'",
        ),
        (500, {"errors": []}, "HTTP 500: {'errors': []}"),
        (200, ["not", "an", "object"], "not a GraphQL answer: ['not', 'an', 'object']"),
    ],
)
def test_the_judge_of_answers(status: int, answer: object, problem: str | None) -> None:
    assert undocumented(status, answer) == problem


def test_internal_server_error_is_not_documented() -> None:
    assert "INTERNAL_SERVER_ERROR" not in DOCUMENTED_CODES
