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
import itertools
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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

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
    others find it recorded in ``folder``; the process that made the pool
    (``create``) stops them all with ``stop_all`` once every process is done.

    A browser test server costs one to four seconds of CPU to start (a
    generated framework is written first); each worker starting its own
    started most of them twice.
    """

    #: The pools' folders, in the system's temporary folder.
    PREFIX = "competency-test-servers-"

    #: The servers this process started, by pid, whichever pool object
    #: started them: kept (a ``Popen`` dropped unwaited warns), and stopped
    #: and reaped by ``stop_all`` when this process is also the one that
    #: stops them.
    _children: ClassVar[dict[int, Server]] = {}

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def create(cls) -> ServerPool:
        """A new pool, its folder marked with this process as its owner."""
        folder = Path(tempfile.mkdtemp(prefix=cls.PREFIX))
        (folder / "owner").write_text(str(os.getpid()), encoding="utf-8")
        return cls(folder)

    @classmethod
    def abandoned(cls) -> list[ServerPool]:
        """The pools whose owner has gone without stopping them (a run that
        was killed): ``stop_all`` ends their servers and removes them."""
        found = []
        for folder in Path(tempfile.gettempdir()).glob(f"{cls.PREFIX}*"):
            try:
                owner = int((folder / "owner").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not _running(owner):
                found.append(cls(folder))
        return found

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
            found = _read(record)
            if "error" in found:
                raise ServerError(found["error"])
            if "url" in found:
                url: str = found["url"]
                return url
            # A record with a pid alone: the process starting it stopped
            # before the server answered. Stop that server and start again.
            _stop_recorded([found], timeout=10)
            try:
                return self._start(name, arguments, record, log)
            except Exception as exc:
                message = str(exc) if isinstance(exc, ServerError) else repr(exc)
                _write(record, {"error": message})
                raise ServerError(message) from exc

    def _start(
        self,
        name: str,
        arguments: Sequence[str] | Callable[[Path], Sequence[str]],
        record: Path,
        log: Path,
    ) -> str:
        if callable(arguments):
            own = self.folder / name
            shutil.rmtree(own, ignore_errors=True)
            own.mkdir()
            arguments = arguments(own)
        server = Server(arguments, log=log)
        self._children[server.pid] = server
        port = server.url.rpartition(":")[2]
        # Recorded at once, so that stop_all finds it whatever happens next.
        _write(record, {"pid": server.pid, "port": port})
        try:
            server.wait_until_up()
        except ServerError:
            self._children.pop(server.pid).stop()
            raise
        _write(record, {"pid": server.pid, "port": port, "url": server.url})
        return server.url

    def stop_all(self, timeout: float = 30.0) -> None:
        """Stop every server of the pool and remove its folder. The servers
        may be another process's children, so those are signalled by pid
        (once /proc shows the pid is still that server) and watched until
        they are gone, or left as zombies for their parent to reap."""
        others = []
        for path in self.folder.glob("*.json"):
            found = _read(path)
            child = self._children.pop(found.get("pid", -1), None)
            if child is not None:
                child.stop()
            else:
                others.append(found)
        _stop_recorded(others, timeout)
        shutil.rmtree(self.folder, ignore_errors=True)


def _read(record: Path) -> dict[str, Any]:
    """A server's record; empty when there is none (or none readable)."""
    try:
        found = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _write(record: Path, fields: dict[str, Any]) -> None:
    # Whole or not at all: another process may read it at any moment.
    partial = record.with_suffix(".part")
    partial.write_text(json.dumps(fields), encoding="utf-8")
    os.replace(partial, record)


def _stop_recorded(records: Iterable[dict[str, Any]], timeout: float) -> None:
    """SIGTERM to each recorded server still running, SIGKILL after
    ``timeout`` seconds to those that have not ended."""
    pids = [
        found["pid"]
        for found in records
        if "pid" in found and _is_server(found["pid"], str(found.get("port")))
    ]
    for pid in pids:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while (alive := [pid for pid in pids if _running(pid)]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.05)
    for pid in alive:
        _signal(pid, signal.SIGKILL)


def _is_server(pid: int, port: str) -> bool:
    """Whether ``pid`` is still the server started on ``port``: a pid is
    reused once its process has ended and been reaped."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return _running(pid)  # no /proc here, or no such process
    return any(
        flag == b"--port" and value == port.encode()
        for flag, value in itertools.pairwise(argv)
    )


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
        except PermissionError:
            return True
        return True
    # The state follows the command name, which is in brackets.
    return status.rpartition(")")[2].split()[0] != "Z"
