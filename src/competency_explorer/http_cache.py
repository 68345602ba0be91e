"""HTTP caching of GET queries: a strong ETag, Cache-Control, If-None-Match.

The framework changes only when its files do, and an answer depends only on
the framework, the request (query, operationName, variables), the media type
it is sent in and the version of this program. So the ETag of a GET answer
is a digest of those, known before anything runs: a matching If-None-Match
is answered 304 without running the query. The framework's part is a digest
of its content (every field that framework equality compares), the same in
every worker and on every machine that serves the same files; a reload that
changes anything changes it, and so every ETag.

Only answers without errors are cacheable. Error answers and POST answers
are sent ``Cache-Control: no-store``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Mapping
from typing import Any

import orjson

from . import __version__
from .model import Framework

NOT_CACHEABLE = "no-store"

#: Seconds a cache may serve a GET answer without asking again (--cache-max-age).
DEFAULT_MAX_AGE = 60


def cache_control(max_age: int) -> str:
    """The Cache-Control of a cacheable answer: ``no-cache`` (store, but ask
    again each time) when ``max_age`` is 0."""
    return f"public, max-age={max_age}" if max_age > 0 else "no-cache"


def etag(
    framework_digest: str,
    media_type: str,
    query: str,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
) -> str:
    """The strong ETag of the answer to this request over this framework."""
    request = orjson.dumps(
        [__version__, framework_digest, media_type, query, variables, operation_name],
        option=orjson.OPT_SORT_KEYS,
    )
    return '"' + hashlib.blake2b(request, digest_size=16).hexdigest() + '"'


def matches(if_none_match: str | None, tag: str) -> bool:
    """If-None-Match names ``tag`` (or is ``*``); weak comparison, as RFC 9110
    asks for If-None-Match."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        candidate = candidate.strip()
        if candidate == "*" or candidate.removeprefix("W/") == tag:
            return True
    return False


# The served frameworks' digests, made on first use (two kept: around a
# reload, requests of the old and the new framework overlap).
_digests: list[tuple[Framework, str]] = []
_digesting = threading.Lock()


def known_digest(framework: Framework) -> str | None:
    """The digest of ``framework`` if it has been made; never makes it."""
    for known, digest in _digests:
        if known is framework:
            return digest
    return None


def framework_digest(framework: Framework) -> str:
    """A digest of everything ``framework == other`` compares.

    Made once per framework, when the app starts and after a reload (for
    the metrics, and so that the first GET does not wait for it): 0.7 s at
    3,000 roles and 130,000 requirements, a millisecond for the sample.
    """
    for known, digest in _digests:
        if known is framework:
            return digest
    with _digesting:  # concurrent first requests wait for one digest
        for known, digest in _digests:
            if known is framework:
                return digest
        hasher = hashlib.blake2b(digest_size=16)
        _feed(hasher, framework)
        digest = hasher.hexdigest()
        _digests[:] = [*_digests[-1:], (framework, digest)]
        return digest


_compared: dict[type, tuple[str, ...]] = {}


def _feed(hasher: Any, value: object) -> None:
    # Each value is written with its type's name and closing mark, so that
    # two different structures never write the same bytes.
    parts: list[str] = []
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is _Close:
            parts.append(")")
        elif kind is tuple:
            parts.append("[")
            stack.append(_CLOSE)
            stack.extend(reversed(item))  # type: ignore[call-overload]
        elif dataclasses.is_dataclass(item):
            names = _compared.get(kind)
            if names is None:
                names = _compared[kind] = tuple(
                    field.name for field in dataclasses.fields(item) if field.compare
                )
            parts.append(kind.__name__ + "(")
            stack.append(_CLOSE)
            stack.extend(getattr(item, name) for name in reversed(names))
        else:
            parts.append(repr(item))
        if len(parts) > 4096:
            hasher.update("\x1f".join(parts).encode())
            parts.clear()
    hasher.update("\x1f".join(parts).encode())


class _Close:
    pass


_CLOSE = _Close()
