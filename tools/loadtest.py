"""``make loadtest``: many concurrent clients, mixed queries, against a real server.

``python -m tools.loadtest [--clients 50] [--duration 60]
[--workers 2] [PATH ...]`` starts ``competency serve --workers N`` on a free
loopback port, runs the clients (asyncio + httpx, one connection each) for the
duration, stops the server and prints requests/s, latency percentiles and the
errors, which must be zero (exit 1 otherwise). The run is bounded in time
and in requests (``--max-requests``), and stops by itself.

``--hostile`` measures instead what the worst accepted queries do to everyone
else, on one worker: 8 clients send the front end's usual queries (the mix
below) to a quiet server, then again to a fresh server while 4 more clients
send, one after the other, the costliest queries the limits still accept
(each template at the largest size whose estimated cost passes, with fresh
alias names so that no answer comes from the cache). It prints the usual
queries' p50 and p99 on both servers; the target is a p99 within 5x of the
quiet one (exit 1 otherwise, or if a usual query failed). By default it
serves a generated 3,000-role framework (tools/bench/generated).
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
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from pathlib import Path
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
    elapsed = await drive(
        url,
        clients,
        duration,
        lambda http, deadline: usual_loops(
            http, framework, tally, deadline, max_requests, seed, clients
        ),
    )
    return tally, elapsed


async def drive(
    url: str,
    clients: int,
    duration: float,
    loops: Callable[[httpx.AsyncClient, float], list[Coroutine[Any, Any, None]]],
) -> float:
    """Run the loops ``loops(http, deadline)`` makes, on one pool of ``clients``
    connections, until ``duration`` seconds have passed; the seconds taken."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(REQUEST_TIMEOUT)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:
        started = time.monotonic()
        # A request that hangs past its timeout still ends: the whole run is
        # bounded by the duration plus one request timeout.
        await asyncio.wait_for(
            asyncio.gather(*loops(http, started + duration)),
            duration + REQUEST_TIMEOUT + 5,
        )
        return time.monotonic() - started


def usual_loops(
    http: httpx.AsyncClient,
    framework: Framework,
    tally: Tally,
    deadline: float,
    max_requests: int,
    seed: int,
    clients: int,
) -> list[Coroutine[Any, Any, None]]:
    """``clients`` clients sending the usual queries, each with its own seed."""
    return [
        client_loop(
            http,
            Variables(framework, random.Random(seed * 1000 + number)),
            tally,
            deadline,
            max_requests,
        )
        for number in range(clients)
    ]


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


# -- the hostile load: the worst accepted queries beside the usual ones ------

#: The clients of the hostile run: usual ones, and ones sending the worst.
USUAL_CLIENTS = 8
HOSTILE_CLIENTS = 4
#: The usual queries' p99 under hostile load, at most, in quiet p99s.
TARGET_RATIO = 5.0
#: Where the generated framework of the hostile run is kept between runs.
GENERATED = Path(__file__).parent / "bench" / "generated"


@dataclass(frozen=True, slots=True)
class Worst:
    """One hostile query at the largest size the limits accept."""

    name: str
    text: Callable[[str], str]  # a fresh alias tag -> the query
    variables: dict[str, Any]
    cost: int


