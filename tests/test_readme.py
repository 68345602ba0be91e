"""The README stays true: its commands parse, its examples are the tested ones."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from competency_explorer.cli import build_parser

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def fenced(text: str) -> list[tuple[str, str]]:
    return [(lang, body) for lang, body in FENCE.findall(text)]


def test_quick_start_is_the_two_make_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert [body for lang, body in fenced(quick_start)] == [
        "make serve\n",
        "make test\n",
    ]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().endswith("make test")


def test_the_api_examples_are_the_tested_ones() -> None:
    # tests/test_api_docs.py runs every block of docs/api.md against the server.
    api_doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    examples = api_doc[api_doc.index("## A progression path") :]
    blocks = fenced(examples)
    assert len(blocks) == 12
    for lang, body in blocks:
        assert f"```{lang}\n{body}```" in README


def test_the_limits_table_is_the_documented_one() -> None:
    limits_doc = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    rows = [line for line in limits_doc.splitlines() if line.startswith("|")]
    assert len(rows) > 5
    for row in rows:
        assert row in README.splitlines()


COMMANDS = [
    line
    for lang, body in fenced(README)
    if lang == "sh"
    for line in body.splitlines()
    if line.startswith(".venv/bin/competency ")
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_cli_command_in_the_readme_parses(command: str) -> None:
    argv = shlex.split(command)[1:]
    args = build_parser().parse_args(argv)
    assert args.command == argv[0]


def test_readme_shows_the_real_help(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    help_text = build_parser().format_help()
    assert f"```text\n$ competency --help\n{help_text}```" in README


def test_make_serve_takes_port_and_host() -> None:
    assert "`make serve PORT=8080`" in README
    assert "`make serve HOST=0.0.0.0`" in README
    run = subprocess.run(
        ["make", "-n", "serve", "PORT=8123", "HOST=0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert ".venv/bin/competency serve --host 0.0.0.0 --port 8123" in run.stdout


DOCS = {
    path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", ROOT / "CHANGELOG.md", *ROOT.glob("docs/*.md")]
}
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("name", sorted(DOCS))
def test_every_relative_link_leads_to_a_file_of_the_repository(name: str) -> None:
    # A clone has nothing outside the repository (no ../shared, say).
    folder = (ROOT / name).parent
    prose = FENCE.sub("", DOCS[name])
    for target in LINK.findall(re.sub(r"`[^`\n]*`", "", prose)):
        if re.match(r"[a-z]+:|#", target):
            continue
        path = (folder / target.split("#", 1)[0]).resolve()
        assert path.is_relative_to(ROOT.resolve()), (name, target)
        assert path.exists(), (name, target)


# Docs whose shell commands run where competency-explorer is installed (a
# framework repository's CI job), not in a clone of this one.
INSTALLED = {"docs/owners.md"}

SHELL_LINES = [
    (name, line)
    for name, text in sorted(DOCS.items())
    for lang, body in fenced(text)
    if lang == "sh"
    for line in body.replace("\\\n", " ").splitlines()
]


@pytest.mark.parametrize(("name", "line"), SHELL_LINES)
def test_commands_in_the_docs_run_from_a_clone(name: str, line: str) -> None:
    # The README says once how to type plain `competency`; the commands are
    # written as they run right after `make serve` or `make test`.
    words = shlex.split(line, comments=True)
    if not words:
        return
    if name not in INSTALLED:
        assert words[0] != "competency", line
    if words[0] in (".venv/bin/competency", "competency"):
        args = build_parser().parse_args(words[1:])
        assert args.command == words[1]
    if words[0].endswith("python") and words[1:2] != ["-m"]:
        assert (ROOT / words[1]).exists(), line


def test_the_readme_says_how_to_run_the_example_scripts() -> None:
    assert '.venv/bin/pip install "gql[httpx]"' in README
    assert "source .venv/bin/activate" in README
