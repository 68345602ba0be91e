"""Big lists stay small on the page, in Chromium, on 1,200 generated roles: a
skill required by a thousand roles lists them by level a part at a time, a
role with a hundred next roles shows the first by effort, each with more on
request; focus moves to the first item added.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from browser_support import Visit

pytestmark = pytest.mark.browser

DOM_NODE_LIMIT = 5000  # DOM nodes on any view (issue 16)


def dom_nodes(page: Any) -> int:
    count: int = page.evaluate(
        """() => {
          const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
          let nodes = 0;
          while (walker.nextNode()) nodes += 1;
          return nodes;
        }"""
    )
    return count


def test_a_popular_skill_lists_its_roles_by_level_a_part_at_a_time(
    generated_visit: Visit,
) -> None:
    server = generated_visit.server
    page_of_roles = server.query(
        "{ roles(first: 100) { edges { node { requirements { skill { code } } } } } }"
    )["roles"]["edges"]
    counts = Counter(
        req["skill"]["code"]
        for edge in page_of_roles
        for req in edge["node"]["requirements"]
    )
    code = counts.most_common(1)[0][0]
    required = server.query(
        f'{{ skill(code: "{code}") {{ requiredBy {{ level role {{ title }} }} }} }}'
    )["skill"]["requiredBy"]
    assert len(required) > 500
    by_level: dict[int, list[str]] = {}
    for entry in required:
        by_level.setdefault(entry["level"], []).append(entry["role"]["title"])
    page = generated_visit.open(f"#/skill/{code}")
    assert page.locator("#shares-h").inner_text() == (
        f"Who requires this skill ({len(required)})"
    )
    groups = page.locator(".share-group")
    assert groups.count() == len(by_level)
    for index, level in enumerate(sorted(by_level)):
        group = groups.nth(index)
        titles = by_level[level]
        assert group.locator(".count").inner_text().strip() == f"({len(titles)})"
        assert group.locator(".role-link").all_inner_texts() == titles[:10]
    assert dom_nodes(page) <= DOM_NODE_LIMIT

    # The biggest group: 50 more at a time, the focus on the first added.
    level = max(by_level, key=lambda lvl: len(by_level[lvl]))
    titles = by_level[level]
    assert len(titles) > 62
    group = groups.nth(sorted(by_level).index(level))
    button = group.locator(".more-button")
    assert button.inner_text() == f"50 more (of {len(titles) - 10})"
    assert button.get_attribute("aria-label") == (
        f"50 of the {len(titles) - 10} more roles requiring it at level {level}"
    )
    button.click()
    assert group.locator(".role-link").all_inner_texts() == titles[:60]
    assert page.evaluate("document.activeElement.textContent") == titles[10]
    assert button.inner_text() == (
        f"{len(titles) - 60} more"
        if len(titles) - 60 <= 51
        else f"50 more (of {len(titles) - 60})"
    )
    generated_visit.screenshots("skill-popular")


def test_a_role_with_many_next_roles_shows_the_first_by_effort(
    generated_visit: Visit,
) -> None:
    server = generated_visit.server
    roles = server.query("{ roles(level: 3, first: 100) { edges { node { slug } } } }")
    slug = None
    steps: list[Any] = []
    count = 0
    for edge in roles["roles"]["edges"]:
        found = server.query(
            """query($s: String!) { role(slug: $s) {
                 nextRoleCount nextRoles(limit: 100) { effort to { title } } } }""",
            {"s": edge["node"]["slug"]},
        )["role"]
        if found["nextRoleCount"] > 100:
            slug, steps = edge["node"]["slug"], found["nextRoles"]
            count = found["nextRoleCount"]
            break
    assert slug is not None
    titles = [step["to"]["title"] for step in steps]
    page = generated_visit.open(f"#/role/{slug}")
    items = page.locator('section[aria-labelledby="next-h"] .step-item .role-link')
    assert items.all_inner_texts() == titles[:8]
    more = page.get_by_role("button", name="Show more next roles, by effort")
    for shown in (33, 58, 83, 100):
        more.click()
        items.nth(shown - 1).wait_for()
        assert items.all_inner_texts() == titles[:shown]
        assert (
            page.evaluate("document.activeElement.textContent")
            == titles[{33: 8, 58: 33, 83: 58, 100: 83}[shown]]
        )
    assert more.count() == 0
    assert page.locator("#next-h").inner_text() == f"Next roles ({count:,})"
    assert (
        page.locator('section[aria-labelledby="next-h"] .steps-note').inner_text()
        == f"The 100 with the least effort of {count:,} are shown."
    )
    assert dom_nodes(page) <= DOM_NODE_LIMIT
    generated_visit.assert_clean()


def test_many_columns_fold_harder_to_stay_small(
    generated_visit: Visit, generated_tracks_visit: Visit
) -> None:
    # Twelve columns: three cards a cell, with summaries.
    page = generated_visit.open("#/ladder")
    page.evaluate("document.querySelector('details.ladder-filter').open = true")
    page.get_by_role("button", name="Show all").click()
    assert page.locator("table.ladder").get_attribute("data-cards-shown") == "3"
    assert page.locator(".role-card-summary").count() > 0
    # Thirty-six (three tracks on each of twelve paths): two, without.
    page = generated_tracks_visit.open("#/ladder")
    page.evaluate("document.querySelector('details.ladder-filter').open = true")
    page.get_by_role("button", name="Show all").click()
    assert len(page.locator("th.ladder-track-head").all()) == 36
    assert page.locator("table.ladder").get_attribute("data-cards-shown") == "2"
    assert page.locator(".role-card-summary").count() == 0
    assert dom_nodes(page) <= DOM_NODE_LIMIT
    generated_tracks_visit.screenshots("ladder-36-columns")
