"""The YAML source: every field read with its line, every problem at its line."""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from competency_explorer.model import Location
from competency_explorer.sources import reader_for, yaml_format
from competency_explorer.sources.drafts import (
    AttributeDraft,
    CareerPathDraft,
    CategoryDraft,
    LevelDraft,
    RequirementDraft,
    ResourceDraft,
    RoleDraft,
    SkillDraft,
    SourceResult,
)

DATA = Path(__file__).parent / "data"
GOOD = DATA / "yaml" / "framework.yaml"
BROKEN = DATA / "broken" / "yaml"


def read(path: Path) -> SourceResult:
    return yaml_format.read(path, path.name)


def read_text(tmp_path: Path, text: str) -> SourceResult:
    path = tmp_path / "framework.yaml"
    path.write_text(text, encoding="utf-8")
    return read(path)


def at(line: int) -> Location:
    return Location("framework.yaml", line)


@pytest.fixture(params=["libyaml", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both parsers give the same drafts: libyaml when present, else PyYAML's own."""
    if request.param == "python":
        monkeypatch.setattr(yaml_format, "_Loader", yaml.SafeLoader)
    return str(request.param)


def test_yaml_files_are_read_by_this_module() -> None:
    assert reader_for(Path("a.yaml")) is yaml_format.read
    assert reader_for(Path("b.YML")) is yaml_format.read


def test_libyaml_is_used_when_available() -> None:
    assert yaml_format._Loader is yaml.CSafeLoader


def test_reads_every_field_with_its_line(loader: str) -> None:
    result = read(GOOD)

    assert result.problems == []
    assert result.path == "framework.yaml"
    assert result.name == "Harbour Works Engineering"
    assert result.attribution == (
        "Skill codes and categories follow SFIA; every text here is our own."
    )
    assert result.catalogue is False
    assert result.levels == [
        LevelDraft(
            2,
            at(7),
            name="Assist",
            description="Does agreed work under close guidance and asks when unsure.",
        ),
        LevelDraft(
            4,
            at(10),
            description="Plans their own work and helps others do theirs.",
            guiding_phrase="Makes it happen",
            essence="Trusted to deliver without a map.",
        ),
    ]
    assert result.categories == [
        CategoryDraft(
            "Development and implementation", at(16), ["Systems development"]
        ),
        CategoryDraft("People and skills", at(18), ["People management"]),
    ]
    assert result.career_paths == [
        CareerPathDraft(
            "Technical", at(23), "People who grow by going deeper into the craft."
        ),
        CareerPathDraft("Management", at(25), "People who grow by growing teams."),
    ]
    assert result.skills[0] == SkillDraft(
        "PROG",
        at(29),
        name="Programming/software development",
        category="Development and implementation",
        subcategory="Systems development",
        description="Turning designs into working, tested code.",
        guidance="Reading code is half the job.\n"
        "Writing it so others can read it is the other half.",
        url="https://example.org/skills/prog",
        levels={
            2: "Changes small pieces of code with help.",
            3: "Builds features on their own, with tests.",
            4: "Shapes how a codebase grows.",
        },
        level_origins={2: at(39), 3: at(40), 4: at(41)},
    )
    assert [skill.code for skill in result.skills] == ["PROG", "TEST", "PEMT", "2024"]
    assert result.skills[1].description is None
    assert result.skills[1].levels == {
        2: "Runs the checks someone else wrote.",
        3: "Writes the checks a change needs.",
    }
    # Scalars YAML would read as numbers or booleans stay the text written.
    assert (result.skills[3].code, result.skills[3].name) == ("2024", "Yes")
    assert result.roles[0] == RoleDraft(
        "Junior Developer",
        2,
        "Technical",
        at(65),
        summary="Learns the codebase by shipping small changes.",
        requirements=[
            RequirementDraft("PROG", 2, at(70)),
            RequirementDraft("TEST", 2, at(71)),
        ],
    )
    assert result.roles[1].overview == (
        "Owns features from the first sketch to production.\n\n"
        "Reviews the work of others."
    )
    assert [(r.title, r.level, r.career_path) for r in result.roles] == [
        ("Junior Developer", 2, "Technical"),
        ("Developer", 3, "Technical"),
        ("Senior Developer", 4, "Technical"),
        ("Team Lead", 4, "Management"),
    ]
    # A requirement's level defaults to the role's level.
    assert [(r.code, r.level) for r in result.roles[2].requirements] == [
        ("PROG", 4),
        ("TEST", 3),
    ]
    assert result.attributes == [
        AttributeDraft(
            "AUTO",
            at(99),
            "Autonomy",
            "Attribute",
            description="How far someone works on their own.",
            levels={
                2: "Works on tasks someone else has set.",
                4: "Decides how their own work gets done.",
            },
        )
    ]


def test_texts_are_stripped_and_empty_texts_are_absent(tmp_path: Path) -> None:
    result = read_text(
        tmp_path,
        "skills:\n"
        "  - code: ' prog '\n"
        "    name: '  Programming  '\n"
        "    description: ''\n"
        "    guidance:\n"
        "    levels:\n"
        "      3: |\n"
        "        Ends with a line break in YAML, not in the model.\n",
    )
    assert result.problems == []
    assert result.skills == [
        SkillDraft(
            "PROG",
            at(2),
            name="Programming",
            levels={3: "Ends with a line break in YAML, not in the model."},
            level_origins={3: at(7)},
        )
    ]


def test_anchors_and_merge_keys_may_share_content(tmp_path: Path) -> None:
    result = read_text(
        tmp_path,
        "skills:\n"
        "  - {code: PROG, name: Programming}\n"
        "roles:\n"
        "  - &developer\n"
        "    title: Developer\n"
        "    level: 3\n"
        "    career_path: Technical\n"
        "    requirements: &shared\n"
        "      - code: PROG\n"
        "  - <<: *developer\n"
        "    title: Senior Developer\n"
        "    level: 4\n"
        "  - title: Team Lead\n"
        "    level: 4\n"
        "    career_path: Management\n"
        "    requirements: *shared\n",
    )
    assert result.problems == []
    assert [
        (r.title, r.level, r.career_path, [(q.code, q.level) for q in r.requirements])
        for r in result.roles
    ] == [
        ("Developer", 3, "Technical", [("PROG", 3)]),
        ("Senior Developer", 4, "Technical", [("PROG", 4)]),
        ("Team Lead", 4, "Management", [("PROG", 4)]),
    ]


def test_a_file_of_comments_only_is_empty(tmp_path: Path) -> None:
    result = read_text(tmp_path, "# nothing here yet\n")
    assert [str(p) for p in result.problems] == [
        "framework.yaml:0: warning: the file is empty"
    ]


BROKEN_CASES = {
    "malformed.yaml": [
        "malformed.yaml:6: error: malformed YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence)",
    ],
    "bad-indentation.yaml": [
        "bad-indentation.yaml:4: error: malformed YAML: did not find expected '-' "
        "indicator (while parsing a block collection)",
    ],
    "billion-laughs.yaml": [
        "billion-laughs.yaml:0: error: YAML aliases expand this document by more "
        "than 1,000,000 nodes; refusing to read it (use fewer aliases)",
    ],
    "recursive-alias.yaml": [
        "recursive-alias.yaml:4: error: a YAML alias refers to a node that "
        "contains it; recursive aliases are not allowed",
    ],
    "not-utf8.yaml": [
        "not-utf8.yaml:1: error: file is not UTF-8 text (byte 0xe9 at offset 9); "
        "save it as UTF-8",
    ],
    "empty.yaml": ["empty.yaml:0: warning: the file is empty"],
    "top-level-list.yaml": [
        "top-level-list.yaml:1: error: the top level must be a mapping (name:, "
        "skills:, roles:, ...), not a list",
    ],
    "unknown-keys.yaml": [
        "unknown-keys.yaml:2: warning: unknown top-level key 'skils' (ignored); "
        "did you mean 'skills'?",
        "unknown-keys.yaml:4: warning: unknown top-level key 'colour' (ignored); "
        "expected one of: name, attribution, levels, categories, career_paths, "
        "skills, roles, attributes, moves, progression",
        "unknown-keys.yaml:8: warning: unknown key 'desciption' in skill PROG "
        "(ignored); did you mean 'description'?",
        "unknown-keys.yaml:15: warning: unknown key 'weight' in role 'Developer', "
        "requirement PROG (ignored); expected one of: code, level, optional",
    ],
    "missing-keys.yaml": [
        "missing-keys.yaml:2: error: skill is missing required key 'code'",
        "missing-keys.yaml:3: error: skill TEST is missing required key 'name'",
        "missing-keys.yaml:4: error: skill is missing required key 'code'",
        "missing-keys.yaml:7: error: role is missing required key 'title'",
        "missing-keys.yaml:9: error: role 'Developer' is missing required key 'level'",
        "missing-keys.yaml:11: error: role 'Tester' is missing required key "
        "'career_path'",
        "missing-keys.yaml:17: error: role 'Analyst', requirement is missing "
        "required key 'code'",
    ],
    "wrong-level.yaml": [
        "wrong-level.yaml:6: error: role 'Developer': level must be a whole number "
        "from 1 to 7, not 'three'",
        "wrong-level.yaml:9: error: role 'Architect': level must be a whole number "
        "from 1 to 7, not 9",
        "wrong-level.yaml:12: error: role 'Intern': level must be a whole number "
        "from 1 to 7, not 1.5",
        "wrong-level.yaml:19: error: role 'Tester', requirement PROG: level must be "
        "a whole number from 1 to 7, not 0",
        "wrong-level.yaml:21: error: role 'Tester', requirement PROG: level must be "
        "a whole number from 1 to 7, not true",
    ],
    "skill-levels.yaml": [
        "skill-levels.yaml:6: error: skill PROG: a levels key must be a whole "
        "number from 1 to 7, not 8",
        "skill-levels.yaml:7: error: skill PROG: a levels key must be a whole "
        "number from 1 to 7, not 'three'",
        "skill-levels.yaml:8: error: skill PROG: a levels key must be a whole "
        "number from 1 to 7, not 0",
        "skill-levels.yaml:9: error: skill PROG: level 4 has no text",
        "skill-levels.yaml:10: error: skill PROG: level 5 must be text, not a list",
        "skill-levels.yaml:14: error: skill TEST: levels must be a mapping from "
        "level number to text, not a list",
    ],
    "wrong-types.yaml": [
        "wrong-types.yaml:1: error: name must be text, not a list",
        "wrong-types.yaml:3: error: levels must be a list, not a mapping",
        "wrong-types.yaml:5: error: each entry of skills must be a mapping, not 'PROG'",
        "wrong-types.yaml:9: error: skill PROG: description must be text, "
        "not a mapping",
        "wrong-types.yaml:10: error: skill PROG: guidance must be text, not a list",
        "wrong-types.yaml:16: error: role 'Developer': requirements must be a list, "
        "not a mapping",
        "wrong-types.yaml:21: error: role 'Tester': each entry of requirements "
        "must be a mapping, not 'PROG'",
    ],
    "duplicates.yaml": [
        "duplicates.yaml:4: error: skill PROG: duplicate key 'name' (first given "
        "at line 3; that one is used)",
        "duplicates.yaml:5: error: skill PROG is given twice in this file (first "
        "at line 2); the second is ignored",
    ],
    "odd-keys.yaml": [
        "odd-keys.yaml:4: error: a key must be a plain name, not a list",
        "odd-keys.yaml:6: error: a merge key (<<) takes a mapping or a list of "
        "mappings, not 3",
    ],
    "resources.yaml": [
        "resources.yaml:5: error: skill PROG, resource is missing required key 'title'",
        "resources.yaml:7: error: skill PROG, resource 'Click me': url "
        "'javascript:alert(1)': the scheme 'javascript:' is not allowed (use http, "
        "https or mailto)",
        "resources.yaml:9: error: skill PROG, resource 'Far too high': level must "
        "be a whole number from 1 to 7, not 9",
        "resources.yaml:13: error: skill PROG: resource 'pair on a change' for "
        "level 3 is given twice (first at line 10); the second is ignored",
        "resources.yaml:16: error: skill PROG, resource 'Intranet page': url "
        "'www.example.org/course': it has no scheme; write the whole address "
        "(https://...)",
        "resources.yaml:17: error: skill PROG: each entry of resources must be a "
        "mapping, not 'Just a title'",
        "resources.yaml:19: error: skill PROG, resource 'Local file': url "
        "'file:///etc/passwd': the scheme 'file:' is not allowed (use http, https "
        "or mailto)",
        "resources.yaml:22: error: skill TEST: resources must be a list, not "
        "'Read a book'",
    ],
    "level-names.yaml": [
        "level-names.yaml:2: warning: level 3: the name 'Practise' is ignored; "
        "level names are built in (3 is 'Apply')",
        "level-names.yaml:5: error: level entry: number must be a whole number "
        "from 1 to 7, not 8",
        "level-names.yaml:7: error: level entry is missing required key 'number'",
    ],
}


def test_every_broken_fixture_has_a_case() -> None:
    assert sorted(path.name for path in BROKEN.iterdir()) == sorted(BROKEN_CASES)


@pytest.mark.parametrize(("name", "expected"), sorted(BROKEN_CASES.items()))
def test_problem_messages_and_lines(name: str, expected: list[str]) -> None:
    result = read(BROKEN / name)
    assert [str(problem) for problem in result.problems] == expected


def test_broken_entries_are_left_out_and_good_ones_kept() -> None:
    result = read(BROKEN / "wrong-level.yaml")
    # The role with a valid level stays; its two bad requirements do not.
    assert [(role.title, role.requirements) for role in result.roles] == [
        ("Tester", [])
    ]
    missing = read(BROKEN / "missing-keys.yaml")
    # A skill without a name is kept, so roles requiring it still find it.
    assert [(skill.code, skill.name) for skill in missing.skills] == [("TEST", None)]
    assert [role.title for role in missing.roles] == ["Analyst"]


def test_resources_are_read_with_their_lines_and_bad_ones_left_out() -> None:
    result = read(BROKEN / "resources.yaml")
    assert [(skill.code, skill.resources) for skill in result.skills] == [
        (
            "PROG",
            [
                ResourceDraft(
                    "Pair on a change",
                    Location("resources.yaml", 10),
                    kind="practice",
                    level=3,
                )
            ],
        ),
        ("TEST", []),
    ]


def test_a_resource_for_any_level_and_one_per_level(tmp_path: Path) -> None:
    result = read_text(
        tmp_path,
        "skills:\n"
        "  - code: prog\n"
        "    name: Programming\n"
        "    resources:\n"
        "      - {title: Code club, url: 'HTTPS://example.org/club', kind: practice}\n"
        "      - title: Code club\n"
        "        level: 2\n"
        "      - {title: Ask the guild, url: 'mailto:guild@example.org', level: 4}\n",
    )
    assert result.problems == []
    assert result.skills[0].resources == [
        ResourceDraft("Code club", at(5), "HTTPS://example.org/club", "practice"),
        ResourceDraft("Code club", at(6), level=2),
        ResourceDraft("Ask the guild", at(8), "mailto:guild@example.org", level=4),
    ]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://example.org/a?b=c#d", None),
        ("http://intranet/course", None),
        ("mailto:someone@example.org", None),
        (
            "javascript:alert(1)",
            "the scheme 'javascript:' is not allowed (use http, https or mailto)",
        ),
        (
            "data:text/html,<script>alert(1)</script>",
            "the scheme 'data:' is not allowed (use http, https or mailto)",
        ),
        ("java\tscript:alert(1)", "it contains a space or a control character"),
        ("https://example.org/a b", "it contains a space or a control character"),
        ("//example.org/a", "it has no scheme; write the whole address (https://...)"),
        ("https:example.org", "it has no host; write https://host/..."),
    ],
)
def test_url_problems(url: str, problem: str | None) -> None:
    assert yaml_format.url_problem(url) == problem


