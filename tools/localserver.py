"""Start ``competency serve`` on a free loopback port, wait for /healthz, stop it.

The one way the development tools (``make bench``, ``make fuzz``, ``make
loadtest``) and the tests that need a real socket (the browser tests, the
reload test) run a server: a real child process, so that what is measured,
fuzzed or clicked is what users run. ``serving`` runs one for the length of
a block; ``Server`` separates starting from waiting, for a caller with other
work to do meanwhile; ``ServerPool`` shares servers between the processes of
a test run.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import ClassVar

HOST = "127.0.0.1"
#: Seconds a server may take to answer /healthz: about one on a quiet
#: machine, far more at 3,000 roles or when the machine is busy.
START_TIMEOUT = 120.0


class ServerError(RuntimeError):
    """The server exited, or did not answer in time; the message carries its log."""


def free_port() -> int:
    """A port free right now on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def serve_command(arguments: Sequence[str], port: int) -> list[str]:
    """``competency serve`` on ``port`` of the loopback interface."""
    return [
        sys.executable, "-m", "competency_explorer", "serve",
        "--host", HOST, "--port", str(port), *arguments,
    ]  # fmt: skip


class Server:
    """A server process started on a free port, its output in ``log``.

    ``command`` makes the command line for a port; by default it is
    ``competency serve ARGUMENTS``. Without ``log``, the output goes to a
    temporary file removed by ``stop``.
    """

    def __init__(
        self,
        arguments: Sequence[str] = (),
        *,
        command: Callable[[int], list[str]] | None = None,
        log: Path | None = None,
    ) -> None:
        port = free_port()
        self.url = f"http://{HOST}:{port}"
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        if log is None:
            self._folder = tempfile.TemporaryDirectory(prefix="competency-serve-")
            log = Path(self._folder.name) / "server.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log
        argv = command(port) if command else serve_command(arguments, port)
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                argv, stdout=output, stderr=subprocess.STDOUT, env=os.environ.copy()
            )

    @property
    def pid(self) -> int:
        return self.process.pid

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_until_up(self, timeout: float = START_TIMEOUT) -> None:
        """Poll /healthz until it answers 200; raise ``ServerError`` otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise ServerError(
                    f"{self.log}: the server exited with code "
                    f"{self.process.returncode}:\n{self.log_text()[-4000:]}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise ServerError(
                    f"{self.log}: the server did not answer /healthz within "
                    f"{timeout:.0f} s:\n{self.log_text()[-4000:]}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (and its workers, which its own shutdown stops)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


@contextmanager
def serving(
    arguments: Sequence[str] = (),
    *,
    command: Callable[[int], list[str]] | None = None,
    log: Path | None = None,
    start_timeout: float = START_TIMEOUT,
) -> Iterator[Server]:
    """``competency serve ARGUMENTS`` (or ``command``) until the block ends."""
    server = Server(arguments, command=command, log=log)
    try:
        server.wait_until_up(start_timeout)
        yield server
    finally:
        server.stop()


class ServerPool:
    """Servers shared by the processes of one test run (pytest-xdist's
    workers): the first process to ask for a name starts that server, the
    others find it recorded in ``folder``; whoever made the pool stops them
    all with ``stop_all`` once every process is done.

    A browser test server costs one to four seconds of CPU to start (a
    generated framework is written first); each worker starting its own
    started most of them twice.
    """

    #: The environment variable that names a test run's pool folder.
    VARIABLE = "COMPETENCY_TEST_SERVER_POOL"
    #: The servers this process started, by pid: kept (a ``Popen`` dropped
    #: while its process runs warns), and stopped and reaped by ``stop_all``
    #: when this process is the one that stops them.
    _children: ClassVar[dict[int, Server]] = {}

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def url(
        self,
        name: str,
        arguments: Sequence[str] | Callable[[Path], Sequence[str]],
        *,
        log: Path,
    ) -> str:
        """The address of the server called ``name``, started now if no
        process has started it. ``arguments`` may be a function given a
        folder of its own (to write a framework into) that returns them.
        Raises ``ServerError`` for a server that did not start, here or in
        the process that tried first."""
        self.folder.mkdir(parents=True, exist_ok=True)
        record = self.folder / f"{name}.json"
        with (self.folder / f"{name}.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if record.exists():
                found = json.loads(record.read_text(encoding="utf-8"))
                if "error" in found:
                    raise ServerError(found["error"])
                url: str = found["url"]
                return url
            if callable(arguments):
                own = self.folder / name
                own.mkdir()
                arguments = arguments(own)
            server = Server(arguments, log=log)
            try:
                server.wait_until_up()
            except ServerError as exc:
                server.stop()
                record.write_text(json.dumps({"error": str(exc)}), encoding="utf-8")
                raise
            self._children[server.pid] = server
            record.write_text(
                json.dumps({"url": server.url, "pid": server.pid}), encoding="utf-8"
            )
            return server.url

    def stop_all(self, timeout: float = 30.0) -> None:
        """Stop every server of the pool and remove its folder. The servers
        may be another process's children, so they are signalled by pid and
        watched until they are gone (or left as zombies for their parent)."""
        pids = []
        for record in self.folder.glob("*.json"):
            pid = json.loads(record.read_text(encoding="utf-8")).get("pid")
            if pid is None:
                continue
            if (child := self._children.pop(pid, None)) is not None:
                child.stop()
            else:
                pids.append(pid)
                _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while (alive := [pid for pid in pids if _running(pid)]) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.05)
        for pid in alive:
            _signal(pid, signal.SIGKILL)
        shutil.rmtree(self.folder, ignore_errors=True)


def _signal(pid: int, number: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, number)


def _running(pid: int) -> bool:
    """Whether ``pid`` still runs: it exists and is not a zombie."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
    # The state follows the command name, which is in brackets.
    return status.rpartition(")")[2].split()[0] != "Z"
