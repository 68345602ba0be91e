"""The graph written for other tools: GraphML (networkx, Gephi, yEd), node-link JSON."""

from __future__ import annotations

import json
import re

import networkx as nx

from ..errors import InvalidInputError
from ..model import Framework
from .build import build_graph, with_progression_edges
from .progression import build

GRAPH_FORMATS = ("graphml", "node-link")
# Characters XML 1.0 does not allow, even escaped. A YAML file can put them
# in a text ("\x01" in a double-quoted string); GraphML readers then refuse
# the whole file. They are written as U+FFFD, the replacement character.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def export_graph(framework: Framework, fmt: str, progression: bool = False) -> str:
    """The framework's graph as GraphML or node-link JSON text.

    With ``progression`` the role-to-role edges are written too (millions of
    edges at a big framework's size).
    """
    if fmt not in GRAPH_FORMATS:
        raise InvalidInputError(
            f"unknown graph format {fmt!r}: use one of {', '.join(GRAPH_FORMATS)}"
        )
    graph = build_graph(framework)
    if progression:
        graph = with_progression_edges(graph, build(framework))
    plain = _plain(graph)
    if fmt == "graphml":
        return _NOT_XML.sub("\ufffd", "\n".join(nx.generate_graphml(plain)) + "\n")
    data = nx.node_link_data(plain, edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _plain(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The same nodes and edges, without the Python objects kept in G.graph.

    A simple DiGraph: no two edges join the same pair of nodes (a role's
    progression to another is one edge of one kind), and without multigraph
    keys GraphML gets no repeated edge ids, which Gephi and yEd would reject
    or merge. ``kind`` names each relation.
    """
    plain = nx.DiGraph(name=graph.graph.get("name", ""))
    plain.add_nodes_from(graph.nodes(data=True))
    plain.add_edges_from(graph.edges(data=True))
    if plain.number_of_edges() != graph.number_of_edges():
        raise AssertionError("two edges join the same nodes; export would merge them")
    return plain
