"""Which media type a request gets, and what a request error looks like in
application/graphql-response+json."""

from __future__ import annotations

import orjson
import pytest

from competency_explorer.media_types import (
    GRAPHQL_RESPONSE,
    JSON,
    graphql_response,
    is_request_error,
    negotiate,
)


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        (None, JSON),
        ("", JSON),
        ("*/*", JSON),
        ("application/json", JSON),
        ("application/*", JSON),
        ("text/plain", JSON),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        ("Application/GraphQL-Response+JSON; charset=utf-8", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),  # a tie
        (f"{GRAPHQL_RESPONSE};q=0.5, application/json", JSON),
        (f"{GRAPHQL_RESPONSE};q=0.5, */*;q=0.1", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0", JSON),
        (f"{GRAPHQL_RESPONSE};q=nonsense", JSON),
        (f"{GRAPHQL_RESPONSE};q=2", JSON),
    ],
)
def test_negotiate(accept: str | None, chosen: str) -> None:
    assert negotiate(accept) == chosen


PARSE = {
    "data": None,
    "errors": [
        {
            "message": "Syntax Error: Expected Name, found <EOF>.",
            "locations": [{"line": 1, "column": 2}],
            "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
        }
    ],
}
FIELD = {
    "data": None,
    "errors": [
        {
            "message": "Unknown role: 'x'",
            "path": ["skillGap"],
            "extensions": {"code": "NOT_FOUND"},
        }
    ],
}


@pytest.mark.parametrize(
    ("answer", "request_error"),
    [
        (PARSE, True),
        (FIELD, False),
        ({"data": {"levels": []}}, False),
        ({"data": {"role": None}, "errors": FIELD["errors"]}, False),
        (
            {
                "data": None,
                "errors": [{"message": "t", "extensions": {"code": "QUERY_TIMEOUT"}}],
            },
            False,
        ),
        (
            {
                "data": None,
                "errors": [
                    {"message": "t", "extensions": {"code": "INTERNAL_SERVER_ERROR"}}
                ],
            },
            False,
        ),
        (
            {
                "data": None,
                "errors": [{"message": "t", "extensions": {"code": "QUERY_TOO_DEEP"}}],
            },
            True,
        ),
    ],
)
def test_is_request_error(answer: dict[str, object], request_error: bool) -> None:
    assert is_request_error(answer) is request_error


def test_a_request_error_is_400_without_data() -> None:
    body, status = graphql_response(orjson.dumps(PARSE), "GRAPHQL_PARSE_FAILED")
    assert status == 400
    assert orjson.loads(body) == {"errors": PARSE["errors"]}


def test_other_answers_are_sent_as_they_are() -> None:
    for answer, code in ((FIELD, "NOT_FOUND"), ({"data": {"levels": []}}, None)):
        body = orjson.dumps(answer)
        assert graphql_response(body, code) == (body, 200)
