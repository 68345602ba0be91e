"""The HTTP layer through Starlette's TestClient: /graphql, /healthz, the front end."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from starlette.types import Message

from competency_explorer import __version__
from competency_explorer.api import Limits, ServedState, StateHolder
from competency_explorer.app import CONTENT_SECURITY_POLICY, FALLBACK_IDE, create_app
from competency_explorer.model import Framework

FRONTEND = Path(__file__).parents[1] / "frontend"
NAME_QUERY = "{ framework { name } }"


@pytest.fixture(scope="module")
def client(small_state: ServedState) -> Iterator[TestClient]:
    with TestClient(create_app(small_state)) as test_client:
        yield test_client


def error(code: str, message: str) -> dict[str, Any]:
    return {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": code}}],
    }


def test_post(client: TestClient) -> None:
    response = client.post("/graphql", json={"query": NAME_QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"data": {"framework": {"name": "small"}}}


def test_post_with_variables_and_operation_name(client: TestClient) -> None:
    body = {
        "query": "query A { framework { name } } "
        "query B($slug: String!) { role(slug: $slug) { title } }",
        "variables": {"slug": "team-lead"},
        "operationName": "B",
    }
    response = client.post("/graphql", json=body)
    assert response.json() == {"data": {"role": {"title": "Team Lead"}}}


def test_get(client: TestClient) -> None:
    response = client.get(
        "/graphql",
        params={
            "query": "query($slug: String!) { role(slug: $slug) { title } }",
            "variables": json.dumps({"slug": "intern"}),
        },
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"role": {"title": "Intern"}}}


def test_errors_come_back_with_200_and_a_code(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": '{ sharedSkills(a: "x", b: "intern") { levelA } }'}
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": None,
        "errors": [
            {
                "message": "Unknown role: 'x'",
                "locations": [{"line": 1, "column": 3}],
                "path": ["sharedSkills"],
                "extensions": {"code": "NOT_FOUND"},
            }
        ],
    }


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_mutations_are_refused(client: TestClient, method: str) -> None:
    query = "mutation { deleteEverything }"
    if method == "GET":
        response = client.get("/graphql", params={"query": query})
        assert response.status_code == 405
    else:
        response = client.post("/graphql", json={"query": query})
        assert response.status_code == 200
    assert response.json() == error(
        "OPERATION_NOT_ALLOWED", "Only queries are accepted; this API has no mutations"
    )


# (how to send it, status, code, message)
BAD_REQUESTS: list[tuple[dict[str, Any], int, str, str]] = [
    (
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        400,
        "BAD_REQUEST",
        "The request body is not valid JSON",
    ),
    (
        {"content": NAME_QUERY.encode(), "headers": {"content-type": "text/plain"}},
        415,
        "BAD_REQUEST",
        "Send the request body as JSON (Content-Type: application/json)",
    ),
    (
        {"json": {"variables": {}}},
        400,
        "BAD_REQUEST",
        "The request has no 'query' (a GraphQL document as a string)",
    ),
    (
        {"json": {"query": 42}},
        400,
        "BAD_REQUEST",
        "The request has no 'query' (a GraphQL document as a string)",
    ),
    (
        {"json": "just a string"},
        400,
        "BAD_REQUEST",
        "The request must be a JSON object with a 'query'",
    ),
    (
        {"json": {"query": NAME_QUERY, "variables": [1, 2]}},
        400,
        "BAD_REQUEST",
        "'variables' must be a JSON object",
    ),
    (
        {"json": {"query": NAME_QUERY, "operationName": 7}},
        400,
        "BAD_REQUEST",
        "'operationName' must be a string",
    ),
    (
        {"json": [{"query": NAME_QUERY}, {"query": NAME_QUERY}]},
        400,
        "BATCHING_NOT_SUPPORTED",
        "Batched requests (a JSON array) are not accepted; send one operation per "
        "request",
    ),
    (
        {"json": {"query": NAME_QUERY, "operationName": "Nope"}},
        200,
        "BAD_REQUEST",
        "No operation named 'Nope' in the document",
    ),
]


@pytest.mark.parametrize(("send", "status", "code", "message"), BAD_REQUESTS)
def test_bad_requests(
    client: TestClient, send: dict[str, Any], status: int, code: str, message: str
) -> None:
    response = client.post("/graphql", **send)
    assert response.status_code == status
    assert response.json() == error(code, message)


def test_bad_get_variables(client: TestClient) -> None:
    response = client.get(
        "/graphql", params={"query": NAME_QUERY, "variables": "{oops"}
    )
    assert response.status_code == 400
    assert response.json() == error(
        "BAD_REQUEST", "The 'variables' parameter is not valid JSON"
    )


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_other_methods(client: TestClient, method: str) -> None:
    response = client.request(method, "/graphql", json={"query": NAME_QUERY})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert response.json() == error("BAD_REQUEST", "Use GET or POST")


def test_options_says_what_is_allowed(client: TestClient) -> None:
    # It was a text/plain 405 whose Allow header listed PUT, PATCH and DELETE.
    response = client.options("/graphql")
    assert (response.status_code, response.content) == (204, b"")
    assert response.headers["allow"] == "GET, HEAD, POST, OPTIONS"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        # It was read as UTF-8 all the same.
        (
            {"content-type": "application/json; charset=latin1"},
            "The request body must be UTF-8, not 'latin1'; send it as UTF-8 "
            "(charset=utf-8), which JSON requires",
        ),
        (
            {"content-type": 'application/json; charset="UTF-16"'},
            "The request body must be UTF-8, not '\"UTF-16\"'; send it as UTF-8 "
            "(charset=utf-8), which JSON requires",
        ),
        # It was "not valid JSON".
        (
            {"content-type": "application/json", "content-encoding": "gzip"},
            "Compressed request bodies (Content-Encoding: gzip) are not accepted; "
            "send the JSON as it is",
        ),
    ],
    ids=["latin1", "utf-16", "gzip"],
)
def test_bodies_it_cannot_read_are_refused_with_415(
    client: TestClient, headers: dict[str, str], message: str
) -> None:
    body = json.dumps({"query": NAME_QUERY}).encode()
    response = client.post("/graphql", content=body, headers=headers)
    assert response.status_code == 415
    assert response.json() == error("BAD_REQUEST", message)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            json.dumps({"query": "{ framework { name } }"}).encode("utf-16"),
            "The request body is not UTF-8 (byte 0); send JSON as UTF-8, which "
            "JSON requires",
        ),
        (
            '{"query": "{ framework { name } }", "x": "caf\u00e9"}'.encode("latin-1"),
            "The request body is not UTF-8 (byte 45); send JSON as UTF-8, which "
            "JSON requires",
        ),
    ],
    ids=["utf-16", "latin-1"],
)
def test_a_body_not_in_utf8_is_refused_with_415_whatever_it_claims(
    client: TestClient, body: bytes, message: str
) -> None:
    headers = {"content-type": "application/json"}
    response = client.post("/graphql", content=body, headers=headers)
    assert response.status_code == 415
    assert response.json() == error("BAD_REQUEST", message)


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"', "utf8"])
def test_utf8_by_any_spelling_is_read(client: TestClient, charset: str) -> None:
    headers = {"content-type": f"application/json; charset={charset}"}
    body = json.dumps({"query": NAME_QUERY}).encode()
    response = client.post("/graphql", content=body, headers=headers)
    assert response.json() == {"data": {"framework": {"name": "small"}}}


def test_a_client_gone_mid_body_is_one_line_of_log(
    small_state: ServedState, caplog: pytest.LogCaptureFixture
) -> None:
    # It was logged as an unexpected error, with a 13-line traceback.
    app = create_app(small_state)
    messages: list[Message] = [
        {"type": "http.request", "body": b'{"query": "{ fra', "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/graphql",
        "raw_path": b"/graphql",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"host", b"t")],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }
    with caplog.at_level(logging.DEBUG):
        asyncio.run(app(scope, receive, send))
    logged = [
        (r.levelname, r.getMessage(), r.exc_info)
        for r in caplog.records
        if r.name.startswith("competency_explorer")
    ]
    assert logged == [
        (
            "INFO",
            "client disconnected before sending the whole request to POST /graphql",
            None,
        )
    ]


def test_body_size_limit(small_state: ServedState) -> None:
    app = create_app(small_state, limits=Limits(max_body_bytes=100))
    too_large = error("PAYLOAD_TOO_LARGE", "The request body is larger than 100 bytes")
    with TestClient(app) as client:
        json_headers = {"content-type": "application/json"}
        for size, status in ((100, 200), (101, 413)):
            head = b'{"query": "{ framework { name } }", "variables": {"pad": "'
            body = head + b"x" * (size - len(head) - 3) + b'"}}'
            assert len(body) == size
            response = client.post("/graphql", content=body, headers=json_headers)
            assert response.status_code == status
        assert response.json() == too_large

        # Without a Content-Length (chunked), the body is cut off as it streams.
        def chunks() -> Iterator[bytes]:
            yield b'{"query": "{ framework { name } }", '
            yield b'"variables": {"pad": "' + b"x" * 200 + b'"}}'

        response = client.post("/graphql", content=chunks(), headers=json_headers)
        assert response.status_code == 413
        assert response.json() == too_large


def test_the_default_body_limit_is_one_megabyte(client: TestClient) -> None:
    padding = "x" * 1_000_000
    response = client.post(
        "/graphql", json={"query": NAME_QUERY, "variables": {"p": padding}}
    )
    assert response.status_code == 413


def test_batching_when_switched_on(small_state: ServedState) -> None:
    app = create_app(small_state, limits=Limits(batching=True, max_batch=2))
    with TestClient(app) as client:
        response = client.post(
            "/graphql",
            json=[
                {"query": NAME_QUERY},
                {"query": '{ role(slug: "intern") { level { number } } }'},
            ],
        )
        assert response.json() == [
            {"data": {"framework": {"name": "small"}}},
            {"data": {"role": {"level": {"number": 1}}}},
        ]
        response = client.post("/graphql", json=[{"query": NAME_QUERY}] * 3)
        assert response.status_code == 400
        assert response.json() == error(
            "BATCHING_NOT_SUPPORTED", "A batch holds 1 to 2 operations, not 3"
        )


def test_a_browser_gets_the_explorer_page(client: TestClient) -> None:
    response = client.get("/graphql", headers={"accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == (FRONTEND / "graphiql.html").read_text(encoding="utf-8")


def test_the_explorer_falls_back_to_a_plain_page(
    small_state: ServedState, tmp_path: Path
) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>home")
    with TestClient(create_app(small_state, frontend_dir=tmp_path)) as client:
        response = client.get("/graphql", headers={"accept": "text/html"})
        assert response.status_code == 200
        assert response.text == FALLBACK_IDE
        assert client.get("/").text == "<!doctype html><title>x</title>home"


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "framework": "small",
        "roleCount": 9,
        "skillCount": 6,
        "version": __version__,
        "frameworkVersion": 1,
        "refusedReload": None,
    }


def test_front_end_with_security_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.text == (FRONTEND / "index.html").read_text(encoding="utf-8")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert CONTENT_SECURITY_POLICY.startswith("default-src 'self'; script-src 'self';")
    api = client.post("/graphql", json={"query": NAME_QUERY})
    assert api.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/js/", "/../pyproject.toml", "/%2e%2e/pyproject.toml", "/nope.html"]
)
def test_no_listing_and_no_escape(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "pyproject" not in response.text


def test_no_front_end_folder(small_state: ServedState, tmp_path: Path) -> None:
    with TestClient(
        create_app(small_state, frontend_dir=tmp_path / "missing")
    ) as client:
        response = client.get("/")
        assert response.status_code == 200
        assert "No front end is installed" in response.text


def test_cors_is_off_by_default(client: TestClient) -> None:
    response = client.options(
        "/graphql",
        headers={
            "origin": "https://elsewhere.example",
            "access-control-request-method": "POST",
        },
    )
    assert "access-control-allow-origin" not in response.headers
    response = client.post(
        "/graphql",
        json={"query": NAME_QUERY},
        headers={"origin": "https://elsewhere.example"},
    )
    assert "access-control-allow-origin" not in response.headers


def test_cors_origins(small_state: ServedState) -> None:
    allowed = ("https://a.example", "https://b.example")
    with TestClient(create_app(small_state, cors_origins=allowed)) as client:
        preflight = client.options(
            "/graphql",
            headers={
                "origin": "https://b.example",
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://b.example"
        response = client.post(
            "/graphql",
            json={"query": NAME_QUERY},
            headers={"origin": "https://a.example"},
        )
        assert response.headers["access-control-allow-origin"] == "https://a.example"
        other = client.post(
            "/graphql",
            json={"query": NAME_QUERY},
            headers={"origin": "https://c.example"},
        )
        assert "access-control-allow-origin" not in other.headers


def test_introspection_off(small_state: ServedState) -> None:
    with TestClient(create_app(small_state, introspection=False)) as client:
        response = client.post(
            "/graphql", json={"query": "{ __schema { types { name } } }"}
        )
        assert {e["extensions"]["code"] for e in response.json()["errors"]} == {
            "INTROSPECTION_DISABLED"
        }


def test_a_swapped_state_is_served_from_the_next_request(
    small_framework: Framework,
) -> None:
    holder = StateHolder(ServedState.build(small_framework))
    with TestClient(create_app(holder)) as client:
        assert client.get("/healthz").json()["framework"] == "small"
        renamed = Framework(
            name="renamed",
            levels=small_framework.levels,
            roles=small_framework.roles[:1],
            career_paths=small_framework.career_paths,
        )
        previous = holder.swap(ServedState.build(renamed))
        assert previous.framework.name == "small"
        assert client.get("/healthz").json()["roleCount"] == 1
        answer = client.post("/graphql", json={"query": NAME_QUERY}).json()
        assert answer == {"data": {"framework": {"name": "renamed"}}}


def test_no_traceback_reaches_the_client(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from competency_explorer.api import query

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero in a secret place")

    monkeypatch.setattr(query.graph, "similar_roles", broken)
    response = client.post(
        "/graphql",
        json={"query": '{ role(slug: "intern") { similarRoles { score } } }'},
    )
    assert response.status_code == 200
    body = response.json()
    assert [e["extensions"]["code"] for e in body["errors"]] == [
        "INTERNAL_SERVER_ERROR"
    ]
    assert "secret" not in response.text
    assert "Traceback" not in response.text


def test_a_fault_of_the_adapter_is_a_json_500(
    small_state: ServedState, monkeypatch: pytest.MonkeyPatch
) -> None:
    from competency_explorer import app as app_module

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("secret")

    monkeypatch.setattr(app_module, "parse_request", broken)
    with TestClient(create_app(small_state)) as client:
        response = client.post("/graphql", json={"query": NAME_QUERY})
    assert response.status_code == 500
    assert response.json() == error("INTERNAL_SERVER_ERROR", "Internal server error")
