"""The role and skill pickers (frontend/js/combobox.js), in Chromium, by
keyboard alone: the ARIA 1.2 combobox pattern, on the sample and on 1,200
generated roles, at 1,280 and 390 px; and the same control in compare and
My skills.

The suggestions are checked against the API: the role of that exact name
first, then the server's ranked page (searchRoles) ranked as the picker ranks
them (title starting with the text, then a word of it, then containing it).
"""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from browser_support import NARROW, WIDE, Visit

pytestmark = pytest.mark.browser

WIDTHS = {"1280": WIDE, "390": NARROW}
SHOWN = 8
BRIEF = "slug title level { number } careerPath { name } track { name }"


def ranked(text: str, exact: Any, items: list[Any]) -> list[Any]:
    wanted = text.lower()

    def score(role: Any) -> int:
        title = role["title"].lower()
        if title == wanted:
            return 0
        if title.startswith(wanted):
            return 1
        if any(f"{mark}{wanted}" in title for mark in " -/"):
            return 2
        return 3 if wanted in title else 4

    seen: set[str] = set()
    listed = []
    for role in [exact, *items]:
        if role is None or role["slug"] in seen:
            continue
        seen.add(role["slug"])
        listed.append(role)
    order = sorted(
        range(len(listed)),
        key=lambda i: (-1 if i == 0 and exact is not None else score(listed[i]), i),
    )
    return [listed[i] for i in order]


def suggestions(visit: Visit, text: str) -> tuple[list[Any], int]:
    found = visit.server.query(
        f"""query($t: String!) {{ exact: role(slug: $t) {{ {BRIEF} }}
              searchRoles(text: $t, limit: 20) {{ role {{ {BRIEF} }} }}
              roles(search: $t, first: 0) {{ totalCount }} }}""",
        {"t": text},
    )
    items = [hit["role"] for hit in found["searchRoles"]]
    total = found["roles"]["totalCount"]
    if found["exact"] and all(r["slug"] != found["exact"]["slug"] for r in items):
        total += 1
    return ranked(text, found["exact"], items), total


def place(role: Any) -> str:
    track = f" \u203a {role['track']['name']}" if role["track"] else ""
    return f"Level {role['level']['number']} · {role['careerPath']['name']}{track}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("framework", "text"),
    [
        ("visit", "engineer"),
        ("generated_visit", "architect"),
        # 129 titles hold "search"; those starting with it ("Search Lakehouse
        # Data Engineer") are past the first page in the roles' stable order.
        ("generated_visit", "search"),
    ],
)
def test_the_role_picker_by_keyboard_alone(
    request: pytest.FixtureRequest, framework: str, text: str, width: str
) -> None:
    visit: Visit = request.getfixturevalue(framework)
    expected, total = suggestions(visit, text)
    assert total > SHOWN
    page = visit.page
    page.set_viewport_size(WIDTHS[width])
    page = visit.open("#/progression")
    box = page.get_by_role("combobox", name="From role")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-autocomplete") == "list"
    box.focus()
    page.keyboard.type(text)
    listbox = page.get_by_role("listbox", name="From role suggestions")
    listbox.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert box.get_attribute("aria-controls") == listbox.get_attribute("id")
    assert box.get_attribute("aria-activedescendant") is None

    # What a screen reader is given: the combobox, its listbox and options.
    shown = expected[:SHOWN]
    if text == "search":
        # Ranked by the server: the titles that start with the text come
        # first, though they are not on the first page in stable order.
        assert [r["title"].startswith("Search") for r in shown] == [True] * SHOWN
    lines = [f'- option "{r["title"]} {place(r)}"' for r in shown]
    message = f"{SHOWN} of {total} roles shown: type more to narrow them."
    assert page.locator(".combobox").first.aria_snapshot() == "\n".join(
        [
            "- text: From role",
            f'- combobox "From role" [expanded]: {text}',
            '- listbox "From role suggestions":',
            *[f"  {line}" for line in lines],
            "- paragraph: Where you are now",
            f'- status: "{message} Use the down arrow to choose."',
        ]
    )

    options = listbox.get_by_role("option")

    def active() -> str | None:
        return box.get_attribute("aria-activedescendant")

    page.keyboard.press("ArrowDown")
    assert active() == options.nth(0).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    assert active() == options.nth(1).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")  # wraps round to the last
    assert active() == options.nth(SHOWN - 1).get_attribute("id")
    page.keyboard.press("ArrowDown")  # and back to the first
    page.keyboard.press("Enter")
    chosen = shown[0]
    assert box.input_value() == chosen["title"]
    assert box.get_attribute("aria-expanded") == "false"
    assert not listbox.is_visible()
    assert active() is None
    if width == "1280":
        visit.screenshots("combobox")

    # On to the other box (past the swap button), by Tab alone.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    target = expected[SHOWN]
    to_box = page.get_by_role("combobox", name="To role")
    assert page.evaluate("document.activeElement.name") == "to"
    page.keyboard.type(target["title"])
    to_list = page.get_by_role("listbox", name="To role suggestions")
    to_list.wait_for()
    # Escape closes the list and keeps the text; a second Escape clears it.
    page.keyboard.press("Escape")
    assert not to_list.is_visible()
    assert to_box.input_value() == target["title"]
    page.keyboard.press("Escape")
    assert to_box.input_value() == ""
    page.keyboard.type(target["title"])
    to_list.wait_for()
    # The exact title comes first.
    assert to_list.get_by_role("option").first.inner_text().startswith(target["title"])
    # Enter with nothing highlighted submits the form with the typed name.
    page.keyboard.press("Enter")
    ending = f"#/progression?from={chosen['slug']}&to={target['slug']}"
    page.wait_for_function("e => location.href.endsWith(e)", arg=ending)
    visit.settle()
    assert to_box.input_value() == target["title"]
    visit.assert_clean()


