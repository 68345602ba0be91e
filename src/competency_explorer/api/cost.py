"""A query's cost, estimated from the document before anything runs: the rule per field.

Depth, aliases and tokens bound the size of a document, not the work it asks
for: ``roles(first: 100) { nextRoles(limit: 100) { to { nextRoles(limit:
100) { gap { effort } } } } }`` is short and shallow, yet asks for a million
gaps. The list-item budget refuses such an answer, but only once much of the
work is done. This estimate refuses it first, in time proportional to the
document.

One unit is about 5 microseconds of server time, what resolving one field
costs. A field costs one unit, plus the weight of its computation when it
computes over the graph, times the number of times it is resolved: the
product of the sizes of the lists above it. A list's size is the ``first`` or
``limit`` asked for (its default when not given). A list whose length comes
from the data (the requirements of a role, the roles requiring a skill, ...)
counts as its longest in the framework where the caller picks its one owner
(``skill(code:) { requiredBy }``), as its 90th percentile on the items of a
list (``skills(first: 100) { edges { node { requiredBy } } }``), and as its
popularity-weighted mean on objects reached through a link from many others
(the skill of each requirement is a popular one more often than not). A
filter of ``roles`` or ``skills`` reads every role or skill, and costs in
proportion to their number. The weights and the default limit were measured
on a 3,000-role framework with tools/bench/cost_calibration.py; see docs/limits.md.

This module holds the rule for one field (``CostModel.step``); the walk that
adds the fields of a document up, shared with the document limits, is in
``measure.py``, and the limit is enforced in ``limits.py``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from graphql import (
    FieldNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from ..model import Framework
from .pagination import DEFAULT_FIRST
from .settings import Limits


@dataclass(frozen=True, slots=True)
class Weight:
    """The extra units of one call of a field that computes over the graph."""

    call: int = 0  # once per call
    per_item: int = 0  # per item of its list (per path for progressionPaths)
    per_profile_skill: int = 0  # per skill of its ``profile`` argument


#: Measured at 3,000 roles (tools/bench/cost_calibration.py), in units of ~5 us.
WEIGHTS: dict[str, Weight] = {
    # The least-effort search: 7-10 ms for the pairs measured.
    "progressionPath": Weight(call=1500),
    # Yen's search: about the first path's time, then ~1 ms per further path
    # between far roles (the slowest of 60 pairs from levels 1-2 to 6-7).
    "progressionPaths": Weight(call=1250, per_item=200),
    # A row of the similarity matrix (~0.5-0.6 ms at 3,000 roles), then each
    # result's shared skills.
    "similarRoles": Weight(call=100, per_item=3),
    # Scoring every role against the profile, then a gap per match.
    "matchRoles": Weight(call=200, per_item=1, per_profile_skill=3),
    "skillGap": Weight(call=80, per_profile_skill=3),
    # The same gap; its items' texts and resources are fields of their own.
    "developmentPlan": Weight(call=80, per_profile_skill=3),
    "nextRoles": Weight(call=10, per_item=1),
    "previousRoles": Weight(call=10, per_item=1),
    "gap": Weight(call=3),
    "rolesSharingSkill": Weight(call=5, per_item=1),
    "requiredBy": Weight(call=5, per_item=1),
    "sharedSkills": Weight(call=10),
    # A ranked search reads every role or skill (folded once, then kept): at
    # worst 5 ms over 3,000 roles and 15 ms over 14,000 skills (a one-letter
    # text that most names contain), 1-3 ms for a typical one.
    "searchRoles": Weight(call=1000, per_item=1),
    "searchSkills": Weight(call=3000, per_item=1),
    # Framework.health: made once per served framework (4-5 s at 3,000 roles,
    # paid by the first request that asks), then read from the state.
    "health": Weight(call=5, per_item=1),
}

#: Lists of roles with a ``limit``: never longer than the framework's roles.
ROLE_LISTS = frozenset(
    {"nextRoles", "previousRoles", "similarRoles", "matchRoles", "searchRoles"}
)

#: Connections, and the framework's count that bounds their pages.
CONNECTIONS = {"RoleConnection": "roles", "SkillConnection": "skills"}

#: Units per 1,000 roles (or skills) a connection reads to make its page,
#: and more per filter given, measured at 3,000 roles and 14,000 skills: a
#: search with no match reads every title, summary and overview (4-6 ms at
#: 3,000 roles) or every skill's code, name and description (4-6 ms at 14,000
#: skills), which was costed at 2 units.
CONNECTION_SCANS: dict[str, int] = {"roles": 10, "skills": 5}
FILTER_SCANS: dict[tuple[str, str], int] = {
    ("roles", "search"): 300,
    ("roles", "skill"): 300,
    ("skills", "search"): 70,
    ("skills", "category"): 25,
}

#: Lists of unknown length (none today): assumed this long.
UNKNOWN_LIST = 10

#: The lists of the health report: the report is made once per served
#: framework, by the first request that asks (seconds at 3,000 roles), so its
#: lengths are known only then; their cost is weighed from the report itself.
HEALTH_LISTS = (
    ("Framework", "health"),
    ("HealthFinding", "roles"),
    ("HealthFinding", "skills"),
)


class Reach(Enum):
    """How the objects a selection set is resolved on were reached."""

    ONE = "one"  # a single object the caller named (or the root)
    ITEM = "item"  # the items of a list: a cross-section of their kind
    LINKED = "linked"  # one link away from many objects: popular ones recur


@dataclass(frozen=True, slots=True)
class Sizes:
    """How long one data-sized list is: at most, typically, weighted by use."""

    longest: int
    p90: int
    weighted: int  # sum of squares over sum: the mean as seen through links

    @classmethod
    def of(cls, lengths: Iterable[int]) -> Sizes:
        values = sorted(lengths)
        if not values:
            return cls(0, 0, 0)
        total = sum(values)
        squares = sum(v * v for v in values)
        p90 = values[min(len(values) - 1, math.ceil(0.9 * len(values)) - 1)]
        weighted = math.ceil(squares / total) if total else 0
        return cls(values[-1], p90, min(weighted, values[-1]))

    def size(self, reach: Reach) -> int:
        if reach is Reach.ONE:
            return self.longest
        if reach is Reach.ITEM:
            return self.p90
        return self.weighted


@dataclass(frozen=True, slots=True)
class ListBounds:
    """The sizes of one framework's data-sized lists, keyed (type, field)."""

    sizes: Mapping[tuple[str, str], Sizes]
    counts: Mapping[str, int]  # "roles", "skills"
    # The health report's findings (see HEALTH_LISTS), asked for only when a
    # query reaches one of its lists.
    health: Callable[[], Sequence[Any]] | None = None
    _later: dict[tuple[str, str], Sizes] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        framework: Framework,
        health: Callable[[], Sequence[Any]] | None = None,
    ) -> ListBounds:
        roles = framework.roles
        per_skill = Counter(req.code for role in roles for req in role.requirements)
        requirements = [len(role.requirements) for role in roles]
        popularity = [per_skill.get(skill.code, 0) for skill in framework.skills]
        resources = [len(skill.resources) for skill in framework.skills]
        numbers = [level.number for level in framework.levels]
        per_level = Counter(role.level for role in roles)
        per_path = Counter(role.career_path for role in roles)
        per_category = Counter(skill.category for skill in framework.skills)
        per_subcategory = Counter(
            (skill.category, skill.subcategory) for skill in framework.skills
        )
        subcategories = Counter(sub.category for sub in framework.subcategories)
        categories = [c.name for c in framework.categories]
        tracks = [(t.career_path, t.name.casefold()) for t in framework.tracks]
        per_track = Counter(
            (role.career_path, role.track.casefold()) for role in roles if role.track
        )
        shared_rungs = Counter(role.career_path for role in roles if not role.track)

        def once(count: int) -> Sizes:
            return Sizes(count, count, count)

        sizes = {
            ("Query", "levels"): once(len(framework.levels)),
            ("Query", "categories"): once(len(framework.categories)),
            ("Query", "subcategories"): once(len(framework.subcategories)),
            ("Query", "careerPaths"): once(len(framework.career_paths)),
            ("Query", "attributes"): once(len(framework.attributes)),
            ("Query", "rolesSharingSkill"): Sizes.of(popularity),
            ("Query", "sharedSkills"): Sizes.of(requirements),
            ("Level", "roles"): Sizes.of(per_level[n] for n in numbers),
            ("Level", "attributes"): once(len(framework.attributes)),
            ("CareerPath", "roles"): Sizes.of(
                per_path[p.name] for p in framework.career_paths
            ),
            ("Category", "skills"): Sizes.of(per_category[c] for c in categories),
            ("Category", "subcategories"): Sizes.of(
                subcategories[c] for c in categories
            ),
            ("Subcategory", "skills"): Sizes.of(
                per_subcategory[(s.category, s.name)] for s in framework.subcategories
            ),
            ("Skill", "levels"): Sizes.of(len(s.levels) for s in framework.skills),
            ("Attribute", "levels"): Sizes.of(
                len(a.levels) for a in framework.attributes
            ),
            ("Skill", "requiredBy"): Sizes.of(popularity),
            ("Skill", "resources"): Sizes.of(resources),
            # A plan has an item (or a met requirement) per core requirement.
            ("DevelopmentPlan", "items"): Sizes.of(requirements),
            ("DevelopmentPlan", "met"): Sizes.of(requirements),
            ("DevelopmentPlan", "optional"): Sizes.of(requirements),
            ("PlanItem", "levels"): Sizes.of(len(s.levels) for s in framework.skills),
            ("PlanItem", "resources"): Sizes.of(resources),
            ("Role", "requirements"): Sizes.of(requirements),
            ("SkillGap", "newSkills"): Sizes.of(requirements),
            ("SkillGap", "levelUps"): Sizes.of(requirements),
            ("SkillGap", "met"): Sizes.of(requirements),
            ("RoleSimilarity", "shared"): Sizes.of(requirements),
            ("CareerPath", "tracks"): Sizes.of(
                len(framework.tracks_of(p.name)) for p in framework.career_paths
            ),
            ("Track", "roles"): Sizes.of(per_track[t] for t in tracks),
            ("Track", "ladder"): Sizes.of(
                per_track[t] + shared_rungs[t[0]] for t in tracks
            ),
            ("Role", "sections"): Sizes.of(len(role.sections) for role in roles),
            # A route climbs about a level a step (measured: 6 steps from level
            # 1 to 7); the longest possible one (every role) is never asked.
            ("ProgressionPath", "steps"): once(min(len(numbers), len(roles))),
        }
        counts = {"roles": len(roles), "skills": len(framework.skills)}
        return cls(sizes, counts, health)

    def size(self, type_name: str, field_name: str, reach: Reach) -> int:
        key = (type_name, field_name)
        found = self.sizes.get(key) or self._later.get(key)
        if found is None and key in HEALTH_LISTS and self.health is not None:
            findings = self.health()
            self._later.update(
                {
                    ("Framework", "health"): Sizes.of([len(findings)]),
                    ("HealthFinding", "roles"): Sizes.of(
                        len(f.roles) for f in findings
                    ),
                    ("HealthFinding", "skills"): Sizes.of(
                        len(f.skills) for f in findings
                    ),
                }
            )
            found = self._later[key]
        return UNKNOWN_LIST if found is None else found.size(reach)


