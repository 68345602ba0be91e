"""What the command line says when it is used wrongly: the mistake, the command
it belongs to, and the closest right word, for every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from competency_explorer import cli

# A mistake that argparse took for a good option would run the command (serve
# would serve forever): that is a failure too.
pytestmark = pytest.mark.timeout(60)

COMMANDS = (
    "validate",
    "health",
    "diff",
    "export",
    "serve",
    "query",
    "schema",
    "plan",
    "generate",
)


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """(first usage line, error line) of a usage error; it must exit 2."""
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    return lines[0], lines[-1]


@pytest.mark.parametrize(
    ("argv", "usage", "error"),
    [
        (
            ["validate", "--strcit"],
            "usage: competency validate",
            "competency validate: error: unrecognized arguments: --strcit "
            "(did you mean --strict?)",
        ),
        (
            ["health", "--stirct"],
            "usage: competency health",
            "competency health: error: unrecognized arguments: --stirct "
            "(did you mean --strict?)",
        ),
        (
            ["diff", "--gti", "HEAD~1"],
            "usage: competency diff",
            "competency diff: error: unrecognized arguments: --gti "
            "(did you mean --git?)",
        ),
        (
            ["export", "--fromat", "json"],
            "usage: competency export",
            "competency export: error: unrecognized arguments: --fromat "
            "(did you mean --format?)",
        ),
        (
            ["export", "--fromat=json", "data"],
            "usage: competency export",
            "competency export: error: unrecognized arguments: --fromat=json "
            "(did you mean --format?)",
        ),
        (
            ["serve", "--prot", "8001"],
            "usage: competency serve",
            "competency serve: error: unrecognized arguments: --prot "
            "(did you mean --port?)",
        ),
        (
            ["serve", "--max-detph", "3"],
            "usage: competency serve",
            "competency serve: error: unrecognized arguments: --max-detph "
            "(did you mean --max-depth?)",
        ),
        (
            ["query", "{ levels { number } }", "--varaibles", "{}"],
            "usage: competency query",
            "competency query: error: unrecognized arguments: --varaibles "
            "(did you mean --variables?) {}",
        ),
        (
            ["schema", "--ouptut", "x.graphql"],
            "usage: competency schema",
            # schema takes no PATH, so the value is left over too.
            "competency schema: error: unrecognized arguments: --ouptut "
            "(did you mean --output?) x.graphql",
        ),
        (
            ["plan", "--profile", "p.json", "--traget", "lead-engineer"],
            "usage: competency plan",
            "competency plan: error: unrecognized arguments: --traget "
            "(did you mean --target?)",
        ),
        (
            ["generate", "-o", "out", "--rolse", "10"],
            "usage: competency generate",
            "competency generate: error: unrecognized arguments: --rolse "
            "(did you mean --roles?) 10",
        ),
        (
            ["export", "--colour"],
            "usage: competency export",
            "competency export: error: unrecognized arguments: --colour",
        ),
        (
            ["exprot"],
            "usage: competency [-h] [--version] COMMAND ...",
            "competency: error: argument COMMAND: invalid choice: 'exprot' (choose "
            "from 'validate', 'health', 'diff', 'export', 'serve', 'query', "
            "'schema', 'plan', 'generate'); did you mean 'export'?",
        ),
        (
            ["export", "--format", "jsno"],
            "usage: competency export",
            "competency export: error: argument --format: invalid choice: 'jsno' "
            "(choose from 'yaml', 'json', 'graphml', 'node-link', 'coverage-csv'); did "
            "you mean 'json'?",
        ),
        (
            ["export", "--format", "pdf"],
            "usage: competency export",
            "competency export: error: argument --format: invalid choice: 'pdf' "
            "(choose from 'yaml', 'json', 'graphml', 'node-link', 'coverage-csv')",
        ),
        (
            ["plan", "--profle", "p.json", "--target", "lead-engineer"],
            "usage: competency plan",
            "competency plan: error: the following arguments are required: "
            "--profile; unrecognized arguments: --profle (did you mean --profile?)",
        ),
        (
            # PATH is optional: only the query is missing.
            ["query"],
            "usage: competency query",
            "competency query: error: the following arguments are required: query",
        ),
    ],
)
def test_a_usage_error_names_the_command_and_the_closest_option(
    argv: list[str], usage: str, error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first, last = _error(argv, capsys)
    assert first.startswith(usage)
    assert last == error


def test_every_command_is_covered_above() -> None:
    # A new command gets a row of its own in the table above.
    parser = cli.build_parser()
    commands = next(
        action for action in parser._actions if action.dest == "command"
    ).choices
    assert commands is not None
    assert tuple(commands) == COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        cli.main([command, "--help"])
    out = capsys.readouterr().out
    # usage, a blank line, then the description before the arguments.
    paragraphs = out.split("\n\n")
    assert not paragraphs[1].startswith(("positional arguments", "options")), out
    # Help is for users: no file of the code is named in it.
    assert not re.search(r"\b[\w/]+\.py\b", out), out


def test_schema_help_says_what_it_prints(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["schema", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Print the GraphQL schema that serve and query answer, in the schema "
        "definition language (SDL)" in out
    )


def test_a_summary_counts_in_the_singular(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "one.yaml").write_text(
        "name: One\n"
        "skills:\n"
        "  - code: PROG\n"
        "    name: Programming\n"
        "    category: Development\n"
        "    levels: {3: Writes code.}\n"
        "roles:\n"
        "  - title: Engineer\n"
        "    level: 3\n"
        "    career_path: Technical\n"
        "    requirements: [{code: PROG, level: 3}]\n",
        encoding="utf-8",
    )
    assert cli.main(["validate", str(tmp_path)]) == 0
    assert capsys.readouterr().err == (
        "One: 1 role, 1 skill, 1 career path; 0 errors, 0 warnings\n"
    )


def test_an_unknown_plan_target_suggests_the_closest_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.json"
    profile.write_text('[{"code": "PROG", "level": 3}]', encoding="utf-8")
    assert (
        cli.main(["plan", "--profile", str(profile), "--target", "lead-enginer"]) == 1
    )
    assert capsys.readouterr().err == (
        "competency: no role 'lead-enginer' in the framework; "
        "did you mean 'lead-engineer'?\n"
    )
    assert (
        cli.main(["plan", "--profile", str(profile), "--target", "Lead Enginer"]) == 1
    )
    assert capsys.readouterr().err == (
        "competency: no role 'Lead Enginer' in the framework; "
        "did you mean 'Lead Engineer'?\n"
    )
