"""The diff of two versions (diff.py, reports/diff.py, ``competency diff``).

tests/data/diff/old and new are one framework before and after a change of
every kind a diff reports; expected.text, .markdown and .json beside them
are its three renderings, checked by hand.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from contextlib import chdir
from pathlib import Path

import pytest

from competency_explorer.cli import main
from competency_explorer.diff import (
    Edge,
    FieldChange,
    LevelChange,
    MoveNoteChange,
    OptionalChange,
    SkillChange,
    diff_frameworks,
)
from competency_explorer.loader import load_or_raise
from competency_explorer.model import Requirement, Section
from competency_explorer.reports.diff import render

REPO = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"
DIFF = DATA / "diff"
FORMATS = ("text", "markdown", "json")
BROKEN = (
    "roles:\n  - title: Broken\n    level: 3\n    career_path: T\n"
    "    requirements: [{code: NOPE}]\n"
)


@pytest.fixture(scope="module")
def versions() -> tuple[object, object]:
    with chdir(DATA):
        return load_or_raise(["diff/old"]), load_or_raise(["diff/new"])


def expected(fmt: str) -> str:
    return (DIFF / f"expected.{fmt}").read_text(encoding="utf-8")


def test_every_kind_of_change(versions: tuple[object, object]) -> None:
    old, new = versions
    diff = diff_frameworks(old, new, edge_limit=20)  # type: ignore[arg-type]
    roles = {role.slug: role for role in diff.roles}
    assert [(r.change, r.slug) for r in diff.roles] == [
        ("added", "graduate"),
        ("removed", "retired-role"),
        ("changed", "analyst"),
        ("changed", "senior-engineer"),
        ("changed", "staff-engineer"),
    ]
    assert roles["graduate"].fields == (
        FieldChange("title", None, "Graduate"),
        FieldChange("level", None, 1),
        FieldChange("career_path", None, "Engineering"),
    )
    assert roles["retired-role"].removed == (Requirement("PROG", 3),)
    senior = roles["senior-engineer"]
    assert senior.title == "Senior Engineer"
    assert senior.fields == (
        FieldChange("title", "Senior engineer", "Senior Engineer"),
        FieldChange("summary", "Builds features.", "Builds and ships features."),
    )
    assert senior.added == (Requirement("ARCH", 3),)
    assert senior.removed == (Requirement("TEST", 3),)
    assert senior.levels == (LevelChange("PROG", 3, 4),)
    staff = roles["staff-engineer"]
    assert staff.fields == (
        FieldChange("level", 4, 5),
        FieldChange("track", None, "Backend"),
        FieldChange("sections", None, (Section("Behaviours", "Raises the bar."),)),
    )
    analyst = roles["analyst"]
    assert analyst.fields == (
        FieldChange("career_path", "Product", "Data"),
        FieldChange("overview", None, "Answers questions with data."),
    )
    assert analyst.optional == (OptionalChange("PROG", True, False),)
    assert [s.code for s in diff.skills_added] == ["DATA"]
    assert [s.code for s in diff.skills_removed] == ["OLDS"]
    assert diff.skills_changed == (SkillChange("TEST", "Testing", ("levels",)),)
    assert [(m.source, m.target) for m in diff.moves_added] == [
        ("staff-engineer", "analyst")
    ]
    assert [(m.source, m.target) for m in diff.moves_removed] == [
        ("senior-engineer", "retired-role")
    ]
    assert diff.move_notes == (
        MoveNoteChange("engineer", "analyst", "Try product work.", "Try data work."),
    )
    assert diff.progression == (FieldChange("max_level_up", 1, 0),)
    assert diff.other == ("levels", "career_paths", "tracks")
    assert [(f.kind, f.roles, f.skills) for f in diff.health_new] == [
        ("ROLE_WITHOUT_REQUIREMENTS", ("graduate",), ()),
        ("LADDER_MISSING_LEVEL", ("senior-engineer", "staff-engineer"), ()),
        ("PROMOTION_SHARES_NO_SKILL", ("graduate", "engineer"), ()),
        ("SKILL_USED_ONCE", ("engineer",), ("TEST",)),
        ("SKILL_USED_ONCE", ("analyst",), ("DATA",)),
    ]
    assert [(f.kind, f.roles, f.skills) for f in diff.health_resolved] == [
        ("PROMOTION_SHARES_NO_SKILL", ("analyst", "retired-role"), ()),
        ("SKILL_USED_ONCE", ("staff-engineer",), ("ARCH",)),
        ("SKILL_USED_ONCE", ("analyst",), ("OLDS",)),
    ]
    assert diff.edges.added == (
        Edge("analyst", "senior-engineer", "PATH_CHANGE"),
        Edge("graduate", "engineer", "PROMOTION"),
        Edge("senior-engineer", "analyst", "PATH_CHANGE"),
        Edge("staff-engineer", "analyst", "PATH_CHANGE"),
    )
    assert diff.edges.removed == (
        Edge("analyst", "retired-role", "PROMOTION"),
        Edge("retired-role", "staff-engineer", "PATH_CHANGE"),
        Edge("senior-engineer", "retired-role", "PATH_CHANGE"),
        Edge("staff-engineer", "retired-role", "PATH_CHANGE"),
    )
    assert diff.changed


def test_a_version_against_itself(versions: tuple[object, object]) -> None:
    _, new = versions
    diff = diff_frameworks(new, new, edge_limit=20)  # type: ignore[arg-type]
    assert not diff.changed
    assert render(diff, "text") == "Diff Fixture: no changes\n"
    assert json.loads(render(diff, "json")) == {
        "roles": [],
        "skills": {"added": [], "removed": [], "changed": []},
        "moves": {"added": [], "removed": [], "changed": []},
        "progression": {},
        "other": [],
        "health": {"new": [], "resolved": []},
        "edges": {"added": 0, "removed": 0, "added_edges": [], "removed_edges": []},
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_three_formats(versions: tuple[object, object], fmt: str) -> None:
    old, new = versions
    diff = diff_frameworks(old, new, edge_limit=20)  # type: ignore[arg-type]
    assert render(diff, fmt) == expected(fmt)


def test_the_json_holds_the_issue_s_form() -> None:
    document = json.loads(expected("json"))
    senior = next(r for r in document["roles"] if r["slug"] == "senior-engineer")
    assert senior["change"] == "changed"
    assert senior["requirements"]["changed"] == [{"code": "PROG", "from": 3, "to": 4}]
    assert senior["requirements"]["added"] == [
        {"code": "ARCH", "level": 3, "optional": False}
    ]
    assert document["edges"]["added"] == 4
    assert document["edges"]["removed"] == 4
    assert document["health"]["new"][0] == {
        "kind": "ROLE_WITHOUT_REQUIREMENTS",
        "message": "role 'Graduate' requires no core skill",
        "roles": ["graduate"],
        "skills": [],
        "location": "diff/new/framework.yaml:11",
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    with chdir(DATA):
        assert main(["diff", "diff/old", "diff/new", "--format", fmt]) == 0
    assert capsys.readouterr().out == expected(fmt)


def test_old_and_new_options_take_several_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "designer.yaml"
    extra.write_text(
        "roles:\n  - title: Designer\n    level: 3\n    career_path: Design\n"
        "    requirements: [{code: PROG, level: 3}]\n",
        encoding="utf-8",
    )
    with chdir(DATA):
        code = main(
            ["diff", "--old", "diff/old", "--new", "diff/new", "--new", str(extra)]
        )
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Roles added (2)\n"
        "  designer: Designer\n"
        "    Design, level 3\n"
        "    requires PROG 3\n"
        "  graduate: Graduate\n"
    )


def test_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    with chdir(DATA):
        assert main(["diff", "diff/old", "diff/new", "--exit-code"]) == 1
        assert main(["diff", "diff/new", "diff/new", "--exit-code"]) == 0
        assert main(["diff", "diff/old", "diff/new"]) == 0
    assert capsys.readouterr().out.endswith(
        "Diff Fixture: no changes\n" + expected("text")
    )


def test_edge_limit(capsys: pytest.CaptureFixture[str]) -> None:
    with chdir(DATA):
        assert main(["diff", "diff/old", "diff/new", "--edge-limit", "1"]) == 0
    out = capsys.readouterr().out
    assert (
        "Progression edges: 4 appeared, 4 disappeared\n"
        "  + analyst -> senior-engineer (PATH_CHANGE)\n"
        "  + ... and 3 more\n"
        "  - analyst -> retired-role (PROMOTION)\n"
        "  - ... and 3 more\n"
    ) in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "diff/old"], "give two paths, OLD NEW"),
        (["diff", "a", "b", "c"], "give two paths, OLD NEW"),
        (["diff", "--old", "diff/old"], "give both --old and --new"),
        (
            ["diff", "--old", "diff/old", "--new", "diff/new", "diff/old"],
            "give OLD NEW or --old/--new, not both",
        ),
        (
            ["diff", "--git", "HEAD", "--old", "diff/old"],
            "--git compares with the working tree: give PATHs, not --old/--new",
        ),
        (
            ["diff", "diff/old", "diff/new", "--edge-limit", "-1"],
            "--edge-limit must be 0 or more",
        ),
    ],
)
def test_usage_errors(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with chdir(DATA):
        assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"competency diff: {message}")


def test_a_side_with_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    with chdir(DATA):
        assert main(["diff", "diff/old", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [
        f"{broken}:2: warning: role 'Broken' has no requirements",
        f"{broken}:5: error: role 'Broken' requires unknown skill code 'NOPE'",
        "competency: the new version of the framework has errors; nothing was compared",
    ]


# --- diff --git --------------------------------------------------------------------


def git(repo: Path, *arguments: str) -> str:
    done = subprocess.run(
        ["git", *arguments], cwd=repo, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository whose last commit holds the old version in fw/, and
    whose working tree holds the new one."""
    if shutil.which("git") is None:
        pytest.fail("git is needed for the diff --git tests")
    repo = tmp_path / "repo"
    (repo / "fw").mkdir(parents=True)
    git(repo, "init", "--quiet")
    git(repo, "config", "user.name", "Test Owner")
    git(repo, "config", "user.email", "owner@example.org")
    shutil.copy(DIFF / "old" / "framework.yaml", repo / "fw" / "framework.yaml")
    # export-ignore would hide the files from `git archive`: the plumbing
    # commands used must not care.
    (repo / ".gitattributes").write_text("fw/** export-ignore\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "old version")
    shutil.copy(DIFF / "new" / "framework.yaml", repo / "fw" / "framework.yaml")
    return repo


def in_repository(text: str) -> str:
    """The expected output with the fixture's paths as the repository's."""
    return text.replace("diff/new/framework.yaml", "fw/framework.yaml").replace(
        "diff/old/framework.yaml", "fw/framework.yaml"
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_git_revision_against_the_working_tree(
    repository: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status = git(repository, "status", "--porcelain")
    with chdir(repository):
        assert main(["diff", "--git", "HEAD", "fw", "--format", fmt]) == 0
    assert capsys.readouterr().out == in_repository(expected(fmt))
    # Nothing of the repository was touched: no checkout, no index change.
    assert git(repository, "status", "--porcelain") == status
    assert status == " M fw/framework.yaml\n"


def test_git_from_a_subfolder_with_the_default_path(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with chdir(repository / "fw"):
        assert main(["diff", "--git", "HEAD", "--exit-code"]) == 1
    out = capsys.readouterr().out
    # The default PATH is the current folder, "." as the loader shows it.
    assert "  ROLE_WITHOUT_REQUIREMENTS ./framework.yaml:11: role 'Graduate'" in out


def test_git_with_an_absolute_path_and_a_branch_name(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    branch = git(repository, "rev-parse", "--abbrev-ref", "HEAD").strip()
    git(repository, "commit", "--quiet", "-am", "new version")
    with chdir(repository):
        # HEAD is the new version now; the branch's parent is the old one.
        assert main(["diff", "--git", f"{branch}~1", str(repository / "fw")]) == 0
        assert main(["diff", "--git", "HEAD", "--exit-code", "fw"]) == 0
    out = capsys.readouterr().out
    assert "Diff Fixture: roles 1 added, 1 removed, 3 changed;" in out
    assert out.endswith("Diff Fixture: no changes\n")


def test_git_with_a_folder_new_since_the_revision(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(DIFF / "old", repository / "later")
    with chdir(repository):
        assert main(["diff", "--git", "HEAD", "later"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Roles added (5)"
    assert out.splitlines()[-1].startswith(
        "Diff Fixture: roles 5 added; skills 4 added;"
    )


@pytest.mark.parametrize(
    ("revision", "path", "message"),
    [
        ("no-such-branch", "fw", "unknown git revision 'no-such-branch'"),
        ("-p", "fw", "'-p' is not a git revision"),
        ("HEAD", "/", "/ is not inside the git repository"),
    ],
)
def test_git_errors(
    repository: Path,
    revision: str,
    path: str,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with chdir(repository):
        assert main(["diff", f"--git={revision}", path]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"competency diff: {message}")


def test_git_outside_a_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with chdir(tmp_path):
        assert main(["diff", "--git", "HEAD"]) == 1
    assert capsys.readouterr().err.startswith(
        "competency diff: not inside a git repository (fatal: not a git repository"
    )


def test_git_with_errors_at_the_revision(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repository / "fw" / "framework.yaml").write_text(BROKEN, encoding="utf-8")
    git(repository, "commit", "--quiet", "-am", "broken")
    shutil.copy(DIFF / "new" / "framework.yaml", repository / "fw" / "framework.yaml")
    with chdir(repository):
        assert main(["diff", "--git", "HEAD", "fw"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "fw/framework.yaml:2: warning: role 'Broken' has no requirements",
        "fw/framework.yaml:5: error: role 'Broken' requires unknown skill code 'NOPE'",
        "competency: the HEAD version of the framework has errors; nothing was "
        "compared",
    ]


def test_git_writes_a_symbolic_link_as_a_link(
    repository: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The loader reads a file once however many links lead to it; a link
    # written out as a file holding its target's name would be a broken file.
    (repository / "fw" / "same.yaml").symlink_to("framework.yaml")
    git(repository, "add", "fw/same.yaml")
    git(repository, "commit", "--quiet", "-m", "a link")
    with chdir(repository):
        assert main(["diff", "--git", "HEAD", "fw"]) == 0
    assert capsys.readouterr().out == in_repository(expected("text"))


# --- frameworks no file names ------------------------------------------------------


def test_two_copies_of_cards_no_file_names_have_no_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Named after their folders ("owner", "copy"): that is not a change.
    shutil.copytree(DATA / "owner", tmp_path / "owner")
    shutil.copytree(DATA / "owner", tmp_path / "copy")
    with chdir(tmp_path):
        assert main(["diff", "owner", "copy", "--exit-code"]) == 0
    assert capsys.readouterr().out == "copy: no changes\n"


def test_a_name_given_then_taken_away_is_a_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(DATA / "owner", tmp_path / "old")
    shutil.copytree(DATA / "owner", tmp_path / "new")
    (tmp_path / "old" / "name.yaml").write_text("name: Acme\n", encoding="utf-8")
    with chdir(tmp_path):
        assert main(["diff", "old", "new", "--exit-code"]) == 1
    assert (
        capsys.readouterr().out == "Also changed\n  name\n\nnew: also changed: name\n"
    )


def test_names_a_file_gives_are_compared_even_when_they_are_the_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each named after its folder, but by a file: that is the owner's name.
    for version in ("old", "new"):
        shutil.copytree(DATA / "owner", tmp_path / version)
        (tmp_path / version / "name.yaml").write_text(
            f"name: {version}\n", encoding="utf-8"
        )
    with chdir(tmp_path):
        assert main(["diff", "old", "new", "--exit-code"]) == 1
    assert capsys.readouterr().out == (
        "Also changed\n  name\n\nnew: also changed: name\n"
    )


def test_git_in_the_folder_of_cards_no_file_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The revision is read from a temporary folder: its name is no change.
    if shutil.which("git") is None:
        pytest.fail("git is needed for the diff --git tests")
    repo = tmp_path / "cards"
    shutil.copytree(DATA / "owner", repo)
    git(repo, "init", "--quiet")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit",
        "--quiet", "-m", "cards")  # fmt: skip
    with chdir(repo):
        assert main(["diff", "--git", "HEAD", "--exit-code"]) == 0
        assert main(["diff", "--git", "HEAD", ".", "--exit-code"]) == 0
    assert capsys.readouterr().out == "cards: no changes\n" * 2


def test_a_changed_learning_resource_is_a_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "data", tmp_path / "old")
    shutil.copytree(REPO / "data", tmp_path / "new")
    skills = tmp_path / "new" / "skills.yaml"
    text = skills.read_text(encoding="utf-8")
    moved = text.replace(
        "https://learning.example.org/courses/delivery-leadership",
        "https://learning.example.org/courses/leading-delivery",
    )
    assert moved != text
    skills.write_text(moved, encoding="utf-8")
    with chdir(tmp_path):
        assert main(["diff", "old", "new", "--exit-code"]) == 1
    assert capsys.readouterr().out == (
        "Skills\n"
        "  changed: DLMG (Systems development management): resources\n"
        "\n"
        "Example Engineering Framework: skills 1 changed\n"
    )
