"""GraphQL over HTTP media types, HTTP caching of GET queries, /metrics and
the JSON request log, through the real app (TestClient)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from competency_explorer.api import ServedState
from competency_explorer.app import create_app
from competency_explorer.http_cache import framework_digest
from competency_explorer.loader import load_or_raise
from competency_explorer.media_types import GRAPHQL_RESPONSE

LEVELS = "query Levels { levels { number } }"
# Nested 15 deep: past the depth limit (12).
DEEP = (
    '{ role(slug: "lead-engineer") { '
    + "nextRoles { to { " * 7
    + "slug"
    + " } }" * 7
    + " } }"
)
GRAPHQL = {"accept": GRAPHQL_RESPONSE}


@pytest.fixture
def client(sample_state: ServedState) -> Iterator[TestClient]:
    with TestClient(create_app(sample_state)) as test_client:
        yield test_client


# -- application/graphql-response+json ----------------------------------------


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"query": "{"}, "GRAPHQL_PARSE_FAILED"),
        ({"query": "{ nothing }"}, "GRAPHQL_VALIDATION_FAILED"),
        (
            {"query": "query($n: Int!) { level(number: $n) { name } }"},
            "GRAPHQL_VALIDATION_FAILED",
        ),
        (
            {
                "query": "query($code: String!) { skill(code: $code) { name } }",
                "variables": {"code": 5},
            },
            "BAD_USER_INPUT",
        ),
    ],
)
def test_a_request_error_is_400_without_data(
    client: TestClient, body: dict[str, Any], code: str
) -> None:
    answer = client.post("/graphql", json=body, headers=GRAPHQL)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == GRAPHQL_RESPONSE
    assert "data" not in answer.json()
    assert answer.json()["errors"][0]["extensions"]["code"] == code
    # The same request accepting JSON: 200 and data null, as before.
    legacy = client.post("/graphql", json=body, headers={"accept": "application/json"})
    assert legacy.status_code == 200
    assert legacy.headers["content-type"] == "application/json"
    assert legacy.json()["data"] is None


def test_a_limit_refusal_is_a_request_error(client: TestClient) -> None:
    answer = client.post("/graphql", json={"query": DEEP}, headers=GRAPHQL)
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert "data" not in answer.json()


def test_a_field_error_is_200_with_its_data(client: TestClient) -> None:
    # The operation ran: a field failed (an unknown role), data is null.
    query = '{ skillGap(profile: [], target: "nobody") { effort } }'
    answer = client.post("/graphql", json={"query": query}, headers=GRAPHQL)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == GRAPHQL_RESPONSE
    assert answer.json()["data"] is None
    assert answer.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/json"),
        ("*/*", "application/json"),
        ("application/json", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE}, application/json;q=0.9", GRAPHQL_RESPONSE),
    ],
)
def test_the_answer_is_in_the_accepted_media_type(
    client: TestClient, accept: str | None, media: str
) -> None:
    headers = {"accept": accept} if accept else {}
    answer = client.post("/graphql", json={"query": LEVELS}, headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == media
    assert len(answer.json()["data"]["levels"]) == 7


def test_refusals_before_graphql_follow_the_media_type(client: TestClient) -> None:
    answer = client.post(
        "/graphql", content=b"query", headers={**GRAPHQL, "content-type": "text/plain"}
    )
    assert answer.status_code == 415
    assert answer.headers["content-type"] == GRAPHQL_RESPONSE
    assert answer.json() == {
        "errors": [
            {
                "message": "Send the request body as JSON "
                "(Content-Type: application/json)",
                "extensions": {"code": "BAD_REQUEST"},
            }
        ]
    }


@pytest.mark.parametrize("extensions", ["x", 1, True, [1]])
def test_extensions_must_be_a_map(client: TestClient, extensions: Any) -> None:
    answer = client.post(
        "/graphql", json={"query": LEVELS, "extensions": extensions}, headers=GRAPHQL
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["message"] == "'extensions' must be a JSON object"
    fine = client.post("/graphql", json={"query": LEVELS, "extensions": {"a": 1}})
    assert fine.status_code == 200


# -- caching --------------------------------------------------------------------


def get(client: TestClient, **headers: str) -> Any:
    return client.get("/graphql", params={"query": LEVELS}, headers=headers)


def test_a_get_answer_is_cacheable_and_revalidated(client: TestClient) -> None:
    first = get(client)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', tag)
    assert first.headers["cache-control"] == "public, max-age=60"
    assert first.headers["vary"] == "Accept"
    again = get(client, **{"if-none-match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert again.headers["cache-control"] == "public, max-age=60"
    for header in (f"W/{tag}", f'"other", {tag}', "*"):
        assert get(client, **{"if-none-match": header}).status_code == 304
    assert get(client, **{"if-none-match": '"other"'}).status_code == 200
    # Another media type is another representation, with its own tag.
    other = get(client, accept=GRAPHQL_RESPONSE)
    assert other.headers["etag"] != tag
    assert get(client, **{"if-none-match": tag}).headers["etag"] == tag


def test_errors_and_posts_are_not_cacheable(client: TestClient) -> None:
    error = client.get("/graphql", params={"query": "{ nothing }"})
    assert error.headers["cache-control"] == "no-store"
    assert "etag" not in error.headers
    field_error = client.get(
        "/graphql",
        params={"query": '{ skillGap(profile: [], target: "nobody") { effort } }'},
    )
    assert field_error.headers["cache-control"] == "no-store"
    assert "etag" not in field_error.headers
    post = client.post("/graphql", json={"query": LEVELS})
    assert post.status_code == 200
    assert post.headers["cache-control"] == "no-store"
    assert "etag" not in post.headers
    # An ETag sent with a POST changes nothing.
    tag = get(client).headers["etag"]
    posted = client.post(
        "/graphql", json={"query": LEVELS}, headers={"if-none-match": tag}
    )
    assert posted.status_code == 200


def test_max_age_zero_sends_no_cache(sample_state: ServedState) -> None:
    with TestClient(create_app(sample_state, cache_max_age=0)) as test_client:
        answer = get(test_client)
        assert answer.headers["cache-control"] == "no-cache"
        assert "etag" in answer.headers
        tag = answer.headers["etag"]
        assert get(test_client, **{"if-none-match": tag}).status_code == 304


def test_the_etag_is_the_frameworks_content_and_a_change_changes_it(
    sample_state: ServedState, tmp_path: Path
) -> None:
    # The same files loaded again (another worker, another machine): the
    # same tag. Changed files: every tag changes.
    same = ServedState.build(load_or_raise())
    with TestClient(create_app(sample_state)) as a, TestClient(create_app(same)) as b:
        assert get(a).headers["etag"] == get(b).headers["etag"]
    data = Path(__file__).parents[1] / "data"
    shutil.copytree(data, tmp_path, dirs_exist_ok=True)
    framework_yaml = tmp_path / "framework.yaml"
    framework_yaml.write_text(
        framework_yaml.read_text(encoding="utf-8").replace(
            "Example Engineering Framework", "Renamed Framework"
        ),
        encoding="utf-8",
    )
    app = create_app(sample_state, watch=[str(tmp_path)])
    with TestClient(app) as watched:
        before = get(watched)
        assert app.state.reloader.reload() is True
        after = get(watched)
        # The same answer, another framework: another tag, and the old one
        # no longer matches.
        assert after.json() == before.json()
        assert after.headers["etag"] != before.headers["etag"]
        old = {"if-none-match": before.headers["etag"]}
        assert get(watched, **old).status_code == 200


# -- metrics --------------------------------------------------------------------


def samples(text: str) -> dict[str, float]:
    """The exposition's samples, keyed by name and labels as written."""
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            found[key] = float(value)
    return found


