"""A smoke-size run of the benchmark: it runs and writes the JSON it promises.

No timing is asserted: the figures depend on the machine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from competency_explorer.generate import Spec
from tools.bench import cli
from tools.bench.__main__ import main
from tools.bench.frameworks import ensure, spec_for
from tools.bench.report import evaluate

QUERIES = [
    "role",
    "rolesSharingSkill",
    "sharedSkills",
    "progressionPath",
    "progressionPaths",
    "skillGap",
    "matchRoles",
    "rolesPage100",
]


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("bench")
    output = folder / "results.json"
    argv = ["--sizes", "30", "--quick", "--runs", "3", "--in-process"]
    code = main([*argv, "--cache", str(folder / "generated"), "-o", str(output)])
    assert code == 0
    loaded: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return loaded


def test_results_have_the_expected_sections(results: dict[str, Any]) -> None:
    assert set(results) == {
        "machine",
        "settings",
        "sizes",
        "load_average_after",
        "targets",
    }
    assert list(results["sizes"]) == ["30"]
    entry = results["sizes"]["30"]
    assert entry["spec"] == {
        "roles": 30,
        "skills": 140,
        "requirements": 1300,
        "paths": 4,
        "seed": 1,
    }
    assert "http" not in entry  # --in-process starts no server
    assert results["settings"]["query_runs"] == 3


def test_load_figures(results: dict[str, Any]) -> None:
    load = results["sizes"]["30"]["load"]
    assert load["roles"] == 30
    assert load["errors"] == 0
    assert load["warnings"] == 0
    assert load["in_process"] is True
    for key in ("parse_s", "load_s", "build_s", "total_s", "peak_rss_mb"):
        assert load[key] > 0


def test_every_query_is_measured_and_agrees_with_its_direct_answer(
    results: dict[str, Any],
) -> None:
    measured = results["sizes"]["30"]["queries"]
    assert list(measured) == QUERIES
    for name, figures in measured.items():
        assert figures["same_answer"] is True, name
        assert figures["errors"] is None, name
        for kind in ("graphql", "direct", "cached", "dumps"):
            assert set(figures[kind]) == {"runs", "p50_ms", "p99_ms"}
            # Distinct variables only (a cache must not answer): one page at 30.
            assert figures[kind]["runs"] >= 1


def test_targets_are_checked(results: dict[str, Any]) -> None:
    assert [row["measure"] for row in results["targets"]][:6] == [
        "load+validate+build / bare parse",
        "load+validate+build (s)",
        "peak RSS (MB)",
        "role p50 (ms)",
        "progressionPath p50 (ms)",
        "matchRoles p50 (ms)",
    ]
    assert all(isinstance(row["pass"], bool) for row in results["targets"])


def test_generated_frameworks_are_cached(tmp_path: Path) -> None:
    spec = spec_for(30)
    folder = ensure(spec, tmp_path)
    stamp = (folder / "spec.json").stat().st_mtime_ns
    assert ensure(spec, tmp_path) == folder
    assert (folder / "spec.json").stat().st_mtime_ns == stamp
    other = ensure(Spec(30, 140, 1300, 4, seed=2), tmp_path)
    assert other.name == "roles-30-seed-2"


def test_bad_sizes_are_refused(tmp_path: Path) -> None:
    assert main(["--sizes", "ten", "-o", str(tmp_path / "r.json")]) == 2
    assert main(["--sizes", "3", "-o", str(tmp_path / "r.json")]) == 2


def test_command_line_start_up_is_timed_beside_bare_python() -> None:
    figures = cli.measure(runs=1)
    assert figures["runs"] == 1
    assert list(figures["commands"]) == [
        "python -c pass",
        "competency --version",
        "competency --help",
        "competency validate data/",
    ]
    assert figures["commands"]["python -c pass"]["ratio"] == 1.0
    assert all(f["median_ms"] > 0 for f in figures["commands"].values())


def test_command_line_targets_are_ratios_to_bare_python() -> None:
    results: dict[str, Any] = {
        "sizes": {},
        "cli": {
            "runs": 1,
            "commands": {
                "competency --version": {"ratio": 3.0},
                "competency --help": {"ratio": 3.01},
                "competency validate data/": {"ratio": 9.5},
            },
        },
    }
    assert [
        (row["measure"], row["target"], row["pass"]) for row in evaluate(results)
    ] == [
        ("competency --version / python -c pass", "<= 3.0x", True),
        ("competency --help / python -c pass", "<= 3.0x", False),
        ("competency validate data/ / python -c pass", "<= 10.0x", True),
    ]
