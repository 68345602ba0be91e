"""The serve, query and schema commands."""

from __future__ import annotations

import gc
import io
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from strawberry.printer import print_schema

from competency_explorer import app as app_module
from competency_explorer.api import Limits
from competency_explorer.api.schema import schema
from competency_explorer.cli import main
from tools.localserver import free_port

BROKEN = "roles:\n  - title: Broken\n    level: 9\n    career_path: Technical\n"


@pytest.fixture
def broken_framework(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_query_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "{ framework { name roleCount } }"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "data": {
            "framework": {"name": "Example Engineering Framework", "roleCount": 27}
        }
    }


def test_query_with_variables(capsys: pytest.CaptureFixture[str]) -> None:
    query = "query($code: String!) { skill(code: $code) { name } }"
    assert main(["query", query, "--variables", '{"code": "prog"}']) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer == {"data": {"skill": {"name": "Programming/software development"}}}


def test_query_runs_the_operation_named(capsys: pytest.CaptureFixture[str]) -> None:
    document = "query A { framework { name } } query B { framework { roleCount } }"
    assert main(["query", document, "--operation-name", "B"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "data": {"framework": {"roleCount": 27}}
    }
    assert main(["query", document]) == 1
    assert json.loads(capsys.readouterr().out)["errors"][0]["message"] == (
        "The document holds 2 operations; name the one to run with operationName"
    )


def test_query_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("{ framework { skillCount } }"))
    assert main(["query", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "data": {"framework": {"skillCount": 39}}
    }


def test_query_exits_1_when_the_answer_has_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["query", '{ rolesSharingSkill(code: "NOPE") { level } }']) == 1
    answer = json.loads(capsys.readouterr().out)
    assert answer["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ("{oops", "competency: --variables is not valid JSON: Expecting property name"),
        ("[1, 2]", "competency: --variables must be a JSON object"),
    ],
)
def test_query_with_bad_variables(
    capsys: pytest.CaptureFixture[str], variables: str, message: str
) -> None:
    assert main(["query", "{ framework { name } }", "--variables", variables]) == 2
    assert capsys.readouterr().err.startswith(message)


