"""Each request timed once, for the metrics and for the JSON request log.

``Observed`` wraps the whole app. The GraphQL endpoint notes on the request
(``request.state.graphql``) the operation it ran and its outcome; when the
answer has gone, ``Observed`` adds the request to the metrics (GraphQL
requests only) and, with ``--log-format json``, writes one JSON object for
it (every path): time, method, path, operation, status, duration and error
code. The objects go to standard output, one a line, for log pipelines;
uvicorn's own access log is off then, and its other messages stay on
standard error.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .metrics import Metrics

logger = logging.getLogger("competency_explorer.requests")


@dataclass(frozen=True, slots=True)
class GraphQLOutcome:
    """What the endpoint did with one request, noted for ``Observed``."""

    operation: str | None  # as asked for, or None (anonymous, or not parsed)
    label: str  # the operation as a metric label (see Metrics.operation_label)
    outcome: str  # "data", or the code of the first error


def configure_json_log() -> None:
    """Request log lines to standard output, each its JSON object alone."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False


class Observed:
    def __init__(self, app: ASGIApp, metrics: Metrics | None, log: bool) -> None:
        self.app = app
        self.metrics = metrics
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # unless an answer starts: a fault before it is one

        async def noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_status)
        finally:
            seconds = time.perf_counter() - started
            noted = scope.get("state", {}).get("graphql")
            outcome = noted if isinstance(noted, GraphQLOutcome) else None
            if outcome is not None and self.metrics is not None:
                self.metrics.request(outcome.label, outcome.outcome, seconds)
            if self.log:
                self.write(scope, status, seconds, outcome)

    def write(
        self,
        scope: Scope,
        status: int,
        seconds: float,
        outcome: GraphQLOutcome | None,
    ) -> None:
        error = None
        if outcome is not None and outcome.outcome != "data":
            error = outcome.outcome
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": scope.get("method"),
            "path": scope.get("path"),
            "operation": outcome.operation if outcome is not None else None,
            "status": status,
            "duration_ms": round(seconds * 1000, 3),
            "error": error,
        }
        logger.info(orjson.dumps(line).decode())
