"""Coverage: which role requires which skill at which level, as one matrix.

Rows are the roles grouped by career path, then track (a path's shared
rungs first, then each track by name), each group by level, then title.
Columns are the skills some role lists, core or optional, by category, then
code (a catalogue's skills that no role uses would be empty columns: 100 of
the 147 of SFIA). A cell is the level a role requires, marked when the
requirement is optional.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from .model import Framework, Requirement, Role, Skill


@dataclass(frozen=True, slots=True)
class CoverageGroup:
    """The rows of one path's shared rungs or one track."""

    career_path: str
    track: str | None  # None: the path's roles without a track
    roles: tuple[Role, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    skills: tuple[Skill, ...]  # the columns
    groups: tuple[CoverageGroup, ...]

    def cells(self, role: Role) -> tuple[Requirement | None, ...]:
        """The role's requirement of each column's skill, or None."""
        by_code = {requirement.code: requirement for requirement in role.requirements}
        return tuple(by_code.get(skill.code) for skill in self.skills)


def coverage(framework: Framework) -> Coverage:
    used = {req.code for role in framework.roles for req in role.requirements}
    skills = sorted(
        (skill for skill in framework.skills if skill.code in used),
        key=lambda skill: (skill.category.casefold(), skill.code),
    )
    by_group: dict[tuple[str, str | None], list[Role]] = defaultdict(list)
    track_names: dict[tuple[str, str], str] = {}  # one spelling per track
    for role in framework.roles:
        track = None
        if role.track is not None:
            track = track_names.setdefault(
                (role.career_path, role.track.casefold()), role.track
            )
        by_group[role.career_path, track].append(role)
    groups = [
        CoverageGroup(
            path,
            track,
            tuple(sorted(roles, key=lambda r: (r.level, r.title.casefold()))),
        )
        for (path, track), roles in by_group.items()
    ]
    groups.sort(
        key=lambda g: (
            g.career_path.casefold(),
            g.track is not None,
            (g.track or "").casefold(),
        )
    )
    return Coverage(tuple(skills), tuple(groups))


def cell_text(requirement: Requirement | None) -> str:
    """ "3" for a core requirement at level 3, "(3)" for an optional one."""
    if requirement is None:
        return ""
    return f"({requirement.level})" if requirement.optional else str(requirement.level)


def to_csv(framework: Framework) -> str:
    """The matrix as CSV: the role's path, track, level, slug and title, then
    one column per skill code."""
    matrix = coverage(framework)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["career_path", "track", "level", "role", "title"]
        + [skill.code for skill in matrix.skills]
    )
    for group in matrix.groups:
        for role in group.roles:
            writer.writerow(
                [
                    group.career_path,
                    group.track or "",
                    role.level,
                    role.slug,
                    role.title,
                ]
                + [cell_text(cell) for cell in matrix.cells(role)]
            )
    return out.getvalue()
