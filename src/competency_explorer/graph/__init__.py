"""The competency graph: the progression layer, the queries over it, and export.

``build_progression(framework)`` makes the arrays every query reads (roles
x skills, and the role-to-role progression edges: see progression.py); each
query is a plain function taking that ``Progression`` first. ``build_graph``
makes the framework's structure as a networkx graph, for the callers that
walk it as a graph or write it out (export, the health report).

The networkx names are loaded on first use: a server imports this package
and needs networkx only when asked for its health report (about 0.1 s of
every start).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .paths import progression_path, progression_paths
from .plan import development_plan
from .progression import EdgeTable, Progression
from .progression import build as build_progression
from .queries import (
    gap,
    next_roles,
    previous_roles,
    role_gap,
    roles_sharing_skill,
    shared_skills,
    step_count,
)
from .similarity import match_roles, similar_roles, similarity
from .types import (
    Gap,
    LevelUp,
    Match,
    Plan,
    PlanItem,
    ProgressionPath,
    RoleRequirement,
    SharedSkill,
    Similarity,
    Step,
    StepKind,
)

if TYPE_CHECKING:
    from .build import build_graph, with_progression_edges
    from .export import GRAPH_FORMATS, export_graph

_HOMES = {
    "build_graph": "build",
    "with_progression_edges": "build",
    "GRAPH_FORMATS": "export",
    "export_graph": "export",
}

__all__ = [
    "GRAPH_FORMATS",
    "EdgeTable",
    "Gap",
    "LevelUp",
    "Match",
    "Plan",
    "PlanItem",
    "Progression",
    "ProgressionPath",
    "RoleRequirement",
    "SharedSkill",
    "Similarity",
    "Step",
    "StepKind",
    "build_graph",
    "build_progression",
    "development_plan",
    "export_graph",
    "gap",
    "match_roles",
    "next_roles",
    "previous_roles",
    "progression_path",
    "progression_paths",
    "role_gap",
    "roles_sharing_skill",
    "shared_skills",
    "similar_roles",
    "similarity",
    "step_count",
    "with_progression_edges",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)
