"""Progression layer at ESCO size: build time, peak RSS and query latency.

Builds a synthetic framework straight from model objects (no YAML), shaped as
the performance issue asks: 12 paths with levels 1-7, 3,000 roles, 14,000
skills and 130,000 requirements whose skill popularity is skewed (a few skills
shared by many roles, most by few). Run:

    .venv/bin/python -m tools.bench.graph_scale [--roles 3000] [--runs 200]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

from competency_explorer.graph import (
    build_progression,
    match_roles,
    next_roles,
    progression_path,
    progression_paths,
    similar_roles,
)
from competency_explorer.model import (
    CareerPath,
    Category,
    Framework,
    Requirement,
    Role,
    Skill,
    Subcategory,
    default_levels,
)

T = TypeVar("T")


def synthetic(roles: int, skills: int, requirements: int, paths: int) -> Framework:
    rng = np.random.default_rng(1)
    codes = [f"S{n:05d}" for n in range(skills)]
    # Zipf-like popularity: rank r is drawn with weight 1 / (r + 1) ** 0.9.
    weights = 1.0 / np.arange(1, skills + 1) ** 0.9
    weights /= weights.sum()
    path_names = [f"Path {p:02d}" for p in range(paths)]
    per_role = requirements // roles
    made = []
    for n in range(roles):
        level = 1 + n % 7
        chosen = rng.choice(skills, size=per_role, replace=False, p=weights)
        levels = np.clip(level + rng.integers(-1, 2, size=per_role), 1, 7)
        made.append(
            Role(
                title=f"Role {n:04d}",
                level=level,
                career_path=path_names[(n // 7) % paths],
                requirements=tuple(
                    sorted(
                        Requirement(codes[s], int(lv))
                        for s, lv in zip(chosen, levels, strict=True)
                    )
                ),
            )
        )
    categories = [f"Category {c}" for c in range(6)]
    return Framework(
        name="synthetic",
        levels=default_levels(),
        categories=tuple(Category(c) for c in categories),
        subcategories=tuple(Subcategory(f"Sub {c}", c) for c in categories),
        skills=tuple(
            Skill(code, code, categories[i % 6], f"Sub {categories[i % 6]}")
            for i, code in enumerate(codes)
        ),
        career_paths=tuple(CareerPath(p) for p in path_names),
        roles=tuple(made),
    )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(call: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=3000)
    parser.add_argument("--skills", type=int, default=14000)
    parser.add_argument("--requirements", type=int, default=130000)
    parser.add_argument("--paths", type=int, default=12)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()

    framework = synthetic(args.roles, args.skills, args.requirements, args.paths)
    gc.collect()
    before = rss_mb()
    walls, cpus = [], []
    graph = None
    for _ in range(args.builds):
        # Drop the last graph first, so that peak RSS is one graph's.
        graph = None
        gc.collect()
        # Wall time suffers when other processes share the two cores; CPU time
        # of this process says what the build itself costs.
        wall, cpu = time.perf_counter(), time.process_time()
        graph = build_progression(framework)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    build_s = min(walls)
    assert graph is not None
    progression = graph
    print(
        f"roles {len(framework.roles)}, skills {len(framework.skills)}, "
        f"requirements {sum(len(r.requirements) for r in framework.roles)}, "
        f"progression edges {progression.edge_count} "
        f"({progression.edge_count / len(framework.roles):.0f} per role)"
    )
    print(
        f"build_progression: best {build_s:.2f} s, "
        f"median {statistics.median(walls):.2f} s wall; "
        f"median {statistics.median(cpus):.2f} s CPU; "
        f"peak RSS {rss_mb():.0f} MB "
        f"(before building: {before:.0f} MB)"
    )

    rng = np.random.default_rng(2)
    slugs = progression.slugs
    levels = progression.levels
    low = [i for i in range(len(slugs)) if levels[i] <= 3]
    pairs: list[tuple[str, str]] = []
    while len(pairs) < 64:
        a = int(rng.choice(low))
        b = int(rng.integers(len(slugs)))
        if levels[b] >= levels[a] + 2:
            pairs.append((slugs[a], slugs[b]))
    profiles: list[dict[str, int]] = []
    for _ in range(64):
        codes = rng.choice(progression.codes[:2000], size=10, replace=False)
        profiles.append({str(c): int(rng.integers(1, 8)) for c in codes})

    cycle = itertools.count()

    def pick(items: Sequence[T]) -> T:
        return items[next(cycle) % len(items)]

    found = [progression_path(graph, a, b) for a, b in pairs[:16]]
    lengths = [len(path.steps) if path else None for path in found]
    print(f"sample path lengths: {lengths}")
    rows = [
        ("progression_path", lambda: progression_path(graph, *pick(pairs))),
        (
            "progression_paths(3)",
            lambda: progression_paths(graph, *pick(pairs), limit=3),
        ),
        ("match_roles(10 skills)", lambda: match_roles(graph, pick(profiles))),
        ("next_roles (all)", lambda: next_roles(graph, pick(slugs))),
        ("next_roles(limit 20)", lambda: next_roles(graph, pick(slugs), 20)),
        ("similar_roles(5)", lambda: similar_roles(graph, pick(slugs))),
    ]
    for name, call in rows:
        runs = args.runs if "paths(" not in name else max(20, args.runs // 5)
        p50, p99 = timed(call, runs)
        print(f"{name:24} p50 {p50:8.2f} ms   p99 {p99:8.2f} ms   ({runs} runs)")
    print(f"peak RSS at the end: {rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
