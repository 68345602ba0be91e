"""The rough edges a newcomer met, each checked in Chromium: the progression
diagram on a phone and its labels and arrowheads, the alternative path in the
address, skill names that break mid-word, role-card paragraphs, effort
explained, empty gap lists, similar roles at 0%, focus after "Show more", and
resize observers that piled up."""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import NARROW, TWO_FRAMES, WIDE, Visit

pytestmark = pytest.mark.browser

# Label boxes that cover a role's box, another label, or an arrowhead.
DIAGRAM_CLASHES = """() => {
  const svg = document.querySelector("svg.diagram");
  const box = (e) => e.getBBox();
  const nodes = [...svg.querySelectorAll(".node-box")].map(box);
  const labels = [...svg.querySelectorAll(".edge-label-box")].map(box);
  const hit = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width
    && a.y < b.y + b.height && b.y < a.y + a.height;
  const inside = (p, r) => p.x >= r.x && p.x <= r.x + r.width
    && p.y >= r.y && p.y <= r.y + r.height;
  const heads = [...svg.querySelectorAll(".edge-line")].map((line) => {
    const end = line.getTotalLength();
    return [line.getPointAtLength(end - 2), line.getPointAtLength(end - 8)];
  });
  return {
    labelOnRole: labels.filter((l) => nodes.some((n) => hit(l, n))).length,
    labelOnLabel: labels.filter(
      (l, i) => labels.some((m, j) => i < j && hit(l, m))).length,
    headCovered: heads.filter((points) => points.some(
      (p) => labels.some((l) => inside(p, l)) || nodes.some((n) => inside(p, n))
    )).length,
    edges: heads.length,
  };
}"""

# Pairs whose diagrams had labels on boxes or arrowheads under labels:
# arrows within a row (path changes at one level) and crowded rows.
CROWDED = [
    ("data-engineer", "software-engineer"),
    ("engineering-manager", "lead-engineer"),
    ("senior-software-engineer", "engineering-manager"),
    ("engineering-team-lead", "data-architect"),
    ("lead-engineer", "delivery-manager"),
    ("software-engineer", "engineering-manager"),
    ("principal-engineer", "head-of-product"),
]


def texts(locator: Any) -> list[str]:
    return [text.strip() for text in locator.all_inner_texts()]


@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["1280", "390"])
def test_diagram_labels_clear_roles_labels_and_arrowheads(
    visit: Visit, viewport: dict[str, int]
) -> None:
    page = visit.page
    page.set_viewport_size(viewport)
    for source, target in CROWDED:
        visit.open(f"#/progression?from={source}&to={target}")
        choices = page.locator(".path-chooser input")
        for index in range(max(1, choices.count())):
            if index:
                choices.nth(index).check()
            clashes = page.evaluate(DIAGRAM_CLASHES)
            assert clashes["edges"] > 0
            assert {k: v for k, v in clashes.items() if k != "edges"} == {
                "labelOnRole": 0,
                "labelOnLabel": 0,
                "headCovered": 0,
            }, (source, target, index)
    visit.assert_clean()


def test_an_arrow_within_a_row_shows_its_head(visit: Visit) -> None:
    # A path change at one level: the arrow arches above the row into the
    # target's top, its label at the top of the arch, off the arrowhead.
    page = visit.open("#/progression?from=data-engineer&to=software-engineer")
    edge = page.locator('g.edge-selected[data-to="software-engineer"]')
    assert edge.get_attribute("data-kind") == "PATH_CHANGE"
    geometry = edge.evaluate(
        """(g) => {
          const line = g.querySelector(".edge-line");
          const tip = line.getPointAtLength(line.getTotalLength());
          const label = g.querySelector(".edge-label-box").getBBox();
          const target = document.querySelector(
            '[data-slug="software-engineer"] .node-box').getBBox();
          return { tipX: tip.x, tipY: tip.y, labelBottom: label.y + label.height,
                   targetTop: target.y, targetLeft: target.x,
                   targetRight: target.x + target.width,
                   marker: line.getAttribute("marker-end") };
        }"""
    )
    assert geometry["marker"] == "url(#arrow-selected)"
    assert geometry["targetLeft"] < geometry["tipX"] < geometry["targetRight"]
    assert geometry["targetTop"] - 4 <= geometry["tipY"] <= geometry["targetTop"]
    assert geometry["labelBottom"] < geometry["targetTop"] - 4
    visit.assert_clean()


