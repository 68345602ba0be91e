"""The health report in the API: ``framework { health }``.

The findings are made once per served framework (``ServedState.health``)
and shown here; the kinds and their order are graph/health.py's.
"""

# strawberry.field(description=...) is typed as returning Any, which mypy --strict
# calls an untyped decorator; the resolvers themselves are fully typed.
# mypy: disable-error-code="untyped-decorator"

from __future__ import annotations

import os
from enum import Enum

import strawberry

from .. import model as domain
from ..graph import health as report
from .types import Info, Role, Skill, counted, role_view, skill_view


@strawberry.enum(
    description="The kind of a health finding (the same as `competency health`)."
)
class HealthKind(Enum):
    ROLE_WITHOUT_REQUIREMENTS = strawberry.enum_value(
        "ROLE_WITHOUT_REQUIREMENTS", description="A role that requires no core skill."
    )
    LADDER_MISSING_LEVEL = strawberry.enum_value(
        "LADDER_MISSING_LEVEL",
        description="A ladder (a path, or a track with the path's shared rungs) "
        "with no role at a level between its lowest and highest.",
    )
    UNREACHABLE_ROLE = strawberry.enum_value(
        "UNREACHABLE_ROLE",
        description="No chain of progression edges leads to it from the lowest "
        "rung of any ladder.",
    )
    DEAD_END_ROLE = strawberry.enum_value(
        "DEAD_END_ROLE",
        description="No chain of progression edges leads from it to the top rung "
        "of any ladder.",
    )
    PROMOTION_SHARES_NO_SKILL = strawberry.enum_value(
        "PROMOTION_SHARES_NO_SKILL",
        description="A promotion whose two roles have no core skill in common.",
    )
    REQUIREMENT_DROPS = strawberry.enum_value(
        "REQUIREMENT_DROPS",
        description="A promotion whose higher role requires a skill the two "
        "share at a lower level.",
    )
    LEVEL_NOT_DESCRIBED = strawberry.enum_value(
        "LEVEL_NOT_DESCRIBED",
        description="A requirement (core or optional) at a level the skill does "
        "not describe.",
    )
    SKILL_USED_ONCE = strawberry.enum_value(
        "SKILL_USED_ONCE",
        description="A skill the framework defines itself (not one of a loaded "
        "catalogue) that one role alone lists, as core or optional.",
    )
    IDENTICAL_ROLES = strawberry.enum_value(
        "IDENTICAL_ROLES", description="Roles with the same core requirements."
    )


@strawberry.type(
    description="One finding of the framework health report (the same as "
    "`competency health`)."
)
class HealthFinding:
    model: strawberry.Private[report.Finding]

    @strawberry.field(description="What kind of finding it is.")
    def kind(self) -> HealthKind:
        return HealthKind[self.model.kind]

    @strawberry.field(description="One sentence naming the roles and skills concerned.")
    def message(self) -> str:
        return self.model.message

    @strawberry.field(description="The roles concerned, as the message names them.")
    def roles(self, info: Info) -> list[Role]:
        return [role_view(info, slug) for slug in counted(info, self.model.roles)]

    @strawberry.field(description="The skills concerned, by code.")
    def skills(self, info: Info) -> list[Skill]:
        return [skill_view(info, code) for code in counted(info, self.model.skills)]

    @strawberry.field(
        description='"path:line" of the file to look at, when there is one; the '
        "path is relative to the folder that holds the framework's files."
    )
    def location(self, info: Info) -> str | None:
        where = self.model.location
        if where is None:
            return None
        root = framework_root(info.context.framework)
        return (
            f"{os.path.relpath(where.path, root) if root else where.path}:{where.line}"
        )


# One framework is served at a time (two around a reload): remember the last.
_roots: list[tuple[domain.Framework, str]] = []


def framework_root(framework: domain.Framework) -> str:
    """The folder that holds every file the framework was read from.

    The API shows paths relative to it: the server's own folders (where it
    is installed, the absolute paths ``--watch`` and ``--workers`` use) are
    nobody's business but its operator's, as /healthz keeps them too.
    """
    for known, root in _roots:
        if known is framework:
            return root
    sources = [role.source for role in framework.roles]
    sources += [skill.source for skill in framework.skills]
    paths = {os.path.abspath(where.path) for where in sources if where is not None}
    root = os.path.dirname(os.path.commonpath(sorted(paths))) if paths else ""
    if len(paths) == 1:
        root = os.path.dirname(next(iter(paths)))
    _roots[:] = [(framework, root)]
    return root


def findings(info: Info) -> list[HealthFinding]:
    found = info.context.state.health()
    return [HealthFinding(model=finding) for finding in counted(info, found)]
