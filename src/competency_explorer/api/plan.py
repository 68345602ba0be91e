"""The GraphQL types of a development plan (Query.developmentPlan)."""

# strawberry.field(description=...) is typed as returning Any, which mypy --strict
# calls an untyped decorator; the resolvers themselves are fully typed.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

import strawberry

from ..graph import types as results
from .types import (
    Info,
    Requirement,
    Role,
    Skill,
    SkillLevel,
    SkillResource,
    counted,
    role_view,
    skill_view,
)


@strawberry.type(
    description="One skill of a development plan: the levels to climb, what each "
    "of them means, and what helps."
)
class PlanItem:
    model: strawberry.Private[results.PlanItem]

    @strawberry.field(description="The skill to grow.")
    def skill(self, info: Info) -> Skill:
        return skill_view(info, self.model.code)

    @strawberry.field(
        name="from", description="The level held now; 0 when the skill is new."
    )
    def from_(self) -> int:
        return self.model.from_level

    @strawberry.field(description="The level the target role requires.")
    def to(self) -> int:
        return self.model.to_level

    @strawberry.field(
        description="What attainment means at each level to climb (from + 1 to "
        "`to`), ascending; a level the skill does not describe is left out."
    )
    def levels(self, info: Info) -> list[SkillLevel]:
        return [SkillLevel(model=level) for level in counted(info, self.model.levels)]

    @strawberry.field(
        description="The skill's resources for the levels to climb and for any "
        "level: by level, then title, those for any level last."
    )
    def resources(self, info: Info) -> list[SkillResource]:
        found = counted(info, self.model.resources)
        return [SkillResource(model=resource) for resource in found]


@strawberry.type(
    description="What to learn, skill by skill and level by level, to meet a role's "
    "core requirements from a person's profile."
)
class DevelopmentPlan:
    model: strawberry.Private[results.Plan]

    @strawberry.field(description="The role aimed at.")
    def target(self, info: Info) -> Role:
        return role_view(info, self.model.target)

    @strawberry.field(
        description="The levels to climb in all: the effort of the gap to the target."
    )
    def effort(self) -> int:
        return self.model.effort

    @strawberry.field(
        description="One item per new skill or level-up of the gap, by skill code."
    )
    def items(self, info: Info) -> list[PlanItem]:
        return [PlanItem(model=item) for item in counted(info, self.model.items)]

    @strawberry.field(
        description="The core requirements the profile already meets, by skill code."
    )
    def met(self, info: Info) -> list[Requirement]:
        return [Requirement(model=r) for r in counted(info, self.model.met)]

    @strawberry.field(
        description="The target's optional requirements, by skill code: for "
        "information, never counted in the effort."
    )
    def optional(self, info: Info) -> list[Requirement]:
        return [Requirement(model=r) for r in counted(info, self.model.optional)]
