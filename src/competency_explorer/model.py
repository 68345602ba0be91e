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


class _Described:
    """A skill or an attribute: a text for each level at which it is described."""

    __slots__ = ()
    levels: tuple[SkillLevel, ...]

    def attainment(self, level: int) -> str | None:
        """What attainment at ``level`` means, or None where it is not described."""
        for skill_level in self.levels:
            if skill_level.level == level:
                return skill_level.description
        return None

    @property
    def described_levels(self) -> tuple[int, ...]:
        return tuple(skill_level.level for skill_level in self.levels)


@dataclass(frozen=True, slots=True)
class SkillResource:
    """Something that helps a person grow in a skill: a course, a book, ...

    ``level`` is the level it helps reach; None means any level.
    """

    title: str
    url: str | None = None
    kind: str | None = None  # course, book, practice, mentoring, or any text
    level: int | None = None

    @property
    def sort_key(self) -> tuple[bool, int, str, str]:
        """By level, "any level" last, then title (any case, then as written)."""
        return (self.level is None, self.level or 0, self.title.casefold(), self.title)

    def helps_with(self, level: int) -> bool:
        """For ``level``, or for any level."""
        return self.level is None or self.level == level


@dataclass(frozen=True, slots=True)
class Skill(_Described):
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
    resources: tuple[SkillResource, ...] = ()  # by SkillResource.sort_key
    # True for a skill of a loaded skills catalogue (the SFIA download), not
    # one the framework defines itself (the health report's SKILL_USED_ONCE
    # reads it). Where it came from, like ``source``: not part of equality.
    catalogue: bool = field(default=False, compare=False)


@dataclass(frozen=True, slots=True)
class Attribute(_Described):
    """An SFIA generic attribute or business skill (AUTO, COMM, ...)."""

    code: str
    name: str
    type: str
    description: str | None = None
    guidance: str | None = None
    url: str | None = None
    levels: tuple[SkillLevel, ...] = ()


@dataclass(frozen=True, slots=True)
class CareerPath:
    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Track:
    """A specialism within a career path ("QA" within "Engineering").

    The ladder of a track is its path's roles with that track or with none:
    a role without a track is a shared rung of every track of its path.
    """

    name: str
    career_path: str
    description: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Requirement:
    """A role requires the skill ``code`` at ``level``.

    An optional requirement is listed with the role but never counted: gaps,
    effort, similarity, matching and the path-change rule read core ones only.
    """

    code: str
    level: int
    source: Location | None = field(default=None, compare=False)
    optional: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a role card that is neither its overview nor its skills."""

    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    level: int
    career_path: str
    summary: str | None = None
    overview: str | None = None
    requirements: tuple[Requirement, ...] = ()  # core and optional, by skill code
    source: Location | None = field(default=None, compare=False)
    track: str | None = None  # None: a shared rung of every track of the path
    sections: tuple[Section, ...] = ()

    @property
    def slug(self) -> str:
        return slugify(self.title)

    @property
    def core_requirements(self) -> tuple[Requirement, ...]:
        return tuple(req for req in self.requirements if not req.optional)

    def required_level(self, code: str) -> int | None:
        wanted = normalise_code(code)
        for requirement in self.requirements:
            if requirement.code == wanted:
                return requirement.level
        return None


@dataclass(frozen=True, slots=True, order=True)
class Move:
    """A move the framework declares from one role to another (by slug).

    It is a progression edge whatever the implicit rules say.
    """

    source: str
    target: str
    note: str | None = None
    origin: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ProgressionRules:
    """How implicit track and path changes are found (the YAML ``progression``).

    A change to another track or path is an edge when ``path_changes`` is on,
    the target is from the source's level to ``max_level_up`` levels above,
    and the two roles share at least ``min_shared_skills`` core skills.
    """

    path_changes: bool = True
    min_shared_skills: int = 1
    max_level_up: int = 1


@dataclass(frozen=True, slots=True)
class Framework:
    """A whole framework. Build it through the loader, which validates it.

    Ordering: levels by number; categories, subcategories and career paths by
    name; skills by code; roles by career path, level, then title; tracks by
    career path, then name; moves by source, then target.
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
    tracks: tuple[Track, ...] = ()  # by career path, then name
    moves: tuple[Move, ...] = ()  # by source, then target
    progression: ProgressionRules = ProgressionRules()
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

    def tracks_of(self, career_path: str) -> tuple[Track, ...]:
        """The tracks of a career path (any case), by name."""
        wanted = career_path.strip().casefold()
        return tuple(t for t in self.tracks if t.career_path.casefold() == wanted)

    def track(self, career_path: str, name: str) -> Track | None:
        wanted = name.strip().casefold()
        return next(
            (t for t in self.tracks_of(career_path) if t.name.casefold() == wanted),
            None,
        )


def default_levels() -> tuple[Level, ...]:
    return tuple(Level(number, name) for number, name in LEVEL_NAMES.items())
