"""The GraphQL types of a ranked search (Query.searchRoles, Query.searchSkills)."""

# strawberry.field(description=...) is typed as returning Any, which mypy --strict
# calls an untyped decorator; the resolvers themselves are fully typed.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

from enum import Enum

import strawberry

from .. import model as domain
from .. import search
from .types import Role, Skill


@strawberry.enum(description="How a search text matched a field, best first.")
class MatchKind(Enum):
    EXACT = strawberry.enum_value(
        "EXACT", description="The whole field, in any case (a skill's code)."
    )
    PREFIX = strawberry.enum_value("PREFIX", description="The start of the field.")
    WORD = strawberry.enum_value(
        "WORD", description="The start of a word inside the field."
    )
    PART = strawberry.enum_value("PART", description="Anywhere inside the field.")


@strawberry.type(
    description="Why a search result matched: the field, how, and the matched "
    "text in its context. `before`, `matched` and `after` together are the "
    "field's text; for a long text (a summary, an overview, a description), an "
    "excerpt around the match whose cut ends carry an ellipsis (…)."
)
class SearchMatch:
    model: strawberry.Private[search.Match]

    @strawberry.field(
        description="The field that matched: title, slug, summary or overview for "
        "a role; code, name or description for a skill."
    )
    def field(self) -> str:
        return self.model.field

    @strawberry.field(description="How it matched.")
    def kind(self) -> MatchKind:
        return MatchKind[self.model.kind.name]

    @strawberry.field(description="The text before the match.")
    def before(self) -> str:
        return self.model.before

    @strawberry.field(description="The matched text, as the field spells it.")
    def matched(self) -> str:
        return self.model.matched

    @strawberry.field(description="The text after the match.")
    def after(self) -> str:
        return self.model.after


@strawberry.type(description="A role found by a search, and why.")
class RoleSearchHit:
    model: strawberry.Private[search.Hit[domain.Role]]

    @strawberry.field(description="The role.")
    def role(self) -> Role:
        return Role(model=self.model.item)

    @strawberry.field(description="Its best match.")
    def match(self) -> SearchMatch:
        return SearchMatch(model=self.model.match)


@strawberry.type(description="A skill found by a search, and why.")
class SkillSearchHit:
    model: strawberry.Private[search.Hit[domain.Skill]]

    @strawberry.field(description="The skill.")
    def skill(self) -> Skill:
        return Skill(model=self.model.item)

    @strawberry.field(description="Its best match.")
    def match(self) -> SearchMatch:
        return SearchMatch(model=self.model.match)
