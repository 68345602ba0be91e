"""The schema extensions that enforce the document limits of ``Limits``.

The limits themselves, with their defaults, are in ``settings.py``; every one
is on by default and ``competency serve`` has a flag for each (docs/limits.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.validation import ASTValidationRule
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)

from .codes import (
    BAD_REQUEST,
    GRAPHQL_VALIDATION_FAILED,
    INTROSPECTION_DISABLED,
    LIMIT_CODES,
)
from .errors import rule_with_code
from .settings import Limits

# -- the schema extensions that enforce the document limits -------------------
# Strawberry's own limiters do the counting; ``rule_with_code`` gives their
# errors a code. They are passed to the schema as factories, so each request
# gets fresh instances.


def depth_limiter(limits: Limits) -> AddValidationRules:
    extension = QueryDepthLimiter(max_depth=limits.max_depth)
    extension.validation_rules = _coded(extension.validation_rules, "max_depth")
    return extension


def alias_limiter(limits: Limits) -> AddValidationRules:
    extension = MaxAliasesLimiter(max_alias_count=limits.max_aliases)
    extension.validation_rules = _coded(extension.validation_rules, "max_aliases")
    return extension


def token_limiter(limits: Limits) -> SchemaExtension:
    return MaxTokensLimiter(max_token_count=limits.max_tokens)


def introspection_switch() -> AddValidationRules:
    extension = DisableIntrospection()
    extension.validation_rules = [
        rule_with_code(rule, INTROSPECTION_DISABLED)
        for rule in extension.validation_rules
    ]
    return extension


def _coded(
    rules: list[type[ASTValidationRule]], limit: str
) -> list[type[ASTValidationRule]]:
    return [rule_with_code(rule, LIMIT_CODES[limit]) for rule in rules]


class FieldCountLimiter(SchemaExtension):
    """Refuses documents too costly to validate: more than ``max_fields`` fields
    with every fragment expanded, or one field repeated more than ``max_repeats``
    times in a selection set.

    Fragments can spread each other twice over, level after level, so a small
    document can stand for an exponential number of fields, and graphql-core
    compares the fields that share a name pairwise. Both counts here remember
    each fragment's result, so they take time in proportion to the document,
    and they run before any validation rule.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.requested_operation: str | None = None

    def on_operation(self) -> Iterator[None]:
        # Strawberry fills in operation_name with the first operation's name
        # when it works out the operation type, so the caller's own choice is
        # kept here, before parsing.
        self.requested_operation = self.execution_context.operation_name
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if (
            context.graphql_document is not None
            and context.pre_execution_errors is None
        ):
            problem = unnamed_operation_problem(
                context.graphql_document, self.requested_operation
            ) or document_problem(context.graphql_document, self.limits)
            if problem is not None:
                message, code = problem
                context.pre_execution_errors = [
                    GraphQLError(message, extensions={"code": code})
                ]
        yield


def unnamed_operation_problem(
    document: DocumentNode, operation_name: str | None
) -> tuple[str, str] | None:
    """The GraphQL spec's rule: several operations need ``operationName``.

    Strawberry would otherwise run the first one, silently answering a
    question the caller may not have meant to ask.
    """
    if operation_name:
        return None
    count = sum(
        isinstance(definition, OperationDefinitionNode)
        for definition in document.definitions
    )
    if count <= 1:
        return None
    return (
        f"The document holds {count} operations; name the one to run with "
        "operationName",
        BAD_REQUEST,
    )


