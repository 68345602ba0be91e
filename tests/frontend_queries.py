"""The front end's GraphQL operations, read from frontend/js/api.js, with variables.

Every ``const query = `...``` template of api.js is one operation; its
``${ROLE_BRIEF}`` and ``${GAP_DETAIL}`` holes are filled with the fragments
of the same file. Variables are the ones the views send (the largest where
the views vary them: a 250-skill profile), with slugs and codes of the given
framework, so the cost limit can be checked against what the front end asks.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from competency_explorer.model import Framework

API_JS = Path(__file__).parent.parent / "frontend" / "js" / "api.js"

_TEMPLATE = re.compile(r"const (\w+) = `(.*?)`;", re.DOTALL)
_NAME = re.compile(r"query (\w+)")


def operations_text(source: str | None = None) -> dict[str, str]:
    """Each operation of api.js by its name, fragments filled in."""
    text = API_JS.read_text(encoding="utf-8") if source is None else source
    templates = _TEMPLATE.findall(text)
    fragments = {name: body for name, body in templates if name != "query"}
    found: dict[str, str] = {}
    for name, body in templates:
        if name != "query":
            continue
        filled = re.sub(r"\$\{(\w+)\}", lambda m: fragments[m.group(1)], body)
        match = _NAME.search(filled)
        assert match is not None, f"an api.js query without a name: {filled[:60]}"
        found[match.group(1)] = filled
    return found


def frontend_variables(framework: Framework, operation: str) -> dict[str, Any]:
    """The variables the views send with ``operation``, over ``framework``.

    Roles and skills are the ones that make the answer longest: the role with
    the most requirements, the skill required by the most roles, a profile of
    the 250 most required skills (the most the "me" view allows).
    """
    roles = sorted(framework.roles, key=lambda r: (-len(r.requirements), r.slug))
    counts = Counter(q.code for r in framework.roles for q in r.requirements)
    popular = sorted(counts, key=lambda code: (-counts[code], code))
    profile = [{"code": code, "level": 4} for code in popular[:250]]
    first, second = roles[0].slug, roles[min(1, len(roles) - 1)].slug
    # The longest journey: the first junior role to a senior one on another path.
    by_level = sorted(framework.roles, key=lambda r: (r.level, r.slug))
    junior = by_level[0]
    senior = next(
        (r for r in reversed(by_level) if r.career_path != junior.career_path),
        by_level[-1],
    )
    by_operation: dict[str, dict[str, Any]] = {
        "RolePage": {"slug": first, "stepLimit": 9},
        # "Show more" asks for up to the API's limit of steps.
        "NextRoles": {"slug": first, "limit": 100},
        "PreviousRoles": {"slug": first, "limit": 100},
        "SkillPage": {"code": popular[0]},
        # A picker's search: a short text matches the most.
        "RoleSearch": {"text": "e", "first": 20},
        "RoleByName": {"slug": first},
        "SkillSearch": {"text": "e", "first": 20},
        "Progression": {"from": junior.slug, "to": senior.slug, "limit": 3},
        "Compare": {"a": first, "b": second},
        "MatchRoles": {"profile": profile, "limit": 8},
        "SkillGap": {"profile": profile, "target": first},
        "DevelopmentPlan": {"profile": profile, "target": first},
        "SkillLevels": {"code": popular[0]},
        "RoleSkills": {"slug": first},
        "Search": {"text": "e", "limit": 50},
    }
    return by_operation.get(operation, {})
