"""Gaps, neighbours and shared skills: the queries over one or two roles."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
import numpy as np

from ..errors import InvalidInputError, UnknownRoleError, UnknownSkillError
from ..model import Framework, Role, is_valid_level
from .progression import KIND_NAMES, EdgeTable, layer
from .types import Gap, LevelUp, RoleRequirement, SharedSkill, Step


def framework_of(graph: nx.MultiDiGraph) -> Framework:
    found = graph.graph.get("framework")
    if not isinstance(found, Framework):
        raise TypeError("the graph was not made by build_graph: no framework")
    return found


def role_of(graph: nx.MultiDiGraph, slug: str) -> Role:
    role = framework_of(graph).role(slug)
    if role is None:
        raise UnknownRoleError(slug)
    return role


def check_level(level: int, what: str) -> None:
    if not is_valid_level(level):
        raise InvalidInputError(f"{what} must be a level from 1 to 7, not {level}")


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise InvalidInputError(f"limit must be at least 1, not {limit}")


def normalise_profile(
    graph: nx.MultiDiGraph, profile: Mapping[str, int]
) -> dict[str, int]:
    """Codes upper-cased and checked: each must exist, once, at a level 1-7."""
    framework = framework_of(graph)
    normalised: dict[str, int] = {}
    for code, level in profile.items():
        skill = framework.skill(code)
        if skill is None:
            raise UnknownSkillError(code)
        check_level(level, f"the level of {skill.code} in the profile")
        if skill.code in normalised:
            raise InvalidInputError(f"skill {skill.code} appears twice in the profile")
        normalised[skill.code] = level
    return normalised


def gap(graph: nx.MultiDiGraph, profile: Mapping[str, int], target: str) -> Gap:
    """What a person with ``profile`` (code -> level) lacks for the target role.

    Skills the target does not require are ignored.
    """
    role = role_of(graph, target)
    return gap_to(normalise_profile(graph, profile), role)


def role_gap(graph: nx.MultiDiGraph, source: str, target: str) -> Gap:
    """The gap from the requirements of one role to another."""
    held = {req.code: req.level for req in role_of(graph, source).requirements}
    return gap_to(held, role_of(graph, target))


def gap_to(held: Mapping[str, int], role: Role) -> Gap:
    """The gap for an already normalised profile."""
    new_skills = []
    level_ups = []
    met = []
    effort = 0
    for requirement in role.requirements:
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
    graph: nx.MultiDiGraph, slug: str, limit: int | None = None
) -> list[Step]:
    """Outgoing progression edges, by effort, then the target's slug."""
    return _neighbours(graph, slug, limit, outgoing=True)


def previous_roles(
    graph: nx.MultiDiGraph, slug: str, limit: int | None = None
) -> list[Step]:
    """Incoming progression edges, by effort, then the source's slug."""
    return _neighbours(graph, slug, limit, outgoing=False)


def _neighbours(
    graph: nx.MultiDiGraph, slug: str, limit: int | None, *, outgoing: bool
) -> list[Step]:
    check_limit(limit)
    progression = layer(graph)
    i = progression.role_index(slug)
    table: EdgeTable = progression.outgoing if outgoing else progression.incoming
    others, efforts, kinds = table.row(i)
    # Role indices follow slug order, so the index breaks ties by slug.
    order = np.lexsort((others, efforts))[:limit]
    here = progression.slugs[i]
    steps = []
    for k in order.tolist():
        other = progression.slugs[int(others[k])]
        kind = KIND_NAMES[int(kinds[k])]
        source, target = (here, other) if outgoing else (other, here)
        steps.append(Step(source, target, kind, int(efforts[k])))
    return steps


def roles_sharing_skill(
    graph: nx.MultiDiGraph, code: str, min_level: int | None = None
) -> list[RoleRequirement]:
    """Roles requiring the skill (at ``min_level`` or above), level desc, then slug."""
    if min_level is not None:
        check_level(min_level, "min_level")
    progression = layer(graph)
    if framework_of(graph).skill(code) is None:
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


def shared_skills(graph: nx.MultiDiGraph, a: str, b: str) -> list[SharedSkill]:
    """The skills both roles require, by code."""
    first, second = role_of(graph, a), role_of(graph, b)
    return shared_between(first, second)


def shared_between(first: Role, second: Role) -> list[SharedSkill]:
    levels_b = {req.code: req.level for req in second.requirements}
    return [
        SharedSkill(req.code, req.level, levels_b[req.code])
        for req in first.requirements
        if req.code in levels_b
    ]
