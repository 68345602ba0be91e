"""The framework owner's commands: ``health`` and ``diff``.

Like the rest of the command line they parse arguments, call the layers and
print: the findings come from graph/health.py, the comparison from diff.py,
the texts from reports/. Exit codes: 0, 1 when the input has errors (or,
asked for, when there are findings or changes), 2 on a usage error.
"""

from __future__ import annotations

import argparse

from .cli import PATHS_HELP, load_for_command, write_output
from .reports import FORMATS

FORMAT_HELP = (
    "text (default), markdown (for a pull-request comment) or json (for tools)"
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    health.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    health.add_argument("--format", choices=FORMATS, default="text", help=FORMAT_HELP)
    health.add_argument(
        "--strict", action="store_true", help="exit 1 when there is any finding"
    )
    health.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    health.set_defaults(handler=run_health)


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
