"""A person's own development in the browser: self-assessment by the level texts,
a profile kept in the browser (reload, new page, export and import, shared
links), the development plan (texts, resources, notes, Markdown, print), and
the step from a progression path to its plan.

Expected values come from the API; the Markdown download is compared with
`competency plan` on the same exported profile.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser_support import REPO, TWO_FRAMES, Visit

from competency_explorer.model import LEVEL_NAMES

pytestmark = pytest.mark.browser

STORAGE_KEY = "competency-explorer.profile"
NOTE = "Led the payments refactor; reviewed 40 changes last quarter."


def texts(locator: Any) -> list[str]:
    return [text.strip() for text in locator.all_inner_texts()]


def stored(page: Any) -> Any:
    raw = page.evaluate(f"() => window.localStorage.getItem({STORAGE_KEY!r})")
    return None if raw is None else json.loads(raw)


def store(visit: Visit, skills: list[tuple[str, int]], **fields: Any) -> None:
    """Put a profile in the browser's storage, as the page would have."""
    document = {
        "kind": "competency-explorer profile",
        "version": 1,
        "skills": [{"code": code, "level": level} for code, level in skills],
        "target": None,
        "notes": {},
        **fields,
    }
    visit.open("#/ladder")
    visit.page.evaluate(
        "([key, value]) => window.localStorage.setItem(key, value)",
        [STORAGE_KEY, json.dumps(document)],
    )


def test_choose_levels_by_their_texts(visit: Visit) -> None:
    skill = visit.server.query(
        '{ skill(code: "PROG") { name levels { level description } } }'
    )["skill"]
    page = visit.open("#/me")
    page.get_by_label("Skill", exact=True).fill("PROG")
    chooser = page.locator('.add-skill .level-chooser[data-code="PROG"]')
    chooser.wait_for()
    assert chooser.locator("legend").inner_text() == (
        "Your level in PROG Programming/software development"
    )
    described = {lvl["level"]: lvl["description"] for lvl in skill["levels"]}
    assert sorted(described) == [2, 3, 4, 5]
    options = chooser.locator(".level-option").all()
    assert [
        (
            option.locator(".level-number").inner_text(),
            option.locator(".level-option-name").inner_text(),
            option.locator(".level-option-text").inner_text(),
            "level-undescribed" in (option.get_attribute("class") or ""),
        )
        for option in options
    ] == [
        (
            str(n),
            LEVEL_NAMES[n],
            described.get(n, "Not described for this skill."),
            n not in described,
        )
        for n in range(1, 8)
    ]

    # Adding without a level asks for one.
    page.get_by_role("button", name="Add skill").click()
    assert page.locator(".form-error").inner_text() == (
        "Choose your level in PROG: read what each level means and pick the one "
        "that describes how you work today."
    )

    # By keyboard: from the skill box into the levels, down to level 4, add.
    page.get_by_label("Skill", exact=True).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.value") == "1"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    level_four = page.get_by_role("radio", name=re.compile(re.escape(described[4])))
    assert level_four.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator('.profile-item[data-code="PROG"]').wait_for()

    # By the text: the level whose description fits.
    page.get_by_label("Skill", exact=True).fill("TEST")
    page.get_by_role(
        "radio", name=re.compile("Designs and automates tests for the features")
    ).check()
    page.get_by_role("button", name="Add skill").click()
    page.locator('.profile-item[data-code="TEST"]').wait_for()
    visit.settle()
    assert texts(page.locator(".profile-level")) == [
        "Level 4 · Enable",
        "Level 3 · Apply",
    ]
    assert stored(page)["skills"] == [
        {"code": "PROG", "level": 4},
        {"code": "TEST", "level": 3},
    ]

    # On a phone the seven levels stack and nothing overflows sideways.
    page.get_by_label("Skill", exact=True).fill("SWDN")
    page.locator('.add-skill .level-chooser[data-code="SWDN"]').wait_for()
    visit.screenshots("self-assessment")


