"""``make loadtest``: many concurrent clients, mixed queries, against a real server.

``python -m tools.loadtest [--clients 50] [--duration 60]
[--workers 2] [PATH ...]`` starts ``competency serve --workers N`` on a free
loopback port, runs the clients (asyncio + httpx, one connection each) for the
duration, stops the server and prints requests/s, latency percentiles and the
errors, which must be zero (exit 1 otherwise). The run is bounded in time
and in requests (``--max-requests``), and stops by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

from competency_explorer.loader import load_or_raise
from competency_explorer.model import Framework
from tools.localserver import serving

#: How long one request may take before it counts as an error.
REQUEST_TIMEOUT = 30.0

ROLE_BRIEF = (
    "fragment RoleBrief on Role { slug title level { number name } "
    "careerPath { name } }"
)
GAP = "effort newSkills { level skill { code } } levelUps { from to } met { level }"


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    weight: int  # how often, relative to the others
    query: str


#: The mix: what the front end asks for, in roughly the proportions a person
#: browsing would (role pages most, heavy computations less often).
OPERATIONS = (
    Operation(
        "framework",
        5,
        "{ framework { name roleCount skillCount } careerPaths { name } }",
    ),
    Operation(
        "ladder",
        2,
        "{ levels { number name } "
        "careerPaths { name roles { slug title level { number } } } }",
    ),
    Operation(
        "role",
        8,
        "query($slug: String!) { role(slug: $slug) { ...RoleBrief summary "
        "requirements { level skill { code name } } "
        "nextRoles(limit: 12) { kind to { ...RoleBrief } gap { effort } } "
        "previousRoles(limit: 12) { kind from { ...RoleBrief } gap { effort } } "
        "similarRoles(limit: 5) { score role { ...RoleBrief } } } } " + ROLE_BRIEF,
    ),
    Operation(
        "skill",
        4,
        "query($code: String!) { skill(code: $code) { code name description "
        "levels { level description } requiredBy { level role { ...RoleBrief } } } } "
        + ROLE_BRIEF,
    ),
    Operation(
        "progression",
        3,
        "query($from: String!, $to: String!) { progressionPaths(from: $from, to: $to, "
        "limit: 3) { totalEffort steps { kind from { slug } to { slug } "
        f"gap {{ {GAP} }} }} }} }}",
    ),
    Operation(
        "compare",
        2,
        "query($a: String!, $b: String!) { sharedSkills(a: $a, b: $b) { levelA levelB "
        "skill { code name } } }",
    ),
    Operation(
        "match",
        2,
        "query($profile: [SkillLevelInput!]!) { "
        "matchRoles(profile: $profile, limit: 8) "
        "{ score role { ...RoleBrief } gap { effort } } } " + ROLE_BRIEF,
    ),
    Operation(
        "gap",
        2,
        "query($profile: [SkillLevelInput!]!, $target: String!) { skillGap(profile: "
        f"$profile, target: $target) {{ {GAP} }} }}",
    ),
    Operation(
        "search",
        3,
        "query($text: String!) { roles(search: $text, first: 20) { totalCount "
        "edges { node { ...RoleBrief } } } skills(search: $text, first: 20) "
        "{ totalCount edges { node { code name } } } } " + ROLE_BRIEF,
    ),
)


class Variables:
    """Real slugs and codes of the served framework, drawn at random."""

    def __init__(self, framework: Framework, rng: random.Random) -> None:
        self.rng = rng
        self.roles = [role.slug for role in framework.roles]
        self.skills = [skill.code for skill in framework.skills]
        self.words = sorted(
            {word for role in framework.roles for word in role.slug.split("-")}
        )

    def profile(self) -> list[dict[str, Any]]:
        count = min(len(self.skills), self.rng.randint(1, 8))
        return [
            {"code": code, "level": self.rng.randint(1, 7)}
            for code in self.rng.sample(self.skills, count)
        ]

    def for_operation(self, name: str) -> dict[str, Any]:
        pick = self.rng.choice
        match name:
            case "role":
                return {"slug": pick(self.roles)}
            case "skill":
                return {"code": pick(self.skills)}
            case "progression":
                return {"from": pick(self.roles), "to": pick(self.roles)}
            case "compare":
                return {"a": pick(self.roles), "b": pick(self.roles)}
            case "match":
                return {"profile": self.profile()}
            case "gap":
                return {"profile": self.profile(), "target": pick(self.roles)}
            case "search":
                return {"text": pick(self.words)}
        return {}


@dataclass(slots=True)
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    requests: int = 0

    def record(self, name: str, seconds: float, error: str | None) -> None:
        self.requests += 1
        self.latencies.setdefault(name, []).append(seconds)
        if error is not None:
            self.errors[f"{name}: {error}"] += 1


def percentile(values: Sequence[float], percent: float) -> float:
    """The nearest-rank percentile of ``values`` (0 < percent <= 100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


async def client_loop(
    http: httpx.AsyncClient,
    variables: Variables,
    tally: Tally,
    deadline: float,
    max_requests: int,
) -> None:
    names = [op.name for op in OPERATIONS]
    weights = [op.weight for op in OPERATIONS]
    queries = {op.name: op.query for op in OPERATIONS}
    while time.monotonic() < deadline and tally.requests < max_requests:
        name = variables.rng.choices(names, weights)[0]
        body = {"query": queries[name], "variables": variables.for_operation(name)}
        started = time.perf_counter()
        error: str | None = None
        try:
            response = await http.post("/graphql", json=body)
            if response.status_code != 200:
                error = f"HTTP {response.status_code}"
            else:
                answer = response.json()
                if answer.get("errors"):
                    codes = {
                        (e.get("extensions") or {}).get("code")
                        for e in answer["errors"]
                    }
                    error = "errors " + ",".join(sorted(str(c) for c in codes))
        except (httpx.HTTPError, ValueError) as exc:
            error = type(exc).__name__
        tally.record(name, time.perf_counter() - started, error)


async def run_clients(
    url: str,
    framework: Framework,
    clients: int,
    duration: float,
    max_requests: int,
    seed: int,
) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(REQUEST_TIMEOUT)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:
        started = time.monotonic()
        deadline = started + duration
        loops = [
            client_loop(
                http,
                Variables(framework, random.Random(seed * 1000 + number)),
                tally,
                deadline,
                max_requests,
            )
            for number in range(clients)
        ]
        # A request that hangs past its timeout still ends: the whole run is
        # bounded by the duration plus one request timeout.
        await asyncio.wait_for(asyncio.gather(*loops), duration + REQUEST_TIMEOUT + 5)
        elapsed = time.monotonic() - started
    return tally, elapsed


def report(tally: Tally, elapsed: float, clients: int, workers: int) -> dict[str, Any]:
    every = [s for values in tally.latencies.values() for s in values]

    def ms(value: float) -> float:
        return round(value * 1000, 2)

    return {
        "clients": clients,
        "workers": workers,
        "seconds": round(elapsed, 1),
        "requests": tally.requests,
        "requests_per_second": round(tally.requests / elapsed, 1) if elapsed else 0.0,
        "p50_ms": ms(percentile(every, 50)),
        "p99_ms": ms(percentile(every, 99)),
        "max_ms": ms(max(every, default=math.nan)),
        "errors": sum(tally.errors.values()),
        "error_kinds": dict(tally.errors.most_common(10)),
        "by_operation": {
            name: {
                "requests": len(values),
                "p50_ms": ms(percentile(values, 50)),
                "p99_ms": ms(percentile(values, 99)),
            }
            for name, values in sorted(tally.latencies.items())
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.loadtest",
        description="Load-test competency serve: concurrent clients, mixed queries.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="framework to serve")
    parser.add_argument(
        "--clients", type=int, default=50, help="concurrent clients (50)"
    )
    parser.add_argument("--duration", type=float, default=60.0, help="seconds (60)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (2)")
    parser.add_argument(
        "--max-requests", type=int, default=2_000_000, help="stop after this many"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", metavar="FILE", help="also write the report as JSON")
    args = parser.parse_args(argv)
    if (
        args.clients < 1
        or args.duration <= 0
        or args.workers < 1
        or args.max_requests < 1
    ):
        parser.error(
            "--clients, --duration, --workers and --max-requests must be positive"
        )
    framework = load_or_raise(args.paths or None)
    with serving(["--workers", str(args.workers), *args.paths]) as served:
        tally, elapsed = asyncio.run(
            run_clients(
                served.url,
                framework,
                args.clients,
                args.duration,
                args.max_requests,
                args.seed,
            )
        )
        server_log = served.log_text()
    result = report(tally, elapsed, args.clients, args.workers)
    print(
        f"loadtest: {result['requests']} requests in {result['seconds']} s from "
        f"{args.clients} clients against {args.workers} workers: "
        f"{result['requests_per_second']} requests/s, p50 {result['p50_ms']} ms, "
        f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms, "
        f"{result['errors']} errors"
    )
    for name, figures in result["by_operation"].items():
        print(
            f"  {name:12} {figures['requests']:7} requests  "
            f"p50 {figures['p50_ms']:8} ms  p99 {figures['p99_ms']:8} ms"
        )
    for kind, count in result["error_kinds"].items():
        print(f"  error: {kind} x {count}", file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    failed = result["errors"] > 0 or "Traceback" in server_log
    if "Traceback" in server_log:
        print(
            "loadtest: the server logged a traceback:\n" + server_log[-4000:],
            file=sys.stderr,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