def test_duplicate_key_keeps_the_first_value() -> None:
    result = read(BROKEN / "duplicates.yaml")
    assert [(skill.code, skill.name) for skill in result.skills] == [
        ("PROG", "Programming")
    ]


def test_level_name_is_read_but_the_builtin_name_wins() -> None:
    result = read(BROKEN / "level-names.yaml")
    assert result.levels == [
        LevelDraft(
            3,
            Location("level-names.yaml", 2),
            name="Practise",
            description="The built-in name wins.",
        )
    ]


def test_alias_bomb_reads_nothing() -> None:
    result = read(BROKEN / "billion-laughs.yaml")
    assert (result.roles, result.skills, result.name) == ([], [], None)


def test_many_aliases_below_the_bound_are_fine(tmp_path: Path) -> None:
    # 100 roles sharing one list of 50 requirements: 5,000 requirements in all.
    skills = "".join(f"  - {{code: S{n}, name: Skill {n}}}\n" for n in range(50))
    shared = "".join(f"    - code: S{n}\n" for n in range(50))
    roles = "".join(
        f"  - {{title: Role {n}, level: 3, career_path: P, requirements: *all}}\n"
        for n in range(100)
    )
    result = read_text(
        tmp_path, f"shared: &all\n{shared}skills:\n{skills}roles:\n{roles}"
    )
    assert [str(p) for p in result.problems] == [
        "framework.yaml:1: warning: unknown top-level key 'shared' (ignored); "
        "expected one of: name, attribution, levels, categories, career_paths, "
        "skills, roles, attributes, moves, progression"
    ]
    assert sum(len(role.requirements) for role in result.roles) == 5000