def test_on_a_phone_the_shown_path_is_in_view_and_the_diagram_says_it_scrolls(
    visit: Visit,
) -> None:
    page = visit.page
    page.set_viewport_size(NARROW)
    visit.open("#/progression?from=software-engineer&to=engineering-manager")
    box = page.locator(".diagram-scroll")
    scrolls = box.evaluate("(e) => e.scrollWidth > e.clientWidth + 1")
    assert scrolls  # three columns of roles do not fit 390 px
    assert page.locator(".diagram-hint").is_visible()
    assert page.locator(".diagram-hint").inner_text() == (
        "The diagram is wider than the screen: scroll it sideways to see the rest."
    )
    # Every role of the shown path lies within the visible part of the box.
    visible = box.bounding_box()
    assert visible is not None
    for slug in ("software-engineer", "engineering-team-lead", "engineering-manager"):
        node = page.locator(f'svg.diagram a[data-slug="{slug}"] .node-box')
        where = node.bounding_box()
        assert where is not None
        assert visible["x"] <= where["x"], slug
        assert where["x"] + where["width"] <= visible["x"] + visible["width"], slug
    # Wide enough, the hint goes.
    page.set_viewport_size(WIDE)
    page.evaluate(TWO_FRAMES)
    page.evaluate(TWO_FRAMES)
    assert not page.locator(".diagram-hint").is_visible()
    visit.assert_clean()


def test_the_alternative_shown_is_in_the_address(visit: Visit) -> None:
    page = visit.open("#/progression?from=software-engineer&to=engineering-manager")
    page.get_by_label(re.compile("^Alternative 1")).check()
    assert page.url.endswith(
        "#/progression?from=software-engineer&to=engineering-manager&alt=1"
    )
    steps_on_alternative = texts(page.locator(".step-card h3"))
    # A bookmark of that address opens on the same alternative.
    page.reload()
    visit.settle()
    assert page.get_by_label(re.compile("^Alternative 1")).is_checked()
    assert page.locator("#steps-h").inner_text() == "Steps on alternative 1"
    assert texts(page.locator(".step-card h3")) == steps_on_alternative
    page.get_by_label(re.compile("^Least effort")).check()
    assert page.url.endswith(
        "#/progression?from=software-engineer&to=engineering-manager"
    )
    # An alternative that is not there shows the least-effort path.
    visit.open("#/progression?from=software-engineer&to=engineering-manager&alt=9")
    assert page.get_by_label(re.compile("^Least effort")).is_checked()
    visit.assert_clean()


def test_an_empty_gap_list_says_none_once(visit: Visit) -> None:
    page = visit.open("#/progression?from=software-engineer&to=engineering-manager")
    first_step = page.locator(".step-card").first
    met = first_step.locator(".gap-met")
    assert met.locator("h4").inner_text() == "Already met"
    assert met.locator("p").inner_text() == "None"
    assert first_step.locator(".gap-new h4").inner_text() == "New skills (4)"
    visit.assert_clean()


