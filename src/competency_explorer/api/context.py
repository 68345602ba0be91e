"""What a request runs against: the served framework with its arrays, and the limits.

The framework and the progression arrays built from it (graph/progression.py)
travel together in one immutable ``ServedState``.
A ``StateHolder`` keeps the current one; a reload builds a new state and swaps
it in with one assignment, so each request sees one consistent pair from
start to end, whichever moment the swap happens. The answers cached for a
framework live on its state, so they leave with it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import deadline
from ..collector import paused
from ..graph import Progression, build_progression
from ..model import Framework
from .codes import RESULT_TOO_LARGE
from .errors import LimitExceededError
from .results import ResultCache
from .settings import Limits

if TYPE_CHECKING:
    from ..graph.health import Finding


@dataclass(frozen=True, slots=True)
class ServedState:
    """A framework and the arrays built from it, never changed once made."""

    framework: Framework
    progression: Progression
    # Answers of this framework as JSON bytes, one cache per schema (limits
    # differ between schemas, and so may answers). Not a constructor argument:
    # every state, a reloaded one included, starts empty.
    caches: dict[int, tuple[object, ResultCache]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # The health report, made by the first request that asks for it: at
    # 3,000 roles it walks 2.7 million edges (seconds), which no request
    # should pay again, and most states are never asked.
    _health: list[tuple[Finding, ...]] = field(  # empty until made
        default_factory=list, init=False, repr=False, compare=False
    )
    _health_lock: threading.Lock = field(
        default_factory=threading.Lock, init=False, repr=False, compare=False
    )

    @classmethod
    def build(cls, framework: Framework) -> ServedState:
        # The collector stays off while the arrays and indexes are made:
        # see collector.py.
        with paused():
            return cls(framework, build_progression(framework))

    def health(self) -> tuple[Finding, ...]:
        """The framework's health report (graph/health.py), made once."""
        with self._health_lock:
            if not self._health:
                from ..graph.health import health

                # Made once for every later request: no request's time budget
                # applies (see deadline.exempt).
                with paused(), deadline.exempt():
                    self._health.append(tuple(health(self.framework, self.progression)))
        return self._health[0]

    def keep_health_of(self, other: ServedState) -> None:
        """Take ``other``'s health report, made already, for this same framework."""
        with self._health_lock:
            if not self._health and other._health:
                self._health.append(other._health[0])

    def results(self, schema: object) -> ResultCache:
        """The answers cached for ``schema`` over this framework."""
        # Keyed by id, with the schema held so that its id cannot be reused.
        found = self.caches.get(id(schema))
        if found is None:
            found = self.caches[id(schema)] = (schema, ResultCache())
        return found[1]


class StateHolder:
    """The current ``ServedState``; ``swap`` replaces it atomically."""

    def __init__(self, state: ServedState) -> None:
        self._state = state
        self._lock = threading.Lock()

    @property
    def current(self) -> ServedState:
        return self._state

    def swap(self, state: ServedState) -> ServedState:
        """Serve ``state`` from now on and return the state it replaces."""
        with self._lock:
            previous, self._state = self._state, state
        return previous


@dataclass(slots=True)
class ItemBudget:
    """Counts the list items of one answer, so that nested lists cannot explode."""

    limit: int
    spent: int = 0

    def spend(self, count: int) -> None:
        self.spent += count
        if self.spent > self.limit:
            raise LimitExceededError(
                RESULT_TOO_LARGE,
                f"The answer would hold more than {self.limit} list items; "
                "ask for fewer items (smaller first or limit) or less nesting",
            )


@dataclass(frozen=True, slots=True)
class Context:
    """The per-request context that every resolver reads (``info.context``)."""

    state: ServedState
    limits: Limits
    budget: ItemBudget = field(init=False)

    def __post_init__(self) -> None:
        # A fresh budget for every request; the dataclass is frozen otherwise.
        object.__setattr__(self, "budget", ItemBudget(self.limits.max_items))

    @property
    def framework(self) -> Framework:
        return self.state.framework

    @property
    def progression(self) -> Progression:
        return self.state.progression
