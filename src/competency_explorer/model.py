"""The domain model: a career framework as frozen, typed values.

No I/O, no networkx and no GraphQL here; every other layer builds on these
types. Collections are tuples in a stable order so that two loads of the same
files compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEVEL_NUMBERS = range(1, 8)

#: The seven SFIA levels of responsibility and their names.
LEVEL_NAMES: dict[int, str] = {
    1: "Follow",
    2: "Assist",
    3: "Apply",
    4: "Enable",
    5: "Ensure, advise",
    6: "Initiate, influence",
    7: "Set strategy, inspire, mobilise",
}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """The contract's slug rule.

    >>> slugify("Director of Engineering")
    'director-of-engineering'
    >>> slugify("  VP, Engineering!! ")
    'vp-engineering'
    """
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def normalise_code(code: str) -> str:
    """Skill codes are upper case; lookups accept any case."""
    return code.strip().upper()


def subcategory_key(category: str, name: str) -> str:
    """A subcategory's unique key: "category/name", each part escaped.

    A "/" or "\\" inside a name is escaped so that no two subcategories share a
    key ("A/B" + "C" and "A" + "B/C" would otherwise both be "A/B/C"). Names
    without either character keep their plain "category/name" key.

    >>> subcategory_key("People and skills", "Skills management")
    'People and skills/Skills management'
    >>> subcategory_key("A/B", "C") == subcategory_key("A", "B/C")
    False
    """
    return f"{_escaped(category)}/{_escaped(name)}"


def _escaped(part: str) -> str:
    return part.replace("\\", "\\\\").replace("/", "\\/")


def is_valid_level(level: int) -> bool:
    return level in LEVEL_NUMBERS


@dataclass(frozen=True, slots=True)
class Location:
    """Where a thing was read from, so that problems can point at it."""

    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Level:
    number: int
    name: str
    description: str | None = None
    guiding_phrase: str | None = None
    essence: str | None = None


@dataclass(frozen=True, slots=True)
class Category:
    name: str


@dataclass(frozen=True, slots=True)
class Subcategory:
    name: str
    category: str


@dataclass(frozen=True, slots=True)
class SkillLevel:
    """What attainment of a skill (or attribute) at one level means."""

    level: int
    description: str


@dataclass(frozen=True, slots=True)
class Skill:
    code: str
    name: str
    category: str
    subcategory: str
    description: str | None = None
    guidance: str | None = None
    url: str | None = None
    levels: tuple[SkillLevel, ...] = ()
    # Where the skill was first described; not part of equality so that a
    # framework exported to YAML and loaded again compares equal.
    source: Location | None = field(default=None, compare=False)

    @property
    def described_levels(self) -> tuple[int, ...]:
        return tuple(skill_level.level for skill_level in self.levels)

    def attainment(self, level: int) -> str | None:
        for skill_level in self.levels:
            if skill_level.level == level:
                return skill_level.description
        return None


@dataclass(frozen=True, slots=True)
class Attribute:
    """An SFIA generic attribute or business skill (AUTO, COMM, ...)."""

    code: str
    name: str
    type: str
    description: str | None = None
    guidance: str | None = None
    url: str | None = None
    levels: tuple[SkillLevel, ...] = ()

    def at_level(self, level: int) -> str | None:
        for attribute_level in self.levels:
            if attribute_level.level == level:
                return attribute_level.description
        return None


@dataclass(frozen=True, slots=True)
class CareerPath:
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Requirement:
    """A role requires the skill ``code`` at ``level``."""

    code: str
    level: int
    source: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    level: int
    career_path: str
    summary: str | None = None
    overview: str | None = None
    requirements: tuple[Requirement, ...] = ()  # ordered by skill code
    source: Location | None = field(default=None, compare=False)

    @property
    def slug(self) -> str:
        return slugify(self.title)

    def required_level(self, code: str) -> int | None:
        wanted = normalise_code(code)
        for requirement in self.requirements:
            if requirement.code == wanted:
                return requirement.level
        return None


@dataclass(frozen=True, slots=True)
class Framework:
    """A whole framework. Build it through the loader, which validates it.

    Ordering: levels by number; categories, subcategories and career paths by
    name; skills by code; roles by career path, level, then title.
    """

    name: str
    levels: tuple[Level, ...]
    categories: tuple[Category, ...] = ()
    subcategories: tuple[Subcategory, ...] = ()
    skills: tuple[Skill, ...] = ()
    career_paths: tuple[CareerPath, ...] = ()
    roles: tuple[Role, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    attribution: str | None = None
    _skills_by_code: dict[str, Skill] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _roles_by_slug: dict[str, Role] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _paths_by_key: dict[str, CareerPath] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    _levels_by_number: dict[int, Level] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        # The lookup tables are filled in place: the dataclass is frozen, and
        # the dicts are private and never handed out.
        self._skills_by_code.update((skill.code, skill) for skill in self.skills)
        for role in self.roles:
            self._roles_by_slug.setdefault(role.slug, role)
        self._paths_by_key.update((p.name.casefold(), p) for p in self.career_paths)
        self._levels_by_number.update((lvl.number, lvl) for lvl in self.levels)

    def skill(self, code: str) -> Skill | None:
        return self._skills_by_code.get(normalise_code(code))

    def role(self, slug: str) -> Role | None:
        return self._roles_by_slug.get(slugify(slug))

    def career_path(self, name: str) -> CareerPath | None:
        return self._paths_by_key.get(name.strip().casefold())

    def level(self, number: int) -> Level | None:
        return self._levels_by_number.get(number)

    def attribute(self, code: str) -> Attribute | None:
        wanted = normalise_code(code)
        for attribute in self.attributes:
            if attribute.code == wanted:
                return attribute
        return None


def default_levels() -> tuple[Level, ...]:
    return tuple(Level(number, name) for number, name in LEVEL_NAMES.items())
