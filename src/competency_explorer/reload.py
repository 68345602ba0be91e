"""Reload the served framework when its files change (``competency serve --watch``).

A change is loaded and validated away from the event loop. A framework with
errors is refused, its problems logged, and the last good one keeps serving.
Either way the outcome is one new immutable state (framework, graph, version,
refused problems) swapped in with one assignment, so a request sees one
framework from its start to its end.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import anyio
import watchfiles

from .api.context import ServedState, StateHolder
from .collector import refreeze_after_swap
from .errors import Problem
from .loader import default_paths, load
from .sources import FRAMEWORK_EXTENSIONS

logger = logging.getLogger("competency_explorer.reload")

#: Milliseconds of quiet after a change before reloading: an editor's save or
#: a ``git checkout`` touches many files, and they are loaded once, together.
DEFAULT_DEBOUNCE_MS = 400


@dataclass(frozen=True, slots=True)
class ReloadState(ServedState):
    """A served state that also knows its place in the reload history."""

    version: int = 1
    """1 for the framework served at start, one more for each accepted reload."""
    refused: tuple[Problem, ...] = ()
    """The problems of the last refused reload, if none was accepted since."""


def configure_reload_logging() -> None:
    """Show the reloader's reports (and refusals) on standard error, as uvicorn
    shows its own."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:  %(message)s")
    logging.getLogger("watchfiles").setLevel(logging.WARNING)


def health(state: ServedState) -> dict[str, Any]:
    """The reload fields of /healthz for ``state``."""
    refused = state.refused if isinstance(state, ReloadState) else ()
    return {
        "frameworkVersion": state.version if isinstance(state, ReloadState) else 1,
        "refusedReload": [str(p) for p in refused] if refused else None,
    }


class Reloader:
    """Watches ``paths`` and swaps each good framework into ``holder``."""

    def __init__(
        self,
        holder: StateHolder,
        paths: Sequence[str],
        *,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
    ) -> None:
        self.holder = holder
        self.paths = [os.path.abspath(p) for p in paths] or default_paths()
        self.debounce_ms = debounce_ms
        current = holder.current
        if not isinstance(current, ReloadState):
            holder.swap(ReloadState(current.framework, current.progression))

    def reload(self) -> bool:
        """Load the paths now; serve the result if it has no errors.

        Returns whether the new framework was accepted. Never raises: any
        failure is a refused reload, recorded in the state.
        """
        try:
            result = load(self.paths)
            if result.ok and result.framework is not None:
                fresh = ServedState.build(result.framework)
            else:
                fresh = None
            problems = result.problems
        except Exception as exc:
            # Building the graph of a valid framework should not fail; if it
            # does, the server must go on serving the last good framework.
            logger.exception("reload failed")
            fresh = None
            problems = (
                Problem(
                    ", ".join(self.paths),
                    0,
                    "error",
                    f"internal error while reloading ({type(exc).__name__})",
                ),
            )
        current = self._current()
        if fresh is None:
            errors = tuple(p for p in problems if p.is_error)
            self.holder.swap(replace(current, refused=errors or problems))
            logger.warning(
                "reload refused: the framework has %d error(s); still serving "
                "version %d (%s)",
                len(errors),
                current.version,
                current.framework.name,
            )
            for problem in errors:
                logger.warning("%s", problem)
            return False
        state = ReloadState(fresh.framework, fresh.progression, current.version + 1)
        self.holder.swap(state)
        # The old state is garbage now; a frozen heap would keep it for good.
        del current, fresh
        refreeze_after_swap()
        for problem in problems:
            logger.info("%s", problem)
        logger.info(
            "reloaded: serving version %d, %s (%d roles, %d skills)",
            state.version,
            state.framework.name,
            len(state.framework.roles),
            len(state.framework.skills),
        )
        return True

    def _current(self) -> ReloadState:
        current = self.holder.current
        if isinstance(current, ReloadState):
            return current
        return ReloadState(current.framework, current.progression)

    async def watch(self, stop: anyio.Event) -> None:
        """Reload after each batch of changes until ``stop`` is set."""
        async for changes in watchfiles.awatch(
            *self.paths,
            watch_filter=_framework_files,
            debounce=self.debounce_ms,
            stop_event=stop,
        ):
            logger.info("files changed: %s", ", ".join(sorted({p for _, p in changes})))
            # Loading a big framework takes seconds: keep the loop serving.
            await anyio.to_thread.run_sync(self.reload)

    @asynccontextmanager
    async def lifespan(self, app: object) -> AsyncIterator[None]:
        """A Starlette lifespan that watches while the server runs."""
        stop = anyio.Event()
        task = asyncio.create_task(self._watch_logging_failures(stop))
        try:
            yield
        finally:
            stop.set()
            await task

    async def _watch_logging_failures(self, stop: anyio.Event) -> None:
        try:
            await self.watch(stop)
        except Exception:
            # A watcher that dies (a watched folder removed, say) must not
            # take the server with it: it keeps serving, unwatched.
            logger.exception("watching for changes stopped")


def _framework_files(change: watchfiles.Change, path: str) -> bool:
    name = os.path.basename(path)
    if name.startswith(".") or name.endswith("~"):
        return False  # hidden files and editors' swap and backup files
    suffix = os.path.splitext(name)[1].lower()
    # A removed or renamed folder reports no extension; reload for it too.
    return suffix in FRAMEWORK_EXTENSIONS or (
        suffix == "" and change != watchfiles.Change.added
    )