# -- the JSON Schema of the format -------------------------------------------

ROOT = Path(__file__).parent.parent
SCHEMA_PATH = ROOT / "docs" / "framework.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_editors_see_it(path: Path) -> object:
    # Editors check the JSON form of the YAML, where mapping keys are strings.
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


VALID_FILES = sorted(
    [
        *(ROOT / "data").glob("**/*.yaml"),
        *(ROOT / "data").glob("**/*.yml"),
        *(DATA / "yaml").glob("*.yaml"),
        *(DATA / "merge").glob("**/*.yaml"),
        *(DATA / "broken" / "framework").glob("*.yaml"),
    ]
)


def test_the_sample_framework_has_yaml_files() -> None:
    assert [p.relative_to(ROOT).as_posix() for p in VALID_FILES[:3]] == [
        "data/framework.yaml",
        "data/roles.yaml",
        "data/skills.yaml",
    ]


@pytest.mark.parametrize(
    "path", VALID_FILES, ids=lambda p: Path(p).relative_to(ROOT).as_posix()
)
def test_good_files_match_the_schema(
    path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    errors = [error.message for error in validator.iter_errors(as_editors_see_it(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("name", "first_error"),
    [
        ("top-level-list.yaml", "is not of type 'object'"),
        ("unknown-keys.yaml", "Additional properties are not allowed"),
        ("missing-keys.yaml", "'code' is a required property"),
        ("wrong-level.yaml", "'three' is not of type 'integer'"),
        ("skill-levels.yaml", "'three' does not match '^[1-7]$'"),
        ("wrong-types.yaml", "['a', 'list'] is not of type"),
        ("level-names.yaml", "'Practise' is not one of"),
        ("resources.yaml", "'title' is a required property"),
        ("resources.yaml", "'javascript:alert(1)' does not match"),
    ],
)
def test_the_schema_catches_what_the_reader_catches(
    name: str, first_error: str, validator: jsonschema.Draft202012Validator
) -> None:
    messages = sorted(
        error.message
        for error in validator.iter_errors(as_editors_see_it(BROKEN / name))
    )
    assert any(first_error in message for message in messages), messages


def test_exports_match_the_schema(validator: jsonschema.Draft202012Validator) -> None:
    from competency_explorer.export import export_text
    from competency_explorer.loader import load_or_raise

    for source in (ROOT / "data", DATA / "cards", DATA / "yaml"):
        exported = yaml.safe_load(export_text(load_or_raise([source]), "yaml"))
        document = json.loads(json.dumps(exported))
        assert [e.message for e in validator.iter_errors(document)] == [], source


@pytest.mark.parametrize(
    ("definition", "keys"),
    [
        (None, yaml_format.TOP_KEYS),
        ("level", yaml_format.LEVEL_KEYS),
        ("category", yaml_format.CATEGORY_KEYS),
        ("careerPath", yaml_format.CAREER_PATH_KEYS),
        ("skill", yaml_format.SKILL_KEYS),
        ("resource", yaml_format.RESOURCE_KEYS),
        ("role", yaml_format.ROLE_KEYS),
        ("requirement", yaml_format.REQUIREMENT_KEYS),
        ("attribute", yaml_format.ATTRIBUTE_KEYS),
        ("track", yaml_format.TRACK_KEYS),
        ("section", yaml_format.SECTION_KEYS),
        ("move", yaml_format.MOVE_KEYS),
        ("progression", yaml_format.PROGRESSION_KEYS),
    ],
)
def test_schema_and_docs_name_every_key_the_reader_knows(
    definition: str | None, keys: tuple[str, ...]
) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    if definition is None:
        node = schema
    elif definition == "progression":
        node = schema["properties"]["progression"]
    else:
        node = schema["$defs"][definition]
    assert tuple(node["properties"]) == keys
    docs = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    for key in keys:
        assert re.search(rf"\b{key}:", docs), f"docs/data-format.md lacks {key}:"


def test_the_documented_example_loads_cleanly(
    tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    from competency_explorer.loader import load

    docs = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    example = docs.split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    assert [e.message for e in validator.iter_errors(as_editors_see_it(path))] == []

    result = load([path])

    assert result.problems == ()
    assert result.framework is not None
    role = result.framework.role("software-engineer")
    assert role is not None
    assert [(r.code, r.level, r.optional) for r in role.requirements] == [
        ("METL", 2, True),
        ("PROG", 4, False),
        ("TEST", 3, False),
    ]
    assert role.track == "Backend"
    prog = result.framework.skill("PROG")
    assert prog is not None
    assert [(r.title, r.url, r.kind, r.level) for r in prog.resources] == [
        (
            "Refactoring workshop",
            "https://example.org/courses/refactoring",
            "course",
            4,
        ),
        ("Review a colleague's change every week", None, "practice", None),
    ]
    assert [(m.source, m.target) for m in result.framework.moves] == [
        ("software-engineer", "engineering-manager")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Accented letters first: libyaml counts positions in bytes.
        (
            "name: Équipe d'ingénierie\nskills: []\nroles: [\x01]\n",
            "framework.yaml:3: error: malformed YAML: character U+0001 is not allowed",
        ),
        (
            "name: One\n---\nname: Two\n",
            "framework.yaml:2: error: malformed YAML: expected a single document "
            "in the stream, but found another document",
        ),
        (
            "roles: [*missing]\n",
            "framework.yaml:1: error: malformed YAML: found undefined alias",
        ),
    ],
)
def test_parser_errors_point_at_their_line(
    text: str, expected: str, tmp_path: Path, loader: str
) -> None:
    result = read_text(tmp_path, text)
    # PyYAML's own parser adds the alias name; the rest is the same.
    assert [str(p).replace(" 'missing'", "") for p in result.problems] == [expected]


TAB = (
    "error: malformed YAML: this line is indented with a tab; YAML indents with "
    "spaces only"
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("name: Tabs\nskills:\n\t- code: PROG\n", 3),
        ("skills:\n  - code: PROG\n  \t  name: Programming\n", 3),
        ("roles:\n  - title: Engineer\n\tlevel: 3\n", 3),
        ("skills:\n  - code: PROG\n    levels:\n      3: |\n\tWrites code.\n", 5),
    ],
)
def test_a_tab_used_for_indentation_is_named(
    text: str, line: int, tmp_path: Path, loader: str
) -> None:
    result = read_text(tmp_path, text)
    assert [str(p) for p in result.problems] == [f"framework.yaml:{line}: {TAB}"]


def test_a_tab_inside_a_line(tmp_path: Path, loader: str) -> None:
    result = read_text(tmp_path, "skills: [] # a\tcomment\nname:\tTabs\n")
    if loader == "libyaml":  # libyaml takes a tab after "key:" for a space
        assert (result.problems, result.name) == ([], "Tabs")
    else:
        assert [str(p) for p in result.problems] == [
            "framework.yaml:2: error: malformed YAML: a tab at column 6; use a "
            "space there"
        ]


@pytest.mark.parametrize("name", ["billion-laughs.yaml", "wrong-types.yaml"])
def test_the_garbage_collector_is_back_on_after_reading(name: str) -> None:
    assert gc.isenabled()
    read(BROKEN / name)
    assert gc.isenabled()


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        read(GOOD)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        (
            "javascript:alert(document.domain)",
            "the scheme 'javascript:' is not allowed (use http, https or mailto)",
        ),
        (
            "sfia-online.org/en",
            "it has no scheme; write the whole address (https://...)",
        ),
    ],
)
def test_an_unsafe_skill_link_is_dropped_with_a_warning(
    tmp_path: Path, url: str, problem: str
) -> None:
    result = read_text(
        tmp_path,
        f"skills:\n  - code: AAAA\n    name: A skill\n    url: {json.dumps(url)}\n",
    )
    assert [str(p) for p in result.problems] == [
        f"framework.yaml:4: warning: skill AAAA: url {url!r}: {problem}; it is ignored"
    ]
    assert result.skills[0].url is None


