"""The competency graph: the progression layer, the queries over it, and export.

``build_progression(framework)`` makes the arrays every query reads (roles
x skills, and the role-to-role progression edges: see progression.py); each
query is a plain function taking that ``Progression`` first. ``build_graph``
makes the framework's structure as a networkx graph, for the callers that
walk it as a graph or write it out (export, the health report).
"""

from __future__ import annotations

from .build import build_graph, with_progression_edges
from .export import GRAPH_FORMATS, export_graph
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
