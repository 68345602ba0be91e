"""The server helper shared by the tools and the tests (tools/localserver.py).

Its working case is the start of every test with a real server (the browser,
reload and load tests); here, a server that cannot start.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.localserver import ServerError, serving


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
