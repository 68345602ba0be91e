"""``competency serve --watch``: good changes served, bad ones refused, atomically."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import watchfiles
import yaml
from starlette.testclient import TestClient

from competency_explorer import reload as reload_module
from competency_explorer.api import ServedState, StateHolder
from competency_explorer.app import create_app
from competency_explorer.loader import load_or_raise, watched_paths
from competency_explorer.reload import Reloader, ReloadState, health
from test_loader import symlink_fan_out
from tools.localserver import serving

pytestmark = pytest.mark.timeout(180)

SKILLS = """\
skills:
  - code: PROG
    name: Programming
    category: Development and implementation
    levels: {3: Builds features with tests., 4: Designs components.}
"""


def framework_yaml(name: str, titles: list[str]) -> str:
    roles = "".join(
        f"  - title: {title}\n    level: {3 + i % 2}\n    career_path: Technical\n"
        "    requirements: [{code: PROG}]\n"
        for i, title in enumerate(titles)
    )
    return f"name: {name}\n{SKILLS}roles:\n{roles}"


VERSION_ONE = ("Version one", ["Developer", "Senior Developer"])
VERSION_TWO = (
    "Version two",
    ["Developer", "Senior Developer", "Tester", "Senior Tester"],
)
BROKEN = "name: Broken\nroles: [\n"
REFUSED_MESSAGE = (
    "The last change to the framework's files was refused; the server's log "
    "lists the problems"
)
REFUSED_TWO = {"errors": 2, "warnings": 0, "message": REFUSED_MESSAGE}


def slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def write(folder: Path, text: str) -> None:
    # Written aside and renamed, as editors do, so no half-written file is read.
    aside = folder / ".framework.yaml.tmp"
    aside.write_text(text, encoding="utf-8")
    os.replace(aside, folder / "framework.yaml")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "framework"
    data.mkdir()
    write(data, framework_yaml(*VERSION_ONE))
    return data


def make_reloader(folder: Path) -> tuple[StateHolder, Reloader]:
    holder = StateHolder(ServedState.build(load_or_raise([str(folder)])))
    return holder, Reloader(holder, [str(folder)])


def test_a_good_change_is_served_as_the_next_version(folder: Path) -> None:
    holder, reloader = make_reloader(folder)
    write(folder, framework_yaml(*VERSION_TWO))
    assert reloader.reload() is True
    state = holder.current
    assert isinstance(state, ReloadState)
    assert (state.framework.name, len(state.framework.roles)) == ("Version two", 4)
    assert health(state) == {"frameworkVersion": 2, "refusedReload": None}


def test_a_broken_change_is_refused_and_the_last_good_framework_kept(
    folder: Path,
) -> None:
    holder, reloader = make_reloader(folder)
    before = holder.current
    report = before.health()
    answers = before.results(object())
    write(folder, BROKEN)
    assert reloader.reload() is False
    after = holder.current
    assert after.framework is before.framework
    assert after.progression is before.progression
    # The same framework: its health report and cached answers carry over.
    assert after.health() is report
    assert after.caches == before.caches
    assert next(iter(after.caches.values()))[1] is answers
    path = str(folder / "framework.yaml")
    assert isinstance(after, ReloadState)
    assert [str(problem) for problem in after.refused] == [
        f"{path}:3: error: malformed YAML: did not find expected node content "
        "(while parsing a flow node)",
        f"{folder}:0: error: the framework is empty: no roles and no skills found",
    ]
    assert health(after) == {"frameworkVersion": 1, "refusedReload": REFUSED_TWO}
    # Fixed again: served as version 2, and the refusal is forgotten.
    write(folder, framework_yaml(*VERSION_TWO))
    assert reloader.reload() is True
    assert health(holder.current) == {"frameworkVersion": 2, "refusedReload": None}


def test_a_failure_while_reloading_is_a_refusal_not_a_crash(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder, reloader = make_reloader(folder)

    def explode(framework: object) -> ServedState:
        raise MemoryError

    monkeypatch.setattr(reload_module.ServedState, "build", explode)
    assert reloader.reload() is False
    state = holder.current
    assert isinstance(state, ReloadState)
    assert [str(problem) for problem in state.refused] == [
        f"{folder}:0: error: internal error while reloading (MemoryError)"
    ]
    assert health(state)["refusedReload"] == {
        "errors": 1,
        "warnings": 0,
        "message": REFUSED_MESSAGE,
    }


def test_healthz_shows_no_path_and_no_content(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A link in a watched folder to a file anyone can read through /healthz
    # once the refusal quotes it (the attack used /etc/passwd).
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the secret first line\n", encoding="utf-8")
    holder, reloader = make_reloader(folder)
    os.symlink(secret, folder / "zz.yaml")
    with caplog.at_level(logging.WARNING, logger="competency_explorer.reload"):
        assert reloader.reload() is False
    app = create_app(holder)
    with TestClient(app) as client:
        body = client.get("/healthz").text
    assert "secret" not in body
    assert str(tmp_path) not in body
    assert '"refusedReload":{"errors":1,"warnings":0,' in body
    # The whole problem is in the log, for whoever runs the server.
    assert any("zz.yaml:1: error:" in record.getMessage() for record in caplog.records)


def test_a_file_changed_while_being_read_is_read_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file cut at half its bytes can still be valid YAML: it was served as
    # a new version with half the roles until the writer finished.
    holder, reloader = make_reloader(folder)
    whole = framework_yaml(*VERSION_TWO)
    half = whole[: whole.index("  - title: Tester")]
    (folder / "framework.yaml").write_text(half, encoding="utf-8")
    reads: list[int] = []
    real_load = reload_module.load

    def load_while_writing(paths: Any) -> Any:
        result = real_load(paths)
        reads.append(len(result.framework.roles))
        if len(reads) == 1:
            # The writer finishes while the first read is under way.
            (folder / "framework.yaml").write_text(whole, encoding="utf-8")
        return result

    monkeypatch.setattr(reload_module, "load", load_while_writing)
    assert reloader.reload() is True
    assert reads == [2, 4]
    assert len(holder.current.framework.roles) == 4


def test_files_that_never_hold_still_are_not_served(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = StateHolder(ServedState.build(load_or_raise([str(folder)])))
    reloader = Reloader(holder, [str(folder)], debounce_ms=1)
    before = holder.current
    real_load = reload_module.load
    reads: list[int] = []

    def load_while_writing(paths: Any) -> Any:
        result = real_load(paths)
        reads.append(len(reads))
        write(folder, framework_yaml("Moving", [f"Role {len(reads)}"]))
        return result

    monkeypatch.setattr(reload_module, "load", load_while_writing)
    assert reloader.reload() is False
    assert holder.current.framework is before.framework
    assert len(reads) == reload_module.MAX_READS


def test_each_real_folder_is_watched_once_without_recursion(tmp_path: Path) -> None:
    # Links that fan out: every folder reached once, however many paths lead
    # to it (a recursive watch following links walked all 2^16 of them, and
    # held the event loop for seconds).
    top = symlink_fan_out(tmp_path, 16)
    assert watched_paths([str(top)]) == sorted(
        str(tmp_path / f"d{i}") for i in range(17)
    )


def test_the_watch_sees_framework_files_and_a_named_json_export(
    folder: Path, tmp_path: Path
) -> None:
    export = tmp_path / "framework.json"
    export.write_text(
        json.dumps(yaml.safe_load(framework_yaml(*VERSION_TWO))), encoding="utf-8"
    )
    holder = StateHolder(ServedState.build(load_or_raise([str(export)])))
    reloader = Reloader(holder, [str(export), str(folder)])
    assert reloader.named == {str(export)}

    def seen(path: Path) -> bool:
        return reload_module._framework_files(
            watchfiles.Change.modified, str(path), named=reloader.named
        )

    assert seen(export) is True
    # A folder's .json files are not read: package.json changes nothing.
    assert seen(folder / "package.json") is False
    assert seen(folder / "role.md") is True
    assert seen(folder / "new-folder") is True
    assert seen(folder / ".role.md.swp") is False


def test_healthz_without_watching_reports_version_one() -> None:
    app = create_app(load_or_raise())
    with TestClient(app) as client:
        body = client.get("/healthz").json()
    assert (body["frameworkVersion"], body["refusedReload"]) == (1, None)


# -- the real server, with clients querying through the reloads ---------------

QUERY = """{
  framework { name roleCount }
  roles(first: 100) { totalCount edges { node { slug } } }
}"""


@pytest.fixture
def server(folder: Path, tmp_path: Path) -> Iterator[str]:
    log = tmp_path / "server.log"
    with serving(["--watch", str(folder)], log=log) as running:
        yield running.url
    assert "Traceback" not in log.read_text(encoding="utf-8")


def wait_for(url: str, condition: Any, deadline: float = 60.0) -> dict[str, Any]:
    """Poll /healthz until ``condition`` holds (bounded, never a timing check)."""
    end = time.monotonic() + deadline
    while True:
        try:
            body: dict[str, Any] = httpx.get(f"{url}/healthz", timeout=5).json()
            if condition(body):
                return body
        except httpx.TransportError:
            pass
        if time.monotonic() > end:
            raise AssertionError(f"/healthz never satisfied the condition at {url}")
        time.sleep(0.1)


def version_of(answer: dict[str, Any]) -> str:
    """The one version an answer wholly belongs to, or a description of the mix."""
    data = answer["data"]
    name = data["framework"]["name"]
    seen = (
        data["framework"]["roleCount"],
        data["roles"]["totalCount"],
        sorted(edge["node"]["slug"] for edge in data["roles"]["edges"]),
    )
    for version_name, titles in (VERSION_ONE, VERSION_TWO):
        expected = (len(titles), len(titles), sorted(slug(t) for t in titles))
        if name == version_name and seen == expected:
            return version_name
    return f"mixed: {name} with {seen}"


async def query_until(url: str, stop: asyncio.Event, tally: Counter[str]) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        while not stop.is_set():
            try:
                response = await client.post("/graphql", json={"query": QUERY})
                answer = response.json()
                if response.status_code != 200 or "errors" in answer:
                    tally[f"failed: {response.status_code} {answer}"] += 1
                else:
                    tally[version_of(answer)] += 1
            except (httpx.HTTPError, ValueError) as exc:
                tally[f"failed: {exc!r}"] += 1


def test_clients_see_whole_versions_through_a_refused_and_a_good_reload(
    server: str, folder: Path
) -> None:
    async def scenario() -> tuple[Counter[str], dict[str, Any], dict[str, Any]]:
        stop = asyncio.Event()
        tally: Counter[str] = Counter()
        clients = [
            asyncio.create_task(query_until(server, stop, tally)) for _ in range(8)
        ]
        # Some answers before the first change (a failure counts: it is
        # reported by the check at the end).
        while sum(tally.values()) < 20:
            await asyncio.sleep(0.01)
        write(folder, BROKEN)
        refused = await asyncio.to_thread(
            wait_for, server, lambda body: body["refusedReload"] is not None
        )
        write(folder, framework_yaml(*VERSION_TWO))
        accepted = await asyncio.to_thread(
            wait_for, server, lambda body: body["frameworkVersion"] == 2
        )
        before = tally["Version two"]
        while tally["Version two"] < before + 50:
            await asyncio.sleep(0.05)
        stop.set()
        await asyncio.gather(*clients)
        return tally, refused, accepted

    tally, refused, accepted = asyncio.run(scenario())
    assert (refused["framework"], refused["frameworkVersion"]) == ("Version one", 1)
    assert refused["refusedReload"] == REFUSED_TWO
    assert (accepted["framework"], accepted["refusedReload"]) == ("Version two", None)
    # Every answer came wholly from one version, and none failed.
    assert set(tally) == {"Version one", "Version two"}, tally
    print(f"answers through the reloads: {dict(tally)}")
