"""Every view of the front end, driven as a user would, on the shipped sample.

Expected values come from the API where they are computed (efforts, scores,
orders) and are also checked against literals read by hand from data/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from browser_support import Site, Visit

pytestmark = pytest.mark.browser

ROLE_BRIEF = "slug title level { number name } careerPath { name }"
KIND = {
    "PROMOTION": "Promotion",
    "PATH_CHANGE": "Path change",
    "TRACK_CHANGE": "Track change",
}


def texts(locator: Any) -> list[str]:
    return [text.strip() for text in locator.all_inner_texts()]


def paragraphs(text: str) -> list[str]:
    """A card text's paragraphs as Markdown shows them: lines joined."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def arrive(visit: Visit, ending: str) -> None:
    """Wait for the address a form leads to, then for its view: a picker
    resolves a typed name with the server before the address changes."""
    visit.page.wait_for_function("e => location.href.endsWith(e)", arg=ending)
    visit.settle()


def test_ladder_shows_paths_as_columns_and_levels_as_rows(visit: Visit) -> None:
    expected = visit.server.query(
        "{ careerPaths { name roles { title level { number } } } }"
    )
    page = visit.open("#/ladder")
    assert page.title() == "Career ladder · Competency Explorer"
    headers = texts(page.locator("table.ladder thead th"))
    # Technical's two tracks are sub-columns under it.
    assert headers == [
        "Level",
        "Data",
        "Management",
        "Product",
        "Technical",
        "Reliability",
        "Software",
    ]
    assert texts(page.locator("th.ladder-path-head")) == [
        path["name"] for path in expected["careerPaths"]
    ]
    # Level 5 is two rows: Technical's shared rung, then its tracks' roles.
    rows = page.locator("table.ladder tbody tr")
    assert rows.count() == 8
    assert texts(rows.nth(0).locator("th .level-name")) == [
        "Set strategy, inspire, mobilise"
    ]
    assert texts(rows.nth(7).locator("th")) == ["1Follow"]
    # Every role sits in its path's columns and its level's row(s).
    for path in expected["careerPaths"]:
        for level in range(1, 8):
            cells = page.locator(
                f'tr[data-level="{level}"] td[data-path="{path["name"]}"]'
            )
            titles = [
                r["title"] for r in path["roles"] if r["level"]["number"] == level
            ]
            assert sorted(texts(cells.locator(".role-card-title"))) == titles
    level_5 = page.locator('tr[data-level="5"] td[data-path="Technical"]')
    assert [
        (
            cell.get_attribute("data-track"),
            cell.get_attribute("colspan"),
            texts(cell.locator(".role-card-title")),
        )
        for cell in level_5.all()
    ] == [
        (None, "2", ["Solution Architect"]),
        ("Reliability", None, []),
        ("Software", None, ["Lead Engineer"]),
    ]
    management_6 = page.locator(
        'tr[data-level="6"] td[data-path="Management"] .role-card-title'
    )
    assert texts(management_6) == ["Director of Engineering"]
    assert (
        page.locator(".footer-name strong").inner_text()
        == "Example Engineering Framework"
    )
    assert page.locator(".attribution").count() == 0
    visit.screenshots("ladder")

    # Keyboard: the skip link comes first, and Enter on a card opens the role.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-link"
    page.locator("a.role-card", has_text="Lead Engineer").focus()
    page.keyboard.press("Enter")
    visit.settle()
    assert page.url.endswith("#/role/lead-engineer")
    assert page.locator("h1").inner_text() == "Lead Engineer"
    assert page.evaluate("document.activeElement.tagName") == "H1"
    visit.assert_clean()


