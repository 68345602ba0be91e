"""competency-explorer: a career framework as a graph, served over GraphQL.

The names below are loaded on first use, so that ``competency --version``
(and every command) starts without importing the model and the loaders.
"""

from __future__ import annotations

from importlib import import_module

# typing.TYPE_CHECKING without importing typing (see cli.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .errors import FrameworkError, Problem
    from .loader import LoadResult, load, load_or_raise
    from .model import (
        Attribute,
        CareerPath,
        Category,
        Framework,
        Level,
        Requirement,
        Role,
        Skill,
        SkillLevel,
        Subcategory,
        slugify,
    )

__version__ = "0.1.0"

_HOMES = {
    "FrameworkError": "errors",
    "Problem": "errors",
    "LoadResult": "loader",
    "load": "loader",
    "load_or_raise": "loader",
    **dict.fromkeys(
        (
            "Attribute",
            "CareerPath",
            "Category",
            "Framework",
            "Level",
            "Requirement",
            "Role",
            "Skill",
            "SkillLevel",
            "Subcategory",
            "slugify",
        ),
        "model",
    ),
}

__all__ = [
    "Attribute",
    "CareerPath",
    "Category",
    "Framework",
    "FrameworkError",
    "Level",
    "LoadResult",
    "Problem",
    "Requirement",
    "Role",
    "Skill",
    "SkillLevel",
    "Subcategory",
    "__version__",
    "load",
    "load_or_raise",
    "slugify",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)
