"""The command line imports what a command needs, when it runs.

Checked in a fresh interpreter (``sys.modules`` of this one holds everything
the other tests imported): importing the CLI, ``--version``, ``--help`` and
``validate`` leave the GraphQL stack, the graph libraries and the web server
unimported, and the parent of ``serve --workers N`` imports the web server
alone. A server loads networkx only when asked for the health report. How
fast that makes the commands is measured by ``make bench``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

HEAVY = {
    "strawberry",
    "graphql",
    "starlette",
    "uvicorn",
    "networkx",
    "numpy",
    "scipy",
    "openpyxl",
    "orjson",
    "watchfiles",
}

# Prints, after each step, which top-level packages of the runtime are loaded.
_PROBE = textwrap.dedent(
    """
    import contextlib, io, json, sys

    def loaded():
        return sorted({name.split(".")[0] for name in sys.modules})

    steps = {}
    import competency_explorer.cli
    steps["import"] = loaded()
    from competency_explorer.cli import main
    for name, argv in [
        ("--version", ["--version"]),
        ("--help", ["--help"]),
        ("serve --help", ["serve", "--help"]),
        ("validate", ["validate", "data/"]),
    ]:
        with contextlib.redirect_stdout(io.StringIO()), \\
                contextlib.redirect_stderr(io.StringIO()):
            try:
                code = main(argv)
            except SystemExit as exit:
                code = exit.code
        steps[name] = [code, loaded()]

    # The parent of --workers N only supervises: uvicorn.run is where it
    # would start the workers, which import the app themselves.
    import uvicorn
    def run(app, **options):
        steps["serve --workers 2"] = [app, options["workers"], loaded()]
    uvicorn.run = run
    with contextlib.redirect_stderr(io.StringIO()):
        main(["serve", "--workers", "2", "--port", "0", "data/"])
    print(json.dumps(steps))
    """
)


def probed(probe: str) -> Any:
    """What ``probe`` prints as JSON, run in a fresh interpreter."""
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(run.stdout)


def test_commands_import_only_what_they_need() -> None:
    steps = probed(_PROBE)
    assert "strawberry" not in steps["import"]
    assert "scipy" not in steps["import"]
    assert HEAVY & set(steps["import"]) == set()
    # Argument parsing and help need neither the model nor the loaders.
    for step in ("--version", "--help"):
        code, loaded = steps[step]
        assert code == 0
        assert {"yaml", "dataclasses", "typing"} & set(loaded) == set(), step
    code, loaded = steps["serve --help"]
    assert code == 0
    assert HEAVY & set(loaded) == set()
    # validate reads YAML and Markdown, and checks the model: no graph, no API.
    code, loaded = steps["validate"]
    assert code == 0
    assert "yaml" in loaded
    assert HEAVY & set(loaded) == set()
    # The parent of the workers: the web server (which brings watchfiles)
    # and the connection guard (orjson), not the GraphQL stack or the graph.
    factory, workers, loaded = steps["serve --workers 2"]
    assert (factory, workers) == ("competency_explorer.app:app_from_environment", 2)
    assert HEAVY & set(loaded) == {"uvicorn", "watchfiles", "orjson"}


# Serves the sample through the app's schema: networkx is loaded when the
# health report is asked for, and not before.
_SERVING_PROBE = textwrap.dedent(
    """
    import json, sys
    from competency_explorer.api import ServedState
    from competency_explorer.api.schema import schema
    from competency_explorer.app import create_app
    from competency_explorer.loader import load_or_raise

    state = ServedState.build(load_or_raise())
    create_app(state)
    steps = {}

    def ask(name, query):
        result = schema.execute_sync(query, context_value=schema.context(state))
        assert not result.errors, result.errors
        steps[name] = "networkx" in sys.modules

    ask("roles", "{ roles(first: 3) { edges { node { nextRoles { to { slug } } } } } }")
    ask("path", '{ progressionPath(from: "associate-software-engineer", '
                'to: "vp-engineering") { totalEffort } }')
    ask("health", "{ framework { health { kind } } }")
    print(json.dumps(steps))
    """
)


def test_a_server_loads_networkx_only_for_the_health_report() -> None:
    steps = probed(_SERVING_PROBE)
    assert steps == {"roles": False, "path": False, "health": True}
