"""Connections (Relay cursor pagination) over an ordered list.

A cursor is opaque to callers: base64 of "offset:N", the position of an item
in the full, ordered list. A malformed cursor is BAD_USER_INPUT; a cursor
past the end gives an empty page.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..errors import InvalidInputError

T = TypeVar("T")

#: The page of a connection when ``first`` is not given; the cost estimate
#: (api/cost.py) assumes the same page.
DEFAULT_FIRST = 50
_PREFIX = "offset:"


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"{_PREFIX}{offset}".encode()).decode("ascii")


def decode_cursor(cursor: str) -> int:
    """The offset inside ``cursor``; InvalidInputError when malformed."""
    try:
        text = base64.b64decode(cursor.encode("ascii"), validate=True).decode("ascii")
    except (UnicodeError, binascii.Error, ValueError):
        text = ""
    digits = text.removeprefix(_PREFIX)
    if not text.startswith(_PREFIX) or not digits.isdigit() or len(digits) > 12:
        raise InvalidInputError(
            f"Malformed cursor {cursor!r}: pass an endCursor or cursor from an "
            "earlier answer"
        )
    return int(digits)


def check_first(first: int | None, maximum: int) -> int:
    """``first`` with its default applied; InvalidInputError when out of range."""
    if first is None:
        return min(DEFAULT_FIRST, maximum)
    if not 0 <= first <= maximum:
        raise InvalidInputError(f"first must be between 0 and {maximum}, not {first}")
    return first


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of items, each with its cursor."""

    edges: tuple[tuple[str, T], ...]
    has_next_page: bool
    total_count: int

    @property
    def end_cursor(self) -> str | None:
        return self.edges[-1][0] if self.edges else None


def paginate(
    items: Sequence[T], first: int | None, after: str | None, max_first: int
) -> Page[T]:
    """The page of ``items`` that ``first`` and ``after`` ask for."""
    count = check_first(first, max_first)
    start = 0 if after is None else decode_cursor(after) + 1
    chosen = items[start : start + count]
    edges = tuple((encode_cursor(start + i), item) for i, item in enumerate(chosen))
    return Page(edges, start + count < len(items), len(items))
