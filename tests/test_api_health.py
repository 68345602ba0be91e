"""``framework { health }``: the health report through the schema and HTTP.

The findings are tests/data/health's (tests/test_health.py checks each);
here: their shape in the API, their order, and that a served framework makes
its report once.
"""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from api_support import data, execute
from competency_explorer.api import Limits, SchemaConfig, ServedState, build_schema
from competency_explorer.app import create_app
from competency_explorer.graph import health as report
from competency_explorer.loader import load_or_raise
from competency_explorer.model import Framework, Role
from test_health import EXPECTED, MESSAGES

DATA = Path(__file__).parent / "data"

QUERY = """
{
  framework {
    health {
      kind
      message
      location
      roles { slug title }
      skills { code name }
    }
  }
}
"""


@pytest.fixture
def state() -> ServedState:
    with chdir(DATA):
        return ServedState.build(load_or_raise(["health"]))


def test_every_finding_with_its_roles_skills_and_location(state: ServedState) -> None:
    found = data(state, QUERY)["framework"]["health"]
    assert [
        (
            f["kind"],
            tuple(role["slug"] for role in f["roles"]),
            tuple(skill["code"] for skill in f["skills"]),
            f["location"],
        )
        for f in found
    ] == EXPECTED
    assert [f["message"] for f in found] == MESSAGES
    assert found[-1]["roles"] == [
        {"slug": "data-analyst", "title": "Data Analyst"},
        {"slug": "reporting-analyst", "title": "Reporting Analyst"},
    ]
    assert found[-1]["skills"] == [
        {"code": "DATA", "name": "Data analysis"},
        {"code": "TEST", "name": "Testing"},
    ]


def test_a_finding_without_a_location_is_null() -> None:
    # Roles built in code have no file behind them.
    framework = Framework(name="Bare", levels=(), roles=(Role("Lonely", 2, "P"),))
    found = data(ServedState.build(framework), QUERY)["framework"]["health"]
    assert found == [
        {
            "kind": "ROLE_WITHOUT_REQUIREMENTS",
            "message": "role 'Lonely' requires no core skill",
            "location": None,
            "roles": [{"slug": "lonely", "title": "Lonely"}],
            "skills": [],
        }
    ]


def test_the_report_is_made_once_per_served_framework(
    state: ServedState, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    made = report.health

    def counting(*arguments: object) -> list[report.Finding]:
        calls.append(arguments)
        return made(*arguments)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "health", counting)
    data(state, "{ framework { health { kind } } }")
    data(state, "{ framework { health { message } } }")
    assert len(calls) == 1
    # A new state (a reload) makes its own.
    data(ServedState.build(state.framework), "{ framework { health { kind } } }")
    assert len(calls) == 2


def test_the_list_counts_towards_the_item_budget(state: ServedState) -> None:
    tight = build_schema(SchemaConfig(limits=Limits(max_items=5)))
    answer = execute(state, "{ framework { health { kind } } }", using=tight)
    assert answer["data"] is None
    assert [e["extensions"]["code"] for e in answer["errors"]] == ["RESULT_TOO_LARGE"]


def test_over_http(state: ServedState) -> None:
    client = TestClient(create_app(state))
    response = client.post(
        "/graphql", json={"query": "{ framework { health { kind location } } }"}
    )
    assert response.status_code == 200
    found = response.json()["data"]["framework"]["health"]
    assert [(f["kind"], f["location"]) for f in found] == [
        (kind, location) for kind, _, _, location in EXPECTED
    ]


def test_locations_never_show_the_servers_folders(tmp_path: Path) -> None:
    # Under --watch and --workers the paths read are absolute: the API shows
    # them from the framework's own folder all the same.
    state = ServedState.build(load_or_raise([str((DATA / "health").resolve())]))
    found = data(state, "{ framework { health { location } } }")["framework"]
    assert [f["location"] for f in found["health"]] == [
        location for _, _, _, location in EXPECTED
    ]
    assert all(not str(f["location"]).startswith("/") for f in found["health"])
