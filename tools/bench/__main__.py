"""``python -m tools.bench``: measure, print the table, write JSON."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import cli, frameworks, loading, queries
from .report import evaluate, machine, render

REPO = Path(__file__).resolve().parents[2]


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    except ValueError:
        print(f"bench: --sizes takes numbers separated by commas, not {args.sizes!r}")
        return 2
    quick = args.quick
    runs = args.runs or (30 if quick else 200)
    budget = queries.Budget(runs=runs, seconds=1.0 if quick else 3.0)
    repeats = 1 if quick else 3
    results: dict[str, Any] = {
        "machine": machine(),
        "settings": {
            "quick": quick,
            "in_process": args.in_process,
            "http": not (args.no_http or args.in_process),
            "load_repeats": repeats,
            "query_runs": budget.runs,
            "query_seconds": budget.seconds,
        },
        "sizes": {},
    }
    for size in sizes:
        spec = frameworks.spec_for(size)
        problem = spec.check()
        if problem is not None:
            print(f"bench: size {size}: {problem}", file=sys.stderr)
            return 2
        _say(f"{size} roles: generating (cached in {args.cache})")
        folder = frameworks.ensure(spec, Path(args.cache))
        entry: dict[str, Any] = {
            "spec": {
                "roles": spec.roles,
                "skills": spec.skills,
                "requirements": spec.requirements,
                "paths": spec.paths,
                "seed": spec.seed,
            },
            "yaml_bytes": sum(p.stat().st_size for p in frameworks.yaml_files(folder)),
        }
        _say(f"{size} roles: load and parse, best of {repeats}")
        entry["load"] = loading.measure(folder, repeats, in_process=args.in_process)
        _say(f"{size} roles: in-process queries")
        entry["queries"], slug = _queries(folder, budget)
        # The framework loaded for the queries is gone by now (a 3,000-role
        # one is 600 MB): the servers get the machine's memory to themselves.
        gc.collect()
        if not (args.no_http or args.in_process):
            logs = Path(args.output).parent
            entry["http"] = _http(folder, slug, size, quick, logs)
        results["sizes"][str(size)] = entry
    if not args.in_process:
        _say(f"command line start-up, {7 if quick else 21} runs each")
        results["cli"] = cli.measure(7 if quick else 21)
    sfia = {} if args.in_process else _sfia(Path(args.cache), repeats)
    if sfia:
        results["sfia"] = sfia
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = evaluate(results)
    print(render(results))
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="Benchmark loading, queries and HTTP serving on generated "
        "frameworks, each beside its limit, against the targets of the "
        "performance issue.",
    )
    parser.add_argument(
        "--sizes", default="300,3000", help="role counts, comma-separated (300,3000)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer runs and shorter HTTP loads"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=0,
        help="runs of each query measure (default: 200, 30 with --quick)",
    )
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP measures")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="no subprocesses: load measured in this process, no HTTP",
    )
    parser.add_argument(
        "--cache",
        default="tools/bench/generated",
        help="where generated frameworks are kept (tools/bench/generated)",
    )
    parser.add_argument(
        "-o",
        "--output",
        default="tools/bench/results.json",
        help="tools/bench/results.json",
    )
    return parser


def _queries(folder: Path, budget: queries.Budget) -> tuple[dict[str, Any], str]:
    """The query figures, and the slug of a role for the HTTP measures."""
    from competency_explorer.api.context import ServedState
    from competency_explorer.api.schema import run_json, schema
    from competency_explorer.collector import freeze_served
    from competency_explorer.loader import load_or_raise

    state = ServedState.build(load_or_raise([folder]))
    freeze_served()  # as a server does once its state is built

    def runner(query: str, variables: queries.Variables) -> bytes:
        # What the server sends: the answer as JSON bytes, cached or not.
        return run_json(schema, state, query, variables)[0]

    figures: dict[str, Any] = {}
    for case in queries.cases(state.framework, state.progression, runner):
        figures[case.name] = queries.measure(case, runner, budget)
        if not figures[case.name]["same_answer"]:
            _say(f"  {case.name}: the GraphQL answer differs from the direct one")
    roles = state.framework.roles
    slug = roles[len(roles) // 2].slug
    # Served states are frozen for good; the benchmark's must be freed before
    # the servers start (see the gc.collect of the caller).
    gc.unfreeze()
    return figures, slug


def _http(
    folder: Path, slug: str, size: int, quick: bool, logs: Path
) -> dict[str, Any]:
    from . import serving

    operations: dict[str, tuple[str, dict[str, Any]]] = {
        "small": (queries.SMALL, {"slug": slug}),
        "rolesPage100": (queries.PAGE, {"after": None}),
    }
    load = serving.Load(
        seconds=2.0 if quick else 8.0, requests=5_000 if quick else 100_000
    )
    figures: dict[str, Any] = {}
    for workers in (1, 2):
        _say(f"{size} roles: HTTP with {workers} worker(s)")
        try:
            figures[f"workers_{workers}"] = serving.measure(
                folder, operations, workers, load, logs
            )
        except (RuntimeError, OSError) as exc:
            # A server that does not start is a finding, not a reason to lose
            # every other figure of the run.
            _say(f"{size} roles: HTTP with {workers} worker(s) failed: {exc}")
            figures[f"workers_{workers}"] = {"error": str(exc)}
    return figures


def _sfia(cache: Path, repeats: int) -> dict[str, Any]:
    """Load time of a full-size SFIA download (CSV and XLSX), made by the test
    suite's factory (tests/sfia_factory.py)."""
    sys.path.insert(0, str(REPO / "tests"))
    import sfia_factory as factory

    csv_folder, xlsx_folder = cache / "sfia-csv", cache / "sfia-xlsx"
    for folder in (csv_folder, xlsx_folder):
        folder.mkdir(parents=True, exist_ok=True)
    factory.write_full_size_csv(csv_folder)
    factory.write_full_size_xlsx(xlsx_folder / "sfia-9.xlsx")
    _say(f"SFIA full size: load, best of {repeats}")
    return {
        "csv": loading.measure_load(csv_folder, repeats),
        "xlsx": loading.measure_load(xlsx_folder, repeats),
    }


def _say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
