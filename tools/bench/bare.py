"""The HTTP limit: an ASGI app that reads the request and returns a constant body.

The body is as large as the answer being compared: the client sends the size
in the ``x-bench-size`` header, and the app keeps one body per size.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_bodies: dict[int, bytes] = {}


def body_of(size: int) -> bytes:
    body = _bodies.get(size)
    if body is None:
        # A JSON string of the right length, so that the client parses alike.
        body = _bodies[size] = b'{"data":"' + b"x" * max(0, size - 11) + b'"}'
    return body


async def app(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    size = 2
    for name, value in scope["headers"]:
        if name == b"x-bench-size":
            size = int(value)
    body = body_of(size)
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