# One framework is served at a time (two around a reload): remember the last.
_bounds_cache: list[tuple[Framework, ListBounds]] = []


def bounds_of(
    framework: Framework, health: Callable[[], Sequence[Any]] | None = None
) -> ListBounds:
    """The list sizes of ``framework``; ``health`` makes (or reads) its health
    report, for the queries that reach it."""
    for known, bounds in _bounds_cache:
        # A bound method is made anew at each access: compared by equality.
        if known is framework and (health is None or bounds.health == health):
            return bounds
    bounds = ListBounds.of(framework, health)
    _bounds_cache[:] = [(framework, bounds)]
    return bounds


@dataclass(frozen=True, slots=True)
class Step:
    """What resolving one field costs, and how its selection is reached."""

    work: int  # units of the field itself: 1, plus its computation's weight
    size: int  # how many times its selection is resolved (1 for an object)
    child_type: GraphQLNamedType
    child_page: int | None  # the page of a connection below, if any
    child_reach: Reach


class CostModel:
    """The cost rule of one field, given where it stands; the walk over the
    document that adds the fields up is in ``measure.py``."""

    def __init__(
        self,
        variables: Mapping[str, Any],
        limits: Limits,
        bounds: ListBounds,
    ) -> None:
        self.variables = variables
        self.limits = limits
        self.bounds = bounds

    def step(
        self,
        node: FieldNode,
        parent: GraphQLNamedType | None,
        page: int | None,
        reach: Reach,
    ) -> Step | None:
        """The cost of ``node`` on an object of ``parent``; None for a field
        the schema does not know (or introspection): validation refuses the
        first, and the second costs a unit a field."""
        name = node.name.value
        definition = (
            parent.fields.get(name)
            if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
            else None
        )
        if parent is None or definition is None:
            return None
        field_type = get_nullable_type(definition.type)
        child_type = get_named_type(field_type)
        child_page = page
        size = 1
        work = 1
        if "first" in definition.args:
            # A connection: its edges list holds `first` items at most.
            child_page = self.argument(
                node, "first", DEFAULT_FIRST, self.limits.max_first
            )
            counted = CONNECTIONS.get(child_type.name)
            if counted is not None:
                child_page = min(child_page, self.bounds.counts[counted])
                work += self.filter_work(node, counted)
        if is_list_type(field_type):
            child_reach = Reach.ITEM
            if "limit" in definition.args:
                default = definition.args["limit"].default_value
                fallback = (
                    default if isinstance(default, int) else self.limits.max_limit
                )
                size = self.argument(node, "limit", fallback, self.limits.max_limit)
                if name in ROLE_LISTS:
                    size = min(size, self.bounds.counts["roles"])
            elif name == "edges" and page is not None:
                size = page
            else:
                size = self.bounds.size(parent.name, name, reach)
        elif reach is Reach.ONE or (name == "node" and parent.name.endswith("Edge")):
            child_reach = reach  # one object stays one; an edge's node is its item
        else:
            child_reach = Reach.LINKED
        weight = WEIGHTS.get(name)
        if weight is not None:
            work += weight.call + weight.per_item * size
            if weight.per_profile_skill:
                work += weight.per_profile_skill * self.profile_size(node)
        return Step(work, size, child_type, child_page, child_reach)

    def filter_work(self, node: FieldNode, counted: str) -> int:
        """Units of reading every role (or skill) of the framework to make a
        page of a connection, and of each filter given."""
        work = math.ceil(CONNECTION_SCANS[counted] * self.bounds.counts[counted] / 1000)
        for argument in node.arguments or ():
            per_thousand = FILTER_SCANS.get((counted, argument.name.value))
            if per_thousand is not None and not isinstance(
                argument.value, NullValueNode
            ):
                work += math.ceil(per_thousand * self.bounds.counts[counted] / 1000)
        return work

    def profile_size(self, node: FieldNode) -> int:
        """Skills in the ``profile`` argument (the most allowed when unknown)."""
        for argument in node.arguments or ():
            if argument.name.value != "profile":
                continue
            value = argument.value
            if isinstance(value, ListValueNode):
                return min(len(value.values), self.limits.max_profile)
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, list):
                    return min(len(given), self.limits.max_profile)
        return self.limits.max_profile

    def argument(self, node: FieldNode, name: str, default: int, cap: int) -> int:
        """An integer argument's value, clamped to 0..cap (bad values are
        refused later, with BAD_USER_INPUT; here they cost the most)."""
        for argument in node.arguments or ():
            if argument.name.value != name:
                continue
            value = argument.value
            if isinstance(value, IntValueNode):
                digits = value.value.lstrip("-")
                number = int(value.value) if len(digits) <= 9 else cap
                return max(0, min(number, cap))
            if isinstance(value, VariableNode):
                given = self.variables.get(value.name.value)
                if isinstance(given, int) and not isinstance(given, bool):
                    return max(0, min(given, cap))
                return cap if given is not None else min(default, cap)
            return min(default, cap)  # null or a value of the wrong type
        return min(default, cap)
