"""Merge the drafts of every file into one framework.

Rules (from the API contract):
- a skill described in several sources is one skill; a field missing in one
  source is taken from another;
- two different non-empty texts: the first source in path order wins and a
  warning names both files; a skills catalogue (the SFIA download) wins over
  every other source, and its differences with a file are summarised in one
  warning per file;
- two roles with the same slug are an error; the first one is kept.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import Problem
from .model import (
    LEVEL_NAMES,
    Attribute,
    CareerPath,
    Category,
    Framework,
    Level,
    Location,
    Requirement,
    Role,
    Skill,
    SkillLevel,
    Subcategory,
    slugify,
)
from .sources.drafts import SkillDraft, SourceResult
from .spelling import spelling_key

UNCATEGORISED = "Uncategorised"

_SKILL_FIELDS = ("name", "category", "subcategory", "description", "guidance", "url")


def same_text(a: str, b: str) -> bool:
    """Texts that differ only in spacing, case or UK/US spelling are the same."""
    return spelling_key(a) == spelling_key(b)


@dataclass(slots=True)
class _Conflict:
    code: str
    field: str
    kept: Location
    kept_from_catalogue: bool
    other: Location


@dataclass(slots=True)
class _MergedSkill:
    code: str
    origin: Location
    values: dict[str, tuple[str, Location, bool]]  # field -> (text, origin, catalogue)
    # Where a catalogue described this skill: its levels are then the only ones.
    catalogue: Location | None = None


def merge(
    results: Sequence[SourceResult], *, fallback_name: str
) -> tuple[Framework, list[Problem]]:
    problems: list[Problem] = []
    # Catalogues first so that they win; otherwise path order (the loader sorts).
    ordered = sorted(results, key=lambda r: (not r.catalogue, r.path))

    name = next((r.name for r in sorted(results, key=lambda r: r.path) if r.name), None)
    attribution = next((r.attribution for r in ordered if r.attribution), None)

    skills, conflicts = _merge_skills(ordered)
    problems.extend(_report_conflicts(conflicts))

    career_paths = _merge_career_paths(ordered)
    roles = _merge_roles(ordered, skills, career_paths, problems)
    categories, subcategories = _merge_categories(ordered, skills)

    framework = Framework(
        name=name or fallback_name,
        levels=_merge_levels(ordered),
        categories=categories,
        subcategories=subcategories,
        skills=tuple(sorted(skills.values(), key=lambda s: s.code)),
        career_paths=tuple(
            sorted(career_paths.values(), key=lambda p: p.name.casefold())
        ),
        roles=tuple(
            sorted(
                roles,
                key=lambda r: (r.career_path.casefold(), r.level, r.title.casefold()),
            )
        ),
        attributes=_merge_attributes(ordered),
        attribution=attribution,
    )
    return framework, problems


def _merge_skills(
    ordered: Sequence[SourceResult],
) -> tuple[dict[str, Skill], list[_Conflict]]:
    merged: dict[str, _MergedSkill] = {}
    conflicts: list[_Conflict] = []
    for result in ordered:
        for draft in result.skills:
            entry = merged.get(draft.code)
            if entry is None:
                entry = merged[draft.code] = _MergedSkill(draft.code, draft.origin, {})
            if result.catalogue and entry.catalogue is None:
                entry.catalogue = draft.origin
            for field_name, text, origin in _draft_fields(draft):
                if not text:
                    continue
                kept = entry.values.get(field_name)
                if (
                    kept is None
                    and entry.catalogue is not None
                    and not result.catalogue
                    and field_name.startswith("level ")
                ):
                    # The catalogue defines which levels a skill has; a card's
                    # text for another level is a difference, not an addition.
                    conflicts.append(
                        _Conflict(draft.code, field_name, entry.catalogue, True, origin)
                    )
                elif kept is None:
                    entry.values[field_name] = (text, origin, result.catalogue)
                elif not same_text(kept[0], text):
                    conflicts.append(
                        _Conflict(draft.code, field_name, kept[1], kept[2], origin)
                    )
    return {code: _to_skill(entry) for code, entry in merged.items()}, conflicts


def _draft_fields(draft: SkillDraft) -> list[tuple[str, str | None, Location]]:
    fields: list[tuple[str, str | None, Location]] = [
        (name, getattr(draft, name), draft.origin) for name in _SKILL_FIELDS
    ]
    for level, text in sorted(draft.levels.items()):
        origin = draft.level_origins.get(level, draft.origin)
        fields.append((f"level {level}", text, origin))
    return fields


def _to_skill(entry: _MergedSkill) -> Skill:
    def text(field_name: str) -> str | None:
        value = entry.values.get(field_name)
        return value[0] if value else None

    # Level keys are "level N"; the other fields are filtered out before the
    # sort, and the numbers (unique per skill) are the whole sort key.
    levels = tuple(
        SkillLevel(number, text)
        for number, text in sorted(
            (int(key[6:]), value[0])
            for key, value in entry.values.items()
            if key.startswith("level ")
        )
    )
    return Skill(
        code=entry.code,
        name=text("name") or entry.code,
        category=text("category") or UNCATEGORISED,
        subcategory=text("subcategory") or UNCATEGORISED,
        description=text("description"),
        guidance=text("guidance"),
        url=text("url"),
        levels=levels,
        source=entry.origin,
    )


def _report_conflicts(conflicts: list[_Conflict]) -> list[Problem]:
    problems: list[Problem] = []
    by_file: dict[str, list[_Conflict]] = defaultdict(list)
    for conflict in conflicts:
        if conflict.kept_from_catalogue:
            by_file[conflict.other.path].append(conflict)
            continue
        problems.append(
            Problem(
                conflict.other.path,
                conflict.other.line,
                "warning",
                f"skill {conflict.code}: {conflict.field} differs from the one in "
                f"{conflict.kept.path}:{conflict.kept.line}, which is kept "
                "(first in path order)",
            )
        )
    # A catalogue's texts differ from a card's in many small ways (spelling,
    # rewording): one summary per file keeps the report readable.
    for path, file_conflicts in sorted(by_file.items()):
        first = file_conflicts[0]
        skill_count = len({c.code for c in file_conflicts})
        problems.append(
            Problem(
                path,
                first.other.line,
                "warning",
                f"{len(file_conflicts)} field(s) of {skill_count} skill(s) differ "
                f"from the skills catalogue {first.kept.path}, which wins "
                f"(for example {first.code} {first.field})",
            )
        )
    return problems


def _merge_career_paths(ordered: Sequence[SourceResult]) -> dict[str, CareerPath]:
    paths: dict[str, CareerPath] = {}
    for result in ordered:
        for draft in result.career_paths:
            key = draft.name.casefold()
            known = paths.get(key)
            if known is None or (known.description is None and draft.description):
                name = known.name if known else draft.name
                paths[key] = CareerPath(name, draft.description)
    for result in ordered:
        for role in result.roles:
            paths.setdefault(role.career_path.casefold(), CareerPath(role.career_path))
    return paths


def _merge_roles(
    ordered: Sequence[SourceResult],
    skills: dict[str, Skill],
    career_paths: dict[str, CareerPath],
    problems: list[Problem],
) -> list[Role]:
    roles: dict[str, Role] = {}
    # Roles keep plain path order: the catalogue flag is about skill texts.
    for result in sorted(ordered, key=lambda r: r.path):
        for draft in result.roles:
            slug = slugify(draft.title)
            if not slug:
                problems.append(
                    Problem(
                        draft.origin.path,
                        draft.origin.line,
                        "error",
                        f"role title {draft.title!r} has no letters or digits",
                    )
                )
                continue
            if slug in roles:
                first = roles[slug].source
                where = f"{first.path}:{first.line}" if first else "another file"
                problems.append(
                    Problem(
                        draft.origin.path,
                        draft.origin.line,
                        "error",
                        f"duplicate role slug {slug!r}: role {draft.title!r} "
                        f"clashes with {roles[slug].title!r} at {where}",
                    )
                )
                continue
            requirements: dict[str, Requirement] = {}
            for req in draft.requirements:
                if req.code not in skills:
                    problems.append(
                        Problem(
                            req.origin.path,
                            req.origin.line,
                            "error",
                            f"role {draft.title!r} requires unknown skill code "
                            f"{req.code!r}",
                        )
                    )
                    continue
                if req.code in requirements:
                    problems.append(
                        Problem(
                            req.origin.path,
                            req.origin.line,
                            "error",
                            f"role {draft.title!r} requires skill {req.code} "
                            "more than once",
                        )
                    )
                    continue
                requirements[req.code] = Requirement(req.code, req.level, req.origin)
            path = career_paths[draft.career_path.casefold()]
            roles[slug] = Role(
                title=draft.title,
                level=draft.level,
                career_path=path.name,
                summary=draft.summary,
                overview=draft.overview,
                # Codes are unique per role: sorting by code alone gives the
                # dataclass order without its slower generated __lt__.
                requirements=tuple(
                    sorted(requirements.values(), key=lambda req: req.code)
                ),
                source=draft.origin,
            )
    return list(roles.values())


def _merge_categories(
    ordered: Sequence[SourceResult], skills: dict[str, Skill]
) -> tuple[tuple[Category, ...], tuple[Subcategory, ...]]:
    category_names: dict[str, str] = {}
    subcategory_keys: dict[tuple[str, str], Subcategory] = {}

    def add(category: str, subcategory: str | None) -> str:
        name = category_names.setdefault(category.casefold(), category)
        if subcategory:
            key = (name.casefold(), subcategory.casefold())
            subcategory_keys.setdefault(key, Subcategory(subcategory, name))
        return name

    for result in ordered:
        for draft in result.categories:
            add(draft.name, None)
            for sub_name in draft.subcategories:
                add(draft.name, sub_name)
    for code, skill in list(skills.items()):
        category = add(skill.category, skill.subcategory)
        sub = subcategory_keys[(category.casefold(), skill.subcategory.casefold())]
        if category != skill.category or sub.name != skill.subcategory:
            # One spelling per category: the first one seen.
            skills[code] = _replace_skill(skill, category, sub.name)
    categories = tuple(
        Category(n) for n in sorted(category_names.values(), key=str.casefold)
    )
    subcategories = tuple(
        sorted(subcategory_keys.values(), key=lambda s: (s.name.casefold(), s.category))
    )
    return categories, subcategories


def _replace_skill(skill: Skill, category: str, subcategory: str) -> Skill:
    return Skill(
        code=skill.code,
        name=skill.name,
        category=category,
        subcategory=subcategory,
        description=skill.description,
        guidance=skill.guidance,
        url=skill.url,
        levels=skill.levels,
        source=skill.source,
    )


def _merge_levels(ordered: Sequence[SourceResult]) -> tuple[Level, ...]:
    fields: dict[int, dict[str, str]] = defaultdict(dict)
    for result in ordered:
        for draft in result.levels:
            for key in ("description", "guiding_phrase", "essence"):
                value = getattr(draft, key)
                if value:
                    fields[draft.number].setdefault(key, value)
    return tuple(
        Level(
            number,
            name,
            description=fields[number].get("description"),
            guiding_phrase=fields[number].get("guiding_phrase"),
            essence=fields[number].get("essence"),
        )
        for number, name in LEVEL_NAMES.items()
    )


def _merge_attributes(ordered: Sequence[SourceResult]) -> tuple[Attribute, ...]:
    attributes: dict[str, Attribute] = {}
    for result in ordered:
        for draft in result.attributes:
            if draft.code in attributes:
                continue
            attributes[draft.code] = Attribute(
                code=draft.code,
                name=draft.name,
                type=draft.type,
                description=draft.description,
                guidance=draft.guidance,
                url=draft.url,
                levels=tuple(
                    SkillLevel(level, text)
                    for level, text in sorted(draft.levels.items())
                ),
            )
    return tuple(sorted(attributes.values(), key=lambda a: a.code))
