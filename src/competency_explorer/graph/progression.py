"""The role-to-role progression layer as arrays, computed once per framework.

At the size of a big framework (3,000 roles, 2 million or more progression
edges) networkx edges with attribute dicts cost seconds and a gigabyte, so the
edges live here as sparse matrices instead, and are turned into networkx
edges only on request (``with_progression_edges``, export).

Roles are indexed in slug order, so that comparing two role indices is
comparing their slugs: the path-order tie-break on slug lists then becomes a
comparison of integer tuples.

The algebra: with R the roles x skills matrix of required levels,
effort(a -> b) = total(b) - summin(a, b), where summin(a, b) is the sum over
skills of min(R[a, s], R[b, s]). Since levels are 1..7, min(x, y) counts the
thresholds t = 1..7 with x >= t and y >= t; writing each requirement (s, L) as
ones in the columns (s, 1) .. (s, L) of a "unary" matrix U gives
summin = U U^T: the sum of the seven products B_t B_t^T with B_t = (R >= t),
done as one sparse product. Only the pairs that can be edges are computed
(sources at level L against targets at L and L + 1, and each promotion
block), not all N^2.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..errors import UnknownRoleError, UnknownSkillError
from ..model import Framework, normalise_code, slugify
from .types import StepKind

PROMOTION = 1
PATH_CHANGE = 2
KIND_NAMES: dict[int, StepKind] = {PROMOTION: "PROMOTION", PATH_CHANGE: "PATH_CHANGE"}

_MAX_LEVEL = 7

IntArray = npt.NDArray[np.int64]
SmallIntArray = npt.NDArray[np.int32]


@dataclass(frozen=True, slots=True)
class EdgeTable:
    """The progression edges in one direction, as CSR matrices over role indices.

    In ``outgoing`` row i lists the edges leaving role i; in ``incoming`` row i
    lists the edges arriving at role i (the transpose). The three matrices
    share one sparsity structure and keep explicit zeros: an edge of effort 0
    is stored in ``effort`` with the value 0, so read the structure from
    ``kind`` (never 0) or from ``indptr`` and ``indices``.

    ``weight`` is effort * (N + 1) + 1 for N roles, as float64 for
    scipy.sparse.csgraph: a path's summed weight is then
    effort * (N + 1) + steps, so ordering by weight is ordering by least
    effort, then fewer steps.
    """

    effort: sp.csr_matrix
    kind: sp.csr_matrix
    weight: sp.csr_matrix

    @property
    def indptr(self) -> IntArray:
        return self.kind.indptr  # type: ignore[no-any-return]

    @property
    def indices(self) -> SmallIntArray:
        return self.kind.indices  # type: ignore[no-any-return]

    def row(self, i: int) -> tuple[SmallIntArray, IntArray, npt.NDArray[np.int8]]:
        """Neighbour indices (ascending), efforts and kinds of role i's edges."""
        start, stop = self.indptr[i], self.indptr[i + 1]
        return (
            self.indices[start:stop],
            self.effort.data[start:stop],
            self.kind.data[start:stop],
        )

    def find(self, i: int, j: int) -> int:
        """Position of the edge (i, j) in the data arrays, or -1."""
        start, stop = int(self.indptr[i]), int(self.indptr[i + 1])
        position = start + int(np.searchsorted(self.indices[start:stop], j))
        if position < stop and self.indices[position] == j:
            return position
        return -1


@dataclass(frozen=True, slots=True)
class Progression:
    """Everything the role-to-role queries need, built once by ``build``."""

    slugs: tuple[str, ...]
    index: dict[str, int]
    codes: tuple[str, ...]
    code_index: dict[str, int]
    levels: IntArray
    path_ids: IntArray
    #: roles x skills, the required level (0: not required); int32.
    requirements: sp.csr_matrix
    #: the same matrix as CSC: column s lists the roles requiring skill s.
    by_skill: sp.csc_matrix
    #: per role, the sum of its required levels.
    totals: IntArray
    outgoing: EdgeTable
    incoming: EdgeTable

    @property
    def role_count(self) -> int:
        return len(self.slugs)

    @property
    def edge_count(self) -> int:
        return int(self.outgoing.kind.nnz)

    def role_index(self, slug: str) -> int:
        found = self.index.get(slugify(slug))
        if found is None:
            raise UnknownRoleError(slug)
        return found

    def skill_index(self, code: str) -> int:
        found = self.code_index.get(normalise_code(code))
        if found is None:
            raise UnknownSkillError(code)
        return found

    def weight_unit(self) -> int:
        """The factor effort is multiplied by in ``EdgeTable.weight``."""
        return self.role_count + 1


