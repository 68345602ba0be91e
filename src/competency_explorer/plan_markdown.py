"""A development plan as Markdown, to take into a 1:1.

The front end's download (frontend/js/plan-markdown.js) writes the same
document for the same plan and notes; a browser test compares the two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .graph.types import Plan, PlanItem
from .model import LEVEL_NAMES, Framework, Requirement, SkillResource


def plan_markdown(
    plan: Plan,
    framework: Framework,
    notes: Mapping[str, str] | None = None,
    left_out: Sequence[str] = (),
) -> str:
    """``plan`` as Markdown; ``notes`` by skill code, ``left_out`` the profile's
    codes the framework does not know."""
    notes = notes or {}
    role = framework.role(plan.target)
    if role is None:  # pragma: no cover - a plan's target is a framework role
        raise LookupError(f"role {plan.target!r} is not in the framework")
    where = (
        f"{role.career_path}, track {role.track}" if role.track else role.career_path
    )
    level = f"level {role.level} ({_level_name(framework, role.level)})"
    lines = [
        f"# Development plan: {role.title}",
        "",
        f"- Target: {role.title}, {level}, {where}",
        f"- Effort: {_count(plan.effort, 'level')} to climb in "
        f"{_count(len(plan.items), 'skill')}",
    ]
    if left_out:
        lines.append(f"- Left out (not in this framework): {', '.join(left_out)}")
    lines.append("")
    if not plan.items:
        lines += ["Nothing to learn: every core requirement of this role is met.", ""]
    for item in plan.items:
        lines += _item(item, framework, notes.get(item.code, "").strip())
    for title, requirements in (
        ("Already met", plan.met),
        ("Optional for this role", plan.optional),
    ):
        if requirements:
            lines += [f"## {title}", ""]
            lines += [_requirement(req, framework) for req in requirements]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _item(item: PlanItem, framework: Framework, note: str) -> list[str]:
    lines = [f"## {_skill_name(item.code, framework)}", ""]
    if item.from_level == 0:
        lines.append(f"New skill: reach level {item.to_level}.")
    else:
        lines.append(f"From level {item.from_level} to level {item.to_level}.")
    lines.append("")
    # Every level above the person's, so that none is skipped without a word
    # (a level the skill does not describe says so); for a new skill, from the
    # first level the skill describes, or the target alone. As levelsToShow in
    # frontend/js/plan-markdown.js.
    texts = {level.level: level.description for level in item.levels}
    first = min([item.to_level, *texts])
    start = item.from_level + 1 if item.from_level > 0 else first
    for number in range(start, item.to_level + 1):
        lines += [
            f"### Level {number} · {_level_name(framework, number)}",
            "",
            texts.get(number, "_Not described for this skill._"),
            "",
        ]
    if item.resources:
        lines += ["### Resources", ""]
        lines += [_resource(resource) for resource in item.resources]
        lines.append("")
    lines += ["### Evidence and notes", "", note or "_None yet._", ""]
    return lines


def _resource(resource: SkillResource) -> str:
    title = resource.title
    if resource.url:
        escaped = title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        title = f"[{escaped}](<{resource.url}>)"
    facts = [resource.kind] if resource.kind else []
    facts.append("any level" if resource.level is None else f"level {resource.level}")
    return f"- {title} ({', '.join(facts)})"


def _requirement(requirement: Requirement, framework: Framework) -> str:
    return f"- {_skill_name(requirement.code, framework)}: level {requirement.level}"


def _skill_name(code: str, framework: Framework) -> str:
    skill = framework.skill(code)
    return f"{code} · {skill.name}" if skill else code


def _level_name(framework: Framework, number: int) -> str:
    level = framework.level(number)
    return level.name if level else LEVEL_NAMES[number]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
