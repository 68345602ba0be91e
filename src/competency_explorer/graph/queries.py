"""Gaps, neighbours and shared skills: the queries over one or two roles.

Every query takes the framework's ``Progression`` first. Arguments come
checked (``competency_explorer.checks``): profiles with known, upper-case
codes at levels 1-7, limits of at least 1. Unknown role slugs and skill codes
are named in an UnknownRoleError or UnknownSkillError. Only core
requirements count; optional ones are listed with a role, never weighed.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..errors import UnknownSkillError
from ..model import Role
from .progression import KIND_NAMES, EdgeTable, Progression
from .types import Gap, LevelUp, RoleRequirement, SharedSkill, Step


def gap(progression: Progression, profile: Mapping[str, int], target: str) -> Gap:
    """What a person with ``profile`` (code -> level) lacks for the target role.

    Skills the target does not require are ignored.
    """
    return gap_to(profile, progression.role(target))


def role_gap(progression: Progression, source: str, target: str) -> Gap:
    """The gap from the core requirements of one role to those of another."""
    held = {req.code: req.level for req in progression.role(source).core_requirements}
    return gap_to(held, progression.role(target))


def gap_to(held: Mapping[str, int], role: Role) -> Gap:
    """The gap from ``held`` (code -> level) to the core requirements of ``role``."""
    new_skills = []
    level_ups = []
    met = []
    effort = 0
    for requirement in role.core_requirements:
        level = held.get(requirement.code)
        if level is None:
            new_skills.append(requirement)
            effort += requirement.level
        elif level < requirement.level:
            level_ups.append(LevelUp(requirement.code, level, requirement.level))
            effort += requirement.level - level
        else:
            met.append(requirement)
    return Gap(role.slug, tuple(new_skills), tuple(level_ups), tuple(met), effort)


def next_roles(
    progression: Progression, slug: str, limit: int | None = None
) -> list[Step]:
    """Outgoing progression edges, by effort, then the target's slug."""
    return _neighbours(progression, slug, limit, outgoing=True)


def previous_roles(
    progression: Progression, slug: str, limit: int | None = None
) -> list[Step]:
    """Incoming progression edges, by effort, then the source's slug."""
    return _neighbours(progression, slug, limit, outgoing=False)


def step_count(progression: Progression, slug: str, *, outgoing: bool) -> int:
    """How many progression edges leave (or reach) a role: all of them, where
    next_roles and previous_roles give the first ``limit``."""
    i = progression.role_index(slug)
    table: EdgeTable = progression.outgoing if outgoing else progression.incoming
    return int(table.indptr[i + 1] - table.indptr[i])


def _neighbours(
    progression: Progression, slug: str, limit: int | None, *, outgoing: bool
) -> list[Step]:
    i = progression.role_index(slug)
    table: EdgeTable = progression.outgoing if outgoing else progression.incoming
    others, efforts, kinds = table.row(i)
    moves = table.moves(i)
    # Role indices follow slug order, so the index breaks ties by slug.
    order = np.lexsort((others, efforts))[:limit]
    here = progression.slugs[i]
    steps = []
    for k in order.tolist():
        other = progression.slugs[int(others[k])]
        source, target = (here, other) if outgoing else (other, here)
        steps.append(
            step_of(
                progression,
                source,
                target,
                int(kinds[k]),
                int(efforts[k]),
                int(moves[k]),
            )
        )
    return steps


def step_of(
    progression: Progression,
    source: str,
    target: str,
    kind: int,
    effort: int,
    move: int,
) -> Step:
    """One edge as a ``Step``; ``move`` is 1 + the declared move's index, or 0."""
    note = progression.framework.moves[move - 1].note if move else None
    return Step(source, target, KIND_NAMES[kind], effort, bool(move), note)


def roles_sharing_skill(
    progression: Progression, code: str, min_level: int | None = None
) -> list[RoleRequirement]:
    """Roles requiring the skill (core, at ``min_level`` or above), level
    descending, then slug."""
    if progression.framework.skill(code) is None:
        raise UnknownSkillError(code)
    s = progression.skill_index(code)
    column = progression.by_skill
    start, stop = column.indptr[s], column.indptr[s + 1]
    roles = column.indices[start:stop]
    levels = column.data[start:stop]
    if min_level is not None:
        keep = levels >= min_level
        roles, levels = roles[keep], levels[keep]
    order = np.lexsort((roles, -levels.astype(np.int64)))
    return [
        RoleRequirement(progression.slugs[int(roles[k])], int(levels[k]))
        for k in order.tolist()
    ]


def shared_skills(progression: Progression, a: str, b: str) -> list[SharedSkill]:
    """The skills both roles require (core requirements), by code."""
    return shared_between(progression.role(a), progression.role(b))


def shared_between(first: Role, second: Role) -> list[SharedSkill]:
    levels_b = {req.code: req.level for req in second.core_requirements}
    return [
        SharedSkill(req.code, req.level, levels_b[req.code])
        for req in first.core_requirements
        if req.code in levels_b
    ]
