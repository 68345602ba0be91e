"""One walk over a query document: everything the document limits need to know.

Before validation, ``limits.DocumentLimiter`` asks how many fields the document
holds with its fragments expanded, which field is repeated most in one
selection set, how deep the operations nest, whether a fragment is unknown or
a selection set empty, and what each operation would cost (``cost.py`` gives
the rule for one field). All of it comes from the one walk here.

Fragments can spread each other twice over, level after level, so a short
document can stand for 2^40 fields: the walk measures each fragment once per
way it is reached (its page and reach, which its cost depends on) and reuses
the result, so it takes time in proportion to the document, whatever it
expands to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    parse,
)

from ..model import Framework
from .cost import CostModel, ListBounds, Reach, bounds_of
from .settings import Limits


@dataclass(slots=True)
class Measures:
    """What one walk found in a document."""

    operations: int = 0  # operation definitions, run or not
    fields: int = 0  # fields of every operation, fragments expanded
    depth: int = 0  # of the deepest operation to run (introspection aside)
    cost: int = 0  # of the costliest operation to run; 0 when not estimated
    most_repeated: tuple[str, int] | None = None  # response name, times
    unknown_fragment: str | None = None
    empty_selection: bool = False
    too_nested: bool = False  # fragments spread in a chain too long to follow


class _Sum:
    """The measures of one selection set, resolved once."""

    __slots__ = ("cost", "depth", "fields", "names")

    def __init__(self) -> None:
        self.fields = 0
        self.depth = 0
        self.cost = 0
        # How often each response name appears in the set, fragments included
        # (a plain dict: this walk runs on every request).
        self.names: dict[str, int] = {}


def measure(
    document: DocumentNode,
    schema: GraphQLSchema,
    limits: Limits,
    *,
    operation_name: str | None = None,
    variables: Mapping[str, Any] | None = None,
    bounds: ListBounds | None = None,
) -> Measures:
    """Measure ``document``; the cost only with the served framework's ``bounds``.

    Depth and cost are of the operations to run: the one named, or all.
    """
    operations = [
        d for d in document.definitions if isinstance(d, OperationDefinitionNode)
    ]
    fragments = {
        d.name.value: d
        for d in document.definitions
        if isinstance(d, FragmentDefinitionNode)
    }
    model = None if bounds is None else CostModel(variables or {}, limits, bounds)
    walk = _Walk(schema, fragments, model)
    found = walk.measures
    found.operations = len(operations)
    root = schema.query_type
    try:
        for operation in operations:
            total = walk.selection_set(operation.selection_set, root, None, Reach.ONE)
            walk.check_repeats(total.names)
            found.fields += total.fields
            if operation_name is None or (
                operation.name is not None and operation.name.value == operation_name
            ):
                found.depth = max(found.depth, total.depth)
                found.cost = max(found.cost, total.cost)
    except RecursionError:
        # Only a chain of hundreds of fragments, each spreading the next, is
        # this long: the parser refuses fields nested so deep.
        found.too_nested = True
    return found


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        model: CostModel | None,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.model = model
        self.measures = Measures()
        self._fragments: dict[tuple[str, int | None, Reach], _Sum] = {}

    def selection_set(
        self,
        node: SelectionSetNode | None,
        parent: GraphQLNamedType | None,
        page: int | None,
        reach: Reach,
    ) -> _Sum:
        """The measures of ``node`` resolved once on an object of ``parent``."""
        total = _Sum()
        if node is None:
            return total
        if not node.selections:
            self.measures.empty_selection = True
        names = total.names
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                self.field(selection, parent, page, reach, total)
                continue
            if isinstance(selection, InlineFragmentNode):
                condition = (
                    self.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent
                )
                inner = self.selection_set(
                    selection.selection_set, condition, page, reach
                )
            elif isinstance(selection, FragmentSpreadNode):
                inner = self.fragment(selection.name.value, page, reach)
            else:  # pragma: no cover - graphql-core has no other selection
                continue
            total.fields += inner.fields
            total.depth = max(total.depth, inner.depth)
            total.cost += inner.cost
            for name, times in inner.names.items():
                names[name] = names.get(name, 0) + times
        return total

    def field(
        self,
        node: FieldNode,
        parent: GraphQLNamedType | None,
        page: int | None,
        reach: Reach,
        total: _Sum,
    ) -> None:
        """Add ``node``, resolved once on an object of ``parent``, to ``total``."""
        model = self.model
        step = None if model is None else model.step(node, parent, page, reach)
        if step is None:
            inner = self.selection_set(node.selection_set, None, None, reach)
            total.cost += 1  # unknown or introspection: validation deals with it
        else:
            inner = self.selection_set(
                node.selection_set, step.child_type, step.child_page, step.child_reach
            )
            total.cost += step.work + step.size * inner.cost
        if inner.fields:
            self.check_repeats(inner.names)
        total.fields += 1 + inner.fields
        name = node.name.value
        if not name.startswith("__"):
            # Introspection is not counted in the depth (nor costed).
            total.depth = max(total.depth, 1 + inner.depth)
        key = node.alias.value if node.alias else name
        total.names[key] = total.names.get(key, 0) + 1

    def fragment(self, name: str, page: int | None, reach: Reach) -> _Sum:
        key = (name, page, reach)
        found = self._fragments.get(key)
        if found is None:
            # A cycle measures nothing more: validation reports it.
            found = self._fragments[key] = _Sum()
            definition = self.fragments.get(name)
            if definition is None:
                self.measures.unknown_fragment = name
            else:
                condition = self.schema.get_type(definition.type_condition.name.value)
                found = self._fragments[key] = self.selection_set(
                    definition.selection_set, condition, page, reach
                )
        return found

    def check_repeats(self, names: dict[str, int]) -> None:
        if not names:
            return
        times = max(names.values())
        worst = self.measures.most_repeated
        if worst is None or times > worst[1]:
            name = next(name for name, count in names.items() if count == times)
            self.measures.most_repeated = (name, times)


def estimate_cost(
    schema: GraphQLSchema,
    framework: Framework,
    query: str,
    variables: Mapping[str, Any] | None = None,
    limits: Limits | None = None,
    health: Callable[[], Sequence[Any]] | None = None,
) -> int:
    """The estimated cost of ``query`` on ``framework``, as the limiter sees it
    (``health``: what makes the framework's health report, when it is served)."""
    return measure(
        parse(query),
        schema,
        limits or Limits(),
        variables=variables,
        bounds=bounds_of(framework, health),
    ).cost
