"""Every ``extensions.code`` an answer of the API can carry, in one place.

Plain strings with no imports, so that the command line, the HTTP adapter and
the tests can name them without loading the GraphQL stack. docs/api.md lists
what each one means.
"""

from __future__ import annotations

NOT_FOUND = "NOT_FOUND"
BAD_USER_INPUT = "BAD_USER_INPUT"
INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
OPERATION_NOT_ALLOWED = "OPERATION_NOT_ALLOWED"
BAD_REQUEST = "BAD_REQUEST"
INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"

QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX"
RESULT_TOO_LARGE = "RESULT_TOO_LARGE"
PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
BATCHING_NOT_SUPPORTED = "BATCHING_NOT_SUPPORTED"
QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
QUERY_TOO_LONG = "QUERY_TOO_LONG"
QUERY_TIMEOUT = "QUERY_TIMEOUT"
REQUEST_TIMEOUT = "REQUEST_TIMEOUT"
TOO_MANY_CONNECTIONS = "TOO_MANY_CONNECTIONS"

#: The code of each limit (a field of ``Limits``) when it is exceeded.
LIMIT_CODES: dict[str, str] = {
    "max_depth": QUERY_TOO_DEEP,
    "max_aliases": TOO_MANY_ALIASES,
    "max_tokens": TOO_MANY_TOKENS,
    "max_fields": QUERY_TOO_COMPLEX,
    "max_repeats": QUERY_TOO_COMPLEX,
    "max_items": RESULT_TOO_LARGE,
    "max_first": BAD_USER_INPUT,
    "max_limit": BAD_USER_INPUT,
    "max_profile": BAD_USER_INPUT,
    "max_body_bytes": PAYLOAD_TOO_LARGE,
    "batching": BATCHING_NOT_SUPPORTED,
    "max_batch": BATCHING_NOT_SUPPORTED,
    "max_cost": QUERY_TOO_COSTLY,
    "max_query_chars": QUERY_TOO_LONG,
    "max_seconds": QUERY_TIMEOUT,
    "client_timeout": REQUEST_TIMEOUT,
    "max_connections": TOO_MANY_CONNECTIONS,
}
