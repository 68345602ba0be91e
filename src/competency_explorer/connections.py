"""The HTTP connections of ``competency serve``: time limits, a cap, clear refusals.

uvicorn's h11 protocol (with Nagle off, see nodelay.py), and besides:

- A client has ``client_timeout`` seconds to send a request's headers (from
  connecting, or from the end of the previous answer), then as long again
  for its body. Without it a socket that stays idle, sends half its headers
  or its body a byte a second was held forever (500 of 500 still open after
  30 s). An idle socket is closed; one that sent part of a request is
  answered 408.
- A worker keeps at most ``max_connections`` open; one more is answered 503.
- A request line longer than h11 keeps of an unfinished request (16 KiB) is
  answered 414, headers as long 431, where the client used to see only a
  reset connection; ``HeadLimits`` answers the same for a head h11 read
  whole (in one read, or pipelined behind another request).
- Each refusal is written, the sending side shut, and whatever the client
  still sends read and dropped for a moment before the socket closes: a
  socket closed with unread data resets the connection, and the client loses
  the answer before reading it.

The settings come from ``Limits`` through ``configure``, which ``competency
serve`` calls in every worker process before it serves.
"""

from __future__ import annotations

import asyncio
import http
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import h11
import orjson

from .api.codes import BAD_REQUEST, REQUEST_TIMEOUT, TOO_MANY_CONNECTIONS
from .api.settings import Limits
from .nodelay import NoDelayH11Protocol

#: For ``uvicorn.run(http=...)``: an import string, so that worker processes
#: can load it.
PROTOCOL = "competency_explorer.connections:GuardedH11Protocol"

#: The environment variable that passes serve's settings to worker processes
#: (read by ``app.app_from_environment``). Here, not in app.py, so that the
#: parent of ``--workers N`` does not import the whole app to name it.
SERVE_ENVIRONMENT = "COMPETENCY_SERVE_CONFIG"

#: Seconds a refused connection is kept to read and drop what the client is
#: still sending, so that it reads the answer rather than a reset.
LINGER_SECONDS = 2.0

#: What h11 keeps of a request whose headers have not ended (its default),
#: and the longest request line or head this server reads.
MAX_HEAD_BYTES = 16 * 1024
HEADERS_TOO_LONG = f"The request's headers are longer than {MAX_HEAD_BYTES} bytes"
URL_TOO_LONG = (
    f"The request line (the URL) is longer than {MAX_HEAD_BYTES} bytes; "
    "send a long query by POST"
)


@dataclass(frozen=True, slots=True)
class ConnectionSettings:
    client_timeout: float
    max_connections: int

    @classmethod
    def of(cls, limits: Limits) -> ConnectionSettings:
        return cls(limits.client_timeout, limits.max_connections)


def configure(limits: Limits) -> None:
    """Use ``limits`` for every connection this process accepts from now on."""
    GuardedH11Protocol.settings = ConnectionSettings.of(limits)


def refusal_body(code: str, message: str) -> bytes:
    """A refusal's JSON, GraphQL-shaped like every answer of the API."""
    return orjson.dumps(
        {"data": None, "errors": [{"message": message, "extensions": {"code": code}}]}
    )


def refusal(status: int, code: str, message: str) -> bytes:
    """A whole HTTP response, GraphQL-shaped like every answer of the API,
    after which the connection closes."""
    body = refusal_body(code, message)
    reason = http.HTTPStatus(status).phrase
    head = (
        f"HTTP/1.1 {status} {reason}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "connection: close\r\n"
        "x-content-type-options: nosniff\r\n\r\n"
    )
    return head.encode("ascii") + body


#: The limit behind each refusal status, for the metrics (400 is no limit).
REFUSED_LIMITS = {
    503: "max_connections",
    408: "client_timeout",
    414: "request_line",
    431: "request_headers",
}


def count_refusal(status: int) -> None:
    """Tell the metrics (``GuardedH11Protocol.on_refusal``) of a refusal by a
    limit; a 400 is no limit's."""
    limit = REFUSED_LIMITS.get(status)
    if limit is not None and GuardedH11Protocol.on_refusal is not None:
        GuardedH11Protocol.on_refusal(limit)


