"""In-process query latency: GraphQL through the schema beside its direct limit.

Each case is one GraphQL operation with a list of distinct variable sets (so
that a result cache cannot answer the measured runs) and a function that
builds the same answer directly from the graph queries as plain dicts. Three
figures per case:

- ``graphql``: the answer as the server makes it, JSON bytes through the
  schema (``api.schema.run_json``);
- ``direct``: the graph query and the answer as dicts, then ``orjson.dumps``
  (the limit for a fresh query);
- ``cached``: the same operation and variables again and again, answered by
  the result cache after the first time, beside ``dumps``: ``orjson.dumps``
  of that answer alone (the limit for a repeated query).
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from competency_explorer.graph import (
    gap,
    match_roles,
    progression_path,
    progression_paths,
    roles_sharing_skill,
    shared_skills,
)
from competency_explorer.graph.types import Gap, ProgressionPath
from competency_explorer.model import Framework, Role

Variables = dict[str, Any]
Answer = dict[str, Any]
Runner = Callable[[str, Variables], bytes]  # the answer as JSON bytes

PAGE_SIZE = 100
PROFILE_SIZE = 10


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    query: str
    variables: list[Variables]
    direct: Callable[[Variables], Any]  # the value of ``data``


@dataclass(frozen=True, slots=True)
class Budget:
    """How long to measure each figure: at most ``runs`` runs or ``seconds``."""

    runs: int
    seconds: float


def cases(framework: Framework, graph: Any, run: Runner, seed: int = 7) -> list[Case]:
    """The benchmark's queries over ``framework``, with their direct answers."""
    pick = random.Random(seed)
    roles = list(framework.roles)
    names = {skill.code: skill.name for skill in framework.skills}
    titles = {role.slug: role.title for role in roles}
    count = min(len(roles), 400)
    sample = pick.sample(roles, count)
    pairs = _pairs(pick, roles, count)
    # Asked about in proportion to use, as people ask about the skills they see.
    codes = [pick.choice(pick.choice(roles).requirements).code for _ in range(count)]
    profiles = [
        (_profile(pick, pick.choice(roles)), pick.choice(roles).slug)
        for _ in range(count)
    ]

    def role(variables: Variables) -> Any:
        found = framework.role(variables["slug"])
        assert found is not None
        return {"role": _role(found, names)}

    def sharing(variables: Variables) -> Any:
        return {
            "rolesSharingSkill": [
                {"role": {"slug": r.slug, "title": titles[r.slug]}, "level": r.level}
                for r in roles_sharing_skill(graph, variables["code"])
            ]
        }

    def shared(variables: Variables) -> Any:
        return {
            "sharedSkills": [
                {
                    "skill": {"code": s.code, "name": names[s.code]},
                    "levelA": s.level_a,
                    "levelB": s.level_b,
                }
                for s in shared_skills(graph, variables["a"], variables["b"])
            ]
        }

    def path(variables: Variables) -> Any:
        found = progression_path(graph, variables["from"], variables["to"])
        return {"progressionPath": None if found is None else _path(found)}

    def paths(variables: Variables) -> Any:
        found = progression_paths(graph, variables["from"], variables["to"], limit=3)
        return {"progressionPaths": [_path(p) for p in found]}

    def skill_gap(variables: Variables) -> Any:
        held = _held(variables["profile"])
        return {"skillGap": _gap(gap(graph, held, variables["target"]))}

    def match(variables: Variables) -> Any:
        held = _held(variables["profile"])
        return {
            "matchRoles": [
                {
                    "role": {"slug": m.slug},
                    "score": m.score,
                    "gap": {"effort": m.gap.effort},
                }
                for m in match_roles(graph, held, limit=10)
            ]
        }

    cursors = _cursors(run, len(roles))
    index_of = {cursor: i for i, cursor in enumerate(cursors)}

    def page(variables: Variables) -> Any:
        after = variables["after"]
        start = 0 if after is None else index_of[after] + 1
        chosen = roles[start : start + PAGE_SIZE]
        end = start + len(chosen)
        return {
            "roles": {
                "totalCount": len(roles),
                "pageInfo": {
                    "hasNextPage": end < len(roles),
                    "endCursor": cursors[end - 1] if chosen else None,
                },
                "edges": [
                    {
                        "node": {
                            "slug": r.slug,
                            "title": r.title,
                            "requirements": [
                                {"skill": {"code": q.code}, "level": q.level}
                                for q in r.requirements
                            ],
                        }
                    }
                    for r in chosen
                ],
            }
        }

    # Pages that start anywhere, each a full page of 100 where the size allows.
    last_start = max(0, len(roles) - PAGE_SIZE)
    starts = pick.sample(range(last_start + 1), min(count, last_start + 1))
    pages = [{"after": None if s == 0 else cursors[s - 1]} for s in starts]

    journeys = [{"from": a, "to": b} for a, b in pairs]
    gaps = [{"profile": p, "target": t} for p, t in profiles]
    return [
        Case("role", ROLE, [{"slug": r.slug} for r in sample], role),
        Case("rolesSharingSkill", SHARING, [{"code": c} for c in codes], sharing),
        Case("sharedSkills", SHARED, [{"a": a, "b": b} for a, b in pairs], shared),
        Case("progressionPath", PATH, journeys, path),
        Case("progressionPaths", PATHS, journeys, paths),
        Case("skillGap", GAP, gaps, skill_gap),
        Case("matchRoles", MATCH, [{"profile": p} for p, _ in profiles], match),
        Case("rolesPage100", PAGE, pages, page),
    ]  # fmt: skip


