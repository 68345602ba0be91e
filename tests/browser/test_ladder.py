"""The ladder at any size, in Chromium: on the sample, the owner's layout with
tracks (tests/data/owner), the ladder's awkward shapes (tests/data/ladder) and
a generated framework of 1,200 roles on 12 paths, at 1,280 and 390 px.

What is checked: no two column headers overlap, no card leaves its column or
cuts its title, columns never get narrower than their minimum (the table
scrolls in its own box, level column and headers sticky), the column filter
and its address, sensible default columns, and "N more" in a long rung.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from browser_support import (
    NARROW,
    TWO_FRAMES,
    WIDE,
    Chromium,
    Visit,
    make_visit,
    serve,
)

from tools.localserver import ServerPool

pytestmark = pytest.mark.browser

FRAMEWORKS = ["visit", "owner_visit", "ladder_visit", "generated_visit"]
WIDTHS = {"1280": WIDE, "390": NARROW}
# The widths ladder.js gives its columns (CSS pixels), wide and narrow.
COLUMN_MIN = {"1280": 192, "390": 144}

LAYOUT = """() => {
  const problems = [];
  const box = (element) => element.getBoundingClientRect();
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const heads = [...document.querySelectorAll("table.ladder thead th")];
  heads.forEach((a, i) => heads.slice(i + 1).forEach((b) => {
    if (overlap(box(a), box(b))) {
      problems.push(`headers overlap: ${a.textContent} / ${b.textContent}`);
    }
  }));
  for (const head of heads) {
    if (head.scrollWidth > head.clientWidth + 1) {
      problems.push(`header cut: ${head.textContent}`);
    }
  }
  const cards = [...document.querySelectorAll("table.ladder a.role-card")];
  for (const card of cards) {
    const cell = box(card.closest("td"));
    const own = box(card);
    if (own.left < cell.left - 0.5 || own.right > cell.right + 0.5 ||
        own.top < cell.top - 0.5 || own.bottom > cell.bottom + 0.5) {
      problems.push(`card outside its column: ${card.textContent}`);
    }
    const title = card.querySelector(".role-card-title");
    const cut = (element) => element.scrollWidth > element.clientWidth + 1;
    if (cut(card) || cut(title)) {
      problems.push(`title cut: ${title.textContent}`);
    }
  }
  const leaves = [...document.querySelectorAll(
    "thead th.ladder-track-head, thead th.ladder-path-head:not([colspan])")];
  return {
    problems,
    headers: heads.length,
    cards: cards.length,
    narrowest: Math.min(...leaves.map((th) => box(th).width)),
  };
}"""


def layout(page: Any) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(LAYOUT)
    return found


def path_heads(page: Any) -> list[str]:
    return [
        text.strip()
        for text in page.locator(
            "table.ladder thead th.ladder-path-head"
        ).all_inner_texts()
    ]


def track_heads(page: Any) -> list[str]:
    return [
        text.strip()
        for text in page.locator(
            "table.ladder thead th.ladder-track-head"
        ).all_inner_texts()
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_headers_never_overlap_and_cards_stay_in_their_columns(
    request: pytest.FixtureRequest, framework: str, width: str
) -> None:
    visit: Visit = request.getfixturevalue(framework)
    page = visit.page
    page.set_viewport_size(WIDTHS[width])
    page = visit.open("#/ladder")
    found = layout(page)
    assert found["problems"] == []
    assert found["cards"] > 0
    assert found["narrowest"] >= COLUMN_MIN[width] - 0.5
    # Every column, however many: still no squeeze, the table scrolls instead.
    page.evaluate("document.querySelector('details.ladder-filter').open = true")
    page.get_by_role("button", name="Show all").click()
    everything = layout(page)
    assert everything["problems"] == []
    assert everything["narrowest"] >= COLUMN_MIN[width] - 0.5
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    )
    visit.assert_clean()


def test_defaults_by_size_on_twelve_paths(generated_visit: Visit) -> None:
    paths = [
        p["name"]
        for p in generated_visit.server.query("{ careerPaths { name } }")["careerPaths"]
    ]
    assert len(paths) == 12
    page = generated_visit.open("#/ladder")
    # 1,172 px of main: a 152 px level column and five of 192 px fit.
    assert path_heads(page) == paths[:5]
    assert page.locator("details.ladder-filter").get_attribute("open") == ""
    assert page.locator(".ladder-summary").inner_text() == (
        "1,200 roles on 12 career paths. Showing 500 on 5 paths (5 of 12 columns): "
        "choose more with “Columns”."
    )
    assert page.locator(".filter-status").inner_text() == "5 of 12 career paths shown"
    generated_visit.screenshots("ladder-generated")
    # On a phone: two columns of 144 px beside a 48 px level column.
    page.set_viewport_size(NARROW)
    page.wait_for_function(
        "() => document.querySelectorAll('th.ladder-path-head').length === 2"
    )
    assert path_heads(page) == paths[:2]
    generated_visit.assert_clean()


def test_sample_shows_every_path_when_they_fit(visit: Visit) -> None:
    page = visit.open("#/ladder")
    assert path_heads(page) == ["Data", "Management", "Product", "Technical"]
    # Closed: nothing is left out.
    assert page.locator("details.ladder-filter").get_attribute("open") is None
    assert page.locator(".ladder-summary").inner_text() == "27 roles on 4 career paths."
    visit.assert_clean()


PRINTED = """() => {
  const box = document.querySelector(".ladder-scroll");
  const table = box.querySelector("table.ladder");
  return {
    overflow: getComputedStyle(box).overflowY,
    hiddenInside: box.scrollHeight - box.clientHeight,
    tableRight: Math.round(table.getBoundingClientRect().right),
    // What lets the columns share a page narrower than the window.
    tableMinWidth: getComputedStyle(table).minWidth,
    pageWidth: document.documentElement.clientWidth,
    chooser: getComputedStyle(document.querySelector(".ladder-filter")).display,
    cards: table.querySelectorAll(".role-card").length,
  };
}"""


def test_the_ladder_prints_whole(visit: Visit) -> None:
    # Printed, the ladder kept its screen box (820 px high, scrolling inside)
    # and its width: levels 3-1 and the right of the last column were cut.
    page = visit.open("#/ladder")
    roles = visit.server.query("{ framework { roleCount } }")["framework"]
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    assert printed == {
        "overflow": "visible",
        "hiddenInside": 0,
        "tableRight": printed["pageWidth"],
        "tableMinWidth": "0px",
        "pageWidth": WIDE["width"],
        "chooser": "none",
        "cards": roles["roleCount"],
    }
    visit.assert_clean()


def test_a_printed_cell_says_how_many_roles_it_folds(generated_visit: Visit) -> None:
    # Print hides buttons; a cell's "N more" went with them, and its folded
    # roles were left out without a sign.
    page = generated_visit.open("#/ladder")
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => [...document.querySelectorAll("table.ladder .more-button")].map(
            (b) => getComputedStyle(b).display !== "none"
                && b.getBoundingClientRect().width > 0)"""
    )
    assert len(shown) > 10
    assert all(shown)
    generated_visit.assert_clean()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_filter_choice_survives_a_reload(
    generated_visit: Visit, width: str
) -> None:
    paths = [
        p["name"]
        for p in generated_visit.server.query("{ careerPaths { name } }")["careerPaths"]
    ]
    page = generated_visit.page
    page.set_viewport_size(WIDTHS[width])
    page = generated_visit.open("#/ladder")
    shown = path_heads(page)
    extra = paths[7]
    page.get_by_role("checkbox", name=extra).check()
    chosen = [*shown, extra]
    address = "#/ladder?" + "&".join(
        f"path={quote(name).replace('%20', '+')}"
        for name in sorted(chosen, key=paths.index)
    )
    page.wait_for_function("a => location.hash === a", arg=address)
    assert path_heads(page) == sorted(chosen, key=paths.index)
    page.reload()
    generated_visit.settle()
    assert page.url.endswith(address)
    assert path_heads(page) == sorted(chosen, key=paths.index)
    assert page.locator(".filter-status").inner_text() == (
        f"{len(chosen)} of 12 career paths shown"
    )
    page.locator("details.ladder-filter > summary").click()
    assert page.get_by_role("checkbox", name=extra).is_checked()
    # A choice made is kept at any width: no default replaces it.
    page.set_viewport_size(NARROW if width == "1280" else WIDE)
    page.evaluate(TWO_FRAMES)
    assert path_heads(page) == sorted(chosen, key=paths.index)
    # "As many as fit" goes back to the default, and out of the address.
    page.get_by_role("button", name="As many as fit").click()
    page.wait_for_function("() => location.hash === '#/ladder'")
    generated_visit.assert_clean()


