"""The GraphQL API: strawberry types over the model and the graph queries.

The names below are loaded on first use: ``from competency_explorer.api
import settings`` (as the command line does to build its flags) must not
import strawberry, networkx and scipy. The default schema object is
``competency_explorer.api.schema.schema``: its module has the same name, so
it cannot be a lazy name of this package.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .context import Context, ServedState, StateHolder
    from .schema import CompetencySchema, SchemaConfig, build_schema, run
    from .settings import Limits

_HOMES = {
    "Context": "context",
    "ServedState": "context",
    "StateHolder": "context",
    "Limits": "settings",
    "CompetencySchema": "schema",
    "SchemaConfig": "schema",
    "build_schema": "schema",
    "run": "schema",
}

__all__ = [
    "CompetencySchema",
    "Context",
    "Limits",
    "SchemaConfig",
    "ServedState",
    "StateHolder",
    "build_schema",
    "run",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{home}", __name__), name)
