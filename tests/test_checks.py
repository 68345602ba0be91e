"""The argument checks (competency_explorer.checks): defaults, ranges, messages."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from competency_explorer.checks import check_level, check_limit, check_profile
from competency_explorer.errors import InvalidInputError, UnknownSkillError
from competency_explorer.model import Framework


@dataclass
class Item:
    code: str
    level: int


def test_a_profile_becomes_upper_case_codes_and_levels(
    small_framework: Framework,
) -> None:
    items = [Item("prog", 3), Item(" Test ", 2)]
    assert check_profile(items, small_framework) == {"PROG": 3, "TEST": 2}


@pytest.mark.parametrize(
    ("items", "error", "message"),
    [
        ([Item("PROG", 8)], InvalidInputError, "The level of PROG .* not 8"),
        ([Item("PROG", 0)], InvalidInputError, "The level of PROG .* not 0"),
        ([Item("PROG", 2), Item("prog", 3)], InvalidInputError, "PROG appears twice"),
        ([Item("XYZ", 3)], UnknownSkillError, "Unknown skill: 'XYZ'"),
        ([Item("PROG", 1)] * 3, InvalidInputError, "at most 2 skills; this one has 3"),
    ],
)
def test_a_bad_profile_is_named(
    small_framework: Framework,
    items: list[Item],
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error, match=message):
        check_profile(items, small_framework, maximum=2)


@pytest.mark.parametrize(
    ("limit", "default", "maximum", "expected"),
    [(None, 5, 100, 5), (7, 5, 100, 7), (100, 5, 100, 100), (50, 50, 10, 10)],
)
def test_limits_and_their_defaults(
    limit: int | None, default: int, maximum: int, expected: int
) -> None:
    assert check_limit(limit, default, maximum) == expected


@pytest.mark.parametrize("limit", [0, -1, 101])
def test_a_limit_out_of_range(limit: int) -> None:
    with pytest.raises(InvalidInputError, match=f"between 1 and 100, not {limit}"):
        check_limit(limit, 5, 100)


def test_levels() -> None:
    assert check_level(None, "minLevel") is None
    assert check_level(7, "minLevel") == 7
    with pytest.raises(InvalidInputError, match="minLevel must be a level from 1 to 7"):
        check_level(0, "minLevel")
