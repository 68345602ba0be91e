"""What a source hands to the loader: partial descriptions with their origin.

A single file rarely describes a whole skill (a role card carries only the
texts its author pasted in), so sources produce drafts whose fields may be
missing; ``competency_explorer.merge`` combines the drafts of every file into
one ``Framework`` and reports conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import Problem, Severity
from ..model import Location


@dataclass(slots=True)
class ResourceDraft:
    """A learning resource of a skill, as one file gives it."""

    title: str
    origin: Location
    url: str | None = None
    kind: str | None = None
    level: int | None = None  # None: any level


@dataclass(slots=True)
class SkillDraft:
    code: str  # upper case
    origin: Location
    name: str | None = None
    category: str | None = None
    subcategory: str | None = None
    description: str | None = None
    guidance: str | None = None
    url: str | None = None
    levels: dict[int, str] = field(default_factory=dict)
    # Where each level text was read, for warnings about that level.
    level_origins: dict[int, Location] = field(default_factory=dict)
    resources: list[ResourceDraft] = field(default_factory=list)


@dataclass(slots=True)
class AttributeDraft:
    code: str
    origin: Location
    name: str
    type: str
    description: str | None = None
    guidance: str | None = None
    url: str | None = None
    levels: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class RequirementDraft:
    code: str  # upper case
    level: int
    origin: Location
    optional: bool = False


@dataclass(slots=True)
class RoleDraft:
    title: str
    level: int
    career_path: str
    origin: Location
    summary: str | None = None
    overview: str | None = None
    requirements: list[RequirementDraft] = field(default_factory=list)
    track: str | None = None
    track_origin: Location | None = None
    sections: list[tuple[str, str]] = field(default_factory=list)  # heading, text


@dataclass(slots=True)
class LevelDraft:
    number: int
    origin: Location
    name: str | None = None
    description: str | None = None
    guiding_phrase: str | None = None
    essence: str | None = None


@dataclass(slots=True)
class CategoryDraft:
    name: str
    origin: Location
    subcategories: list[str] = field(default_factory=list)


@dataclass(slots=True)
class TrackDraft:
    name: str
    origin: Location
    description: str | None = None


@dataclass(slots=True)
class CareerPathDraft:
    name: str
    origin: Location
    description: str | None = None
    tracks: list[TrackDraft] = field(default_factory=list)


@dataclass(slots=True)
class RoleSelector:
    """Every role with all the given fields (a YAML mapping in ``moves``)."""

    career_path: str | None = None
    track: str | None = None
    level: int | None = None

    def describe(self) -> str:
        parts = [
            f"{key} {value!r}" if isinstance(value, str) else f"{key} {value}"
            for key, value in (
                ("career_path", self.career_path),
                ("track", self.track),
                ("level", self.level),
            )
            if value is not None
        ]
        return "{" + ", ".join(parts) + "}"


@dataclass(slots=True)
class MoveDraft:
    """A declared move: each end a role (title or slug) or a selector."""

    source: str | RoleSelector
    target: str | RoleSelector
    origin: Location
    source_origin: Location
    target_origin: Location
    note: str | None = None


@dataclass(slots=True)
class ProgressionDraft:
    origin: Location
    path_changes: bool | None = None
    min_shared_skills: int | None = None
    max_level_up: int | None = None


#: Problems kept for one file. Past them a file is broken as a whole (a
#: 5 MB list of numbers where roles belong once made 1.3 million problems
#: and 640 MB); one closing problem counts the rest.
MAX_PROBLEMS_PER_FILE = 1_000


@dataclass(slots=True)
class SourceResult:
    """Everything one file contributed, and what was wrong with it.

    ``catalogue`` marks an authoritative skills catalogue (the SFIA download):
    its skill texts win over those of role cards and YAML.
    """

    path: str
    name: str | None = None
    catalogue: bool = False
    levels: list[LevelDraft] = field(default_factory=list)
    categories: list[CategoryDraft] = field(default_factory=list)
    career_paths: list[CareerPathDraft] = field(default_factory=list)
    skills: list[SkillDraft] = field(default_factory=list)
    roles: list[RoleDraft] = field(default_factory=list)
    attributes: list[AttributeDraft] = field(default_factory=list)
    attribution: str | None = None
    moves: list[MoveDraft] = field(default_factory=list)
    progression: ProgressionDraft | None = None
    problems: list[Problem] = field(default_factory=list)

    unreported: int = 0  # problems past MAX_PROBLEMS_PER_FILE

    def report(self, line: int, severity: Severity, message: str) -> None:
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.path, line, severity, message))
            return
        # The closing problem is an error if any problem left out is one, so
        # that a file never passes on the strength of the problems shown.
        if self.unreported:
            closing = self.problems.pop()
            if closing.is_error:
                severity = "error"
        self.unreported += 1
        self.problems.append(
            Problem(
                self.path,
                0,
                severity,
                f"{self.unreported:,} more "
                + (
                    "problem in this file is"
                    if self.unreported == 1
                    else "problems in this file are"
                )
                + f" not listed (only the first {MAX_PROBLEMS_PER_FILE:,} are)",
            )
        )

    def error(self, line: int, message: str) -> None:
        self.report(line, "error", message)

    def warning(self, line: int, message: str) -> None:
        self.report(line, "warning", message)
