"""The "Framework health" view on tests/data/health: findings and coverage.

The findings are checked against the API's and against tests/test_health.py's
literals; the heat map against the coverage CSV (tests/test_coverage.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import NARROW, TWO_FRAMES, WIDE, Visit

from test_coverage import CSV
from test_health import EXPECTED

pytestmark = pytest.mark.browser

HEADINGS = {
    "ROLE_WITHOUT_REQUIREMENTS": "Roles that require no core skill",
    "LADDER_MISSING_LEVEL": "Ladders with no role at a level between their ends",
    "PROMOTION_SHARES_NO_SKILL": "Promotions whose roles share no core skill",
    "REQUIREMENT_DROPS": "Promotions that lower a shared skill",
    "LEVEL_NOT_DESCRIBED": "Requirements at a level the skill does not describe",
    "SKILL_USED_ONCE": "Skills of the framework's own that one role alone requires",
    "IDENTICAL_ROLES": "Roles with the same core requirements",
}


def texts(locator: Any) -> list[str]:
    return [text.strip() for text in locator.all_inner_texts()]


def test_findings_by_kind_with_links(health_visit: Visit) -> None:
    expected = health_visit.server.query(
        "{ framework { health { kind message location roles { slug title }"
        " skills { code } } } }"
    )["framework"]["health"]
    page = health_visit.open("#/health")
    assert page.title() == "Framework health · Competency Explorer"
    assert page.locator('.site-nav a[aria-current="page"]').inner_text() == "Health"
    assert page.locator("h1").inner_text() == "Framework health"
    groups = page.locator(".finding-group")
    kinds = [kind for kind, *_ in EXPECTED]
    shown_kinds = [g.get_attribute("data-kind") for g in groups.all()]
    assert shown_kinds == list(dict.fromkeys(kinds))
    assert texts(groups.locator("h3")) == [
        f"{HEADINGS[kind]} ({kinds.count(kind)})" for kind in shown_kinds
    ]
    findings = page.locator(".finding").all()
    assert len(findings) == len(EXPECTED) == len(expected)
    for item, finding, (kind, roles, skills, location) in zip(
        findings, expected, EXPECTED, strict=True
    ):
        assert finding["kind"] == kind
        message = finding["message"]
        assert item.locator(".finding-message").inner_text() == (
            message[0].upper() + message[1:] + "."
        )
        role_links = item.locator("a.role-link")
        assert [link.get_attribute("href") for link in role_links.all()] == [
            f"#/role/{slug}" for slug in roles
        ]
        assert texts(role_links) == [role["title"] for role in finding["roles"]]
        assert [
            link.get_attribute("href") for link in item.locator("a.skill-link").all()
        ] == [f"#/skill/{code}" for code in skills]
        # The server reads tests/data/health from the repository root; the
        # API shows paths from the framework's own folder, never the server's.
        assert item.locator(".finding-location").inner_text() == location
    assert page.locator(".finding-clear").inner_text() == (
        "No findings of these kinds: Roles no progression reaches; "
        "Roles no progression leads on from."
    )

    # A role of a finding opens its page, by keyboard.
    page.locator(
        ".finding a.role-link", has_text="Principal Backend Engineer"
    ).first.focus()
    page.keyboard.press("Enter")
    health_visit.settle()
    assert page.url.endswith("#/role/principal-backend-engineer")
    assert page.locator("h1").inner_text() == "Principal Backend Engineer"
    page.go_back()
    health_visit.settle()
    page.locator(".finding a.skill-link", has_text="SOLO").click()
    health_visit.settle()
    assert page.url.endswith("#/skill/SOLO")
    health_visit.assert_clean()


def test_coverage_heat_map(health_visit: Visit) -> None:
    page = health_visit.open("#/health")
    rows = [line.split(",") for line in CSV.splitlines()]
    header, body = rows[0], rows[1:]
    codes = header[5:]
    table = page.locator("table.heatmap")
    assert texts(table.locator(".heatmap-skills .heatmap-skill")) == codes
    assert texts(table.locator(".heatmap-categories th")) == [
        "Data",
        "Development",
        "Product",
    ]
    assert [
        th.get_attribute("colspan")
        for th in table.locator(".heatmap-categories th").all()
    ] == ["1", "4", "3"]
    assert texts(table.locator(".heatmap-group-head")) == [
        "Data",
        "Engineering · shared rungs",
        "Engineering · Backend",
        "Engineering · QA",
        "Product",
    ]
    shown = [
        (
            row.get_attribute("data-role"),
            texts(row.locator("td")),
        )
        for row in table.locator("tbody tr[data-role]").all()
    ]
    assert shown == [(line[3], line[5:]) for line in body]
    # Levels as shades, optional requirements marked.
    backend = table.locator('tr[data-role="principal-backend-engineer"] td')
    assert "heat-6" in (backend.nth(1).get_attribute("class") or "")
    optional = table.locator('tr[data-role="reporting-analyst"] td.heat-optional')
    assert texts(optional) == ["(3)"]
    assert "heat-3" in (optional.get_attribute("class") or "")
    assert optional.get_attribute("title") == (
        "Reporting Analyst: REQM at level 3 (optional)"
    )
    health_visit.screenshots("health")


def test_on_a_phone_only_the_matrix_scrolls(health_visit: Visit) -> None:
    page = health_visit.page
    page.set_viewport_size(NARROW)
    health_visit.open("#/health")
    page.evaluate(TWO_FRAMES)
    scroller = page.locator(".heatmap-scroll")
    sizes = scroller.evaluate("e => [e.scrollWidth, e.clientWidth, e.scrollLeft]")
    assert sizes[0] > sizes[1] and sizes[2] == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    # By keyboard: the matrix takes focus and scrolls with the arrow keys,
    # while the role names stay in view.
    scroller.focus()
    assert page.evaluate("document.activeElement.className") == "heatmap-scroll"
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.heatmap-scroll').scrollLeft > 0"
    )
    role = page.locator('tr[data-role="engineer"] th.heatmap-role')
    box = role.bounding_box()
    frame = scroller.bounding_box()
    assert box is not None and frame is not None
    assert abs(box["x"] - frame["x"]) <= 2
    assert page.evaluate("window.scrollX") == 0
    page.set_viewport_size(WIDE)
    health_visit.assert_clean()


def test_a_panel_past_the_server_s_limits_says_so(health_visit: Visit) -> None:
    # A framework of thousands of roles passes the item limit with its
    # coverage; the findings still show, and the page names the command.
    def too_large(route: Any) -> None:
        if '"operationName": "Coverage"' in (route.request.post_data or "").replace(
            '":"', '": "'
        ):
            route.fulfill(
                status=200,
                content_type="application/json",
                body='{"data": null, "errors": [{"message": "The answer would hold '
                'more than 50000 list items", "extensions": '
                '{"code": "RESULT_TOO_LARGE"}}]}',
            )
        else:
            route.continue_()

    page = health_visit.page
    page.route("**/graphql", too_large)
    health_visit.open("#/health")
    assert page.locator(".finding").count() == len(EXPECTED)
    panel = page.locator('section[aria-labelledby="coverage-h"]')
    assert texts(panel.locator("h2")) == ["Coverage", "Too large to show here"]
    assert panel.locator("p").last.inner_text() == (
        "competency export --format coverage-csv PATH... writes the whole matrix."
    )
    assert page.locator("table.heatmap").count() == 0
    health_visit.assert_clean()


def test_a_step_from_a_role_that_requires_nothing_is_marked(
    health_visit: Visit,
) -> None:
    # Apprentice Engineer lists one optional skill and no core one: the step
    # from it has an effort that says nothing, and the list says why.
    page = health_visit.open("#/role/engineer")
    steps = page.locator('section[aria-labelledby="prev-h"] .step-item')
    marked = {
        item.locator(".role-link").inner_text(): item.locator(".no-skills-chip").count()
        for item in steps.all()
    }
    assert marked["Apprentice Engineer"] == 1
    assert sum(marked.values()) == 1
    assert steps.locator(".no-skills-chip").inner_text() == "No skills listed"
    health_visit.assert_clean()
