"""competency-explorer: a career framework as a graph, served over GraphQL."""

from __future__ import annotations

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