def measure(case: Case, run: Runner, budget: Budget) -> dict[str, Any]:
    """Latency figures of one case (milliseconds) and whether the answers agree."""
    first = case.variables[0]
    answer = orjson.loads(run(case.query, first))
    expected = {"data": case.direct(first)}
    same = answer == expected
    # The first variables are skipped: their answer is cached by now.
    fresh = case.variables[1:] or case.variables
    graphql = _timed(lambda v: run(case.query, v), fresh, budget)
    direct = _timed(
        lambda v: orjson.dumps({"data": case.direct(v)}), case.variables, budget
    )
    cached = _timed(lambda v: run(case.query, v), [first] * budget.runs, budget)
    dumps = _timed(lambda v: orjson.dumps(answer), [first] * budget.runs, budget)
    return {
        "graphql": graphql,
        "direct": direct,
        "ratio": graphql["p50_ms"] / direct["p50_ms"],
        "cached": cached,
        "dumps": dumps,
        "cached_ratio": cached["p50_ms"] / dumps["p50_ms"],
        "answer_bytes": len(orjson.dumps(answer)),
        "same_answer": same,
        "errors": answer.get("errors"),
    }


def _timed(
    call: Callable[[Variables], object], variables: list[Variables], budget: Budget
) -> dict[str, Any]:
    durations: list[float] = []
    deadline = time.perf_counter() + budget.seconds
    for index, values in enumerate(variables[: budget.runs]):
        start = time.perf_counter()
        call(values)
        end = time.perf_counter()
        durations.append((end - start) * 1000)
        if end > deadline and index >= 4:
            break
    durations.sort()
    return {
        "runs": len(durations),
        "p50_ms": statistics.median(durations),
        "p99_ms": durations[
            min(len(durations) - 1, round(0.99 * (len(durations) - 1)))
        ],
    }


def _pairs(pick: random.Random, roles: list[Role], count: int) -> list[tuple[str, str]]:
    """Distinct (from, to) pairs, the target more senior, as a career question is."""
    lower = [r for r in roles if r.level <= 3] or roles
    upper = [r for r in roles if r.level >= 4] or roles
    pairs: dict[tuple[str, str], None] = {}
    for _ in range(count * 4):
        pairs.setdefault((pick.choice(lower).slug, pick.choice(upper).slug), None)
        if len(pairs) == count:
            break
    return list(pairs)