def test_tracks_are_sub_columns_with_shared_rungs_across(owner_visit: Visit) -> None:
    page = owner_visit.open("#/ladder")
    assert path_heads(page) == ["Engineering", "Management"]
    assert track_heads(page) == ["QA", "Security", "Software"]
    assert (
        page.locator("th.ladder-path-head", has_text="Engineering").get_attribute(
            "colspan"
        )
        == "3"
    )
    assert (
        page.locator("th.ladder-path-head", has_text="Management").get_attribute(
            "rowspan"
        )
        == "2"
    )

    def row(level: int) -> Any:
        return page.locator(f'table.ladder tbody tr[data-level="{level}"]')

    # The shared rungs span the three tracks.
    for level, title in [(5, "Principal Engineer"), (1, "Graduate Engineer")]:
        shared = row(level).locator("td.ladder-shared")
        assert shared.get_attribute("colspan") == "3"
        assert shared.locator(".role-card-title").all_inner_texts() == [title]
        assert shared.locator(".ladder-shared-label").inner_text() == "EVERY TRACK"
    cells = row(4).locator("td")
    assert [
        (
            c.get_attribute("data-path"),
            c.get_attribute("data-track"),
            c.locator(".role-card-title").all_inner_texts(),
        )
        for c in cells.all()
    ] == [
        ("Engineering", "QA", ["Lead QA Engineer"]),
        ("Engineering", "Security", ["Lead Security Engineer"]),
        ("Engineering", "Software", ["Lead Software Engineer"]),
        ("Management", None, ["Engineering Manager"]),
    ]
    owner_visit.screenshots("ladder-tracks")

    # Leave a track out: the address names the tracks kept, a reload keeps them.
    page.evaluate("document.querySelector('details.ladder-filter').open = true")
    page.get_by_role("checkbox", name="Security").uncheck()
    address = (
        "#/ladder?path=Management&track=Engineering%2FQA&track=Engineering%2FSoftware"
    )
    page.wait_for_function("a => location.hash === a", arg=address)
    page.reload()
    owner_visit.settle()
    assert track_heads(page) == ["QA", "Software"]
    assert row(5).locator("td.ladder-shared").get_attribute("colspan") == "2"
    page.locator("details.ladder-filter > summary").click()
    assert page.get_by_role("checkbox", name="Engineering").evaluate(
        "box => box.indeterminate"
    )
    assert not page.get_by_role("checkbox", name="Security").is_checked()
    owner_visit.assert_clean()


