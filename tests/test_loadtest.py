"""The load-test client: a short run against a real server, its bounds, its sums."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from competency_explorer.loader import BUNDLED_DATA as SAMPLE
from competency_explorer.model import Framework
from tools.loadtest import Tally, main, percentile, report, run_clients
from tools.localserver import free_port

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([1.0, 2.0, 3.0, 4.0], 50, 2.0),  # rank ceil(2.0) = 2
        ([1.0, 2.0, 3.0, 4.0], 99, 4.0),  # rank ceil(3.96) = 4
        ([4.0, 1.0, 3.0, 2.0], 25, 1.0),  # sorted first
        ([5.0], 1, 5.0),
    ],
)
def test_percentile(values: list[float], percent: float, expected: float) -> None:
    assert percentile(values, percent) == expected


def test_report_counts_errors() -> None:
    tally = Tally()
    tally.record("role", 0.010, None)
    tally.record("role", 0.030, "HTTP 500")
    tally.record("skill", 0.020, None)
    result = report(tally, 2.0, clients=2, workers=2)
    assert (result["requests"], result["requests_per_second"]) == (3, 1.5)
    assert (result["p50_ms"], result["p99_ms"], result["max_ms"]) == (20.0, 30.0, 30.0)
    assert result["errors"] == 1
    assert result["error_kinds"] == {"role: HTTP 500": 1}
    assert result["by_operation"]["skill"] == {
        "requests": 1,
        "p50_ms": 20.0,
        "p99_ms": 20.0,
    }


def test_a_run_against_two_workers_stops_after_max_requests(tmp_path: Path) -> None:
    # One client, so that no request is in flight when the count is reached.
    out = tmp_path / "report.json"
    arguments = ["--clients", "1", "--workers", "2", "--duration", "60"]
    assert main([*arguments, "--max-requests", "25", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["clients"], result["workers"], result["errors"]) == (1, 2, 0)
    assert result["requests"] == 25
    assert set(result["by_operation"]) <= {
        "framework",
        "ladder",
        "role",
        "skill",
        "progression",
        "compare",
        "match",
        "gap",
        "search",
    }


def test_clients_stop_at_the_duration_and_count_failures(
    small_framework: Framework,
) -> None:
    # Nothing listens on the port: every request fails at once, so the two
    # clients loop as fast as they can and only the duration stops them.
    url = f"http://127.0.0.1:{free_port()}"
    tally, elapsed = asyncio.run(
        run_clients(url, small_framework, 2, 0.3, max_requests=10**9, seed=1)
    )
    assert elapsed >= 0.3
    assert tally.requests > 2
    assert sum(tally.errors.values()) == tally.requests
    assert {kind.split(": ")[1] for kind in tally.errors} == {"ConnectError"}


def test_a_short_hostile_run_on_the_sample(tmp_path: Path) -> None:
    # Two phases of one second against a fresh server each; the latency
    # ratio is not asserted here (a benchmark's figure), only that both
    # phases ran, the worst queries were sent, and no usual query failed.
    out = tmp_path / "hostile.json"
    main(["--hostile", "--duration", "1", "--json", str(out), str(SAMPLE)])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["roles"] == 27
    assert [q["query"] for q in result["worst"]] == [
        "progressionPaths(limit: 100) between far roles",
        "similarRoles(limit: 100) with shared skills",
        "matchRoles(limit: 100), 250 skills, gaps in full",
        "a skill's 'requiredBy' with each role's requirements",
        "search with no match, 100 a page",
        "a page of roles > nextRoles(limit: 100) > gap",
    ]
    assert all(q["cost"] <= 200_000 for q in result["worst"])
    assert result["quiet"]["hostile"] is None
    assert result["hostile"]["hostile"]["requests"] > 0
    for phase in ("quiet", "hostile"):
        assert result[phase]["usual"]["requests"] > 0
        assert result[phase]["usual"]["errors"] == 0
    assert result["target_met"] == (result["p99_ratio"] <= 5)
