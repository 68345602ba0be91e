"""Browser test support: the real server on a free port, and a watched page.

The browser tests skip when /usr/bin/chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
# Debian's Chromium; COMPETENCY_CHROMIUM points elsewhere (and lets the
# skip-or-fail rule be checked by pointing at nothing).
CHROMIUM = Path(os.environ.get("COMPETENCY_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}
SERVER_START_SECONDS = 60
TWO_FRAMES = (
    "() => new Promise(done => "
    "requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where the browser must run."""
    if in_ci():
        pytest.fail(
            f"CI=true and the browser tests cannot run: {reason}", pytrace=False
        )
    pytest.skip(f"browser tests skipped: {reason} (under CI=true this fails)")


@dataclass
class Server:
    """A running `competency serve` and a way to ask its API for expected values."""

    base_url: str
    process: subprocess.Popen[bytes]

    def query(
        self, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        response = httpx.post(
            f"{self.base_url}/graphql",
            json={"query": query, "variables": variables or {}},
            timeout=30,
        )
        response.raise_for_status()
        body = response.json()
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(paths: Sequence[str], log_name: str) -> Iterator[Server]:
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / f"server-{log_name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "competency_explorer",
                "serve",
                "--port",
                str(port),
                *paths,
            ],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                if process.poll() is not None:
                    pytest.fail(
                        f"competency serve exited with {process.returncode}; "
                        f"see {log_path}:\n{log_path.read_text(errors='replace')}",
                        pytrace=False,
                    )
                try:
                    if httpx.get(f"{base_url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"competency serve did not answer /healthz; see {log_path}"
                    )
                time.sleep(0.1)
            yield Server(base_url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Visit:
    """One browser page on one server, recording every problem it meets."""

    page: Any
    server: Server
    problems: list[str] = field(default_factory=list)

    def watch(self) -> None:
        page = self.page
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "assert")
                else None
            ),
        )
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.problems.append(
                f"request failed: {request.method} {request.url} ({request.failure})"
            ),
        )
        page.on(
            "response",
            lambda response: (
                self.problems.append(
                    f"HTTP {response.status}: {response.request.method} {response.url}"
                )
                if response.status >= 400
                else None
            ),
        )

    def open(self, address: str) -> Any:
        """Open an address of the app ("#/ladder") and wait until it has drawn."""
        self.page.goto(f"{self.server.base_url}/{address}")
        self.settle()
        return self.page

    def settle(self) -> None:
        """Wait until the view for the current address is drawn and loaded.

        A hash change is handled after the event that caused it (a click, an
        Enter), so "not busy" alone can still be the previous page: the view
        also has to answer the current address (main's data-shown).
        """
        self.page.wait_for_function(
            """() => {
                const main = document.querySelector("main");
                return !main.hasAttribute("aria-busy")
                    && main.dataset.shown === window.location.hash
                    && document.querySelectorAll(".state-loading").length === 0;
            }"""
        )

    def assert_clean(self) -> None:
        assert self.problems == []

    def screenshots(self, name: str) -> None:
        """Save the page at 1280 and 390 px and check that nothing overflows
        sideways at 390 px; then check the page met no problem."""
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page = self.page
        page.screenshot(path=str(ARTIFACTS / f"{name}-1280.png"), full_page=True)
        page.set_viewport_size(NARROW)
        # Two frames: the resize observers redraw, then the page lays out.
        page.evaluate(TWO_FRAMES)
        page.screenshot(path=str(ARTIFACTS / f"{name}-390.png"), full_page=True)
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= NARROW["width"], (
            f"{name}: the page is {overflow} px wide at 390 px"
        )
        page.set_viewport_size(WIDE)
        self.assert_clean()


def make_visit(browser: Any, server: Server) -> Iterator[Visit]:
    context = browser.new_context(viewport=WIDE, service_workers="block")
    page = context.new_page()
    page.set_default_timeout(10_000)
    visit = Visit(page, server)
    visit.watch()
    try:
        yield visit
    finally:
        problems = list(visit.problems)
        context.close()
    assert problems == [], "the page met problems"
