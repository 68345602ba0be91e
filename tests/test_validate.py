"""Whole-framework checks, and `competency validate` with its exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from competency_explorer.cli import main
from competency_explorer.loader import load

ROOT = Path(__file__).parent.parent
BROKEN = Path("tests/data/broken/framework")


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # Problems name paths as given: relative paths keep the expectations short.
    monkeypatch.chdir(ROOT)


FRAMEWORK_CASES = {
    "unknown-skill.yaml": [
        "14: error: role 'Security Engineer' requires unknown skill code 'SCYT'",
        "15: error: role 'Security Engineer' requires unknown skill code 'PENT'",
    ],
    "undescribed-level.yaml": [
        "18: warning: role 'Security Lead' requires SCTY at level 5, which the "
        "skill does not describe (described levels: 3, 4)",
        "19: warning: role 'Security Lead' requires VURE at level 4, which the "
        "skill does not describe (described levels: none)",
    ],
    "no-requirements.yaml": [
        "9: warning: role 'Security Champion' has no requirements",
        "12: warning: role 'Security Engineer' has no requirements",
    ],
    "no-category.yaml": [
        "2: warning: skill SCTY has no category; it is filed under 'Uncategorised'",
    ],
    "skills-only.yaml": ["0: warning: the framework has no roles, only skills"],
}


def test_every_framework_fixture_has_a_case() -> None:
    assert sorted(path.name for path in BROKEN.iterdir()) == sorted(FRAMEWORK_CASES)


@pytest.mark.parametrize(("name", "expected"), sorted(FRAMEWORK_CASES.items()))
def test_framework_problem(name: str, expected: list[str]) -> None:
    path = BROKEN / name
    result = load([path])
    assert [str(problem) for problem in result.problems] == [
        f"{path}:{line}" for line in expected
    ]


def test_unknown_codes_leave_the_known_requirements() -> None:
    framework = load([BROKEN / "unknown-skill.yaml"]).framework
    assert framework is not None
    role = framework.role("security-engineer")
    assert role is not None
    assert [(r.code, r.level) for r in role.requirements] == [("SCTY", 4)]


def test_an_empty_folder_is_an_empty_framework(tmp_path: Path) -> None:
    result = load([tmp_path])
    assert [str(problem) for problem in result.problems] == [
        f"{tmp_path}:0: error: the framework is empty: no roles and no skills found"
    ]


def test_a_folder_of_only_broken_files_is_also_empty(tmp_path: Path) -> None:
    (tmp_path / "roles.yaml").write_text("roles:\n  - title: Nobody\n", "utf-8")
    result = load([tmp_path])
    assert [str(problem) for problem in result.problems] == [
        # Problems at one line are sorted by message; the consequence is last.
        f"{tmp_path / 'roles.yaml'}:2: error: role 'Nobody' is missing required "
        "key 'career_path'",
        f"{tmp_path / 'roles.yaml'}:2: error: role 'Nobody' is missing required "
        "key 'level'",
        f"{tmp_path}:0: error: the framework is empty: no roles and no skills found",
    ]


# -- the command line ------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_clean_framework(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "tests/data/yaml"], capsys) == (
        0,
        "",
        "Harbour Works Engineering: 4 roles, 4 skills, 2 career paths; "
        "0 errors, 0 warnings\n",
    )


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "no-requirements.yaml"
    assert run(["validate", str(path)], capsys) == (
        0,
        f"{path}:9: warning: role 'Security Champion' has no requirements\n"
        f"{path}:12: warning: role 'Security Engineer' has no requirements\n",
        "no-requirements: 3 roles, 1 skill, 1 career path; 0 errors, 2 warnings\n",
    )


def test_strict_turns_warnings_into_failure(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["validate", "--strict", str(BROKEN / "no-category.yaml")], capsys
    )
    assert code == 1
    assert out.count("warning:") == 1


def test_strict_passes_a_clean_framework(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["validate", "--strict", "tests/data/yaml"], capsys)[0] == 0


def test_errors_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "unknown-skill.yaml"
    assert run(["validate", str(path)], capsys) == (
        1,
        f"{path}:14: error: role 'Security Engineer' requires unknown skill code "
        "'SCYT'\n"
        f"{path}:15: error: role 'Security Engineer' requires unknown skill code "
        "'PENT'\n",
        "unknown-skill: 1 role, 1 skill, 1 career path; 2 errors, 0 warnings\n",
    )


def test_every_broken_yaml_problem_is_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from test_yaml_format import BROKEN_CASES  # the reader's own table

    code, out, _ = run(["validate", "tests/data/broken/yaml"], capsys)

    assert code == 1
    listed = out.splitlines()
    for problems in BROKEN_CASES.values():
        for problem in problems:
            assert f"tests/data/broken/yaml/{problem}" in listed, problem


def test_empty_folder_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["validate", str(tmp_path)], capsys)
    assert (code, out) == (
        1,
        f"{tmp_path}:0: error: the framework is empty: no roles and no skills found\n",
    )


def test_the_command_never_shows_a_traceback() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "competency_explorer", "validate", "tests/data/broken"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stderr + completed.stdout
    assert "billion-laughs.yaml:0: error: YAML aliases expand" in completed.stdout