def _profile(pick: random.Random, role: Role) -> list[Variables]:
    """Ten skills near what a holder of ``role`` has: some short, some above."""
    chosen = pick.sample(role.requirements, min(PROFILE_SIZE, len(role.requirements)))
    return [
        {"code": q.code, "level": max(1, min(7, q.level + pick.choice((-1, 0, 0, 1))))}
        for q in sorted(chosen)
    ]


def _held(profile: list[Variables]) -> dict[str, int]:
    return {item["code"]: item["level"] for item in profile}


def _cursors(run: Runner, total: int) -> list[str]:
    """Every role's cursor, read through the API as a client would page."""
    cursors: list[str] = []
    after: str | None = None
    while len(cursors) < total:
        answer = orjson.loads(run(CURSORS, {"after": after}))
        if answer.get("errors"):
            raise RuntimeError(f"cannot page through roles: {answer['errors']}")
        edges = answer["data"]["roles"]["edges"]
        cursors.extend(edge["cursor"] for edge in edges)
        if not answer["data"]["roles"]["pageInfo"]["hasNextPage"] or not edges:
            break
        after = cursors[-1]
    return cursors


def _role(role: Role, names: Mapping[str, str]) -> Answer:
    return {
        "slug": role.slug,
        "title": role.title,
        "level": {"number": role.level},
        "careerPath": {"name": role.career_path},
        "requirements": [
            {"skill": {"code": q.code, "name": names[q.code]}, "level": q.level}
            for q in role.requirements
        ],
    }


def _path(path: ProgressionPath) -> Answer:
    return {
        "totalEffort": path.total_effort,
        "steps": [
            {
                "from": {"slug": step.source},
                "to": {"slug": step.target},
                "kind": step.kind,
                "gap": {"effort": step.effort},
            }
            for step in path.steps
        ],
    }


def _gap(found: Gap) -> Answer:
    return {
        "effort": found.effort,
        "newSkills": [
            {"skill": {"code": q.code}, "level": q.level} for q in found.new_skills
        ],
        "levelUps": [
            {"skill": {"code": u.code}, "from": u.from_level, "to": u.to_level}
            for u in found.level_ups
        ],
        "met": [{"skill": {"code": q.code}, "level": q.level} for q in found.met],
    }


ROLE = """query Role($slug: String!) {
  role(slug: $slug) {
    slug title level { number } careerPath { name }
    requirements { skill { code name } level }
  }
}"""

SHARING = """query Sharing($code: String!) {
  rolesSharingSkill(code: $code) { role { slug title } level }
}"""

SHARED = """query Shared($a: String!, $b: String!) {
  sharedSkills(a: $a, b: $b) { skill { code name } levelA levelB }
}"""

_STEPS = "totalEffort steps { from { slug } to { slug } kind gap { effort } }"

PATH = (
    "query Path($from: String!, $to: String!) {\n"
    f"  progressionPath(from: $from, to: $to) {{ {_STEPS} }}\n}}"
)

PATHS = (
    "query Paths($from: String!, $to: String!) {\n"
    f"  progressionPaths(from: $from, to: $to, limit: 3) {{ {_STEPS} }}\n}}"
)

GAP = """query Gap($profile: [SkillLevelInput!]!, $target: String!) {
  skillGap(profile: $profile, target: $target) {
    effort
    newSkills { skill { code } level }
    levelUps { skill { code } from to }
    met { skill { code } level }
  }
}"""

MATCH = """query Match($profile: [SkillLevelInput!]!) {
  matchRoles(profile: $profile, limit: 10) { role { slug } score gap { effort } }
}"""

PAGE = """query Page($after: String) {
  roles(first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { slug title requirements { skill { code } level } } }
  }
}"""

CURSORS = """query Cursors($after: String) {
  roles(first: 100, after: $after) { pageInfo { hasNextPage } edges { cursor } }
}"""

#: The small query of the HTTP measures: one role's title and level.
SMALL = (
    """query Small($slug: String!) { role(slug: $slug) { title level { number } } }"""
)