def test_metrics(sample_state: ServedState) -> None:
    app = create_app(sample_state)
    with TestClient(app) as test_client:
        for _ in range(3):
            test_client.post("/graphql", json={"query": LEVELS})
        test_client.post("/graphql", json={"query": "{"})
        test_client.post("/graphql", json={"query": DEEP})
        test_client.post("/graphql", json={"query": "{ levels { number } }"})
        page = test_client.get("/metrics")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/plain")
    found = samples(page.text)
    digest = framework_digest(sample_state.framework)
    expected = {
        'competency_graphql_requests_total{operation="Levels",outcome="data"}': 3.0,
        'competency_graphql_requests_total{operation="(anonymous)",'
        'outcome="data"}': 1.0,
        'competency_graphql_requests_total{operation="(anonymous)",'
        'outcome="GRAPHQL_PARSE_FAILED"}': 1.0,
        'competency_graphql_requests_total{operation="(anonymous)",'
        'outcome="QUERY_TOO_DEEP"}': 1.0,
        "competency_graphql_request_duration_seconds_count": 6.0,
        # The first Levels ran; the two after it came from the cache.
        'competency_result_cache_lookups_total{result="hit"}': 2.0,
        'competency_result_cache_lookups_total{result="miss"}': 4.0,
        'competency_requests_refused_total{limit="max_depth"}': 1.0,
        'competency_framework_info{digest="'
        + digest
        + '",name="Example Engineering Framework"}': 1.0,
        "competency_framework_version": 1.0,
        "competency_framework_roles": 27.0,
        "competency_framework_skills": 39.0,
    }
    assert {key: found.get(key) for key in expected} == expected
    assert found['competency_graphql_request_duration_seconds_bucket{le="+Inf"}'] == 6


