"""The framework health report: what the framework's owner should look at.

Nine kinds of finding (the contract's ``HealthKind``), each naming the roles
and skills concerned and the file and line to look at. ``health`` returns
them ordered by kind (the order of ``HEALTH_KINDS``), then location (findings
without one last), then roles and skills.

Terms, as the progression layer (progression.py) uses them: a *ladder* is a
career path, or one track of it together with the path's shared rungs (roles
without a track); a path without tracks is one ladder. A *promotion* is a
PROMOTION edge of the progression layer. Only core requirements count,
except where a kind says otherwise (LEVEL_NOT_DESCRIBED and SKILL_USED_ONCE
read optional requirements too: an optional requirement at an undescribed
level is as wrong as a core one, and a skill listed by one role, even as
optional, is still used once).

Reachability and dead ends are walked on a networkx graph of the roles and
their progression edges (``role_graph``): a role is unreachable when no
chain of edges leads to it from the lowest rung of any ladder, and a dead
end when no chain leads from it to the top rung of any ladder. With the
promotion rule as it stands (every rung but a ladder's lowest has a
promotion into it from the level below, every rung but its top one a
promotion out of it) these two kinds hold no finding for a framework read
from files; they guard that rule, and find what a graph with missing edges
hides (``findings`` takes the graph to walk).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from ..collector import paused
from ..model import Framework, Location, Role
from ..validate import undescribed_requirements
from .progression import PROMOTION, Progression

if TYPE_CHECKING:
    import networkx as nx

HealthKind = Literal[
    "ROLE_WITHOUT_REQUIREMENTS",
    "LADDER_MISSING_LEVEL",
    "UNREACHABLE_ROLE",
    "DEAD_END_ROLE",
    "PROMOTION_SHARES_NO_SKILL",
    "REQUIREMENT_DROPS",
    "LEVEL_NOT_DESCRIBED",
    "SKILL_USED_ONCE",
    "IDENTICAL_ROLES",
]

#: The kinds in the contract's order: the report's first sort key.
HEALTH_KINDS: tuple[HealthKind, ...] = get_args(HealthKind)
_KIND_ORDER = {kind: number for number, kind in enumerate(HEALTH_KINDS)}

#: What each kind is, in a few words: the heading of its group in a report.
KIND_TITLES: dict[HealthKind, str] = {
    "ROLE_WITHOUT_REQUIREMENTS": "roles that require no core skill",
    "LADDER_MISSING_LEVEL": "ladders with no role at a level between their ends",
    "UNREACHABLE_ROLE": "roles no progression reaches",
    "DEAD_END_ROLE": "roles no progression leads on from",
    "PROMOTION_SHARES_NO_SKILL": "promotions whose roles share no core skill",
    "REQUIREMENT_DROPS": "promotions that lower a shared skill",
    "LEVEL_NOT_DESCRIBED": "requirements at a level the skill does not describe",
    "SKILL_USED_ONCE": "skills of the framework's own that one role alone requires",
    "IDENTICAL_ROLES": "roles with the same core requirements",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the owner should look at."""

    kind: HealthKind
    message: str  # one sentence naming the roles and skills concerned
    roles: tuple[str, ...]  # slugs
    skills: tuple[str, ...]  # codes
    location: Location | None  # the file and line to look at, when there is one

    @property
    def where(self) -> str | None:
        """``path:line``, or None."""
        if self.location is None:
            return None
        return f"{self.location.path}:{self.location.line}"

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        """What the finding is about, whatever its wording and line: two
        versions of a framework have the same finding when their keys match."""
        return (self.kind, self.roles, self.skills)

    def sort_key(self) -> tuple[int, int, str, int, tuple[str, ...], tuple[str, ...]]:
        where = self.location
        return (
            _KIND_ORDER[self.kind],
            where is None,
            where.path if where else "",
            where.line if where else 0,
            self.roles,
            self.skills,
        )


