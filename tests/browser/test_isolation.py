"""The browser tests share one page a worker (browser_support.Chromium):
what one test leaves in it must not reach the next, which starts as a first
visit would."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from browser_support import NARROW, WIDE, Chromium, Site, make_visit

pytestmark = pytest.mark.browser

visiting = contextmanager(make_visit)

LEFT = """() => {
    localStorage.setItem("left", "by the first test");
    sessionStorage.setItem("left", "by the first test");
    window.name = "first";
    history.pushState(null, "", "#/compare");
    history.pushState(null, "", "#/ladder");
}"""

FOUND = """() => ({
    local: localStorage.getItem("left"),
    session: sessionStorage.getItem("left"),
    name: window.name,
    history: history.length,
    dark: matchMedia("(prefers-color-scheme: dark)").matches,
    print: matchMedia("print").matches,
    width: innerWidth,
})"""


def test_the_next_test_finds_nothing_the_last_one_left(
    chromium: Chromium, sample_server: Site
) -> None:
    first_page = None
    with visiting(chromium, sample_server) as first:
        first_page = first.page
        page = first.open("#/ladder")
        page.evaluate(LEFT)
        page.set_viewport_size(NARROW)
        page.emulate_media(media="print", color_scheme="dark")
        page.route("**/graphql", lambda route: route.abort())
        page.keyboard.down("Shift")
        requests: list[str] = []
        first.on("request", lambda request: requests.append(request.url))

    with visiting(chromium, sample_server) as second:
        # The same page, kept: what it holds is what the first test left.
        assert second.page is first_page
        page = second.open("#/role/lead-engineer")
        assert page.locator("h1").inner_text() == "Lead Engineer"
        assert page.evaluate(FOUND) == {
            "local": None,
            "session": None,
            "name": "",
            "history": 2,  # about:blank, then this test's address
            "dark": False,
            "print": False,
            "width": WIDE["width"],
        }
        # No key held down: a typed letter arrives without Shift.
        page.evaluate(
            """() => { window.shifts = [];
                addEventListener("keydown", e => window.shifts.push(e.shiftKey)); }"""
        )
        page.keyboard.press("a")
        assert page.evaluate("window.shifts") == [False]
        # The first test's own listener heard nothing of the second.
        assert requests == []
        second.assert_clean()
