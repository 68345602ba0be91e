"""A query's cost, estimated from the document before anything runs, and its limit.

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
(the skill of each requirement is a popular one more often than not). The
weights and the default limit were measured on a 3,000-role framework with
bench/cost_calibration.py; see docs/limits.md.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
    parse,
)
from strawberry.extensions import SchemaExtension

from ..model import Framework
from .codes import LIMIT_CODES
from .pagination import DEFAULT_FIRST
from .settings import Limits


@dataclass(frozen=True, slots=True)
class Weight:
    """The extra units of one call of a field that computes over the graph."""

    call: int = 0  # once per call
    per_item: int = 0  # per item of its list (per path for progressionPaths)
    per_profile_skill: int = 0  # per skill of its ``profile`` argument


#: Measured at 3,000 roles (bench/cost_calibration.py), in units of ~5 us.
WEIGHTS: dict[str, Weight] = {
    # The least-effort search: 7-10 ms for the pairs measured.
    "progressionPath": Weight(call=1500),
    # Yen's search: about the first path's time, then ~0.75 ms per further path.
    "progressionPaths": Weight(call=1250, per_item=150),
    # A row of the similarity matrix (~0.35 ms), then each result's shared skills.
    "similarRoles": Weight(call=70, per_item=3),
    # Scoring every role against the profile, then a gap per match.
    "matchRoles": Weight(call=200, per_item=1, per_profile_skill=3),
    "skillGap": Weight(call=80, per_profile_skill=3),
    "nextRoles": Weight(call=10, per_item=1),
    "previousRoles": Weight(call=10, per_item=1),
    "gap": Weight(call=3),
    "rolesSharingSkill": Weight(call=5, per_item=1),
    "requiredBy": Weight(call=5, per_item=1),
    "sharedSkills": Weight(call=10),
}

#: Lists of roles with a ``limit``: never longer than the framework's roles.
ROLE_LISTS = frozenset({"nextRoles", "previousRoles", "similarRoles", "matchRoles"})

#: Connections, and the framework's count that bounds their pages.
CONNECTIONS = {"RoleConnection": "roles", "SkillConnection": "skills"}

#: Lists of unknown length (none today): assumed this long.
UNKNOWN_LIST = 10


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

    @classmethod
    def of(cls, framework: Framework) -> ListBounds:
        roles = framework.roles
        per_skill = Counter(req.code for role in roles for req in role.requirements)
        requirements = [len(role.requirements) for role in roles]
        popularity = [per_skill.get(skill.code, 0) for skill in framework.skills]
        numbers = [level.number for level in framework.levels]
        per_level = Counter(role.level for role in roles)
        per_path = Counter(role.career_path for role in roles)
        per_category = Counter(skill.category for skill in framework.skills)
        per_subcategory = Counter(
            (skill.category, skill.subcategory) for skill in framework.skills
        )
        subcategories = Counter(sub.category for sub in framework.subcategories)
        categories = [c.name for c in framework.categories]

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
            ("Role", "requirements"): Sizes.of(requirements),
            ("SkillGap", "newSkills"): Sizes.of(requirements),
            ("SkillGap", "levelUps"): Sizes.of(requirements),
            ("SkillGap", "met"): Sizes.of(requirements),
            ("RoleSimilarity", "shared"): Sizes.of(requirements),
            # A route climbs about a level a step (measured: 6 steps from level
            # 1 to 7); the longest possible one (every role) is never asked.
            ("ProgressionPath", "steps"): once(min(len(numbers), len(roles))),
        }
        counts = {"roles": len(roles), "skills": len(framework.skills)}
        return cls(sizes, counts)

    def size(self, type_name: str, field_name: str, reach: Reach) -> int:
        found = self.sizes.get((type_name, field_name))
        return UNKNOWN_LIST if found is None else found.size(reach)


# One framework is served at a time (two around a reload): remember the last.
_bounds_cache: list[tuple[Framework, ListBounds]] = []


def bounds_of(framework: Framework) -> ListBounds:
    for known, bounds in _bounds_cache:
        if known is framework:
            return bounds
    bounds = ListBounds.of(framework)
    _bounds_cache[:] = [(framework, bounds)]
    return bounds


class QueryCost:
    """The estimated cost of each operation of one document."""

    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        limits: Limits,
        bounds: ListBounds,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.limits = limits
        self.bounds = bounds
        self._fragment_costs: dict[tuple[str, int | None, Reach], int] = {}

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.query_type
        return self.selection(operation.selection_set, root, None, Reach.ONE)

    def selection(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        page: int | None,
        reach: Reach,
    ) -> int:
        """Cost of resolving ``selection_set`` once on an object of ``parent``."""
        if selection_set is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, page, reach)
            elif isinstance(node, InlineFragmentNode):
                condition = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                total += self.selection(node.selection_set, condition, page, reach)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value, page, reach)
        return total

    def fragment(self, name: str, page: int | None, reach: Reach) -> int:
        key = (name, page, reach)
        if key not in self._fragment_costs:
            self._fragment_costs[key] = 0  # a cycle costs nothing more; it is invalid
            definition = self.fragments.get(name)
            if definition is not None:
                condition = self.schema.get_type(definition.type_condition.name.value)
                self._fragment_costs[key] = self.selection(
                    definition.selection_set, condition, page, reach
                )
        return self._fragment_costs[key]

    def field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType | None,
        page: int | None,
        reach: Reach,
    ) -> int:
        name = node.name.value
        definition = (
            parent.fields.get(name)
            if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
            else None
        )
        if parent is None or definition is None:
            return 1  # unknown or introspection: validation deals with it
        field_type = get_nullable_type(definition.type)
        child_type = get_named_type(field_type)
        child_page = page
        size = 1
        if "first" in definition.args:
            # A connection: its edges list holds `first` items at most.
            child_page = self.argument(
                node, "first", DEFAULT_FIRST, self.limits.max_first
            )
            counted = CONNECTIONS.get(child_type.name)
            if counted is not None:
                child_page = min(child_page, self.bounds.counts[counted])
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
        work = 0
        if weight is not None:
            work = weight.call + weight.per_item * size
            if weight.per_profile_skill:
                work += weight.per_profile_skill * self.profile_size(node)
        children = self.selection(
            node.selection_set, child_type, child_page, child_reach
        )
        return 1 + work + size * children

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


def document_depth(
    operations: list[OperationDefinitionNode],
    fragments: Mapping[str, FragmentDefinitionNode],
) -> int:
    """How deep fields nest in the deepest operation, fragments expanded.

    Iterative, each fragment measured once: documents can nest deeply.
    """
    memo: dict[str, int] = {}

    def depth_of(selection_set: SelectionSetNode | None) -> int:
        deepest = 0
        stack = [(selection_set, 0)]
        while stack:
            current, above = stack.pop()
            for node in current.selections if current else ():
                if isinstance(node, FieldNode):
                    if node.name.value.startswith("__"):
                        continue  # introspection is not counted (nor costed)
                    deepest = max(deepest, above + 1)
                    stack.append((node.selection_set, above + 1))
                elif isinstance(node, InlineFragmentNode):
                    stack.append((node.selection_set, above))
                elif isinstance(node, FragmentSpreadNode):
                    name = node.name.value
                    if name not in memo:
                        memo[name] = 0  # a cycle adds nothing; it is invalid
                        definition = fragments.get(name)
                        if definition is not None:
                            memo[name] = depth_of(definition.selection_set)
                    deepest = max(deepest, above + memo[name])
        return deepest

    return max((depth_of(op.selection_set) for op in operations), default=0)


def split_document(
    document: DocumentNode, operation_name: str | None
) -> tuple[list[OperationDefinitionNode], dict[str, FragmentDefinitionNode]]:
    """The operations to run (the named one, or all) and the fragments by name."""
    operations = [
        d
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
        and (
            operation_name is None
            or (d.name is not None and d.name.value == operation_name)
        )
    ]
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    return operations, fragments


def estimate_cost(
    schema: GraphQLSchema,
    framework: Framework,
    query: str,
    variables: Mapping[str, Any] | None = None,
    limits: Limits | None = None,
) -> int:
    """The estimated cost of ``query`` on ``framework``, as the limiter sees it."""
    operations, fragments = split_document(parse(query), None)
    return document_cost(
        schema,
        operations,
        fragments,
        variables or {},
        limits or Limits(),
        bounds_of(framework),
    )


def document_cost(
    schema: GraphQLSchema,
    operations: list[OperationDefinitionNode],
    fragments: Mapping[str, FragmentDefinitionNode],
    variables: Mapping[str, Any],
    limits: Limits,
    bounds: ListBounds,
) -> int:
    """The cost of the costliest of ``operations``."""
    cost = QueryCost(schema, fragments, variables, limits, bounds)
    return max((cost.operation(op) for op in operations), default=0)


class CostLimiter(SchemaExtension):
    """Refuses an operation whose estimated cost is above ``limits.max_cost``.

    Runs before validation, after the limits that bound the document's size
    (so the walk is short), and only when none of them has refused it.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        state = getattr(context.context, "state", None)
        if (
            document is not None
            and context.pre_execution_errors is None
            and state is not None
        ):
            operations, fragments = split_document(document, context.operation_name)
            # The depth limiter counts the top-level fields as depth 0.
            if document_depth(operations, fragments) - 1 > self.limits.max_depth:
                # Too deep: the depth limit, a validation rule, says so more
                # plainly than a cost would.
                yield
                return
            cost = document_cost(
                context.schema._schema,
                operations,
                fragments,
                context.variables or {},
                self.limits,
                bounds_of(state.framework),
            )
            if cost > self.limits.max_cost:
                context.pre_execution_errors = [
                    GraphQLError(
                        f"The query's estimated cost is {cost:,}; at most "
                        f"{self.limits.max_cost:,} is allowed. Ask for fewer items "
                        "(smaller first or limit), fewer aliases or less nesting",
                        extensions={"code": LIMIT_CODES["max_cost"]},
                    )
                ]
        yield
