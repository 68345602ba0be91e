"""The framework owner's commands: ``health`` and ``diff``.

Like the rest of the command line they parse arguments, call the layers and
print: the findings come from graph/health.py, the comparison from diff.py,
the texts from reports/. Exit codes: 0, 1 when the input has errors (or,
asked for, when there are findings or changes), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .cli import (
    PATHS_HELP,
    CommandParser,
    Commands,
    load_for_command,
    print_problems,
    write_output,
)
from .reports import EDGE_LIST_LIMIT, FORMATS

# typing.TYPE_CHECKING without importing typing (see cli.py): the parsers of
# these commands are built for `competency --help`, their work only when run.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .model import Framework

FORMAT_HELP = (
    "text (default), markdown (for a pull-request comment) or json (for tools)"
)


def add_commands(commands: Commands[CommandParser]) -> None:
    health = commands.add_parser(
        "health",
        help="report what the framework's owner should look at",
        description="Report the framework's shape: roles requiring no core "
        "skill, ladders missing a level, unreachable and dead-end roles, "
        "promotions that share no skill or lower one, requirements at levels "
        "a skill does not describe, skills one role alone uses, identical "
        "roles. Each finding has the path:line of the file concerned; a line "
        "counts them at the end. Exits 0, or 1 with --strict when there is "
        "any finding.",
    )
    health.add_argument("paths", nargs="*", default=[], metavar="PATH", help=PATHS_HELP)
    health.add_argument("--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    health.add_argument(
        "--strict", action="store_true", help="exit 1 when there is any finding"
    )
    health.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    health.set_defaults(handler=run_health)

    diff = commands.add_parser(
        "diff",
        help="compare two versions of a framework",
        description="Compare two versions of a framework: roles added, removed "
        "or changed (title, level, path, track, texts, requirements), skills, "
        "declared moves and progression settings; then the health findings "
        "new or resolved and the progression edges that appeared or "
        "disappeared. Give the two versions as OLD NEW, as repeated --old and "
        "--new, or as --git REV [PATH...] to compare the files at a git "
        "revision with the working tree.",
    )
    diff.add_argument(
        "paths",
        nargs="*",
        default=[],
        metavar="PATH",
        help="OLD NEW (two paths); with --git, the working tree's paths to "
        "compare (default: the current folder)",
    )
    diff.add_argument(
        "--old",
        action="append",
        default=[],
        metavar="PATH",
        help="a file or folder of the old version (repeat for more)",
    )
    diff.add_argument(
        "--new",
        action="append",
        default=[],
        metavar="PATH",
        help="a file or folder of the new version (repeat for more)",
    )
    diff.add_argument(
        "--git",
        metavar="REV",
        help="the old version is the paths' files at this git revision "
        "(a commit, branch or tag, read with git); the new one is the working tree",
    )
    diff.add_argument("--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    diff.add_argument(
        "--exit-code",
        action="store_true",
        help="exit 1 when anything changed, as git diff --exit-code",
    )
    diff.add_argument(
        "--edge-limit",
        type=int,
        default=EDGE_LIST_LIMIT,
        metavar="N",
        help="list at most N appeared and N disappeared progression edges "
        f"(all are counted; default: {EDGE_LIST_LIMIT})",
    )
    diff.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    diff.set_defaults(handler=run_diff)


def run_health(args: argparse.Namespace) -> int:
    result = load_for_command(args.paths)
    if result is None or result.framework is None:
        return 1
    from .graph import build_progression
    from .graph.health import health
    from .reports.health import render

    framework = result.framework
    findings = health(framework, build_progression(framework))
    written = write_output(
        render(findings, args.format, name=framework.name), args.output
    )
    if written:
        return written
    return 1 if args.strict and findings else 0


def run_diff(args: argparse.Namespace) -> int:
    sides = _sides(args)
    if isinstance(sides, str):
        print(f"competency diff: {sides}", file=sys.stderr)
        return 2
    if args.git is not None:
        return _diff_git(args, args.git, sides[1])
    old = _load_side(sides[0], "old")
    new = _load_side(sides[1], "new") if old is not None else None
    if old is None or new is None:
        return 1
    return _report(args, old, new)


class _Side:
    """A version of the framework, and whether a file of it names it.
    (A plain class: this module is imported to build the parsers, which
    must not import typing or dataclasses; see cli.py.)"""

    __slots__ = ("framework", "named")

    def __init__(self, framework: Framework, named: bool) -> None:
        self.framework = framework
        self.named = named


def _sides(args: argparse.Namespace) -> tuple[list[str], list[str]] | str:
    """The old and new paths, or what is wrong with the arguments."""
    if args.edge_limit < 0:
        return "--edge-limit must be 0 or more"
    if args.git is not None:
        if args.old or args.new:
            return "--git compares with the working tree: give PATHs, not --old/--new"
        return [], args.paths or ["."]
    if args.old or args.new:
        if args.paths:
            return "give OLD NEW or --old/--new, not both"
        if not (args.old and args.new):
            return "give both --old and --new"
        return args.old, args.new
    if len(args.paths) != 2:
        return (
            "give two paths, OLD NEW; --old/--new (repeated) for more paths a "
            "side; or --git REV [PATH...]"
        )
    return [args.paths[0]], [args.paths[1]]


def _load_side(paths: Sequence[str], side: str) -> _Side | None:
    from .loader import load

    result = load(paths)
    if result.framework is None or not result.ok:
        print_problems(result, sys.stderr)
        print(
            f"competency: the {side} version of the framework has errors; "
            "nothing was compared",
            file=sys.stderr,
        )
        return None
    return _Side(result.framework, result.named)


def _diff_git(args: argparse.Namespace, revision: str, paths: list[str]) -> int:
    import contextlib
    import tempfile
    from pathlib import Path

    from .git_revision import GitError, write_revision
    from .model import Framework, default_levels

    with tempfile.TemporaryDirectory(prefix="competency-diff-") as folder:
        # git first: outside a repository, or with an unknown revision, no
        # framework is read at all.
        try:
            written = write_revision(revision, paths, Path(folder))
        except GitError as exc:
            print(f"competency diff: {exc}", file=sys.stderr)
            return 1
        new = _load_side(paths, "working tree's")
        if new is None:
            return 1
        old: _Side | None
        if not written.paths:
            # Nothing of the framework existed then: every role is new.
            old = _Side(
                Framework(name=new.framework.name, levels=default_levels()), new.named
            )
        else:
            # Read from the revision's copy of the current folder with the
            # paths as given, so that locations read as in the working tree.
            with contextlib.chdir(written.cwd):
                old = _load_side(list(written.paths), f"{revision}")
        if old is None:
            return 1
    return _report(args, old, new)


def _report(args: argparse.Namespace, old: _Side, new: _Side) -> int:
    from .diff import diff_frameworks
    from .reports.diff import render

    diff = diff_frameworks(
        old.framework,
        new.framework,
        edge_limit=args.edge_limit,
        names=old.named or new.named,
    )
    written = write_output(render(diff, args.format), args.output)
    if written:
        return written
    return 1 if args.exit_code and diff.changed else 0
