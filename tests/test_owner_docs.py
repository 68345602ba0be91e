"""docs/owners.md and its CI example stay true: their commands parse, the
kinds are the API's, the JSON examples are valid JSON of the real shape."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
import yaml

from competency_explorer.cli import build_parser
from competency_explorer.graph.health import HEALTH_KINDS

ROOT = Path(__file__).parents[1]
OWNERS = (ROOT / "docs" / "owners.md").read_text(encoding="utf-8")
WORKFLOW = ROOT / "docs" / "examples" / "framework-ci.yml"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.M | re.S)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(OWNERS) if lang == language]


def commands_in(text: str) -> list[list[str]]:
    found = []
    for line in text.splitlines():
        words = shlex.split(line.strip())
        if words and words[0].endswith("competency"):
            found.append(words[1:])
    return found


DOC_COMMANDS = [argv for body in blocks("sh") for argv in commands_in(body)]
WORKFLOW_STEPS = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"][
    "framework"
]["steps"]
WORKFLOW_COMMANDS = [
    argv for step in WORKFLOW_STEPS for argv in commands_in(step.get("run", ""))
]


@pytest.mark.parametrize("argv", DOC_COMMANDS + WORKFLOW_COMMANDS, ids=" ".join)
def test_every_command_parses(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command == argv[0]


def test_the_commands_cover_the_three_tools() -> None:
    used = {argv[0] for argv in DOC_COMMANDS}
    assert used >= {"validate", "health", "diff", "export"}
    assert [argv[:2] for argv in WORKFLOW_COMMANDS] == [
        ["validate", "framework/"],
        ["diff", "--git"],
        ["health", "framework/"],
    ]


def test_the_table_lists_every_kind_in_order() -> None:
    rows = re.findall(r"^\| `([A-Z_]+)` \|", OWNERS, re.M)
    assert tuple(rows) == HEALTH_KINDS


def test_the_json_examples_parse() -> None:
    health, diff = (json.loads(body) for body in blocks("json"))
    assert list(health) == ["findings"]
    assert list(health["findings"][0]) == [
        "kind",
        "message",
        "roles",
        "skills",
        "location",
    ]
    assert list(diff) == [
        "roles",
        "skills",
        "moves",
        "progression",
        "other",
        "health",
        "edges",
    ]


def test_the_workflow_posts_the_markdown_diff() -> None:
    comment = WORKFLOW_STEPS[-1]["run"]
    assert comment.startswith('gh pr comment "$PR" --body-file comment.md')
    # The base branch reaches the script through the environment only.
    assert "${{" not in "".join(step.get("run", "") for step in WORKFLOW_STEPS)
