"""schema.graphql is generated from the code and offers all of the shared contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from strawberry.printer import print_schema

from competency_explorer.api.schema import schema

ROOT = Path(__file__).parents[1]
SHARED = ROOT.parent / "shared"
CHECKER = SHARED / "tools" / "contract_check.py"


def test_schema_graphql_is_not_stale() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == print_schema(schema) + "\n", (
        "schema.graphql is stale: run `make schema`"
    )


def test_contract_check_passes() -> None:
    if not CHECKER.exists():
        pytest.skip(f"no shared contract checker beside the repository ({CHECKER})")
    result = subprocess.run(
        [sys.executable, str(CHECKER), str(ROOT / "schema.graphql")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    last = result.stdout.strip().splitlines()[-1]
    matched, total = last.removeprefix("contract: ").split(" ")[0].split("/")
    assert matched == total
    assert int(total) >= 157


def test_every_type_field_and_argument_has_a_description() -> None:
    missing: list[str] = []
    for name, graphql_type in schema._schema.type_map.items():
        if name.startswith("__") or name in {"String", "Int", "Float", "Boolean", "ID"}:
            continue
        if not graphql_type.description:
            missing.append(name)
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            for argument_name, argument in getattr(field, "args", {}).items():
                if not argument.description:
                    missing.append(f"{name}.{field_name}({argument_name})")
        for value_name, value in getattr(graphql_type, "values", {}).items():
            if not value.description:
                missing.append(f"{name}.{value_name}")
    assert missing == []