@dataclass(frozen=True, slots=True)
class Ladder:
    """The roles of one ladder, by level, then slug."""

    career_path: str
    track: str | None  # None: a path without tracks
    roles: tuple[Role, ...]

    @property
    def name(self) -> str:
        if self.track is None:
            return self.career_path
        return f"{self.career_path} / {self.track}"

    @property
    def levels(self) -> tuple[int, ...]:
        return tuple(sorted({role.level for role in self.roles}))

    def at(self, level: int) -> tuple[Role, ...]:
        return tuple(role for role in self.roles if role.level == level)


def ladders(framework: Framework) -> list[Ladder]:
    """Every ladder of the framework, by path, then track.

    The tracks of a path are those its roles name, as for the progression
    layer's promotions (a declared track with no role of its own adds no
    ladder: its rungs would be the shared ones, already a ladder's).
    """
    by_path: dict[str, list[Role]] = defaultdict(list)
    for role in framework.roles:
        by_path[role.career_path].append(role)
    found: list[Ladder] = []
    for path in sorted(by_path, key=str.casefold):
        roles = sorted(by_path[path], key=lambda role: (role.level, role.slug))
        tracks: dict[str, str] = {}  # casefolded -> first spelling
        for role in roles:
            if role.track is not None:
                tracks.setdefault(role.track.casefold(), role.track)
        if not tracks:
            found.append(Ladder(path, None, tuple(roles)))
            continue
        for key in sorted(tracks):
            rungs = tuple(
                role
                for role in roles
                if role.track is None or role.track.casefold() == key
            )
            found.append(Ladder(path, tracks[key], rungs))
    return found


def role_graph(progression: Progression) -> nx.DiGraph:
    """The roles (by slug) and every progression edge between them.

    Roles only, and edges without attributes: the walks ask only which role
    leads to which. At 3,000 roles (``competency generate``'s default) that
    is 2.7 million edges, built in about 3 s into some 130 MB, which is why
    the API makes the report once per served framework.
    """
    import networkx as nx  # here, not at the top: see graph/__init__.py

    slugs = progression.slugs
    table = progression.outgoing
    graph = nx.DiGraph()
    with paused():  # millions of small dicts, none in a cycle: see collector.py
        graph.add_nodes_from(slugs)
        sources = np.repeat(np.arange(len(slugs)), np.diff(table.indptr)).tolist()
        graph.add_edges_from(
            zip(
                (slugs[i] for i in sources),
                (slugs[j] for j in table.indices.tolist()),
                strict=True,
            )
        )
    return graph


def unreachable_roles(graph: nx.DiGraph, ladders: Iterable[Ladder]) -> set[str]:
    """Roles no chain of edges reaches from the lowest rung of any ladder."""
    entries = {
        role.slug for ladder in ladders for role in ladder.at(min(ladder.levels))
    }
    return set(graph) - _reached(graph, entries)


def dead_end_roles(graph: nx.DiGraph, ladders: Iterable[Ladder]) -> set[str]:
    """Roles from which no chain of edges reaches the top rung of any ladder."""
    tops = {role.slug for ladder in ladders for role in ladder.at(max(ladder.levels))}
    return set(graph) - _reached(graph.reverse(copy=False), tops)


def _reached(graph: nx.DiGraph, starts: set[str]) -> set[str]:
    # One breadth-first walk from all the starts at once, not one per start:
    # those walks would cover the same edges again and again.
    present = [node for node in starts if node in graph]
    if not present:
        return set()
    import networkx as nx

    return {node for layer in nx.bfs_layers(graph, present) for node in layer}


def health(framework: Framework, progression: Progression) -> list[Finding]:
    """Every finding about the framework, in the report's order."""
    return findings(framework, progression, role_graph(progression))


def findings(
    framework: Framework, progression: Progression, graph: nx.DiGraph
) -> list[Finding]:
    """The report with ``graph`` as the roles' progression graph."""
    found: list[Finding] = []
    all_ladders = ladders(framework)
    found.extend(_without_requirements(framework))
    found.extend(_missing_levels(all_ladders))
    found.extend(_unreachable(framework, unreachable_roles(graph, all_ladders)))
    found.extend(_dead_ends(framework, dead_end_roles(graph, all_ladders)))
    found.extend(_promotion_findings(progression))
    found.extend(_undescribed(framework))
    found.extend(_used_once(framework))
    found.extend(_identical(framework))
    return sorted(found, key=Finding.sort_key)


