"""The SFIA download as the skills catalogue: CSV and XLSX tables, errors, merge."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import sfia_factory as factory
from competency_explorer.loader import load
from competency_explorer.model import Location
from competency_explorer.sources import sfia
from competency_explorer.sources.drafts import (
    AttributeDraft,
    LevelDraft,
    SkillDraft,
    SourceResult,
)

DATA = Path(__file__).parent / "data"
FIXTURES = DATA / "sfia"
BROKEN = DATA / "broken" / "sfia"

ATTRIBUTION = (
    "Contains information from the Skills Framework for the Information Age "
    "with the permission of the SFIA Foundation"
)
DEV = "Development and implementation"


def skill(
    code: str,
    line: int,
    name: str,
    category: str,
    subcategory: str,
    description: str,
    guidance: str,
    levels: dict[int, str],
    path: str = "skills.csv",
) -> SkillDraft:
    origin = Location(path, line)
    return SkillDraft(
        code=code,
        origin=origin,
        name=name,
        category=category,
        subcategory=subcategory,
        description=description,
        guidance=guidance,
        url=f"https://example.org/skills/{code.lower()}",
        levels=levels,
        level_origins=dict.fromkeys(levels, origin),
    )


def expected_skills(path: str, lines: tuple[int, int, int]) -> list[SkillDraft]:
    return [
        skill(
            "PROG",
            lines[0],
            "Programming/software development",
            DEV,
            "Systems development",
            "Organizes the writing of invented programs and their upkeep.",
            "Invented activities include:\nwriting code for the team\u2019s tools\n"
            "reviewing changes",
            {
                2: "Writes small invented programs under close direction.",
                3: "Writes and tests invented programs to agreed standards.",
                4: "Leads the design of invented program parts.",
                5: "Sets the team\u2019s invented coding practices.",
                6: "Shapes the organization\u2019s invented approach to software.",
            },
            path,
        ),
        skill(
            "TEST",
            lines[1],
            "Functional testing",
            DEV,
            "Validation",
            "Checks that invented systems behave as specified.",
            "Invented notes on checking.",
            {
                1: "Runs checks that others prepared.",
                2: "Prepares simple checks.",
                3: "Designs checks for a feature.",
                4: "Plans the checking of a release.",
                5: "Owns the checking approach of a product.",
                6: "Sets the checking policy across products.",
            },
            path,
        ),
        skill(
            "ETMG",
            lines[2],
            "Learning and development management",
            "People and skills",
            "Skills management",
            "Helps people grow the skills the work needs.",
            "Invented guidance on learning.",
            {
                3: "Keeps records of invented training.",
                4: "Arranges invented training for a team.",
                5: "Plans the invented training of a department.",
                6: "Determines the organization\u2019s invented learning program.",
                7: "Sets the invented learning strategy.",
            },
            path,
        ),
    ]


def expected_attributes(path: str, lines: tuple[int, int]) -> list[AttributeDraft]:
    return [
        AttributeDraft(
            code="AUTO",
            origin=Location(path, lines[0]),
            name="Autonomy",
            type="Attributes",
            description="How far someone works without direction.",
            guidance="Invented note:\nread with the other attributes",
            url="https://example.org/attributes/auto",
            levels={n: f"Invented autonomy text {n}." for n in range(1, 8)},
        ),
        AttributeDraft(
            code="COMM",
            origin=Location(path, lines[1]),
            name="Communication",
            type="Business skills/Behavioural factors",
            description="How someone shares what they know.",
            guidance="Invented note on talking and writing.",
            url="https://example.org/attributes/comm",
            levels={n: f"Invented communication text {n}." for n in range(2, 8)},
        ),
    ]


LEVELS = {
    1: ("Watch and learn", "Does set tasks under close watch."),
    2: ("Help out", "Helps others with routine work."),
    3: ("Do", "Does varied work with some freedom."),
    4: ("Make it possible", "Makes it possible for others to do the work."),
    5: ("Answer for it", "Answers for the results of a broad area."),
    6: ("Start and sway", "Starts work that sways the organization\u2019s direction."),
    7: ("Set the course", "Sets the course for the whole organization."),
}


def expected_levels(path: str, line: int) -> list[LevelDraft]:
    return [
        LevelDraft(n, Location(path, line), guiding_phrase=phrase, essence=essence)
        for n, (phrase, essence) in LEVELS.items()
    ]


def read(path: Path, display: str | None = None) -> SourceResult:
    return sfia.read(path, display or path.name)


def messages(result: SourceResult) -> list[str]:
    return [str(problem) for problem in result.problems]


# --- CSV tables -------------------------------------------------------------


def test_the_fixtures_hold_the_bytes_the_download_has() -> None:
    # cp1252 curly quotes and non-breaking spaces, LF endings, quoted newlines.
    data = (FIXTURES / "skills.csv").read_bytes()
    assert b"\x92" in data
    assert b"\xa0" in data
    assert b"\r" not in data
    assert b'"Invented activities include:\nwriting code' in data


def test_skills_table() -> None:
    result = read(FIXTURES / "skills.csv")
    assert messages(result) == []
    # PROG's guidance holds two newlines, so TEST starts on physical line 5.
    assert result.skills == expected_skills("skills.csv", (2, 5, 6))
    assert result.catalogue is True
    assert result.attribution == ATTRIBUTION
    assert (result.attributes, result.levels) == ([], [])


def test_attributes_table() -> None:
    result = read(FIXTURES / "attributes.csv")
    assert messages(result) == []
    assert result.attributes == expected_attributes("attributes.csv", (2, 4))
    assert result.catalogue is False
    assert result.attribution == ATTRIBUTION


def test_sideways_levels_table() -> None:
    result = read(FIXTURES / "levels.csv")
    assert messages(result) == []
    assert result.levels == expected_levels("levels.csv", 1)
    assert result.catalogue is False
    assert result.attribution == ATTRIBUTION


def test_tables_are_recognised_by_header_not_by_name(tmp_path: Path) -> None:
    misleading = tmp_path / "sfia-9_levels.csv"
    shutil.copy(FIXTURES / "skills.csv", misleading)
    result = read(misleading)
    assert [s.code for s in result.skills] == ["PROG", "TEST", "ETMG"]
    assert result.levels == []


@pytest.mark.parametrize(
    ("name", "convert"),
    [
        ("utf-8 with a BOM", lambda b: b.decode("cp1252").encode("utf-8-sig")),
        ("utf-8", lambda b: b.decode("cp1252").encode("utf-8")),
        ("CRLF line endings", lambda b: b.replace(b"\n", b"\r\n")),
    ],
)
def test_other_encodings_and_line_endings(
    tmp_path: Path, name: str, convert: Callable[[bytes], bytes]
) -> None:
    copy = tmp_path / "skills.csv"
    copy.write_bytes(convert((FIXTURES / "skills.csv").read_bytes()))
    result = read(copy)
    assert messages(result) == []
    assert result.skills == expected_skills("skills.csv", (2, 5, 6))


# --- XLSX -------------------------------------------------------------------


def fixture_tables() -> dict[str, factory.Rows]:
    """The three CSV fixtures as sheets, with numbers as numbers."""
    import csv

    tables: dict[str, factory.Rows] = {}
    for title, name in [
        ("Skills", "skills.csv"),
        ("Attributes", "attributes.csv"),
        ("Levels", "levels.csv"),
    ]:
        text = (FIXTURES / name).read_bytes().decode("cp1252")
        rows = list(csv.reader(text.splitlines(keepends=True)))
        tables[title] = [
            [int(c) if c.isdigit() else (c or None) for c in row] for row in rows
        ]
    return tables


def test_xlsx_workbook_built_with_openpyxl(tmp_path: Path) -> None:
    sheets = {"Read me": [["This workbook is invented for a test."]]}
    sheets.update(fixture_tables())
    workbook = factory.write_xlsx(tmp_path / "sfia-9.xlsx", sheets)
    result = read(workbook)
    assert messages(result) == [
        "sfia-9.xlsx:0: warning: sheet 'Read me' ignored: header row not "
        "recognised as an SFIA skills, attributes or levels table"
    ]
    assert result.skills == expected_skills("sfia-9.xlsx", (2, 3, 4))
    assert result.attributes == expected_attributes("sfia-9.xlsx", (2, 3))
    assert result.levels == expected_levels("sfia-9.xlsx", 1)
    assert result.catalogue is True
    assert result.attribution == ATTRIBUTION


def test_xlsx_problem_names_the_row_and_the_sheet(tmp_path: Path) -> None:
    tables = fixture_tables()
    tables["Skills"][3][2] = "two"  # ETMG, row 4, column for level 2
    workbook = factory.write_xlsx(tmp_path / "sfia-9.xlsx", tables)
    assert messages(read(workbook)) == [
        "sfia-9.xlsx:4: error: sheet 'Skills': ETMG: bad level number 'two' in "
        "the Levels column for level 2; expected 2 or an empty cell"
    ]


def test_xlsx_without_any_sfia_sheet(tmp_path: Path) -> None:
    workbook = factory.write_xlsx(
        tmp_path / "team.xlsx", {"People": [["Name", "Email"]], "Empty": []}
    )
    assert messages(read(workbook)) == [
        "team.xlsx:0: warning: sheet 'People' ignored: header row not recognised "
        "as an SFIA skills, attributes or levels table",
        "team.xlsx:0: error: no sheet has a header row recognised as an SFIA "
        "skills, attributes or levels table (sheets: 'People', 'Empty')",
    ]


# --- Errors -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "unrecognised-header.csv",
            "1: error: header row not recognised as an SFIA skills, attributes or "
            "levels table",
        ),
        (
            "renamed-column.csv",
            "1: error: header row not recognised as an SFIA skills, attributes or "
            "levels table (as a skills table, column 11 should be 'Skill'; found "
            "'Skill name')",
        ),
        (
            "wrong-encoding.csv",
            "4: error: byte 0x81 at offset 496 is neither cp1252 nor UTF-8; "
            "expected a CSV file in cp1252 (as downloaded from SFIA) or UTF-8",
        ),
        (
            "utf16.csv",
            "0: error: file is UTF-16 text; expected a CSV file in cp1252 (as "
            "downloaded from SFIA) or UTF-8",
        ),
        (
            "truncated-row.csv",
            "5: error: truncated row: 10 cells where the header row has 22",
        ),
        (
            "bad-level.csv",
            "2: error: PROG: bad level number '9' in the Levels column for level 3; "
            "expected 3 or an empty cell",
        ),
        (
            "bad-level-header.csv",
            "1: error: bad level number 'three' in column 4 of the levels header "
            "row; expected 1 to 7",
        ),
        (
            "empty.csv",
            "0: error: file is empty; expected an SFIA skills, attributes or "
            "levels table",
        ),
        (
            "corrupt.xlsx",
            "0: error: file is not a readable XLSX workbook (it is not a zip "
            "archive); expected the SFIA download saved as .xlsx",
        ),
    ],
)
def test_broken_file(name: str, expected: str) -> None:
    assert messages(read(BROKEN / name, name)) == [f"{name}:{expected}"]


def test_a_workbook_named_csv(tmp_path: Path) -> None:
    workbook = factory.write_xlsx(tmp_path / "x.xlsx", fixture_tables())
    misnamed = workbook.rename(tmp_path / "skills.csv")
    assert messages(read(misnamed)) == [
        "skills.csv:0: error: file is an XLSX workbook (a zip archive), not CSV "
        "text; name it .xlsx"
    ]


def test_a_damaged_workbook(tmp_path: Path) -> None:
    damaged = tmp_path / "sfia-9.xlsx"
    import zipfile

    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("hello.txt", "not a workbook inside")
    assert messages(read(damaged)) == [
        'sfia-9.xlsx:0: error: file is not a readable XLSX workbook ("There is '
        "no item named '[Content_Types].xml' in the archive\"); expected the SFIA "
        "download saved as .xlsx"
    ]


# --- Warnings about the content -----------------------------------------------


def one_skill_csv(tmp_path: Path, row: factory.SkillRow) -> Path:
    return factory.write_csv(tmp_path / "s.csv", factory.skills_table([row]))


def test_levels_columns_that_disagree_with_descriptions(tmp_path: Path) -> None:
    rows = factory.skills_table([factory.full_size_skills()[0]])  # levels 1-5
    rows[1][1 + 6] = 7  # also mark level 7, which has no description
    path = factory.write_csv(tmp_path / "s.csv", rows)
    assert messages(read(path)) == [
        "s.csv:2: warning: K000: the Levels columns mark levels 1, 2, 3, 4, 5, 7 "
        "but descriptions are given for levels 1, 2, 3, 4, 5"
    ]


def test_levels_that_are_not_contiguous(tmp_path: Path) -> None:
    row = factory.full_size_skills()[0]
    del row.levels[3]
    assert messages(read(one_skill_csv(tmp_path, row))) == [
        "s.csv:2: warning: K000: described levels 1, 2, 4, 5 are not contiguous"
    ]


def test_an_unsafe_link_is_dropped_with_a_warning(tmp_path: Path) -> None:
    rows = factory.skills_table([factory.full_size_skills()[0]])
    url_column = rows[0].index("URL")
    rows[1][url_column] = "javascript:alert(1)"
    path = factory.write_csv(tmp_path / "s.csv", rows)
    result = read(path)
    assert messages(result) == [
        "s.csv:2: warning: skill K000: URL 'javascript:alert(1)': the scheme "
        "'javascript:' is not allowed (use http, https or mailto); it is ignored"
    ]
    assert result.skills[0].url is None


def test_duplicate_code(tmp_path: Path) -> None:
    skills = factory.full_size_skills()[:2]
    skills[1].code = "K000"
    path = factory.write_csv(tmp_path / "s.csv", factory.skills_table(skills))
    result = read(path)
    # Each generated guidance holds two newlines: the second row is on line 5.
    assert messages(result) == [
        "s.csv:5: error: skill code K000 appears more than once (first at line 2)"
    ]
    assert [s.code for s in result.skills] == ["K000"]


def test_unknown_attribute_type(tmp_path: Path) -> None:
    attribute = factory.full_size_attributes()[0]
    attribute.type = "Traits"
    path = factory.write_csv(tmp_path / "a.csv", factory.attributes_table([attribute]))
    assert messages(read(path)) == [
        "a.csv:2: warning: attribute AUTO has type 'Traits'; expected "
        "'Attributes' or 'Business skills/Behavioural factors'"
    ]


def test_levels_table_with_an_unknown_row_and_no_essence(tmp_path: Path) -> None:
    rows = factory.levels_table(LEVELS)
    rows[2] = ["Motto", *["x"] * 7]
    path = factory.write_csv(tmp_path / "l.csv", rows)
    result = read(path)
    assert messages(result) == [
        "l.csv:3: warning: row 'Motto' ignored; expected 'Guiding phrase', "
        "'Essence of the level' or 'URL'",
        "l.csv:1: warning: the levels table has no 'Essence of the level' row",
    ]
    assert [(lvl.guiding_phrase, lvl.essence) for lvl in result.levels[:2]] == [
        ("Watch and learn", None),
        ("Help out", None),
    ]


# --- Merged with role cards -----------------------------------------------------


def test_catalogue_wins_over_role_cards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = load(["sfia"])
    assert [str(p) for p in result.problems] == [
        # TEST's subcategory and level 2 text differ; PROG's description and
        # level 3 differ only in UK spelling ("organises", "programmes").
        "sfia/cards/invented-engineer.md:31: warning: 2 field(s) of 1 skill(s) "
        "differ from the skills catalogue sfia/skills.csv, which wins "
        "(for example TEST subcategory)",
        "sfia/cards/invented-lead.md:27: warning: role 'Invented Lead' requires "
        "PROG at level 7, which the skill does not describe "
        "(described levels: 2, 3, 4, 5, 6)",
        # The card's level 7 text is not added: SFIA defines PROG at 2-6 only.
        "sfia/cards/invented-lead.md:33: warning: 1 field(s) of 1 skill(s) "
        "differ from the skills catalogue sfia/skills.csv, which wins "
        "(for example PROG level 7)",
    ]
    framework = result.framework
    assert framework is not None
    catalogue = {d.code: d for d in expected_skills("sfia/skills.csv", (2, 5, 6))}
    for code, draft in catalogue.items():
        merged = framework.skill(code)
        assert merged is not None
        assert (merged.name, merged.subcategory, merged.description) == (
            draft.name,
            draft.subcategory,
            draft.description,
        )
        assert {lvl.level: lvl.description for lvl in merged.levels} == draft.levels
    assert [r.slug for r in framework.roles] == ["invented-lead", "invented-engineer"]
    assert framework.attribution == ATTRIBUTION
    assert [a.code for a in framework.attributes] == ["AUTO", "COMM"]
    assert [lvl.guiding_phrase for lvl in framework.levels] == [
        phrase for phrase, _ in LEVELS.values()
    ]


def test_skills_keep_whether_a_catalogue_defined_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The health report's SKILL_USED_ONCE reads the flag; equality ignores it.
    monkeypatch.chdir(DATA)
    with_catalogue = load(["sfia"]).framework
    cards_only = load(["sfia/cards"]).framework
    assert with_catalogue is not None and cards_only is not None
    assert [(s.code, s.catalogue) for s in with_catalogue.skills] == [
        ("ETMG", True),
        ("PROG", True),
        ("TEST", True),
    ]
    assert [(s.code, s.catalogue) for s in cards_only.skills] == [
        ("ETMG", False),
        ("PROG", False),
        ("TEST", False),
    ]
    assert replace(cards_only.skills[0], catalogue=True) == cards_only.skills[0]


# --- The full-size export -------------------------------------------------------


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_full_size_export(tmp_path: Path, form: str) -> None:
    if form == "csv":
        paths = factory.write_full_size_csv(tmp_path)
    else:
        paths = [factory.write_full_size_xlsx(tmp_path / "sfia-9.xlsx")]
    result = load(paths)
    assert result.errors == ()
    framework = result.framework
    assert framework is not None
    assert len(framework.skills) == factory.FULL_SKILLS == 147
    assert sum(len(s.levels) for s in framework.skills) == 672
    assert len(framework.categories) == factory.FULL_CATEGORIES == 6
    assert len(framework.subcategories) == factory.FULL_SUBCATEGORIES == 22
    assert len(framework.attributes) == factory.FULL_ATTRIBUTES == 16
    assert [a.code for a in framework.attributes if a.type == "Attributes"] == [
        "AUTO",
        "COMP",
        "INFL",
        "KNGE",
    ]
    assert all(lvl.guiding_phrase and lvl.essence for lvl in framework.levels)
    assert framework.attribution == ATTRIBUTION
