"""What changed between two versions of a framework, and what it changes.

``diff_frameworks(old, new)`` compares two loaded frameworks: roles by slug
(added, removed, or changed: which fields, which requirements), skills by
code, declared moves by their two roles, the progression settings and the
other parts of the framework; then the consequences: the health report's
findings that are new or resolved, and the progression edges that appeared
or disappeared. It reads no files and prints nothing (reports/diff.py
renders it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

import numpy as np
import numpy.typing as npt

from .graph import build_progression
from .graph.health import Finding, health
from .graph.progression import KIND_NAMES, Progression
from .model import Framework, Move, Requirement, Role, Section, Skill

RoleChange = Literal["added", "removed", "changed"]
FieldValue = str | int | bool | tuple[Section, ...] | tuple[int, ...] | None

#: The role fields compared, in the order they are reported.
ROLE_FIELDS = (
    "title",
    "level",
    "career_path",
    "track",
    "summary",
    "overview",
    "sections",
)
#: The skill fields compared (``levels``: the levels described, and their
#: texts; ``resources``: its learning resources, any of their fields).
SKILL_FIELDS = (
    "name",
    "category",
    "subcategory",
    "description",
    "guidance",
    "url",
    "levels",
    "resources",
)
#: Parts of a framework that are not reported item by item: only whether they
#: changed ("other" changes), so that --exit-code misses nothing.
OTHER_PARTS = (
    "name",
    "levels",
    "career_paths",
    "tracks",
    "categories",
    "subcategories",
    "attributes",
    "attribution",
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    name: str
    old: FieldValue
    new: FieldValue


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A requirement of both versions, at another level."""

    code: str
    old: int
    new: int


@dataclass(frozen=True, slots=True)
class OptionalChange:
    """A requirement of both versions that became optional, or core."""

    code: str
    old: bool
    new: bool


@dataclass(frozen=True, slots=True)
class RoleDiff:
    slug: str
    title: str  # the new version's title (the old one's for a removed role)
    change: RoleChange
    fields: tuple[
        FieldChange, ...
    ]  # an added role's are from None, a removed one's to None
    added: tuple[Requirement, ...]  # by code
    removed: tuple[Requirement, ...]
    levels: tuple[LevelChange, ...]
    optional: tuple[OptionalChange, ...]


@dataclass(frozen=True, slots=True)
class SkillChange:
    code: str
    name: str
    fields: tuple[str, ...]  # the names of the SKILL_FIELDS that differ


@dataclass(frozen=True, slots=True)
class MoveNoteChange:
    source: str
    target: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str


@dataclass(frozen=True, slots=True)
class EdgeDiff:
    added_count: int
    removed_count: int
    added: tuple[Edge, ...]  # the first few (edge_limit), by source, target
    removed: tuple[Edge, ...]


@dataclass(frozen=True, slots=True)
class FrameworkDiff:
    old_name: str
    new_name: str
    roles: tuple[RoleDiff, ...]  # added, removed, then changed; each by slug
    skills_added: tuple[Skill, ...]
    skills_removed: tuple[Skill, ...]
    skills_changed: tuple[SkillChange, ...]
    moves_added: tuple[Move, ...]
    moves_removed: tuple[Move, ...]
    move_notes: tuple[MoveNoteChange, ...]
    progression: tuple[FieldChange, ...]
    other: tuple[str, ...]  # the OTHER_PARTS that differ
    health_new: tuple[Finding, ...]  # in the health report's order
    health_resolved: tuple[Finding, ...]
    edges: EdgeDiff

    @property
    def changed(self) -> bool:
        """Whether the two versions differ at all (``--exit-code``)."""
        return bool(
            self.roles
            or self.skills_added
            or self.skills_removed
            or self.skills_changed
            or self.moves_added
            or self.moves_removed
            or self.move_notes
            or self.progression
            or self.other
            or self.health_new
            or self.health_resolved
            or self.edges.added_count
            or self.edges.removed_count
        )


def diff_frameworks(
    old: Framework, new: Framework, *, edge_limit: int, names: bool = True
) -> FrameworkDiff:
    """``new`` against ``old``, listing at most ``edge_limit`` edges each way.

    ``names`` false leaves the frameworks' names out: no file of either
    version names its framework, so each is named after its folder, and two
    folders (or a revision's copy in a temporary folder) differ by name
    alone."""
    old_progression, new_progression = build_progression(old), build_progression(new)
    old_findings = health(old, old_progression)
    new_findings = health(new, new_progression)
    old_keys = {finding.key for finding in old_findings}
    new_keys = {finding.key for finding in new_findings}
    skills_added, skills_removed, skills_changed = _skills(old, new)
    moves_added, moves_removed, move_notes = _moves(old, new)
    return FrameworkDiff(
        old_name=old.name,
        new_name=new.name,
        roles=_roles(old, new),
        skills_added=skills_added,
        skills_removed=skills_removed,
        skills_changed=skills_changed,
        moves_added=moves_added,
        moves_removed=moves_removed,
        move_notes=move_notes,
        progression=tuple(
            FieldChange(item.name, getattr(old.progression, item.name), value)
            for item in fields(new.progression)
            if (value := getattr(new.progression, item.name))
            != getattr(old.progression, item.name)
        ),
        other=tuple(
            part
            for part in OTHER_PARTS
            if (names or part != "name") and getattr(old, part) != getattr(new, part)
        ),
        health_new=tuple(f for f in new_findings if f.key not in old_keys),
        health_resolved=tuple(f for f in old_findings if f.key not in new_keys),
        edges=_edges(old_progression, new_progression, edge_limit),
    )


