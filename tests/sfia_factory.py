"""Write exports in the SFIA download's layout, with invented text.

The tests and the benchmark use these to build tables of any size without
committing SFIA's own text. The layout (header rows, the seven Levels
columns, the sideways levels table) is the one docs/sfia.md describes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

LEVELS = range(1, 8)
LEVEL_DESCRIPTIONS = [f"Level {n} description" for n in LEVELS]

SKILLS_HEADER = [
    "#",
    "Levels",
    *[""] * 6,
    "Code",
    "URL",
    "Skill",
    "Category",
    "Subcategory",
    "Overall description",
    "Guidance notes",
    *LEVEL_DESCRIPTIONS,
]
ATTRIBUTES_HEADER = [
    "Levels",
    *[""] * 6,
    "Code",
    "URL",
    "Attribute name",
    "Type",
    "Overall description",
    "Guidance notes",
    *LEVEL_DESCRIPTIONS,
]

Cell = str | int | None
Rows = list[list[Cell]]


@dataclass
class SkillRow:
    code: str
    name: str
    category: str
    subcategory: str
    description: str
    guidance: str
    levels: dict[int, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://example.org/skills/{self.code.lower()}"


@dataclass
class AttributeRow:
    code: str
    name: str
    type: str
    description: str
    guidance: str
    levels: dict[int, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://example.org/attributes/{self.code.lower()}"


def _level_marks(levels: dict[int, str]) -> list[Cell]:
    return [n if n in levels else None for n in LEVELS]


def _level_texts(levels: dict[int, str]) -> list[Cell]:
    return [levels.get(n) for n in LEVELS]


def skills_table(skills: Sequence[SkillRow]) -> Rows:
    rows: Rows = [list(SKILLS_HEADER)]
    for number, skill in enumerate(skills, start=1):
        rows.append(
            [
                number,
                *_level_marks(skill.levels),
                skill.code,
                skill.url,
                skill.name,
                skill.category,
                skill.subcategory,
                skill.description,
                skill.guidance,
                *_level_texts(skill.levels),
            ]
        )
    return rows


def attributes_table(attributes: Sequence[AttributeRow]) -> Rows:
    rows: Rows = [list(ATTRIBUTES_HEADER)]
    for attribute in attributes:
        rows.append(
            [
                *_level_marks(attribute.levels),
                attribute.code,
                attribute.url,
                attribute.name,
                attribute.type,
                attribute.description,
                attribute.guidance,
                *_level_texts(attribute.levels),
            ]
        )
    return rows


def levels_table(levels: dict[int, tuple[str, str]]) -> Rows:
    """The sideways table: ``levels`` maps a number to (guiding phrase, essence)."""
    numbers = sorted(levels)
    return [
        ["Level", *numbers],
        ["Guiding phrase", *(levels[n][0] for n in numbers)],
        [
            "Essence of the level",
            *(f"Essence of the level: {levels[n][1]}" for n in numbers),
        ],
        ["URL", *(f"https://example.org/levels/{n}" for n in numbers)],
    ]


def csv_bytes(rows: Rows) -> bytes:
    """The rows as the download has them: cp1252, LF line endings, quoted cells."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return buffer.getvalue().encode("cp1252")


def write_csv(path: Path, rows: Rows) -> Path:
    path.write_bytes(csv_bytes(rows))
    return path


def write_xlsx(path: Path, sheets: dict[str, Rows]) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


# --- The full-size export -------------------------------------------------

FULL_SKILLS = 147
FULL_LEVEL_DESCRIPTIONS = 672
FULL_CATEGORIES = 6
FULL_SUBCATEGORIES = 22
FULL_ATTRIBUTES = 16

# Subcategories per category: 4 + 4 + 4 + 4 + 3 + 3 = 22.
_SUBCATEGORY_COUNTS = (4, 4, 4, 4, 3, 3)
# Level spans that repeat every seven skills: 32 levels per seven skills, so
# 147 skills describe 21 * 32 = 672 levels.
_SPANS = (5, 4, 6, 3, 5, 4, 5)

