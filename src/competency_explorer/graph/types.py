"""The values the graph queries return: small frozen records, slugs and codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import Requirement, SkillLevel, SkillResource

StepKind = Literal["PROMOTION", "PATH_CHANGE", "TRACK_CHANGE"]


@dataclass(frozen=True, slots=True)
class LevelUp:
    """A skill the person holds, but below the level the target asks for."""

    code: str
    from_level: int
    to_level: int


@dataclass(frozen=True, slots=True)
class Gap:
    """What separates a profile (or a role) from the target role.

    The three tuples are ordered by skill code; ``effort`` is the sum of the
    levels still to climb.
    """

    target: str
    new_skills: tuple[Requirement, ...]
    level_ups: tuple[LevelUp, ...]
    met: tuple[Requirement, ...]
    effort: int


@dataclass(frozen=True, slots=True)
class Step:
    """One progression edge: from the role ``source`` to the role ``target``."""

    source: str
    target: str
    kind: StepKind
    effort: int
    declared: bool = False  # the framework declares this move
    note: str | None = None  # the declared move's note


@dataclass(frozen=True, slots=True)
class ProgressionPath:
    source: str
    target: str
    steps: tuple[Step, ...]
    total_effort: int

    @property
    def slugs(self) -> tuple[str, ...]:
        """The roles along the path, ``source`` first and ``target`` last."""
        return (self.source, *(step.target for step in self.steps))


@dataclass(frozen=True, slots=True)
class SharedSkill:
    code: str
    level_a: int
    level_b: int


@dataclass(frozen=True, slots=True)
class Similarity:
    slug: str
    score: float
    shared: tuple[SharedSkill, ...]


@dataclass(frozen=True, slots=True)
class RoleRequirement:
    """A role (by slug) that requires some skill, and at which level."""

    slug: str
    level: int


@dataclass(frozen=True, slots=True)
class Match:
    slug: str
    score: float
    gap: Gap


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One skill to grow: from the level held (0: none) to the level required,
    with the texts of the levels to climb and what helps reach them."""

    code: str
    from_level: int
    to_level: int
    levels: tuple[SkillLevel, ...]  # the skill's texts at from + 1 .. to, ascending
    resources: tuple[SkillResource, ...]  # for those levels or any level


@dataclass(frozen=True, slots=True)
class Plan:
    """What to learn, level by level, to meet a role's core requirements."""

    target: str
    effort: int
    items: tuple[PlanItem, ...]  # by skill code
    met: tuple[Requirement, ...]  # by skill code
    optional: tuple[Requirement, ...]  # the target's optional requirements
