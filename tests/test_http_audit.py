"""The graphql-http audit of the GraphQL over HTTP spec against a real
``competency serve``: every audit passes (no warning, no error, no notice).

The audit is the npm package graphql-http (``auditServer({ url })``), pinned
in tests/http_audit/package-lock.json; ``make test`` and ``.ci/run`` install
it with ``npm ci``. Outside CI a machine without node, npm or the package
skips this test and says what to install; CI sets COMPETENCY_REQUIRE_HTTP_AUDIT
(in .ci/run), which turns that skip into a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tools.localserver import serving

AUDIT = Path(__file__).parent / "http_audit"
REQUIRED = "COMPETENCY_REQUIRE_HTTP_AUDIT"

#: The audits of the pinned graphql-http (1.23.1).
AUDITS = 61

pytestmark = pytest.mark.timeout(300)


def _missing() -> str | None:
    """What is missing to run the audit, as a message; None when nothing is."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        return (
            "node and npm are not installed (Debian: apt-get install nodejs npm), "
            f"so the GraphQL over HTTP audit cannot run; then `npm ci --prefix {AUDIT}`"
        )
    if not (AUDIT / "node_modules" / "graphql-http" / "package.json").exists():
        return (
            "the graphql-http package is not installed, so the GraphQL over HTTP "
            f"audit cannot run: `npm ci --prefix {AUDIT}` (make test does it)"
        )
    return None


def run_audit(url: str) -> list[dict[str, Any]]:
    missing = _missing()
    if missing is not None:
        if os.environ.get(REQUIRED):
            pytest.fail(f"{REQUIRED} is set (CI) but {missing}")
        pytest.skip(missing)
    node = shutil.which("node")
    assert node is not None
    run = subprocess.run(
        [node, str(AUDIT / "audit.mjs"), url],
        cwd=AUDIT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_every_audit_passes_against_competency_serve() -> None:
    with serving() as served:
        results = run_audit(f"{served.url}/graphql")
    failed = [result for result in results if result["status"] != "ok"]
    assert failed == []
    assert len(results) == AUDITS


def test_the_audit_does_fail_a_server_that_breaks_the_spec() -> None:
    # The same audit against the front end's HTML page at / (not GraphQL):
    # if the harness could not fail, this would pass too.
    with serving() as served:
        results = run_audit(f"{served.url}/")
    assert sum(result["status"] == "error" for result in results) > 10


def test_ci_requires_the_audit() -> None:
    ci = (Path(__file__).parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert f"export {REQUIRED}=1" in ci
    assert "npm ci --prefix $(AUDIT)" in (
        Path(__file__).parents[1] / "Makefile"
    ).read_text(encoding="utf-8")


def test_a_missing_audit_is_a_skip_that_says_why_and_a_failure_in_ci(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv(REQUIRED, raising=False)
    with pytest.raises(pytest.skip.Exception, match="node and npm are not installed"):
        run_audit("http://127.0.0.1:1/graphql")
    monkeypatch.setenv(REQUIRED, "1")
    with pytest.raises(
        pytest.fail.Exception, match=f"{REQUIRED} is set .CI. but node and npm"
    ):
        run_audit("http://127.0.0.1:1/graphql")
