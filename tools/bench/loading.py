"""Load time and peak memory, each measured in a fresh process.

``python -m tools.bench.loading parse|load FOLDER`` prints one
JSON object. A fresh process per measure keeps the peak RSS honest (nothing
else allocated before) and the timings free of warm caches in the parent.
"""

from __future__ import annotations

import contextlib
import gc
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from competency_explorer.collector import paused

from .frameworks import yaml_files

REPO = Path(__file__).resolve().parents[2]

_CLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def bare_parse(folder: Path) -> dict[str, Any]:
    """The limit: PyYAML's C loader over the same files, nothing else.

    Timed as is, then again with the cyclic garbage collector paused: the
    collector's passes over the growing heap are a large share of the first
    figure, and a loader may pause it as well.
    """
    timings = []
    for pause in (False, True):
        gc.collect()
        with paused() if pause else contextlib.nullcontext():
            start = time.perf_counter()
            for path in yaml_files(folder):
                yaml.load(path.read_text(encoding="utf-8"), Loader=_CLoader)
            timings.append(time.perf_counter() - start)
    return {
        "parse_s": timings[0],
        "parse_gc_paused_s": timings[1],
        "peak_rss_mb": _peak_rss_mb(),
    }


def full_load(folder: Path) -> dict[str, Any]:
    """What the server does before it answers: load, validate, build the state.

    ``ServedState.build`` is what ``create_app`` calls: the graph and whatever
    the API prepares beside it. Imports happen before the clock starts.
    """
    from competency_explorer.api.context import ServedState
    from competency_explorer.loader import load

    start = time.perf_counter()
    result = load([folder])
    loaded = time.perf_counter()
    if result.framework is None:
        raise SystemExit(f"cannot load {folder}: nothing usable was read")
    ServedState.build(result.framework)
    built = time.perf_counter()
    return {
        "load_s": loaded - start,
        "build_s": built - loaded,
        "total_s": built - start,
        "peak_rss_mb": _peak_rss_mb(),
        "roles": len(result.framework.roles),
        "errors": len(result.errors),
        "warnings": len(result.warnings),
    }


def measure(folder: Path, repeats: int, in_process: bool = False) -> dict[str, Any]:
    """Best-of-``repeats`` figures for the bare parse and the full load.

    The best run is the one least disturbed by other work on the machine;
    every run is kept in ``runs`` too.
    """
    parses = [_run("parse", folder, in_process) for _ in range(repeats)]
    loads = [_run("load", folder, in_process) for _ in range(repeats)]
    best_parse = min(parses, key=lambda run: float(run["parse_s"]))
    best_load = min(loads, key=lambda run: float(run["total_s"]))
    return {
        "parse_s": best_parse["parse_s"],
        "parse_gc_paused_s": min(float(run["parse_gc_paused_s"]) for run in parses),
        "parse_peak_rss_mb": best_parse["peak_rss_mb"],
        **best_load,
        "peak_rss_mb": max(float(run["peak_rss_mb"]) for run in loads),
        "ratio_to_parse": best_load["total_s"] / best_parse["parse_s"],
        "in_process": in_process,
        "runs": {
            "parse_s": [r["parse_s"] for r in parses],
            "total_s": [r["total_s"] for r in loads],
        },
    }


def measure_load(
    folder: Path, repeats: int, in_process: bool = False
) -> dict[str, Any]:
    """Best-of-``repeats`` figures of the full load alone (no YAML to parse)."""
    loads = [_run("load", folder, in_process) for _ in range(repeats)]
    return min(loads, key=lambda run: float(run["total_s"]))


def _run(kind: str, folder: Path, in_process: bool) -> dict[str, Any]:
    if in_process:
        return bare_parse(folder) if kind == "parse" else full_load(folder)
    command = [
        sys.executable,
        "-m",
        "tools.bench.loading",
        kind,
        str(folder.resolve()),
    ]
    done = subprocess.run(
        command, capture_output=True, text=True, check=False, cwd=REPO
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    figures: dict[str, Any] = json.loads(done.stdout)
    return figures


def _peak_rss_mb() -> float:
    """This process's peak resident memory.

    VmHWM first: Linux carries ``ru_maxrss`` over from the parent through
    fork and exec, so a probe started by a parent holding a large framework
    would report the parent's size.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="utf-8")
    except OSError:
        status = ""
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    kind, folder = argv
    figures = bare_parse(Path(folder)) if kind == "parse" else full_load(Path(folder))
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