def test_a_level_with_a_shared_rung_beside_the_tracks_is_two_rows(
    ladder_visit: Visit,
) -> None:
    page = ladder_visit.open("#/ladder")
    rows = page.locator('table.ladder tbody tr[data-level="2"]')
    assert rows.count() == 2
    assert rows.nth(0).locator("th.ladder-level").get_attribute("rowspan") == "2"
    first = rows.nth(0).locator("td")
    assert [
        (
            c.get_attribute("data-path"),
            c.get_attribute("colspan"),
            c.get_attribute("rowspan"),
            c.locator(".role-card-title").all_inner_texts(),
        )
        for c in first.all()
    ] == [
        ("Platform", "2", None, ["Platform Generalist"]),
        ("Support", None, "2", ["Service Desk Analyst"]),
    ]
    assert [
        (c.get_attribute("data-track"), c.locator(".role-card-title").all_inner_texts())
        for c in rows.nth(1).locator("td").all()
    ] == [("Cloud", ["Cloud Operator"]), ("Networks", ["Network Operator"])]
    assert layout(page)["problems"] == []
    ladder_visit.screenshots("ladder-split-rung")


@pytest.mark.parametrize("width", WIDTHS)
def test_n_more_expands_in_place_and_moves_focus(
    generated_visit: Visit, width: str
) -> None:
    page = generated_visit.page
    page.set_viewport_size(WIDTHS[width])
    page = generated_visit.open("#/ladder")
    first = page.locator("td.ladder-cell:has(.more-button)").first
    path = first.get_attribute("data-path")
    level = int(first.locator("xpath=..").get_attribute("data-level"))
    # A locator that still finds the cell once its button is gone.
    cell = page.locator(f'tbody tr[data-level="{level}"] td[data-path="{path}"]')
    roles = [
        edge["node"]["title"]
        for edge in generated_visit.server.query(
            """query($p: String!, $l: Int!) {
                 roles(careerPath: $p, level: $l, first: 100) {
                   edges { node { title } } } }""",
            {"p": path, "l": level},
        )["roles"]["edges"]
    ]
    assert 5 <= len(roles) <= 53
    titles = cell.locator(".role-card-title")
    assert titles.all_inner_texts() == roles[:3]
    button = cell.locator(".more-button")
    assert button.inner_text() == f"{len(roles) - 3} more"
    assert (
        button.get_attribute("aria-label")
        == f"{len(roles) - 3} more roles at level {level} in {path}"
    )
    button.focus()
    page.keyboard.press("Enter")
    assert titles.all_inner_texts() == roles
    assert cell.locator(".more-button").count() == 0
    focused = page.evaluate(
        "document.activeElement.querySelector('.role-card-title').textContent"
    )
    assert focused == roles[3]
    assert layout(page)["problems"] == []
    generated_visit.assert_clean()


