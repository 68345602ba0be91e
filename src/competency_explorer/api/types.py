"""The GraphQL object types: thin views over the model and the graph's results.

Each type holds the model object (or graph result) it shows; fields that
need the framework or the graph read them from ``info.context``.
"""

# strawberry.field(description=...) is typed as returning Any, which mypy --strict
# calls an untyped decorator; the resolvers themselves are fully typed.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry

from .. import graph
from .. import model as domain
from ..checks import check_level, check_limit
from ..graph import types as results
from .context import Context

if TYPE_CHECKING:
    from .health import HealthFinding
from .ids import encode_id, subcategory_key

Info = strawberry.Info[Context, None]
T = TypeVar("T")

#: Defaults of the additive ``limit`` arguments on Role.
DEFAULT_NEIGHBOURS = 50
DEFAULT_SIMILAR = 5


def counted(info: Info, items: Sequence[T]) -> list[T]:
    """``items`` as a list, charged to the request's item budget."""
    info.context.budget.spend(len(items))
    return list(items)


def level_of(framework: domain.Framework, number: int) -> domain.Level:
    found = framework.level(number)
    return found or domain.Level(number, domain.LEVEL_NAMES.get(number, str(number)))


def path_of(framework: domain.Framework, name: str) -> domain.CareerPath:
    return framework.career_path(name) or domain.CareerPath(name)


def role_view(info: Info, slug: str) -> Role:
    found = info.context.framework.role(slug)
    if found is None:  # the graph only hands out slugs of the framework's roles
        raise LookupError(f"role {slug!r} is in the graph but not the framework")
    return Role(model=found)


def skill_view(info: Info, code: str) -> Skill:
    found = info.context.framework.skill(code)
    if found is None:
        raise LookupError(f"skill {code!r} is in the graph but not the framework")
    return Skill(model=found)


@strawberry.interface(
    description="Anything that can be fetched again by its global id."
)
class Node:
    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        raise NotImplementedError


@strawberry.type(
    description="A level of responsibility, 1 (Follow) to 7 (Set strategy)."
)
class Level:
    model: strawberry.Private[domain.Level]

    @strawberry.field(description="The level's number, 1 to 7.")
    def number(self) -> int:
        return self.model.number

    @strawberry.field(description='The level\'s name, such as "Apply" or "Enable".')
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="What working at this level means, when given.")
    def description(self) -> str | None:
        return self.model.description

    @strawberry.field(description="A short phrase that sums up the level, when given.")
    def guiding_phrase(self) -> str | None:
        return self.model.guiding_phrase

    @strawberry.field(
        description="The essence of the level in a few sentences, when given."
    )
    def essence(self) -> str | None:
        return self.model.essence

    @strawberry.field(
        description="The roles at this level, by career path name, then title."
    )
    def roles(self, info: Info) -> list[Role]:
        found = [
            r for r in info.context.framework.roles if r.level == self.model.number
        ]
        return [Role(model=role) for role in counted(info, found)]

    @strawberry.field(
        description="The generic attributes and business skills described at this "
        "level (autonomy, influence, ...), by code."
    )
    def attributes(self, info: Info) -> list[LevelAttribute]:
        number = self.model.number
        found = [a for a in info.context.framework.attributes if a.attainment(number)]
        return [LevelAttribute(model=a, level=number) for a in counted(info, found)]


@strawberry.type(
    description="A generic attribute (autonomy, influence, complexity, knowledge) "
    "or a business skill, described at each level."
)
class Attribute:
    model: strawberry.Private[domain.Attribute]

    @strawberry.field(description='The attribute\'s code, such as "AUTO".')
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="The attribute's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(
        description='Its kind: "Attributes" or "Business skills/Behavioural factors".'
    )
    def type(self) -> str:
        return self.model.type

    @strawberry.field(description="The overall description, when given.")
    def description(self) -> str | None:
        return self.model.description

    @strawberry.field(description="The guidance notes, when given.")
    def guidance(self) -> str | None:
        return self.model.guidance

    @strawberry.field(description="A reference link, when given.")
    def url(self) -> str | None:
        return self.model.url

    @strawberry.field(description="Its description at each level, ascending.")
    def levels(self, info: Info) -> list[SkillLevel]:
        return [SkillLevel(model=item) for item in counted(info, self.model.levels)]


