"""Checks on the arguments people pass, with the contract's defaults and ranges.

The one home of these checks: the API runs them once per argument, and the
graph queries take their results as given (a profile's codes known and upper
case, levels 1-7, limits at least 1). Each check raises InvalidInputError
(BAD_USER_INPUT) or NotFoundError (NOT_FOUND) with a message that names the
value; an explicit null for an argument with a default means the default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from .errors import InvalidInputError, UnknownSkillError
from .model import LEVEL_NUMBERS, Framework, normalise_code


class SkillLevelLike(Protocol):
    code: str
    level: int


def check_level(level: int | None, argument: str) -> int | None:
    """``level`` when it is 1-7 (or None)."""
    if level is not None and level not in LEVEL_NUMBERS:
        raise InvalidInputError(f"{argument} must be a level from 1 to 7, not {level}")
    return level


def check_limit(limit: int | None, default: int, maximum: int) -> int:
    """``limit``, or ``default`` for null, when it is 1..maximum.

    A default above a maximum lowered by configuration shrinks to it (the
    schema cannot tell an explicit value equal to the default from the default).
    """
    if limit is None or (limit == default and default > maximum):
        return min(default, maximum)
    if not 1 <= limit <= maximum:
        raise InvalidInputError(f"limit must be between 1 and {maximum}, not {limit}")
    return limit


def check_profile(
    profile: Iterable[SkillLevelLike], framework: Framework, maximum: int = 250
) -> dict[str, int]:
    """A profile as {code: level}: at most ``maximum`` items, levels 1-7,
    no code twice, every code known."""
    items = list(profile)
    if len(items) > maximum:
        raise InvalidInputError(
            f"A profile holds at most {maximum} skills; this one has {len(items)}"
        )
    levels: dict[str, int] = {}
    for item in items:
        code = normalise_code(item.code)
        check_level(item.level, f"The level of {code} in the profile")
        if code in levels:
            raise InvalidInputError(f"Skill {code} appears twice in the profile")
        levels[code] = item.level
    for code in levels:
        if framework.skill(code) is None:
            raise UnknownSkillError(code)
    return levels