# Every word of a name on one line: a word broken across lines has two boxes.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const link of document.querySelectorAll(".skill-link")) {
    const node = [...link.childNodes].find(
      (n) => n.nodeType === 3 && n.textContent.trim().length > 3,
    ) || link.querySelector(".skill-name")?.firstChild;
    if (!node) continue;
    const text = node.textContent;
    let at = 0;
    for (const word of text.split(/\\s+/)) {
      const start = text.indexOf(word, at);
      at = start + word.length;
      if (!word) continue;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + word.length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(word);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize(
    "address",
    [
        "#/progression?from=software-engineer&to=engineering-manager",
        "#/me?skills=PROG%3A3%2CSWDN%3A2%2CDLMG%3A2&target=lead-engineer",
        "#/compare?a=software-engineer&b=engineering-manager",
        "#/role/lead-engineer",
    ],
)
def test_skill_names_never_break_inside_a_word(visit: Visit, address: str) -> None:
    # The gap's three columns squeezed "Programming/software" to "Programmin
    # g/software" between a phone's width and a desktop's (600 and 1,000 px).
    page = visit.page
    for width in (NARROW["width"], 600, 1000, WIDE["width"]):
        page.set_viewport_size({"width": width, "height": 900})
        visit.open(address)
        page.evaluate(TWO_FRAMES)
        assert page.locator(".skill-link").count() > 3
        assert page.evaluate(BROKEN_WORDS) == [], width
    visit.assert_clean()


def test_role_card_paragraphs_read_as_paragraphs(cards_visit: Visit) -> None:
    page = cards_visit.open("#/role/senior-software-engineer")
    # Two source lines of one paragraph: one <p>, without the line break.
    assert texts(page.locator("#overview-h + .card-text p")) == [
        "Senior engineers design and build the harder parts of a product. They "
        "choose approaches for the team, lead reviews and coach less experienced "
        "engineers."
    ]
    assert page.locator("#overview-h + .card-text br").count() == 0
    cards_visit.assert_clean()


def test_effort_is_explained_where_steps_are_listed(visit: Visit) -> None:
    page = visit.open("#/role/lead-engineer")
    for section in ("next-h", "prev-h"):
        hint = page.locator(f'section[aria-labelledby="{section}"] .effort-hint')
        assert hint.inner_text() == (
            "Effort: the skill levels to gain for the step. A new skill counts its "
            "required level, a skill to raise the levels between; skills already "
            "held count nothing."
        )
    visit.assert_clean()


def test_similar_roles_leave_out_roles_with_nothing_in_common(visit: Visit) -> None:
    # Chief Data Officer shares skills with few roles: the API lists only
    # those, and the page shows exactly them, none at 0%.
    expected = visit.server.query(
        """{ role(slug: "chief-data-officer") {
               similarRoles(limit: 100) { score role { title } } } }"""
    )["role"]["similarRoles"]
    assert expected and all(entry["score"] > 0 for entry in expected)
    page = visit.open("#/role/chief-data-officer")
    section = page.locator('section[aria-labelledby="similar-h"]')
    shown = texts(section.locator(".role-link"))
    assert shown == [entry["role"]["title"] for entry in expected[:5]]
    assert "0% similar" not in texts(section.locator(".score-value"))
    visit.assert_clean()


def test_show_more_moves_focus_to_the_first_added_role(visit: Visit) -> None:
    page = visit.open("#/role/lead-engineer")
    button = page.get_by_role("button", name="Show more previous roles, by effort")
    before = page.locator('section[aria-labelledby="prev-h"] .step-item').count()
    button.click()
    page.wait_for_function(
        "n => document.querySelectorAll("
        "'section[aria-labelledby=\"prev-h\"] .step-item').length > n",
        arg=before,
    )
    # All shown: the button is gone, and the focus did not fall to the body.
    assert button.count() == 0
    focused = page.evaluate(
        "() => [document.activeElement.tagName, document.activeElement.textContent]"
    )
    first_added = (
        page.locator('section[aria-labelledby="prev-h"] .step-item')
        .nth(before)
        .locator(".role-link")
    )
    assert focused == ["A", first_added.inner_text()]
    visit.assert_clean()


COUNT_OBSERVERS = """() => {
  const Native = window.ResizeObserver;
  window.__observers = { live: 0 };
  window.ResizeObserver = class extends Native {
    constructor(callback) { super(callback); this.__on = false; }
    observe(...args) {
      if (!this.__on) { this.__on = true; window.__observers.live += 1; }
      return super.observe(...args);
    }
    disconnect() {
      if (this.__on) { this.__on = false; window.__observers.live -= 1; }
      return super.disconnect();
    }
  };
}"""


def test_resize_observers_do_not_pile_up(visit: Visit) -> None:
    page = visit.page
    visit.add_init_script(f"({COUNT_OBSERVERS})()")
    addresses = [
        "#/progression?from=software-engineer&to=engineering-manager",
        "#/me?skills=PROG%3A3%2CSWDN%3A2&target=lead-engineer",
        "#/ladder",
    ]
    visit.open(addresses[0])
    counts = []
    for _ in range(4):
        for address in addresses:
            page.evaluate(f"() => {{ window.location.hash = {address!r}; }}")
            visit.settle()
            page.evaluate(TWO_FRAMES)
        counts.append(page.evaluate("() => window.__observers.live"))
    # The same number alive after each round: the old views' observers end.
    assert counts[0] == counts[-1], counts
    assert counts[-1] <= 3, counts
    visit.assert_clean()


def test_the_plan_link_of_a_long_title_wraps_on_a_phone(visit: Visit) -> None:
    # "Plan how to get there: Associate Software Engineer" did not wrap (a
    # button's nowrap) and made the page scroll sideways at 390 px.
    page = visit.page
    page.set_viewport_size(NARROW)
    visit.open("#/me?skills=PROG%3A2&target=associate-software-engineer")
    link = page.locator("a.plan-link")
    assert link.inner_text() == "Plan how to get there: Associate Software Engineer"
    box = link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= NARROW["width"]
    assert page.evaluate("document.documentElement.scrollWidth") == NARROW["width"]
    visit.assert_clean()


@pytest.mark.parametrize(
    ("address", "said"),
    [
        ("#/compare?a=lead-engineer&b=xyz", "No role has the address “xyz”."),
        (
            "#/progression?from=nobody&to=nothing",
            "No role has the address “nobody”. No role has the address “nothing”.",
        ),
        ("#/plan?target=lead-engineer&from=nope", "No role has the address “nope”."),
    ],
)
def test_an_unknown_role_in_an_address_is_named_and_no_retry_offered(
    visit: Visit, address: str, said: str
) -> None:
    # Compare and Progression said "That did not work" with "Try again",
    # which asked again for the same role; the plan blamed its known target.
    page = visit.open(address)
    assert page.locator(".state-empty h2").all_inner_texts() == [said]
    assert page.locator(".state-error").count() == 0
    assert page.get_by_role("button", name="Try again").count() == 0
    if "plan" in address:
        # The target is known: it stays chosen.
        assert page.get_by_role("combobox", name="Target role").input_value() == (
            "Lead Engineer"
        )
    visit.assert_clean()


def test_back_returns_to_where_the_page_was_left(visit: Visit) -> None:
    # On a phone, each role looked at from the ladder meant scrolling the
    # ladder again: Back opened it at its top.
    page = visit.page
    page.set_viewport_size(NARROW)
    visit.open("#/ladder")
    card = page.locator("table.ladder a", has_text="Junior Data Analyst").first
    card.scroll_into_view_if_needed()
    left = page.evaluate("scrollY")
    assert left > 300
    card.click()  # at once: the position is kept as the click leaves
    visit.settle()
    assert page.url.endswith("#/role/junior-data-analyst")
    assert page.evaluate("scrollY") == 0  # a new page opens at its top
    page.go_back()
    visit.settle()
    assert page.evaluate("scrollY") == left
    page.go_forward()
    visit.settle()
    assert page.evaluate("scrollY") == 0
    page.go_back()
    visit.settle()
    page.reload()  # as a browser would after a reload
    visit.settle()
    assert page.evaluate("scrollY") == left
    visit.assert_clean()


def test_back_waits_for_a_page_that_draws_after_it_is_shown(visit: Visit) -> None:
    # My skills draws its matches and gap after the view is shown: the
    # page was too short at first, and Back stopped halfway down it.
    page = visit.page
    page.set_viewport_size({"width": 390, "height": 700})
    visit.open(
        "#/me?skills=METL%3A3%2CPROG%3A4%2CSWDN%3A3%2CTEST%3A3&target=lead-engineer"
    )
    page.locator(".gap-box .gap-title").wait_for()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    bottom = page.evaluate("scrollY")
    assert bottom > 1500
    page.wait_for_function("y => history.state?.scrollY === y", arg=bottom)
    page.evaluate("window.location.hash = '#/ladder'")
    visit.settle()
    page.go_back()
    visit.settle()
    page.wait_for_function("y => scrollY === y", arg=bottom)
    assert page.evaluate("history.state.scrollY") == bottom
    visit.assert_clean()


def test_my_skills_says_when_no_role_can_match(visit: Visit) -> None:
    # The matches are not a live region: the status line speaks for them,
    # also when there is nothing to match.
    page = visit.open("#/me")
    assert page.locator("#matches-h ~ [role=status]").inner_text() == (
        "Add skills to see the roles that match them best."
    )
    visit.assert_clean()