def test_role_page(visit: Visit) -> None:
    expected = visit.server.query(
        f"""query {{ role(slug: "lead-engineer") {{
          summary overview
          requirements {{ level attainment skill {{ code name category {{ name }} }} }}
          nextRoles(limit: 100) {{ kind to {{ {ROLE_BRIEF} }} gap {{ effort }} }}
          previousRoles(limit: 100) {{ kind from {{ {ROLE_BRIEF} }} gap {{ effort }} }}
          similarRoles(limit: 5) {{ score role {{ {ROLE_BRIEF} }} }}
        }} }}"""
    )["role"]
    page = visit.open("#/role/lead-engineer")
    assert page.locator("h1").inner_text() == "Lead Engineer"
    assert (
        page.locator(".eyebrow").inner_text()
        == "Technical\nTrack: Software\nLevel 5 · Ensure, advise"
    )
    assert page.locator(".page-header .lead").inner_text() == expected["summary"]
    # The card's text as Markdown: each paragraph one <p>, its source lines
    # joined.
    assert texts(page.locator("#overview-h + .card-text p")) == paragraphs(
        expected["overview"]
    )

    # Requirements grouped by category, each with its level and attainment.
    categories = texts(page.locator(".category-name"))
    assert categories == [
        "DEVELOPMENT AND IMPLEMENTATION",
        "PEOPLE AND SKILLS",
        "RELATIONSHIPS AND ENGAGEMENT",
        "STRATEGY AND ARCHITECTURE",
    ]
    shown = [
        (
            item.locator(".code").inner_text(),
            item.locator(".level-badge").inner_text(),
            texts(item.locator(".attainment p")),
        )
        for item in page.locator(".requirement").all()
    ]
    by_category = sorted(
        expected["requirements"],
        key=lambda r: (r["skill"]["category"]["name"], r["skill"]["code"]),
    )
    assert shown == [
        (r["skill"]["code"], f"Level {r['level']}", paragraphs(r["attainment"]))
        for r in by_category
    ]
    assert ("PROG", "Level 5") in [(code, level) for code, level, _ in shown]

    def steps(section: str) -> list[tuple[str, str, str]]:
        items = page.locator(f'section[aria-labelledby="{section}"] .step-item').all()
        return [
            (
                item.locator(".role-link").inner_text(),
                item.locator(".chip").inner_text(),
                item.locator(".effort-badge").inner_text(),
            )
            for item in items
        ]

    next_steps = [
        (s["to"]["title"], KIND[s["kind"]], f"effort {s['gap']['effort']}")
        for s in expected["nextRoles"]
    ]
    assert len(next_steps) == 7
    assert steps("next-h") == next_steps
    assert steps("next-h")[0] == ("Lead Data Scientist", "Path change", "effort 14")
    assert ("Principal Engineer", "Promotion", "effort 20") in steps("next-h")
    # Ten previous roles: the first eight by effort, then the rest on request,
    # the focus on the first added one.
    previous = [
        (s["from"]["title"], KIND[s["kind"]], f"effort {s['gap']['effort']}")
        for s in expected["previousRoles"]
    ]
    assert len(previous) == 10
    assert steps("prev-h") == previous[:8]
    page.get_by_role("button", name="Show more previous roles, by effort").click()
    page.locator('section[aria-labelledby="prev-h"] .step-item').nth(9).wait_for()
    assert steps("prev-h") == previous
    assert page.evaluate("document.activeElement.textContent") == previous[8][0]
    assert (
        page.get_by_role("button", name="Show more previous roles, by effort").count()
        == 0
    )
    assert ("Senior Software Engineer", "Promotion", "effort 15") in steps("prev-h")
    similar = page.locator('section[aria-labelledby="similar-h"] .step-item').all()
    assert [
        (
            item.locator(".role-link").inner_text(),
            item.locator(".score-value").inner_text(),
        )
        for item in similar
    ] == [
        (s["role"]["title"], f"{round(s['score'] * 100)}% similar")
        for s in expected["similarRoles"]
    ]
    visit.screenshots("role")

    page.locator(".requirement a.skill-link", has_text="PROG").click()
    visit.settle()
    assert page.url.endswith("#/skill/PROG")
    assert page.locator("h1").inner_text() == "Programming/software development PROG"
    visit.assert_clean()


