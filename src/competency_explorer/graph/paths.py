"""Progression paths in exact path order: least effort, fewer steps, then slugs.

Each edge weighs effort * (N + 1) + 1 for N roles, so a simple path weighs
effort * (N + 1) + steps with steps <= N - 1: ordering by weight is ordering
by (effort, steps), and equal weights mean equal lengths. One Dijkstra run
(scipy.sparse.csgraph, over the reversed edges from the target) gives every
role's weight-to-target d. The last tie-break, the slug list compared element
by element, is then exact by a greedy walk: from the source, step to the
smallest role index v (indices follow slug order) among the edges with
w(u, v) + d(v) == d(u). Every optimal path starts with such an edge, and the
rest of an optimal path from v is an optimal path from v, so choosing the
smallest v at each position yields the lexicographically smallest optimal
path; weights are positive, so it never revisits a role.

The k best paths come from Yen's algorithm over the same arrays, with
candidates compared by (weight, index tuple): the same exact order.
"""

from __future__ import annotations

import heapq
import itertools
import math

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from .. import deadline
from .progression import Progression
from .queries import step_of
from .types import ProgressionPath

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
# A path as (summed weight, role indices from source to target).
Candidate = tuple[int, tuple[int, ...]]


def progression_path(
    progression: Progression, source: str, target: str
) -> ProgressionPath | None:
    """The first path in path order, or None when the target is out of reach.

    ``source == target`` is the path of no steps.
    """
    start, goal = progression.role_index(source), progression.role_index(target)
    if start == goal:
        return _empty(progression, start)
    found = _best(progression, start, goal, _distances(progression, goal, (), math.inf))
    return None if found is None else _to_path(progression, found[1])


def progression_paths(
    progression: Progression, source: str, target: str, limit: int = 3
) -> list[ProgressionPath]:
    """The first ``limit`` simple paths in path order (Yen's algorithm)."""
    start, goal = progression.role_index(source), progression.role_index(target)
    if start == goal:
        return [_empty(progression, start)]
    everywhere = _distances(progression, goal, (), math.inf)
    first = _best(progression, start, goal, everywhere)
    if first is None:
        return []
    accepted: list[Candidate] = [first]
    candidates: list[Candidate] = []
    seen = {first[1]}
    while len(accepted) < limit:
        _, last = accepted[-1]
        root_weight = 0
        for i in range(len(last) - 1):
            deadline.check()  # each turn may run a Dijkstra: stop when time is up
            root = last[: i + 1]
            bound = _bound(candidates, limit - len(accepted))
            if root_weight <= bound:
                banned = {path[i + 1] for _, path in accepted if path[: i + 1] == root}
                found = _tight_spur(progression, goal, everywhere, root, banned)
                if isinstance(found, _Unknown):
                    dist = _distances(progression, goal, root, bound - root_weight)
                    found = _best(progression, last[i], goal, dist, root, banned)
                if found is not None:
                    path = root[:-1] + found[1]
                    if path not in seen:
                        seen.add(path)
                        heapq.heappush(candidates, (root_weight + found[0], path))
            root_weight += _edge_weight(progression, last[i], last[i + 1])
        if not candidates:
            break
        accepted.append(heapq.heappop(candidates))
    return [_to_path(progression, path) for _, path in accepted]


class _Unknown:
    """The spur path weighs more than the unrestricted bound: search again."""


_UNKNOWN = _Unknown()