def _without_requirements(framework: Framework) -> Iterable[Finding]:
    for role in framework.roles:
        if not role.core_requirements:
            optional = len(role.requirements)
            tail = f" (only {optional} optional)" if optional else ""
            yield Finding(
                "ROLE_WITHOUT_REQUIREMENTS",
                f"role {role.title!r} requires no core skill{tail}",
                (role.slug,),
                (),
                role.source,
            )


def _missing_levels(all_ladders: Sequence[Ladder]) -> Iterable[Finding]:
    for ladder in all_ladders:
        for lower, upper in itertools.pairwise(ladder.levels):
            if upper == lower + 1:
                continue
            missing = (
                f"level {lower + 1}"
                if upper == lower + 2
                else f"levels {lower + 1}-{upper - 1}"
            )
            below, above = ladder.at(lower), ladder.at(upper)
            yield Finding(
                "LADDER_MISSING_LEVEL",
                f"ladder {ladder.name} has no role at {missing}: its promotions "
                f"lead from level {lower} ({_titles(below)}) straight to level "
                f"{upper} ({_titles(above)})",
                tuple(role.slug for role in below + above),
                (),
                _first_location(above),
            )


def _unreachable(framework: Framework, slugs: set[str]) -> Iterable[Finding]:
    for slug in sorted(slugs):
        role = framework.role(slug)
        if role is not None:
            yield Finding(
                "UNREACHABLE_ROLE",
                f"role {role.title!r} cannot be reached: no progression leads to "
                "it from the lowest rung of any ladder",
                (slug,),
                (),
                role.source,
            )


def _dead_ends(framework: Framework, slugs: set[str]) -> Iterable[Finding]:
    for slug in sorted(slugs):
        role = framework.role(slug)
        if role is not None:
            yield Finding(
                "DEAD_END_ROLE",
                f"role {role.title!r} is a dead end: no progression leads from it "
                "to the top rung of any ladder",
                (slug,),
                (),
                role.source,
            )


def _promotion_findings(progression: Progression) -> Iterable[Finding]:
    """PROMOTION_SHARES_NO_SKILL and REQUIREMENT_DROPS, over every promotion
    at once as rows of sparse matrices (about 100,000 rows at 3,000 roles)."""
    table = progression.outgoing
    is_promotion = table.kind.data == PROMOTION
    sources = np.repeat(np.arange(progression.role_count), np.diff(table.indptr))[
        is_promotion
    ]
    targets = table.indices[is_promotion].astype(np.int64)
    if not len(sources):
        return
    slugs = progression.slugs
    roles = [progression.role(slug) for slug in slugs]
    required: sp.csr_matrix = progression.requirements
    held = (required > 0).astype(np.int32)
    # The levels each side asks for the skills both require: the two
    # products have one sparsity (the shared skills, levels never 0), so
    # their data line up entry for entry, in skill code order.
    lower = sp.csr_matrix(required[sources].multiply(held[targets]))
    upper = sp.csr_matrix(required[targets].multiply(held[sources]))
    lower.sort_indices()
    upper.sort_indices()
    shared = np.diff(lower.indptr)
    empty = np.diff(held.indptr) == 0  # roles that require no core skill
    for edge in np.flatnonzero(shared == 0).tolist():
        a, b = roles[sources[edge]], roles[targets[edge]]
        # A role that requires nothing shares nothing: say so, so that the
        # owner fixes the one card rather than looks for two problems.
        nothing = [
            repr(role.title)
            for role, index in ((a, sources[edge]), (b, targets[edge]))
            if empty[index]
        ]
        why = {
            0: "",
            1: f" ({''.join(nothing)} requires none)",
            2: f" ({' and '.join(nothing)} require none)",
        }[len(nothing)]
        yield Finding(
            "PROMOTION_SHARES_NO_SKILL",
            f"the promotion from {a.title!r} (level {a.level}) to {b.title!r} "
            f"(level {b.level}) shares no core skill{why}",
            (slugs[sources[edge]], slugs[targets[edge]]),
            (),
            b.source,
        )
    dropped = np.flatnonzero(lower.data > upper.data)
    edges = np.searchsorted(lower.indptr, dropped, side="right") - 1
    for edge, entries in _runs(edges, dropped):
        a, b = roles[sources[edge]], roles[targets[edge]]
        codes = [progression.codes[s] for s in lower.indices[entries].tolist()]
        changes = ", ".join(
            f"{code} from {was} to {now}"
            for code, was, now in zip(
                codes,
                lower.data[entries].tolist(),
                upper.data[entries].tolist(),
                strict=True,
            )
        )
        first = next(req for req in b.requirements if req.code == codes[0])
        yield Finding(
            "REQUIREMENT_DROPS",
            f"the promotion from {a.title!r} (level {a.level}) to {b.title!r} "
            f"(level {b.level}) lowers {changes}",
            (slugs[sources[edge]], slugs[targets[edge]]),
            tuple(codes),
            first.source or b.source,
        )