def _roles(old: Framework, new: Framework) -> tuple[RoleDiff, ...]:
    old_roles = {role.slug: role for role in old.roles}
    new_roles = {role.slug: role for role in new.roles}
    found: list[RoleDiff] = []
    for slug in sorted(old_roles.keys() | new_roles.keys()):
        before, after = old_roles.get(slug), new_roles.get(slug)
        role_diff = _role(slug, before, after)
        if role_diff is not None:
            found.append(role_diff)
    order = {"added": 0, "removed": 1, "changed": 2}
    return tuple(sorted(found, key=lambda d: (order[d.change], d.slug)))


def _role(slug: str, before: Role | None, after: Role | None) -> RoleDiff | None:
    changes = tuple(
        FieldChange(name, old_value, new_value)
        for name in ROLE_FIELDS
        if (old_value := _field(before, name)) != (new_value := _field(after, name))
    )
    old_requirements = {req.code: req for req in before.requirements} if before else {}
    new_requirements = {req.code: req for req in after.requirements} if after else {}
    both = sorted(old_requirements.keys() & new_requirements.keys())
    added = tuple(
        new_requirements[code] for code in sorted(new_requirements.keys() - both)
    )
    removed = tuple(
        old_requirements[code] for code in sorted(old_requirements.keys() - both)
    )
    levels = tuple(
        LevelChange(code, old_requirements[code].level, new_requirements[code].level)
        for code in both
        if old_requirements[code].level != new_requirements[code].level
    )
    optional = tuple(
        OptionalChange(
            code, old_requirements[code].optional, new_requirements[code].optional
        )
        for code in both
        if old_requirements[code].optional != new_requirements[code].optional
    )
    if before is not None and after is not None:
        if not (changes or added or removed or levels or optional):
            return None
        change: RoleChange = "changed"
    else:
        change = "added" if after is not None else "removed"
    shown = after or before
    assert shown is not None  # the slug came from one of the two
    return RoleDiff(
        slug, shown.title, change, changes, added, removed, levels, optional
    )


def _field(role: Role | None, name: str) -> FieldValue:
    if role is None:
        return None
    value: FieldValue = getattr(role, name)
    return None if value == () else value


def _skills(
    old: Framework, new: Framework
) -> tuple[tuple[Skill, ...], tuple[Skill, ...], tuple[SkillChange, ...]]:
    old_skills = {skill.code: skill for skill in old.skills}
    new_skills = {skill.code: skill for skill in new.skills}
    added = tuple(new_skills[c] for c in sorted(new_skills.keys() - old_skills.keys()))
    removed = tuple(
        old_skills[c] for c in sorted(old_skills.keys() - new_skills.keys())
    )
    changed = []
    for code in sorted(old_skills.keys() & new_skills.keys()):
        before, after = old_skills[code], new_skills[code]
        names = tuple(
            name
            for name in SKILL_FIELDS
            if getattr(before, name) != getattr(after, name)
        )
        if names:
            changed.append(SkillChange(code, after.name, names))
    return added, removed, tuple(changed)


def _moves(
    old: Framework, new: Framework
) -> tuple[tuple[Move, ...], tuple[Move, ...], tuple[MoveNoteChange, ...]]:
    old_moves = {(move.source, move.target): move for move in old.moves}
    new_moves = {(move.source, move.target): move for move in new.moves}
    added = tuple(new_moves[k] for k in sorted(new_moves.keys() - old_moves.keys()))
    removed = tuple(old_moves[k] for k in sorted(old_moves.keys() - new_moves.keys()))
    notes = tuple(
        MoveNoteChange(*key, old_moves[key].note, new_moves[key].note)
        for key in sorted(old_moves.keys() & new_moves.keys())
        if old_moves[key].note != new_moves[key].note
    )
    return added, removed, notes


def _edges(old: Progression, new: Progression, limit: int) -> EdgeDiff:
    """The edges of one version only, matched by their roles' slugs and kind.

    At 3,000 roles each version has millions of edges: they are compared as
    integer keys over the union of the two versions' slugs, never as objects.
    """
    slugs = sorted(set(old.slugs) | set(new.slugs))
    old_keys = _edge_keys(old, slugs)
    new_keys = _edge_keys(new, slugs)
    appeared = np.setdiff1d(new_keys, old_keys, assume_unique=True)
    gone = np.setdiff1d(old_keys, new_keys, assume_unique=True)
    return EdgeDiff(
        added_count=len(appeared),
        removed_count=len(gone),
        added=_listed(appeared[:limit], slugs),
        removed=_listed(gone[:limit], slugs),
    )


_KINDS = len(KIND_NAMES) + 1  # kind numbers are 1..3


def _edge_keys(progression: Progression, slugs: list[str]) -> npt.NDArray[np.int64]:
    position = {slug: i for i, slug in enumerate(slugs)}
    to_union = np.fromiter(
        (position[slug] for slug in progression.slugs), np.int64, progression.role_count
    )
    table = progression.outgoing
    sources = to_union[
        np.repeat(np.arange(progression.role_count), np.diff(table.indptr))
    ]
    targets = to_union[table.indices.astype(np.int64)]
    kinds = table.kind.data.astype(np.int64)
    size = len(slugs)
    return np.sort((sources * size + targets) * _KINDS + kinds)


def _listed(keys: npt.NDArray[np.int64], slugs: list[str]) -> tuple[Edge, ...]:
    size = len(slugs)
    edges = []
    for key in keys.tolist():
        pair, kind = divmod(key, _KINDS)
        source, target = divmod(pair, size)
        edges.append(Edge(slugs[source], slugs[target], KIND_NAMES[kind]))
    return tuple(edges)