def test_skill_page_groups_roles_by_level(visit: Visit) -> None:
    expected = visit.server.query(
        """{ skill(code: "PROG") { description guidance levels { level description }
             requiredBy { level role { title } } } }"""
    )["skill"]
    page = visit.open("#/skill/prog")
    assert (
        page.locator(".eyebrow").inner_text()
        == "Development and implementation \u203a Systems development"
    )
    assert page.locator(".page-header .lead").inner_text() == expected["description"]
    assert (
        page.locator("#guidance-h + .prose").inner_text()
        == expected["guidance"].strip()
    )
    levels = page.locator(".skill-level").all()
    assert [lvl.locator("h3").inner_text() for lvl in levels] == [
        "2\nAssist",
        "3\nApply",
        "4\nEnable",
        "5\nEnsure, advise",
    ]
    assert [lvl.locator("p").inner_text() for lvl in levels] == [
        lvl["description"].strip() for lvl in expected["levels"]
    ]
    groups = page.locator(".share-group").all()
    shown = {
        group.locator("h3").inner_text(): texts(group.locator(".role-link"))
        for group in groups
    }
    wanted: dict[int, list[str]] = {}
    for entry in expected["requiredBy"]:
        wanted.setdefault(entry["level"], []).append(entry["role"]["title"])
    names = {2: "Assist", 3: "Apply", 4: "Enable", 5: "Ensure, advise"}
    assert shown == {
        f"At level {lvl} · {names[lvl]} ({len(wanted[lvl])})": wanted[lvl]
        for lvl in sorted(wanted)
    }
    assert shown["At level 5 · Ensure, advise (1)"] == ["Lead Engineer"]
    assert shown["At level 2 · Assist (2)"] == [
        "Associate Software Engineer",
        "Junior Data Analyst",
    ]
    visit.screenshots("skill")

    page.locator(".share-group a.role-link", has_text="Junior Data Analyst").click()
    visit.settle()
    assert page.url.endswith("#/role/junior-data-analyst")
    visit.assert_clean()


def path_query(server: Site, source: str, target: str) -> list[dict[str, Any]]:
    data = server.query(
        """query($from: String!, $to: String!) {
          progressionPaths(from: $from, to: $to, limit: 3) {
            totalEffort
            steps { kind from { slug title } to { slug title }
              gap { effort newSkills { skill { code } }
                    levelUps { skill { code } from to } met { skill { code } } } }
          }
          progressionPath(from: $from, to: $to) {
            totalEffort steps { to { slug } } }
        }""",
        {"from": source, "to": target},
    )
    best = data["progressionPath"]
    if best is None:
        assert data["progressionPaths"] == []
    else:
        assert data["progressionPaths"][0]["totalEffort"] == best["totalEffort"]
    paths: list[dict[str, Any]] = data["progressionPaths"]
    return paths


def shown_steps(page: Any) -> list[dict[str, Any]]:
    cards = page.locator(".step-card").all()
    return [
        {
            "roles": texts(card.locator(".step-card-head .role-link")),
            "kind": card.locator(".step-card-head .chip").inner_text(),
            "effort": card.locator(".step-card-head .effort-badge").inner_text(),
            "new": texts(card.locator(".gap-new li .code")),
            "up": [
                (li.locator(".code").inner_text(), li.locator(".badge").inner_text())
                for li in card.locator(".gap-up li").all()
            ],
            "met": texts(card.locator(".gap-met li .code")),
        }
        for card in cards
    ]


def expected_steps(path: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "roles": [step["from"]["title"], step["to"]["title"]],
            "kind": KIND[step["kind"]],
            "effort": f"effort {step['gap']['effort']}",
            "new": [item["skill"]["code"] for item in step["gap"]["newSkills"]],
            "up": [
                (item["skill"]["code"], f"{item['from']} → {item['to']}")
                for item in step["gap"]["levelUps"]
            ],
            "met": [item["skill"]["code"] for item in step["gap"]["met"]],
        }
        for step in path["steps"]
    ]


