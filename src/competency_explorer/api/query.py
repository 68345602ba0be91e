"""The Query type: the entry points of the API, each a thin call into the graph."""

# strawberry.field(description=...) is typed as returning Any, which mypy --strict
# calls an untyped decorator; the resolvers themselves are fully typed.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from typing import Annotated

import strawberry

from .. import graph
from .. import search as ranking
from ..checks import check_level, check_limit, check_profile
from .ids import decode_id
from .pagination import paginate
from .plan import DevelopmentPlan
from .search import RoleSearchHit, SkillSearchHit
from .types import (
    Attribute,
    CareerPath,
    Category,
    Framework,
    Info,
    Level,
    Node,
    PageInfo,
    ProgressionPath,
    Role,
    RoleConnection,
    RoleEdge,
    RoleMatch,
    RoleRequirement,
    SharedSkill,
    Skill,
    SkillConnection,
    SkillEdge,
    SkillGap,
    SkillLevelInput,
    Subcategory,
    Track,
    counted,
)
from .views import find_node, matching_roles, matching_skills

DEFAULT_PATHS = 3
DEFAULT_MATCHES = 10
DEFAULT_SEARCH = 10

RoleSlug = Annotated[
    str, strawberry.argument(description='A role\'s slug or title ("Lead Engineer").')
]
Profile = Annotated[
    list[SkillLevelInput],
    strawberry.argument(
        description="The skills a person holds, each at a level; at most 250, "
        "no code twice."
    ),
]
First = Annotated[
    int | None,
    strawberry.argument(description="How many items to return, 0 to 100 (default 50)."),
]
SearchText = Annotated[
    str,
    strawberry.argument(
        description="The text to look for (any case; blanks around it are "
        "ignored). A blank text finds nothing."
    ),
]
SearchLimit = Annotated[
    int | None, strawberry.argument(description="At most this many results, 1 to 100.")
]
After = Annotated[
    str | None,
    strawberry.argument(description="Start after this cursor (an earlier endCursor)."),
]


