"""Problems found in framework files, and the exceptions the layers raise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with the input, pointing at a file and a line.

    ``line`` is 1-based; 0 means the problem concerns the whole file or folder.
    """

    path: str
    line: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def has_errors(problems: tuple[Problem, ...] | list[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


class FrameworkError(Exception):
    """The framework could not be loaded; ``problems`` says why."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        first = str(errors[0]) if errors else "no problems recorded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


class NotFoundError(LookupError):
    """An unknown role slug, skill code or career path passed to a computation."""

    kind = "item"

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"Unknown {self.kind}: {value!r}")


class UnknownRoleError(NotFoundError):
    kind = "role"


class UnknownSkillError(NotFoundError):
    kind = "skill"


class InvalidInputError(ValueError):
    """An argument out of range: a level outside 1-7, a duplicate code, ..."""
