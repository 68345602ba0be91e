"""Answers kept as JSON bytes for one served framework, keyed by request.

The served framework never changes, so an operation asked again with the
same variables has the same answer. ``ResultCache`` keeps that answer as the
bytes sent on the wire, so a repeated query costs a dictionary lookup. The
cache lives on the ``ServedState`` (see context.py): a reload serves a new
state with an empty cache, and the old answers go with the old state.

Only answers without errors are kept. Error answers carry the ``locations``
of the exact text that was sent, which the normalised key below forgets; and
a refused document (too deep, too costly, ...) must meet the limits every
time it is sent, not once.
"""

from __future__ import annotations

import re
import sys
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import orjson

#: Answers kept per state and schema; the least recently used goes first.
MAX_ENTRIES = 4096
#: Bytes of memory held per state and schema, everything counted: answers,
#: keys, and the map from the texts sent to their normal form. 64 MB, a tenth
#: of what a 3,000-role framework takes in memory.
MAX_BYTES = 64 * 1024 * 1024
#: An answer larger than this is not kept: it would push out many others.
MAX_ANSWER_BYTES = 4 * 1024 * 1024
#: A request whose query or variables take more memory than this bypasses
#: the cache: its key would cost more to build and keep than it saves. In
#: memory, not in characters: Python keeps a text holding one emoji at 4
#: bytes a character.
MAX_KEY_BYTES = 16 * 1024
#: The part of MAX_BYTES the map from texts to their normal form may take.
NORMAL_SHARE = 8
#: Bytes of one entry besides its texts and answer: the dictionary slot, the
#: key tuple and the objects' headers (sys.getsizeof: about 200).
ENTRY_OVERHEAD = 200

# GraphQL's ignored tokens (spaces, tabs, line ends, commas, the byte order
# mark, comments) between the other tokens; strings are matched first so that
# their insides are never touched. Block strings end at the first """ not
# escaped by a backslash, plain strings at the first unescaped quote.
#
# A string with no end (which no valid document holds) is matched to the end
# of its line, or of the text for a block string, and every repetition is
# possessive: the scan never goes back. Requiring the closing quote made each
# quote of '"\"\"\...' rescan the rest of the line: 8,000 of them took
# seconds before the document was even parsed.
_TOKENS = re.compile(
    r'(?P<block>"""(?:\\"""|(?!""")[\s\S])*+(?:"""|\Z))'
    r'|(?P<string>"(?:\\.|[^"\\\n\r])*+"?)'
    r"|(?P<ignored>(?:[ \t\n\r,\ufeff]|#[^\n\r]*+)++)"
)

#: The key of one request: normalised document, operation name, variables.
Key = tuple[str, str | None, bytes]


def _collapse(match: re.Match[str]) -> str:
    return " " if match.lastgroup == "ignored" else match.group()


def normalise(query: str) -> str:
    """``query`` with each run of ignored tokens made one space, ends trimmed.

    Two documents with the same tokens normalise alike, whatever their
    spacing, commas or comments; documents with different tokens never do,
    because each run becomes a space (never nothing) and strings are kept.
    """
    return _TOKENS.sub(_collapse, query).strip()


class ResultCache:
    """A bounded LRU map from request keys to answers as JSON bytes.

    Used from one thread (the server's event loop; the benchmark's loop):
    the served framework behind it never changes, so no lock guards it.
    ``size`` counts the memory it holds, which never passes ``max_bytes``.
    """

    def __init__(
        self,
        *,
        max_entries: int = MAX_ENTRIES,
        max_bytes: int = MAX_BYTES,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
        max_normal_bytes: int | None = None,
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.max_answer_bytes = min(max_answer_bytes, max_bytes)
        self.max_normal_bytes = (
            max_bytes // NORMAL_SHARE if max_normal_bytes is None else max_normal_bytes
        )
        self.size = 0  # bytes held: answers, keys and the normal forms
        self._answers: OrderedDict[Key, bytes] = OrderedDict()
        # Raw text -> normalised text: a repeated query is usually sent as
        # the very same text, and a dict lookup is cheaper than the regex.
        self._normal: dict[str, str] = {}
        self._normal_size = 0

    def __len__(self) -> int:
        return len(self._answers)

    def get(
        self,
        query: str,
        variables: Mapping[str, Any] | None,
        operation_name: str | None,
    ) -> bytes | None:
        """The answer kept for this request, if any.

        This is the whole cost of a repeated query, so ``key``'s work is
        written out here rather than called: a call costs a fifth of a hit.
        """
        if _sizeof(query) > MAX_KEY_BYTES:
            return None
        try:
            encoded = b"" if variables is None else _dumps(variables, option=_SORTED)
        except TypeError:
            return None
        if len(encoded) > MAX_KEY_BYTES:
            return None
        normal = self._normal.get(query)
        if normal is None:
            normal = self._normalised(query)
        key = (normal, operation_name, encoded)
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def key(
        self,
        query: str,
        variables: Mapping[str, Any] | None,
        operation_name: str | None,
    ) -> Key | None:
        """The key of a request, or None when it bypasses the cache: a long
        text or variables, or variables orjson cannot encode (integers beyond
        64 bits)."""
        if _sizeof(query) > MAX_KEY_BYTES:
            return None
        try:
            encoded = b"" if variables is None else _dumps(variables, option=_SORTED)
        except TypeError:
            return None
        if len(encoded) > MAX_KEY_BYTES:
            return None
        normal = self._normal.get(query)
        if normal is None:
            normal = self._normalised(query)
        return (normal, operation_name, encoded)

    def _normalised(self, query: str) -> str:
        normal = normalise(query)
        if normal == query:
            normal = query  # one string in memory, not two equal ones
        cost = _sizeof(query) + ENTRY_OVERHEAD
        if normal is not query:
            cost += _sizeof(normal)
        if (
            len(self._normal) >= self.max_entries
            or self._normal_size + cost > self.max_normal_bytes
        ):
            # Bounded in number and in bytes; refilled by the next requests.
            self._normal.clear()
            self.size -= self._normal_size
            self._normal_size = 0
        self._normal[query] = normal
        self._normal_size += cost
        self.size += cost
        self._evict()
        return normal

    def put(
        self,
        query: str,
        variables: Mapping[str, Any] | None,
        operation_name: str | None,
        answer: bytes,
    ) -> None:
        """Keep ``answer``, pushing out the least recently used answers."""
        key = self.key(query, variables, operation_name)
        if key is None or len(answer) > self.max_answer_bytes or key in self._answers:
            return
        self._answers[key] = answer
        self.size += _cost(key, answer)
        self._evict()

    def _evict(self) -> None:
        while self._answers and (
            len(self._answers) > self.max_entries or self.size > self.max_bytes
        ):
            old_key, old_answer = self._answers.popitem(last=False)
            self.size -= _cost(old_key, old_answer)

    def clear(self) -> None:
        self._answers.clear()
        self._normal.clear()
        self.size = self._normal_size = 0


_SORTED = orjson.OPT_SORT_KEYS
_dumps = orjson.dumps
_sizeof = sys.getsizeof


def _cost(key: Key, answer: bytes) -> int:
    """The memory one answer takes, its key included."""
    return len(answer) + _sizeof(key[0]) + len(key[2]) + ENTRY_OVERHEAD