def test_query_on_a_broken_framework(
    capsys: pytest.CaptureFixture[str], broken_framework: Path
) -> None:
    assert main(["query", "{ framework { name } }", str(broken_framework)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{broken_framework}:")
    assert err.endswith("competency: the framework has errors; nothing was done\n")


def test_schema_prints_the_sdl(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == print_schema(schema) + "\n"
    output = tmp_path / "schema.graphql"
    assert main(["schema", "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == print_schema(schema) + "\n"


class FakeUvicorn:
    """Records what serve hands to uvicorn.run instead of serving."""

    def __init__(self) -> None:
        self.calls: list[tuple[Any, dict[str, Any]]] = []

    def run(self, app: Any, **options: Any) -> None:
        self.calls.append((app, options))


@pytest.fixture
def uvicorn(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeUvicorn]:
    import uvicorn as real

    fake = FakeUvicorn()
    monkeypatch.setattr(real, "run", fake.run)
    # Recorded so that teardown removes what serve puts there.
    monkeypatch.setenv(app_module.SERVE_ENVIRONMENT, "{}")
    yield fake
    # serve freezes the heap once its state is built, as a server process
    # should; the tests that run after this one in the process should not.
    gc.unfreeze()


def test_serve_one_worker(uvicorn: FakeUvicorn) -> None:
    arguments = [
        "serve",
        "--port",
        "9001",
        "--max-depth",
        "5",
        "--cors-origin",
        "https://a.example",
    ]
    assert main([*arguments, "--cors-origin", "https://b.example"]) == 0
    [(app, options)] = uvicorn.calls
    assert isinstance(app, Starlette)
    assert options == {
        "host": "127.0.0.1",
        "port": 9001,
        "log_level": "info",
        # Time limits, the connection cap, clear refusals: connections.py.
        "http": "competency_explorer.connections:GuardedH11Protocol",
        # --log-format text (the default): uvicorn's access log.
        "access_log": True,
    }
    assert app.state.limits == Limits(max_depth=5)
    with TestClient(app) as client:
        assert client.get("/healthz").json()["roleCount"] == 27
        preflight = client.options(
            "/graphql",
            headers={
                "origin": "https://b.example",
                "access-control-request-method": "POST",
            },
        )
        assert preflight.headers["access-control-allow-origin"] == "https://b.example"


def test_serve_many_workers(
    uvicorn: FakeUvicorn, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = str(Path(__file__).parents[1] / "data")
    assert (
        main(
            ["serve", data, "--workers", "3", "--no-introspection", "--max-items", "99"]
        )
        == 0
    )
    [(target, options)] = uvicorn.calls
    assert target == "competency_explorer.app:app_from_environment"
    assert options["factory"] is True
    assert options["workers"] == 3
    settings = json.loads(os.environ[app_module.SERVE_ENVIRONMENT])
    assert settings["paths"] == [os.path.abspath(data)]
    assert settings["introspection"] is False
    assert settings["limits"]["max_items"] == 99
    # What each worker builds from those settings.
    app = app_module.app_from_environment()
    assert app.state.limits == Limits(max_items=99)
    with TestClient(app) as client:
        answer = client.post(
            "/graphql", json={"query": "{ __schema { types { name } } }"}
        )
        assert (
            answer.json()["errors"][0]["extensions"]["code"] == "INTROSPECTION_DISABLED"
        )


def test_serve_says_where_it_serves(
    uvicorn: FakeUvicorn, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(Path(__file__).parents[1] / "data")
    port = free_port()
    # With port 0 the system picks the port when uvicorn binds, and uvicorn
    # prints it.
    for asked, where in [
        (port, f"at http://127.0.0.1:{port}/"),
        (0, "on a free port of 127.0.0.1 (its address follows)"),
    ]:
        assert main(["serve", data, "--port", str(asked)]) == 0
        assert uvicorn.calls[-1][1]["port"] == asked
        assert capsys.readouterr().err == (
            "competency: serving Example Engineering Framework (27 roles, 39 "
            f"skills) {where}\n"
        )


@contextmanager
def another_server(host: str) -> Iterator[int]:
    """A socket listening on a free port of ``host``: that port's number."""
    with socket.socket() as other:
        other.bind((host, 0))
        other.listen()
        yield other.getsockname()[1]


def test_serve_says_when_its_port_is_taken(
    uvicorn: FakeUvicorn, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(Path(__file__).parents[1] / "data")
    with another_server("127.0.0.1") as port:
        assert main(["serve", data, "--port", str(port)]) == 1
    assert uvicorn.calls == []
    assert capsys.readouterr().err == (
        f"competency: port {port} of 127.0.0.1 is in use (another server?): "
        "stop it, or choose another port with --port\n"
    )


# Port 0 too: the system picks the port, but the address must be ours.
@pytest.mark.parametrize("port", ["8123", "0"])
def test_serve_says_when_it_cannot_listen_on_its_host(
    uvicorn: FakeUvicorn, capsys: pytest.CaptureFixture[str], port: str
) -> None:
    # 192.0.2.1 is TEST-NET-1: an address no machine of ours has.
    data = str(Path(__file__).parents[1] / "data")
    assert main(["serve", data, "--host", "192.0.2.1", "--port", port]) == 1
    assert uvicorn.calls == []
    assert capsys.readouterr().err == (
        f"competency: cannot listen on 192.0.2.1:{port}: "
        "Cannot assign requested address\n"
    )


def test_serve_listens_as_uvicorn_will(
    uvicorn: FakeUvicorn, capsys: pytest.CaptureFixture[str]
) -> None:
    # One worker binds as asyncio does: IPv6 addresses IPv6-only, so "::"
    # serves beside another server on 0.0.0.0 of the same port.
    data = str(Path(__file__).parents[1] / "data")
    with another_server("0.0.0.0") as port:
        assert main(["serve", data, "--host", "::", "--port", str(port)]) == 0
    assert capsys.readouterr().err == (
        "competency: serving Example Engineering Framework (27 roles, 39 skills) "
        f"at http://[::]:{port}/\n"
    )
    assert len(uvicorn.calls) == 1


def test_serve_refuses_a_broken_framework(
    uvicorn: FakeUvicorn, capsys: pytest.CaptureFixture[str], broken_framework: Path
) -> None:
    assert main(["serve", str(broken_framework)]) == 1
    assert uvicorn.calls == []
    assert "competency: the framework has errors" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--max-depth", "0"],
            "competency: limit max_depth must be at least 1, not 0\n",
        ),
        (["--workers", "0"], "competency: --workers must be at least 1\n"),
        (
            ["--port", "99999"],
            "competency: --port must be 0 to 65535 (0: any free port), not 99999\n",
        ),
        (
            ["--port=-1"],
            "competency: --port must be 0 to 65535 (0: any free port), not -1\n",
        ),
        (
            ["--max-seconds", "0"],
            "competency: limit max_seconds must be a number of seconds above 0, "
            "not 0.0\n",
        ),
    ],
)
def test_serve_usage_errors(
    uvicorn: FakeUvicorn,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    message: str,
) -> None:
    assert main(["serve", *arguments]) == 2
    assert uvicorn.calls == []
    assert capsys.readouterr().err == message
