"""``make fuzz``: schemathesis generates queries from schema.graphql against a real
``competency serve``; every answer must be data or a documented error.

Run with ``python -m tools.fuzz [--max-examples N] [--seed N]``
(schemathesis comes with the ``fuzz`` extra). The check that judges each
answer is ``tests/fuzz_hooks.py``; the allowed error codes are in
``tests/documented_errors.py``, shared with the property test in make test.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from competency_explorer.api.ids import encode_id
from competency_explorer.loader import load_or_raise
from competency_explorer.model import Framework
from tools.localserver import serving

ROOT = Path(__file__).resolve().parents[1]
#: Fewer generated queries than this and the run proves little: it fails.
MIN_GENERATED = 1000
#: Seconds the schemathesis run may take (it takes about 15 s on the sample).
RUN_TIMEOUT = 900


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz")
    parser.add_argument("--max-examples", type=int, default=100, help="per Query field")
    parser.add_argument("--seed", type=int, default=20261126)
    args = parser.parse_args(argv)
    schemathesis = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if schemathesis is None:
        print(
            "fuzz: schemathesis is not installed (pip install -e '.[fuzz]')",
            file=sys.stderr,
        )
        return 2
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "fuzz_hooks",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "tests"), os.environ.get("PYTHONPATH")])
        ),
    }
    with tempfile.TemporaryDirectory(prefix="competency-fuzz-") as folder:
        config = Path(folder) / "schemathesis.toml"
        config.write_text(fuzz_dictionary(load_or_raise()), encoding="utf-8")
        run, server_log = _run(schemathesis, config, args, env)
    generated = re.search(r"(\d+) generated", run.stdout)
    count = int(generated.group(1)) if generated else 0
    problems = []
    if run.returncode != 0:
        problems.append(f"schemathesis exited with code {run.returncode}")
    if count < MIN_GENERATED:
        problems.append(
            f"only {count} queries generated; at least {MIN_GENERATED} wanted"
        )
    if "Traceback" in server_log or " 500 " in server_log:
        problems.append(
            "the server logged a traceback or answered 500:\n" + server_log[-4000:]
        )
    for problem in problems:
        print(f"fuzz: {problem}", file=sys.stderr)
    if not problems:
        print(
            f"fuzz: {count} generated queries, no server error, every error documented"
        )
    return 1 if problems else 0


def fuzz_dictionary(framework: Framework) -> str:
    """A schemathesis config that often gives arguments real slugs and codes, so
    that generated queries reach the computations, not only NOT_FOUND."""
    roles = [role.slug for role in framework.roles]
    skills = [skill.code for skill in framework.skills]
    paths = [path.name for path in framework.career_paths]
    ids = [encode_id("Role", slug) for slug in roles[:10]]
    ids += [encode_id("Skill", code) for code in skills[:10]]
    ids += [encode_id("CareerPath", name) for name in paths]
    bindings = {
        "roles": ["from", "to", "a", "b", "target", "slug"],
        "skills": ["code", "skill"],
        "paths": ["name", "careerPath"],
        "ids": ["id"],
    }
    lines = []
    dictionaries = {"roles": roles, "skills": skills, "paths": paths, "ids": ids}
    for name, values in dictionaries.items():
        lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    lines.append("[parameters]")
    for name, arguments in bindings.items():
        for argument in arguments:
            lines.append(
                f'"Query.*.{argument}" = {{ dictionary = "{name}", probability = 0.7 }}'
            )
    return "\n".join(lines) + "\n"


def _run(
    schemathesis: str, config: Path, args: argparse.Namespace, env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], str]:
    with serving() as served:
        command = [
            schemathesis,
            "--config-file",
            str(config),
            "run",
            str(ROOT / "schema.graphql"),
            "--url",
            f"{served.url}/graphql",
            "--max-examples",
            str(args.max_examples),
            "--seed",
            str(args.seed),
            "--generation-database",
            "none",
            # Examples and coverage do not apply to GraphQL, and the stateful
            # phase would run on without end: generated queries only.
            "--phases",
            "fuzzing",
            # Two built-in checks count documented answers as failures: a
            # NOT_FOUND as a server error, a BAD_USER_INPUT for a value the
            # schema's types allow but its ranges do not (first: 101) as a
            # rejected valid query. documented_errors_only
            # (tests/fuzz_hooks.py) checks the status and every code instead.
            "--exclude-checks",
            "not_a_server_error,positive_data_acceptance",
            "--no-color",
        ]
        try:
            # Run where the config is, so schemathesis' cache stays out of
            # the work tree; bounded, so that make fuzz always ends.
            run = subprocess.run(
                command,
                env=env,
                cwd=config.parent,
                capture_output=True,
                text=True,
                check=False,
                timeout=RUN_TIMEOUT,
            )
        except subprocess.TimeoutExpired as expired:
            run = subprocess.CompletedProcess(
                command, 124, _text(expired.stdout), _text(expired.stderr)
            )
        server_log = served.log_text()
    print(run.stdout, end="")
    print(run.stderr, end="", file=sys.stderr)
    return run, server_log


def _text(output: bytes | str | None) -> str:
    if isinstance(output, bytes):
        return output.decode("utf-8", "replace")
    return output or ""


if __name__ == "__main__":
    raise SystemExit(main())
