"""A time budget for the work of one request: ``within(seconds)`` and ``check()``.

The server runs each request under ``within(max_seconds)``; long computations
call ``check()`` in their loops, and it raises ``DeadlineExceeded`` once the
budget is spent, so the work stops there rather than holding a worker for as
long as the request asks. The budget lives in a context variable: each
request (each thread) has its own, and code run outside any budget (the
command line, the tests, the benchmarks) never raises.

The budget is server time: the CPU time of the thread doing the work, not the
time on the wall. Several requests run at once in threads that share one
interpreter lock, and other processes share the cores; on the wall clock a
cheap request would run out of time merely by waiting its turn. The thread's
CPU clock costs a system call (0.5 us, five times the wall clock's), so
``check`` reads the wall clock, and the CPU clock only once the wall clock
says the budget could be spent: the CPU time never runs ahead of the wall.

Only the standard library here: every layer may call ``check()``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass


class DeadlineExceeded(Exception):
    """The work of a request took longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"more than {seconds:g} s of server time")


@dataclass(slots=True)
class _Budget:
    seconds: float
    thread: int  # the thread whose CPU clock counts
    cpu_start: float  # the thread's CPU clock when the budget began
    look_at: float  # on the wall clock: when the CPU clock is next worth reading

    def spent(self) -> float:
        return time.thread_time() - self.cpu_start


_budget: ContextVar[_Budget | None] = ContextVar("budget", default=None)


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Run the block, in this thread, under a budget of ``seconds`` of CPU time.

    A budget inside another never extends it: the smaller remainder holds.
    """
    outer = _budget.get()
    thread = threading.get_ident()
    if (
        outer is not None
        and outer.thread == thread
        and outer.seconds - outer.spent() <= seconds
    ):
        yield
        return
    # (A budget copied from another thread along with the context counts
    # that thread's clock: this one starts afresh.)
    budget = _Budget(seconds, thread, time.thread_time(), time.monotonic() + seconds)
    token = _budget.set(budget)
    try:
        yield
    finally:
        _budget.reset(token)


def check() -> None:
    """Raise ``DeadlineExceeded`` when the current budget is spent.

    Cheap (a context-variable read and a wall-clock read, about 0.1 us)
    until the budget is nearly spent, so that loops can call it every turn.
    """
    budget = _budget.get()
    if budget is None:
        return
    now = time.monotonic()
    if now < budget.look_at:
        return
    left = budget.seconds - budget.spent()
    if left <= 0:
        raise DeadlineExceeded(budget.seconds)
    budget.look_at = now + left


@contextmanager
def exempt() -> Iterator[None]:
    """Run the block outside the current budget, and leave its time uncounted.

    For work made once and kept for every later request (the health report of
    a served framework): refusing the request that happens to ask first would
    only make the next one pay again.
    """
    budget = _budget.get()
    token = _budget.set(None)
    started = time.thread_time()
    try:
        yield
    finally:
        _budget.reset(token)
        if budget is not None and budget.thread == threading.get_ident():
            budget.cpu_start += time.thread_time() - started