def document_problem(document: DocumentNode, limits: Limits) -> tuple[str, str] | None:
    """Why ``document`` cannot be validated safely, with the error code, or None.

    Besides the two limits, an unknown fragment and an empty selection set are
    refused here: strawberry's depth limiter fails on them with an internal
    error instead of a validation error.
    """
    counter = _DocumentCounter(document)
    total = counter.total()
    if counter.unknown_fragment is not None:
        return (
            f"Unknown fragment {counter.unknown_fragment!r}.",
            GRAPHQL_VALIDATION_FAILED,
        )
    if counter.has_empty_selection:
        return (
            "A selection set must select at least one field.",
            GRAPHQL_VALIDATION_FAILED,
        )
    if total > limits.max_fields:
        shown = f"{total}" if total <= 10**9 else "more than 10^9"
        return (
            f"The document has {shown} fields once its fragments are expanded; "
            f"at most {limits.max_fields} are allowed",
            LIMIT_CODES["max_fields"],
        )
    repeated = counter.most_repeated()
    if repeated is not None and repeated[1] > limits.max_repeats:
        name, times = repeated
        return (
            f"The field {name!r} appears {times} times in one selection set; "
            f"at most {limits.max_repeats} are allowed",
            LIMIT_CODES["max_repeats"],
        )
    return None


class _DocumentCounter:
    """Counts over a document with its fragments expanded, each fragment once."""

    def __init__(self, document: DocumentNode) -> None:
        self.operations = [
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        self.fragments = {
            d.name.value: d
            for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self._sizes: dict[str, int] = {}
        self._names: dict[str, Counter[str]] = {}
        self._worst: tuple[str, int] | None = None
        self.unknown_fragment: str | None = None
        self.has_empty_selection = False

    def total(self) -> int:
        return sum(self._size(op.selection_set) for op in self.operations)

    def _fragment_size(self, name: str) -> int:
        if name not in self._sizes:
            self._sizes[name] = 0  # a cycle counts nothing; validation reports it
            fragment = self.fragments.get(name)
            if fragment is None:
                self.unknown_fragment = name
            else:
                self._sizes[name] = self._size(fragment.selection_set)
        return self._sizes[name]

    def _size(self, selection_set: SelectionSetNode | None) -> int:
        # An explicit stack rather than recursion: documents can nest deeply.
        total = 0
        stack = [selection_set]
        while stack:
            current = stack.pop()
            if current is not None and not current.selections:
                self.has_empty_selection = True
            for selection in current.selections if current else ():
                if isinstance(selection, FieldNode):
                    total += 1
                    stack.append(selection.selection_set)
                elif isinstance(selection, InlineFragmentNode):
                    stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    total += self._fragment_size(selection.name.value)
        return total

    def most_repeated(self) -> tuple[str, int] | None:
        """The response name repeated most in one selection set, and how often.

        Only called once ``total`` is within bounds, so the walk is bounded too.
        """
        for operation in self.operations:
            self._check(self._names_in(operation.selection_set))
        return self._worst

    def _check(self, names: Counter[str]) -> None:
        for name, times in names.items():
            if self._worst is None or times > self._worst[1]:
                self._worst = (name, times)

    def _fragment_names(self, name: str) -> Counter[str]:
        if name not in self._names:
            self._names[name] = Counter()
            fragment = self.fragments.get(name)
            if fragment is not None:
                self._names[name] = self._names_in(fragment.selection_set)
        return self._names[name]

    def _names_in(self, selection_set: SelectionSetNode | None) -> Counter[str]:
        names: Counter[str] = Counter()
        stack = [selection_set]
        while stack:
            current = stack.pop()
            for selection in current.selections if current else ():
                if isinstance(selection, FieldNode):
                    names[(selection.alias or selection.name).value] += 1
                    if selection.selection_set is not None:
                        self._check(self._names_in(selection.selection_set))
                elif isinstance(selection, InlineFragmentNode):
                    stack.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode):
                    names.update(self._fragment_names(selection.name.value))
        return names


def limit_extensions(
    limits: Limits, *, introspection: bool
) -> list[Callable[[], SchemaExtension]]:
    """The extensions that enforce ``limits``, as factories."""
    # The rule classes are made once, here, and every request adds the same
    # ones: the validation cache (api/documents.py) is keyed by them, and a
    # fresh class per request would never hit.
    rules = [
        *depth_limiter(limits).validation_rules,
        *alias_limiter(limits).validation_rules,
    ]
    if not introspection:
        rules.extend(introspection_switch().validation_rules)
    return [
        partial(FieldCountLimiter, limits),
        partial(token_limiter, limits),
        partial(AddValidationRules, rules),
    ]