# The attribute codes, names and types are facts about SFIA; their texts here
# are invented.
FULL_ATTRIBUTE_NAMES = {
    "AUTO": ("Autonomy", "Attributes"),
    "INFL": ("Influence", "Attributes"),
    "COMP": ("Complexity", "Attributes"),
    "KNGE": ("Knowledge", "Attributes"),
    "COLL": ("Collaboration", "Business skills/Behavioural factors"),
    "COMM": ("Communication", "Business skills/Behavioural factors"),
    "IMPM": ("Improvement mindset", "Business skills/Behavioural factors"),
    "CRTY": ("Creativity", "Business skills/Behavioural factors"),
    "DECM": ("Decision-making", "Business skills/Behavioural factors"),
    "DIGI": ("Digital mindset", "Business skills/Behavioural factors"),
    "LEAD": ("Leadership", "Business skills/Behavioural factors"),
    "LADV": ("Learning and development", "Business skills/Behavioural factors"),
    "PLAN": ("Planning", "Business skills/Behavioural factors"),
    "PROB": ("Problem-solving", "Business skills/Behavioural factors"),
    "ADAP": ("Adaptability", "Business skills/Behavioural factors"),
    "SCPE": ("Security, privacy and ethics", "Business skills/Behavioural factors"),
}


def full_size_skills() -> list[SkillRow]:
    subcategories = [
        (f"Invented category {c + 1}", f"Invented subcategory {c + 1}.{s + 1}")
        for c, count in enumerate(_SUBCATEGORY_COUNTS)
        for s in range(count)
    ]
    skills: list[SkillRow] = []
    for index in range(FULL_SKILLS):
        span = _SPANS[index % len(_SPANS)]
        first = 1 + (index * 3) % (8 - span)
        category, subcategory = subcategories[index % len(subcategories)]
        code = f"K{index:03d}"
        skills.append(
            SkillRow(
                code=code,
                name=f"Invented skill {index + 1}",
                category=category,
                subcategory=subcategory,
                description=f"Looks after the made\xa0up practice number {index + 1}.",
                guidance=f"Typical activities:\nplanning item {index + 1}\n"
                "reviewing the team\u2019s results",
                levels={
                    level: f"At level {level}, practises made-up skill {code} "
                    "with growing independence."
                    for level in range(first, first + span)
                },
            )
        )
    return skills


def full_size_attributes() -> list[AttributeRow]:
    return [
        AttributeRow(
            code=code,
            name=name,
            type=kind,
            description=f"An invented account of {name.lower()}.",
            guidance=f"Invented notes on {name.lower()}.",
            levels={
                n: f"{name} as shown at level {n}, in invented words." for n in LEVELS
            },
        )
        for code, (name, kind) in FULL_ATTRIBUTE_NAMES.items()
    ]


def full_size_levels() -> dict[int, tuple[str, str]]:
    return {
        n: (f"Invented phrase {n}", f"An invented summary of what level {n} means.")
        for n in LEVELS
    }


def full_size_tables() -> dict[str, Rows]:
    return {
        "Skills": skills_table(full_size_skills()),
        "Attributes": attributes_table(full_size_attributes()),
        "Levels of responsibility": levels_table(full_size_levels()),
    }


def write_full_size_csv(folder: Path) -> list[Path]:
    """The three CSV files of a full-size export, as the download names them."""
    tables = full_size_tables()
    return [
        write_csv(folder / "sfia-9_skills.csv", tables["Skills"]),
        write_csv(folder / "sfia-9_attributes.csv", tables["Attributes"]),
        write_csv(folder / "sfia-9_levels.csv", tables["Levels of responsibility"]),
    ]


def write_full_size_xlsx(path: Path) -> Path:
    return write_xlsx(path, full_size_tables())
