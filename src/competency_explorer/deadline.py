"""A time budget for the work of one request: ``within(seconds)`` and ``check()``.

The server runs each request under ``within(max_seconds)``; long computations
call ``check()`` in their loops, and it raises ``DeadlineExceeded`` once the
budget is spent, so the work stops there rather than holding a worker for as
long as the request asks. The budget lives in a context variable: each
request (each thread, each task) has its own, and code run outside any budget
(the command line, the tests, the benchmarks) never raises.

Only the standard library here: every layer may call ``check()``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

#: When the current budget runs out, on ``time.monotonic``'s clock.
_deadline: ContextVar[float | None] = ContextVar("deadline", default=None)


class DeadlineExceeded(Exception):
    """The work of a request took longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the work took longer than {seconds:g} s")


#: The budget of the current block, for the error's message.
_budget: ContextVar[float] = ContextVar("budget", default=0.0)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` from now.

    Nested budgets never extend the outer one: the earlier deadline holds.
    """
    wanted = time.monotonic() + seconds
    outer = _deadline.get()
    if outer is not None and outer <= wanted:
        yield
        return
    token, budget_token = _deadline.set(wanted), _budget.set(seconds)
    try:
        yield
    finally:
        _deadline.reset(token)
        _budget.reset(budget_token)


def check() -> None:
    """Raise ``DeadlineExceeded`` when the current budget is spent.

    Cheap (a context-variable read and a clock read, about 0.1 us), so that
    loops can call it on every turn.
    """
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise DeadlineExceeded(_budget.get())


def remaining() -> float | None:
    """Seconds left in the current budget (negative once spent), or None."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()