def test_the_profile_survives_a_reload_and_a_new_page(visit: Visit) -> None:
    sent: list[str] = []
    visit.on(
        "request",
        lambda request: (
            sent.append(request.post_data or request.url)
            if "/graphql" in request.url
            else None
        ),
    )
    page = visit.open("#/me")
    for code, level in [("PROG", 4), ("RLMT", 3)]:
        page.get_by_label("Skill", exact=True).fill(code)
        page.locator(
            f'.add-skill .level-chooser[data-code="{code}"] '
            f'.level-option[data-level="{level}"] label'
        ).click()
        page.get_by_role("button", name="Add skill").click()
        page.locator(f'.profile-item[data-code="{code}"]').wait_for()
    page.get_by_label("Target role", exact=True).fill("Lead Engineer")
    page.get_by_role("button", name="Show gap").click()
    # The picker resolves the typed title with the server first.
    page.locator(".gap-title").wait_for()
    visit.settle()
    item = page.locator('.profile-item[data-code="PROG"]')
    item.get_by_text("Change level or write notes").click()
    item.get_by_label("Notes and evidence for PROG").fill(NOTE)
    expected = {
        "kind": "competency-explorer profile",
        "version": 1,
        "skills": [{"code": "PROG", "level": 4}, {"code": "RLMT", "level": 3}],
        "target": "lead-engineer",
        "notes": {"PROG": NOTE},
    }
    assert stored(page) == expected

    def shows_the_profile(shown: Any) -> None:
        assert texts(shown.locator(".profile-item .code")) == ["PROG", "RLMT"]
        assert texts(shown.locator(".profile-level")) == [
            "Level 4 · Enable",
            "Level 3 · Apply",
        ]
        assert shown.get_by_label("Target role", exact=True).input_value() == (
            "Lead Engineer"
        )
        assert shown.locator(".gap-title").inner_text() == (
            "Gap to\nLead Engineer\neffort 20"
        )
        prog = shown.locator('.profile-item[data-code="PROG"]')
        assert prog.locator("summary").inner_text() == (
            "Change level or write notes (has notes)"
        )
        prog.locator("summary").click()
        assert prog.get_by_label("Notes and evidence for PROG").input_value() == NOTE

    page.reload()
    visit.settle()
    assert page.url.endswith("#/me")
    shows_the_profile(page)

    other = page.context.new_page()
    other.goto(f"{visit.server.base_url}/#/me")
    other.locator('.profile-item[data-code="RLMT"]').wait_for()
    other.locator(".gap-title").wait_for()
    shows_the_profile(other)
    # A change in one page shows in the other, which then keeps it.
    other.get_by_role("button", name="Remove RLMT").click()
    page.locator('.profile-item[data-code="RLMT"]').wait_for(state="detached")
    visit.settle()
    assert texts(page.locator(".profile-item .code")) == ["PROG"]
    other.close()
    assert stored(page)["skills"] == [{"code": "PROG", "level": 4}]
    assert stored(page)["notes"] == {"PROG": NOTE}

    # Only the query variables left the browser: never the note.
    assert sent
    assert all(NOTE not in body and "Led the payments" not in body for body in sent)
    profiles = [
        json.loads(body)["variables"]["profile"]
        for body in sent
        if body.startswith("{") and "profile" in json.loads(body)["variables"]
    ]
    assert profiles
    assert all(
        set(json.dumps(p) for p in profile)
        <= {
            json.dumps({"code": "PROG", "level": 4}),
            json.dumps({"code": "RLMT", "level": 3}),
        }
        for profile in profiles
    )
    visit.assert_clean()


