"""Reload the served framework when its files change (``competency serve --watch``).

A change is loaded and validated away from the event loop. A framework with
errors is refused, its problems logged, and the last good one keeps serving.
Either way the outcome is one new immutable state (framework, progression, version,
refused problems) swapped in with one assignment, so a request sees one
framework from its start to its end.

A file being written is never served half-written: the files are read only
once they have been quiet for ``debounce_ms``, and a read is kept only if
every file has the same size and modification time after it as before (else
the files are read again). Each real folder is watched once, without
recursion, so that links to folders are never followed more than once.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from typing import Any

import anyio
import watchfiles

from .api.context import ServedState, StateHolder
from .collector import refreeze_after_swap
from .errors import Problem
from .loader import default_paths, file_states, load, watched_paths
from .sources import FRAMEWORK_EXTENSIONS

logger = logging.getLogger("competency_explorer.reload")

#: Milliseconds of quiet after a change before reloading: an editor's save or
#: a ``git checkout`` touches many files, and they are loaded once, together;
#: a slow copy writes a file in pieces, and it is read once it is whole.
DEFAULT_DEBOUNCE_MS = 400
#: Files that never stay quiet this long are read anyway (and served only if
#: they held still while being read).
MAX_WAIT_MS = 10_000
#: Reads of one change, at most, while the files keep changing under them.
MAX_READS = 3


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
    """The reload fields of /healthz for ``state``.

    Anyone can read /healthz: a refusal is shown as counts and a plain
    message, never the problems themselves (they name files and quote their
    lines, which may come from anywhere a link points); those go to the log.
    """
    refused = state.refused if isinstance(state, ReloadState) else ()
    errors = sum(problem.is_error for problem in refused)
    return {
        "frameworkVersion": state.version if isinstance(state, ReloadState) else 1,
        "refusedReload": {
            "errors": errors,
            "warnings": len(refused) - errors,
            "message": "The last change to the framework's files was refused; "
            "the server's log lists the problems",
        }
        if refused
        else None,
    }


class Reloader:
    """Watches ``paths`` and swaps each good framework into ``holder``."""

    def __init__(
        self,
        holder: StateHolder,
        paths: Sequence[str],
        *,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        listener: Callable[[bool, ServedState], None] | None = None,
    ) -> None:
        # Told of each reload: accepted or not, and the state served after it.
        self.listener = listener
        self.holder = holder
        self.paths = [os.path.abspath(p) for p in paths] or default_paths()
        # Files given by name: a .json export among them is read, so watched.
        self.named = frozenset(p for p in self.paths if os.path.isfile(p))
        self.debounce_ms = debounce_ms
        current = holder.current
        if not isinstance(current, ReloadState):
            holder.swap(ReloadState(current.framework, current.progression))
        # What the files were like when the served framework was read.
        self.read_states = file_states(self.paths)

    def reload(self) -> bool:
        """Load the paths now; serve the result if it has no errors.

        Returns whether the new framework was accepted. Never raises: any
        failure is a refused reload, recorded in the state. Files that change
        while being read are read again; if they never hold still, nothing is
        served and the last good framework stays (the next change tries again).
        """
        try:
            for _ in range(MAX_READS):
                before = file_states(self.paths)
                result = load(self.paths)
                after = file_states(self.paths)
                if before == after:
                    break
                logger.info("files changed while being read; reading them again")
                time.sleep(self.debounce_ms / 1000)
            else:
                logger.warning(
                    "the files kept changing while being read; still serving "
                    "version %d",
                    self._current().version,
                )
                return False
            self.read_states = after
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
            self.holder.swap(_refusing(current, errors or problems))
            logger.warning(
                "reload refused: the framework has %d error(s); still serving "
                "version %d (%s)",
                len(errors),
                current.version,
                current.framework.name,
            )
            for problem in errors:
                logger.warning("%s", problem)
            self._tell(False)
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
        self._tell(True)
        return True

    def _tell(self, accepted: bool) -> None:
        if self.listener is not None:
            try:
                self.listener(accepted, self.holder.current)
            except Exception:  # the metrics must never stop a reload
                logger.exception("reload listener failed")

    def _current(self) -> ReloadState:
        current = self.holder.current
        if isinstance(current, ReloadState):
            return current
        return ReloadState(current.framework, current.progression)

    async def watch(self, stop: anyio.Event) -> None:
        """Reload after each batch of changes until ``stop`` is set."""
        while not stop.is_set():
            # Listing the folders reads them all: away from the event loop.
            targets = await anyio.to_thread.run_sync(watched_paths, self.paths)
            if await self._changed_since_read():
                # Changed while no watcher was looking (between two watchers).
                await anyio.to_thread.run_sync(self.reload)
            async for changes in watchfiles.awatch(
                *(targets or self.paths),
                watch_filter=functools.partial(_framework_files, named=self.named),
                # Yield once nothing has changed for debounce_ms.
                step=self.debounce_ms,
                debounce=MAX_WAIT_MS,
                recursive=not targets,
                stop_event=stop,
            ):
                logger.info(
                    "files changed: %s", ", ".join(sorted({p for _, p in changes}))
                )
                if await self._changed_since_read():
                    # Loading a big framework takes seconds: keep the loop serving.
                    await anyio.to_thread.run_sync(self.reload)
                now = await anyio.to_thread.run_sync(watched_paths, self.paths)
                if now != targets:
                    break  # folders came or went: watch the new ones

    async def _changed_since_read(self) -> bool:
        states = await anyio.to_thread.run_sync(file_states, self.paths)
        return states != self.read_states

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


def _framework_files(
    change: watchfiles.Change, path: str, named: frozenset[str] = frozenset()
) -> bool:
    name = os.path.basename(path)
    if name.startswith(".") or name.endswith("~"):
        return False  # hidden files and editors' swap and backup files
    if os.path.abspath(path) in named:
        return True  # a file given by name, whatever its extension (.json)
    suffix = os.path.splitext(name)[1].lower()
    # A folder reports no extension: one removed or renamed changes the
    # framework, and one added must be watched too (no watch is recursive).
    # A folder's .json files are not read, so they change nothing.
    return suffix in FRAMEWORK_EXTENSIONS or suffix == ""


def _refusing(current: ReloadState, problems: tuple[Problem, ...]) -> ReloadState:
    """The state still served, now recording a refused reload.

    The framework is the same, so the answers cached for it and its health
    report (seconds to make at 3,000 roles) carry over to the new state.
    """
    refused = replace(current, refused=problems)
    refused.caches.update(current.caches)
    refused.keep_health_of(current)
    return refused
