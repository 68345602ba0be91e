"""HTTP throughput and latency: ``competency serve`` beside a bare ASGI app.

Both run under uvicorn with the same worker count and log level, on a free
loopback port (tools/localserver.py), and face the same client: 16 concurrent
httpx connections posting one operation again and again, bounded in count and
in time. Every server process started here is stopped here, by its own id.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

from competency_explorer.nodelay import PROTOCOL as NODELAY_PROTOCOL
from tools.localserver import HOST, serving

REPO = Path(__file__).resolve().parents[2]
CONCURRENCY = 16
#: A 3,000-role framework takes seconds to load in each worker, many more on
#: a busy machine.
START_TIMEOUT_S = 300.0


@dataclass(frozen=True, slots=True)
class Load:
    """How hard and how long to push: ``seconds`` and at most ``requests``."""

    seconds: float
    requests: int
    warmup_s: float = 1.0


def bare_command(port: int, workers: int) -> list[str]:
    # The same uvicorn settings as `competency serve`: log level info, which
    # keeps the access log on, and with several workers its HTTP protocol
    # (TCP_NODELAY set; one process gets it from asyncio).
    protocol = ["--http", NODELAY_PROTOCOL] if workers > 1 else []
    return [
        sys.executable, "-m", "uvicorn", "tools.bench.bare:app",
        "--app-dir", str(REPO),
        "--host", HOST, "--port", str(port), "--workers", str(workers),
        "--log-level", "info", *protocol,
    ]  # fmt: skip


def push(url: str, body: bytes, headers: dict[str, str], load: Load) -> dict[str, Any]:
    """Throughput and latency of ``CONCURRENCY`` clients posting ``body``."""
    return asyncio.run(_push(url, body, headers, load))


async def _push(
    url: str, body: bytes, headers: dict[str, str], load: Load
) -> dict[str, Any]:
    limits = httpx.Limits(
        max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY
    )
    all_headers = {"content-type": "application/json", **headers}
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        first = await client.post(url, content=body, headers=all_headers)
        if first.status_code != 200:
            raise RuntimeError(
                f"{url} answered {first.status_code}: {first.text[:300]}"
            )
        size = len(first.content)
        # Warm up every connection (and, for the app, its caches) first.
        warm, _ = await _clients(
            client, url, body, all_headers, load.warmup_s, load.requests
        )
        started, cpu_before = time.perf_counter(), time.process_time()
        latencies, failures = await _clients(
            client, url, body, all_headers, load.seconds, load.requests
        )
        elapsed = time.perf_counter() - started
        client_cpu = (time.process_time() - cpu_before) / elapsed
    latencies.sort()
    return {
        "requests": len(latencies),
        "failures": failures,
        "seconds": elapsed,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) if latencies else None,
        "p99_ms": latencies[round(0.99 * (len(latencies) - 1))] if latencies else None,
        "body_bytes": size,
        # Near 1.0, the client used a whole core: it, not the server, set the pace.
        "client_cpu": client_cpu,
        # Every request sent, warm-up and the first one included.
        "sent": len(latencies) + failures + len(warm) + 1,
    }


async def _clients(
    client: httpx.AsyncClient,
    url: str,
    body: bytes,
    headers: dict[str, str],
    seconds: float,
    requests: int,
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    deadline = time.perf_counter() + seconds

    async def one_client() -> None:
        nonlocal failures
        while time.perf_counter() < deadline and len(latencies) + failures < requests:
            start = time.perf_counter()
            answer = await client.post(url, content=body, headers=headers)
            if answer.status_code == 200:
                latencies.append((time.perf_counter() - start) * 1000)
            else:
                failures += 1

    await asyncio.gather(*(one_client() for _ in range(CONCURRENCY)))
    return latencies, failures


def measure(
    folder: Path,
    operations: dict[str, tuple[str, dict[str, Any]]],
    workers: int,
    load: Load,
    logs: Path,
) -> dict[str, Any]:
    """Each operation against the app, then a body of the same size against bare."""
    figures: dict[str, Any] = {}
    with serving(
        [str(folder), "--workers", str(workers)],
        log=logs / f"serve-{workers}.log",
        start_timeout=START_TIMEOUT_S,
    ) as app:
        for name, (query, variables) in operations.items():
            body = orjson.dumps({"query": query, "variables": variables})
            figures[name] = {
                "app": _costed(app.pid, f"{app.url}/graphql", body, {}, load)
            }
        figures["server_rss_mb"] = tree_rss_mb(app.pid)
    with serving(
        command=lambda port: bare_command(port, workers),
        log=logs / f"bare-{workers}.log",
        start_timeout=START_TIMEOUT_S,
    ) as bare_app:
        for name, (query, variables) in operations.items():
            body = orjson.dumps({"query": query, "variables": variables})
            size = {"x-bench-size": str(figures[name]["app"]["body_bytes"])}
            bare = _costed(bare_app.pid, f"{bare_app.url}/graphql", body, size, load)
            figures[name]["bare"] = bare
            figures[name]["ratio"] = figures[name]["app"]["rps"] / bare["rps"]
            figures[name]["cpu_ratio"] = (
                bare["server_cpu_ms"] / figures[name]["app"]["server_cpu_ms"]
            )
    return figures


def _costed(
    pid: int, url: str, body: bytes, headers: dict[str, str], load: Load
) -> dict[str, Any]:
    """``push``, and the server's CPU time per request (all its processes).

    On a machine shared with other work, throughput follows whatever CPU the
    server gets; CPU time per request does not, so the ratio of the two
    servers' costs is the steadier comparison.
    """
    before = tree_cpu_s(pid)
    figures = push(url, body, headers, load)
    figures["server_cpu_ms"] = (tree_cpu_s(pid) - before) * 1000 / figures["sent"]
    return figures


def tree_cpu_s(pid: int) -> float:
    """User and system CPU seconds of a process and its children (Linux)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for current in _tree(pid):
        try:
            stat = Path(f"/proc/{current}/stat").read_text(encoding="utf-8")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def _tree(pid: int) -> list[int]:
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text(
                encoding="utf-8"
            )
        except OSError:
            continue
        found.append(current)
        pending.extend(int(child) for child in children.split())
    return found


def tree_rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of a server: its main process and each worker (Linux)."""
    sizes: dict[str, float] = {}
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            children = Path(f"/proc/{current}/task/{current}/children").read_text(
                encoding="utf-8"
            )
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes[str(current)] = int(line.split()[1]) / 1024
        pending.extend(int(child) for child in children.split())
    return sizes