def test_a_picker_says_when_nothing_matches(visit: Visit) -> None:
    page = visit.open("#/compare")
    box = page.get_by_role("combobox", name="First role (A)")
    box.focus()
    page.keyboard.type("zzzz")
    status = page.locator(".combobox").first.get_by_role("status")
    status.filter(has_text="No role").wait_for()
    assert status.inner_text() == "No role matches “zzzz”."
    assert (
        page.get_by_role("listbox", name="First role (A) suggestions")
        .get_by_role("option")
        .count()
        == 0
    )
    visit.assert_clean()


def test_compare_picks_by_keyboard(visit: Visit) -> None:
    page = visit.open("#/compare?a=lead-engineer")
    # The address's role is shown by its title.
    assert (
        page.get_by_role("combobox", name="First role (A)").input_value()
        == "Lead Engineer"
    )
    box = page.get_by_role("combobox", name="Second role (B)")
    box.focus()
    page.keyboard.type("manager")
    page.get_by_role("listbox", name="Second role (B) suggestions").wait_for()
    expected, _ = suggestions(visit, "manager")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert box.input_value() == expected[0]["title"]
    page.keyboard.press("Enter")
    page.wait_for_function(
        "e => location.href.endsWith(e)",
        arg=f"#/compare?a=lead-engineer&b={expected[0]['slug']}",
    )
    visit.settle()
    assert page.locator(".compare-summary-line").is_visible()
    visit.assert_clean()


def test_my_skills_pickers_by_keyboard(visit: Visit) -> None:
    page = visit.open("#/me")
    # The skill picker: a code's exact match first.
    skill = page.get_by_role("combobox", name="Skill", exact=True)
    skill.focus()
    page.keyboard.type("prog")
    page.get_by_role("listbox", name="Skill suggestions").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert skill.input_value() == "PROG — Programming/software development"
    # The chosen skill's levels follow the box: Tab into them, down to level
    # 3, Tab to the button, Enter.
    page.locator('.add-skill .level-chooser[data-code="PROG"]').wait_for()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator('.profile-item[data-code="PROG"]').wait_for()
    assert page.locator(".profile-level").inner_text() == "Level 3 · Apply"

    # "Or start from the skills of a role".
    copy = page.get_by_role("combobox", name="Or start from the skills of a role")
    copy.focus()
    page.keyboard.type("Lead Engineer")
    page.get_by_role(
        "listbox", name="Or start from the skills of a role suggestions"
    ).wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert copy.input_value() == "Lead Engineer"
    page.keyboard.press("Enter")
    page.locator('.profile-item[data-code="DLMG"]').wait_for()
    requirements = visit.server.query(
        '{ role(slug: "lead-engineer") { requirements { level skill { code } } } }'
    )["role"]["requirements"]
    shown = [
        code.strip() for code in page.locator(".profile-item .code").all_inner_texts()
    ]
    # PROG was there at level 3; the rest come from the role.
    assert shown == ["PROG"] + [
        r["skill"]["code"] for r in requirements if r["skill"]["code"] != "PROG"
    ]
    assert copy.input_value() == ""
    visit.assert_clean()


def alert_after(page: Any, expected: str) -> str:
    """The page's alert once it reads ``expected`` (the message comes after a
    lookup on the server), or whatever it reads when that times out."""
    # Imported here, as the fixtures do: without Playwright the browser tests
    # skip (or fail under CI) rather than fail to import.
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    # On a timeout, the caller's assertion shows what it read instead.
    with contextlib.suppress(PlaywrightTimeoutError):
        page.wait_for_function(
            """t => [...document.querySelectorAll('[role="alert"]')]
                 .some(e => !e.hidden && e.textContent === t)""",
            arg=expected,
            timeout=5_000,
        )
    return str(page.get_by_role("alert").inner_text())


def test_pickers_say_what_is_missing_on_submit(visit: Visit) -> None:
    # Each form names what is wrong: nothing chosen, or a text that names
    # nothing in the framework.
    page = visit.open("#/me")
    add = page.get_by_role("button", name="Add skill")
    add.click()
    assert alert_after(page, "Choose a skill to add.") == "Choose a skill to add."
    page.get_by_role("combobox", name="Skill", exact=True).fill("zzzz")
    add.click()
    unknown = "No skill matches “zzzz”. Pick one from the list."
    assert alert_after(page, unknown) == unknown
    copy = page.get_by_role("combobox", name="Or start from the skills of a role")
    copy.fill("Nobody")
    page.get_by_role("button", name="Copy skills").click()
    assert alert_after(page, "No role is called “Nobody”.") == (
        "No role is called “Nobody”."
    )

    page = visit.open("#/plan")
    show = page.get_by_role("button", name="Show the plan")
    show.click()
    assert alert_after(page, "Choose a target role.") == "Choose a target role."
    page.get_by_role("combobox", name="Target role").fill("Nobody")
    show.click()
    unknown = "No role is called “Nobody”. Pick one from the list."
    assert alert_after(page, unknown) == unknown
    visit.assert_clean()
