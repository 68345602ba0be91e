"""The server helper shared by the tools and the tests (tools/localserver.py).

Its working case is the start of every test with a real server (the browser,
reload and load tests); here, a server that cannot start, and the pool the
browser tests' processes share.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.localserver import ServerError, ServerPool, serving

REPO = Path(__file__).resolve().parents[1]


def test_a_server_that_cannot_start_is_an_error_with_its_log(tmp_path: Path) -> None:
    log = tmp_path / "server.log"
    missing = tmp_path / "missing"
    with pytest.raises(ServerError) as raised, serving([str(missing)], log=log):
        pass
    assert str(raised.value) == (
        f"{log}: the server exited with code 1:\n"
        f"{missing}:0: error: no such file or folder\n"
        f"{missing}:0: error: the framework is empty: no roles and no skills found\n"
        "competency: the framework has errors; nothing was done\n"
    )


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=10) as answer:
            return bool(answer.status == 200)
    except urllib.error.URLError:
        return False


def cards(own: Path) -> list[str]:
    shutil.copytree(REPO / "tests" / "data" / "cards", own, dirs_exist_ok=True)
    return [str(own)]


def test_a_pool_starts_each_server_once(tmp_path: Path) -> None:
    # Two pools on one folder stand for two pytest-xdist workers.
    folder = tmp_path / "pool"
    first, second = ServerPool(folder), ServerPool(folder)
    written: list[Path] = []

    def arguments(own: Path) -> list[str]:
        written.append(own)
        return cards(own)

    try:
        url = first.url("cards", arguments, log=tmp_path / "cards.log")
        assert second.url("cards", arguments, log=tmp_path / "other.log") == url
        assert written == [folder / "cards"]
        assert not (tmp_path / "other.log").exists()
        assert answers(url)
    finally:
        first.stop_all()
    assert not folder.exists()
    assert not answers(url)


def test_the_owner_stops_a_server_another_process_started(tmp_path: Path) -> None:
    # As under pytest-xdist: a worker starts the server and ends; the process
    # pytest was started as stops it by its pid.
    folder = tmp_path / "pool"
    worker = subprocess.run(
        [
            sys.executable, "-c",
            "import sys; from pathlib import Path\n"
            "from tools.localserver import ServerPool\n"
            "print(ServerPool(Path(sys.argv[1])).url("
            "'cards', [sys.argv[2]], log=Path(sys.argv[3])))",
            str(folder), str(REPO / "tests" / "data" / "cards"),
            str(tmp_path / "cards.log"),
        ],
        cwd=REPO, capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    url = worker.stdout.strip()
    owner = ServerPool(folder)
    try:
        assert owner.url("cards", [], log=tmp_path / "other.log") == url
        assert answers(url)
    finally:
        owner.stop_all()
    assert not answers(url)
    assert not folder.exists()


def test_a_killed_runs_pool_is_stopped_and_an_interrupted_start_redone(
    tmp_path: Path,
) -> None:
    pool = ServerPool.create()
    try:
        # A start interrupted before the server answered: a record with a pid
        # alone (past Linux's largest pid: no such process) and the
        # framework's folder half written.
        (pool.folder / "cards.json").write_text('{"pid": 4194304, "port": "1"}')
        (pool.folder / "cards").mkdir()
        url = pool.url("cards", cards, log=tmp_path / "cards.log")
        assert answers(url)
        # The run that made the pool is killed: its owner is a pid that no
        # longer runs. The next run finds the pool and stops its server.
        ended = subprocess.Popen(["true"])
        ended.wait()
        (pool.folder / "owner").write_text(str(ended.pid), encoding="utf-8")
        [left] = [p for p in ServerPool.abandoned() if p.folder == pool.folder]
        left.stop_all()
        assert not answers(url)
        assert not pool.folder.exists()
    finally:
        pool.stop_all()


def test_a_start_that_raised_fails_every_process_that_asks(tmp_path: Path) -> None:
    folder = tmp_path / "pool"

    def broken(own: Path) -> list[str]:
        raise OSError(28, "No space left on device")

    messages = []
    for _ in range(2):
        with pytest.raises(ServerError) as raised:
            ServerPool(folder).url("broken", broken, log=tmp_path / "server.log")
        messages.append(str(raised.value))
    assert messages == ["OSError(28, 'No space left on device')"] * 2


def test_a_server_that_failed_fails_every_process_that_asks(tmp_path: Path) -> None:
    folder = tmp_path / "pool"
    missing = str(tmp_path / "missing")
    log = tmp_path / "server.log"
    with pytest.raises(ServerError) as first:
        ServerPool(folder).url("broken", [missing], log=log)
    with pytest.raises(ServerError) as second:
        ServerPool(folder).url("broken", [missing], log=log)
    assert str(second.value) == str(first.value)
    assert str(first.value).startswith(f"{log}: the server exited with code 1:\n")