def worst_queries(state: Any) -> list[Worst]:
    """The costliest queries of each kind that the default limits accept on
    ``state``'s framework, each grown (aliases, or the page) up to the cost
    limit."""
    from competency_explorer.api.measure import estimate_cost
    from competency_explorer.api.schema import schema
    from competency_explorer.api.settings import Limits
    from tools.bench.cost_calibration import far_pair

    limits = Limits()
    framework = state.framework
    a, b = far_pair(state)
    counts = Counter(q.code for r in framework.roles for q in r.requirements)
    popular = counts.most_common(1)[0][0]
    middle = sorted(framework.roles, key=lambda r: r.slug)[len(framework.roles) // 2]
    profile = [
        {"code": code, "level": 4} for code, _ in counts.most_common(limits.max_profile)
    ]
    gap = "effort newSkills { level skill { code } } levelUps { from to } met { level }"

    def aliased(body: str) -> Callable[[int], Callable[[str], str]]:
        # The profile is declared only where it is used: an unused variable
        # is a validation error.
        head = "query($p: [SkillLevelInput!]!) " if "$p" in body else ""

        def sized(count: int) -> Callable[[str], str]:
            def text(tag: str) -> str:
                fields = " ".join(f"{tag}{i}: {body}" for i in range(count))
                return f"{head}{{ {fields} }}"

            return text

        return sized

    def page(count: int) -> Callable[[str], str]:
        def text(tag: str) -> str:
            return (
                f"{{ {tag}: roles(first: {count}) {{ edges {{ node {{ "
                f"nextRoles(limit: 100) {{ to {{ slug }} gap {{ {gap} }} }} }} }} }} }}"
            )

        return text

    templates: list[tuple[str, Callable[[int], Callable[[str], str]], int]] = [
        (
            "progressionPaths(limit: 100) between far roles",
            aliased(
                f'progressionPaths(from: "{a}", to: "{b}", limit: 100) '
                "{ totalEffort steps { kind } }"
            ),
            limits.max_aliases,
        ),
        (
            "similarRoles(limit: 100) with shared skills",
            aliased(
                f'role(slug: "{middle.slug}") {{ similarRoles(limit: 100) '
                "{ score role { slug title } shared { levelA levelB "
                "skill { code name } } } }"
            ),
            limits.max_aliases,
        ),
        (
            "matchRoles(limit: 100), 250 skills, gaps in full",
            aliased(f"matchRoles(profile: $p, limit: 100) {{ score gap {{ {gap} }} }}"),
            limits.max_aliases,
        ),
        (
            "a skill's 'requiredBy' with each role's requirements",
            aliased(
                f'skill(code: "{popular}") {{ requiredBy {{ level role {{ slug '
                "requirements { level } } } }"
            ),
            limits.max_aliases,
        ),
        (
            "search with no match, 100 a page",
            aliased(
                'skills(search: "zqxj", first: 100) { totalCount edges { node '
                "{ code } } }"
            ),
            limits.max_aliases,
        ),
        (
            "a page of roles > nextRoles(limit: 100) > gap",
            page,
            limits.max_first,
        ),
    ]
    found = []
    for name, sized, most in templates:
        best = None
        for count in range(1, most + 1):
            text = sized(count)
            variables = {"p": profile} if "$p" in text("a") else {}
            cost = estimate_cost(
                schema._schema, framework, text("a"), variables, limits
            )
            if cost > limits.max_cost:
                break
            best = Worst(name, text, variables, cost)
        if best is not None:
            found.append(best)
    return found


async def hostile_loop(
    http: httpx.AsyncClient,
    worst: list[Worst],
    number: int,
    tally: Tally,
    outcomes: Counter[str],
    deadline: float,
) -> None:
    sent = 0
    while time.monotonic() < deadline:
        query = worst[(number + sent) % len(worst)]
        sent += 1
        # A fresh tag each time: the answer cannot come from the cache.
        body = {"query": query.text(f"h{number}x{sent}_"), "variables": query.variables}
        started = time.perf_counter()
        outcome: str | None = "ok"
        try:
            response = await http.post("/graphql", json=body)
            errors = response.json().get("errors")
            if errors:
                outcome = str((errors[0].get("extensions") or {}).get("code"))
        except (httpx.HTTPError, ValueError) as exc:
            outcome = type(exc).__name__
        tally.record(query.name, time.perf_counter() - started, None)
        outcomes[f"{query.name}: {outcome}"] += 1


async def run_phase(
    url: str, framework: Framework, worst: list[Worst], duration: float, seed: int
) -> tuple[Tally, Tally, Counter[str], float]:
    """The usual clients for ``duration`` seconds, with the hostile ones if
    ``worst`` is not empty."""
    usual, hostile, outcomes = Tally(), Tally(), Counter[str]()

    def loops(
        http: httpx.AsyncClient, deadline: float
    ) -> list[Coroutine[Any, Any, None]]:
        return [
            *usual_loops(
                http, framework, usual, deadline, 2_000_000, seed, USUAL_CLIENTS
            ),
            *(
                hostile_loop(http, worst, number, hostile, outcomes, deadline)
                for number in range(HOSTILE_CLIENTS if worst else 0)
            ),
        ]

    clients = USUAL_CLIENTS + (HOSTILE_CLIENTS if worst else 0)
    elapsed = await drive(url, clients, duration, loops)
    return usual, hostile, outcomes, elapsed


def hostile_main(args: argparse.Namespace) -> int:
    from competency_explorer.api.context import ServedState
    from tools.bench.frameworks import ensure, spec_for

    if args.paths:
        paths = list(args.paths)
    else:
        paths = [str(ensure(spec_for(args.roles), GENERATED))]
    state = ServedState.build(load_or_raise(paths))
    worst = worst_queries(state)
    print(f"hostile load on {len(state.framework.roles)} roles, 1 worker; the worst:")
    for query in worst:
        print(f"  {query.name}: estimated cost {query.cost:,}")
    phases: dict[str, Any] = {}
    logs = ""
    for phase, attacking in (("quiet", []), ("hostile", worst)):
        with serving(["--workers", "1", *paths]) as served:
            usual, hostile, outcomes, elapsed = asyncio.run(
                run_phase(
                    served.url, state.framework, attacking, args.duration, args.seed
                )
            )
            logs += served.log_text()
        phases[phase] = {
            "usual": report(usual, elapsed, USUAL_CLIENTS, 1),
            "hostile": {
                **report(hostile, elapsed, HOSTILE_CLIENTS, 1),
                "outcomes": dict(sorted(outcomes.items())),
            }
            if attacking
            else None,
        }
    quiet, loud = phases["quiet"]["usual"], phases["hostile"]["usual"]
    ratio_p50 = loud["p50_ms"] / quiet["p50_ms"]
    ratio_p99 = loud["p99_ms"] / quiet["p99_ms"]
    result = {
        "roles": len(state.framework.roles),
        "seconds_per_phase": args.duration,
        "worst": [{"query": q.name, "cost": q.cost} for q in worst],
        **phases,
        "p50_ratio": round(ratio_p50, 2),
        "p99_ratio": round(ratio_p99, 2),
        "target_met": ratio_p99 <= TARGET_RATIO,
    }
    for phase in ("quiet", "hostile"):
        figures = phases[phase]["usual"]
        print(
            f"{phase:8} usual queries ({USUAL_CLIENTS} clients): "
            f"{figures['requests']} in {figures['seconds']} s, p50 "
            f"{figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, "
            f"{figures['errors']} errors"
        )
    attack = phases["hostile"]["hostile"]
    print(
        f"hostile  worst queries ({HOSTILE_CLIENTS} clients): {attack['requests']} "
        f"sent, p50 {attack['p50_ms']} ms, p99 {attack['p99_ms']} ms"
    )
    for outcome, count in attack["outcomes"].items():
        print(f"  {outcome} x {count}")
    print(
        f"usual queries under hostile load: p50 x{ratio_p50:.2f}, p99 "
        f"x{ratio_p99:.2f} of quiet (target p99 <= x{TARGET_RATIO:g}): "
        + ("met" if result["target_met"] else "MISSED")
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)
    failed = (
        not result["target_met"]
        or quiet["errors"] > 0
        or loud["errors"] > 0
        or "Traceback" in logs
    )
    if "Traceback" in logs:
        print(
            "loadtest: the server logged a traceback:\n" + logs[-4000:], file=sys.stderr
        )
    return 1 if failed else 0


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
    parser.add_argument(
        "--hostile",
        action="store_true",
        help="the usual queries' latency, quiet and beside the worst accepted "
        "queries, on one worker (--clients and --workers do not apply)",
    )
    parser.add_argument(
        "--roles",
        type=int,
        default=3000,
        help="--hostile without PATH: serve a generated framework this big (3000)",
    )
    args = parser.parse_args(argv)
    if args.hostile:
        if args.duration <= 0 or args.roles < 1:
            parser.error("--duration and --roles must be positive")
        return hostile_main(args)
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
