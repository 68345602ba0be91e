"""A query's cost, estimated from the document before anything runs, and its limit.

Depth, aliases and tokens bound the size of a document, not the work it asks
for: ``roles(first: 100) { nextRoles(limit: 100) { to { nextRoles(limit:
100) { gap { effort } } } } }`` is short and shallow, yet asks for a million
gaps. The list-item budget refuses such an answer, but only once much of the
work is done. This estimate refuses it first, in time proportional to the
document.

The cost of a field is one unit (plus a weight for the fields that compute
something over the graph) times the number of times it will be resolved: the
product of the sizes of the lists above it. A list's size is the ``first`` or
``limit`` asked for (its default when not given), or for lists whose length
comes from the data (the roles of a level, the requirements of a role, ...)
the longest such list in the served framework. See docs/limits.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
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
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension

from ..model import Framework
from .limits import LIMIT_CODES, Limits

#: Extra units for each call of a field that computes over the graph.
CALL_WEIGHTS: dict[str, int] = {
    "progressionPath": 50,
    "progressionPaths": 50,  # per path asked for: Yen's search grows with k
    "similarRoles": 20,
    "matchRoles": 20,
    "nextRoles": 5,
    "previousRoles": 5,
    "skillGap": 5,
    "gap": 5,
    "rolesSharingSkill": 5,
    "requiredBy": 5,
    "sharedSkills": 5,
}

#: Fields whose call weight is paid once per item asked for.
PER_ITEM_CALLS = frozenset({"progressionPaths"})

#: Lists of roles with a ``limit``: never longer than the framework's roles.
ROLE_LISTS = frozenset({"nextRoles", "previousRoles", "similarRoles", "matchRoles"})

#: Connections, and the framework's count that bounds their pages.
CONNECTIONS = {"RoleConnection": "roles", "SkillConnection": "skills"}

#: The page of a connection when ``first`` is not given (see api/pagination).
DEFAULT_FIRST = 50

#: Lists of unknown length (none today): assumed this long.
UNKNOWN_LIST = 10

#: Steps of a progression path: at most the number of roles; rarely many.
MAX_STEPS = 20


@dataclass(frozen=True, slots=True)
class ListBounds:
    """The longest data-sized lists of one framework, keyed (type, field)."""

    sizes: Mapping[tuple[str, str], int]
    counts: Mapping[str, int]  # "roles", "skills"

    @classmethod
    def of(cls, framework: Framework) -> ListBounds:
        per_level = Counter(role.level for role in framework.roles)
        per_path = Counter(role.career_path for role in framework.roles)
        per_skill = Counter(
            req.code for role in framework.roles for req in role.requirements
        )
        per_category = Counter(skill.category for skill in framework.skills)
        per_subcategory = Counter(
            (skill.category, skill.subcategory) for skill in framework.skills
        )
        subcategories = Counter(sub.category for sub in framework.subcategories)
        requirements = max((len(r.requirements) for r in framework.roles), default=0)
        roles_of_skill = max(per_skill.values(), default=0)
        sizes = {
            ("Query", "levels"): len(framework.levels),
            ("Query", "categories"): len(framework.categories),
            ("Query", "careerPaths"): len(framework.career_paths),
            ("Query", "attributes"): len(framework.attributes),
            ("Query", "rolesSharingSkill"): roles_of_skill,
            ("Query", "sharedSkills"): requirements,
            ("Level", "roles"): max(per_level.values(), default=0),
            ("CareerPath", "roles"): max(per_path.values(), default=0),
            ("Category", "skills"): max(per_category.values(), default=0),
            ("Category", "subcategories"): max(subcategories.values(), default=0),
            ("Subcategory", "skills"): max(per_subcategory.values(), default=0),
            ("Skill", "levels"): 7,
            ("Skill", "requiredBy"): roles_of_skill,
            ("Role", "requirements"): requirements,
            ("SkillGap", "newSkills"): requirements,
            ("SkillGap", "levelUps"): requirements,
            ("SkillGap", "met"): requirements,
            ("RoleSimilarity", "shared"): requirements,
            ("ProgressionPath", "steps"): min(len(framework.roles), MAX_STEPS),
        }
        counts = {"roles": len(framework.roles), "skills": len(framework.skills)}
        return cls(sizes, counts)

    def size(self, type_name: str, field_name: str) -> int:
        return self.sizes.get((type_name, field_name), UNKNOWN_LIST)


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
        self._fragment_costs: dict[tuple[str, int | None], int] = {}

    def operation(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.query_type
        return self.selection(operation.selection_set, root, page=None)

    def selection(
        self,
        selection_set: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        page: int | None,
    ) -> int:
        """Cost of resolving ``selection_set`` once on an object of ``parent``."""
        if selection_set is None:
            return 0
        total = 0
        for node in selection_set.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, page)
            elif isinstance(node, InlineFragmentNode):
                condition = (
                    self.schema.get_type(node.type_condition.name.value)
                    if node.type_condition
                    else parent
                )
                total += self.selection(node.selection_set, condition, page)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value, page)
        return total

    def fragment(self, name: str, page: int | None) -> int:
        key = (name, page)
        if key not in self._fragment_costs:
            self._fragment_costs[key] = 0  # a cycle costs nothing more; it is invalid
            definition = self.fragments.get(name)
            if definition is not None:
                condition = self.schema.get_type(definition.type_condition.name.value)
                self._fragment_costs[key] = self.selection(
                    definition.selection_set, condition, page
                )
        return self._fragment_costs[key]

    def field(
        self, node: FieldNode, parent: GraphQLNamedType | None, page: int | None
    ) -> int:
        name = node.name.value
        definition = (
            parent.fields.get(name)
            if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType)
            else None
        )
        if definition is None:
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
                size = self.bounds.size(parent.name if parent else "", name)
        weight = CALL_WEIGHTS.get(name, 0)
        if name in PER_ITEM_CALLS:
            weight *= size
        children = self.selection(node.selection_set, child_type, child_page)
        return 1 + weight + size * children

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
            operations = [
                d
                for d in document.definitions
                if isinstance(d, OperationDefinitionNode)
                and (
                    context.operation_name is None
                    or (d.name is not None and d.name.value == context.operation_name)
                )
            ]
            fragments = {
                d.name.value: d
                for d in document.definitions
                if isinstance(d, FragmentDefinitionNode)
            }
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