def test_progression_picks_roles_and_draws_paths(visit: Visit) -> None:
    paths = path_query(visit.server, "software-engineer", "engineering-manager")
    page = visit.open("#/progression")
    page.get_by_role("combobox", name="From role").fill("Software Engineer")
    page.get_by_role("combobox", name="To role").fill("engineering manager")
    page.get_by_role("button", name="Show paths").click()
    arrive(visit, "#/progression?from=software-engineer&to=engineering-manager")
    assert page.locator(".path-summary").inner_text() == "Least effort: 32 in 2 steps."
    assert paths[0]["totalEffort"] == 32
    options = page.locator(".path-option").all()
    assert len(options) == len(paths) == 3
    assert [o.locator(".path-option-facts").inner_text() for o in options] == [
        f" · effort {p['totalEffort']} · {len(p['steps'])} steps" for p in paths
    ]
    assert options[0].locator(".path-option-route").inner_text() == (
        "Software Engineer → Engineering Team Lead → Engineering Manager"
    )

    # The diagram: every role of every path, the shown path's arrows labelled
    # with their effort.
    diagram = page.locator("svg.diagram")
    slugs = {s["from"]["slug"] for p in paths for s in p["steps"]} | {
        s["to"]["slug"] for p in paths for s in p["steps"]
    }
    assert (
        set(
            diagram.locator("a[data-slug]").evaluate_all(
                "n => n.map(e => e.dataset.slug)"
            )
        )
        == slugs
    )
    for step in paths[0]["steps"]:
        edge = diagram.locator(
            f'g.edge-selected[data-from="{step["from"]["slug"]}"][data-to="{step["to"]["slug"]}"]'
        )
        assert edge.locator("text").text_content() == str(step["gap"]["effort"])
    assert diagram.locator("g.edge-selected").count() == len(paths[0]["steps"])
    assert shown_steps(page) == expected_steps(paths[0])
    assert shown_steps(page)[0]["roles"] == [
        "Software Engineer",
        "Engineering Team Lead",
    ]
    assert shown_steps(page)[0]["effort"] == "effort 17"
    visit.screenshots("progression")

    page.get_by_label(re.compile("^Alternative 1")).check()
    assert page.locator("#steps-h").inner_text() == "Steps on alternative 1"
    assert shown_steps(page) == expected_steps(paths[1])
    assert diagram.locator("g.edge-selected").count() == len(paths[1]["steps"])

    # The swap button exchanges the two pickers' roles.
    page.get_by_role("button", name="Swap from and to").click()
    assert page.get_by_role("combobox", name="From role").input_value() == (
        "Engineering Manager"
    )
    assert page.get_by_role("combobox", name="To role").input_value() == (
        "Software Engineer"
    )
    # The paths shown were the other way round: they are taken away.
    assert page.locator("#steps-h").count() == 0
    assert page.locator(".results").inner_text() == (
        "Swapped: press “Show paths” to see the paths this way round."
    )
    page.get_by_role("button", name="Show paths").click()
    arrive(visit, "#/progression?from=engineering-manager&to=software-engineer")
    visit.assert_clean()


def test_progression_without_a_path_says_so(visit: Visit) -> None:
    assert (
        path_query(visit.server, "vp-engineering", "associate-software-engineer") == []
    )
    page = visit.open(
        "#/progression?from=vp-engineering&to=associate-software-engineer"
    )
    message = page.locator(".no-path")
    assert message.locator("h2").inner_text() == "No path"
    assert message.locator("p").first.inner_text() == (
        "No chain of promotions, track changes, path changes and declared moves "
        "leads from VP, Engineering to Associate Software Engineer."
    )
    assert message.locator(".no-path-rules").inner_text() == (
        "A promotion goes up its own ladder. A change of track or career path "
        "needs a core skill in common and goes at most 1 level up. The framework "
        "declares 1 move between roles; none of them opens a way here."
    )
    assert "moves:" in message.locator(".no-path-moves").inner_text()
    assert page.locator("svg.diagram").count() == 0

    page.get_by_role("combobox", name="To role").fill("No Such Role")
    page.get_by_role("button", name="Show paths").click()
    page.locator(".form-error").wait_for()
    assert page.locator(".form-error").inner_text() == (
        "No role is called “No Such Role”. Pick one from the list."
    )
    visit.assert_clean()


