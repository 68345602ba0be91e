"""Hostile requests against the real HTTP app: each refused with a clear, coded
GraphQL error, and the server answering a normal query right after.

The server time of each refusal is measured (time.perf_counter) and printed
for the record (``pytest -s``); nothing here asserts on time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from starlette.testclient import TestClient

from competency_explorer.api import Limits, ServedState
from competency_explorer.app import create_app

pytestmark = pytest.mark.timeout(120)

NORMAL = "{ framework { name roleCount } }"


@dataclass(frozen=True)
class Hostile:
    id: str
    body: bytes | dict[str, Any] | list[Any]
    code: str
    message: str  # the start of the error's message
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    data: Any = None  # what is answered beside the error


def nested(depth: int) -> str:
    """A query ``depth`` fields deep: role, then careerPath / roles in turn."""
    fields = ['role(slug: "software-engineer")'] + ["careerPath", "roles"] * 10
    inner = "slug" if (depth - 2) % 2 == 0 else "name"
    for name in reversed(fields[: depth - 1]):
        inner = f"{name} {{ {inner} }}"
    return "{ " + inner + " }"


def fragment_bomb(levels: int) -> str:
    spreads = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    last = f"fragment F{levels} on Query {{ framework {{ name }} }}"
    return f"query {{ ...F0 }} {spreads} {last}"


def aliases(count: int, field_text: str) -> str:
    return "{ " + " ".join(f"a{i}: {field_text}" for i in range(count)) + " }"


PATHS_WITH_STEPS = (
    'progressionPaths(from: "graduate-engineer", to: "director-of-engineering", '
    "limit: 100) { totalEffort steps { kind } }"
)
NEXT_OF_NEXT = (
    "{ roles(first: 100) { edges { node { nextRoles(limit: 100) { to { "
    "nextRoles(limit: 100) { to { nextRoles(limit: 100) { gap { effort } } } } } "
    "} } } } }"
)
MATCH_PROFILE = "query($p: [SkillLevelInput!]!) { matchRoles(profile: $p) { score } }"
PROFILE_251 = [{"code": f"S{i:03d}", "level": 3} for i in range(251)]

INTROSPECTION_NESTED = (
    "{ __schema { types { fields { type { ofType { fields { type { ofType { "
    "fields { type { name } } } } } } } } } } }"
)

CASES = [
    Hostile(
        "introspection-nested-in-itself",
        {"query": INTROSPECTION_NESTED},
        "GRAPHQL_VALIDATION_FAILED",
        "Maximum introspection depth exceeded",
    ),
    Hostile(
        "too-deep",
        {"query": nested(14)},
        "QUERY_TOO_DEEP",
        "'anonymous' exceeds maximum operation depth of 12",
    ),
    Hostile(
        "braces-nested-5000-deep",
        {"query": "{" + "role{" * 5000 + "slug" + "}" * 5001},
        "GRAPHQL_PARSE_FAILED",
        "Syntax Error: Document is nested too deeply",
    ),
    Hostile(
        "too-many-aliases",
        {"query": aliases(16, "framework { name }")},
        "TOO_MANY_ALIASES",
        "16 aliases found. Allowed: 15",
    ),
    Hostile(
        "too-many-tokens",
        {"query": "{ framework { " + " ".join(["name"] * 2000) + " } }"},
        "TOO_MANY_TOKENS",
        "Syntax Error: Document contains more than 2000 tokens",
    ),
    Hostile(
        "directive-flood",
        {"query": "{ framework " + "@skip(if: false) " * 400 + "{ name } }"},
        "TOO_MANY_TOKENS",
        "Syntax Error: Document contains more than 2000 tokens",
    ),
    # One token each, so the token limit let them through, and graphql-core's
    # lexer spent 1.3-2.5 s on a megabyte of one (900 KB here: the body limit
    # is 1 MB). The length limit refuses them before anything reads them.
    Hostile(
        "string-of-900-kb",
        {"query": '{ role(slug: "' + "x" * 900_000 + '") { slug } }'},
        "QUERY_TOO_LONG",
        "The query is 900,027 characters long; at most 32,768 are allowed",
    ),
    Hostile(
        "block-string-of-900-kb",
        {"query": '{ role(slug: """' + "x" * 900_000 + '""") { slug } }'},
        "QUERY_TOO_LONG",
        "The query is 900,031 characters long; at most 32,768 are allowed",
    ),
    Hostile(
        "comment-of-900-kb",
        {"query": "#" + "x" * 900_000 + "\n{ framework { name } }"},
        "QUERY_TOO_LONG",
        "The query is 900,024 characters long; at most 32,768 are allowed",
    ),
    Hostile(
        "fragment-bomb-2-to-the-40",
        {"query": fragment_bomb(40)},
        "QUERY_TOO_COMPLEX",
        "The document has more than 10^9 fields once its fragments are expanded",
    ),
    Hostile(
        "fragment-cycle",
        {
            "query": "query { ...A } fragment A on Query { ...B } "
            "fragment B on Query { ...A }"
        },
        "GRAPHQL_VALIDATION_FAILED",
        "Cannot spread fragment 'A' within itself via 'B'",
    ),
    Hostile(
        "one-field-repeated",
        {"query": "{ " + " ".join(["framework { name }"] * 11) + " }"},
        "QUERY_TOO_COMPLEX",
        "The field 'framework' appears 11 times in one selection set",
    ),
    Hostile(
        "nested-lists-under-every-limit",
        {"query": NEXT_OF_NEXT},
        "QUERY_TOO_COSTLY",
        "The query's estimated cost is 3,454,329; at most 200,000 is allowed",
    ),
    Hostile(
        "fifteen-times-100-paths",
        {"query": aliases(15, PATHS_WITH_STEPS)},
        "QUERY_TOO_COSTLY",
        "The query's estimated cost is 332,265; at most 200,000 is allowed",
    ),
    Hostile(
        "first-above-100",
        {"query": "{ roles(first: 101) { totalCount } }"},
        "BAD_USER_INPUT",
        "first must be between 0 and 100",
    ),
    Hostile(
        "first-negative",
        {"query": "{ skills(first: -1) { totalCount } }"},
        "BAD_USER_INPUT",
        "first must be between 0 and 100",
    ),
    Hostile(
        "first-beyond-32-bits",
        {"query": "{ roles(first: 99999999999) { totalCount } }"},
        "GRAPHQL_VALIDATION_FAILED",
        "Int cannot represent non 32-bit signed integer value: 99999999999",
    ),
    Hostile(
        "limit-above-100",
        {
            "query": '{ role(slug: "software-engineer") { '
            "similarRoles(limit: 101) { score } } }"
        },
        "BAD_USER_INPUT",
        "limit must be between 1 and 100",
        data={"role": None},
    ),
    Hostile(
        "profile-of-251-skills",
        {
            "query": MATCH_PROFILE,
            "variables": {"p": PROFILE_251},
        },
        "BAD_USER_INPUT",
        "A profile holds at most 250 skills",
    ),
    Hostile(
        "body-over-1-mb",
        {"query": NORMAL, "padding": "x" * 1_000_001},
        "PAYLOAD_TOO_LARGE",
        "The request body is larger than 1000000 bytes",
        status=413,
    ),
    Hostile(
        "batch-of-operations",
        [{"query": NORMAL}, {"query": NORMAL}],
        "BATCHING_NOT_SUPPORTED",
        "Batched requests (a JSON array) are not accepted",
        status=400,
    ),
    Hostile(
        "not-json",
        b"{ framework { name } }",
        "BAD_REQUEST",
        "The request body is not valid JSON",
        status=400,
    ),
    Hostile(
        "not-utf8",
        b'{"query": "\xff"}',
        "BAD_REQUEST",
        "The request body is not UTF-8 (byte 11); send JSON as UTF-8, which JSON "
        "requires",
        status=415,
    ),
    Hostile(
        "json-nested-5000-deep",
        b'{"query": "{ framework { name } }", "variables": '
        + b"[" * 5000
        + b"]" * 5000
        + b"}",
        "BAD_REQUEST",
        "The request body is nested too deeply: at most 1024 levels of arrays "
        "and objects are read",
        status=400,
    ),
    Hostile(
        "json-not-an-object",
        b'"{ framework { name } }"',
        "BAD_REQUEST",
        "The request must be a JSON object with a 'query'",
        status=400,
    ),
    Hostile(
        "no-query",
        {"variables": {}},
        "BAD_REQUEST",
        "The request has no 'query'",
        status=400,
    ),
    Hostile(
        "variables-not-an-object",
        {"query": NORMAL, "variables": [1]},
        "BAD_REQUEST",
        "'variables' must be a JSON object",
        status=400,
    ),
    Hostile(
        "wrong-content-type",
        b"query=%7B%7D",
        "BAD_REQUEST",
        "Send the request body as JSON",
        status=415,
        headers={"content-type": "application/x-www-form-urlencoded"},
    ),
    Hostile(
        "mutation",
        {"query": "mutation { framework { name } }"},
        "OPERATION_NOT_ALLOWED",
        "Only queries are accepted; this API has no mutations",
    ),
    Hostile(
        "subscription",
        {"query": "subscription { framework { name } }"},
        "OPERATION_NOT_ALLOWED",
        "Only queries are accepted; this API has no subscriptions",
    ),
    Hostile(
        "unknown-operation-name",
        {"query": "query A { framework { name } }", "operationName": "B"},
        "BAD_REQUEST",
        "No operation named 'B' in the document",
    ),
    Hostile(
        "malformed-global-id",
        {"query": '{ node(id: "!!!") { id } }'},
        "BAD_USER_INPUT",
        "Malformed id '!!!'",
        data={"node": None},
    ),
    Hostile(
        "malformed-cursor",
        {"query": '{ roles(after: "!!!") { totalCount } }'},
        "BAD_USER_INPUT",
        "Malformed cursor '!!!'",
    ),
    Hostile(
        "variable-of-the-wrong-shape",
        {
            "query": MATCH_PROFILE,
            "variables": {"p": [[{"code": "PROG", "level": 3}]]},
        },
        "BAD_USER_INPUT",
        "Variable '$p' has invalid value at [0]",
    ),
    Hostile(
        "unknown-field",
        {"query": "{ __typename password }"},
        "GRAPHQL_VALIDATION_FAILED",
        "Cannot query field 'password' on type 'Query'",
    ),
]


@pytest.fixture(scope="module")
def client(sample_state: ServedState) -> Iterator[TestClient]:
    with TestClient(create_app(sample_state)) as test_client:
        yield test_client


def send(client: TestClient, case: Hostile) -> tuple[Any, float]:
    started = time.perf_counter()
    if isinstance(case.body, bytes):
        headers = {"content-type": "application/json", **case.headers}
        response = client.post("/graphql", content=case.body, headers=headers)
    else:
        response = client.post("/graphql", json=case.body, headers=case.headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == case.status, response.text[:500]
    return response.json(), elapsed


def assert_still_answers(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": NORMAL})
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "framework": {"name": "Example Engineering Framework", "roleCount": 27}
        }
    }


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_request_is_refused_with_a_code(
    client: TestClient, case: Hostile
) -> None:
    answer, elapsed = send(client, case)
    print(f"\n{case.id}: refused in {elapsed * 1000:.1f} ms")
    assert answer["data"] == case.data
    assert len(answer["errors"]) == 1
    error = answer["errors"][0]
    assert error["extensions"]["code"] == case.code
    assert error["message"].startswith(case.message), error["message"]
    assert "Traceback" not in str(answer)
    assert_still_answers(client)


def test_introspection_refused_when_switched_off(sample_state: ServedState) -> None:
    with TestClient(create_app(sample_state, introspection=False)) as client:
        answer, _ = send(
            client,
            Hostile(
                "introspection", {"query": "{ __schema { types { name } } }"}, "", ""
            ),
        )
        assert {e["extensions"]["code"] for e in answer["errors"]} == {
            "INTROSPECTION_DISABLED"
        }
        assert_still_answers(client)


def test_a_mutation_by_get_is_not_allowed(client: TestClient) -> None:
    response = client.get(
        "/graphql", params={"query": "mutation { framework { name } }"}
    )
    assert response.status_code == 405
    assert [e["extensions"]["code"] for e in response.json()["errors"]] == [
        "OPERATION_NOT_ALLOWED"
    ]
    assert_still_answers(client)


def test_a_lying_content_length_is_refused_before_reading(client: TestClient) -> None:
    response = client.post(
        "/graphql",
        content=b'{"query": "{ framework { name } }"}',
        headers={"content-type": "application/json", "content-length": "10000000"},
    )
    # The declared length alone is refused: nothing of the body is waited for.
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    assert_still_answers(client)


def test_the_cost_limit_is_configurable(sample_state: ServedState) -> None:
    query = '{ role(slug: "software-engineer") { similarRoles(limit: 100) { score } } }'
    with TestClient(create_app(sample_state, limits=Limits(max_cost=209))) as client:
        answer = client.post("/graphql", json={"query": query}).json()
        assert answer["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
        assert answer["errors"][0]["message"].startswith(
            "The query's estimated cost is 210; at most 209 is allowed"
        )
    with TestClient(create_app(sample_state, limits=Limits(max_cost=210))) as client:
        answer = client.post("/graphql", json={"query": query}).json()
        assert "errors" not in answer
        # Every role with a core skill in common (similar roles at 0 are left out).
        assert len(answer["data"]["role"]["similarRoles"]) == 11
