"""The role-to-role progression layer as arrays, computed once per framework.

This is what the API serves from: every query over roles and skills reads
these arrays and the framework they hold. At the size of a big framework
(3,000 roles, 2 million or more progression edges) networkx edges with
attribute dicts cost seconds and a gigabyte, so the edges live here as sparse
matrices, and become networkx edges only where a caller walks them as a graph
(``build.with_progression_edges``: export, the health report).

The edges (the contract's rules): a PROMOTION to the roles of the source's
ladder at the lowest level above it that the ladder has (a ladder is a path,
or a track of it with the path's shared rungs, the roles without a track);
a TRACK_CHANGE to another track of the same path and a PATH_CHANGE to
another path when the framework's ``ProgressionRules`` hold (the target from
the source's level to ``max_level_up`` above, ``min_shared_skills`` core
skills in common); and the framework's declared moves, whatever the rules say.
Only core requirements count: the requirements matrix holds no optional one.

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

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..errors import UnknownRoleError, UnknownSkillError
from ..model import Framework, ProgressionRules, Role, normalise_code, slugify
from .types import StepKind

PROMOTION = 1
PATH_CHANGE = 2
TRACK_CHANGE = 3
KIND_NAMES: dict[int, StepKind] = {
    PROMOTION: "PROMOTION",
    PATH_CHANGE: "PATH_CHANGE",
    TRACK_CHANGE: "TRACK_CHANGE",
}
#: The track id of a role without a track (a shared rung).
NO_TRACK = -1

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
    effort, then fewer steps. ``move`` is 1 + the index of the declared move
    in ``Framework.moves``, 0 for an edge the rules alone make.
    """

    effort: sp.csr_matrix
    kind: sp.csr_matrix
    weight: sp.csr_matrix
    move: sp.csr_matrix

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

    def moves(self, i: int) -> SmallIntArray:
        """1 + the declared move of each of role i's edges (0: not declared)."""
        start, stop = self.indptr[i], self.indptr[i + 1]
        return self.move.data[start:stop]  # type: ignore[no-any-return]

    def find(self, i: int, j: int) -> int:
        """Position of the edge (i, j) in the data arrays, or -1."""
        start, stop = int(self.indptr[i]), int(self.indptr[i + 1])
        position = start + int(np.searchsorted(self.indices[start:stop], j))
        if position < stop and self.indices[position] == j:
            return position
        return -1


@dataclass(frozen=True, slots=True)
class Progression:
    """Everything the role and skill queries need, built once by ``build``."""

    framework: Framework
    slugs: tuple[str, ...]
    index: dict[str, int]
    codes: tuple[str, ...]
    code_index: dict[str, int]
    levels: IntArray
    path_ids: IntArray
    #: per role, its track's number among all (path, track) pairs, or NO_TRACK.
    track_ids: IntArray
    #: roles x skills, the core level required (0: not required); int32.
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

    def role(self, slug: str) -> Role:
        """The role of that slug (or title), or UnknownRoleError."""
        found = self.framework.role(slug)
        if found is None:
            raise UnknownRoleError(slug)
        return found

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
    track_keys = sorted(
        {(role.career_path, role.track.casefold()) for role in roles if role.track}
    )
    track_number = {key: t for t, key in enumerate(track_keys)}

    role_count, skill_count = len(roles), len(codes)
    levels = np.fromiter((role.level for role in roles), np.int64, role_count)
    path_ids = np.fromiter(
        (path_number[role.career_path] for role in roles), np.int64, role_count
    )
    track_ids = np.fromiter(
        (
            track_number[role.career_path, role.track.casefold()]
            if role.track
            else NO_TRACK
            for role in roles
        ),
        np.int64,
        role_count,
    )
    rows: list[int] = []
    columns: list[int] = []
    values: list[int] = []
    for i, role in enumerate(roles):
        for req in role.requirements:
            if not req.optional:
                rows.append(i)
                columns.append(code_index[req.code])
                values.append(req.level)
    requirements = sp.csr_matrix(
        (np.array(values, np.int32), (np.array(rows), np.array(columns))),
        shape=(role_count, skill_count),
    )
    totals = np.asarray(requirements.sum(axis=1), dtype=np.int64).ravel()
    unary = _unary(requirements)

    roles_info = _Roles(levels, path_ids, track_ids)
    edges = _promotions(unary, roles_info)
    if framework.progression.path_changes:
        edges = _concat(
            edges, _changes(unary, requirements, roles_info, framework.progression)
        )
    edges = _with_moves(edges, unary, roles_info, framework, index)
    sources, targets, kinds, summins, moves = edges
    efforts = totals[targets] - summins
    weight_unit = role_count + 1
    outgoing = _table(sources, targets, efforts, kinds, moves, role_count, weight_unit)
    incoming = _table(targets, sources, efforts, kinds, moves, role_count, weight_unit)
    return Progression(
        framework=framework,
        slugs=slugs,
        index=index,
        codes=codes,
        code_index=code_index,
        levels=levels,
        path_ids=path_ids,
        track_ids=track_ids,
        requirements=requirements,
        by_skill=requirements.tocsc(),
        totals=totals,
        outgoing=outgoing,
        incoming=incoming,
    )