def test_the_level_column_and_headers_stay_in_view(generated_visit: Visit) -> None:
    page = generated_visit.open("#/ladder")
    page.evaluate("document.querySelector('details.ladder-filter').open = true")
    page.get_by_role("button", name="Show all").click()
    assert len(path_heads(page)) == 12
    scroll = page.locator(".ladder-scroll")
    assert scroll.evaluate("box => box.scrollWidth > box.clientWidth")
    scroll.evaluate("box => { box.scrollLeft = 600; box.scrollTop = 400; }")
    page.evaluate(TWO_FRAMES)
    where = page.evaluate(
        """() => {
          const at = (s) => document.querySelector(s).getBoundingClientRect();
          const box = at('.ladder-scroll');
          const level = at('tbody tr:nth-child(4) th.ladder-level');
          const head = at('thead th.ladder-path-head');
          return {
            boxLeft: box.left, boxTop: box.top,
            levelLeft: level.left, headTop: head.top,
          };
        }"""
    )
    assert abs(where["levelLeft"] - where["boxLeft"] - 1) <= 1.5
    assert abs(where["headTop"] - where["boxTop"] - 1) <= 1.5
    generated_visit.assert_clean()


# Words of a title on more than one line, in the ladder's cards.
BROKEN_TITLE_WORDS = """() => {
  const broken = [];
  for (const title of document.querySelectorAll("table.ladder .role-card-title")) {
    const node = title.firstChild;
    const text = node.textContent;
    let at = 0;
    for (const word of text.split(/\\s+/)) {
      const start = text.indexOf(word, at);
      at = start + word.length;
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + word.length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (word && lines.size > 1) broken.push(word);
    }
  }
  return broken;
}"""


def _long_words(folder: Path) -> list[str]:
    roles = "".join(
        f"  - {{title: {prefix} {track} Engineer, level: {level}, "
        f"career_path: Engineering, track: {track}, "
        "requirements: [{code: TEST, level: 3}]}\n"
        for level, prefix in ((5, "Principal"), (6, "Distinguished"))
        for track in ("QA", "Security", "Software", "Support", "Systems")
    )
    (folder / "framework.yaml").write_text(
        "skills:\n  - {code: TEST, name: Functional testing, category: Testing}\n"
        f"roles:\n{roles}",
        encoding="utf-8",
    )
    return [str(folder)]


@pytest.fixture
def long_words_visit(chromium: Chromium, server_pool: ServerPool) -> Iterator[Visit]:
    """The owner's five tracks at their longest title words, on one path."""
    yield from make_visit(chromium, serve(server_pool, _long_words, "long-words"))


def test_long_title_words_fit_their_cards_on_a_phone(long_words_visit: Visit) -> None:
    # At 390 px a column is 144 px, and "Distinguished" broke as
    # "Distinguishe / d" before the cards' text got smaller there.
    visit = long_words_visit
    page = visit.page
    page.set_viewport_size(NARROW)
    visit.open("#/ladder")
    page.evaluate(TWO_FRAMES)
    assert page.locator("table.ladder .role-card-title").count() == 10
    assert page.evaluate(BROKEN_TITLE_WORDS) == []
    assert layout(page)["narrowest"] >= COLUMN_MIN["390"] - 0.5
    visit.assert_clean()
