"""Browser test support: the real servers the pages visit, and a watched page.

The browser tests skip when Debian's Chromium is missing, unless CI=true:
there they must run, so a missing or broken browser fails them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from tools.localserver import ServerError, ServerPool

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
# Debian's Chromium: its headless shell (package chromium-headless-shell, the
# headless mode Playwright itself runs by default) where it is installed, as
# it draws the same pages for less CPU (20 first loads of the sample's views:
# 4.2-5.1 s of CPU against 5.5-5.9 s; the browser files took 45 s against
# 52 s, run one after the other); else the browser (package chromium).
# tools/browser_bench.py keeps the full browser: it times what people see.
# COMPETENCY_CHROMIUM points elsewhere (and lets the skip-or-fail rule be
# checked by pointing at nothing).
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
CHROMIUM = Path(
    os.environ.get("COMPETENCY_CHROMIUM")
    or (HEADLESS_SHELL if HEADLESS_SHELL.exists() else "/usr/bin/chromium")
)
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


def serve(
    pool: ServerPool, arguments: list[str] | Callable[[Path], list[str]], name: str
) -> Site:
    """``competency serve ARGUMENTS``, started by the first process of the
    run that asks for ``name`` and shared with the others (see
    tests/conftest.py). ``arguments`` may be a function that writes a
    framework into the folder it is given. A server that cannot start fails
    the tests that need it, with its log."""
    try:
        return Site(pool.url(name, arguments, log=ARTIFACTS / f"server-{name}.log"))
    except ServerError as exc:
        pytest.fail(f"competency serve did not start: {exc}", pytrace=False)


@dataclass
class Visit:
    """One browser page on one server, recording every problem it meets."""

    page: Any
    server: Site
    problems: list[str] = field(default_factory=list)
    spoiled: bool = False
    _listeners: dict[str, Any] = field(default_factory=dict)
    _own: list[tuple[str, Any]] = field(default_factory=list)

    def watch(self) -> None:
        """Record the page's problems until ``unwatch``: the page outlives the
        test (see ``Chromium.page``), its listeners must not."""
        self._listeners = {
            "console": self._console,
            "pageerror": self._page_error,
            "requestfailed": self._request_failed,
            "response": self._response,
        }
        for event, listener in self._listeners.items():
            self.page.on(event, listener)

    def on(self, event: str, listener: Callable[[Any], None]) -> None:
        """A listener of the test's own, removed with the page's watchers."""
        self._own.append((event, listener))
        self.page.on(event, listener)

    def unwatch(self) -> None:
        for event, listener in [*self._listeners.items(), *self._own]:
            self.page.remove_listener(event, listener)
        self._listeners = {}
        self._own = []

    def add_init_script(self, script: str) -> None:
        """A script run before the app in every document of this page. It
        cannot be taken back, so the page is not kept for the next test."""
        self.spoiled = True
        self.page.add_init_script(script)

    def _console(self, message: Any) -> None:
        if message.type in ("error", "assert"):
            self.problems.append(f"console {message.type}: {message.text}")

    def _page_error(self, error: Any) -> None:
        self.problems.append(f"page error: {error}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.problems.append(
                f"HTTP {response.status}: {response.request.method} {response.url}"
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
# (Session storage belongs to the page, not the origin: ``Chromium.tidy``
# clears it.)
STORAGE = ",".join(
    (
        "cookies",
        "local_storage",
        "indexeddb",
        "cache_storage",
        "service_workers",
    )
)


def make_visit(chromium: Chromium, server: Site) -> Iterator[Visit]:
    """The shared page, with nothing kept for the server's origin: each test
    starts as a first visit would (apart from the HTTP cache), and the pages
    it opened itself are closed when it ends (see ``Chromium.tidy``)."""
    page = chromium.page()
    session = page.context.new_cdp_session(page)
    session.send(
        "Storage.clearDataForOrigin",
        {"origin": server.base_url, "storageTypes": STORAGE},
    )
    session.detach()
    page.set_viewport_size(WIDE)
    page.set_default_timeout(10_000)
    visit = Visit(page, server)
    visit.watch()
    try:
        yield visit
    finally:
        problems = list(visit.problems)
        visit.unwatch()
        chromium.tidy(keep=not visit.spoiled)
    assert problems == [], "the page met problems"


FORGET_SESSION = """() => {
    try { sessionStorage.clear(); } catch (error) {}
    window.name = "";
}"""
MODIFIERS = ("Alt", "Control", "Meta", "Shift")


class Chromium:
    """One Chromium, one browser context and one page in it, for the browser
    tests of this pytest process: launched when the first of them asks,
    closed before any other test runs.

    Launching costs about 0.6 s, once per browser file when it was
    module-scoped. A page kept from test to test, its document replaced by
    about:blank between them, costs half the CPU of a new page a test (0.31
    s against 0.58 s a first load of the sample's views, measured in one
    run): Chromium starts no new renderer process for it. ``make_visit``
    clears the origin's storage and ``tidy`` the page's own state, so each
    test still starts as a first visit.

    None of this is a session fixture: Playwright's sync API keeps an
    asyncio loop running on the main thread while it is open, and a later
    test that calls asyncio.run() (the load test, the reload test) would fail
    with "cannot be called from a running event loop". The browser files are
    collected first, so each worker runs them before the others.
    """

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._page: Any = None

    def context(self) -> Any:
        if self._context is None:
            if self._browser is None:
                self._browser = self._launch()
            self._context = self._browser.new_context(
                viewport=WIDE, service_workers="block"
            )
        return self._context

    def page(self) -> Any:
        if self._page is None or self._page.is_closed():
            self._page = self.context().new_page()
        return self._page

    def tidy(self, keep: bool) -> None:
        """Close the pages a test opened; leave the kept one blank and as
        the test found it, or close it too when it cannot be (``keep``
        false, or the page does not answer).

        Blank: its session storage and window name cleared while the app's
        document is still there, then about:blank and an empty history.
        As found: no routes, no emulated media, no key held down.
        """
        for opened in list(self.context().pages):
            if opened is not self._page:
                opened.close()
        page, self._page = self._page, None
        if page is None or page.is_closed():
            return
        if keep:
            from playwright.sync_api import Error

            try:
                page.evaluate(FORGET_SESSION)
                page.unroute_all(behavior="ignoreErrors")
                page.emulate_media(
                    media="null",
                    color_scheme="null",
                    reduced_motion="null",
                    forced_colors="null",
                    contrast="null",
                )
                for key in MODIFIERS:
                    page.keyboard.up(key)
                page.goto("about:blank")
                session = page.context.new_cdp_session(page)
                session.send("Page.resetNavigationHistory")
                session.detach()
            except Error:
                pass
            else:
                self._page = page
                return
        page.close()

    def _launch(self) -> Any:
        if not CHROMIUM.exists():
            unavailable(
                f"no Chromium at {CHROMIUM} (install Debian's "
                "chromium-headless-shell or chromium package)"
            )
        try:
            from playwright.sync_api import Error, sync_playwright
        except ImportError as exc:  # pragma: no cover - a dev dependency
            unavailable(f"Playwright for Python is not installed ({exc})")
            raise
        self._playwright = sync_playwright().start()
        try:
            return self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
            )
        except Error as exc:
            self.close()
            unavailable(f"Chromium at {CHROMIUM} could not be launched: {exc.message}")
            raise

    def close(self) -> None:
        self._page = None
        self._context = None
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None

    # A plugin hook (registered by conftest.py) for every test, not only
    # the browser tests.
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        if item.get_closest_marker("browser") is None:
            self.close()

    def pytest_sessionfinish(self) -> None:
        self.close()
