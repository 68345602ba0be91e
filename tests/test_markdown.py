"""The Markdown role-card source: the reference card, variations, problems."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competency_explorer.cli import main
from competency_explorer.loader import load
from competency_explorer.model import Location
from competency_explorer.sources.drafts import RoleDraft, SkillDraft, SourceResult
from competency_explorer.sources.markdown import parse, read

ROOT = Path(__file__).parent.parent
CARDS = Path("tests/data/cards")
BROKEN = Path("tests/data/broken/cards")
CONFLICT = Path("tests/data/conflict")
DOE = CARDS / "director-of-engineering.md"


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems print paths as given: relative paths keep the expectations short.
    monkeypatch.chdir(ROOT)


def read_card(path: Path) -> SourceResult:
    return read(path, str(path))


def parse_text(text: str) -> SourceResult:
    result = SourceResult(path="card.md")
    parse(text, result)
    return result


# The shared Director of Engineering card, field by field.


def test_reference_card_role() -> None:
    result = read_card(DOE)

    assert result.problems == []
    [role] = result.roles
    assert role.title == "Director of Engineering"
    assert role.level == 6
    assert role.career_path == "Management"
    assert role.summary == (
        "An exceptional technical leader recognised for outstanding "
        "contributions to engineering excellence."
    )
    assert role.overview == (
        "Distinguished Engineers are exceptional technical leaders recognised "
        "for their outstanding contributions to engineering excellence and "
        "organisational impact."
    )
    assert role.origin == Location(str(DOE), 1)
    assert [(r.code, r.level, r.origin.line) for r in role.requirements] == [
        ("ETMG", 6, 19),
        ("POMG", 6, 49),
        ("SORC", 6, 82),
        ("SUPP", 6, 116),
    ]


REFERENCE_SKILLS = [
    pytest.param(
        "ETMG",
        "Learning and development management",
        "People and skills",
        "Skills management",
        "Delivering management, advisory and administrative services to support "
        "the development of knowledge, skills and competencies.",
        (
            "Activities may include, but are not limited to:",
            "developing the full\xa0range of professional, business or technical "
            "capabilities required by the organisation",
            "administering, documenting, tracking and reporting on learning and "
            "development activities.",
            8,
        ),
        "Determines the learning and development programme and delivery "
        "mechanisms needed to grow staff skills in line with business needs.\n"
        "Identifies appropriate accreditation and qualification paths applicable "
        "to individuals within the organisation.\n"
        "Evaluates learning outcomes.\n"
        "Manages the development and provision of all learning, taking account of "
        "the strategic aims of the employing organisation.",
        (19, 40),
        id="ETMG",
    ),
    pytest.param(
        "POMG",
        "Portfolio management",
        "Change and transformation",
        "Change implementation",
        "Developing and applying a management framework to define and deliver a "
        "portfolio of programmes, projects and/or ongoing services.",
        (
            "Activities include, but are not limited to:",
            "alignment of investment with\xa0specific business strategies and "
            "objectives",
            "management of the service pipeline (proposed or in development), "
            "service catalogue (live or available for deployment) and retired "
            "services.",
            11,
        ),
        "Engages and influences senior managers to ensure the portfolio will "
        "deliver the agreed business objectives.\n"
        "Leads the definition, planning, scheduling and monitoring of portfolio "
        "activities, ensuring alignment with governance standards.\n"
        "Ensures each portfolio component contributes to the overall objectives. "
        "Identifies and addresses portfolio-related issues, recommending and "
        "monitoring corrective actions.\n"
        "Collects and summarises portfolio measures, reporting on status and "
        "ensuring compliance with governance frameworks.",
        (49, 73),
        id="POMG",
    ),
    pytest.param(
        "SORC",
        "Sourcing",
        "Relationships and engagement",
        "Stakeholder management",
        "Managing, or providing advice on, the procurement or commissioning of "
        "products and services.",
        (
            "Activities may include, but are not limited to:",
            "providing policies and standards for procurement",
            "placing, monitoring and terminating contracts.",
            12,
        ),
        "Develops policy and procedures for sourcing and procurement activities.\n"
        "Establishes procurement strategies, standards, methods, processes and "
        "good practices that ensure compliance with legislation, regulation and "
        "information security requirements.\n"
        "Leads the procurement process, from clarifying requirements through to "
        "placing, monitoring and terminating contracts. Conducts complex "
        "negotiations and sets parameters for routine negotiations. Ensures terms "
        "and conditions align with organisational requirements, current "
        "legislation and policy.\n"
        "Identifies external partners, engaging with professionals in related "
        "disciplines as appropriate.",
        (82, 107),
        id="SORC",
    ),
    pytest.param(
        "SUPP",
        "Supplier management",
        "Relationships and engagement",
        "Stakeholder management",
        "Aligning the organisations supplier performance objectives and "
        "activities with sourcing strategies and plans, balancing costs, "
        "efficiencies and service quality.",
        (
            "Activities may include, but are not limited to:",
            "establishing working relationships based on collaboration, trust and "
            "open communication",
            "implementing policies for selection of suppliers and bench-marking "
            "supplier performance.",
            12,
        ),
        "Develops organisational policies, standards and guidelines to ensure "
        "effective supplier management across the integrated supply chain.\n"
        "Defines the approach for commercial communications and the management "
        "of relationships with suppliers. Establishes a positive and effective "
        "working environment with suppliers for mutual benefit.\n"
        "Ensures resources and tools are in place to conduct bench-marking. "
        "Reviews supplier analysis and assesses effectiveness across the supply "
        "chain.\n"
        "Manages risks and assures the quality of the services delivered by "
        "suppliers.",
        (116, 141),
        id="SUPP",
    ),
]


@pytest.mark.parametrize(
    (
        "code",
        "name",
        "category",
        "subcategory",
        "description",
        "guidance",
        "attainment",
        "lines",
    ),
    REFERENCE_SKILLS,
)
def test_reference_card_skill(
    code: str,
    name: str,
    category: str,
    subcategory: str,
    description: str,
    guidance: tuple[str, str, str, int],
    attainment: str,
    lines: tuple[int, int],
) -> None:
    skills = {skill.code: skill for skill in read_card(DOE).skills}
    skill = skills[code]
    first, first_item, last, line_count = guidance
    heading_line, attainment_line = lines

    assert skill.name == name
    assert skill.category == category
    assert skill.subcategory == subcategory
    assert skill.url == f"https://sfia-online.org/en/skillcode/9/{code}"
    assert skill.description == description
    assert skill.guidance is not None
    # The notes keep their lines: the lead-in, one blank line, then the items.
    assert skill.guidance.split("\n")[:3] == [first, "", first_item]
    assert skill.guidance.split("\n")[-1] == last
    assert len(skill.guidance.split("\n")) == line_count
    assert skill.levels == {6: attainment}
    assert skill.origin == Location(str(DOE), heading_line)
    assert skill.level_origins == {6: Location(str(DOE), attainment_line)}


# The variation cards in tests/data/cards, each with the values it must give.

PROG_DESCRIPTION = (
    "Building, changing and looking after software so that it does what people "
    "need, safely and reliably."
)
PROG_GUIDANCE = (
    "Typical activities include:\n"
    "\n"
    "writing and changing code to agreed standards\n"
    "reviewing code written by colleagues\n"
    "writing automated tests alongside the code\n"
    "fixing faults found in live services\n"
    "keeping code readable for the next person who works on it."
)

VARIATIONS = [
    pytest.param(
        "graduate-engineer-crlf.md",
        ("Graduate Software Engineer", 2, "Technical", 1),
        "Learns the craft of software engineering on a supportive team.",
        "Graduate engineers join a product team and take on small, well-defined "
        "changes. They pair with experienced colleagues, ask plenty of questions "
        "and build good habits in testing and review.",
        [("PROG", 2, 19), ("TEST", 2, 46)],
        id="crlf",
    ),
    pytest.param(
        "software-engineer.md",
        ("Software Engineer", 3, "Technical", 1),
        "Delivers well-tested features without close supervision.",
        "Software engineers build and change the team's services, taking a "
        "feature from a ticket to production.\n\nThey review their colleagues' "
        "work and help graduates find their feet.",
        [("PROG", 3, 21), ("SWDN", 3, 48), ("TEST", 3, 74)],
        id="trailing-spaces",
    ),
    pytest.param(
        "card-07.md",
        ("Senior Software Engineer", 4, "Technical", 3),
        "Owns significant components and raises the standard of the team's work.",
        "Senior engineers design and build the harder parts of a product.\nThey "
        "choose approaches for the team, lead reviews and coach less experienced "
        "engineers.",
        [("PROG", 4, 40), ("SWDN", 4, 89), ("TEST", 4, 137)],
        id="extra-blank-lines-and-a-name-saying-nothing",
    ),
    pytest.param(
        "lead-engineer.md",
        ("Lead Engineer", 5, "Technical", 1),
        "Sets technical direction for a group of teams.",
        "Lead engineers are accountable for the technical health of several "
        "teams' systems. They set standards, lead the design of whole systems "
        "and mentor senior engineers.",
        [("PROG", 5, 19), ("SWDN", 5, 46), ("ARCH", 5, 72), ("PDSV", 4, 98)],
        id="spaces-around-bars-and-inside-bold",
    ),
    pytest.param(
        "principal-engineer.md",
        ("Principal Engineer", 6, "Technical", 1),
        "Shapes the architecture and engineering practice of the organisation.",
        "Principal engineers work across departments on the problems that matter "
        "most to the business. They are the final word on design disputes and "
        "advise senior leaders on technical risk.",
        [("SWDN", 6, 15), ("ARCH", 6, 39), ("TECH", 6, 63)],
        id="no-separators",
    ),
    pytest.param(
        "untitled.md",
        ("Chief Architect", 7, "Technical", 1),
        "Sets the long-term technical direction of the whole organisation.",
        "The chief architect owns the organisation's technology strategy and its "
        "architecture principles, and sits on the executive team's technology "
        "board.",
        [("ITSP", 7, 19), ("ARCH", 6, 45), ("TECH", 6, 71)],
        id="bom",
    ),
    pytest.param(
        "vp-engineering.md",
        ("VP, Engineering", 7, "Management", 1),
        "Leads the engineering function and answers for its results.",
        "The VP, Engineering runs the engineering department: its people, its "
        "budget and its portfolio of work. They represent engineering on the "
        "leadership team.",
        [("POMG", 7, 19), ("ITSP", 7, 32), ("RLMT", 7, 58), ("BUDF", 6, 84)],
        id="comma-in-title",
    ),
    pytest.param(
        "engineering-manager.md",
        ("Engineering Manager", 5, "Management", 1),
        "Leads a team of engineers and the delivery of its work.",
        "Engineering managers look after the people on one or two teams: their "
        "performance, their growth and their wellbeing. They agree the team's "
        "plans with product and delivery colleagues.",
        [("PEMT", 5, 19), ("PDSV", 5, 36), ("PRMG", 5, 53), ("RLMT", 5, 70)],
        id="no-guidance-notes",
    ),
    pytest.param(
        "team-lead.md",
        ("Engineering Team Lead", 4, "Management", 1),
        "Leads a small team while still writing code.",
        "Team leads split their time between hands-on engineering and looking "
        "after a team of three to five people.",
        [("PEMT", 4, 19), ("PDSV", 4, 43), ("PRMG", 4, 67), ("PROG", 4, 91)],
        id="no-reference-links",
    ),
    pytest.param(
        "role-2024-03.md",
        ("Data Engineer", 3, "Data", 1),
        "Builds and runs reliable data pipelines.",
        "Data engineers move data from where it is produced to where it is "
        "needed, and make sure it arrives complete and on time.",
        [("DTAN", 3, 19), ("PROG", 3, 44), ("TEST", 3, 70)],
        id="level-colon-split-category-inline-description-lower-case-code",
    ),
    pytest.param(
        "senior-data-engineer.md",
        ("Senior Data Engineer (Platform)", 4, "Data", 1),
        "Designs the data platform that other teams build on.",
        "Senior data engineers own the shared data platform.\n\nThey design its "
        "models, advise product teams on using it and keep its code in good "
        "order.",
        [("DTAN", 4, 11), ("PROG", 4, 35), ("TECH", 4, 60)],
        id="no-section-headings",
    ),
    pytest.param(
        "head-of-delivery.md",
        ("Head of Delivery & Quality", 6, "Management", 1),
        "Makes sure the department delivers what it promises, to a high standard.",
        "The head of delivery and quality runs the department's delivery practice "
        "and its approach to quality.\n\n### Key responsibilities\n\nThey lead "
        "the largest projects themselves and coach the managers who run the "
        "rest.",
        [("PRMG", 6, 23), ("PEMT", 6, 49), ("TEST", 4, 75)],
        id="closing-hashes-and-overview-subheading",
    ),
]


@pytest.mark.parametrize(
    ("name", "role", "summary", "overview", "requirements"), VARIATIONS
)
def test_variation_card(
    name: str,
    role: tuple[str, int, str, int],
    summary: str,
    overview: str,
    requirements: list[tuple[str, int, int]],
) -> None:
    result = read_card(CARDS / name)

    assert result.problems == []
    [draft] = result.roles
    assert (draft.title, draft.level, draft.career_path, draft.origin.line) == role
    assert draft.summary == summary
    assert draft.overview == overview
    assert [(r.code, r.level, r.origin.line) for r in draft.requirements] == (
        requirements
    )
    assert [(s.code, s.origin.line) for s in result.skills] == [
        (code, line) for code, _, line in requirements
    ]


def test_crlf_and_bom_fixtures_really_have_them() -> None:
    # Guards the fixtures themselves against an editor or git "fixing" them.
    assert (CARDS / "graduate-engineer-crlf.md").read_bytes().count(b"\r\n") == 70
    assert (CARDS / "untitled.md").read_bytes().startswith(b"\xef\xbb\xbf# Chief")
    software = (CARDS / "software-engineer.md").read_text(encoding="utf-8")
    assert software.startswith("# Software Engineer  \n")


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("graduate-engineer-crlf.md", 2),
        ("software-engineer.md", 3),
        ("card-07.md", 4),
        ("lead-engineer.md", 5),
        ("team-lead.md", 4),
        ("role-2024-03.md", 3),
        ("senior-data-engineer.md", 4),
    ],
)
def test_shared_skill_texts_are_read_the_same_from_every_card(
    name: str, level: int
) -> None:
    skills = {skill.code: skill for skill in read_card(CARDS / name).skills}
    prog = skills["PROG"]

    assert prog.name == "Programming/software development"
    assert prog.category == "Development and implementation"
    assert prog.subcategory == "Systems development"
    assert prog.description == PROG_DESCRIPTION
    assert prog.guidance == PROG_GUIDANCE
    assert list(prog.levels) == [level]


def test_card_without_reference_links_has_no_urls() -> None:
    skills = read_card(CARDS / "team-lead.md").skills
    assert [(s.code, s.url) for s in skills] == [
        ("PEMT", None),
        ("PDSV", None),
        ("PRMG", None),
        ("PROG", None),
    ]


def test_card_without_guidance_notes_keeps_the_other_texts() -> None:
    [pemt, *others] = read_card(CARDS / "engineering-manager.md").skills
    assert pemt.guidance is None
    assert pemt.description == (
        "Helping people do their best work through clear goals, regular feedback "
        "and fair assessment."
    )
    assert pemt.levels == {
        5: "Manages the performance of a team, including other leads.\n"
        "Handles difficult conversations and formal processes fairly."
    }
    assert [skill.guidance for skill in others] == [None, None, None]


def test_inline_description_split_category_and_lower_case_code() -> None:
    [dtan, *_] = read_card(CARDS / "role-2024-03.md").skills
    assert dtan.code == "DTAN"
    assert dtan.name == "Data modelling and design"
    assert (dtan.category, dtan.subcategory) == (
        "Development and implementation",
        "Data and analytics",
    )
    assert dtan.description == (
        "Describing the data an organisation holds, and how it relates, so that "
        "it can be stored and used well."
    )
    assert dtan.url == "https://sfia-online.org/en/skillcode/9/DTAN"


def test_skill_required_at_another_level_than_the_role() -> None:
    [role] = read_card(CARDS / "lead-engineer.md").roles
    assert role.level == 5
    assert {r.code: r.level for r in role.requirements}["PDSV"] == 4
    pdsv = read_card(CARDS / "lead-engineer.md").skills[-1]
    assert pdsv.levels == {
        4: "Mentors colleagues and helps them draw up development plans.\n"
        "Suggests learning opportunities that suit each person."
    }
    assert pdsv.level_origins == {4: Location(str(CARDS / "lead-engineer.md"), 117)}


# The same card rewritten in the ways real cards vary gives the same drafts.


def _lines_kept(text: str) -> str:
    return text


def _crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def _bom(text: str) -> str:
    return "\ufeff" + text


def _trailing_white_space(text: str) -> str:
    return "\n".join(line + " \t " for line in text.split("\n"))


def _spaced_markup(text: str) -> str:
    text = text.replace(" | ", "    |    ")
    return re.sub(r"\*\*([^*\n]+)\*\*", r"**  \1  **", text)


def _old_mac_line_ends(text: str) -> str:
    return text.replace("\n", "\r")


SAME_LINES: list[Callable[[str], str]] = [
    _lines_kept,
    _crlf,
    _bom,
    _trailing_white_space,
    _spaced_markup,
    _old_mac_line_ends,
]


def _doubled_blank_lines(text: str) -> str:
    return "\n\n" + text.replace("\n\n", "\n\n\n\n")


def _no_separators(text: str) -> str:
    return re.sub(r"(?m)^---\n\n", "", text)


def _asterisk_separators(text: str) -> str:
    return re.sub(r"(?m)^---$", "* * *", text)


def _all_at_once(text: str) -> str:
    return _bom(_crlf(_trailing_white_space(_spaced_markup(_no_separators(text)))))


OTHER_LINES: list[Callable[[str], str]] = [
    _doubled_blank_lines,
    _no_separators,
    _asterisk_separators,
    _all_at_once,
]


def _content(result: SourceResult, *, lines: bool) -> tuple[object, ...]:
    def role(draft: RoleDraft) -> tuple[object, ...]:
        requirements = [
            (r.code, r.level, r.origin.line if lines else 0) for r in draft.requirements
        ]
        line = draft.origin.line if lines else 0
        return (draft.title, draft.level, draft.career_path, draft.summary,
                draft.overview, line, requirements)  # fmt: skip

    def skill(draft: SkillDraft) -> tuple[object, ...]:
        origins = {n: o.line for n, o in draft.level_origins.items()} if lines else {}
        line = draft.origin.line if lines else 0
        return (draft.code, draft.name, draft.category, draft.subcategory,
                draft.description, draft.guidance, draft.url, draft.levels,
                origins, line)  # fmt: skip

    return (
        [role(r) for r in result.roles],
        [skill(s) for s in result.skills],
        result.problems,
    )


@pytest.mark.parametrize("rewrite", SAME_LINES, ids=lambda f: f.__name__.strip("_"))
def test_rewritten_reference_card_reads_the_same(rewrite: Callable[[str], str]) -> None:
    text = DOE.read_text(encoding="utf-8")
    expected = _content(parse_text(text), lines=True)
    assert _content(parse_text(rewrite(text)), lines=True) == expected


@pytest.mark.parametrize("rewrite", OTHER_LINES, ids=lambda f: f.__name__.strip("_"))
def test_rewritten_reference_card_reads_the_same_texts(
    rewrite: Callable[[str], str],
) -> None:
    text = DOE.read_text(encoding="utf-8")
    expected = _content(parse_text(text), lines=False)
    assert _content(parse_text(rewrite(text)), lines=False) == expected


def test_a_rewritten_card_is_really_rewritten() -> None:
    # The rewrites above must change the text, or those tests prove nothing.
    text = DOE.read_text(encoding="utf-8")
    for rewrite in [*SAME_LINES[1:], *OTHER_LINES]:
        assert rewrite(text) != text, rewrite.__name__


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "#  **VP,   Engineering**  #\n**Level:** 7 | **Career Path:** Management\n",
            ("VP, Engineering", 7, "Management"),
            id="bold-title-and-level-colon",
        ),
        pytest.param(
            "#Staff Engineer\n\n**Level 5 (Ensure, advise)** | **Career Path:** "
            "Technical\n",
            ("Staff Engineer", 5, "Technical"),
            id="no-space-after-hash-and-level-name",
        ),
        pytest.param(
            "# Analyst\n\n**Level 3**\n**Career Path:** **Data**\n",
            ("Analyst", 3, "Data"),
            id="path-on-its-own-line",
        ),
    ],
)
def test_lenient_role_lines(text: str, expected: tuple[str, int, str]) -> None:
    result = parse_text(text)
    assert [(r.title, r.level, r.career_path) for r in result.roles] == [expected]
    assert result.problems == []


def test_summary_under_its_label() -> None:
    result = parse_text(
        "# Analyst\n**Level 3** | **Career Path:** Data\n\n**Scope Summary:**\n\n"
        "Turns data\ninto answers.\n\nAnalysts work with every team.\n"
    )
    [role] = result.roles
    assert role.summary == "Turns data\ninto answers."
    assert role.overview == "Analysts work with every team."


def test_heading_labels_and_guidance_with_list_markers() -> None:
    text = (
        "# Tester\n\n**Level 3** | **Career Path:** Technical\n\n"
        "### Functional testing (TEST)\n\n"
        "#### Guidance Notes\n\n- plans tests  \n- runs them\n\n\n"
        "#### Level 3 Attainment\n\nPlans and runs tests.\n"
    )
    [skill] = parse_text(text).skills
    assert skill.guidance == "- plans tests\n- runs them"
    assert skill.levels == {3: "Plans and runs tests."}
    assert skill.level_origins == {3: Location("card.md", 13)}


def test_a_bar_inside_a_text_is_kept() -> None:
    text = (
        "# Tester\n**Level 3** | **Career Path:** Technical\n"
        "### Functional testing (TEST)\n"
        "**Overall Description:** Checks input | output pairs.\n"
        "**Level 3 Attainment:** Plans tests.\n"
    )
    [skill] = parse_text(text).skills
    assert skill.description == "Checks input | output pairs."
    assert skill.levels == {3: "Plans tests."}


@pytest.mark.parametrize(
    ("level", "message"),
    [
        ("9" * 5000, "role level " + "9" * 57 + "... is outside 1-7"),
        (
            "x" * 500,
            "role level '" + "x" * 57 + "...' is not a whole number from 1 to 7",
        ),
        ("-1", "role level -1 is outside 1-7"),
        ("0", "role level 0 is outside 1-7"),
    ],
)
def test_level_values_in_messages(level: str, message: str) -> None:
    result = parse_text(f"# T\n**Level {level}** | **Career Path:** X\n")
    assert [(p.line, p.message) for p in result.problems] == [(2, message)]


CARD_PIECES = [
    "# Platform Engineer",
    "## Role Overview",
    "## Required SFIA Skills",
    "### Software design (SWDN)",
    "### Software design",
    "#### Guidance Notes",
    "**Level 4** | **Career Path:** Technical",
    "**Level 12**",
    "**Career Path:**",
    "**Scope Summary:** Looks after the platform.",
    "**SFIA Reference:** [SWDN](https://example.org/SWDN)",
    "**SFIA Reference:** <ftp://example.org>",
    "**Category:** Development and implementation | **Subcategory:** Systems",
    "**Overall Description:**",
    "**Level 4 Attainment:**",
    "**Level x Attainment:** text",
    "---",
    "",
    "\ufeff",
    "\r",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(CARD_PIECES), st.text(max_size=30)), max_size=40)
)
def test_any_text_gives_problems_not_exceptions(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    result = parse_text(text)
    line_count = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    assert all(0 <= p.line <= line_count for p in result.problems)
    assert all(p.path == "card.md" for p in result.problems)
    for role in result.roles:
        assert 1 <= role.level <= 7
        assert role.title and role.career_path
    for skill in result.skills:
        assert all(1 <= level <= 7 for level in skill.levels)


# Broken cards: each gives exactly its problem, at its line.

BROKEN_CARDS = [
    (
        "no-title.md",
        [
            (
                1,
                "error",
                "role card has no title: expected a first line like '# Role title'",
            )
        ],
    ),
    (
        "no-level-line.md",
        [
            (
                1,
                "error",
                "role card has no level line: expected "
                "'**Level N** | **Career Path:** Name'",
            )
        ],
    ),
    (
        "no-career-path.md",
        [
            (
                3,
                "error",
                "role card has no career path: expected '| **Career Path:** Name'",
            )
        ],
    ),
    ("role-level-out-of-range.md", [(3, "error", "role level 9 is outside 1-7")]),
    (
        "role-level-not-a-number.md",
        [(3, "error", "role level 'four' is not a whole number from 1 to 7")],
    ),
    (
        "attainment-level-out-of-range.md",
        [(23, "error", "skill TEST: attainment level 0 is outside 1-7")],
    ),
    (
        "skill-without-code.md",
        [
            (
                15,
                "error",
                "skill section 'Accessibility' has no skill code: "
                "expected '### Skill name (CODE)'",
            )
        ],
    ),
    (
        "skill-without-attainment.md",
        [
            (
                15,
                "error",
                "skill TECH has no 'Level N Attainment', so the level at which "
                "the role requires it is unknown",
            )
        ],
    ),
    (
        "two-attainments.md",
        [
            (
                21,
                "error",
                "skill TECH has more than one 'Level N Attainment' (levels 4, 5); "
                "a card requires each skill at one level",
            )
        ],
    ),
    (
        "bad-reference-links.md",
        [
            (
                7,
                "warning",
                "skill TEST: the SFIA reference 'see the SFIA website' has no link; "
                "it is ignored",
            ),
            (
                17,
                "warning",
                "skill TECH: the reference link 'javascript:alert(1)' is not an "
                "http(s) address; it is ignored",
            ),
        ],
    ),
    (
        "not-a-card.md",
        [
            (
                0,
                "error",
                "not a role card: no title ('# Role title'), no level line "
                "('**Level N** | **Career Path:** Name') and no skill sections "
                "('### Skill name (CODE)')",
            )
        ],
    ),
    ("empty.md", [(0, "error", "the file is empty, not a role card")]),
    (
        "not-utf8.md",
        [
            (
                5,
                "error",
                "file is not UTF-8 text (byte 0xa3 at offset 114); save it as UTF-8",
            )
        ],
    ),
    (
        "binary.md",
        [(1, "error", "file is binary, not text (it contains NUL bytes)")],
    ),
    # A skill twice in one card reads as two requirements; merge reports it.
    ("duplicate-skill.md", []),
]


@pytest.mark.parametrize(("name", "expected"), BROKEN_CARDS)
def test_broken_card(name: str, expected: list[tuple[int, str, str]]) -> None:
    result = read_card(BROKEN / name)
    assert [(p.line, p.severity, p.message) for p in result.problems] == expected
    assert all(p.path == str(BROKEN / name) for p in result.problems)


def test_every_broken_card_is_in_the_table() -> None:
    names = sorted(path.name for path in BROKEN.iterdir())
    assert names == sorted(name for name, _ in BROKEN_CARDS)


@pytest.mark.parametrize(
    ("name", "roles", "skills"),
    [
        # The role cannot be placed; its skills still count (see markdown.parse).
        ("no-title.md", [], ["TEST"]),
        ("role-level-out-of-range.md", [], ["ITSP"]),
        ("no-career-path.md", [], ["TECH"]),
        # A section without a code is skipped; the rest of the card is read.
        ("skill-without-code.md", [("Front-end Engineer", ["TEST"])], ["TEST"]),
        (
            "skill-without-attainment.md",
            [("Release Manager", ["ITSP"])],
            ["ITSP", "TECH"],
        ),
        ("two-attainments.md", [("QA Lead", ["TEST"])], ["TEST", "TECH"]),
        ("duplicate-skill.md", [("Test Engineer", ["TEST", "TEST"])], ["TEST", "TEST"]),
        ("not-a-card.md", [], []),
    ],
)
def test_what_a_broken_card_still_gives(
    name: str, roles: list[tuple[str, list[str]]], skills: list[str]
) -> None:
    result = read_card(BROKEN / name)
    assert [(r.title, [q.code for q in r.requirements]) for r in result.roles] == roles
    assert [s.code for s in result.skills] == skills


def test_a_second_title_is_an_error() -> None:
    result = parse_text(
        "# Analyst\n**Level 3** | **Career Path:** Data\n\n# Senior Analyst\n"
    )
    assert [str(p) for p in result.problems] == [
        "card.md:4: error: a second title 'Senior Analyst': a role card describes "
        "one role (its title is at line 1)"
    ]


# Through the loader: merge and validation of whole folders of cards.


def test_load_the_card_folder() -> None:
    result = load([str(CARDS)])

    assert result.problems == ()
    framework = result.framework
    assert framework is not None
    assert (len(framework.roles), len(framework.skills)) == (13, 16)
    assert [path.name for path in framework.career_paths] == [
        "Data",
        "Management",
        "Technical",
    ]
    assert sorted(role.level for role in framework.roles) == [
        2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7,
    ]  # fmt: skip
    vp = framework.role("vp-engineering")
    assert vp is not None and vp.title == "VP, Engineering"
    chief = framework.role("Chief Architect")
    assert chief is not None
    assert (chief.level, chief.required_level("ARCH")) == (7, 6)


def test_merge_takes_texts_from_one_card_and_levels_from_several() -> None:
    framework = load([str(CARDS)]).framework
    assert framework is not None
    pomg = framework.skill("pomg")
    assert pomg is not None
    # The VP card gives only the level 7 text; the rest is the director's.
    assert pomg.description == (
        "Developing and applying a management framework to define and deliver a "
        "portfolio of programmes, projects and/or ongoing services."
    )
    assert pomg.guidance is not None
    assert pomg.guidance.startswith("Activities include, but are not limited to:")
    assert pomg.url == "https://sfia-online.org/en/skillcode/9/POMG"
    assert pomg.described_levels == (6, 7)
    assert pomg.attainment(7) == (
        "Sets the organisation's approach to managing its portfolio of change.\n"
        "Decides which investments go ahead and holds leaders to account for "
        "their benefits."
    )
    assert pomg.source == Location(str(CARDS / "director-of-engineering.md"), 49)
    prog = framework.skill("PROG")
    assert prog is not None
    assert prog.described_levels == (2, 3, 4, 5)
    assert (prog.description, prog.guidance) == (PROG_DESCRIPTION, PROG_GUIDANCE)


def test_conflicting_texts_warn_naming_both_files() -> None:
    result = load([str(CONFLICT)])

    assert [str(p) for p in result.problems] == [
        "tests/data/conflict/scripting-analyst.md:11: warning: skill PROG: "
        "description differs from the one in "
        "tests/data/conflict/backend-engineer.md:11, which is kept "
        "(first in path order)"
    ]
    assert result.framework is not None
    prog = result.framework.skill("PROG")
    assert prog is not None
    assert prog.description == PROG_DESCRIPTION
    assert prog.described_levels == (2, 3)


# The command line.


def test_cli_validates_the_card_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CARDS)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "cards: 13 roles, 16 skills, 3 career paths; 0 errors, 0 warnings\n"


def test_cli_lists_every_problem_of_the_broken_cards(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(BROKEN)]) == 1
    out, err = capsys.readouterr()
    expected = [
        f"{BROKEN / name}:{line}: {severity}: {message}"
        for name, problems in BROKEN_CARDS
        for line, severity, message in problems
    ]
    expected.append(
        f"{BROKEN}/duplicate-skill.md:13: error: role 'Test Engineer' requires "
        "skill TEST more than once"
    )
    assert out.splitlines() == sorted(expected, key=_path_then_line)
    assert err == "cards: 6 roles, 3 skills, 2 career paths; 14 errors, 2 warnings\n"


def _path_then_line(line: str) -> tuple[str, int]:
    path, number, _ = line.split(":", 2)
    return path, int(number)


# --- tracks, sections, optional skills and unknown fields ------------------

_SKILL = "### Functional testing (TEST)\n**Level 3 Attainment:** Plans tests.\n"


@pytest.mark.parametrize(
    ("lines", "track"),
    [
        ("**Level 3** | **Career Path:** Engineering\n\n**Engineer Type:** QA\n", "QA"),
        ("**Level 3** | **Career Path:** Engineering | **Engineer Type:** QA\n", "QA"),
        (
            "**Level 3** | **Career Path:** Engineering\n**Track:** Data Platform\n",
            "Data Platform",
        ),
        ("**Level 3** | **Career Path:** Engineering | **Analyst type:** BI\n", "BI"),
        ("**Level 3** | **Career Path:** Engineering\n", None),
    ],
)
def test_a_track_on_its_own_line_or_on_the_level_line(
    lines: str, track: str | None
) -> None:
    result = parse_text(f"# Tester\n\n{lines}\n## Required SFIA Skills\n\n{_SKILL}")
    [role] = result.roles
    assert (role.career_path, role.track) == ("Engineering", track)
    assert result.problems == []


def test_an_empty_track_is_a_warning() -> None:
    result = parse_text(
        f"# Tester\n**Level 3** | **Career Path:** X\n**Track:**\n\n{_SKILL}"
    )
    assert [(p.line, p.message) for p in result.problems] == [
        (3, "the track is empty; the role is given no track")
    ]
    assert result.roles[0].track is None


def test_only_headings_under_a_skills_section_are_skills() -> None:
    text = (
        "# Tester\n**Level 3** | **Career Path:** X\n\n"
        "## Framework Overview\n\n### Impact (L3)\n\nShapes releases.\n\n"
        "### Behaviours\n\n- careful\n\n"
        "## Role Overview\n\n**Scope Summary:** Tests.\n\n"
        "## Required SFIA Skills\n\nIntroduction.\n\n" + _SKILL + "\n"
        "## Optional SFIA Skills\n\n### Methods and tools (METL)\n"
        "**Level 2 Attainment:** Uses tools.\n\n"
        "## How to grow\n\nAsk your manager.\n"
    )
    result = parse_text(text)
    assert result.problems == []
    [role] = result.roles
    assert [(r.code, r.level, r.optional) for r in role.requirements] == [
        ("TEST", 3, False),
        ("METL", 2, True),
    ]
    assert [skill.code for skill in result.skills] == ["TEST", "METL"]
    assert role.sections == [
        (
            "Framework Overview",
            "### Impact (L3)\n\nShapes releases.\n\n### Behaviours\n\n- careful",
        ),
        ("How to grow", "Ask your manager."),
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("**Grade:** B2", "Grade"),
        ("**Evidence**: pull requests", "Evidence"),
        ("**Salary band:**", "Salary band"),
    ],
)
def test_an_unknown_field_is_a_warning_and_its_text_stays(
    line: str, field: str
) -> None:
    text = (
        f"# Tester\n**Level 3** | **Career Path:** X\n\n## Role Overview\n\n{line}\n"
        f"\n## Required SFIA Skills\n\n{_SKILL}"
    )
    result = parse_text(text)
    assert [(p.line, p.severity, p.message) for p in result.problems] == [
        (
            6,
            "warning",
            f"unknown field {field!r} (not read; its text is kept where it is)",
        )
    ]
    assert result.roles[0].overview == line


def test_an_unknown_field_on_the_level_line_does_not_join_the_path() -> None:
    result = parse_text(
        f"# Tester\n**Level 3** | **Career Path:** Data | **Grade:** B2\n{_SKILL}"
    )
    assert result.roles[0].career_path == "Data"
    assert [p.message for p in result.problems] == [
        "unknown field 'Grade' (not read; its text is kept where it is)"
    ]
    # Kept, as the warning says: in the overview, as on a line of its own.
    assert result.roles[0].overview == "**Grade:** B2"


def test_optional_ends_with_its_section() -> None:
    text = (
        "# Tester\n**Level 3** | **Career Path:** X\n\n"
        "## Optional SFIA Skills\n\n### Programming (PROG)\n"
        "**Level 2 Attainment:** Writes scripts.\n\n"
        "## Role Overview\n\nTests things.\n\n"
        "### Functional testing (TEST)\n**Level 3 Attainment:** Plans tests.\n"
    )
    [role] = parse_text(text).roles
    assert [(r.code, r.optional) for r in role.requirements] == [
        ("PROG", True),
        ("TEST", False),
    ]


@pytest.mark.parametrize(
    "heading", ["Soft skills", "Skills Matrix Notes", "Skills we value"]
)
def test_a_heading_that_only_mentions_skills_is_the_cards_own_text(
    heading: str,
) -> None:
    text = (
        f"# Tester\n**Level 3** | **Career Path:** X\n\n## {heading}\n\n"
        "### Not a skill\n\nListening well.\n\n## Required SFIA Skills\n\n" + _SKILL
    )
    result = parse_text(text)
    assert result.problems == []
    [role] = result.roles
    assert role.sections == [(heading, "### Not a skill\n\nListening well.")]
    assert [r.code for r in role.requirements] == ["TEST"]


def test_a_second_track_and_a_role_field_among_skills_are_warnings() -> None:
    text = (
        "# Tester\n**Level 3** | **Career Path:** X\n\n**Engineer Type:** Security\n\n"
        "**Track:** Other\n\n## Required SFIA Skills\n\n"
        "### Functional testing (TEST)\n**Track:** QA\n"
        "**Level 3 Attainment:** Plans tests.\n"
    )
    result = parse_text(text)
    assert [(p.line, p.message) for p in result.problems] == [
        (
            6,
            "a second track 'Other': a role has one; the first, 'Security' at "
            "line 4, is kept",
        ),
        (
            11,
            "skill TEST: a role's field (track) inside the skill's section is not "
            "read; put it under the title",
        ),
    ]
    assert result.roles[0].track == "Security"


@pytest.mark.parametrize(
    ("heading", "optional"),
    [
        ("## Optional SFIA Skills", True),
        ("## Skills (optional)", True),
        ("## SFIA Skills (Optional)", True),
        ("## Optional Skills:", True),
        ("## Skills (Optional, SFIA 9)", True),
        ("## Skills (optional) :", True),
        ("## Skills: (optional)", True),
        ("## Required Skills:", False),
        ("## Skills (SFIA 9)", False),
    ],
)
def test_the_ways_of_writing_a_skills_heading(heading: str, optional: bool) -> None:
    text = (
        "# Tester\n**Level 3** | **Career Path:** X\n\n## Required SFIA Skills\n\n"
        f"{_SKILL}\n{heading}\n\n### Programming (PROG)\n"
        "**Level 2 Attainment:** Writes scripts.\n"
    )
    result = parse_text(text)
    assert result.problems == []
    [role] = result.roles
    assert [(r.code, r.level, r.optional) for r in role.requirements] == [
        ("TEST", 3, False),
        ("PROG", 2, optional),
    ]


def test_a_skill_in_another_section_is_kept_as_text_with_a_warning() -> None:
    # A skill heading with its attainment line under a heading that is not a
    # skills section: the text stays the card's, and the owner hears of it.
    text = (
        "# Tester\n**Level 3** | **Career Path:** X\n\n## Required SFIA Skills\n\n"
        f"{_SKILL}\n## Desired skills\n\n### Programming (PROG)\n"
        "**Level 2 Attainment:** Writes scripts.\n\n### Impact (L3)\n\nShips.\n"
    )
    result = parse_text(text)
    assert [(p.line, p.severity, p.message) for p in result.problems] == [
        (
            11,
            "warning",
            "'### Programming (PROG)' under '## Desired skills' reads like a skill "
            "but is kept as that section's text: only '###' headings under a "
            "skills section ('## Required SFIA Skills', '## Optional SFIA Skills') "
            "are skills",
        )
    ]
    [role] = result.roles
    assert [r.code for r in role.requirements] == ["TEST"]
    assert role.sections == [
        (
            "Desired skills",
            "### Programming (PROG)\n**Level 2 Attainment:** Writes scripts.\n\n"
            "### Impact (L3)\n\nShips.",
        )
    ]


@pytest.mark.parametrize("heading", ["## Skill (PROG)", "## Skills (PROG)"])
def test_a_skill_named_like_a_skills_heading_is_a_skill(heading: str) -> None:
    # The brackets hold a code, not a qualifier: a skill of its own.
    text = (
        f"# Tester\n**Level 3** | **Career Path:** X\n\n{heading}\n"
        "**Level 2 Attainment:** Writes scripts.\n"
    )
    result = parse_text(text)
    assert result.problems == []
    [role] = result.roles
    assert [(r.code, r.level, r.optional) for r in role.requirements] == [
        ("PROG", 2, False)
    ]


def test_a_type_line_in_the_overview_is_the_overviews_text() -> None:
    # "**Engineer Type:** QA" under the level line names the track; a
    # "**Contract Type:**" in the Role Overview is not a second track but a
    # field the reader does not know, kept in the overview's text.
    text = (
        "# Tester\n\n**Level 3** | **Career Path:** Engineering\n\n"
        "**Engineer Type:** QA\n\n---\n\n## Role Overview\n\n"
        "**Contract Type:** Permanent\n\nTests things.\n\n"
        "## Required SFIA Skills\n\n" + _SKILL
    )
    result = parse_text(text)
    [role] = result.roles
    assert (role.track, role.overview) == (
        "QA",
        "**Contract Type:** Permanent\n\nTests things.",
    )
    assert [(p.line, p.message) for p in result.problems] == [
        (11, "unknown field 'Contract Type' (not read; its text is kept where it is)")
    ]