def test_a_track_may_be_its_name_alone(tmp_path: Path) -> None:
    result = read_text(
        tmp_path,
        "career_paths:\n"
        "  - name: Engineering\n"
        "    tracks: [QA, 2024]\n"
        "  - name: Data\n"
        "    tracks:\n"
        "      - Analytics\n"
        "      - name: Platform\n"
        "        description: The shared data platform.\n"
        "      - ''\n"
        "      - [Ops]\n",
    )
    assert [str(p) for p in result.problems] == [
        "framework.yaml:9: error: career path 'Data': a track's name is empty",
        "framework.yaml:10: error: career path 'Data': a track is a name or a "
        "mapping with a name, not a list",
    ]
    assert [
        (path.name, [(t.name, t.origin.line, t.description) for t in path.tracks])
        for path in result.career_paths
    ] == [
        ("Engineering", [("QA", 3, None), ("2024", 3, None)]),
        (
            "Data",
            [("Analytics", 6, None), ("Platform", 7, "The shared data platform.")],
        ),
    ]


def test_levels_keys_may_be_written_as_json_writes_them(tmp_path: Path) -> None:
    result = read_text(
        tmp_path,
        "skills:\n  - code: PROG\n    name: Programming\n    levels:\n"
        '      "3": Builds features.\n      "4": Leads a feature.\n'
        '      "9": Not a level.\n',
    )
    assert [str(p) for p in result.problems] == [
        "framework.yaml:7: error: skill PROG: a levels key must be a whole number "
        "from 1 to 7, not '9'"
    ]
    assert result.skills[0].levels == {3: "Builds features.", 4: "Leads a feature."}


def test_a_broken_json_file_is_named_malformed_json(tmp_path: Path) -> None:
    # A named .json file (an export) is read as YAML, which JSON also is; its
    # problem is said in its own format's name.
    path = tmp_path / "framework.json"
    path.write_text('{"roles": [\n  {"title": "A",\n', encoding="utf-8")
    assert [str(p) for p in read(path).problems] == [
        "framework.json:3: error: malformed JSON: did not find expected node "
        "content (while parsing a flow node)"
    ]
