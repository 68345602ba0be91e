"""The framework exporter: exact YAML and JSON, and the round trip to the loader."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import yaml

from competency_explorer.cli import main
from competency_explorer.export import export_text, framework_document
from competency_explorer.graph import export_graph
from competency_explorer.loader import load, load_or_raise
from competency_explorer.model import (
    Attribute,
    CareerPath,
    Category,
    Framework,
    Level,
    Requirement,
    Role,
    Skill,
    SkillLevel,
    SkillResource,
    Subcategory,
    default_levels,
)

ROOT = Path(__file__).parents[1]
DATA = Path(__file__).parent / "data"


def tiny_framework() -> Framework:
    levels = list(default_levels())
    levels[2] = Level(3, "Apply", description="Works alone on known ground.")
    return Framework(
        name="Tiny",
        levels=tuple(levels),
        categories=(Category("People and skills"),),
        subcategories=(Subcategory("People management", "People and skills"),),
        skills=(
            Skill(
                code="PEMT",
                name="Performance management",
                category="People and skills",
                subcategory="People management",
                description="First line.\nSecond line.",
                guidance="Ends with a space ",
                levels=(SkillLevel(3, "Yes"), SkillLevel(4, "Sets goals together.")),
                resources=(
                    SkillResource(
                        "Goal-setting clinic",
                        "https://example.org/clinic",
                        "mentoring",
                        4,
                    ),
                    SkillResource("Read the team's past reviews"),
                ),
            ),
        ),
        career_paths=(CareerPath("Management", "Leading people."),),
        roles=(
            Role(
                "Team Lead",
                3,
                "Management",
                summary="Leads a small team.",
                requirements=(Requirement("PEMT", 4),),
            ),
        ),
        attributes=(Attribute("AUTO", "Autonomy", "Attribute"),),
        attribution="Codes from SFIA.",
    )


TINY_YAML = """\
name: Tiny
attribution: Codes from SFIA.
levels:
- number: 1
  name: Follow
- number: 2
  name: Assist
- number: 3
  name: Apply
  description: Works alone on known ground.
- number: 4
  name: Enable
- number: 5
  name: Ensure, advise
- number: 6
  name: Initiate, influence
- number: 7
  name: Set strategy, inspire, mobilise
categories:
- name: People and skills
  subcategories:
  - People management
career_paths:
- name: Management
  description: Leading people.
skills:
- code: PEMT
  name: Performance management
  category: People and skills
  subcategory: People management
  description: |-
    First line.
    Second line.
  guidance: 'Ends with a space '
  levels:
    3: 'Yes'
    4: Sets goals together.
  resources:
  - title: Goal-setting clinic
    url: https://example.org/clinic
    kind: mentoring
    level: 4
  - title: Read the team's past reviews
roles:
- title: Team Lead
  level: 3
  career_path: Management
  summary: Leads a small team.
  requirements:
  - code: PEMT
    level: 4
attributes:
- code: AUTO
  name: Autonomy
  type: Attribute
