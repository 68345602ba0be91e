"""Lookups and filters over the framework that the Query resolvers share."""

from __future__ import annotations

from ..model import Framework, Role, Skill
from . import types
from .ids import subcategory_key


def find_node(framework: Framework, type_name: str, key: str) -> types.Node | None:
    """The object a well-formed global id names, or None when there is none."""
    if type_name == "Role":
        role = framework.role(key)
        return types.Role(model=role) if role and role.slug == key else None
    if type_name == "Skill":
        skill = framework.skill(key)
        return types.Skill(model=skill) if skill and skill.code == key else None
    if type_name == "CareerPath":
        path = next((p for p in framework.career_paths if p.name == key), None)
        return types.CareerPath(model=path) if path else None
    if type_name == "Track":
        track = next(
            (
                t
                for t in framework.tracks
                if subcategory_key(t.career_path, t.name) == key
            ),
            None,
        )
        return types.Track(model=track) if track else None
    if type_name == "Category":
        category = next((c for c in framework.categories if c.name == key), None)
        return types.Category(model=category) if category else None
    subcategory = next(
        (
            s
            for s in framework.subcategories
            if subcategory_key(s.category, s.name) == key
        ),
        None,
    )
    return types.Subcategory(model=subcategory) if subcategory else None


def _folded(text: str | None) -> str | None:
    return None if text is None else text.strip().casefold()


def matching_skills(
    framework: Framework, category: str | None, search: str | None
) -> list[Skill]:
    """Skills of ``category`` whose code, name or description contains ``search``."""
    wanted, needle = _folded(category), None if search is None else search.casefold()
    return [
        skill
        for skill in framework.skills
        if (wanted is None or skill.category.casefold() == wanted)
        and (
            needle is None
            or needle in skill.code.casefold()
            or needle in skill.name.casefold()
            or needle in (skill.description or "").casefold()
        )
    ]


def matching_roles(
    framework: Framework,
    career_path: str | None,
    track: str | None,
    level: int | None,
    skill: str | None,
    search: str | None,
) -> list[Role]:
    """Roles passing every filter given, in the framework's order."""
    path, needle = _folded(career_path), None if search is None else search.casefold()
    wanted_track = _folded(track)
    return [
        role
        for role in framework.roles
        if (path is None or role.career_path.casefold() == path)
        and (
            wanted_track is None
            or (role.track is not None and role.track.casefold() == wanted_track)
        )
        and (level is None or role.level == level)
        and (skill is None or role.required_level(skill) is not None)
        and (
            needle is None
            or needle in role.title.casefold()
            or needle in role.slug
            or needle in (role.summary or "").casefold()
            or needle in (role.overview or "").casefold()
        )
    ]