def build(framework: Framework) -> Progression:
    roles = sorted(framework.roles, key=lambda role: role.slug)
    slugs = tuple(role.slug for role in roles)
    index = {slug: i for i, slug in enumerate(slugs)}
    # Requirements naming a skill the framework lacks are a loader error; the
    # codes are still indexed so that the arrays never lose a requirement.
    codes = tuple(
        sorted(
            {skill.code for skill in framework.skills}
            | {req.code for role in roles for req in role.requirements}
        )
    )
    code_index = {code: s for s, code in enumerate(codes)}
    path_names = sorted({role.career_path for role in roles})
    path_number = {name: p for p, name in enumerate(path_names)}

    role_count, skill_count = len(roles), len(codes)
    levels = np.fromiter((role.level for role in roles), np.int64, role_count)
    path_ids = np.fromiter(
        (path_number[role.career_path] for role in roles), np.int64, role_count
    )
    rows: list[int] = []
    columns: list[int] = []
    values: list[int] = []
    for i, role in enumerate(roles):
        for req in role.requirements:
            rows.append(i)
            columns.append(code_index[req.code])
            values.append(req.level)
    requirements = sp.csr_matrix(
        (np.array(values, np.int32), (np.array(rows), np.array(columns))),
        shape=(role_count, skill_count),
    )
    totals = np.asarray(requirements.sum(axis=1), dtype=np.int64).ravel()
    unary = _unary(requirements)

    sources, targets, kinds, summins = _edges(unary, levels, path_ids)
    efforts = totals[targets] - summins
    weight_unit = role_count + 1
    outgoing = _table(sources, targets, efforts, kinds, role_count, weight_unit)
    incoming = _table(targets, sources, efforts, kinds, role_count, weight_unit)
    return Progression(
        slugs=slugs,
        index=index,
        codes=codes,
        code_index=code_index,
        levels=levels,
        path_ids=path_ids,
        requirements=requirements,
        by_skill=requirements.tocsc(),
        totals=totals,
        outgoing=outgoing,
        incoming=incoming,
    )


def _unary(requirements: sp.csr_matrix) -> sp.csr_matrix:
    """Each requirement (s, L) as ones in columns 7s .. 7s + L - 1."""
    coo = requirements.tocoo()
    repeat = coo.data.astype(np.int64)
    rows = np.repeat(coo.row.astype(np.int64), repeat)
    # Offsets 0 .. L-1 for each requirement, without a Python loop.
    starts = np.repeat(np.cumsum(repeat) - repeat, repeat)
    offsets = np.arange(int(repeat.sum()), dtype=np.int64) - starts
    columns = np.repeat(coo.col.astype(np.int64), repeat) * _MAX_LEVEL + offsets
    ones = np.ones(len(rows), np.int32)
    return sp.csr_matrix(
        (ones, (rows, columns)),
        shape=(requirements.shape[0], requirements.shape[1] * _MAX_LEVEL),
    )


def _summin(unary: sp.csr_matrix, sources: IntArray, targets: IntArray) -> IntArray:
    """The dense block of summin(a, b) for a in sources, b in targets."""
    block = unary[sources] @ unary[targets].T
    return np.asarray(block.toarray(), dtype=np.int64)


def _edges(
    unary: sp.csr_matrix, levels: IntArray, path_ids: IntArray
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Every progression edge as (source, target, kind, summin) arrays."""
    parts: list[tuple[IntArray, IntArray, IntArray, IntArray]] = []

    # PATH_CHANGE from level L: another path, level L or L + 1, a shared
    # skill. A shared skill is exactly summin > 0, since levels are >= 1.
    for level in np.unique(levels):
        sources = np.flatnonzero(levels == level)
        targets = np.flatnonzero((levels == level) | (levels == level + 1))
        summin = _summin(unary, sources, targets)
        other_path = path_ids[sources][:, None] != path_ids[targets][None, :]
        rows, columns = np.nonzero((summin > 0) & other_path)
        parts.append(
            (
                sources[rows],
                targets[columns],
                np.full(len(rows), PATH_CHANGE, np.int64),
                summin[rows, columns],
            )
        )

    # PROMOTION: the same path, at the lowest level above L that the path has
    # (not always L + 1: a path may skip levels).
    by_path = {
        int(path): sorted(set(levels[path_ids == path].tolist()))
        for path in np.unique(path_ids)
    }
    for path, path_levels in by_path.items():
        on_path = path_ids == path
        for lower, upper in itertools.pairwise(path_levels):
            sources = np.flatnonzero(on_path & (levels == lower))
            targets = np.flatnonzero(on_path & (levels == upper))
            summin = _summin(unary, sources, targets)
            rows, columns = np.indices(summin.shape).reshape(2, -1)
            parts.append(
                (
                    sources[rows],
                    targets[columns],
                    np.full(len(rows), PROMOTION, np.int64),
                    summin[rows, columns],
                )
            )

    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty
    return (
        np.concatenate([part[0] for part in parts]),
        np.concatenate([part[1] for part in parts]),
        np.concatenate([part[2] for part in parts]),
        np.concatenate([part[3] for part in parts]),
    )


def _table(
    rows: IntArray,
    columns: IntArray,
    efforts: IntArray,
    kinds: IntArray,
    size: int,
    weight_unit: int,
) -> EdgeTable:
    """CSR matrices built by hand, so that explicit zero efforts survive.

    scipy orders the edges (a counting sort in C, much faster than lexsort):
    the data of that matrix are the edges' positions + 1, never zero, and no
    two edges join the same pair of roles, so nothing is summed or dropped.
    """
    positions = sp.csr_matrix(
        (np.arange(1, len(rows) + 1, dtype=np.int64), (rows, columns)),
        shape=(size, size),
    )
    positions.sort_indices()
    order = positions.data - 1
    indices, indptr = positions.indices, positions.indptr
    effort = efforts[order]

    def matrix(data: npt.NDArray[np.generic]) -> sp.csr_matrix:
        built = sp.csr_matrix((data, indices, indptr), shape=(size, size))
        built.has_sorted_indices = True
        return built

    return EdgeTable(
        effort=matrix(effort),
        kind=matrix(kinds[order].astype(np.int8)),
        weight=matrix((effort * weight_unit + 1).astype(np.float64)),
    )


def layer(graph: nx.MultiDiGraph) -> Progression:
    """The progression layer stored beside a graph made by ``build_graph``."""
    found = graph.graph.get("progression")
    if not isinstance(found, Progression):
        raise TypeError("the graph was not made by build_graph: no progression layer")
    return found