class HeadLimits:
    """ASGI middleware: a request whose line or headers pass MAX_HEAD_BYTES is
    answered 414 or 431, however its bytes arrived.

    h11 refuses a head only while it is unfinished past the limit (see
    ``send_400_response``); one that arrives whole in a single read, or
    pipelined behind another request, is parsed whatever its size. This
    measures what h11 parsed, so every arrival and line ending is treated
    alike.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            refused = _head_refusal(scope)
            if refused is not None:
                status, message = refused
                count_refusal(status)
                body = refusal_body(BAD_REQUEST, message)
                await send(
                    {
                        "type": "http.response.start",
                        "status": status,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)


def _head_refusal(scope: Any) -> tuple[int, str] | None:
    # "GET /path?query HTTP/1.1": the method, the target and the version.
    target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    line = len(scope["method"]) + 1 + target + 1 + len(b"HTTP/1.1")
    if line > MAX_HEAD_BYTES:
        return 414, URL_TOO_LONG
    head = line + sum(len(name) + len(value) + 4 for name, value in scope["headers"])
    if head > MAX_HEAD_BYTES:
        return 431, HEADERS_TOO_LONG
    return None


class GuardedH11Protocol(NoDelayH11Protocol):
    settings: ClassVar[ConnectionSettings] = ConnectionSettings.of(Limits())
    #: Told the limit of each refusal (the app's metrics count them).
    on_refusal: ClassVar[Callable[[str], None] | None] = None

    _timer: asyncio.TimerHandle | None = None
    _waiting_for: str | None = None  # "headers" or "body" while the client's turn
    _received: bool = False  # any bytes since the wait began
    _lingering: bool = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.settings.max_connections:
            self.refuse(
                503,
                TOO_MANY_CONNECTIONS,
                f"The server has {self.settings.max_connections} connections open "
                "already; try again shortly",
            )
            return
        self._wait_for("headers")

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            return  # refused: read and dropped
        self._received = True
        super().data_received(data)
        self._follow_request()

    def eof_received(self) -> None:
        if self._lingering:
            self.transport.close()  # the client has read its answer and left

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # The next request's headers are awaited (uvicorn also closes a
        # connection idle for its keep-alive time, 5 s, whichever is first).
        self._follow_request()

    def send_400_response(self, msg: str) -> None:
        # h11 found the request malformed, or unfinished past MAX_HEAD_BYTES.
        buffered = self.conn.trailing_data[0]
        if len(buffered) > MAX_HEAD_BYTES and b"\r\n" not in buffered:
            self.refuse(414, BAD_REQUEST, URL_TOO_LONG)
        elif len(buffered) > MAX_HEAD_BYTES:
            self.refuse(431, BAD_REQUEST, HEADERS_TOO_LONG)
        else:
            self.refuse(400, BAD_REQUEST, "The request is not valid HTTP/1.1")

    # -- the client's turn, and its time limit ---------------------------------

    def _follow_request(self) -> None:
        """Start, keep or stop the time limit after the request moved on."""
        if self._lingering or self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.IDLE and self.conn.our_state is h11.IDLE:
            wanted: str | None = "headers"
        elif state is h11.SEND_BODY:
            wanted = "body"
        else:
            wanted = None  # the server's turn: the time budget is another limit
        if wanted != self._waiting_for:
            self._wait_for(wanted)

    def _wait_for(self, what: str | None) -> None:
        self._cancel_timer()
        self._waiting_for, self._received = what, False
        if what is not None:
            self._timer = self.loop.call_later(
                self.settings.client_timeout, self._timed_out
            )

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _timed_out(self) -> None:
        self._timer = None
        if self.transport.is_closing():
            return
        if self._waiting_for == "headers" and not self._received:
            self.transport.close()  # idle: nothing to answer
            return
        part = "headers" if self._waiting_for == "headers" else "body"
        if self.cycle is not None and not self.cycle.response_complete:
            # The application is waiting for the body: it hears of a
            # disconnection, and its answer goes nowhere.
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self.refuse(
            408,
            REQUEST_TIMEOUT,
            f"The request's {part} did not arrive within "
            f"{self.settings.client_timeout:g} s",
        )

    # -- refusing -----------------------------------------------------------------

    def refuse(self, status: int, code: str, message: str) -> None:
        """Answer ``status`` and close gracefully (see the module's docstring)."""
        self._cancel_timer()
        self._lingering = True
        count_refusal(status)
        self.transport.write(refusal(status, code, message))
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)