@strawberry.type(description="An attribute as it is described at one level.")
class LevelAttribute:
    model: strawberry.Private[domain.Attribute]
    level: strawberry.Private[int]

    @strawberry.field(description='The attribute\'s code, such as "AUTO".')
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="The attribute's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(
        description='Its kind: "Attributes" or "Business skills/Behavioural factors".'
    )
    def type(self) -> str:
        return self.model.type

    @strawberry.field(description="What the attribute means at this level.")
    def description(self) -> str:
        return self.model.attainment(self.level) or ""

    @strawberry.field(description="The whole attribute, with every level.")
    def attribute(self) -> Attribute:
        return Attribute(model=self.model)


@strawberry.type(
    description="A category of skills, such as 'Development and implementation'."
)
class Category(Node):
    model: strawberry.Private[domain.Category]

    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Category", self.model.name))

    @strawberry.field(description="The category's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Its subcategories, by name.")
    def subcategories(self, info: Info) -> list[Subcategory]:
        found = [
            s
            for s in info.context.framework.subcategories
            if s.category == self.model.name
        ]
        return [Subcategory(model=s) for s in counted(info, found)]

    @strawberry.field(description="Its skills, by code.")
    def skills(self, info: Info) -> list[Skill]:
        found = [
            s for s in info.context.framework.skills if s.category == self.model.name
        ]
        return [Skill(model=s) for s in counted(info, found)]


