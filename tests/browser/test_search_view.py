"""The Search view in Chromium: its own search box (the Search tab is never a
dead end, at 1280 px and at 390 px), the best match first, and why each
result matched."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import NARROW, WIDE, Visit

pytestmark = pytest.mark.browser


def texts(locator: Any) -> list[str]:
    return [text.strip() for text in locator.all_inner_texts()]


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_the_search_tab_has_a_search_box(
    visit: Visit, viewport: dict[str, int]
) -> None:
    page = visit.page
    page.set_viewport_size(viewport)
    visit.open("#/ladder")
    tab = page.get_by_role("navigation", name="Main").get_by_role("link", name="Search")
    # In sight, not scrolled out of the navigation bar.
    box = tab.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    tab.click()
    visit.settle()
    assert page.url.endswith("#/search")
    box = page.get_by_label("Find roles and skills")
    assert box.is_visible()
    box.fill("prog")
    box.press("Enter")
    visit.settle()
    assert page.url.endswith("#/search?q=prog")
    assert page.get_by_label("Find roles and skills").input_value() == "prog"
    assert texts(page.locator(".skill-results .code")) == ["PROG", "ITSP", "POMG"]
    overflow = page.evaluate("() => document.documentElement.scrollWidth")
    assert overflow <= viewport["width"]
    visit.assert_clean()


def test_each_result_says_why_it_matched(visit: Visit) -> None:
    page = visit.open("#/search?q=PROG")
    first, second = page.locator(".skill-results li").all()[:2]
    # An exact code: the code itself is marked, and the reason says so.
    assert first.locator("mark").all_inner_texts() == ["PROG"]
    assert first.locator(".result-why-label").inner_text() == (
        "Matched: the code is “PROG”"
    )
    # A mention in a description: the words around it, the match marked.
    assert second.locator(".result-why-label").inner_text() == (
        "Matched: a word of the description starts with “prog”"
    )
    assert second.locator(".result-why-text").inner_text() == (
        "…technology effort should go and how progress will be judged."
    )
    assert second.locator(".result-why-text mark").inner_text() == "prog"

    page = visit.open("#/search?q=lead")
    roles = page.locator(".role-results li")
    assert texts(page.locator(".role-results .result-title"))[:3] == [
        "Lead Data Scientist",
        "Lead Engineer",
        "Engineering Team Lead",
    ]
    assert roles.nth(0).locator(".result-title mark").inner_text() == "Lead"
    assert roles.nth(2).locator(".result-why-label").inner_text() == (
        "Matched: a word of the title starts with “Lead”"
    )
    visit.assert_clean()
