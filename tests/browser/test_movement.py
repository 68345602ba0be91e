"""Career movement in the front end, in Chromium: tracks, card sections,
optional skills, declared moves and track changes, on the owner's card
layout (tests/data/owner: Engineering with tracks QA, Security and Software
and shared rungs at levels 1 and 5, Management, a moves file whose note is
NOTE) and on tests/data/ladder (a card section with markup in it).
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import Visit

pytestmark = pytest.mark.browser

NOTE = "Lead engineers can move into people management at level 4."
KIND = {
    "PROMOTION": "Promotion",
    "TRACK_CHANGE": "Track change",
    "PATH_CHANGE": "Path change",
}
STEP = "kind declared note effort to { slug title }"


def texts(locator: Any) -> list[str]:
    return [text.strip() for text in locator.all_inner_texts()]


def test_a_shared_rung_with_its_card_sections(owner_visit: Visit) -> None:
    page = owner_visit.open("#/role/graduate-engineer")
    assert (
        page.locator(".eyebrow").inner_text()
        == "Engineering\nEvery track\nLevel 1 · Follow"
    )
    assert page.locator(".track-shared").get_attribute("title") == (
        "A rung of every track: QA, Security, Software"
    )
    section = page.locator("section.card-section")
    assert texts(section.locator("h2")) == ["Framework Overview"]
    assert texts(section.locator("h3")) == ["Impact", "Technical Skills", "Behaviours"]
    assert texts(section.locator("p")) == [
        "Makes the team's releases safer.",
        "Curious and careful.",
    ]
    assert texts(section.locator("ul > li")) == [
        "reads test reports",
        "writes small checks",
    ]
    # The sections' headings are not skills: only TEST and PROG are.
    assert texts(page.locator(".requirement .code")) == ["PROG", "TEST"]
    owner_visit.screenshots("role-sections")


def test_a_track_role_with_optional_skills_apart(owner_visit: Visit) -> None:
    page = owner_visit.open("#/role/senior-software-engineer")
    assert (
        page.locator(".eyebrow").inner_text()
        == "Engineering\nTrack: Software\nLevel 3 · Apply"
    )
    assert page.locator("#req-h").inner_text() == "Skills required (2)"
    assert texts(page.locator('section[aria-labelledby="req-h"] .code')) == [
        "PROG",
        "SWDN",
    ]
    optional = page.locator("section.optional-skills")
    assert optional.locator("h2").inner_text() == "Optional skills (1)"
    assert texts(optional.locator(".code")) == ["METL"]
    assert texts(optional.locator(".level-badge")) == ["Level 3"]
    owner_visit.assert_clean()


def test_next_roles_show_track_changes_and_declared_moves(owner_visit: Visit) -> None:
    expected = owner_visit.server.query(
        f'{{ role(slug: "lead-qa-engineer") {{ nextRoles {{ {STEP} }} }} }}'
    )["role"]["nextRoles"]
    page = owner_visit.open("#/role/lead-qa-engineer")
    items = page.locator('section[aria-labelledby="next-h"] .step-item').all()
    shown = [
        (
            item.locator(".role-link").inner_text(),
            texts(item.locator(".chip")),
            item.locator(".effort-badge").inner_text(),
            texts(item.locator(".step-note")),
        )
        for item in items
    ]
    assert shown == [
        (
            s["to"]["title"],
            [KIND[s["kind"]], *(["Declared"] if s["declared"] else [])],
            f"effort {s['effort']}",
            [s["note"]] if s["note"] else [],
        )
        for s in expected
    ]
    assert [(title, chips) for title, chips, _, _ in shown] == [
        ("Lead Software Engineer", ["Track change"]),
        ("Engineering Manager", ["Path change", "Declared"]),
        ("Principal Engineer", ["Promotion"]),
    ]
    assert shown[1][3] == [NOTE]
    owner_visit.screenshots("role-declared")


def test_the_diagram_shows_the_declared_move_with_its_note(owner_visit: Visit) -> None:
    page = owner_visit.open(
        "#/progression?from=senior-qa-engineer&to=director-of-engineering"
    )
    assert page.locator(".path-option-route").first.inner_text() == (
        "Senior QA Engineer → Lead QA Engineer → Engineering Manager → "
        "Director of Engineering"
    )
    diagram = page.locator("svg.diagram")
    edge = diagram.locator(
        'g.edge-declared.edge-selected[data-from="lead-qa-engineer"][data-to="engineering-manager"]'
    )
    assert edge.get_attribute("data-kind") == "PATH_CHANGE"
    assert edge.locator("title").text_content() == (
        f"Lead QA Engineer to Engineering Manager: effort 8; a declared move: {NOTE}"
    )
    # Roles sit in their track's column.
    labels = diagram.locator("text.column-label").all_text_contents()
    assert labels == ["Engineering", "QA", "Engineering", "Software", "Management"]
    assert page.locator(".legend-declared").inner_text() == (
        "Declared move (its note is with the step)"
    )
    cards = page.locator(".step-card").all()
    assert [texts(card.locator(".step-card-head .chip")) for card in cards] == [
        ["Promotion"],
        ["Path change", "Declared"],
        ["Promotion"],
    ]
    assert texts(cards[1].locator(".step-note")) == [NOTE]
    owner_visit.screenshots("progression-declared")


def test_no_path_says_a_framework_can_declare_moves(owner_visit: Visit) -> None:
    page = owner_visit.open(
        "#/progression?from=director-of-engineering&to=graduate-engineer"
    )
    message = page.locator(".no-path")
    assert message.locator("h2").inner_text() == "No path"
    assert message.locator(".no-path-rules").inner_text() == (
        "A promotion goes up its own ladder. A change of track or career path needs "
        "a core skill in common and goes at most 1 level up. The framework declares "
        "3 moves between roles; none of them opens a way here."
    )
    assert message.locator(".no-path-moves").inner_text() == (
        "A framework can declare the moves its organisation makes, such as lead "
        "engineers moving into management: a moves: list in one of its YAML files, "
        "each with from, to and an optional note. Try the other direction, or "
        "compare the two roles."
    )
    owner_visit.assert_clean()


def test_compare_lists_optional_skills_apart(owner_visit: Visit) -> None:
    page = owner_visit.open(
        "#/compare?a=senior-software-engineer&b=lead-software-engineer"
    )
    assert page.locator(".compare-summary-line").inner_text() == (
        "2 shared skills, 2 at different levels · 0 only in A · 0 only in B"
        " · optional: 1 in A, 0 in B"
    )
    assert texts(page.locator(".shared-row th .code")) == ["PROG", "SWDN"]
    assert texts(page.locator(".optional-a .code")) == ["METL"]
    assert page.locator(".optional-b").inner_text().endswith("None")
    assert texts(page.locator(".compare-role .track-chip")) == [
        "Track: Software",
        "Track: Software",
    ]
    owner_visit.assert_clean()


def test_compare_shows_a_shared_rung_as_every_track(owner_visit: Visit) -> None:
    page = owner_visit.open("#/compare?a=principal-engineer&b=lead-qa-engineer")
    assert texts(page.locator(".compare-role .track-chip")) == [
        "Every track",
        "Track: QA",
    ]
    owner_visit.assert_clean()


def test_card_sections_are_read_safely(ladder_visit: Visit) -> None:
    page = ladder_visit.open("#/role/platform-apprentice")
    markdown = page.locator(".card-section .markdown")
    # Markup in the text is text: no element made from it, no script run.
    assert markdown.locator("img, script, iframe").count() == 0
    assert page.evaluate("window.__injected === undefined")
    paragraphs = texts(markdown.locator("p"))
    assert paragraphs[1] == (
        'A strange link and the markup <img src="x" onerror="window.__injected=2"> '
        "<script>window.__injected=3</script> are shown as the text they are."
    )
    # A javascript: link is its text alone; a web link is a link.
    assert markdown.locator("a").count() == 1
    link = markdown.locator("a")
    assert (
        link.inner_text(),
        link.get_attribute("href"),
        link.get_attribute("rel"),
    ) == (
        "operations guide",
        "https://example.org/guide",
        "noopener noreferrer",
    )
    assert texts(markdown.locator("strong")) == ["every"]
    assert texts(markdown.locator("em")) == ["short"]
    assert texts(markdown.locator("code")) == ["the log"]
    assert texts(markdown.locator("h3")) == ["Habits"]
    assert texts(markdown.locator("ul > li")) == [
        "checks the dashboards each morning",
        "asks before touching production",
    ]
    assert texts(markdown.locator("ol > li")) == ["read the runbook", "follow it"]
    ladder_visit.screenshots("role-markdown")


def test_a_profile_no_role_requires_lists_no_match(owner_visit: Visit) -> None:
    # METL is only ever optional here: every role would score 0, and a list of
    # "0% match, effort 0" roles (the ones requiring nothing first) misled.
    page = owner_visit.open("#/me?skills=METL%3A3")
    assert page.locator(".matches-box").inner_text() == (
        "No role requires any of these skills as a core skill."
    )
    owner_visit.assert_clean()
