"""The competency graph: build_graph, the queries over it, and its export.

networkx holds the framework's structure; the role-to-role progression layer
lives beside it as sparse arrays (see progression.py). Every query is a plain
function taking the graph first.
"""

from __future__ import annotations

from .build import build_graph, with_progression_edges
from .export import GRAPH_FORMATS, export_graph
from .paths import progression_path, progression_paths
from .progression import EdgeTable, Progression
from .queries import (
    gap,
    next_roles,
    previous_roles,
    role_gap,
    roles_sharing_skill,
    shared_skills,
)
from .similarity import match_roles, similar_roles, similarity
from .types import (
    Gap,
    LevelUp,
    Match,
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
    "Progression",
    "ProgressionPath",
    "RoleRequirement",
    "SharedSkill",
    "Similarity",
    "Step",
    "StepKind",
    "build_graph",
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
    "with_progression_edges",
]
