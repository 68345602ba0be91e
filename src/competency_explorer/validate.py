"""Whole-framework checks over the merged model; every problem at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .errors import Problem, Severity
from .merge import UNCATEGORISED
from .model import Framework, Location, Requirement, Role


def validate(framework: Framework, given: Sequence[str]) -> list[Problem]:
    problems: list[Problem] = []

    def report(where: Location | None, severity: Severity, message: str) -> None:
        path, line = (where.path, where.line) if where else (_joined(given), 0)
        problems.append(Problem(path, line, severity, message))

    if not framework.roles and not framework.skills:
        report(None, "error", "the framework is empty: no roles and no skills found")
        return problems
    if not framework.roles:
        report(None, "warning", "the framework has no roles, only skills")

    for skill in framework.skills:
        if skill.category == UNCATEGORISED:
            report(
                skill.source,
                "warning",
                f"skill {skill.code} has no category; it is filed under "
                f"{UNCATEGORISED!r}",
            )

    for role in framework.roles:
        if not role.requirements:
            report(role.source, "warning", f"role {role.title!r} has no requirements")
    for found in undescribed_requirements(framework):
        report(
            found.requirement.source or found.role.source,
            "warning",
            f"role {found.role.title!r} requires {found.requirement.code} at level "
            f"{found.requirement.level}, which the skill does not describe "
            f"(described levels: {found.described_text})",
        )
    return problems


@dataclass(frozen=True, slots=True)
class UndescribedRequirement:
    """A requirement at a level its skill does not describe."""

    role: Role
    requirement: Requirement
    described: tuple[int, ...]  # the levels the skill does describe, ascending

    @property
    def described_text(self) -> str:
        return ", ".join(str(n) for n in self.described) or "none"


def undescribed_requirements(framework: Framework) -> Iterator[UndescribedRequirement]:
    """Every requirement (core or optional) at a level its skill does not describe.

    The one home of this check: ``validate`` warns about each, and the health
    report lists each as LEVEL_NOT_DESCRIBED. A requirement naming a skill the
    framework lacks is the merge's error, not this.
    """
    # Built once: at 130,000 requirements, looking each skill up and building
    # its tuple of levels per requirement was most of this function's time.
    described_levels = {
        skill.code: frozenset(skill.described_levels) for skill in framework.skills
    }
    for role in framework.roles:
        for requirement in role.requirements:
            levels = described_levels.get(requirement.code)
            if levels is None or requirement.level in levels:
                continue
            yield UndescribedRequirement(role, requirement, tuple(sorted(levels)))


def _joined(given: Sequence[str]) -> str:
    return ", ".join(given) if given else "."
