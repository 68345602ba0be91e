"""The GraphQL schema, built with its limits, and the one way to run an operation.

``build_schema(config)`` makes a schema whose limits come from ``config``;
``schema`` is one built with the defaults (for ``competency schema`` and
tests). ``run`` executes one operation within the time budget
(``max_seconds``) and always returns a JSON-ready answer, whatever the caller
sent; ``run_json`` returns it as JSON bytes, from the served state's result
cache when the same operation was answered before. The server splits
``run_json`` in two: ``cached_answer`` and ``keep_answer`` on its event loop,
``execute_json`` in a worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import orjson
import strawberry
from graphql import GraphQLError
from strawberry.exceptions import MissingQueryError
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import (
    CannotGetOperationTypeError,
    InvalidOperationTypeError,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from .. import deadline
from .codes import (
    BAD_REQUEST,
    INTERNAL_SERVER_ERROR,
    OPERATION_NOT_ALLOWED,
    QUERY_TIMEOUT,
    QUERY_TOO_LONG,
)
from .context import Context, ServedState
from .documents import ParsedDocuments, ValidationCache
from .errors import ErrorCodes, coded, error_code
from .limits import limit_extensions
from .query import Query
from .results import ResultCache
from .settings import Limits
from .types import CareerPath, Category, Role, Skill, Subcategory, Track

logger = logging.getLogger("competency_explorer.api")


@dataclass(frozen=True, slots=True)
class SchemaConfig:
    """What can be configured about the schema."""

    limits: Limits = field(default_factory=Limits)
    introspection: bool = True


class CompetencySchema(strawberry.Schema):
    """A strawberry schema that knows its limits."""

    config_: SchemaConfig

    def context(self, state: ServedState) -> Context:
        """A fresh request context over ``state`` with this schema's limits."""
        return Context(state, self.config_.limits)

    def execute_sync(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        # Errors raised outside the operation hooks (inside an extension, say)
        # skip ErrorCodes; coding them again here means none leaves uncoded.
        result = super().execute_sync(*args, **kwargs)
        if result.errors:
            result.errors = [coded(error) for error in result.errors]
        return result

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        # Strawberry logs every error with its traceback by default. Errors of
        # the caller's making are normal answers here; unexpected ones are
        # logged with their traceback when they are masked (errors.coded).
        for error in errors:
            logger.debug("GraphQL error: %s", error.message)


_execute_fields = StrawberryGraphQLCoreExecutionContext.execute_fields
_check = deadline.check


class DeadlineExecutor(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's executor, checking the request's time budget before the
    fields of each object: a long answer stops where the budget runs out.

    Called for every object of an answer, so written for speed (0.15 us a
    call, where ``super()`` with ``*args`` took 0.33 us).
    """

    def execute_fields(
        self,
        parent_type: Any,
        source_value: Any,
        path: Any,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        _check()
        return _execute_fields(
            self, parent_type, source_value, path, grouped_field_set, position_context
        )


def build_schema(config: SchemaConfig | None = None) -> CompetencySchema:
    config = config or SchemaConfig()
    built = CompetencySchema(
        query=Query,
        types=[Category, CareerPath, Role, Skill, Subcategory, Track],
        extensions=[
            *limit_extensions(config.limits, introspection=config.introspection),
            ErrorCodes,
            ParsedDocuments,
            # After every limit: it validates only what they let through.
            ValidationCache,
        ],
        config=StrawberryConfig(disable_field_suggestions=not config.introspection),
        execution_context_class=DeadlineExecutor,
    )
    built.config_ = config
    return built


schema = build_schema()


def run(
    schema: CompetencySchema,
    state: ServedState,
    query: str,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> dict[str, Any]:
    """Run one operation (queries only) and return the JSON answer as a dict.

    The work stops once it has taken the schema's ``max_seconds``, and the
    answer is then one QUERY_TIMEOUT error, whatever was done by then.
    """
    limits = schema.config_.limits
    if len(query) > limits.max_query_chars:
        # Before anything reads the text: the lexer spends about a second a
        # megabyte on one long string or comment, which is one token.
        return error_answer(
            QUERY_TOO_LONG,
            f"The query is {len(query):,} characters long; at most "
            f"{limits.max_query_chars:,} are allowed",
        )
    try:
        with deadline.within(limits.max_seconds):
            result = schema.execute_sync(
                query,
                variable_values=dict(variables) if variables is not None else None,
                context_value=schema.context(state),
                operation_name=operation_name,
                allowed_operation_types=(OperationType.QUERY,),
            )
    except InvalidOperationTypeError as exc:
        return error_answer(
            OPERATION_NOT_ALLOWED,
            f"Only queries are accepted; this API has no {exc.operation_type.value}s",
        )
    except (CannotGetOperationTypeError, MissingQueryError) as exc:
        message = (
            f"No operation named {operation_name!r} in the document"
            if operation_name
            else "The document must hold exactly one operation, or name one "
            "with operationName"
        )
        if isinstance(exc, MissingQueryError):
            message = "No query was given"
        return error_answer(BAD_REQUEST, message)
    if any(error_code(error) == QUERY_TIMEOUT for error in result.errors or ()):
        # Every field still running when the budget ran out failed with it:
        # one error says it all, and a half answer would mislead.
        return error_answer(QUERY_TIMEOUT, timeout_message(limits))
    return answer(result)


def timeout_message(limits: Limits) -> str:
    return (
        f"The query took more than {limits.max_seconds:g} s of server time and was "
        "stopped; ask for less (smaller first or limit, fewer aliases, less nesting)"
    )


#: One operation as a client sends it: query, variables, operation name.
Operation = tuple[str, dict[str, Any] | None, str | None]


class Encoded(NamedTuple):
    """An answer as JSON bytes, with the code of its first error (None: no errors)."""

    body: bytes
    code: str | None


def cache_of(schema: CompetencySchema, state: ServedState) -> ResultCache:
    # Looked up inline: this is the whole cost of a repeated query, a few
    # hundred nanoseconds.
    found = state.caches.get(id(schema))
    return found[1] if found is not None else state.results(schema)


def cached_answer(
    schema: CompetencySchema,
    state: ServedState,
    query: str,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> bytes | None:
    """The answer kept for this operation over ``state``, if any."""
    return cache_of(schema, state).get(query, variables, operation_name)


def execute_json(
    schema: CompetencySchema,
    state: ServedState,
    query: str,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> Encoded:
    """``run``'s answer as JSON bytes; touches no cache, so any thread may call it."""
    body = run(schema, state, query, variables, operation_name)
    encoded = orjson.dumps(body)
    errors = body.get("errors")
    if not errors:
        return Encoded(encoded, None)
    code = errors[0].get("extensions", {}).get("code")
    return Encoded(encoded, code if isinstance(code, str) else INTERNAL_SERVER_ERROR)


def execute_batch(
    schema: CompetencySchema,
    state: ServedState,
    operations: list[Operation],
) -> list[Encoded]:
    """``execute_json`` for each operation, all within one time budget."""
    with deadline.within(schema.config_.limits.max_seconds):
        return [execute_json(schema, state, *operation) for operation in operations]


def keep_answer(
    schema: CompetencySchema,
    state: ServedState,
    query: str,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    encoded: Encoded,
) -> None:
    """Keep an answer without errors for the next time the operation is asked."""
    if encoded.code is None:
        cache_of(schema, state).put(query, variables, operation_name, encoded.body)


def run_json(
    schema: CompetencySchema,
    state: ServedState,
    query: str,
    variables: Mapping[str, Any] | None = None,
    operation_name: str | None = None,
) -> tuple[bytes, str | None]:
    """``run``'s answer as JSON bytes, and the code of its first error if any.

    An answer without errors is kept in ``state``'s result cache; the same
    operation (spacing, commas and comments aside) with the same variables
    is then answered with those very bytes, without running anything.
    """
    cached = cached_answer(schema, state, query, variables, operation_name)
    if cached is not None:
        return cached, None
    encoded = execute_json(schema, state, query, variables, operation_name)
    keep_answer(schema, state, query, variables, operation_name, encoded)
    return encoded.body, encoded.code


def answer(result: ExecutionResult) -> dict[str, Any]:
    """The JSON answer of ``result``: data, then errors when there are any."""
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [coded(error).formatted for error in result.errors]
    return body


def error_answer(code: str, message: str) -> dict[str, Any]:
    """An answer holding only one error, for requests that were never executed."""
    return {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": code}}],
    }
