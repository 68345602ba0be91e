"""How much one request may ask for: the ``Limits`` and their defaults.

Only the standard library here: ``competency --help`` builds one flag per
field from this module, and must not pay for importing the GraphQL stack to do
so. The schema extensions that enforce the limits are in ``limits.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any


def _limit(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one request may ask for. All limits are inclusive.

    The names of the fields are the flag names of ``competency serve`` without
    ``--``, with ``_`` for ``-`` (see docs/limits.md).
    """

    max_depth: int = _limit(12, "nesting of fields in one operation")
    max_aliases: int = _limit(15, "aliased fields in one document")
    max_tokens: int = _limit(2000, "lexical tokens in one document")
    max_fields: int = _limit(2000, "fields in a document, fragments expanded")
    max_repeats: int = _limit(10, "times one field may appear in one selection set")
    max_items: int = _limit(50_000, "list items in one answer, all lists together")
    max_first: int = _limit(100, "the largest `first` of roles and skills")
    max_limit: int = _limit(100, "the largest `limit` argument")
    max_profile: int = _limit(250, "skills in one profile input")
    max_body_bytes: int = _limit(1_000_000, "bytes in one HTTP request body")
    batching: bool = _limit(False, "accept a JSON array of operations in one POST")
    max_batch: int = _limit(10, "operations in one batch, when batching is on")
    max_cost: int = _limit(
        200_000, "estimated cost of one operation, weighed before it runs"
    )
    max_query_chars: int = _limit(32_768, "characters in one GraphQL document")
    max_seconds: float = _limit(2.0, "seconds of server work for one request")
    client_timeout: float = _limit(
        10.0, "seconds a client has to send a request's headers, then its body"
    )
    max_connections: int = _limit(256, "open connections per worker process")

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if item.type == "int" and (isinstance(value, bool) or value < 1):
                raise ValueError(f"limit {item.name} must be at least 1, not {value!r}")
            if item.type == "float" and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not 0 < value < math.inf
            ):
                raise ValueError(
                    f"limit {item.name} must be a number of seconds above 0, "
                    f"not {value!r}"
                )

    def to_dict(self) -> dict[str, Any]:
        return {item.name: getattr(self, item.name) for item in fields(self)}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Limits:
        known = {item.name for item in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown limit(s): {', '.join(unknown)}")
        return cls(**values)