@strawberry.type(description="A subcategory of skills within a category.")
class Subcategory(Node):
    model: strawberry.Private[domain.Subcategory]

    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        key = subcategory_key(self.model.category, self.model.name)
        return strawberry.ID(encode_id("Subcategory", key))

    @strawberry.field(description="The subcategory's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="The category it belongs to.")
    def category(self) -> Category:
        return Category(model=domain.Category(self.model.category))

    @strawberry.field(description="Its skills, by code.")
    def skills(self, info: Info) -> list[Skill]:
        wanted = (self.model.category, self.model.name)
        found = [
            s
            for s in info.context.framework.skills
            if (s.category, s.subcategory) == wanted
        ]
        return [Skill(model=s) for s in counted(info, found)]


@strawberry.type(
    description="What attainment of a skill (or attribute) at one level means."
)
class SkillLevel:
    model: strawberry.Private[domain.SkillLevel]

    @strawberry.field(description="The level, 1 to 7.")
    def level(self) -> int:
        return self.model.level

    @strawberry.field(description="What attainment at this level means.")
    def description(self) -> str:
        return self.model.description


@strawberry.type(
    description="Something that helps a person grow in a skill: a course, a book, "
    "a kind of practice, mentoring."
)
class SkillResource:
    model: strawberry.Private[domain.SkillResource]

    @strawberry.field(description="What it is called.")
    def title(self) -> str:
        return self.model.title

    @strawberry.field(description="Where to find it (http, https or mailto), if given.")
    def url(self) -> str | None:
        return self.model.url

    @strawberry.field(
        description="What kind of resource it is: course, book, practice, mentoring, "
        "or the framework's own word; null when not given."
    )
    def kind(self) -> str | None:
        return self.model.kind

    @strawberry.field(description="The level it helps reach; null for any level.")
    def level(self) -> int | None:
        return self.model.level


@strawberry.type(description="A skill of the catalogue, such as PROG or ETMG.")
class Skill(Node):
    model: strawberry.Private[domain.Skill]

    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Skill", self.model.code))

    @strawberry.field(description='The skill\'s code, upper case ("ETMG").')
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="The skill's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="The category it belongs to.")
    def category(self) -> Category:
        return Category(model=domain.Category(self.model.category))

    @strawberry.field(description="The subcategory it belongs to.")
    def subcategory(self) -> Subcategory:
        return Subcategory(
            model=domain.Subcategory(self.model.subcategory, self.model.category)
        )

    @strawberry.field(description="The overall description, when known.")
    def description(self) -> str | None:
        return self.model.description

    @strawberry.field(description="The guidance notes, when known.")
    def guidance(self) -> str | None:
        return self.model.guidance

    @strawberry.field(description="A reference link, when the framework gives one.")
    def url(self) -> str | None:
        return self.model.url

    @strawberry.field(
        description="The levels at which the skill is described, ascending."
    )
    def levels(self, info: Info) -> list[SkillLevel]:
        return [SkillLevel(model=item) for item in counted(info, self.model.levels)]

    @strawberry.field(
        description="The roles that require this skill, by level descending, then slug "
        "(as rolesSharingSkill)."
    )
    def required_by(
        self,
        info: Info,
        min_level: Annotated[
            int | None,
            strawberry.argument(
                description="Only roles requiring it at this level or above."
            ),
        ] = None,
    ) -> list[RoleRequirement]:
        check_level(min_level, "minLevel")
        found = graph.roles_sharing_skill(
            info.context.progression, self.model.code, min_level
        )
        return [RoleRequirement(model=r) for r in counted(info, found)]

    @strawberry.field(
        description="The framework's learning resources for this skill, by level, "
        "then title; those for any level come last."
    )
    def resources(
        self,
        info: Info,
        level: Annotated[
            int | None,
            strawberry.argument(
                description="Only the resources for this level (1 to 7) and those "
                "for any level; all when omitted."
            ),
        ] = None,
    ) -> list[SkillResource]:
        wanted = check_level(level, "level")
        found = [
            r for r in self.model.resources if wanted is None or r.helps_with(wanted)
        ]
        return [SkillResource(model=r) for r in counted(info, found)]


@strawberry.type(
    description="A track within a career path: a specialism with a ladder of its "
    'own ("QA" within "Engineering"). Its ladder is its own roles and the '
    "path's shared rungs, the roles without a track."
)
class Track(Node):
    model: strawberry.Private[domain.Track]

    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        key = subcategory_key(self.model.career_path, self.model.name)
        return strawberry.ID(encode_id("Track", key))

    @strawberry.field(description="The track's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="What the track is about, when given.")
    def description(self) -> str | None:
        return self.model.description

    @strawberry.field(description="The career path the track belongs to.")
    def career_path(self, info: Info) -> CareerPath:
        return CareerPath(model=path_of(info.context.framework, self.model.career_path))

    @strawberry.field(
        description="The track's own roles (not the shared rungs), by ascending "
        "level, then title."
    )
    def roles(self, info: Info) -> list[Role]:
        found = roles_on_track(info.context.framework, self.model)
        return [Role(model=r) for r in counted(info, found)]

    @strawberry.field(
        description="The track's whole ladder: its own roles and the path's shared "
        "rungs (roles without a track), by ascending level, then title."
    )
    def ladder(self, info: Info) -> list[Role]:
        path = self.model.career_path
        track = self.model.name.casefold()
        found = [
            r
            for r in info.context.framework.roles
            if r.career_path == path
            and (r.track is None or r.track.casefold() == track)
        ]
        return [Role(model=r) for r in counted(info, found)]


def roles_on_track(
    framework: domain.Framework, track: domain.Track
) -> list[domain.Role]:
    wanted = track.name.casefold()
    return [
        r
        for r in framework.roles
        if r.career_path == track.career_path
        and r.track is not None
        and r.track.casefold() == wanted
    ]


@strawberry.type(description="A career path, such as Technical or Management.")
class CareerPath(Node):
    model: strawberry.Private[domain.CareerPath]

    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("CareerPath", self.model.name))

    @strawberry.field(description="The path's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="What the path is about, when given.")
    def description(self) -> str | None:
        return self.model.description

    @strawberry.field(description="Its roles, by ascending level, then title.")
    def roles(self, info: Info) -> list[Role]:
        name = self.model.name
        found = [r for r in info.context.framework.roles if r.career_path == name]
        return [Role(model=r) for r in counted(info, found)]

    @strawberry.field(description="Its tracks, by name; empty when it has none.")
    def tracks(self, info: Info) -> list[Track]:
        found = info.context.framework.tracks_of(self.model.name)
        return [Track(model=t) for t in counted(info, found)]


@strawberry.type(description="A skill that a role requires, at a level.")
class Requirement:
    model: strawberry.Private[domain.Requirement]

    @strawberry.field(description="The skill required.")
    def skill(self, info: Info) -> Skill:
        return skill_view(info, self.model.code)

    @strawberry.field(description="The level at which it is required, 1 to 7.")
    def level(self) -> int:
        return self.model.level

    @strawberry.field(description="The skill's description at that level, when known.")
    def attainment(self, info: Info) -> str | None:
        found = info.context.framework.skill(self.model.code)
        return found.attainment(self.model.level) if found else None

    @strawberry.field(
        description="True for an optional requirement: listed with the role, never "
        "counted in gaps, effort, similarity or matching."
    )
    def optional(self) -> bool:
        return self.model.optional


@strawberry.type(description="A part of a role card besides its overview and skills.")
class RoleSection:
    model: strawberry.Private[domain.Section]

    @strawberry.field(description="The section's heading, as the card gives it.")
    def heading(self) -> str:
        return self.model.heading

    @strawberry.field(
        description="The section's text (Markdown), as the card gives it."
    )
    def text(self) -> str:
        return self.model.text


@strawberry.type(description="A role that requires some skill, and at which level.")
class RoleRequirement:
    model: strawberry.Private[results.RoleRequirement]

    @strawberry.field(description="The role.")
    def role(self, info: Info) -> Role:
        return role_view(info, self.model.slug)

    @strawberry.field(description="The level at which that role requires the skill.")
    def level(self) -> int:
        return self.model.level


@strawberry.type(description="A role on a career path, at a level, requiring skills.")
class Role(Node):
    model: strawberry.Private[domain.Role]

    @strawberry.field(description="An opaque global id; pass it to `node(id:)`.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(encode_id("Role", self.model.slug))

    @strawberry.field(
        description='The role\'s slug, from its title ("director-of-engineering"); '
        "use it wherever a role is asked for."
    )
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="The role's title.")
    def title(self) -> str:
        return self.model.title

    @strawberry.field(description="The role's level of responsibility.")
    def level(self, info: Info) -> Level:
        return Level(model=level_of(info.context.framework, self.model.level))

    @strawberry.field(description="The career path the role is on.")
    def career_path(self, info: Info) -> CareerPath:
        return CareerPath(model=path_of(info.context.framework, self.model.career_path))

    @strawberry.field(
        description="The role's track within its path; null for a role without one "
        "(a shared rung of every track of the path)."
    )
    def track(self, info: Info) -> Track | None:
        if self.model.track is None:
            return None
        found = info.context.framework.track(self.model.career_path, self.model.track)
        return Track(
            model=found or domain.Track(self.model.track, self.model.career_path)
        )

    @strawberry.field(description="The summary of the role's scope, when given.")
    def summary(self) -> str | None:
        return self.model.summary

    @strawberry.field(description="A longer overview of the role, when given.")
    def overview(self) -> str | None:
        return self.model.overview

    @strawberry.field(
        description="The skills the role requires, core and optional, by skill code."
    )
    def requirements(self, info: Info) -> list[Requirement]:
        return [Requirement(model=r) for r in counted(info, self.model.requirements)]

    @strawberry.field(
        description="How many core (not optional) skills the role requires: 0 "
        "for a role whose card lost its skills, which every step into it "
        "reaches with no effort (see the health report)."
    )
    def core_requirement_count(self) -> int:
        return sum(not r.optional for r in self.model.requirements)

    @strawberry.field(
        description="The card's other sections (neither overview nor skills), in "
        "the card's order."
    )
    def sections(self, info: Info) -> list[RoleSection]:
        return [RoleSection(model=s) for s in counted(info, self.model.sections)]

    @strawberry.field(
        description="The roles one progression step away, by effort, then the "
        "target's slug; the first `limit` of them (50 unless given)."
    )
    def next_roles(
        self,
        info: Info,
        limit: Annotated[
            int | None,
            strawberry.argument(description="At most this many steps, 1 to 100."),
        ] = DEFAULT_NEIGHBOURS,
    ) -> list[ProgressionStep]:
        count = check_limit(limit, DEFAULT_NEIGHBOURS, info.context.limits.max_limit)
        found = graph.next_roles(info.context.progression, self.model.slug, count)
        return [ProgressionStep(model=step) for step in counted(info, found)]

    @strawberry.field(
        description="How many progression steps leave this role: all of them, "
        "where `nextRoles` lists the first `limit`."
    )
    def next_role_count(self, info: Info) -> int:
        return graph.step_count(
            info.context.progression, self.model.slug, outgoing=True
        )

    @strawberry.field(
        description="How many progression steps lead to this role: all of them, "
        "where `previousRoles` lists the first `limit`."
    )
    def previous_role_count(self, info: Info) -> int:
        return graph.step_count(
            info.context.progression, self.model.slug, outgoing=False
        )

    @strawberry.field(
        description="The roles one progression step before this one, by effort, then "
        "the source's slug; the first `limit` of them (50 unless given)."
    )
    def previous_roles(
        self,
        info: Info,
        limit: Annotated[
            int | None,
            strawberry.argument(description="At most this many steps, 1 to 100."),
        ] = DEFAULT_NEIGHBOURS,
    ) -> list[ProgressionStep]:
        count = check_limit(limit, DEFAULT_NEIGHBOURS, info.context.limits.max_limit)
        found = graph.previous_roles(info.context.progression, self.model.slug, count)
        return [ProgressionStep(model=step) for step in counted(info, found)]

    @strawberry.field(
        description="The other roles most like this one by their skill levels "
        "(weighted Jaccard), best score first, then slug; never the role itself."
    )
    def similar_roles(
        self,
        info: Info,
        limit: Annotated[
            int | None,
            strawberry.argument(description="At most this many roles, 1 to 100."),
        ] = DEFAULT_SIMILAR,
    ) -> list[RoleSimilarity]:
        count = check_limit(limit, DEFAULT_SIMILAR, info.context.limits.max_limit)
        found = graph.similar_roles(info.context.progression, self.model.slug, count)
        return [RoleSimilarity(model=s) for s in counted(info, found)]


@strawberry.enum(description="The kind of a progression step.")
class StepKind(Enum):
    PROMOTION = strawberry.enum_value(
        "PROMOTION",
        description="Up the same ladder (the path, or the track with its shared "
        "rungs), to the lowest level above that it has.",
    )
    PATH_CHANGE = strawberry.enum_value(
        "PATH_CHANGE",
        description="To another career path: by the framework's rules (by default "
        "at the same level or one above, sharing at least one core skill), or "
        "declared.",
    )
    TRACK_CHANGE = strawberry.enum_value(
        "TRACK_CHANGE",
        description="To another track of the same career path, under the same rule "
        "as a path change, or declared.",
    )


@strawberry.type(description="A skill held below the level the target role requires.")
class LevelUp:
    model: strawberry.Private[results.LevelUp]

    @strawberry.field(description="The skill.")
    def skill(self, info: Info) -> Skill:
        return skill_view(info, self.model.code)

    @strawberry.field(name="from", description="The level held now.")
    def from_(self) -> int:
        return self.model.from_level

    @strawberry.field(description="The level the target role requires.")
    def to(self) -> int:
        return self.model.to_level


@strawberry.type(
    description="What separates a person or a role from a target role: new skills, "
    "skills to raise, skills already met, and the effort (levels to climb)."
)
class SkillGap:
    model: strawberry.Private[results.Gap]

    @strawberry.field(description="The role aimed at.")
    def target(self, info: Info) -> Role:
        return role_view(info, self.model.target)

    @strawberry.field(description="Skills not held at all, by skill code.")
    def new_skills(self, info: Info) -> list[Requirement]:
        return [Requirement(model=r) for r in counted(info, self.model.new_skills)]

    @strawberry.field(
        description="Skills held below the required level, by skill code."
    )
    def level_ups(self, info: Info) -> list[LevelUp]:
        return [LevelUp(model=up) for up in counted(info, self.model.level_ups)]

    @strawberry.field(description="Requirements already met, by skill code.")
    def met(self, info: Info) -> list[Requirement]:
        return [Requirement(model=r) for r in counted(info, self.model.met)]

    @strawberry.field(
        description="The levels still to climb: the sum of the new skills' levels "
        "and of each level-up's difference."
    )
    def effort(self) -> int:
        return self.model.effort


@strawberry.type(description="One step from a role to another (a progression edge).")
class ProgressionStep:
    model: strawberry.Private[results.Step]

    @strawberry.field(name="from", description="The role the step starts from.")
    def from_(self, info: Info) -> Role:
        return role_view(info, self.model.source)

    @strawberry.field(description="The role the step leads to.")
    def to(self, info: Info) -> Role:
        return role_view(info, self.model.target)

    @strawberry.field(
        description="A promotion up the ladder, or a change of track or of path."
    )
    def kind(self) -> StepKind:
        return StepKind[self.model.kind]

    @strawberry.field(
        description="True when the framework declares this move (its `moves`)."
    )
    def declared(self) -> bool:
        return self.model.declared

    @strawberry.field(description="The declared move's note, when it has one.")
    def note(self) -> str | None:
        return self.model.note

    @strawberry.field(
        description="The gap from the first role's requirements to the second."
    )
    def gap(self, info: Info) -> SkillGap:
        return SkillGap(
            model=graph.role_gap(
                info.context.progression, self.model.source, self.model.target
            )
        )

    @strawberry.field(description="The effort of the step (the gap's effort).")
    def effort(self) -> int:
        return self.model.effort


@strawberry.type(description="A route from one role to another, step by step.")
class ProgressionPath:
    model: strawberry.Private[results.ProgressionPath]

    @strawberry.field(name="from", description="The role the path starts from.")
    def from_(self, info: Info) -> Role:
        return role_view(info, self.model.source)

    @strawberry.field(description="The role the path leads to.")
    def to(self, info: Info) -> Role:
        return role_view(info, self.model.target)

    @strawberry.field(
        description="The steps in order; none when both ends are one role."
    )
    def steps(self, info: Info) -> list[ProgressionStep]:
        return [ProgressionStep(model=step) for step in counted(info, self.model.steps)]

    @strawberry.field(description="The sum of the steps' efforts.")
    def total_effort(self) -> int:
        return self.model.total_effort


@strawberry.type(description="A skill that two roles both require, with both levels.")
class SharedSkill:
    model: strawberry.Private[results.SharedSkill]

    @strawberry.field(description="The skill.")
    def skill(self, info: Info) -> Skill:
        return skill_view(info, self.model.code)

    @strawberry.field(description="The level the first role requires.")
    def level_a(self) -> int:
        return self.model.level_a

    @strawberry.field(description="The level the second role requires.")
    def level_b(self) -> int:
        return self.model.level_b


@strawberry.type(
    description="A role similar to another, with its score and shared skills."
)
class RoleSimilarity:
    model: strawberry.Private[results.Similarity]

    @strawberry.field(description="The similar role.")
    def role(self, info: Info) -> Role:
        return role_view(info, self.model.slug)

    @strawberry.field(
        description="Weighted Jaccard similarity of required levels, 0.0 to 1.0."
    )
    def score(self) -> float:
        return self.model.score

    @strawberry.field(description="The skills both roles require, by skill code.")
    def shared(self, info: Info) -> list[SharedSkill]:
        return [SharedSkill(model=s) for s in counted(info, self.model.shared)]


@strawberry.type(description="A role that fits a person's skills, with the gap to it.")
class RoleMatch:
    model: strawberry.Private[results.Match]

    @strawberry.field(description="The role.")
    def role(self, info: Info) -> Role:
        return role_view(info, self.model.slug)

    @strawberry.field(
        description="Weighted Jaccard similarity between the profile and the role, "
        "0.0 to 1.0."
    )
    def score(self) -> float:
        return self.model.score

    @strawberry.field(description="What the person still needs for the role.")
    def gap(self) -> SkillGap:
        return SkillGap(model=self.model.gap)


@strawberry.input(description="A skill a person holds, at a level.")
class SkillLevelInput:
    code: str = strawberry.field(description="The skill's code, any case.")
    level: int = strawberry.field(description="The level held, 1 to 7.")


@strawberry.type(description="Where a page ends, and whether more follow.")
class PageInfo:
    has_next_page: bool = strawberry.field(
        description="Whether more items follow this page."
    )
    end_cursor: str | None = strawberry.field(
        description="The last item's cursor (pass it as `after`); null for an "
        "empty page."
    )


@strawberry.type(description="A role in a page of roles.")
class RoleEdge:
    cursor: str = strawberry.field(description="This item's opaque cursor.")
    node: Role = strawberry.field(description="The role.")


@strawberry.type(description="A page of roles.")
class RoleConnection:
    edges: list[RoleEdge] = strawberry.field(description="The roles of this page.")
    page_info: PageInfo = strawberry.field(description="Where the page ends.")
    total_count: int = strawberry.field(
        description="How many roles match in all, across every page."
    )


@strawberry.type(description="A skill in a page of skills.")
class SkillEdge:
    cursor: str = strawberry.field(description="This item's opaque cursor.")
    node: Skill = strawberry.field(description="The skill.")


@strawberry.type(description="A page of skills.")
class SkillConnection:
    edges: list[SkillEdge] = strawberry.field(description="The skills of this page.")
    page_info: PageInfo = strawberry.field(description="Where the page ends.")
    total_count: int = strawberry.field(
        description="How many skills match in all, across every page."
    )


@strawberry.type(description="The framework being served.")
class Framework:
    model: strawberry.Private[domain.Framework]

    @strawberry.field(description="The framework's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="How many roles it has.")
    def role_count(self) -> int:
        return len(self.model.roles)

    @strawberry.field(description="How many skills its catalogue has.")
    def skill_count(self) -> int:
        return len(self.model.skills)

    @strawberry.field(
        description="The credit to show with the data, when a licensed catalogue "
        "(such as SFIA) is loaded."
    )
    def attribution(self) -> str | None:
        return self.model.attribution

    @strawberry.field(
        description="The rules that make implicit track and path changes (the "
        "framework's `progression` settings)."
    )
    def progression_rules(self) -> ProgressionRules:
        return ProgressionRules(model=self.model.progression)

    @strawberry.field(description="How many moves the framework declares (role pairs).")
    def declared_move_count(self) -> int:
        return len(self.model.moves)

    @strawberry.field(
        description="What the framework's owner should look at (the same findings "
        "as `competency health`), ordered by kind, then location. Made on the "
        "first request that asks and kept while the framework is served."
    )
    def health(
        self, info: Info
    ) -> list[Annotated[HealthFinding, strawberry.lazy(".health")]]:
        from .health import findings

        return findings(info)


@strawberry.type(
    description="When a change of track or path is a progression step, besides "
    "promotions and declared moves."
)
class ProgressionRules:
    model: strawberry.Private[domain.ProgressionRules]

    @strawberry.field(description="Whether implicit track and path changes are on.")
    def path_changes(self) -> bool:
        return self.model.path_changes

    @strawberry.field(
        description="Core skills two roles must have in common for a change."
    )
    def min_shared_skills(self) -> int:
        return self.model.min_shared_skills

    @strawberry.field(
        description="How many levels above its own a change may lead (0: same level)."
    )
    def max_level_up(self) -> int:
        return self.model.max_level_up