@dataclass(frozen=True, slots=True)
class _Roles:
    """Where each role sits: level, path and track (NO_TRACK for a shared rung)."""

    levels: IntArray
    path_ids: IntArray
    track_ids: IntArray

    def same_ladder(self, a: IntArray, b: IntArray) -> npt.NDArray[np.bool_]:
        """Pairs on one ladder: the same path, and the same track or a shared rung."""
        ta, tb = self.track_ids[a], self.track_ids[b]
        same: npt.NDArray[np.bool_] = (self.path_ids[a] == self.path_ids[b]) & (
            (ta == tb) | (ta == NO_TRACK) | (tb == NO_TRACK)
        )
        return same


# Edges as parallel arrays: source, target, kind, summin, 1 + declared move.
_Edges = tuple[IntArray, IntArray, IntArray, IntArray, IntArray]


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


def _promotions(unary: sp.csr_matrix, roles: _Roles) -> _Edges:
    """PROMOTION: to the roles of each of the source's ladders at the lowest
    level above the source's that the ladder has (not always L + 1: a ladder
    may skip levels). A shared rung is on every ladder of its path, so it may
    be promoted into several tracks; each pair is kept once."""
    parts: list[_Edges] = []
    levels, path_ids, track_ids = roles.levels, roles.path_ids, roles.track_ids
    for path in np.unique(path_ids):
        on_path = path_ids == path
        tracks = np.unique(track_ids[on_path & (track_ids != NO_TRACK)])
        ladders = [
            on_path & ((track_ids == t) | (track_ids == NO_TRACK)) for t in tracks
        ]
        for ladder in ladders or [on_path]:
            ladder_levels = np.unique(levels[ladder]).tolist()
            for lower, upper in itertools.pairwise(ladder_levels):
                sources = np.flatnonzero(ladder & (levels == lower))
                targets = np.flatnonzero(ladder & (levels == upper))
                summin = _summin(unary, sources, targets)
                rows, columns = np.indices(summin.shape).reshape(2, -1)
                parts.append(
                    _edges_of(
                        sources[rows],
                        targets[columns],
                        PROMOTION,
                        summin[rows, columns],
                    )
                )
    edges = _concat(*parts)
    # Shared rungs repeat across the ladders of a path: keep each pair once.
    _, first = np.unique(_pair_keys(edges, len(levels)), return_index=True)
    return _select(edges, first)


def _changes(
    unary: sp.csr_matrix,
    requirements: sp.csr_matrix,
    roles: _Roles,
    rules: ProgressionRules,
) -> _Edges:
    """TRACK_CHANGE and PATH_CHANGE edges under the framework's rules."""
    parts: list[_Edges] = []
    levels, path_ids, track_ids = roles.levels, roles.path_ids, roles.track_ids
    # With one skill asked for, "in common" is exactly summin > 0 (levels are
    # >= 1); more need the count itself, one more product of 0/1 matrices.
    binary = (
        (requirements > 0).astype(np.int32) if rules.min_shared_skills > 1 else None
    )
    for level in np.unique(levels):
        sources = np.flatnonzero(levels == level)
        targets = np.flatnonzero(
            (levels >= level) & (levels <= level + rules.max_level_up)
        )
        summin = _summin(unary, sources, targets)
        if binary is None:
            shared = summin > 0
        else:
            counts = np.asarray(
                (binary[sources] @ binary[targets].T).toarray(), dtype=np.int64
            )
            shared = counts >= rules.min_shared_skills
        other_path = path_ids[sources][:, None] != path_ids[targets][None, :]
        source_tracks = track_ids[sources][:, None]
        target_tracks = track_ids[targets][None, :]
        other_track = (
            ~other_path
            & (source_tracks != NO_TRACK)
            & (target_tracks != NO_TRACK)
            & (source_tracks != target_tracks)
        )
        rows, columns = np.nonzero(shared & (other_path | other_track))
        kinds = np.where(other_path[rows, columns], PATH_CHANGE, TRACK_CHANGE)
        parts.append(
            (
                sources[rows],
                targets[columns],
                kinds.astype(np.int64),
                summin[rows, columns],
                np.zeros(len(rows), np.int64),
            )
        )
    return _concat(*parts)


