"""Start-up of the command line beside a bare interpreter, in the same run.

Every command imports only what it needs (src/competency_explorer/cli.py), so
``competency --version`` and ``--help`` should cost little more than Python
starting, and ``competency validate data/`` (the 27-role sample) little more
than reading it. Each is timed as a fresh process, as a user runs it, beside
``python -c pass``: the runs take turns, so that a change in the machine's
load touches every command alike, and the median of each counts.
"""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import competency_explorer

REPO = Path(__file__).resolve().parents[2]
BARE = "python -c pass"


def commands() -> dict[str, list[str]]:
    """The commands timed, the bare interpreter first; run from the repository."""
    script = Path(sys.executable).with_name("competency")
    competency = (
        [str(script)]
        if script.is_file()
        else [sys.executable, "-m", "competency_explorer"]
    )
    return {
        BARE: [sys.executable, "-c", "pass"],
        "competency --version": [*competency, "--version"],
        "competency --help": [*competency, "--help"],
        "competency validate data/": [*competency, "validate", "data/"],
    }


def measure(runs: int) -> dict[str, Any]:
    """Median wall time of each command over ``runs`` turns, and its ratio to bare."""
    # pip compiles an installed package's bytecode; an editable install (or
    # PYTHONDONTWRITEBYTECODE) may have none, and every run would compile.
    compileall.compile_dir(
        Path(competency_explorer.__file__).parent, quiet=1, force=False
    )
    timed = commands()
    times: dict[str, list[float]] = {name: [] for name in timed}
    for turn in range(runs + 1):
        for name, command in timed.items():
            start = time.perf_counter()
            done = subprocess.run(command, cwd=REPO, capture_output=True, check=False)
            elapsed = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(
                    f"{' '.join(command)} exited with {done.returncode}:\n"
                    + done.stderr.decode("utf-8", "replace")[-2000:]
                )
            if turn:  # the first turn warms the file cache
                times[name].append(elapsed)
    bare = statistics.median(times[BARE])
    return {
        "runs": runs,
        "commands": {
            name: {
                "median_ms": round(statistics.median(values) * 1000, 1),
                "ratio": round(statistics.median(values) / bare, 2),
            }
            for name, values in times.items()
        },
    }
