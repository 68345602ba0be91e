"""Merge the drafts of every file into one framework.

Rules (from the API contract):
- a skill described in several sources is one skill; a field missing in one
  source is taken from another;
- a skill's learning resources are the union of every source's, one per
  title (any case) and level; a resource's url or kind missing in one source
  is taken from another, and two different ones keep the first (a warning);
- two different non-empty texts: the first source in path order wins and a
  warning names both files; a skills catalogue (the SFIA download) wins over
  every other source, and its differences with a file are summarised in one
  warning per file;
- two roles with the same slug are an error; the first one is kept;
- a path's tracks are those declared under it and those its roles name (one
  spelling each, the first seen); a role's track takes that spelling;
- declared moves are resolved to role pairs: a role named by title or slug,
  or every role a selector matches; a reference that matches nothing is an
  error at its line; a pair declared twice keeps the first note;
- the ``progression`` rules come from the first file in path order that
  gives each one; a file that gives a different value is warned about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from .errors import Problem
from .model import (
    LEVEL_NAMES,
    Attribute,
    CareerPath,
    Category,
    Framework,
    Level,
    Location,
    Move,
    ProgressionRules,
    Requirement,
    Role,
    Section,
    Skill,
    SkillLevel,
    SkillResource,
    Subcategory,
    Track,
    slugify,
)
from .sources.drafts import ResourceDraft, RoleSelector, SkillDraft, SourceResult
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
    # Keyed by (title in any case, level), in the order first seen.
    resources: dict[tuple[str, int | None], _MergedResource] = field(
        default_factory=dict
    )


@dataclass(slots=True)
class _MergedResource:
    title: str
    level: int | None
    values: dict[str, tuple[str, Location]]  # "url" or "kind" -> (text, origin)


def merge(
    results: Sequence[SourceResult], *, fallback_name: str
) -> tuple[Framework, list[Problem]]:
    problems: list[Problem] = []
    # Catalogues first so that they win; otherwise path order (the loader sorts).
    ordered = sorted(results, key=lambda r: (not r.catalogue, r.path))

    name = next((r.name for r in sorted(results, key=lambda r: r.path) if r.name), None)
    attribution = next((r.attribution for r in ordered if r.attribution), None)

    skills, conflicts = _merge_skills(ordered, problems)
    problems.extend(_report_conflicts(conflicts))

    career_paths = _merge_career_paths(ordered)
    tracks = _merge_tracks(ordered, career_paths, problems)
    roles = _merge_roles(ordered, skills, career_paths, tracks, problems)
    categories, subcategories = _merge_categories(ordered, skills)
    by_path = sorted(results, key=lambda r: r.path)
    moves = _merge_moves(by_path, roles, problems)
    rules = _merge_rules(by_path, problems)

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
        tracks=tuple(
            sorted(
                tracks.values(),
                key=lambda t: (t.career_path.casefold(), t.name.casefold()),
            )
        ),
        moves=moves,
        progression=rules,
    )
    return framework, problems


def _merge_skills(
    ordered: Sequence[SourceResult], problems: list[Problem]
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
            for resource in draft.resources:
                _merge_resource(entry, resource, problems)
    return {code: _to_skill(entry) for code, entry in merged.items()}, conflicts


def _merge_resource(
    entry: _MergedSkill, draft: ResourceDraft, problems: list[Problem]
) -> None:
    key = (draft.title.casefold(), draft.level)
    kept = entry.resources.get(key)
    if kept is None:
        kept = entry.resources[key] = _MergedResource(draft.title, draft.level, {})
    for name, text in (("url", draft.url), ("kind", draft.kind)):
        if not text:
            continue
        known = kept.values.get(name)
        if known is None:
            kept.values[name] = (text, draft.origin)
            continue
        # A link is compared exactly; a kind ("Book", "book") as a text.
        same = known[0] == text if name == "url" else same_text(known[0], text)
        if not same:
            at = "any level" if draft.level is None else f"level {draft.level}"
            problems.append(
                Problem(
                    draft.origin.path,
                    draft.origin.line,
                    "warning",
                    f"skill {entry.code}: resource {kept.title!r} for {at}: {name} "
                    f"{text!r} differs from {known[0]!r} in {known[1].path}:"
                    f"{known[1].line}, which is kept (first in path order)",
                )
            )


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
    resources = sorted(
        (
            SkillResource(
                resource.title,
                url=resource.values["url"][0] if "url" in resource.values else None,
                kind=resource.values["kind"][0] if "kind" in resource.values else None,
                level=resource.level,
            )
            for resource in entry.resources.values()
        ),
        key=lambda resource: resource.sort_key,
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
        resources=tuple(resources),
        catalogue=entry.catalogue is not None,
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


def _merge_tracks(
    ordered: Sequence[SourceResult],
    paths: dict[str, CareerPath],
    problems: list[Problem],
) -> dict[tuple[str, str], Track]:
    """Tracks keyed by (path, track) in lower case; paths spelled as merged.

    A path that declares its tracks gets a warning for a role naming another
    one (a misspelt track would otherwise split a ladder silently).
    """
    tracks: dict[tuple[str, str], Track] = {}

    def add(path: str, name: str, description: str | None) -> None:
        path_name = paths[path.casefold()].name
        key = (path.casefold(), name.casefold())
        known = tracks.get(key)
        if known is None or (known.description is None and description):
            tracks[key] = Track(known.name if known else name, path_name, description)

    for result in ordered:
        for draft in result.career_paths:
            for track in draft.tracks:
                add(draft.name, track.name, track.description)
    declared = {path for path, _ in tracks}
    for result in ordered:
        for role in result.roles:
            if not role.track:
                continue
            path = role.career_path.casefold()
            if path in declared and (path, role.track.casefold()) not in tracks:
                where = role.track_origin or role.origin
                names = ", ".join(
                    sorted(t.name for (p, _), t in tracks.items() if p == path)
                )
                problems.append(
                    Problem(
                        where.path,
                        where.line,
                        "warning",
                        f"role {role.title!r} is on track {role.track!r}, which "
                        f"career path {paths[path].name!r} does not declare "
                        f"(its tracks: {names}); it is added",
                    )
                )
            add(role.career_path, role.track, None)
    return tracks


def _merge_roles(
    ordered: Sequence[SourceResult],
    skills: dict[str, Skill],
    career_paths: dict[str, CareerPath],
    tracks: dict[tuple[str, str], Track],
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
                requirements[req.code] = Requirement(
                    req.code, req.level, req.origin, optional=req.optional
                )
            path = career_paths[draft.career_path.casefold()]
            track = (
                tracks[path.name.casefold(), draft.track.casefold()].name
                if draft.track
                else None
            )
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
                track=track,
                sections=tuple(Section(h, text) for h, text in draft.sections),
            )
    return list(roles.values())


def _merge_moves(
    by_path: Sequence[SourceResult], roles: list[Role], problems: list[Problem]
) -> tuple[Move, ...]:
    by_slug = {role.slug: role for role in roles}
    moves: dict[tuple[str, str], Move] = {}
    for result in by_path:
        for draft in result.moves:
            sources = _resolve(draft.source, draft.source_origin, by_slug, problems)
            targets = _resolve(draft.target, draft.target_origin, by_slug, problems)
            if sources and sources == targets and len(sources) == 1:
                # A selector may match both ends (every pair of them is a move);
                # one role to itself is a mistake.
                problems.append(
                    Problem(
                        draft.origin.path,
                        draft.origin.line,
                        "warning",
                        f"move: from and to are the same role ({sources[0]}); "
                        "it is ignored",
                    )
                )
            renoted: list[Move] = []  # pairs declared before with another note
            for source in sources:
                for target in targets:
                    if source == target:
                        continue
                    known = moves.get((source, target))
                    if known is None or (draft.note and not known.note):
                        # A pair declared first without a note (by a broad
                        # selector, say) takes the note a later move gives it.
                        moves[source, target] = Move(
                            source, target, draft.note, draft.origin
                        )
                    elif draft.note and known.note != draft.note:
                        renoted.append(known)
            if renoted:
                first = renoted[0]
                where = first.origin or draft.origin
                more = f" (and {len(renoted) - 1} more)" if len(renoted) > 1 else ""
                problems.append(
                    Problem(
                        draft.origin.path,
                        draft.origin.line,
                        "warning",
                        f"move: {first.source} to {first.target}{more} is declared "
                        f"again with another note; the note at {where.path}:"
                        f"{where.line} is kept",
                    )
                )
    return tuple(moves[key] for key in sorted(moves))


def _resolve(
    reference: str | RoleSelector,
    origin: Location,
    by_slug: dict[str, Role],
    problems: list[Problem],
) -> list[str]:
    """The slugs a move's end names; none (and an error) when it names nothing."""
    if isinstance(reference, str):
        slug = slugify(reference)
        if slug in by_slug:
            return [slug]
        problems.append(
            Problem(
                origin.path,
                origin.line,
                "error",
                f"move: no role {reference!r} (give a role's title or slug)",
            )
        )
        return []
    found = [
        role.slug
        for role in by_slug.values()
        if (
            reference.career_path is None
            or role.career_path.casefold() == reference.career_path.casefold()
        )
        and (
            reference.track is None
            or (role.track or "").casefold() == reference.track.casefold()
        )
        and (reference.level is None or role.level == reference.level)
    ]
    if not found:
        problems.append(
            Problem(
                origin.path,
                origin.line,
                "error",
                f"move: the selector {reference.describe()} matches no role",
            )
        )
    return sorted(found)


def _merge_rules(
    by_path: Sequence[SourceResult], problems: list[Problem]
) -> ProgressionRules:
    chosen: dict[str, tuple[object, Location]] = {}
    for result in by_path:
        draft = result.progression
        if draft is None:
            continue
        for name in ("path_changes", "min_shared_skills", "max_level_up"):
            value = getattr(draft, name)
            if value is None:
                continue
            kept = chosen.get(name)
            if kept is None:
                chosen[name] = (value, draft.origin)
            elif kept[0] != value:
                problems.append(
                    Problem(
                        draft.origin.path,
                        draft.origin.line,
                        "warning",
                        f"progression: {name} {value!r} differs from "
                        f"{kept[0]!r} in {kept[1].path}:{kept[1].line}, which is "
                        "kept (first in path order)",
                    )
                )
    defaults = ProgressionRules()
    return ProgressionRules(
        **{
            name: chosen[name][0] if name in chosen else getattr(defaults, name)
            for name in ("path_changes", "min_shared_skills", "max_level_up")
        }  # type: ignore[arg-type]
    )


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
        resources=skill.resources,
        catalogue=skill.catalogue,
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