def _runs(
    keys: npt.NDArray[np.int64], values: npt.NDArray[np.int64]
) -> Iterable[tuple[int, npt.NDArray[np.int64]]]:
    """(key, values) for each run of equal keys in a sorted array."""
    if not len(keys):
        return
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    stops = np.r_[starts[1:], len(keys)]
    for start, stop in zip(starts.tolist(), stops.tolist(), strict=True):
        yield int(keys[start]), values[start:stop]


def _undescribed(framework: Framework) -> Iterable[Finding]:
    for found in undescribed_requirements(framework):
        role, requirement = found.role, found.requirement
        optional = " (optional)" if requirement.optional else ""
        yield Finding(
            "LEVEL_NOT_DESCRIBED",
            f"role {role.title!r} requires {requirement.code} at level "
            f"{requirement.level}{optional}, which the skill does not describe "
            f"(described levels: {found.described_text})",
            (role.slug,),
            (requirement.code,),
            requirement.source or role.source,
        )


def _used_once(framework: Framework) -> Iterable[Finding]:
    users: dict[str, list[Role]] = defaultdict(list)
    for role in framework.roles:
        for code in {req.code for req in role.requirements}:
            users[code].append(role)
    for skill in framework.skills:
        found = users.get(skill.code, [])
        if skill.catalogue or len(found) != 1:
            continue
        role = found[0]
        yield Finding(
            "SKILL_USED_ONCE",
            f"skill {skill.code} ({skill.name}) is required by one role only, "
            f"{role.title!r}",
            (role.slug,),
            (skill.code,),
            skill.source,
        )


def _identical(framework: Framework) -> Iterable[Finding]:
    groups: dict[frozenset[tuple[str, int]], list[Role]] = defaultdict(list)
    for role in framework.roles:
        core = frozenset((req.code, req.level) for req in role.core_requirements)
        if core:  # roles requiring nothing are ROLE_WITHOUT_REQUIREMENTS
            groups[core].append(role)
    for core, roles in groups.items():
        if len(roles) < 2:
            continue
        roles.sort(key=lambda role: role.slug)
        skills = tuple(sorted(code for code, _ in core))
        yield Finding(
            "IDENTICAL_ROLES",
            f"roles {_titles(roles)} have the same core requirements "
            f"({', '.join(f'{code} {level}' for code, level in sorted(core))})",
            tuple(role.slug for role in roles),
            skills,
            _first_location(roles),
        )


def _titles(roles: Sequence[Role]) -> str:
    return ", ".join(repr(role.title) for role in roles)


def _first_location(roles: Iterable[Role]) -> Location | None:
    """The first of the roles' locations in file and line order."""
    found = [role.source for role in roles if role.source is not None]
    return min(found, key=lambda where: (where.path, where.line), default=None)
