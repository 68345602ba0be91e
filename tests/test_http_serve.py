"""/metrics and the JSON request log through a real `competency serve`:
with --workers 2 the counts add up over both workers whichever answers."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from test_http_caching import samples
from tools.localserver import free_port, serving

pytestmark = pytest.mark.timeout(180)

LEVELS = "query Levels { levels { number } }"


def test_metrics_add_up_over_two_workers() -> None:
    requests = 40
    with serving(["--workers", "2"]) as served:
        for n in range(requests):
            # A connection each, so that both workers take their share.
            with httpx.Client(base_url=served.url) as client:
                query = LEVELS if n % 4 else "{"
                client.post("/graphql", json={"query": query})
        scrapes = []
        for _ in range(6):
            with httpx.Client(base_url=served.url) as client:
                scrapes.append(samples(client.get("/metrics").text))
    data = 'competency_graphql_requests_total{operation="Levels",outcome="data"}'
    failed = (
        'competency_graphql_requests_total{operation="(anonymous)",'
        'outcome="GRAPHQL_PARSE_FAILED"}'
    )
    for found in scrapes:
        # Every scrape sees all 40, whichever worker answered it.
        assert found[data] == 30
        assert found[failed] == 10
        assert found["competency_graphql_request_duration_seconds_count"] == requests
        hits = found['competency_result_cache_lookups_total{result="hit"}']
        misses = found['competency_result_cache_lookups_total{result="miss"}']
        assert hits + misses == requests
        # Each worker runs Levels once, then answers it from its own cache.
        assert misses == 10 + 2
        assert found["competency_framework_roles"] == 27
        assert found["competency_framework_version"] == 1


def test_json_log_through_a_real_server(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "out.log"
    command = [
        sys.executable, "-m", "competency_explorer", "serve",
        "--port", str(port), "--log-format", "json",
    ]  # fmt: skip
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(f"{url}/healthz")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline
                    time.sleep(0.1)
            httpx.get(f"{url}/graphql", params={"query": LEVELS})
        finally:
            process.terminate()
            process.wait(timeout=30)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    # The health checks while it started, then the query: nothing else.
    *health, query = lines
    assert health and {(h["method"], h["path"], h["status"]) for h in health} == {
        ("GET", "/healthz", 200)
    }
    assert {k: v for k, v in query.items() if k not in ("time", "duration_ms")} == {
        "method": "GET",
        "path": "/graphql",
        "operation": "Levels",
        "status": 200,
        "error": None,
    }
    assert query["duration_ms"] > 0
