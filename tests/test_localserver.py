"""The server helper shared by the tools and the tests (tools/localserver.py).

Its working case is the start of every test with a real server (the browser,
reload and load tests); here, a server that cannot start, and the pool the
browser tests' processes share.
"""

from __future__ import annotations

import shutil
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


def test_a_pool_starts_each_server_once_and_stops_them_all(tmp_path: Path) -> None:
    # Two pools on one folder stand for two pytest-xdist workers.
    folder = tmp_path / "pool"
    first, second = ServerPool(folder), ServerPool(folder)
    written: list[Path] = []

    def arguments(own: Path) -> list[str]:
        written.append(own)
        shutil.copytree(REPO / "tests" / "data" / "cards", own, dirs_exist_ok=True)
        return [str(own)]

    url = first.url("cards", arguments, log=tmp_path / "cards.log")
    assert second.url("cards", arguments, log=tmp_path / "other.log") == url
    assert written == [folder / "cards"]
    assert not (tmp_path / "other.log").exists()
    with urllib.request.urlopen(f"{url}/healthz", timeout=10) as answer:
        assert answer.status == 200

    second.stop_all()
    assert not folder.exists()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{url}/healthz", timeout=10)


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