def _with_moves(
    edges: _Edges,
    unary: sp.csr_matrix,
    roles: _Roles,
    framework: Framework,
    index: dict[str, int],
) -> _Edges:
    """The implicit edges with the declared moves: a move that is already an
    edge marks it as declared; any other becomes an edge of its own, its kind
    from where the two roles sit."""
    known = [
        (index[move.source], index[move.target], number)
        for number, move in enumerate(framework.moves, 1)
        if move.source in index and move.target in index
    ]
    if not known:
        return edges
    sources = np.array([a for a, _, _ in known], np.int64)
    targets = np.array([b for _, b, _ in known], np.int64)
    numbers = np.array([n for _, _, n in known], np.int64)
    size = len(roles.levels)
    declared = dict(
        zip((sources * size + targets).tolist(), numbers.tolist(), strict=True)
    )
    keys = _pair_keys(edges, size)
    marked = np.fromiter(
        (declared.pop(k, 0) for k in keys.tolist()), np.int64, len(keys)
    )
    edges = (*edges[:4], marked)
    if not declared:
        return edges
    extra_keys = np.array(sorted(declared), np.int64)
    extra_sources, extra_targets = extra_keys // size, extra_keys % size
    summin = np.asarray(
        unary[extra_sources].multiply(unary[extra_targets]).sum(axis=1), np.int64
    ).ravel()
    promotion = roles.same_ladder(extra_sources, extra_targets) & (
        roles.levels[extra_targets] > roles.levels[extra_sources]
    )
    # The contract's geometry: a promotion up the ladder; a track change to
    # another track of the path (both roles on a track); anything else,
    # a move down or sideways within a ladder included, a path change.
    source_tracks = roles.track_ids[extra_sources]
    target_tracks = roles.track_ids[extra_targets]
    other_track = (
        (roles.path_ids[extra_sources] == roles.path_ids[extra_targets])
        & (source_tracks != NO_TRACK)
        & (target_tracks != NO_TRACK)
        & (source_tracks != target_tracks)
    )
    kinds = np.where(
        promotion, PROMOTION, np.where(other_track, TRACK_CHANGE, PATH_CHANGE)
    )
    extra = (
        extra_sources,
        extra_targets,
        kinds.astype(np.int64),
        summin,
        np.array([declared[k] for k in extra_keys.tolist()], np.int64),
    )
    return _concat(edges, extra)


def _edges_of(
    sources: IntArray, targets: IntArray, kind: int, summin: IntArray
) -> _Edges:
    count = len(sources)
    return (
        sources,
        targets,
        np.full(count, kind, np.int64),
        summin,
        np.zeros(count, np.int64),
    )


def _concat(*parts: _Edges) -> _Edges:
    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, empty, empty, empty
    return tuple(  # type: ignore[return-value]
        np.concatenate([part[k] for part in parts]).astype(np.int64) for k in range(5)
    )


def _select(edges: _Edges, keep: IntArray) -> _Edges:
    return tuple(column[keep] for column in edges)  # type: ignore[return-value]


def _pair_keys(edges: _Edges, size: int) -> IntArray:
    return edges[0] * size + edges[1]


def _table(
    rows: IntArray,
    columns: IntArray,
    efforts: IntArray,
    kinds: IntArray,
    moves: IntArray,
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
        move=matrix(moves[order].astype(np.int32)),
    )