def test_export_then_import_gives_the_same_profile(
    visit: Visit, tmp_path: Path
) -> None:
    store(
        visit,
        [("PROG", 4), ("TEST", 3), ("FOO", 2)],
        target="lead-engineer",
        notes={"TEST": "Wrote the contract tests.", "DLMG": "Planned Q3."},
    )
    page = visit.open("#/me")
    before = stored(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download profile (JSON)").click()
    download = download_info.value
    assert re.fullmatch(
        r"my-skills-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    exported = json.loads(path.read_text(encoding="utf-8"))
    assert {key: exported[key] for key in before} == before
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T.*Z", exported["exported"])

    page.get_by_role("button", name="Clear all").click()
    visit.settle()
    assert stored(page)["skills"] == []
    assert page.locator(".keep-status p").inner_text() == "All skills cleared."
    assert page.locator(".keep-status").get_by_role("button").inner_text() == "Undo"

    page.locator(".keep-panel input[type=file]").set_input_files(str(path))
    page.locator(".keep-status", has_text="Imported").wait_for()
    visit.settle()
    assert page.locator(".keep-status p").inner_text() == (
        f"Imported 3 skills from {path.name}."
    )
    assert stored(page) == before
    assert texts(page.locator(".profile-item .code")) == ["PROG", "TEST", "FOO"]
    assert page.get_by_label("Target role", exact=True).input_value() == "Lead Engineer"

    # Undo gives back the profile as it was before the import (empty).
    page.get_by_role("button", name="Undo").click()
    visit.settle()
    assert stored(page)["skills"] == []

    # A file that is not a profile is refused in words, and nothing changes.
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    page.locator(".keep-panel input[type=file]").set_input_files(str(bad))
    page.locator(".keep-status", has_text="not imported").wait_for()
    assert page.locator(".keep-status").inner_text() == (
        "notes.json was not imported: it has no list of skills (expected a "
        "profile exported by My skills)."
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    page.locator(".keep-panel input[type=file]").set_input_files(str(broken))
    page.locator(".keep-status", has_text="broken.json").wait_for()
    assert (
        page.locator(".keep-status")
        .inner_text()
        .startswith("broken.json was not imported: it is not JSON (")
    )
    assert stored(page)["skills"] == []
    visit.assert_clean()


def test_a_link_with_an_unknown_skill_still_shows_matches_and_a_gap(
    visit: Visit,
) -> None:
    known = [{"code": "PROG", "level": 4}]
    expected = visit.server.query(
        """query($p: [SkillLevelInput!]!) {
             matchRoles(profile: $p, limit: 8) { role { title } gap { effort } }
             skillGap(profile: $p, target: "lead-engineer") { effort } }""",
        {"p": known},
    )
    store(visit, [("TEST", 2)])
    page = visit.open("#/me?skills=PROG:4,FOO:3&target=lead-engineer")
    assert page.locator(".link-banner h2").inner_text() == "Skills from a link"
    assert texts(page.locator(".profile-item .code")) == ["PROG", "FOO"]
    assert page.locator(
        '.profile-item[data-code="FOO"] .unknown-note'
    ).inner_text() == ("Not in this framework: left out of matches and gaps")
    assert page.locator(".profile-summary").inner_text() == (
        "2 skills; not in this framework, so left out of matches and gaps: FOO"
    )
    shown = [
        (
            item.locator(".role-link").inner_text(),
            item.locator(".effort-badge").inner_text(),
        )
        for item in page.locator(".match-item").all()
    ]
    assert shown == [
        (m["role"]["title"], f"effort {m['gap']['effort']}")
        for m in expected["matchRoles"]
    ]
    assert len(shown) == 8
    assert page.locator(".gap-title").inner_text() == (
        f"Gap to\nLead Engineer\neffort {expected['skillGap']['effort']}"
    )
    assert page.locator(".state-error").count() == 0
    # The stored profile is not touched by the link, nor by changes to it,
    # which stay in the address...
    page.get_by_role("button", name="Remove FOO").click()
    visit.settle()
    assert page.url.endswith("#/me?skills=PROG%3A4&target=lead-engineer")
    assert [s["code"] for s in stored(page)["skills"]] == ["TEST"]
    page.goto(f"{visit.server.base_url}/#/me?skills=PROG:4,FOO:3&target=lead-engineer")
    visit.settle()
    # ...until the person keeps it.
    page.get_by_role("button", name="Keep these as my profile").click()
    visit.settle()
    assert page.url.endswith("#/me")
    assert stored(page)["skills"] == [
        {"code": "PROG", "level": 4},
        {"code": "FOO", "level": 3},
    ]
    assert stored(page)["target"] == "lead-engineer"
    assert page.locator(".link-banner").count() == 0
    visit.assert_clean()


PLAN_QUERY = """query($p: [SkillLevelInput!]!) {
  developmentPlan(profile: $p, target: "lead-engineer") {
    effort
    items { skill { code } from to levels { level description }
            resources { title url kind level } }
    met { skill { code } }
  }
}"""


def shown_levels(item: dict[str, Any]) -> list[tuple[str, str]]:
    """The levels a plan item shows: every level above the person's, or for a
    new skill from the first the skill describes (the target alone when it
    describes none); each with its text or "Not described"."""
    texts = {lvl["level"]: lvl["description"] for lvl in item["levels"]}
    start = item["from"] + 1 if item["from"] else min([item["to"], *texts])
    return [
        (str(n), texts.get(n, "Not described for this skill."))
        for n in range(start, item["to"] + 1)
    ]


def test_the_plan_view_shows_texts_resources_and_notes(
    visit: Visit, tmp_path: Path
) -> None:
    skills = [("PROG", 3), ("RLMT", 4), ("PDSV", 2), ("FOO", 5)]
    plan = visit.server.query(
        PLAN_QUERY,
        {"p": [{"code": c, "level": n} for c, n in skills if c != "FOO"]},
    )["developmentPlan"]
    store(visit, skills, target="lead-engineer", notes={"DLMG": "Planned Q3."})
    page = visit.open("#/plan?target=lead-engineer")
    assert page.locator("h1").inner_text() == "To Lead Engineer"
    assert page.locator(".plan-summary").inner_text() == (
        f"effort {plan['effort']} 5 skills to grow, 1 already met."
    )
    assert page.locator(".plan-left-out").inner_text() == (
        "Left out (not in this framework): FOO."
    )
    items = page.locator(".plan-item").all()
    assert [item.get_attribute("data-code") for item in items] == [
        i["skill"]["code"] for i in plan["items"]
    ]
    for item, expected in zip(items, plan["items"], strict=True):
        assert [
            (lvl.get_attribute("data-level"), lvl.locator(".prose").inner_text())
            for lvl in item.locator(".skill-level").all()
        ] == shown_levels(expected)
        assert texts(item.locator(".resource-title")) == [
            r["title"] for r in expected["resources"]
        ]
    # PDSV, from 2 to 4, is described at 4 and 5: level 3 is shown as not
    # described, not skipped. METL, new, starts at 4: no step below that.
    levels_of = {
        code: [
            lvl.get_attribute("data-level")
            for lvl in page.locator(
                f'.plan-item[data-code="{code}"] .skill-level'
            ).all()
        ]
        for code in ("PDSV", "METL")
    }
    assert levels_of == {"PDSV": ["3", "4"], "METL": ["4", "5"]}
    assert page.locator(
        '.plan-item[data-code="PDSV"] .skill-level[data-level="3"] .prose'
    ).inner_text() == ("Not described for this skill.")
    prog = page.locator('.plan-item[data-code="PROG"]')
    assert texts(prog.locator(".resource")) == [
        "Run the team's code review rota for a quarter practice · level 4",
        "Working Effectively with Legacy Code (Michael Feathers) book · level 4",
        "Setting coding standards that teams keep course · level 5",
        "Weekly code reading club practice · any level",
    ]
    assert prog.locator("a.resource-title").first.get_attribute("href") == (
        "https://learning.example.org/courses/coding-standards"
    )
    assert texts(page.locator(".plan-met .code")) == ["RLMT"]
    # Notes typed here are kept with the profile, and the ones kept show here.
    dlmg = page.get_by_label("Evidence and notes for DLMG")
    assert dlmg.input_value() == "Planned Q3."
    page.get_by_label("Evidence and notes for PROG").fill(NOTE)
    assert stored(page)["notes"] == {"DLMG": "Planned Q3.", "PROG": NOTE}
    visit.screenshots("plan")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download as Markdown").click()
    download = download_info.value
    assert download.suggested_filename == "plan-lead-engineer.md"
    markdown = Path(download.path()).read_text(encoding="utf-8")
    assert NOTE in markdown and "Planned Q3." in markdown
    assert "- Left out (not in this framework): FOO\n" in markdown
    assert (
        "- [Weekly code reading club](<https://learning.example.org/code-club>) "
        "(practice, any level)\n"
    ) in markdown
    # The same document as `competency plan` on the stored profile.
    profile_file = tmp_path / "profile.json"
    profile_file.write_text(json.dumps(stored(page)), encoding="utf-8")
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "competency_explorer",
            "plan",
            "--profile",
            str(profile_file),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert markdown == cli.stdout

    # Printed: no navigation, no buttons, notes as text, a page per skill.
    page.emulate_media(media="print")
    page.evaluate(TWO_FRAMES)
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="Download as Markdown").is_visible()
    assert not page.get_by_label("Evidence and notes for PROG").is_visible()
    assert prog.locator(".print-note").inner_text() == NOTE
    assert page.locator('.plan-item[data-code="METL"] .print-note').inner_text() == (
        "None yet."
    )
    breaks = page.evaluate(
        """() => [...document.querySelectorAll('.plan-item')]
             .map(item => getComputedStyle(item).breakBefore)"""
    )
    assert breaks == ["auto", "page", "page", "page", "page"]
    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible()
    visit.assert_clean()


def test_a_progression_step_opens_its_plan(visit: Visit) -> None:
    role = visit.server.query(
        '{ role(slug: "software-engineer") { requirements { level optional '
        "skill { code } } } }"
    )["role"]
    core = [
        {"code": r["skill"]["code"], "level": r["level"]}
        for r in role["requirements"]
        if not r["optional"]
    ]
    expected = visit.server.query(
        """query($p: [SkillLevelInput!]!) {
             developmentPlan(profile: $p, target: "engineering-team-lead") {
               effort items { skill { code } } } }""",
        {"p": core},
    )["developmentPlan"]
    page = visit.open("#/progression?from=software-engineer&to=engineering-manager")
    step = page.get_by_role("link", name="Plan for this step, to Engineering Team Lead")
    assert step.get_attribute("href") == (
        "#/plan?target=engineering-team-lead&from=software-engineer"
    )
    step.click()
    visit.settle()
    assert (
        page.locator(".plan-source")
        .inner_text()
        .startswith(
            "From the core skills of Software Engineer: this browser keeps no profile "
            "of yours yet."
        )
    )
    assert [
        item.get_attribute("data-code") for item in page.locator(".plan-item").all()
    ] == [item["skill"]["code"] for item in expected["items"]]
    assert page.locator(".plan-summary .effort-badge").inner_text() == (
        f"effort {expected['effort']}"
    )

    # With a profile in this browser, the step's plan starts from it.
    store(visit, [("PROG", 4), ("DLMG", 4)])
    page = visit.open("#/progression?from=software-engineer&to=engineering-manager")
    step = page.get_by_role("link", name="Plan for this step, to Engineering Team Lead")
    assert step.get_attribute("href") == "#/plan?target=engineering-team-lead"
    step.click()
    visit.settle()
    assert (
        page.locator(".plan-source")
        .inner_text()
        .startswith("From your profile: 2 skills, kept in this browser.")
    )
    visit.assert_clean()


def test_the_skill_page_lists_its_resources(visit: Visit) -> None:
    expected = visit.server.query(
        '{ skill(code: "PDSV") { resources { title kind level } } }'
    )["skill"]["resources"]
    page = visit.open("#/skill/PDSV")
    assert texts(page.locator(".skill-resources .resource")) == [
        f"{r['title']} {r['kind']} · "
        + ("any level" if r["level"] is None else f"level {r['level']}")
        for r in expected
    ]
    assert len(expected) == 2
    visit.assert_clean()


def test_a_plan_without_a_target_asks_for_one(visit: Visit) -> None:
    page = visit.open("#/plan?target=astronaut")
    assert page.locator(".state-empty h2").inner_text() == (
        "No role has the address “astronaut”."
    )
    page.get_by_label("Target role", exact=True).fill("Engineering Manager")
    page.get_by_role("button", name="Show the plan").click()
    # The picker resolves the typed title with the server before the address.
    page.wait_for_function(
        "() => location.hash === '#/plan?target=engineering-manager'"
    )
    visit.settle()
    assert page.url.endswith("#/plan?target=engineering-manager")
    assert page.locator("h1").inner_text() == "To Engineering Manager"
    assert (
        page.locator(".plan-source")
        .inner_text()
        .startswith(
            "Your profile in this browser has no skills yet, so every skill of the "
            "role is new."
        )
    )
    visit.assert_clean()
