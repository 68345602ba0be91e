"""The error codes a generated query may be answered with (docs/api.md).

Shared by the property test (tests/test_fuzz_schema.py) and ``make fuzz``
(tests/fuzz_hooks.py). INTERNAL_SERVER_ERROR is deliberately absent.
"""

from __future__ import annotations

from typing import Any

DOCUMENTED_CODES = frozenset(
    {
        "NOT_FOUND",
        "BAD_USER_INPUT",
        "GRAPHQL_PARSE_FAILED",
        "GRAPHQL_VALIDATION_FAILED",
        "QUERY_TOO_DEEP",
        "TOO_MANY_ALIASES",
        "TOO_MANY_TOKENS",
        "QUERY_TOO_COMPLEX",
        "QUERY_TOO_COSTLY",
        "RESULT_TOO_LARGE",
    }
)


def undocumented(status: int, answer: Any) -> str | None:
    """What is wrong with an answer to a generated query, or None when it is
    data or documented errors."""
    if status != 200:
        return f"HTTP {status}: {str(answer)[:500]}"
    if not isinstance(answer, dict) or not ({"data", "errors"} & set(answer)):
        return f"not a GraphQL answer: {str(answer)[:500]}"
    if "Traceback" in str(answer):
        return "a traceback in the answer"
    for error in answer.get("errors") or ():
        code = (error.get("extensions") or {}).get("code")
        if code not in DOCUMENTED_CODES:
            return f"error code {code!r}: {error.get('message')!r}"
    return None