def test_compare_two_roles(visit: Visit) -> None:
    shared = visit.server.query(
        """{ sharedSkills(a: "lead-engineer", b: "engineering-manager") {
               levelA levelB skill { code } } }"""
    )["sharedSkills"]
    page = visit.open("#/compare")
    # Keyboard only: type, Tab to the next picker, Enter submits.
    page.get_by_role("combobox", name="First role (A)").focus()
    page.keyboard.type("Lead Engineer")
    page.keyboard.press("Tab")
    page.keyboard.type("Engineering Manager")
    page.keyboard.press("Enter")
    arrive(visit, "#/compare?a=lead-engineer&b=engineering-manager")
    assert page.locator(".compare-summary-line").inner_text() == (
        "3 shared skills, 2 at different levels · 3 only in A · 3 only in B"
    )
    rows = page.locator(".shared-row").all()
    assert [
        (
            row.get_attribute("data-code"),
            row.locator(".level-a").inner_text(),
            row.locator(".level-b").inner_text(),
            row.locator(".diff-badge").inner_text(),
        )
        for row in rows
    ] == [
        ("DLMG", "4", "5", "B is 1 higher"),
        ("PDSV", "4", "5", "B is 1 higher"),
        ("RLMT", "4", "4", "Same level"),
    ]
    assert [
        (
            row.get_attribute("data-code"),
            int(row.locator(".level-a").inner_text()),
            int(row.locator(".level-b").inner_text()),
        )
        for row in rows
    ] == [(s["skill"]["code"], s["levelA"], s["levelB"]) for s in shared]
    assert page.locator(".shared-row.diff-up").count() == 2
    assert texts(page.locator(".only-a .code")) == ["METL", "PROG", "SWDN"]
    assert texts(page.locator(".only-b .code")) == ["ETMG", "PEMT", "RESC"]
    assert texts(page.locator(".only-b .level-badge")) == [
        "Level 4",
        "Level 5",
        "Level 4",
    ]
    visit.screenshots("compare")


def add_skill(page: Any, code: str, level: int) -> None:
    """Add a skill on My skills, choosing its level among the seven shown."""
    page.get_by_label("Skill", exact=True).fill(code)
    chooser = page.locator(f'.add-skill .level-chooser[data-code="{code}"]')
    chooser.locator(f'.level-option[data-level="{level}"] label').click()
    page.get_by_role("button", name="Add skill").click()
    page.locator(f'.profile-item[data-code="{code}"]').wait_for()


