"""The ``competency`` command line: parse arguments, call the layers, print.

The CLI does no domain work of its own. Every command exits 0 on success,
1 when the input has errors, and 2 on a usage error (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .loader import LoadResult, load

PATHS_HELP = (
    "framework files or folders (.md role cards, .yaml/.yml, SFIA .csv/.xlsx); "
    "folders are searched recursively. Default: the bundled sample framework."
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="competency",
        description="Explore a career competency framework: validate it, "
        "serve it over GraphQL and the web, export it.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check framework files and list every problem",
        description="Load the framework and print every problem as "
        "'path:line: error|warning: message'. Exits 1 when there is any error.",
    )
    validate.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    validate.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1)"
    )
    validate.set_defaults(handler=run_validate)

    export = commands.add_parser(
        "export",
        help="write the framework (yaml, json) or its graph (graphml, node-link)",
        description="Write the whole framework as YAML or JSON (which load "
        "back to the same framework), or the competency graph as GraphML "
        "(networkx, Gephi, yEd) or node-link JSON.",
    )
    export.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    export.add_argument(
        "--format",
        choices=["yaml", "json", "graphml", "node-link"],
        default="yaml",
        help="output format (default: yaml)",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    export.add_argument(
        "--progression",
        action="store_true",
        help="graph formats: include the role-to-role progression edges",
    )
    export.set_defaults(handler=run_export)

    _add_serving_commands(commands)
    _add_generate_command(commands)
    return parser


def _add_serving_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # Filled in by the API layer; see run_serve and run_query below.
    serve = commands.add_parser(
        "serve",
        help="serve the GraphQL API and the web front end",
        description="Serve the framework: GraphQL at /graphql, the front end at /, "
        "health at /healthz.",
    )
    serve.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    serve.set_defaults(handler=run_serve)

    query = commands.add_parser(
        "query",
        help="run one GraphQL query in-process and print the JSON answer",
    )
    query.add_argument("query", help="the GraphQL query text ('-' reads it from stdin)")
    query.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    query.add_argument("--variables", metavar="JSON", help="variables as a JSON object")
    query.set_defaults(handler=run_query)

    schema = commands.add_parser("schema", help="print the GraphQL schema (SDL)")
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    schema.set_defaults(handler=run_schema)


def _add_generate_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    generate = commands.add_parser(
        "generate",
        help="write a synthetic framework as YAML (for benchmarks)",
        description="Write a realistic synthetic framework as YAML files into "
        "DIR: skills.yaml and one file per career path. The same arguments "
        "give byte-identical files. The defaults are the size of ESCO.",
    )
    generate.add_argument(
        "--roles", type=int, default=3000, help="roles (default: 3000)"
    )
    generate.add_argument(
        "--skills", type=int, default=14000, help="skills (default: 14000)"
    )
    generate.add_argument(
        "--requirements",
        type=int,
        default=130000,
        help="role-to-skill requirements in all (default: 130000)",
    )
    generate.add_argument(
        "--paths", type=int, default=12, help="career paths (default: 12)"
    )
    generate.add_argument(
        "--seed", type=int, default=1, help="random seed (default: 1)"
    )
    generate.add_argument(
        "-o", "--output", metavar="DIR", required=True, help="folder to write into"
    )
    generate.add_argument("--quiet", action="store_true", help="no progress on stderr")
    generate.set_defaults(handler=run_generate)


def print_problems(result: LoadResult, stream: TextIO) -> None:
    for problem in result.problems:
        print(problem, file=stream)


def run_validate(args: argparse.Namespace) -> int:
    result = load(args.paths)
    print_problems(result, sys.stdout)
    framework = result.framework
    errors, warnings = len(result.errors), len(result.warnings)
    if framework is not None:
        print(
            f"{framework.name}: {len(framework.roles)} roles, "
            f"{len(framework.skills)} skills, {len(framework.career_paths)} career "
            f"paths; {errors} error(s), {warnings} warning(s)",
            file=sys.stderr,
        )
    if errors or (args.strict and warnings):
        return 1
    return 0


def load_for_command(paths: Sequence[str]) -> LoadResult | None:
    """Load for commands that need a good framework; print problems on failure."""
    result = load(paths)
    if not result.ok:
        print_problems(result, sys.stderr)
        print("competency: the framework has errors; nothing was done", file=sys.stderr)
        return None
    return result


def run_export(args: argparse.Namespace) -> int:
    result = load_for_command(args.paths)
    if result is None or result.framework is None:
        return 1
    from .export import export_text

    text = export_text(result.framework, args.format, progression=args.progression)
    return write_output(text, args.output)


def write_output(text: str, output: str | None) -> int:
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        print(f"competency: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


def run_serve(args: argparse.Namespace) -> int:
    print("competency: serve is not implemented yet", file=sys.stderr)
    return 1


def run_query(args: argparse.Namespace) -> int:
    print("competency: query is not implemented yet", file=sys.stderr)
    return 1


def run_schema(args: argparse.Namespace) -> int:
    print("competency: schema is not implemented yet", file=sys.stderr)
    return 1


def run_generate(args: argparse.Namespace) -> int:
    from .generate import Spec, write

    spec = Spec(args.roles, args.skills, args.requirements, args.paths, args.seed)
    problem = spec.check()
    if problem is not None:
        print(f"competency generate: {problem}", file=sys.stderr)
        return 2
    show = not args.quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        percent = done * 100 // total
        print(
            f"\rgenerating roles: {done}/{total} ({percent}%)",
            end="",
            file=sys.stderr,
            flush=True,
        )

    try:
        written = write(spec, args.output, progress if show else None)
    except OSError as exc:
        reason = exc.strerror or exc
        print(f"competency: cannot write {args.output}: {reason}", file=sys.stderr)
        return 1
    if show:
        print(file=sys.stderr)
    if not args.quiet:
        print(
            f"wrote {len(written)} files to {args.output}: {spec.roles} roles, "
            f"{spec.skills} skills, {spec.requirements} requirements, "
            f"{spec.paths} career paths",
            file=sys.stderr,
        )
    return 0