def _tight_spur(
    progression: Progression,
    goal: int,
    dist: FloatArray,
    root: tuple[int, ...],
    banned: set[int],
) -> Candidate | _Unknown | None:
    """Yen's spur path from root[-1], found without a new Dijkstra when possible.

    The unrestricted distances give a lower bound for every spur path: the
    least w(spur, v) + d(v) over the allowed first steps v. If some path of
    exactly that weight avoids the root, it is optimal, and all optimal spur
    paths lie on the "tight" edges (w(u, v) + d(v) == d(u)); the greedy walk
    over them, stepping only where the target is still reachable without
    touching the root, gives the smallest slug list among them. Otherwise the
    bound is not reached and the caller runs Dijkstra without the root.
    """
    unit = progression.weight_unit()
    spur = root[-1]
    blocked = set(root)
    reaches: dict[int, bool] = {goal: True}

    def tight(role: int, weight: int) -> tuple[list[int], list[int]]:
        others, efforts, _ = progression.outgoing.row(role)
        remaining = dist[others]
        finite = np.isfinite(remaining)
        others = others[finite]
        weights = efforts[finite].astype(np.int64) * unit + 1
        on_optimal = weights + remaining[finite].astype(np.int64) == weight
        return others[on_optimal].tolist(), weights[on_optimal].tolist()

    def can_reach(role: int) -> bool:
        # Depth is at most a path's length: weights strictly decrease.
        if role not in reaches:
            reaches[role] = role not in blocked and any(
                can_reach(other) for other in tight(role, int(dist[role]))[0]
            )
        return reaches[role]

    others, efforts, _ = progression.outgoing.row(spur)
    allowed = np.isfinite(dist[others]) & ~np.isin(others, [*blocked, *banned])
    if not allowed.any():
        return None
    costs = (
        efforts[allowed].astype(np.int64) * unit
        + 1
        + dist[others[allowed]].astype(np.int64)
    )
    lower_bound = int(costs.min())
    path = [spur]
    here, weight = spur, lower_bound
    while here != goal:
        options, weights = tight(here, weight)
        for other, step in zip(options, weights, strict=True):
            try:
                usable = (here != spur or other not in banned) and can_reach(other)
            except RecursionError:
                # An optimal path of ~1,000 steps: let the Dijkstra route,
                # which does not recurse, answer.
                return _UNKNOWN
            if usable:
                path.append(other)
                weight -= step
                here = other
                break
        else:
            return _UNKNOWN
    return lower_bound, tuple(path)


def _bound(candidates: list[Candidate], needed: int) -> float:
    """A weight no path still wanted can exceed: the needed-th best candidate's.

    With that many candidates in hand, a path weighing more cannot be among
    the first ``limit``; one weighing the same still can (its slugs may sort
    first), hence the inclusive comparisons.
    """
    if len(candidates) < needed:
        return math.inf
    return float(heapq.nsmallest(needed, candidates)[-1][0])


def _distances(
    progression: Progression, goal: int, removed: tuple[int, ...], limit: float
) -> FloatArray:
    """Weight from every role to ``goal``, never passing through ``removed``.

    A removed role may still get a distance of its own; it is only never used
    as a stepping stone (its reversed edges weigh infinity), and the walk
    never steps onto it.
    """
    weight = progression.incoming.weight
    if removed:
        data = weight.data.copy()
        indptr = weight.indptr
        for role in removed:
            data[indptr[role] : indptr[role + 1]] = np.inf
        weight = sp.csr_matrix((data, weight.indices, indptr), shape=weight.shape)
    distances: FloatArray = dijkstra(weight, directed=True, indices=goal, limit=limit)
    return distances


def _best(
    progression: Progression,
    start: int,
    goal: int,
    dist: FloatArray,
    removed: tuple[int, ...] = (),
    banned: set[int] | None = None,
) -> Candidate | None:
    """The first path in path order from ``start`` given distances to ``goal``.

    ``removed`` roles are never stepped on; ``banned`` are first steps that
    are not allowed (Yen's edges of already accepted paths).
    """
    unit = progression.weight_unit()
    allowed: BoolArray = np.isfinite(dist)
    allowed[list(removed)] = False
    path = [start]
    total = 0
    here = start
    while here != goal:
        others, efforts, _ = progression.outgoing.row(here)
        ok = allowed[others]
        if banned and here == start:
            ok &= ~np.isin(others, list(banned))
        if not ok.any():
            return None
        others = others[ok]
        weights = efforts[ok].astype(np.int64) * unit + 1
        costs = weights + dist[others].astype(np.int64)
        # others ascend, so the first index of the least cost is the
        # smallest slug among the optimal next roles.
        choice = int(np.argmin(costs))
        path.append(int(others[choice]))
        total += int(weights[choice])
        here = path[-1]
    return total, tuple(path)


def _edge_weight(progression: Progression, source: int, target: int) -> int:
    position = progression.outgoing.find(source, target)
    effort = int(progression.outgoing.effort.data[position])
    return effort * progression.weight_unit() + 1


def _to_path(progression: Progression, path: tuple[int, ...]) -> ProgressionPath:
    slugs = progression.slugs
    table = progression.outgoing
    steps = []
    for source, target in itertools.pairwise(path):
        position = table.find(source, target)
        steps.append(
            step_of(
                progression,
                slugs[source],
                slugs[target],
                int(table.kind.data[position]),
                int(table.effort.data[position]),
                int(table.move.data[position]),
            )
        )
    return ProgressionPath(
        slugs[path[0]],
        slugs[path[-1]],
        tuple(steps),
        sum(step.effort for step in steps),
    )


def _empty(progression: Progression, role: int) -> ProgressionPath:
    slug = progression.slugs[role]
    return ProgressionPath(slug, slug, (), 0)
