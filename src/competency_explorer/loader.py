"""Load a framework from files and folders: discover, read, merge, validate."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .collector import paused
from .errors import FrameworkError, Problem, has_errors
from .merge import merge
from .model import Framework
from .sources import FRAMEWORK_EXTENSIONS, reader_for
from .sources.drafts import SourceResult
from .validate import validate, whole_framework_problems


def _bundled_data() -> Path:
    # A wheel carries the sample inside the package; a source checkout (and an
    # editable install) has it at the repository root.
    packaged = Path(__file__).parent / "data"
    return packaged if packaged.is_dir() else Path(__file__).parents[2] / "data"


#: The sample framework shipped with the project.
BUNDLED_DATA = _bundled_data()

# Files that document a data folder rather than belong to the framework.
_IGNORED_NAMES = {"readme.md", "changelog.md", "license.md"}


@dataclass(frozen=True, slots=True)
class LoadResult:
    framework: Framework | None  # None only when nothing usable was read
    problems: tuple[Problem, ...]
    # Whether a file gave the framework its name; else it has its folder's.
    named: bool = False

    @property
    def ok(self) -> bool:
        return self.framework is not None and not has_errors(self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def default_paths() -> list[str]:
    return [str(BUNDLED_DATA)]


def load(paths: Sequence[str | os.PathLike[str]] | None = None) -> LoadResult:
    """Read every framework file under ``paths`` and build one framework.

    Never raises for bad input: every problem is in the result.
    """
    # Reading, merging and validating make the framework's objects in one go;
    # the cyclic collector scanning them over and over meanwhile frees nothing.
    with paused():
        return _load(paths)


def _load(paths: Sequence[str | os.PathLike[str]] | None) -> LoadResult:
    given = [os.fspath(p) for p in paths] if paths else default_paths()
    problems: list[Problem] = []
    files = discover(given, problems)
    results: list[SourceResult] = []
    for display in files:
        reader = reader_for(Path(display))
        if reader is None:  # an explicit path with an unknown extension
            problems.append(
                Problem(
                    display,
                    0,
                    "error",
                    "unknown file type; expected .md, .yaml, .yml, .json, .csv or "
                    ".xlsx",
                )
            )
            continue
        try:
            results.append(reader(Path(display), display))
        except Exception as exc:
            # A reader's bug on some odd input must still end as a problem
            # naming the file, never as a traceback (or a dead server reload).
            problems.append(
                Problem(
                    display,
                    0,
                    "error",
                    f"cannot read this file: internal error ({type(exc).__name__}: "
                    f"{_shorten(str(exc))}); please report it",
                )
            )
    framework, merge_problems = merge(results, fallback_name=_fallback_name(given))
    problems.extend(merge_problems)
    for result in results:
        problems.extend(result.problems)
    problems.extend(validate(framework, given))
    ordered = sorted(set(problems), key=_problem_order)
    ordered.extend(whole_framework_problems(framework, given))  # consequences last
    return LoadResult(framework, tuple(ordered), named=any(r.name for r in results))


def load_or_raise(paths: Sequence[str | os.PathLike[str]] | None = None) -> Framework:
    """Load and return the framework, raising ``FrameworkError`` on any error."""
    result = load(paths)
    if result.framework is None or not result.ok:
        raise FrameworkError(result.problems)
    return result.framework


def discover(given: Iterable[str], problems: list[Problem]) -> list[str]:
    """Every framework file under the given paths, sorted by path, once each."""
    return sorted(_discover(given, problems)[0].values())


def watched_paths(given: Iterable[str]) -> list[str]:
    """What to watch for changes to the framework under ``given``: each real
    folder that discovery reads, once (to be watched without recursion, so
    that links are never followed twice), and each file given by name."""
    paths = list(given)
    walked = _discover(paths, [])[1]
    explicit = [
        os.path.realpath(raw)
        for raw in paths
        if Path(raw).exists() and not Path(raw).is_dir()
    ]
    return sorted({*walked, *explicit})


def file_states(given: Iterable[str]) -> dict[str, tuple[int, int]]:
    """The size and modification time (ns) of each framework file under
    ``given``: equal before and after reading them, nothing changed meanwhile."""
    states: dict[str, tuple[int, int]] = {}
    for real in _discover(given, [])[0]:
        try:
            status = os.stat(real)
        except OSError:
            states[real] = (-1, -1)  # gone: a change as well
            continue
        states[real] = (status.st_size, status.st_mtime_ns)
    return states


def _discover(
    given: Iterable[str], problems: list[Problem]
) -> tuple[dict[str, str], set[str]]:
    """(real path -> display path of each file, real paths of the folders read)."""
    found: dict[str, str] = {}
    walked: set[str] = set()
    for raw in given:
        path = Path(raw)
        if not path.exists():
            problems.append(Problem(raw, 0, "error", "no such file or folder"))
        elif path.is_dir():
            _walk(path, raw, found, problems, visiting=set(), walked=walked)
        else:
            found.setdefault(os.path.realpath(path), raw)
    return found, walked


def _walk(
    folder: Path,
    display: str,
    found: dict[str, str],
    problems: list[Problem],
    visiting: set[str],
    walked: set[str],
) -> None:
    real = os.path.realpath(folder)
    if real in visiting:
        problems.append(
            Problem(display, 0, "warning", "symbolic link loop; folder skipped")
        )
        return
    if real in walked:
        # Reached again through another link: its files are found already.
        # Links that fan out (two in each folder to the next, twelve deep)
        # would otherwise have every folder read once per path to it, 2^12
        # times for the last.
        return
    walked.add(real)
    visiting = visiting | {real}
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(
            Problem(display, 0, "error", f"cannot read folder: {exc.strerror or exc}")
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = os.path.join(display, entry.name)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            _walk(Path(entry.path), child, found, problems, visiting, walked)
        elif (
            entry.name.lower().endswith(FRAMEWORK_EXTENSIONS)
            and entry.name.lower() not in _IGNORED_NAMES
        ):
            if not os.path.exists(entry.path):
                problems.append(Problem(child, 0, "error", "broken symbolic link"))
                continue
            found.setdefault(os.path.realpath(entry.path), child)


def _fallback_name(given: Sequence[str]) -> str:
    first = Path(given[0]) if given else BUNDLED_DATA
    name = first.stem if first.suffix else first.name
    return name or first.resolve().name or "framework"


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _problem_order(problem: Problem) -> tuple[str, int, int, str]:
    return (problem.path, problem.line, 0 if problem.is_error else 1, problem.message)