def test_my_skills_matches_and_gap_chart(visit: Visit) -> None:
    page = visit.open("#/me")
    for code, level in [("PROG", 4), ("SWDN", 3), ("TEST", 3)]:
        add_skill(page, code, level)
    visit.settle()
    # The profile is kept in the browser, not in the address.
    assert page.url.endswith("#/me")
    assert texts(page.locator(".profile-item .code")) == ["PROG", "SWDN", "TEST"]

    profile = [
        {"code": "PROG", "level": 4},
        {"code": "SWDN", "level": 3},
        {"code": "TEST", "level": 3},
    ]
    matches = visit.server.query(
        """query($p: [SkillLevelInput!]!) { matchRoles(profile: $p, limit: 8) {
              score role { title } gap { effort } } }""",
        {"p": profile},
    )["matchRoles"]
    shown = [
        (
            item.locator(".role-link").inner_text(),
            item.locator(".score-value").inner_text(),
            item.locator(".effort-badge").inner_text(),
        )
        for item in page.locator(".match-item").all()
    ]
    assert shown == [
        (
            m["role"]["title"],
            f"{round(m['score'] * 100)}% match",
            f"effort {m['gap']['effort']}",
        )
        for m in matches
    ]
    assert shown[0] == ("Software Engineer", "56% match", "effort 6")
    # The list is not a live region (a screen reader would read it all again
    # at each change); a status line says the gist.
    assert page.locator(".matches-box").get_attribute("aria-live") is None
    assert page.locator("#matches-h ~ [role=status]").inner_text() == (
        "Best match: Software Engineer, 56% match."
    )

    page.get_by_role("button", name="Set Lead Engineer as target").click()
    visit.settle()
    assert (
        page.get_by_role("combobox", name="Target role").input_value()
        == "Lead Engineer"
    )
    assert page.locator(".gap-title").inner_text() == "Gap to\nLead Engineer\neffort 20"
    assert (
        page.locator(".gap-summary").inner_text()
        == "4 new skills, 2 level-ups, 0 already met."
    )
    bars = {
        row.get_attribute("data-code"): (
            row.locator(".value-current").text_content(),
            row.locator(".value-required").text_content(),
        )
        for row in page.locator("svg.gap-chart .gap-row").all()
    }
    gap = visit.server.query(
        """query($p: [SkillLevelInput!]!) {
             skillGap(profile: $p, target: "lead-engineer") {
               effort newSkills { level skill { code } }
               levelUps { from to skill { code } } met { level skill { code } } } }""",
        {"p": profile},
    )["skillGap"]
    assert gap["effort"] == 20
    mine = {item["code"]: item["level"] for item in profile}
    assert bars == {
        **{n["skill"]["code"]: ("0", str(n["level"])) for n in gap["newSkills"]},
        **{u["skill"]["code"]: (str(u["from"]), str(u["to"])) for u in gap["levelUps"]},
        **{
            m["skill"]["code"]: (str(mine[m["skill"]["code"]]), str(m["level"]))
            for m in gap["met"]
        },
    }
    assert bars["PROG"] == ("4", "5")
    assert bars["DLMG"] == ("0", "4")
    visit.screenshots("my-skills")

    # Raising a level (by its text) updates the gap and the chart in place.
    item = page.locator('.profile-item[data-code="PROG"]')
    item.get_by_text("Change level or write notes").click()
    item.get_by_role(
        "radio", name=re.compile("Sets coding standards across teams")
    ).check()
    visit.settle()
    assert item.locator(".profile-level").inner_text() == "Level 5 · Ensure, advise"
    assert (
        page.locator(".gap-summary").inner_text()
        == "4 new skills, 1 level-up, 1 already met."
    )
    assert (
        page.locator(
            'svg.gap-chart .gap-row[data-code="PROG"] .value-current'
        ).text_content()
        == "5"
    )
    page.get_by_role("button", name="Remove TEST").click()
    visit.settle()
    assert texts(page.locator(".profile-item .code")) == ["PROG", "SWDN"]
    assert page.locator(".share-link").get_attribute("href") == (
        "#/me?skills=PROG%3A5%2CSWDN%3A3&target=lead-engineer"
    )
    visit.assert_clean()


def test_search_from_the_header(visit: Visit) -> None:
    expected = visit.server.query(
        """{ searchRoles(text: "data", limit: 50) { role { title } }
             searchSkills(text: "data", limit: 50) { skill { code } }
             roles(search: "data", first: 0) { totalCount }
             skills(search: "data", first: 0) { totalCount } }"""
    )
    page = visit.open("#/role/software-engineer")
    page.get_by_label("Search roles and skills").fill("data")
    page.keyboard.press("Enter")
    visit.settle()
    assert page.url.endswith("#/search?q=data")
    role_titles = texts(page.locator(".role-results .result-title"))
    assert role_titles == [hit["role"]["title"] for hit in expected["searchRoles"]]
    assert "Head of Data" in role_titles
    codes = texts(page.locator(".skill-results .code"))
    assert codes == [hit["skill"]["code"] for hit in expected["searchSkills"]]
    assert "DATM" in codes
    role_count = expected["roles"]["totalCount"]
    skill_count = expected["skills"]["totalCount"]
    assert page.locator(".search-summary").inner_text() == (
        f"{role_count} roles and {skill_count} skills match, best first."
    )
    visit.screenshots("search")

    page.get_by_label("Search roles and skills").fill("PROG")
    page.get_by_role("button", name="Search", exact=True).click()
    visit.settle()
    # PROG itself first, then the skills whose descriptions mention it.
    assert texts(page.locator(".skill-results .code")) == ["PROG", "ITSP", "POMG"]
    page.locator(".skill-results a", has_text="PROG").first.click()
    visit.settle()
    assert page.url.endswith("#/skill/PROG")

    page.get_by_label("Search roles and skills").fill("zzzz")
    page.keyboard.press("Enter")
    visit.settle()
    assert page.locator(".search-summary").inner_text() == (
        "Nothing matches. Try part of a title, a skill name or a code."
    )
    visit.assert_clean()