@strawberry.type(description="Everything the API answers.")
class Query:
    @strawberry.field(
        description="Anything with a global id, by that id; null when unknown."
    )
    def node(
        self,
        info: Info,
        id: Annotated[strawberry.ID, strawberry.argument(description="A global id.")],
    ) -> Node | None:
        return find_node(info.context.framework, *decode_id(id))

    @strawberry.field(description="The framework being served.")
    def framework(self, info: Info) -> Framework:
        return Framework(model=info.context.framework)

    @strawberry.field(description="The seven levels of responsibility, 1 to 7.")
    def levels(self, info: Info) -> list[Level]:
        return [
            Level(model=level) for level in counted(info, info.context.framework.levels)
        ]

    @strawberry.field(
        description="The generic attributes and business skills, by code; empty unless "
        "a catalogue that has them (SFIA) is loaded."
    )
    def attributes(self, info: Info) -> list[Attribute]:
        found = counted(info, info.context.framework.attributes)
        return [Attribute(model=attribute) for attribute in found]

    @strawberry.field(description="The skill categories, by name.")
    def categories(self, info: Info) -> list[Category]:
        found = counted(info, info.context.framework.categories)
        return [Category(model=category) for category in found]

    @strawberry.field(description="The skill subcategories, by name.")
    def subcategories(self, info: Info) -> list[Subcategory]:
        found = counted(info, info.context.framework.subcategories)
        return [Subcategory(model=subcategory) for subcategory in found]

    @strawberry.field(description="The career paths, by name.")
    def career_paths(self, info: Info) -> list[CareerPath]:
        found = counted(info, info.context.framework.career_paths)
        return [CareerPath(model=path) for path in found]

    @strawberry.field(
        description="A career path by name (any case); null when unknown."
    )
    def career_path(
        self,
        info: Info,
        name: Annotated[
            str, strawberry.argument(description='The path\'s name ("Management").')
        ],
    ) -> CareerPath | None:
        found = info.context.framework.career_path(name)
        return CareerPath(model=found) if found else None

    @strawberry.field(
        description="The track of that name on that career path (any case); null "
        "when unknown."
    )
    def track(
        self,
        info: Info,
        career_path: Annotated[
            str, strawberry.argument(description='The path\'s name ("Engineering").')
        ],
        name: Annotated[
            str, strawberry.argument(description='The track\'s name ("QA").')
        ],
    ) -> Track | None:
        found = info.context.framework.track(career_path, name)
        return Track(model=found) if found else None

    @strawberry.field(description="A skill by code (any case); null when unknown.")
    def skill(
        self,
        info: Info,
        code: Annotated[
            str, strawberry.argument(description='The skill\'s code ("ETMG").')
        ],
    ) -> Skill | None:
        found = info.context.framework.skill(code)
        return Skill(model=found) if found else None

    @strawberry.field(
        description="The skills, by code, a page at a time; filters combine with AND."
    )
    def skills(
        self,
        info: Info,
        category: Annotated[
            str | None,
            strawberry.argument(description="Only skills of this category (any case)."),
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only skills whose code, name or description contains this "
                "text (any case)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> SkillConnection:
        found = matching_skills(info.context.framework, category, search)
        page = paginate(found, first, after, info.context.limits.max_first)
        return SkillConnection(
            edges=[
                SkillEdge(cursor=c, node=Skill(model=s))
                for c, s in counted(info, page.edges)
            ],
            page_info=PageInfo(
                has_next_page=page.has_next_page, end_cursor=page.end_cursor
            ),
            total_count=page.total_count,
        )

    @strawberry.field(
        description="A role by slug or title (any case); null when unknown."
    )
    def role(self, info: Info, slug: RoleSlug) -> Role | None:
        found = info.context.framework.role(slug)
        return Role(model=found) if found else None

    @strawberry.field(
        description="The roles by career path name, level, then title, a page at a "
        "time; filters combine with AND and never fail on an unknown name."
    )
    def roles(
        self,
        info: Info,
        career_path: Annotated[
            str | None,
            strawberry.argument(
                description="Only roles on this career path (any case)."
            ),
        ] = None,
        track: Annotated[
            str | None,
            strawberry.argument(
                description="Only roles on a track of this name (any case); the "
                "shared rungs of a path have no track."
            ),
        ] = None,
        level: Annotated[
            int | None,
            strawberry.argument(description="Only roles at this level, 1 to 7."),
        ] = None,
        skill: Annotated[
            str | None,
            strawberry.argument(description="Only roles that require this skill code."),
        ] = None,
        search: Annotated[
            str | None,
            strawberry.argument(
                description="Only roles whose title, slug, summary or overview "
                "contains this text (any case)."
            ),
        ] = None,
        first: First = None,
        after: After = None,
    ) -> RoleConnection:
        check_level(level, "level")
        found = matching_roles(
            info.context.framework, career_path, track, level, skill, search
        )
        page = paginate(found, first, after, info.context.limits.max_first)
        return RoleConnection(
            edges=[
                RoleEdge(cursor=c, node=Role(model=r))
                for c, r in counted(info, page.edges)
            ],
            page_info=PageInfo(
                has_next_page=page.has_next_page, end_cursor=page.end_cursor
            ),
            total_count=page.total_count,
        )

    @strawberry.field(
        description="The roles whose title, slug, summary or overview contains the "
        "text (any case; the roles that `roles(search:)` finds), best match "
        "first: a title or slug before a summary or overview; then the whole "
        "field, its start, the start of a word, anywhere; then the order of "
        "`roles`. Each with why it matched."
    )
    def search_roles(
        self, info: Info, text: SearchText, limit: SearchLimit = DEFAULT_SEARCH
    ) -> list[RoleSearchHit]:
        count = check_limit(limit, DEFAULT_SEARCH, info.context.limits.max_limit)
        found = ranking.search_roles(info.context.framework.roles, text, count)
        return [RoleSearchHit(model=hit) for hit in counted(info, found)]

    @strawberry.field(
        description="The skills whose code, name or description contains the text "
        "(any case; the skills that `skills(search:)` finds), best match first: "
        "a code or name before a description; then the whole field, its start, "
        "the start of a word, anywhere; then by code. Each with why it matched."
    )
    def search_skills(
        self, info: Info, text: SearchText, limit: SearchLimit = DEFAULT_SEARCH
    ) -> list[SkillSearchHit]:
        count = check_limit(limit, DEFAULT_SEARCH, info.context.limits.max_limit)
        found = ranking.search_skills(info.context.framework.skills, text, count)
        return [SkillSearchHit(model=hit) for hit in counted(info, found)]

    @strawberry.field(
        description="The roles that require a skill, by level descending, then slug."
    )
    def roles_sharing_skill(
        self,
        info: Info,
        code: Annotated[
            str, strawberry.argument(description="The skill's code (any case).")
        ],
        min_level: Annotated[
            int | None,
            strawberry.argument(
                description="Only roles requiring it at this level or above (1 to 7); "
                "all levels when omitted."
            ),
        ] = None,
    ) -> list[RoleRequirement]:
        check_level(min_level, "minLevel")
        found = graph.roles_sharing_skill(info.context.progression, code, min_level)
        return [RoleRequirement(model=r) for r in counted(info, found)]

    @strawberry.field(description="The skills both roles require, by skill code.")
    def shared_skills(self, info: Info, a: RoleSlug, b: RoleSlug) -> list[SharedSkill]:
        found = graph.shared_skills(info.context.progression, a, b)
        return [SharedSkill(model=shared) for shared in counted(info, found)]

    @strawberry.field(
        description="The least-effort route between two roles (then fewest steps); "
        "null when there is none."
    )
    def progression_path(
        self,
        info: Info,
        from_: Annotated[
            str,
            strawberry.argument(name="from", description="The starting role's slug."),
        ],
        to: Annotated[str, strawberry.argument(description="The target role's slug.")],
    ) -> ProgressionPath | None:
        found = graph.progression_path(info.context.progression, from_, to)
        return ProgressionPath(model=found) if found else None

    @strawberry.field(
        description="Up to `limit` routes between two roles, least effort first, then "
        "fewest steps; no role twice in a route."
    )
    def progression_paths(
        self,
        info: Info,
        from_: Annotated[
            str,
            strawberry.argument(name="from", description="The starting role's slug."),
        ],
        to: Annotated[str, strawberry.argument(description="The target role's slug.")],
        limit: Annotated[
            int | None,
            strawberry.argument(description="At most this many routes, 1 to 100."),
        ] = DEFAULT_PATHS,
    ) -> list[ProgressionPath]:
        count = check_limit(limit, DEFAULT_PATHS, info.context.limits.max_limit)
        found = graph.progression_paths(info.context.progression, from_, to, count)
        return [ProgressionPath(model=path) for path in counted(info, found)]

    @strawberry.field(description="What a person with these skills needs for a role.")
    def skill_gap(
        self,
        info: Info,
        profile: Profile,
        target: Annotated[
            str, strawberry.argument(description="The target role's slug.")
        ],
    ) -> SkillGap:
        levels = check_profile(
            profile, info.context.framework, info.context.limits.max_profile
        )
        return SkillGap(model=graph.gap(info.context.progression, levels, target))

    @strawberry.field(
        description="The roles that best fit a person's skills, best score first, "
        "then slug; a role that shares no core skill with the profile (score 0) "
        "is left out."
    )
    def match_roles(
        self,
        info: Info,
        profile: Profile,
        limit: Annotated[
            int | None,
            strawberry.argument(description="At most this many roles, 1 to 100."),
        ] = DEFAULT_MATCHES,
    ) -> list[RoleMatch]:
        count = check_limit(limit, DEFAULT_MATCHES, info.context.limits.max_limit)
        levels = check_profile(
            profile, info.context.framework, info.context.limits.max_profile
        )
        found = graph.match_roles(info.context.progression, levels, count)
        return [RoleMatch(model=match) for match in counted(info, found)]

    @strawberry.field(
        description="What to learn, level by level, to meet a role's core "
        "requirements from a person's skills: the gap's new skills and level-ups, "
        "each with the texts of the levels to climb and the resources for them."
    )
    def development_plan(
        self,
        info: Info,
        profile: Profile,
        target: Annotated[
            str, strawberry.argument(description="The target role's slug.")
        ],
    ) -> DevelopmentPlan:
        levels = check_profile(
            profile, info.context.framework, info.context.limits.max_profile
        )
        plan = graph.development_plan(info.context.progression, levels, target)
        return DevelopmentPlan(model=plan)