def test_heads_past_the_limit_are_counted_as_refused(sample_state: ServedState) -> None:
    # Read whole by h11, then refused by HeadLimits: counted by their limit.
    with TestClient(create_app(sample_state)) as test_client:
        url = test_client.get("/graphql", params={"query": "{" + "a" * 17_000 + "}"})
        headers = test_client.get("/healthz", headers={"x-pad": "a" * 17_000})
        found = samples(test_client.get("/metrics").text)
    assert (url.status_code, headers.status_code) == (414, 431)
    assert url.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert {
        limit: found.get(f'competency_requests_refused_total{{limit="{limit}"}}')
        for limit in ("request_line", "request_headers")
    } == {"request_line": 1.0, "request_headers": 1.0}


def test_operation_names_are_bounded(sample_state: ServedState) -> None:
    app = create_app(sample_state)
    with TestClient(app) as test_client:
        for n in range(105):
            test_client.post(
                "/graphql", json={"query": f"query Q{n} {{ levels {{ number }} }}"}
            )
        test_client.post(
            "/graphql", json={"query": LEVELS, "operationName": "not a name!"}
        )
        found = samples(test_client.get("/metrics").text)
    named = {
        key: value
        for key, value in found.items()
        if key.startswith("competency_graphql_requests_total")
    }
    # 100 names, then (other): Q100-Q104, and a name that is no GraphQL name
    # (its operation is not in the document: BAD_REQUEST).
    assert len(named) == 102
    assert (
        named['competency_graphql_requests_total{operation="Q99",outcome="data"}'] == 1
    )
    assert (
        named['competency_graphql_requests_total{operation="(other)",outcome="data"}']
        == 5
    )
    assert (
        named[
            'competency_graphql_requests_total{operation="(other)",outcome="BAD_REQUEST"}'
        ]
        == 1
    )


def test_reloads_are_counted(sample_state: ServedState, tmp_path: Path) -> None:
    framework_yaml = tmp_path / "framework.yaml"
    data = Path(__file__).parents[1] / "data"
    shutil.copytree(data, tmp_path, dirs_exist_ok=True)
    app = create_app(sample_state, watch=[str(tmp_path)])
    # No lifespan (no `with`): the watcher that would also see the broken
    # file, and refuse it a second time, never starts; the reloads are the
    # test's own.
    test_client = TestClient(app)
    assert app.state.reloader.reload() is True
    framework_yaml.write_text("name: [broken\n", encoding="utf-8")
    assert app.state.reloader.reload() is False
    found = samples(test_client.get("/metrics").text)
    assert found['competency_reloads_total{outcome="accepted"}'] == 1.0
    assert found['competency_reloads_total{outcome="refused"}'] == 1.0
    assert found["competency_framework_version"] == 2.0


# -- the JSON request log -----------------------------------------------------------


def test_json_log_writes_one_object_per_request(
    sample_state: ServedState, capsys: pytest.CaptureFixture[str]
) -> None:
    app = create_app(sample_state, log_format="json")
    with TestClient(app) as test_client:
        test_client.post("/graphql", json={"query": LEVELS})
        test_client.post("/graphql", json={"query": "{"})
        test_client.get("/healthz")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [
        {k: v for k, v in line.items() if k not in ("time", "duration_ms")}
        for line in lines
    ] == [
        {
            "method": "POST",
            "path": "/graphql",
            "operation": "Levels",
            "status": 200,
            "error": None,
        },
        {
            "method": "POST",
            "path": "/graphql",
            "operation": None,
            "status": 200,
            "error": "GRAPHQL_PARSE_FAILED",
        },
        {
            "method": "GET",
            "path": "/healthz",
            "operation": None,
            "status": 200,
            "error": None,
        },
    ]
    for line in lines:
        assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", line["time"]
        )
