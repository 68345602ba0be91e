"""Browser test support: the real servers the pages visit, and a watched page.

The browser tests skip when /usr/bin/chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tools.localserver import ServerError, serving

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
# Which pytest-xdist worker runs here: two may serve the same framework at once.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}
TWO_FRAMES = (
    "() => new Promise(done => "
    "requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


# Screenshots are for people to look at, not checks, and cost a quarter of a
# second each page: saved under CI (as artifacts) or when asked for.
SCREENSHOTS = in_ci() or os.environ.get("COMPETENCY_SCREENSHOTS", "") == "1"


def unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail under CI, where the browser must run."""
    if in_ci():
        pytest.fail(
            f"CI=true and the browser tests cannot run: {reason}", pytrace=False
        )
    pytest.skip(f"browser tests skipped: {reason} (under CI=true this fails)")


@dataclass
class Site:
    """A running `competency serve` and a way to ask its API for expected values."""

    base_url: str

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


def serve(arguments: list[str], name: str) -> Iterator[Site]:
    """``competency serve ARGUMENTS`` until the fixture ends; one that cannot
    start fails the tests that need it, with its log."""
    try:
        with serving(
            arguments, log=ARTIFACTS / f"server-{name}-{WORKER}.log"
        ) as server:
            yield Site(server.url)
    except ServerError as exc:
        pytest.fail(f"competency serve did not start: {exc}", pytrace=False)


@dataclass
class Visit:
    """One browser page on one server, recording every problem it meets."""

    page: Any
    server: Site
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
        page.on("requestfailed", self._request_failed)
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

    def _request_failed(self, request: Any) -> None:
        # A request the page itself gave up (a navigation under way drops
        # the favicon it was fetching, say) failed nowhere: not a problem.
        # A server that fails shows as a status of 400 or more, or as a
        # refused or reset connection.
        if request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(
            f"request failed: {request.method} {request.url} ({request.failure})"
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
        """Check that nothing overflows sideways at 390 px, then that the page
        met no problem; save the page at 1280 and 390 px (see SCREENSHOTS)."""
        page = self.page
        self.save(f"{name}-1280")
        page.set_viewport_size(NARROW)
        # Two frames: the resize observers redraw, then the page lays out.
        page.evaluate(TWO_FRAMES)
        self.save(f"{name}-390")
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= NARROW["width"], (
            f"{name}: the page is {overflow} px wide at 390 px"
        )
        page.set_viewport_size(WIDE)
        self.assert_clean()

    def save(self, name: str) -> None:
        if SCREENSHOTS:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


# What a test may leave in its origin's storage; the HTTP cache is kept.
STORAGE = ",".join(
    (
        "cookies",
        "local_storage",
        "session_storage",
        "indexeddb",
        "cache_storage",
        "service_workers",
    )
)


def make_visit(context: Any, server: Site) -> Iterator[Visit]:
    """A new page in the shared browser context, with nothing kept for the
    server's origin: each test starts as a first visit would (apart from the
    HTTP cache), and its pages are closed when it ends."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send(
        "Storage.clearDataForOrigin",
        {"origin": server.base_url, "storageTypes": STORAGE},
    )
    session.detach()
    page.set_default_timeout(10_000)
    visit = Visit(page, server)
    visit.watch()
    try:
        yield visit
    finally:
        problems = list(visit.problems)
        for opened in list(context.pages):
            opened.close()
    assert problems == [], "the page met problems"
