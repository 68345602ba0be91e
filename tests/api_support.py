"""Helpers for the API tests: run a query through the schema, read an error code."""

from __future__ import annotations

from typing import Any

from competency_explorer.api import CompetencySchema, ServedState
from competency_explorer.api.schema import schema


def execute(
    state: ServedState,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    using: CompetencySchema = schema,
) -> dict[str, Any]:
    """The answer as JSON-ready data, with ``errors`` only when there are some."""
    result = using.execute_sync(
        query, variable_values=variables, context_value=using.context(state)
    )
    answer: dict[str, Any] = {"data": result.data}
    if result.errors:
        answer["errors"] = [error.formatted for error in result.errors]
    return answer


def data(
    state: ServedState, query: str, variables: dict[str, Any] | None = None
) -> Any:
    """The data of an answer that must have no errors."""
    answer = execute(state, query, variables)
    assert "errors" not in answer, answer["errors"]
    return answer["data"]


def codes(answer: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in answer.get("errors", [])]


def messages(answer: dict[str, Any]) -> list[str]:
    return [error["message"] for error in answer.get("errors", [])]
