"""A development plan: the gap to a role, skill by skill and level by level.

Built on the gap (core requirements only): each new skill or level-up becomes
an item with the skill's texts for every level still to climb and the
framework's resources for those levels. The target's optional requirements
are listed for information, never counted.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Skill
from .progression import Progression
from .queries import gap_to
from .types import Plan, PlanItem


def development_plan(
    progression: Progression, profile: Mapping[str, int], target: str
) -> Plan:
    """The plan from ``profile`` (code -> level, checked) to the role ``target``.

    Raises UnknownRoleError for an unknown target.
    """
    role = progression.role(target)
    gap = gap_to(profile, role)
    framework = progression.framework
    steps = [(req.code, 0, req.level) for req in gap.new_skills]
    steps += [(up.code, up.from_level, up.to_level) for up in gap.level_ups]
    items = []
    for code, held, wanted in sorted(steps):
        skill = framework.skill(code)
        if skill is None:  # pragma: no cover - requirements name known skills
            raise LookupError(f"skill {code!r} is required but not in the framework")
        items.append(plan_item(skill, held, wanted))
    optional = tuple(req for req in role.requirements if req.optional)
    return Plan(role.slug, gap.effort, tuple(items), gap.met, optional)


def plan_item(skill: Skill, held: int, wanted: int) -> PlanItem:
    """The texts and resources for climbing ``skill`` from ``held`` to ``wanted``."""
    climbed = range(held + 1, wanted + 1)
    return PlanItem(
        skill.code,
        held,
        wanted,
        tuple(level for level in skill.levels if level.level in climbed),
        tuple(
            resource
            for resource in skill.resources
            if resource.level is None or resource.level in climbed
        ),
    )
