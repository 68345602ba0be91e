"""The uvicorn protocol that sets TCP_NODELAY on every accepted connection."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from uvicorn.protocols.http.h11_impl import H11Protocol

from competency_explorer.nodelay import NoDelayH11Protocol


class _Transport:
    def __init__(self, sock: socket.socket | None) -> None:
        self.sock = sock

    def get_extra_info(self, name: str) -> Any:
        return self.sock if name == "socket" else None


@pytest.fixture
def accepted() -> Any:
    # Bound as uvicorn's --workers binds it: protocol number left at 0, so
    # asyncio would not set TCP_NODELAY on what it accepts.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        with socket.create_connection(listener.getsockname()):
            connection, _ = listener.accept()
            with connection:
                yield connection


def test_connection_made_turns_nagle_off(
    accepted: socket.socket, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []
    monkeypatch.setattr(H11Protocol, "connection_made", lambda self, t: seen.append(t))
    assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
    transport = _Transport(accepted)
    NoDelayH11Protocol.connection_made(object.__new__(NoDelayH11Protocol), transport)  # type: ignore[arg-type]
    assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
    assert seen == [transport]


def test_a_transport_without_a_socket_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[object] = []
    monkeypatch.setattr(H11Protocol, "connection_made", lambda self, t: seen.append(t))
    transport = _Transport(None)
    NoDelayH11Protocol.connection_made(object.__new__(NoDelayH11Protocol), transport)  # type: ignore[arg-type]
    assert seen == [transport]