"""


def test_yaml_export_is_exact() -> None:
    assert export_text(tiny_framework(), "yaml") == TINY_YAML


def test_json_export_is_the_same_structure() -> None:
    text = export_text(tiny_framework(), "json")
    assert text.endswith("}\n")
    assert text.startswith(
        '{\n  "name": "Tiny",\n  "attribution": "Codes from SFIA.",\n'
    )
    document = json.loads(text)
    # JSON object keys are strings: the skill levels {3: ...} become {"3": ...}.
    assert document == json.loads(json.dumps(yaml.safe_load(TINY_YAML)))
    assert document["skills"][0]["levels"] == {"3": "Yes", "4": "Sets goals together."}


def test_document_leaves_out_absent_texts() -> None:
    document = framework_document(tiny_framework())
    assert list(document) == [
        "name",
        "attribution",
        "levels",
        "categories",
        "career_paths",
        "skills",
        "roles",
        "attributes",
    ]
    assert document["roles"][0] == {
        "title": "Team Lead",
        "level": 3,
        "career_path": "Management",
        "summary": "Leads a small team.",
        "requirements": [{"code": "PEMT", "level": 4}],
    }


def test_no_attributes_no_attribution_no_keys(small_framework: Framework) -> None:
    document = framework_document(small_framework)
    assert "attributes" not in document
    assert "attribution" not in document
    # A role without requirements still says so.
    assert document["roles"][0] == {
        "title": "Intern",
        "level": 1,
        "career_path": "Engineering",
        "requirements": [],
    }


def test_unknown_format_is_refused(small_framework: Framework) -> None:
    with pytest.raises(ValueError, match="unknown export format 'csv'"):
        export_text(small_framework, "csv")


@pytest.mark.parametrize("fmt", ["graphml", "node-link"])
@pytest.mark.parametrize("progression", [False, True])
def test_graph_formats_come_from_the_graph_layer(
    small_framework: Framework, fmt: str, progression: bool
) -> None:
    assert export_text(small_framework, fmt, progression=progression) == (
        export_graph(small_framework, fmt, progression=progression)
    )


def test_graphml_is_well_formed_xml_whatever_the_texts_hold(tmp_path: Path) -> None:
    # A YAML escape puts a character XML does not allow into a skill's name.
    (tmp_path / "f.yaml").write_text(
        'skills:\n  - {code: ABCD, name: "A\\x01b", category: C}\n'
        "roles:\n  - {title: R, level: 3, career_path: P, "
        "requirements: [{code: ABCD, level: 3}]}\n",
        encoding="utf-8",
    )
    framework = load_or_raise([str(tmp_path / "f.yaml")])
    assert framework.skills[0].name == "A\x01b"
    graph = nx.parse_graphml(export_graph(framework, "graphml"))
    assert graph.nodes["skill:ABCD"]["name"] == "A\ufffdb"


ROUND_TRIP_SOURCES = {
    "cards": DATA / "cards",
    "shared card": ROOT.parent / "shared" / "role-cards",
    "yaml only": DATA / "yaml",
    "sample": ROOT / "data",
    # Attributes, attribution, guiding phrases and essences come from here.
    "sfia catalogue": DATA / "sfia",
}


@pytest.fixture(params=sorted(ROUND_TRIP_SOURCES), ids=str)
def source(request: pytest.FixtureRequest) -> Path:
    path = ROUND_TRIP_SOURCES[str(request.param)]
    if not path.exists():  # the shared folder lives beside the project
        pytest.skip(f"{path} is not here")
    return path


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_round_trip(source: Path, fmt: str, tmp_path: Path) -> None:
    # A JSON export is read back when named (.json), as the YAML format.
    original = load_or_raise([source])
    exported = tmp_path / f"framework.{fmt}"
    exported.write_text(export_text(original, fmt), encoding="utf-8")

    result = load([exported])

    assert result.framework == original
    assert result.errors == ()
    # Exporting again gives the same text: the writer is deterministic.
    assert export_text(original, fmt) == exported.read_text(encoding="utf-8")


def test_a_json_file_in_a_folder_is_not_read(tmp_path: Path) -> None:
    # Named, a .json file is read (an export); in a folder it is more likely
    # a tool's own file (package.json), and left alone.
    exported = export_text(load_or_raise([DATA / "yaml"]), "json")
    (tmp_path / "package.json").write_text(exported, encoding="utf-8")
    assert [str(p) for p in load([tmp_path]).problems] == [
        f"{tmp_path}:0: error: the framework is empty: no roles and no skills found"
    ]


def test_json_equals_the_yaml_structure(source: Path) -> None:
    framework = load_or_raise([source])
    from_yaml = yaml.safe_load(export_text(framework, "yaml"))
    assert json.loads(export_text(framework, "json")) == json.loads(
        json.dumps(from_yaml)
    )


def test_cards_round_trip_keeps_every_card(tmp_path: Path) -> None:
    original = load_or_raise([DATA / "cards"])
    exported = tmp_path / "cards.yaml"
    exported.write_text(export_text(original, "yaml"), encoding="utf-8")
    again = load_or_raise([exported])
    assert len(again.roles) == 13
    director = again.role("director-of-engineering")
    assert director is not None
    assert director == original.role("director-of-engineering")
    assert again.name == "cards"


def test_the_small_fixture_round_trips(
    small_framework: Framework, tmp_path: Path
) -> None:
    exported = tmp_path / "small.yaml"
    exported.write_text(export_text(small_framework, "yaml"), encoding="utf-8")
    assert load([exported]).framework == small_framework


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_cli_exports_to_stdout(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    framework = load_or_raise([DATA / "yaml"])

    code = main(["export", "--format", fmt, str(DATA / "yaml")])

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out == export_text(framework, fmt)


def test_cli_export_defaults_to_yaml(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(DATA / "yaml")]) == 0
    assert capsys.readouterr().out.startswith("name: Harbour Works Engineering\n")


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_cli_exports_to_a_file(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / f"out.{fmt}"

    code = main(["export", str(DATA / "cards"), "--format", fmt, "-o", str(output)])

    assert (code, capsys.readouterr()) == (0, ("", ""))
    framework = load_or_raise([DATA / "cards"])
    assert output.read_text(encoding="utf-8") == export_text(framework, fmt)


def test_cli_export_output_loads_back(tmp_path: Path) -> None:
    output = tmp_path / "cards.yaml"
    assert main(["export", str(DATA / "cards"), "-o", str(output)]) == 0
    assert load_or_raise([output]) == load_or_raise([DATA / "cards"])


def test_cli_export_refuses_a_broken_framework(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "never.yaml"
    broken = DATA / "broken" / "yaml" / "wrong-level.yaml"

    code = main(["export", str(broken), "-o", str(output)])

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert (
        f"{broken}:6: error: role 'Developer': level must be a whole number "
        "from 1 to 7, not 'three'"
    ) in err.splitlines()
    assert err.splitlines()[-1] == (
        "competency: the framework has errors; nothing was done"
    )
    assert not output.exists()


def test_cli_export_reports_an_unwritable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "no-such-folder" / "out.yaml"
    assert main(["export", str(DATA / "yaml"), "-o", str(output)]) == 1
    assert capsys.readouterr().err == (
        f"competency: cannot write {output}: No such file or directory\n"
    )
