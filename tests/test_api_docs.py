"""docs/api.md and docs/limits.md: every command and script shown answers as shown."""

from __future__ import annotations

import dataclasses
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from starlette.testclient import TestClient

from competency_explorer.api import Limits, ServedState
from competency_explorer.api.codes import LIMIT_CODES
from competency_explorer.app import create_app

ROOT = Path(__file__).parents[1]
API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
LIMITS_DOC = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)
CURL_BODY = re.compile(r"-d '(.*)'$", re.M)


def blocks() -> list[tuple[str, str]]:
    return [(lang, text) for lang, text in FENCE.findall(API_DOC)]


def uses() -> list[tuple[str, str, str, str]]:
    """(curl command, its output, script, its output) for each headline use."""
    found = blocks()
    assert [lang for lang, _ in found] == ["sh", "json", "python", "text"] * 3
    texts = [text for _, text in found]
    return [
        (texts[i], texts[i + 1], texts[i + 2], texts[i + 3]) for i in range(0, 12, 4)
    ]


USES = uses()
SCRIPTS = ["progression_path", "roles_sharing_skill", "skill_gap"]


@pytest.fixture(scope="module")
def client(sample_state: ServedState) -> Iterator[TestClient]:
    with TestClient(create_app(sample_state)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def live_url(sample_state: ServedState) -> Iterator[str]:
    """A real server on a free port, for the scripts (they make real HTTP calls)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(sample_state), log_level="warning")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]})
    thread.start()
    try:
        while not server.started:  # start-up takes milliseconds; pytest-timeout guards
            time.sleep(0.01)
        yield f"http://127.0.0.1:{port}/graphql"
    finally:
        server.should_exit = True
        thread.join()
        listener.close()


@pytest.mark.parametrize(("curl", "output"), [(u[0], u[1]) for u in USES], ids=SCRIPTS)
def test_curl_commands(client: TestClient, curl: str, output: str) -> None:
    assert curl.startswith("curl -s http://127.0.0.1:8000/graphql \\\n")
    assert "-H 'Content-Type: application/json'" in curl
    [body] = CURL_BODY.findall(curl)
    response = client.post(
        "/graphql", content=body.encode(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 200
    assert response.text == output.rstrip("\n")


@pytest.mark.parametrize(
    ("name", "script", "output"),
    [(name, u[2], u[3]) for name, u in zip(SCRIPTS, USES, strict=True)],
    ids=SCRIPTS,
)
def test_python_scripts(live_url: str, name: str, script: str, output: str) -> None:
    path = ROOT / "docs" / "examples" / f"{name}.py"
    assert path.read_text(encoding="utf-8") == script
    result = subprocess.run(
        [sys.executable, str(path)],
        env={**os.environ, "COMPETENCY_URL": live_url},
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == output


def test_the_three_headline_uses_are_there() -> None:
    headings = re.findall(r"^## (.*)$", API_DOC, re.M)
    assert headings == [
        "A progression path with its gaps",
        "The roles that share a skill",
        "The gap from a person's skills to a role",
    ]


def test_every_error_code_is_documented() -> None:
    for code in {*LIMIT_CODES.values(), "NOT_FOUND", "INTERNAL_SERVER_ERROR"}:
        assert f"`{code}`" in API_DOC


@pytest.mark.parametrize("field", dataclasses.fields(Limits), ids=lambda f: f.name)
def test_every_limit_is_in_limits_md(field: dataclasses.Field[object]) -> None:
    default = getattr(Limits(), field.name)
    flag = field.name.replace("_", "-")
    if isinstance(default, bool):
        row = f"| off | `--allow-{flag}` | `{LIMIT_CODES[field.name]}` |"
    elif isinstance(default, float):
        row = f"| {default:g} | `--{flag} SECONDS` | `{LIMIT_CODES[field.name]}` |"
    else:
        row = f"| {default} | `--{flag} N` | `{LIMIT_CODES[field.name]}` |"
    assert row in LIMITS_DOC
