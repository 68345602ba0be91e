"""The front end on other frameworks: role cards alone; cards with SFIA data."""

from __future__ import annotations

import pytest
from browser_support import Visit

pytestmark = pytest.mark.browser


def test_cards_alone_show_the_ladder_and_a_role(cards_visit: Visit) -> None:
    expected = cards_visit.server.query(
        """{ framework { name attribution }
             careerPaths { name roles { title slug level { number } } }
             role(slug: "director-of-engineering") {
               requirements { level skill { code } } } }"""
    )
    page = cards_visit.open("#/ladder")
    headers = [
        h.strip() for h in page.locator("table.ladder thead th").all_inner_texts()
    ]
    assert headers[1:] == [path["name"] for path in expected["careerPaths"]]
    cards = [t.strip() for t in page.locator(".role-card-title").all_inner_texts()]
    assert sorted(cards) == sorted(
        r["title"] for p in expected["careerPaths"] for r in p["roles"]
    )
    assert "Director of Engineering" in cards
    assert page.locator(".footer-name strong").inner_text() == "cards"
    assert expected["framework"]["attribution"] is None
    cards_visit.screenshots("cards-ladder")

    page.locator("a.role-card", has_text="Director of Engineering").click()
    cards_visit.settle()
    assert page.locator("h1").inner_text() == "Director of Engineering"
    assert (
        page.locator(".eyebrow").inner_text()
        == "Management\nLevel 6 · Initiate, influence"
    )
    codes = sorted(r["skill"]["code"] for r in expected["role"]["requirements"])
    assert (
        sorted(t.strip() for t in page.locator(".requirement .code").all_inner_texts())
        == codes
    )
    assert "ETMG" in codes
    cards_visit.screenshots("cards-role")


def test_sfia_catalogue_shows_attribution_and_guiding_phrases(
    sfia_visit: Visit,
) -> None:
    page = sfia_visit.open("#/ladder")
    assert page.locator(".attribution").inner_text() == (
        "Contains information from the Skills Framework for the Information Age "
        "with the permission of the SFIA Foundation"
    )
    phrases = sfia_visit.server.query("{ levels { number guidingPhrase } }")["levels"]
    shown = [
        t.strip() for t in page.locator(".ladder-level .level-phrase").all_inner_texts()
    ]
    assert shown == [lvl["guidingPhrase"] for lvl in reversed(phrases)]
    assert shown[-1] == "Watch and learn"
    sfia_visit.assert_clean()


def test_a_full_sfia_export_shows_every_level_of_a_skill(
    full_sfia_visit: Visit,
) -> None:
    counts = full_sfia_visit.server.query(
        '{ framework { skillCount } skill(code: "K004") { name levels { level } } }'
    )
    # 147 catalogue skills and the 16 skills of the cards (no code in common).
    assert counts["framework"]["skillCount"] == 163
    levels = [level["level"] for level in counts["skill"]["levels"]]
    # K004 spans five levels from level 1 in the factory (tests/sfia_factory.py).
    assert levels == [1, 2, 3, 4, 5]
    page = full_sfia_visit.open("#/skill/k004")
    assert page.locator("h1").inner_text() == f"{counts['skill']['name']} K004"
    shown = [
        int(t) for t in page.locator(".skill-level .level-number").all_inner_texts()
    ]
    assert shown == levels
    texts = page.locator(".skill-level .prose").all_inner_texts()
    assert texts == [
        f"At level {n}, practises made-up skill K004 with growing independence."
        for n in levels
    ]
    full_sfia_visit.assert_clean()
    full_sfia_visit.screenshots("full-sfia-skill")
