"""The cost limit's calibration: server time of a table of queries beside their cost.

Builds the served state of each framework once (by default the shipped
sample and the benchmark's 3,000-role one, generated into tools/bench/generated
when missing), runs each query through the schema with the cost limit and
the time budget off, and prints, per query, the median CPU time of a few
runs, the estimated cost (api/cost.py), units per millisecond, and whether
the default limit lets it through. Run:

    .venv/bin/python -m tools.bench.cost_calibration [DIR ...] [--runs 5] [--json OUT]

The progression rows use a far pair of roles: of pairs sampled from the
lowest levels to the highest, the one whose paths take longest to find.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from competency_explorer.api import (
    Limits,
    SchemaConfig,
    ServedState,
    build_schema,
)
from competency_explorer.api.measure import estimate_cost
from competency_explorer.api.schema import run, schema
from competency_explorer.graph import progression_paths
from competency_explorer.loader import BUNDLED_DATA, load_or_raise
from tools.bench import frameworks

GENERATED = Path(__file__).parent / "generated"
ROOT = Path(__file__).parents[2]
#: The cost limit and the time budget off: what is measured is the work.
UNLIMITED = Limits(max_cost=10**12, max_seconds=3600)


def estimate(state: ServedState, query: str, variables: dict[str, Any]) -> int:
    return estimate_cost(schema._schema, state.framework, query, variables)


def aliased(count: int, text: str) -> str:
    return "{ " + " ".join(f"a{i}: {text}" for i in range(count)) + " }"


def far_pair(state: ServedState, samples: int = 60) -> tuple[str, str]:
    """Of pairs from the two lowest levels to the two highest on another path,
    the one whose 20 best paths take longest to find (seeded, so the same
    pair each run)."""
    roles = state.framework.roles
    levels = sorted({role.level for role in roles})
    low = [r for r in roles if r.level in levels[:2]]
    high = [r for r in roles if r.level in levels[-2:]]
    pairs = [(a, b) for a in low for b in high if a.career_path != b.career_path]
    chosen = random.Random(1).sample(pairs, min(samples, len(pairs)))
    slowest, found = -1.0, (chosen[0][0].slug, chosen[0][1].slug)
    for a, b in chosen:
        start = time.process_time()
        progression_paths(state.progression, a.slug, b.slug, 20)
        spent = time.process_time() - start
        if spent > slowest:
            slowest, found = spent, (a.slug, b.slug)
    return found


def table(state: ServedState) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, query, variables) of the measured queries, over ``state``."""
    framework = state.framework
    roles = sorted(framework.roles, key=lambda r: (r.level, r.slug))
    a, b = far_pair(state)
    counts = Counter(q.code for r in framework.roles for q in r.requirements)
    popular = counts.most_common(1)[0][0]
    some = roles[len(roles) // 2]
    profile = [
        {"code": q.code, "level": q.level} for q in (some.requirements[:10] or ())
    ]
    profile100 = [{"code": code, "level": 3} for code, _ in counts.most_common(100)]
    profile250 = [{"code": code, "level": 4} for code, _ in counts.most_common(250)]
    steps = "totalEffort steps { kind from { slug } to { slug } gap { effort } }"

    def paths(limit: int) -> str:
        return f'progressionPaths(from: "{a}", to: "{b}", limit: {limit}) {{ {steps} }}'

    brief = "slug title level { number name } careerPath { name }"
    rows: list[tuple[str, str, dict[str, Any]]] = [
        ("framework name", "{ framework { name roleCount } }", {}),
        (
            "role with requirements",
            f'{{ role(slug: "{some.slug}") {{ {brief} requirements '
            "{ level skill { code name } } } }",
            {},
        ),
        (
            "skill with requiredBy",
            f'{{ skill(code: "{popular}") {{ code name requiredBy '
            "{ level role { slug title } } } }",
            {},
        ),
        (
            "roles(first:100) requirements",
            "{ roles(first: 100) { edges { node { slug title requirements "
            "{ level skill { code } } } } } }",
            {},
        ),
        (
            "skills(first:100) requiredBy",
            "{ skills(first: 100) { edges { node { requiredBy "
            "{ role { slug } } } } } }",
            {},
        ),
        (
            "roles(first:100) requirements > skill > requiredBy",
            "{ roles(first: 100) { edges { node { requirements { skill { "
            "requiredBy { level } } } } } } }",
            {},
        ),
        (
            "role requirements > skill > requiredBy",
            f'{{ role(slug: "{some.slug}") {{ requirements {{ skill {{ '
            "requiredBy { level role { slug } } } } } }",
            {},
        ),
        (
            "roles(first:100) nextRoles(limit:100)",
            "{ roles(first: 100) { edges { node { nextRoles(limit: 100) "
            "{ to { slug } effort } } } } }",
            {},
        ),
        (
            "nextRoles(100) > nextRoles(100)",
            f'{{ role(slug: "{some.slug}") {{ nextRoles(limit: 100) {{ to {{ '
            "nextRoles(limit: 100) { to { slug } effort } } } } }",
            {},
        ),
        (
            "roles(first:100) nextRoles(100) > nextRoles(100) > gap",
            "{ roles(first: 100) { edges { node { nextRoles(limit: 100) { to { "
            "nextRoles(limit: 100) { gap { effort } } } } } } } }",
            {},
        ),
        (
            "nextRoles(100) > nextRoles(100) > gap",
            f'{{ role(slug: "{some.slug}") {{ nextRoles(limit: 100) {{ to {{ '
            "nextRoles(limit: 100) { gap { effort } } } } } }",
            {},
        ),
        (
            "roles(first:100) similarRoles(5)",
            "{ roles(first: 100) { edges { node { similarRoles "
            "{ score role { slug } } } } } }",
            {},
        ),
        (
            "roles(first:100) similarRoles(100)",
            "{ roles(first: 100) { edges { node { similarRoles(limit: 100) "
            "{ score role { slug } } } } } }",
            {},
        ),
        (
            "roles(first:100) similarRoles(5) shared",
            "{ roles(first: 100) { edges { node { similarRoles "
            "{ score shared { levelA skill { code } } } } } } }",
            {},
        ),
        (
            "roles(first:100) similarRoles(100) shared",
            "{ roles(first: 100) { edges { node { similarRoles(limit: 100) "
            "{ score shared { levelA levelB } } } } } }",
            {},
        ),
        (
            "15 x similarRoles(100) shared skill",
            aliased(
                15,
                f'role(slug: "{some.slug}") {{ similarRoles(limit: 100) {{ score '
                "role { slug } shared { levelA skill { code name } } } }",
            ),
            {},
        ),
        *[
            (f"{name}): no match", f"{{ {name}, first: 1) {{ totalCount }} }}", {})
            for name in (
                'skills(search: "zzqx"',
                'roles(search: "zzqx"',
                'roles(skill: "ZZQX"',
                'skills(category: "Nothing"',
            )
        ],
        (
            "15 x skills(search), no match",
            aliased(15, 'skills(search: "zzqx", first: 1) { totalCount }'),
            {},
        ),
        (
            "15 x roles(search, first: 20), no match",
            aliased(15, 'roles(search: "zzqx", first: 20) { edges { node { slug } } }'),
            {},
        ),
        (
            "progressionPath",
            f'{{ progressionPath(from: "{a}", to: "{b}") {{ {steps} }} }}',
            {},
        ),
        *[
            (
                f"{k} x progressionPaths(limit:100) totalEffort",
                aliased(
                    k,
                    f'progressionPaths(from: "{a}", to: "{b}", limit: 100) '
                    "{ totalEffort }",
                ),
                {},
            )
            for k in (1, 5, 12)
        ],
        *[
            (f"progressionPaths(limit:{n})", "{ " + paths(n) + " }", {})
            for n in (3, 10, 100)
        ],
        *[
            (f"{k} x progressionPaths(limit:{n})", aliased(k, paths(n)), {})
            for k in (5, 15)
            for n in (3, 10, 100)
        ],
        (
            "matchRoles(limit:10), 10 skills",
            "query($p: [SkillLevelInput!]!) { matchRoles(profile: $p) "
            "{ score role { slug } gap { effort } } }",
            {"p": profile},
        ),
        (
            "matchRoles(limit:100), 100 skills",
            "query($p: [SkillLevelInput!]!) { matchRoles(profile: $p, limit: 100) "
            "{ score role { slug } gap { effort newSkills { level } } } }",
            {"p": profile100},
        ),
        (
            "matchRoles(limit:100), 250 skills, gaps in full",
            "query($p: [SkillLevelInput!]!) { matchRoles(profile: $p, limit: 100) "
            "{ score role { slug } gap { effort newSkills { level skill { code } } "
            "levelUps { from to } met { level } } } }",
            {"p": profile250},
        ),
        (
            "skillGap, 10 skills",
            f'query($p: [SkillLevelInput!]!) {{ skillGap(profile: $p, target: "{b}") '
            "{ effort newSkills { level skill { code } } met { level } } }",
            {"p": profile},
        ),
        (
            "developmentPlan, 10 skills",
            f"query($p: [SkillLevelInput!]!) {{ developmentPlan(profile: $p, "
            f'target: "{b}") {{ effort items {{ skill {{ code }} from to '
            "levels { level description } resources { title } } met { level } } }",
            {"p": profile},
        ),
        (
            "rolesSharingSkill (most popular)",
            f'{{ rolesSharingSkill(code: "{popular}") '
            "{ level role { slug title } } }",
            {},
        ),
        (
            "sharedSkills",
            f'{{ sharedSkills(a: "{a}", b: "{some.slug}") {{ levelA levelB '
            "skill { code } } }",
            {},
        ),
    ]
    return rows


def frontend_rows(state: ServedState) -> list[tuple[str, str, dict[str, Any]]]:
    """The front end's operations (frontend/js/api.js) with its variables."""
    sys.path.insert(0, str(ROOT / "tests"))
    from frontend_queries import frontend_variables, operations_text

    return [
        (f"front end: {name}", text, frontend_variables(state.framework, name))
        for name, text in operations_text().items()
    ]


def bench_rows(state: ServedState) -> list[tuple[str, str, dict[str, Any]]]:
    """The benchmark's operations (tools/bench/queries.py), first variables of each."""
    from tools.bench import queries

    unlimited = build_schema(SchemaConfig(limits=UNLIMITED))
    # The benchmark's runner answers JSON bytes (a dict in older versions).
    wants_bytes = "bytes" in str(queries.Runner)

    def runner(query: str, variables: dict[str, Any]) -> Any:
        answer = run(unlimited, state, query, variables)
        return json.dumps(answer).encode() if wants_bytes else answer

    found = queries.cases(state.framework, state.progression, runner)
    return [(f"bench: {case.name}", case.query, case.variables[0]) for case in found]


def measure(
    state: ServedState, rows: list[tuple[str, str, dict[str, Any]]], runs: int
) -> list[dict[str, Any]]:
    unlimited = build_schema(SchemaConfig(limits=UNLIMITED))
    limited = build_schema()
    limit = Limits().max_cost
    results = []
    for name, query, variables in rows:
        answer = run(unlimited, state, query, variables)
        errors = answer.get("errors")
        times = []
        for _ in range(runs):
            # Work, not a result cache, is what is measured: any answers
            # cached on the state are dropped before each run.
            caches = getattr(state, "caches", None)
            if caches is not None:
                caches.clear()
            start = time.process_time()
            run(unlimited, state, query, variables)
            times.append((time.process_time() - start) * 1000)
        ms = statistics.median(times)
        cost = estimate(state, query, variables)
        refused_ms = None
        if cost > limit:
            # The same query under the default limits: refused before it runs.
            start = time.process_time()
            refused = run(limited, state, query, variables)
            refused_ms = round((time.process_time() - start) * 1000, 2)
            assert refused["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
        results.append(
            {
                "query": name,
                "ms": round(ms, 1),
                "cost": cost,
                "per_ms": round(cost / ms) if ms else None,
                "verdict": "pass" if cost <= limit else "refused",
                "refused_ms": refused_ms,
                "errors": [e["extensions"]["code"] for e in errors] if errors else [],
            }
        )
        print(
            f"{name:42} {ms:9.1f} ms {cost:>11,} {results[-1]['verdict']:8}"
            f" {'' if refused_ms is None else f'(in {refused_ms} ms)'}"
            f" {results[-1]['errors'] or ''}",
            flush=True,
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders",
        nargs="*",
        type=Path,
        help="frameworks to measure (default: the sample and 3,000 roles)",
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    folders = args.folders or [
        BUNDLED_DATA,
        frameworks.ensure(frameworks.spec_for(3000), GENERATED),
    ]
    # Frozen like the server's heap (collector.py): a collection pass over a
    # big framework's objects would be measured as the query's time.
    gc.freeze()
    results: dict[str, Any] = {}
    for folder in folders:
        started = time.perf_counter()
        state = ServedState.build(load_or_raise([folder]))
        gc.freeze()
        framework = state.framework
        print(
            f"\n== {folder}: {len(framework.roles)} roles, "
            f"{len(framework.skills)} skills (state built in "
            f"{time.perf_counter() - started:.1f} s)",
            flush=True,
        )
        rows = table(state) + frontend_rows(state) + bench_rows(state)
        results[str(folder)] = measure(state, rows, args.runs)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
