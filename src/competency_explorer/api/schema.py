"""The GraphQL schema, built with its limits, and the one way to run an operation.

``build_schema(config)`` makes a schema whose limits come from ``config``;
``schema`` is one built with the defaults (for ``competency schema`` and
tests). ``run`` executes one operation and always returns a JSON-ready
answer, whatever the caller sent; ``run_json`` returns it as JSON bytes,
from the served state's result cache when the same operation was answered
before.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import orjson
import strawberry
from graphql import GraphQLError
from strawberry.exceptions import MissingQueryError
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.exceptions import (
    CannotGetOperationTypeError,
    InvalidOperationTypeError,
)
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from .codes import BAD_REQUEST, OPERATION_NOT_ALLOWED
from .context import Context, ServedState
from .cost import CostLimiter
from .documents import ValidationCache, parser_cache
from .errors import ErrorCodes, coded
from .limits import limit_extensions
from .query import Query
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


def build_schema(config: SchemaConfig | None = None) -> CompetencySchema:
    config = config or SchemaConfig()
    built = CompetencySchema(
        query=Query,
        types=[Category, CareerPath, Role, Skill, Subcategory, Track],
        extensions=[
            *limit_extensions(config.limits, introspection=config.introspection),
            partial(CostLimiter, config.limits),
            ErrorCodes,
            parser_cache,
            # After every limit: it validates only what they let through.
            ValidationCache,
        ],
        config=StrawberryConfig(disable_field_suggestions=not config.introspection),
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
    """Run one operation (queries only) and return the JSON answer as a dict."""
    try:
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
    return answer(result)


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
    # The state's cache for this schema, looked up inline: this is the whole
    # cost of a repeated query, a few hundred nanoseconds.
    found = state.caches.get(id(schema))
    cache = found[1] if found is not None else state.results(schema)
    cached = cache.get(query, variables, operation_name)
    if cached is not None:
        return cached, None
    body = run(schema, state, query, variables, operation_name)
    encoded = orjson.dumps(body)
    errors = body.get("errors")
    if not errors:
        cache.put(query, variables, operation_name, encoded)
        return encoded, None
    code = errors[0].get("extensions", {}).get("code")
    return encoded, code if isinstance(code, str) else None


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
