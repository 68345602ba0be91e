"""build_graph: the framework's structure as a networkx graph.

Nodes: roles, skills, categories, subcategories, levels, career paths and
tracks, with a ``kind``, a ``label`` and their scalar fields (None fields left
out, so that GraphML writers never see them). Edges carry a ``kind`` too and
are keyed by it. The graph is built where it is walked as a graph (export,
the health report), not for every served framework: the API serves from the
arrays of ``progression.py``. ``with_progression_edges`` adds that layer's
role-to-role edges for the callers that want them.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..collector import paused
from ..model import Framework, Role, Skill, subcategory_key
from .progression import KIND_NAMES, Progression

# Node id prefix -> the node's ``kind`` attribute.
_NODE_KINDS = {
    "role": "role",
    "skill": "skill",
    "category": "category",
    "subcategory": "subcategory",
    "level": "level",
    "path": "career_path",
    "track": "track",
}


def role_node(slug: str) -> str:
    return f"role:{slug}"


def skill_node(code: str) -> str:
    return f"skill:{code}"


def category_node(name: str) -> str:
    return f"category:{name}"


def subcategory_node(category: str, name: str) -> str:
    return f"subcategory:{subcategory_key(category, name)}"


def level_node(number: int) -> str:
    return f"level:{number}"


def path_node(name: str) -> str:
    return f"path:{name}"


def track_node(career_path: str, name: str) -> str:
    return f"track:{subcategory_key(career_path, name)}"


def build_graph(framework: Framework) -> nx.MultiDiGraph:
    """The graph of the framework's structure (no role-to-role edges)."""
    # Hundreds of thousands of node and edge dicts, none in a reference cycle:
    # the cyclic collector's passes over them while they are made took three
    # quarters of the build (3.4 s of 4.4 s at 3,000 roles).
    with paused():
        return _build(framework)


def _build(framework: Framework) -> nx.MultiDiGraph:
    nodes: dict[str, dict[str, Any]] = {}
    edges: list[tuple[str, str, str, dict[str, Any]]] = []

    def link(source: str, target: str, kind: str, **fields: Any) -> None:
        edges.append((source, target, kind, {"kind": kind, **fields}))

    for level in framework.levels:
        nodes[level_node(level.number)] = _scalars(
            kind="level",
            label=level.name,
            number=level.number,
            name=level.name,
            description=level.description,
        )
    for path in framework.career_paths:
        nodes[path_node(path.name)] = _scalars(
            kind="career_path",
            label=path.name,
            name=path.name,
            description=path.description,
        )
    for track in framework.tracks:
        node = track_node(track.career_path, track.name)
        nodes[node] = _scalars(
            kind="track",
            label=track.name,
            name=track.name,
            career_path=track.career_path,
            description=track.description,
        )
        link(node, path_node(track.career_path), "of_path")
    for category in framework.categories:
        nodes[category_node(category.name)] = _scalars(
            kind="category", label=category.name, name=category.name
        )
    for sub in framework.subcategories:
        node = subcategory_node(sub.category, sub.name)
        nodes[node] = _scalars(
            kind="subcategory", label=sub.name, name=sub.name, category=sub.category
        )
        link(node, category_node(sub.category), "in_category")
    for skill in framework.skills:
        node = skill_node(skill.code)
        nodes[node] = _skill_fields(skill)
        link(
            node, subcategory_node(skill.category, skill.subcategory), "in_subcategory"
        )
    for role in framework.roles:
        node = role_node(role.slug)
        nodes[node] = _role_fields(role)
        link(node, level_node(role.level), "at_level")
        link(node, path_node(role.career_path), "on_path")
        if role.track is not None:
            link(node, track_node(role.career_path, role.track), "on_track")
        for requirement in role.requirements:
            link(
                node,
                skill_node(requirement.code),
                "requires",
                level=requirement.level,
                **({"optional": True} if requirement.optional else {}),
            )
    # Nodes a validated framework always has; added bare when a hand-built
    # framework lacks them, so that every edge has labelled ends.
    for _, target, _, _ in edges:
        if target not in nodes:
            prefix, _, label = target.partition(":")
            nodes[target] = {"kind": _NODE_KINDS[prefix], "label": label}

    # Bulk adds: at 130,000 requirements, add_edge one by one costs a second.
    graph = nx.MultiDiGraph(name=framework.name)
    graph.graph["framework"] = framework
    graph.add_nodes_from(nodes.items())
    graph.add_edges_from(edges)
    return graph


def with_progression_edges(
    graph: nx.MultiDiGraph, progression: Progression
) -> nx.MultiDiGraph:
    """A copy of the graph with every progression edge as a networkx edge.

    Each edge is keyed and kinded "PROMOTION", "TRACK_CHANGE" or
    "PATH_CHANGE" and carries its effort, and ``declared`` (with the move's
    ``note`` when it has one) for a move the framework declares. At a big
    framework's size that is millions of edges: build it to walk or export.
    """
    copy = graph.copy()
    table = progression.outgoing
    moves = progression.framework.moves
    for source, slug in enumerate(progression.slugs):
        targets, efforts, kinds = table.row(source)
        for target, effort, kind, move in zip(
            targets.tolist(),
            efforts.tolist(),
            kinds.tolist(),
            table.moves(source).tolist(),
            strict=True,
        ):
            name = KIND_NAMES[kind]
            extra: dict[str, Any] = {}
            if move:
                extra["declared"] = True
                note = moves[move - 1].note
                if note is not None:
                    extra["note"] = note
            copy.add_edge(
                role_node(slug),
                role_node(progression.slugs[target]),
                key=name,
                kind=name,
                effort=effort,
                **extra,
            )
    return copy


def _skill_fields(skill: Skill) -> dict[str, Any]:
    return _scalars(
        kind="skill",
        label=skill.name,
        code=skill.code,
        name=skill.name,
        category=skill.category,
        subcategory=skill.subcategory,
        description=skill.description,
        guidance=skill.guidance,
        url=skill.url,
        levels=",".join(str(n) for n in skill.described_levels) or None,
    )


def _role_fields(role: Role) -> dict[str, Any]:
    return _scalars(
        kind="role",
        label=role.title,
        slug=role.slug,
        title=role.title,
        level=role.level,
        career_path=role.career_path,
        track=role.track,
        summary=role.summary,
        overview=role.overview,
    )


def _scalars(**fields: Any) -> dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}
