"""GraphQL errors as callers see them: every error carries an extensions.code.

Domain errors map to the contract's codes (NotFoundError -> NOT_FOUND,
InvalidInputError -> BAD_USER_INPUT); a limit that is exceeded has a code of
its own (the time budget's is QUERY_TIMEOUT); anything unexpected is logged
here with its traceback and reaches the caller only as "Internal server
error" (INTERNAL_SERVER_ERROR).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, ValidationContext
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension

from ..deadline import DeadlineExceeded
from ..errors import InvalidInputError, NotFoundError
from .codes import (
    BAD_USER_INPUT,
    GRAPHQL_PARSE_FAILED,
    GRAPHQL_VALIDATION_FAILED,
    INTERNAL_SERVER_ERROR,
    NOT_FOUND,
    QUERY_TIMEOUT,
    TOO_MANY_TOKENS,
)

logger = logging.getLogger("competency_explorer.api")

INTERNAL_MESSAGE = "Internal server error"


class LimitExceededError(Exception):
    """A request asked for more than a limit allows; ``code`` says which."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


def error_code(error: GraphQLError) -> str | None:
    code = (error.extensions or {}).get("code")
    return code if isinstance(code, str) else None


def with_code(
    error: GraphQLError, code: str, message: str | None = None
) -> GraphQLError:
    """A copy of ``error`` with ``code`` (and ``message``), dropping the cause."""
    return GraphQLError(
        error.message if message is None else message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions={**(error.extensions or {}), "code": code},
    )


def coded(error: GraphQLError) -> GraphQLError:
    """``error`` with an extensions.code, masked when unexpected. Idempotent."""
    if error_code(error) is not None and error.original_error is None:
        return error
    original = error.original_error
    if isinstance(original, NotFoundError):
        return with_code(error, NOT_FOUND, str(original))
    if isinstance(original, InvalidInputError):
        return with_code(error, BAD_USER_INPUT, str(original))
    if isinstance(original, LimitExceededError):
        return with_code(error, original.code, str(original))
    if isinstance(original, DeadlineExceeded):
        return with_code(error, QUERY_TIMEOUT, f"The query took {original}")
    if isinstance(original, GraphQLError):
        if error_code(original) is not None:
            return with_code(error, error_code(original) or "", original.message)
        if error.path is None:
            # graphql-core refusing a variable's value, before execution.
            return with_code(error, BAD_USER_INPUT)
    if original is not None:
        logger.error(
            "unexpected error resolving %s: %s",
            ".".join(str(key) for key in error.path or ()) or "the operation",
            original,
            exc_info=(type(original), original, original.__traceback__),
        )
        return with_code(error, INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE)
    if isinstance(error, GraphQLSyntaxError):
        code = TOO_MANY_TOKENS if "tokens" in error.message else GRAPHQL_PARSE_FAILED
        return with_code(error, code, shortened(error.message))
    # Errors without a cause raised while executing come from coercing the
    # variables the caller sent (validation errors are coded in on_validate).
    return with_code(error, BAD_USER_INPUT)


#: Longest error message sent back: graphql-core quotes the offending token
#: whole, and a document may hold a string of 32,768 characters.
MAX_MESSAGE = 300


def shortened(message: str) -> str:
    """``message``, cut to MAX_MESSAGE characters (the quoted token shortened).

    >>> shortened("Syntax Error: Unexpected String '" + "x" * 400 + "'.")[-20:]
    "xxxxxxxxxxxxxxx...'."
    """
    if len(message) <= MAX_MESSAGE:
        return message
    ending = message[-2:] if message.endswith("'.") else ""
    return message[: MAX_MESSAGE - 3 - len(ending)] + "..." + ending


class ErrorCodes(SchemaExtension):
    """Gives every error of an answer its extensions.code (see ``coded``)."""

    def on_validate(self) -> Iterator[None]:
        yield
        # In place: strawberry has already put these very objects in its answer.
        for error in self.execution_context.pre_execution_errors or ():
            if error_code(error) is None:
                error.extensions = {
                    **(error.extensions or {}),
                    "code": GRAPHQL_VALIDATION_FAILED,
                }

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [coded(error) for error in result.errors]


class _CodingContext:
    """A validation context whose reported errors all carry one code."""

    def __init__(self, inner: ValidationContext, code: str) -> None:
        self._inner = inner
        self._code = code

    def report_error(self, error: GraphQLError) -> None:
        error.extensions = {**(error.extensions or {}), "code": self._code}
        self._inner.report_error(error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def rule_with_code(rule: type[ASTValidationRule], code: str) -> type[ASTValidationRule]:
    """``rule``, reporting its errors with ``code``.

    Some rules report through the context they were given, in __init__, rather
    than through ``self.report_error``; wrapping the context catches both.
    """

    class CodedRule(rule):  # type: ignore[misc,valid-type]
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(_CodingContext(context, code))

    CodedRule.__name__ = f"{rule.__name__}With{code.title().replace('_', '')}"
    return CodedRule
