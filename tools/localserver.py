"""Start ``competency serve`` on a free loopback port for a tool run, then stop it.

Used by ``make fuzz`` and ``make loadtest``: the server is a real child process,
so what is measured or fuzzed is what users run.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class Served:
    url: str  # e.g. http://127.0.0.1:54321
    log: Path  # the server's standard error, kept for a check afterwards

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    """A port free right now on the loopback interface."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(
    arguments: Sequence[str] = (), *, start_timeout: float = 120.0
) -> Iterator[Served]:
    """``competency serve ARGUMENTS`` on a free port until the block ends."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "competency_explorer",
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        *arguments,
    ]
    with tempfile.TemporaryDirectory(prefix="competency-serve-") as folder:
        log = Path(folder) / "server.log"
        with log.open("w", encoding="utf-8") as stream:
            process = subprocess.Popen(
                command, stdout=stream, stderr=subprocess.STDOUT, env=os.environ.copy()
            )
            served = Served(f"http://{HOST}:{port}", log)
            try:
                _wait_until_up(served, process, start_timeout)
                yield served
            finally:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def _wait_until_up(
    served: Served, process: subprocess.Popen[bytes], timeout: float
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"competency serve exited with code {process.returncode}:\n"
                + served.log_text()
            )
        try:
            with urllib.request.urlopen(f"{served.url}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"competency serve did not answer within {timeout:.0f} s")
