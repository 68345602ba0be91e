"""The GraphQL API: strawberry types over the model and the graph queries."""

from __future__ import annotations

from .context import Context, ServedState, StateHolder
from .limits import Limits
from .schema import CompetencySchema, SchemaConfig, build_schema, run, schema

__all__ = [
    "CompetencySchema",
    "Context",
    "Limits",
    "SchemaConfig",
    "ServedState",
    "StateHolder",
    "build_schema",
    "run",
    "schema",
]