@pytest.mark.parametrize(
    ("address", "heading", "message"),
    [
        (
            "#/role/no-such-role",
            "Role not found",
            "No role has the address “no-such-role”.",
        ),
        ("#/skill/NOPE", "Skill not found", "No skill has the code “NOPE”."),
        ("#/nowhere", "Page not found", "There is no page at this address."),
    ],
)
def test_unknown_addresses_say_so(
    visit: Visit, address: str, heading: str, message: str
) -> None:
    page = visit.open(address)
    assert page.locator("h1").inner_text() == heading
    assert page.locator(".state-empty h2").inner_text() == message
    visit.assert_clean()


def test_api_errors_are_shown_in_words_and_try_again_asks_again(
    visit: Visit,
) -> None:
    # The server's answer to a query past its time budget, once.
    timeout = {
        "data": None,
        "errors": [
            {
                "message": "The query took longer than 10 s and was stopped",
                "extensions": {"code": "QUERY_TIMEOUT"},
            }
        ],
    }
    answered: list[str] = []

    def once(route: Any) -> None:
        if '"operationName":"Progression"' in (route.request.post_data or "") and (
            not answered
        ):
            answered.append("timeout")
            route.fulfill(json=timeout)
        else:
            route.continue_()

    visit.page.route("**/graphql", once)
    page = visit.open("#/progression?from=software-engineer&to=lead-engineer")
    errors = page.locator(".state-error .error-message")
    assert texts(errors) == ["The query took longer than 10 s and was stopped"]
    assert page.locator(".state-error h2").first.inner_text() == "That did not work"
    page.get_by_role("button", name="Try again").click()
    page.locator("#steps-h").wait_for()
    assert answered == ["timeout"]
    assert page.locator(".state-error").count() == 0
    visit.assert_clean()


def test_an_unknown_target_in_a_link_asks_for_another(visit: Visit) -> None:
    # "That did not work" with "Try again" could not help: the role is not
    # in the framework. The matches still show.
    page = visit.open("#/me?skills=PROG%3A3&target=ghost")
    assert page.locator(".gap-box").inner_text() == (
        "This framework has no role “ghost”. Choose a target role."
    )
    assert page.locator(".gap-box button").count() == 0
    assert page.locator(".match-item").count() > 0
    visit.assert_clean()


def test_graphql_explorer(visit: Visit) -> None:
    page = visit.page
    page.goto(f"{visit.server.base_url}/graphql")
    page.wait_for_selector(".gq-type-list")
    assert texts(page.locator(".gq-type-list li").first.locator("button")) == ["Query"]
    editor = page.get_by_label("Query", exact=True)
    editor.fill("query Name { framework { name roleCount } }")
    editor.press("Control+Enter")
    page.wait_for_function(
        "() => document.getElementById('gq-status').textContent.startsWith('200')"
    )
    assert page.locator("#gq-output").inner_text() == (
        '{\n  "data": {\n    "framework": {\n'
        '      "name": "Example Engineering Framework",\n'
        '      "roleCount": 27\n    }\n  }\n}'
    )
    page.get_by_label("Find a type or field").fill("Role")
    page.locator(".gq-type-list button", has_text=re.compile("^Role$")).click()
    fields = texts(page.locator(".gq-field-name"))
    assert {"slug", "title", "nextRoles", "previousRoles", "similarRoles"} <= set(
        fields
    )
    visit.screenshots("graphql-explorer")
