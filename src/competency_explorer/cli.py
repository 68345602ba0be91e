"""The ``competency`` command line: parse arguments, call the layers, print.

The CLI does no domain work of its own. Every command exits 0 on success,
1 when the input has errors, and 2 on a usage error (argparse's convention).

Each command imports what it needs when it runs: ``competency --version`` and
``--help`` import nothing but argparse, ``validate`` the loaders, and only
``serve`` and ``query`` the GraphQL stack (tests/test_cli_imports.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from . import __version__
from .suggest import SuggestingParser, unrecognized

# typing.TYPE_CHECKING without importing typing, a tenth of `competency --help`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TextIO

    from .api.settings import Limits
    from .loader import LoadResult

PATHS_HELP = (
    "framework files or folders (.md role cards, .yaml/.yml, SFIA .csv/.xlsx); "
    "folders are searched recursively. Default: the bundled sample framework."
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        # argparse would blame the top-level command line; the command that
        # was given is the one whose options the user meant.
        command = _command_parser(parser, args.command)
        command.error(unrecognized(command, extras))
    try:
        code: int = args.handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return code


def _command_parser(
    parser: argparse.ArgumentParser, command: str
) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[command]
            return found
    return parser  # pragma: no cover - the parser always has its commands


def counted(count: int, noun: str) -> str:
    """``1 role``, ``2 roles``: a count with its noun in the right number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def build_parser() -> argparse.ArgumentParser:
    parser = SuggestingParser(
        prog="competency",
        description="Explore a career competency framework: validate it, "
        "check its health, compare two versions, serve it over GraphQL and the "
        "web, export it.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=CommandParser
    )

    validate = commands.add_parser(
        "validate",
        help="check framework files and list every problem",
        description="Load the framework and print every problem as "
        "'path:line: error|warning: message'. Exits 1 when there is any error.",
    )
    validate.add_argument(
        "paths", nargs="*", default=[], metavar="PATH", help=PATHS_HELP
    )
    validate.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1)"
    )
    validate.set_defaults(handler=run_validate)

    # Imported here: the module reads this one's helpers once it is loaded.
    from .owner_commands import add_commands

    add_commands(commands)

    export = commands.add_parser(
        "export",
        help="write the framework (yaml, json), its graph (graphml, node-link) "
        "or its coverage (coverage-csv)",
        description="Write the whole framework as YAML or JSON (which load "
        "back to the same framework), the competency graph as GraphML "
        "(networkx, Gephi, yEd) or node-link JSON, or the coverage matrix as "
        "CSV: one row per role, grouped by career path and track, one column "
        "per skill some role lists, the level in each cell ('(3)' when "
        "optional).",
    )
    export.add_argument("paths", nargs="*", default=[], metavar="PATH", help=PATHS_HELP)
    export.add_argument(
        "--format",
        choices=["yaml", "json", "graphml", "node-link", "coverage-csv"],
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
    _add_plan_command(commands)
    _add_generate_command(commands)
    return parser


class CommandParser(SuggestingParser):
    """A command's parser that adds some of its arguments only when it is used.

    The limit flags of ``serve`` are built from ``api.settings.Limits``: they
    are added when ``serve`` runs or shows its help, not whenever the command
    line starts (``competency --help`` lists commands, not their flags).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._later: list[Callable[[argparse.ArgumentParser], None]] = []

    def add_later(self, add: Callable[[argparse.ArgumentParser], None]) -> None:
        self._later.append(add)

    def complete(self) -> None:
        """Add the arguments left for later (once)."""
        while self._later:
            self._later.pop(0)(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self.complete()
        return super().parse_known_args(args, namespace)


Commands = argparse._SubParsersAction  # the type of add_subparsers' result


def _add_plan_command(commands: Commands[CommandParser]) -> None:
    plan = commands.add_parser(
        "plan",
        help="print a development plan to a role as Markdown",
        description="Print what to learn, level by level, to meet a role's core "
        "requirements from a person's profile: each skill's texts for the levels "
        "to climb, its learning resources and the person's notes, as Markdown. "
        "Skills the framework does not know are left out with a warning.",
    )
    plan.add_argument(
        "--profile",
        metavar="FILE",
        required=True,
        help="the profile: the JSON that My skills exports, or a YAML (or JSON) "
        "list of {code, level}",
    )
    plan.add_argument(
        "--target",
        metavar="ROLE",
        help="the target role's slug or title (default: the profile's target)",
    )
    plan.add_argument("paths", nargs="*", default=[], metavar="PATH", help=PATHS_HELP)
    plan.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of stdout"
    )
    plan.set_defaults(handler=run_plan)


def _add_serving_commands(commands: Commands[CommandParser]) -> None:
    # Filled in by the API layer; see run_serve and run_query below.
    serve = commands.add_parser(
        "serve",
        help="serve the GraphQL API and the web front end",
        description="Serve the framework: GraphQL at /graphql, the front end at /, "
        "health at /healthz.",
    )
    serve.add_argument("paths", nargs="*", default=[], metavar="PATH", help=PATHS_HELP)
    serve.add_argument(
        "--host", default="127.0.0.1", help="bind address (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes (default: 1)"
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="allow cross-origin requests from ORIGIN (repeat for more); default: none",
    )
    serve.add_argument(
        "--no-introspection",
        action="store_true",
        help="refuse schema introspection and leave field suggestions out of errors",
    )
    serve.add_argument(
        "--watch",
        action="store_true",
        help="reload the framework when its files change; a framework with errors "
        "is refused and the last good one keeps serving",
    )
    serve.add_argument(
        "--cache-max-age",
        type=int,
        default=60,
        metavar="SECONDS",
        help="how long an HTTP cache may keep a GET answer without asking again "
        "(Cache-Control max-age); 0 sends no-cache (default: 60)",
    )
    serve.add_argument(
        "--log-format",
        choices=["text", "json"],
        default="text",
        help="text: uvicorn's access log; json: one JSON object per request on "
        "standard output (default: text)",
    )
    serve.add_later(_add_limit_arguments)
    serve.set_defaults(handler=run_serve)

    query = commands.add_parser(
        "query",
        help="run one GraphQL query in-process and print the JSON answer",
        description="Run one GraphQL query against the framework, in-process, and "
        "print the JSON answer. Exits 1 when the answer has errors.",
    )
    query.add_argument("query", help="the GraphQL query text ('-' reads it from stdin)")
    query.add_argument("paths", nargs="*", default=[], metavar="PATH", help=PATHS_HELP)
    query.add_argument("--variables", metavar="JSON", help="variables as a JSON object")
    query.add_argument(
        "--operation-name",
        metavar="NAME",
        help="the operation to run, when the query text holds several",
    )
    query.set_defaults(handler=run_query)

    schema = commands.add_parser(
        "schema",
        help="print the GraphQL schema (SDL)",
        description="Print the GraphQL schema that serve and query answer, in the "
        "schema definition language (SDL), as generated from the code: the same "
        "text as schema.graphql. It does not depend on the framework.",
    )
    schema.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    schema.set_defaults(handler=run_schema)


def _add_generate_command(commands: Commands[CommandParser]) -> None:
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
        "--tracks",
        type=int,
        default=0,
        help="tracks per career path, at levels 2-6 (default: 0, none)",
    )
    generate.add_argument(
        "--moves",
        type=int,
        default=0,
        help="declared moves between paths, in moves.yaml (default: 0)",
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
    from .loader import load

    result = load(args.paths)
    print_problems(result, sys.stdout)
    framework = result.framework
    errors, warnings = len(result.errors), len(result.warnings)
    if framework is not None:
        print(
            f"{framework.name}: {counted(len(framework.roles), 'role')}, "
            f"{counted(len(framework.skills), 'skill')}, "
            f"{counted(len(framework.career_paths), 'career path')}; "
            f"{counted(errors, 'error')}, {counted(warnings, 'warning')}",
            file=sys.stderr,
        )
    if errors or (args.strict and warnings):
        return 1
    return 0


def load_for_command(paths: Sequence[str]) -> LoadResult | None:
    """Load for commands that need a good framework; print problems on failure."""
    from .loader import load

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
        print(
            f"competency: cannot write {output}: {exc.strerror or exc}", file=sys.stderr
        )
        return 1
    return 0


def _add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    # One flag per field of Limits, so that a new limit gets its flag (and the
    # docs test in tests/test_api_docs.py asks for its line in docs/limits.md).
    from dataclasses import fields

    from .api.settings import Limits

    defaults = Limits()
    for item in fields(Limits):
        flag = "--" + item.name.replace("_", "-")
        default = getattr(defaults, item.name)
        if isinstance(default, bool):
            parser.add_argument(
                "--allow-" + item.name.replace("_", "-"),
                dest=item.name,
                action="store_true",
                default=default,
                help=f"{item.metadata['help']} (default: off)",
            )
        else:
            seconds = isinstance(default, float)
            shown = f"{default:g}" if seconds else str(default)
            parser.add_argument(
                flag,
                dest=item.name,
                type=float if seconds else int,
                default=default,
                metavar="SECONDS" if seconds else "N",
                help=f"{item.metadata['help']} (default: {shown})",
            )


def _limits_from(args: argparse.Namespace) -> Limits:
    from dataclasses import fields

    from .api.settings import Limits

    return Limits(**{item.name: getattr(args, item.name) for item in fields(Limits)})


def run_serve(args: argparse.Namespace) -> int:
    try:
        limits = _limits_from(args)
    except ValueError as exc:
        print(f"competency: {exc}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("competency: --workers must be at least 1", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(
            f"competency: --port must be 0 to 65535 (0: any free port), "
            f"not {args.port}",
            file=sys.stderr,
        )
        return 2
    if args.cache_max_age < 0:
        print("competency: --cache-max-age must be 0 or more seconds", file=sys.stderr)
        return 2
    result = load_for_command(args.paths)
    if result is None or result.framework is None:
        return 1
    # Port 0 too: the system picks a port, but the address must be the
    # machine's.
    if taken := _cannot_listen(args.host, args.port, args.workers):
        print(f"competency: {taken}", file=sys.stderr)
        return 1
    import json
    import os

    import uvicorn

    from .metrics import MULTIPROCESS_DIR

    # Before prometheus_client is first imported (by the app): it picks its
    # way of counting then. Workers count in files of a fresh folder, which
    # /metrics adds up whichever worker answers; one process counts in memory.
    multiprocess_dir = None
    if args.workers > 1:
        import tempfile

        multiprocess_dir = tempfile.mkdtemp(prefix="competency-metrics-")
        os.environ[MULTIPROCESS_DIR] = multiprocess_dir
    else:
        os.environ.pop(MULTIPROCESS_DIR, None)

    from .connections import PROTOCOL, SERVE_ENVIRONMENT, configure

    # Time limits and the connection cap, for this process (the workers of
    # --workers N configure their own, in app_from_environment).
    configure(limits)

    framework = result.framework
    if args.watch:
        from .reload import configure_reload_logging

        configure_reload_logging()
    # Port 0 is a free port the system picks when uvicorn binds: uvicorn
    # prints the address then ("Uvicorn running on ...").
    where = (
        f"on a free port of {args.host} (its address follows)"
        if args.port == 0
        else f"at http://{_url_host(args.host)}:{args.port}/"
    )
    print(
        f"competency: serving {framework.name} "
        f"({counted(len(framework.roles), 'role')}, "
        f"{counted(len(framework.skills), 'skill')}) {where}",
        file=sys.stderr,
    )
    if args.workers == 1:
        from .app import create_app

        app = create_app(
            framework,
            limits=limits,
            cors_origins=tuple(args.cors_origin),
            introspection=not args.no_introspection,
            watch=args.paths if args.watch else None,
            cache_max_age=args.cache_max_age,
            log_format=args.log_format,
        )
        from .collector import freeze_served

        freeze_served()  # the served state never changes: see collector.py
        uvicorn.run(
            app,
            host=args.host,
            port=args.port,
            log_level="info",
            http=PROTOCOL,
            access_log=args.log_format == "text",
        )
        return 0
    # Each worker process loads the framework itself from the same paths; the
    # parent only supervises them, so it lets its own copy go.
    from .collector import release_to_the_system

    del result, framework
    release_to_the_system()
    os.environ[SERVE_ENVIRONMENT] = json.dumps(
        {
            "paths": [os.path.abspath(path) for path in args.paths],
            "limits": limits.to_dict(),
            "cors_origins": list(args.cors_origin),
            "introspection": not args.no_introspection,
            "watch": args.watch,
            "cache_max_age": args.cache_max_age,
            "log_format": args.log_format,
        }
    )
    try:
        uvicorn.run(
            "competency_explorer.app:app_from_environment",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="info",
            # Workers get a socket without TCP_NODELAY: see nodelay.py (40 ms/request).
            http=PROTOCOL,
            access_log=args.log_format == "text",
        )
    finally:
        if multiprocess_dir is not None:
            import shutil

            os.environ.pop(MULTIPROCESS_DIR, None)
            shutil.rmtree(multiprocess_dir, ignore_errors=True)
    return 0


def _url_host(host: str) -> str:
    """The host as a URL writes it: an IPv6 address in brackets."""
    return f"[{host}]" if ":" in host else host


def _cannot_listen(host: str, port: int, workers: int) -> str | None:
    """Why ``serve`` could not listen on host:port, before it says it serves
    there: uvicorn would say so only after "serving ... at", and exit 3.

    Bound as uvicorn will bind, then let go at once: with one worker, as
    asyncio's create_server does (every address of the host, IPv6 ones
    IPv6-only); with several, one socket of the family the host's form
    gives (uvicorn's Config.bind_socket). SO_REUSEADDR in both, as there.
    """
    import errno
    import socket

    where = f"{_url_host(host)}:{port}"
    addresses: list[tuple[socket.AddressFamily, Any]]
    try:
        if workers > 1:
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            addresses = [(family, (host, port))]
        else:
            found = socket.getaddrinfo(
                host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            )
            addresses = [(info[0], info[4]) for info in dict.fromkeys(found)]
        for family, address in addresses:
            with socket.socket(family, socket.SOCK_STREAM) as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6 and workers == 1:
                    probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
                probe.bind(address)
    except socket.gaierror as exc:
        return f"cannot listen on {where}: {exc.strerror}"
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE and port:
            return (
                f"port {port} of {host} is in use (another server?): "
                "stop it, or choose another port with --port"
            )
        return f"cannot listen on {where}: {exc.strerror or exc}"
    return None


def run_query(args: argparse.Namespace) -> int:
    import json

    query = sys.stdin.read() if args.query == "-" else args.query
    variables = None
    if args.variables is not None:
        try:
            variables = json.loads(args.variables)
        except ValueError as exc:
            print(f"competency: --variables is not valid JSON: {exc}", file=sys.stderr)
            return 2
        if not isinstance(variables, dict):
            print("competency: --variables must be a JSON object", file=sys.stderr)
            return 2
    result = load_for_command(args.paths)
    if result is None or result.framework is None:
        return 1
    from .api import ServedState, run
    from .api.schema import schema

    answer = run(
        schema,
        ServedState.build(result.framework),
        query,
        variables,
        operation_name=args.operation_name,
    )
    print(json.dumps(answer, indent=2, ensure_ascii=False))
    return 1 if answer.get("errors") else 0


def run_plan(args: argparse.Namespace) -> int:
    from .profile_file import ProfileFileError, read_profile

    try:
        profile = read_profile(args.profile)
    except ProfileFileError as exc:
        print(f"competency: {exc}", file=sys.stderr)
        return 1
    target = args.target or profile.target
    if not target:
        print(
            f"competency: {args.profile} names no target role; give --target ROLE",
            file=sys.stderr,
        )
        return 2
    result = load_for_command(args.paths)
    if result is None or result.framework is None:
        return 1
    framework = result.framework
    if framework.role(target) is None:
        from .suggest import closest

        names = [role.slug for role in framework.roles]
        guess = closest(target, names + [role.title for role in framework.roles])
        hint = (
            f"; did you mean {guess!r}?"
            if guess is not None
            else " (give a role's slug or title)"
        )
        print(f"competency: no role {target!r} in the framework{hint}", file=sys.stderr)
        return 1
    held: dict[str, int] = {}
    left_out: list[str] = []
    for skill in profile.skills:
        if framework.skill(skill.code) is None:
            where = f"{args.profile}:{skill.line}" if skill.line else args.profile
            print(
                f"competency: {where}: skill {skill.code} is not in the framework; "
                "it is left out",
                file=sys.stderr,
            )
            left_out.append(skill.code)
        else:
            held[skill.code] = skill.level
    from .graph import build_progression, development_plan
    from .plan_markdown import plan_markdown

    plan = development_plan(build_progression(framework), held, target)
    text = plan_markdown(plan, framework, profile.notes, left_out)
    return write_output(text, args.output)


def run_schema(args: argparse.Namespace) -> int:
    from strawberry.printer import print_schema

    from .api.schema import schema

    return write_output(print_schema(schema) + "\n", args.output)


def run_generate(args: argparse.Namespace) -> int:
    from .generate import Spec, write

    spec = Spec(
        args.roles,
        args.skills,
        args.requirements,
        args.paths,
        args.seed,
        tracks=args.tracks,
        moves=args.moves,
    )
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
            f"wrote {counted(len(written), 'file')} to {args.output}: "
            f"{counted(spec.roles, 'role')}, {counted(spec.skills, 'skill')}, "
            f"{counted(spec.requirements, 'requirement')}, "
            f"{counted(spec.paths, 'career path')}"
            + (f", {counted(spec.tracks, 'track')} each" if spec.tracks else "")
            + (f", {counted(spec.moves, 'declared move')}" if spec.moves else ""),
            file=sys.stderr,
        )
    return 0
