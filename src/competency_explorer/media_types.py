"""The media types of GraphQL over HTTP answers, and which one a request gets.

The GraphQL over HTTP spec has two: ``application/json``, the legacy one,
whose answers are 200 whenever GraphQL answered (a query that does not parse
included), and ``application/graphql-response+json``, whose status says what
happened: a request that could not be executed at all (it does not parse or
validate, a limit refused it, its variables do not fit) is a 4xx answer
without a ``data`` entry. A client that accepts the latter (at least as much
as JSON) gets it; every other client, one sending no Accept header or
``*/*`` included, gets JSON as before.

>>> negotiate("application/graphql-response+json, application/json;q=0.9")
'application/graphql-response+json'
>>> negotiate("*/*"), negotiate(None), negotiate("text/plain")
('application/json', 'application/json', 'application/json')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson

from .api.codes import INTERNAL_SERVER_ERROR, QUERY_TIMEOUT

JSON = "application/json"
GRAPHQL_RESPONSE = "application/graphql-response+json"

#: Errors without a path that still come from running the operation.
_EXECUTION_CODES = frozenset({QUERY_TIMEOUT, INTERNAL_SERVER_ERROR})


def negotiate(accept: str | None) -> str:
    """The media type to answer a request with this Accept header in."""
    if not accept:
        return JSON
    wanted: float | None = None  # GRAPHQL_RESPONSE, named
    plain = 0.0  # JSON, named or through a wildcard
    for item in accept.split(","):
        media_range, *parameters = item.split(";")
        name = media_range.strip().lower()
        quality = _quality(parameters)
        if name == GRAPHQL_RESPONSE:
            wanted = max(wanted or 0.0, quality)
        elif name in (JSON, "application/*", "*/*"):
            plain = max(plain, quality)
    return GRAPHQL_RESPONSE if wanted and wanted >= plain else JSON


def _quality(parameters: list[str]) -> float:
    for parameter in parameters:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                return 0.0
            return quality if 0.0 <= quality <= 1.0 else 0.0
    return 1.0


def is_request_error(answer: Mapping[str, Any]) -> bool:
    """The answer is of a request that was never executed.

    Errors raised while fields run carry a ``path``; those of parsing,
    validation, the limits and variable coercion do not. A time-out and an
    internal error are the two path-less errors of a running operation.
    """
    errors = answer.get("errors")
    if answer.get("data") is not None or not errors:
        return False
    for error in errors:
        code = error.get("extensions", {}).get("code")
        if "path" in error or code in _EXECUTION_CODES:
            return False
    return True


def graphql_response(body: bytes, code: str | None) -> tuple[bytes, int]:
    """An answer (JSON bytes, the code of its first error) as the
    graphql-response+json media type has it: (body, status)."""
    if code is None:
        return body, 200  # no errors: the JSON body as it is
    answer = orjson.loads(body)
    if not is_request_error(answer):
        return body, 200
    del answer["data"]
    return orjson.dumps(answer), 400
