"""The installed package holds what a user runs, and needs only its runtime.

The development tools live in tools/ (make bench, fuzz, loadtest); a module
of the package that imported one of them, or a development dependency
(httpx, pytest, Playwright...), would break once installed without the dev
extra, as `make serve` installs it.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions, requires
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "src" / "competency_explorer"


def runtime_distributions() -> set[str]:
    """The declared dependencies and everything they require, as installed."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pending = [Requirement(text) for text in project["project"]["dependencies"]]
    found: set[str] = set()
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        if name in found:
            continue
        found.add(name)
        for text in requires(requirement.name) or []:
            needed = Requirement(text)
            # Only what a plain install pulls in: no extras of the dependency.
            if needed.marker is None or needed.marker.evaluate({"extra": ""}):
                pending.append(needed)
    return found


def imported_names(path: Path) -> set[str]:
    """The top-level names of the absolute imports of one module."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_every_import_of_the_package_is_its_runtime() -> None:
    runtime = runtime_distributions()
    assert {"strawberry-graphql", "starlette", "pyyaml"} <= runtime
    assert {"httpx", "pytest", "playwright"} & runtime == set()
    homes = packages_distributions()
    outside: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for name in imported_names(path):
            if name in sys.stdlib_module_names or name == "competency_explorer":
                continue
            distributions = {canonicalize_name(d) for d in homes.get(name, [])}
            if not distributions & runtime:
                outside.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert outside == {}


def test_the_package_holds_no_development_tool() -> None:
    modules = {path.stem for path in PACKAGE.rglob("*.py")}
    folders = {path.name for path in PACKAGE.rglob("*") if path.is_dir()}
    assert {"bench", "fuzz", "loadtest", "localserver"} & (modules | folders) == set()
