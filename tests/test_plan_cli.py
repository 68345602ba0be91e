"""`competency plan`: a profile file and a target role in, the plan as Markdown out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from competency_explorer.cli import main
from competency_explorer.profile_file import ProfileFileError, read_profile

FRAMEWORK = str(Path(__file__).parent / "data" / "plan" / "framework.yaml")

PLAN_FROM_PROG_2 = """\
# Development plan: Engineer

- Target: Engineer, level 3 (Apply), Tech
- Effort: 6 levels to climb in 2 skills
- Left out (not in this framework): FOO

## PROG · Programming

From level 2 to level 4.

### Level 3 · Apply

Builds features.

### Level 4 · Enable

Leads the hard parts.

### Resources

- [A course](<https://example.org/a>) (course, level 4)
- b practice (practice, level 4)
- Almanac (any level)
- [Club](<https://example.org/club>) (practice, any level)

### Evidence and notes

Ran the build rota.
Paired on the search rewrite.

## TEST · Testing

New skill: reach level 4.

### Level 3 · Apply

Automates checks.

### Level 4 · Enable

_Not described for this skill._

### Evidence and notes

_None yet._

## Optional for this role

- METL · Methods and tools: level 2
"""


def exported(tmp_path: Path, **fields: object) -> Path:
    """A profile as the front end exports it."""
    document = {
        "kind": "competency-explorer profile",
        "version": 1,
        "framework": "plan",
        "skills": [{"code": "PROG", "level": 2}, {"code": "FOO", "level": 3}],
        "target": "engineer",
        "notes": {"PROG": "Ran the build rota.\nPaired on the search rewrite."},
    }
    document.update(fields)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return path


def test_the_exported_profile_gives_the_plan_with_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = exported(tmp_path)

    code = main(["plan", "--profile", str(profile), FRAMEWORK])

    out, err = capsys.readouterr()
    assert code == 0
    assert out == PLAN_FROM_PROG_2
    # The unknown skill is named with its line (YAML reads the JSON's lines).
    assert err == (
        f"competency: {profile}:10: skill FOO is not in the framework; it is left out\n"
    )


def test_a_yaml_list_and_a_target_by_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text(
        "- {code: prog, level: 4}\n"
        "- code: TEST\n"
        "  level: 5\n"
        "- {code: METL, level: 1}\n",
        encoding="utf-8",
    )

    code = main(["plan", "--profile", str(profile), "--target", "ENGINEER", FRAMEWORK])

    assert (code, capsys.readouterr()) == (
        0,
        (
            "# Development plan: Engineer\n\n"
            "- Target: Engineer, level 3 (Apply), Tech\n"
            "- Effort: 0 levels to climb in 0 skills\n\n"
            "Nothing to learn: every core requirement of this role is met.\n\n"
            "## Already met\n\n"
            "- PROG · Programming: level 4\n"
            "- TEST · Testing: level 4\n\n"
            "## Optional for this role\n\n"
            "- METL · Methods and tools: level 2\n",
            "",
        ),
    )


def test_the_target_option_wins_over_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = exported(tmp_path, target="nobody")
    code = main(["plan", "--profile", str(profile), "--target", "engineer", FRAMEWORK])
    assert code == 0
    assert capsys.readouterr().out == PLAN_FROM_PROG_2


def test_the_plan_is_written_to_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "plan.md"
    profile = exported(tmp_path)

    code = main(["plan", "--profile", str(profile), FRAMEWORK, "-o", str(output)])

    assert code == 0
    assert capsys.readouterr().out == ""
    assert output.read_text(encoding="utf-8") == PLAN_FROM_PROG_2


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "me.yaml",
            "- {code: PROG, level: 2}\n- {code: TEST, level: 9}\n",
            "me.yaml:2: skill TEST: level must be from 1 to 7, not 9",
        ),
        (
            "me.yaml",
            "- {code: PROG, level: 2}\n- code: prog\n  level: 3\n",
            "me.yaml:2: skill PROG is given twice (first at line 1)",
        ),
        (
            "me.yaml",
            "- {code: PROG, level: three}\n",
            "me.yaml:1: skill PROG needs a level, a whole number from 1 to 7, "
            "not 'three'",
        ),
        (
            "me.yaml",
            "- {code: PROG}\n",
            "me.yaml:1: skill PROG needs a level, a whole number from 1 to 7",
        ),
        (
            "me.yaml",
            "- {level: 3}\n",
            "me.yaml:1: a skill needs a code (text such as PROG)",
        ),
        (
            "me.yaml",
            "- PROG\n",
            "me.yaml:1: each skill must be a mapping of code and level, not 'PROG'",
        ),
        (
            "me.yaml",
            "PROG: 3\n",
            "me.yaml: no 'skills' list; expected the export "
            "of My skills or a list of {code, level}",
        ),
        (
            "me.yaml",
            "just words\n",
            "me.yaml: expected a list of {code, level}, not 'just words'",
        ),
        (
            "me.yaml",
            "- {code: PROG, level: 2\n",
            "me.yaml:2: not valid YAML: expected ',' or '}', but got '<stream end>'",
        ),
        (
            "me.json",
            '{"skills": [\n  {"code": "PROG" "level": 2}\n]}',
            "me.json:2: not valid JSON: Expecting ',' delimiter",
        ),
        (
            "me.json",
            '{"skills": [], "target": 7}',
            "me.json: target must be a role's slug or title, not 7",
        ),
        (
            "me.json",
            '{"skills": [], "notes": ["PROG"]}',
            "me.json: notes must map skill codes to text, not a list",
        ),
        (
            "me.json",
            '{"skills": [], "notes": {"PROG": ["a"]}}',
            "me.json: notes must map skill codes to text; 'PROG' does not",
        ),
        (
            "me.yaml",
            "[" * 5000 + "]" * 5000,
            "me.yaml: nested too deeply to read",
        ),
        (
            "me.yaml",
            "".join(f"- {{code: S{n}, level: 3}}\n" for n in range(251)),
            "me.yaml: a profile holds at most 250 skills; this one has 251",
        ),
    ],
)
def test_bad_profile_files_are_named_with_their_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    message: str,
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    code = main(["plan", "--profile", str(path), "--target", "engineer", FRAMEWORK])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == f"competency: {tmp_path}/{message}\n"


def test_a_file_that_is_not_there_or_not_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    assert main(["plan", "--profile", str(missing), "--target", "engineer"]) == 1
    assert capsys.readouterr().err == (
        f"competency: {missing}: cannot read file: No such file or directory\n"
    )
    assert main(["plan", "--profile", str(tmp_path), "--target", "engineer"]) == 1
    assert capsys.readouterr().err == (
        f"competency: {tmp_path}: a folder, not a file; expected a text file\n"
    )
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0")
    assert main(["plan", "--profile", str(binary), "--target", "engineer"]) == 1
    assert capsys.readouterr().err == (
        f"competency: {binary}:1: file is not UTF-8 text (byte 0xff at offset 0); "
        "save it as UTF-8\n"
    )


def test_no_target_anywhere_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = exported(tmp_path, target=None)
    assert main(["plan", "--profile", str(profile), FRAMEWORK]) == 2
    assert capsys.readouterr() == (
        "",
        f"competency: {profile} names no target role; give --target ROLE\n",
    )


def test_an_unknown_target_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = exported(tmp_path)
    assert (
        main(["plan", "--profile", str(profile), "--target", "Astronaut", FRAMEWORK])
        == 1
    )
    assert capsys.readouterr() == (
        "",
        "competency: no role 'Astronaut' in the framework (give a role's slug or "
        "title)\n",
    )


def test_a_broken_framework_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = exported(tmp_path)
    broken = Path(__file__).parent / "data" / "broken" / "yaml" / "resources.yaml"
    assert main(["plan", "--profile", str(profile), str(broken)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "competency: the framework has errors; nothing was done"
    )


def test_read_profile_keeps_target_notes_and_lines(tmp_path: Path) -> None:
    profile = read_profile(str(exported(tmp_path)))
    assert [(s.code, s.level, s.line) for s in profile.skills] == [
        ("PROG", 2, 6),
        ("FOO", 3, 10),
    ]
    assert profile.target == "engineer"
    assert profile.notes == {
        "PROG": "Ran the build rota.\nPaired on the search rewrite."
    }


def test_json_that_yaml_cannot_read_is_read_as_json(tmp_path: Path) -> None:
    # A tab before a value is JSON white space but not YAML's; the entries then
    # have no lines and problems name their position.
    path = tmp_path / "tabs.json"
    path.write_text('{"skills":\t[{"code": "PROG", "level": 8}]}', encoding="utf-8")
    with pytest.raises(ProfileFileError) as caught:
        read_profile(str(path))
    assert str(caught.value) == (
        f"{path}: skill 1: skill PROG: level must be from 1 to 7, not 8"
    )


def test_a_level_the_skill_does_not_describe_is_shown_not_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The sample's PDSV is described at 4 and 5: from 2, level 3 is a step
    # the plan names, saying it is not described.
    profile = tmp_path / "me.yaml"
    profile.write_text("- {code: PDSV, level: 2}\n", encoding="utf-8")
    sample = str(Path(__file__).parents[1] / "data")
    code = main(
        ["plan", "--profile", str(profile), "--target", "lead-engineer", sample]
    )
    out = capsys.readouterr().out
    assert code == 0
    pdsv = out.split("## PDSV", 1)[1].split("\n## ", 1)[0]
    assert [line for line in pdsv.splitlines() if line.startswith("### Level")] == [
        "### Level 3 · Apply",
        "### Level 4 · Enable",
    ]
    assert "### Level 3 · Apply\n\n_Not described for this skill._\n" in pdsv
