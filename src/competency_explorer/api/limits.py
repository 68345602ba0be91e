"""The schema extensions that enforce the document limits of ``Limits``.

The limits themselves, with their defaults, are in ``settings.py``; every one
is on by default and ``competency serve`` has a flag for each (docs/limits.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from graphql import GraphQLError
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
from .cost import bounds_of
from .errors import rule_with_code
from .measure import Measures, measure
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


class DocumentLimiter(SchemaExtension):
    """Refuses, before any validation rule runs, a document that is costly to
    validate or to run: more than ``max_fields`` fields with every fragment
    expanded, one field repeated more than ``max_repeats`` times in a
    selection set, or an operation whose estimated cost is above
    ``max_cost``; and, because strawberry's depth limiter fails on them with
    an internal error, an unknown fragment or an empty selection set.

    Fragments can spread each other twice over, level after level, so a small
    document can stand for an exponential number of fields, and graphql-core
    compares the fields that share a name pairwise. Everything here comes from
    one walk over the document (``measure.py``), in time proportional to it.
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
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            state = getattr(context.context, "state", None)
            found = measure(
                document,
                context.schema._schema,
                self.limits,
                operation_name=self.requested_operation,
                variables=context.variables,
                bounds=(
                    None if state is None else bounds_of(state.framework, state.health)
                ),
            )
            problem = document_problem(found, self.requested_operation, self.limits)
            if problem is not None:
                message, code = problem
                context.pre_execution_errors = [
                    GraphQLError(message, extensions={"code": code})
                ]
        yield


def document_problem(
    found: Measures, operation_name: str | None, limits: Limits
) -> tuple[str, str] | None:
    """Why a document measured as ``found`` is refused, with the error code, or
    None. The checks come in the order of their cost to the server."""
    if found.operations > 1 and not operation_name:
        # The GraphQL spec's rule; strawberry would otherwise run the first
        # operation, silently answering a question the caller may not have
        # meant to ask.
        return (
            f"The document holds {found.operations} operations; name the one to "
            "run with operationName",
            BAD_REQUEST,
        )
    if found.too_nested:
        return (
            "The document's fragments spread each other too deeply to be measured",
            LIMIT_CODES["max_depth"],
        )
    if found.unknown_fragment is not None:
        return (
            f"Unknown fragment {found.unknown_fragment!r}.",
            GRAPHQL_VALIDATION_FAILED,
        )
    if found.empty_selection:
        return (
            "A selection set must select at least one field.",
            GRAPHQL_VALIDATION_FAILED,
        )
    if found.fields > limits.max_fields:
        shown = f"{found.fields}" if found.fields <= 10**9 else "more than 10^9"
        return (
            f"The document has {shown} fields once its fragments are expanded; "
            f"at most {limits.max_fields} are allowed",
            LIMIT_CODES["max_fields"],
        )
    if found.most_repeated is not None and found.most_repeated[1] > limits.max_repeats:
        name, times = found.most_repeated
        return (
            f"The field {name!r} appears {times} times in one selection set; "
            f"at most {limits.max_repeats} are allowed",
            LIMIT_CODES["max_repeats"],
        )
    # The depth limiter counts the top-level fields as depth 0. Too deep: that
    # limit, a validation rule, says so more plainly than a cost would.
    if found.depth - 1 <= limits.max_depth and found.cost > limits.max_cost:
        return (
            f"The query's estimated cost is {found.cost:,}; at most "
            f"{limits.max_cost:,} is allowed. Ask for fewer items (smaller first "
            "or limit), fewer aliases or less nesting",
            LIMIT_CODES["max_cost"],
        )
    return None


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
        partial(DocumentLimiter, limits),
        partial(token_limiter, limits),
        partial(AddValidationRules, rules),
    ]
