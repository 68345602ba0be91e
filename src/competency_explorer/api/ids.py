"""Opaque global ids (Relay): base64 of "Type:key".

A malformed id is the caller's mistake (BAD_USER_INPUT); a well-formed id of
something that does not exist is simply not found (null).
"""

from __future__ import annotations

import base64
import binascii

from ..errors import InvalidInputError
from ..model import subcategory_key

__all__ = ["NODE_TYPES", "decode_id", "encode_id", "subcategory_key"]

#: The types that implement Node, and what their key is.
NODE_TYPES = ("Category", "CareerPath", "Role", "Skill", "Subcategory", "Track")


def encode_id(type_name: str, key: str) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode("ascii")


def decode_id(global_id: str) -> tuple[str, str]:
    """The (type name, key) inside ``global_id``; InvalidInputError when malformed."""
    try:
        raw = base64.b64decode(global_id.encode("ascii"), validate=True)
        text = raw.decode("utf-8")
    except (UnicodeError, binascii.Error, ValueError):
        raise InvalidInputError(
            f"Malformed id {global_id!r}: not an id given out by this API"
        ) from None
    type_name, colon, key = text.partition(":")
    if not colon or type_name not in NODE_TYPES or not key:
        raise InvalidInputError(
            f"Malformed id {global_id!r}: not an id given out by this API"
        )
    return type_name, key
