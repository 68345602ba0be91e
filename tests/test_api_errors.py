"""Every error code the API gives, with the message that names the value."""

from __future__ import annotations

import base64
import logging
from typing import Any

import pytest

from api_support import codes, execute, messages
from competency_explorer.api import (
    CompetencySchema,
    SchemaConfig,
    ServedState,
    build_schema,
)
from competency_explorer.api.errors import INTERNAL_MESSAGE
from competency_explorer.api.schema import run, schema


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def profile(count: int) -> list[dict[str, Any]]:
    return [{"code": f"S{i:03}", "level": 3} for i in range(count)]


# (query, variables, code, message)
CASES: list[tuple[str, dict[str, Any] | None, str, str]] = [
    # NOT_FOUND: an unknown slug or code passed to a computation.
    (
        '{ sharedSkills(a: "engineer", b: "nobody") { levelA } }',
        None,
        "NOT_FOUND",
        "Unknown role: 'nobody'",
    ),
    (
        '{ progressionPath(from: "ghost", to: "engineer") { totalEffort } }',
        None,
        "NOT_FOUND",
        "Unknown role: 'ghost'",
    ),
    (
        '{ progressionPaths(from: "engineer", to: "ghost") { totalEffort } }',
        None,
        "NOT_FOUND",
        "Unknown role: 'ghost'",
    ),
    (
        '{ skillGap(profile: [], target: "ghost") { effort } }',
        None,
        "NOT_FOUND",
        "Unknown role: 'ghost'",
    ),
    (
        '{ skillGap(profile: [{code: "zzzz", level: 2}], target: "engineer") '
        "{ effort } }",
        None,
        "NOT_FOUND",
        "Unknown skill: 'ZZZZ'",
    ),
    (
        '{ matchRoles(profile: [{code: "NOPE", level: 2}]) { score } }',
        None,
        "NOT_FOUND",
        "Unknown skill: 'NOPE'",
    ),
    (
        '{ developmentPlan(profile: [], target: "ghost") { effort } }',
        None,
        "NOT_FOUND",
        "Unknown role: 'ghost'",
    ),
    (
        '{ developmentPlan(profile: [{code: "PROG", level: 2}, {code: "foo", '
        'level: 3}], target: "engineer") { effort } }',
        None,
        "NOT_FOUND",
        "Unknown skill: 'FOO'",
    ),
    (
        '{ rolesSharingSkill(code: "NOPE") { level } }',
        None,
        "NOT_FOUND",
        "Unknown skill: 'NOPE'",
    ),
    # BAD_USER_INPUT: levels outside 1-7.
    (
        '{ rolesSharingSkill(code: "PROG", minLevel: 0) { level } }',
        None,
        "BAD_USER_INPUT",
        "minLevel must be a level from 1 to 7, not 0",
    ),
    (
        "{ roles(level: 8) { totalCount } }",
        None,
        "BAD_USER_INPUT",
        "level must be a level from 1 to 7, not 8",
    ),
    (
        '{ skill(code: "PROG") { requiredBy(minLevel: 8) { level } } }',
        None,
        "BAD_USER_INPUT",
        "minLevel must be a level from 1 to 7, not 8",
    ),
    (
        '{ skillGap(profile: [{code: "PROG", level: 0}], target: "engineer") '
        "{ effort } }",
        None,
        "BAD_USER_INPUT",
        "The level of PROG in the profile must be a level from 1 to 7, not 0",
    ),
    (
        '{ matchRoles(profile: [{code: "PROG", level: 8}]) { score } }',
        None,
        "BAD_USER_INPUT",
        "The level of PROG in the profile must be a level from 1 to 7, not 8",
    ),
    # BAD_USER_INPUT: first, limit.
    (
        "{ roles(first: 101) { totalCount } }",
        None,
        "BAD_USER_INPUT",
        "first must be between 0 and 100, not 101",
    ),
    (
        "{ skills(first: -1) { totalCount } }",
        None,
        "BAD_USER_INPUT",
        "first must be between 0 and 100, not -1",
    ),
    (
        '{ progressionPaths(from: "engineer", to: "intern", limit: 0) '
        "{ totalEffort } }",
        None,
        "BAD_USER_INPUT",
        "limit must be between 1 and 100, not 0",
    ),
    (
        "{ matchRoles(profile: [], limit: 101) { score } }",
        None,
        "BAD_USER_INPUT",
        "limit must be between 1 and 100, not 101",
    ),
    (
        '{ role(slug: "engineer") { similarRoles(limit: 0) { score } } }',
        None,
        "BAD_USER_INPUT",
        "limit must be between 1 and 100, not 0",
    ),
    (
        '{ role(slug: "engineer") { nextRoles(limit: 101) { effort } } }',
        None,
        "BAD_USER_INPUT",
        "limit must be between 1 and 100, not 101",
    ),
    (
        '{ role(slug: "engineer") { previousRoles(limit: -3) { effort } } }',
        None,
        "BAD_USER_INPUT",
        "limit must be between 1 and 100, not -3",
    ),
    # BAD_USER_INPUT: malformed cursors and ids.
    (
        '{ roles(after: "not-a-cursor") { totalCount } }',
        None,
        "BAD_USER_INPUT",
        "Malformed cursor 'not-a-cursor': pass an endCursor or cursor from an "
        "earlier answer",
    ),
    (
        "query($after: String) { skills(after: $after) { totalCount } }",
        {"after": b64("offset:-1")},
        "BAD_USER_INPUT",
        f"Malformed cursor {b64('offset:-1')!r}: pass an endCursor or cursor from an "
        "earlier answer",
    ),
    (
        '{ node(id: "%%%") { id } }',
        None,
        "BAD_USER_INPUT",
        "Malformed id '%%%': not an id given out by this API",
    ),
    (
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": b64("Spaceship:x")},
        "BAD_USER_INPUT",
        f"Malformed id {b64('Spaceship:x')!r}: not an id given out by this API",
    ),
    (
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": b64("Role")},
        "BAD_USER_INPUT",
        f"Malformed id {b64('Role')!r}: not an id given out by this API",
    ),
    # BAD_USER_INPUT: profiles.
    (
        "query($p: [SkillLevelInput!]!) { matchRoles(profile: $p) { score } }",
        {"p": profile(251)},
        "BAD_USER_INPUT",
        "A profile holds at most 250 skills; this one has 251",
    ),
    (
        '{ skillGap(profile: [{code: "prog", level: 2}, {code: "PROG", level: 3}], '
        'target: "engineer") { effort } }',
        None,
        "BAD_USER_INPUT",
        "Skill PROG appears twice in the profile",
    ),
    (
        "query($p: [SkillLevelInput!]!) { developmentPlan(profile: $p, "
        'target: "engineer") { effort } }',
        {"p": profile(251)},
        "BAD_USER_INPUT",
        "A profile holds at most 250 skills; this one has 251",
    ),
    (
        '{ developmentPlan(profile: [{code: "prog", level: 2}, {code: "PROG", '
        'level: 3}], target: "engineer") { effort } }',
        None,
        "BAD_USER_INPUT",
        "Skill PROG appears twice in the profile",
    ),
    (
        '{ developmentPlan(profile: [{code: "TEST", level: 8}], target: "ghost") '
        "{ effort } }",
        None,
        "BAD_USER_INPUT",
        "The level of TEST in the profile must be a level from 1 to 7, not 8",
    ),
    (
        '{ skill(code: "PROG") { resources(level: 0) { title } } }',
        None,
        "BAD_USER_INPUT",
        "level must be a level from 1 to 7, not 0",
    ),
    # BAD_USER_INPUT: variables of the wrong type.
    (
        "query($first: Int) { roles(first: $first) { totalCount } }",
        {"first": "ten"},
        "BAD_USER_INPUT",
        "Variable '$first' has invalid value: Int cannot represent non-integer "
        "value: 'ten'",
    ),
    # The GraphQL document itself.
    (
        "{ roles( }",
        None,
        "GRAPHQL_PARSE_FAILED",
        "Syntax Error: Expected Name, found '}'.",
    ),
    # A long token is quoted short: the answer never echoes 32 KB back.
    (
        '{ roles(search: "a" """' + "x" * 5000 + '""") }',
        None,
        "GRAPHQL_PARSE_FAILED",
        # 300 characters: 48 of the sentence, 247 of the token, "...'."
        "Syntax Error: Expected Name, found BlockString '" + "x" * 247 + "...'.",
    ),
    (
        "{ spaceship }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
        "Cannot query field 'spaceship' on type 'Query'.",
    ),
    (
        "{ ...Missing }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
        "Unknown fragment 'Missing'.",
    ),
    (
        "{ framework { } }",
        None,
        "GRAPHQL_VALIDATION_FAILED",
        "A selection set must select at least one field.",
    ),
    # The GraphQL spec: several operations and no operationName is an error,
    # not a silent run of the first one.
    (
        "query A { framework { name } } query B { levels { number } }",
        None,
        "BAD_REQUEST",
        "The document holds 2 operations; name the one to run with operationName",
    ),
]


@pytest.mark.parametrize(("query", "variables", "code", "message"), CASES)
def test_error_code_and_message(
    small_state: ServedState,
    query: str,
    variables: dict[str, Any] | None,
    code: str,
    message: str,
) -> None:
    answer = execute(small_state, query, variables)
    assert codes(answer) == [code]
    assert messages(answer) == [message]


def test_a_profile_of_250_is_accepted_up_to_the_codes(small_state: ServedState) -> None:
    # 250 items pass the size check; the first unknown code is then NOT_FOUND.
    answer = execute(
        small_state,
        "query($p: [SkillLevelInput!]!) { matchRoles(profile: $p) { score } }",
        {"p": profile(250)},
    )
    assert codes(answer) == ["NOT_FOUND"]


def test_unknown_single_lookups_are_null_without_error(
    small_state: ServedState,
) -> None:
    answer = execute(
        small_state,
        '{ role(slug: "ghost") { slug } skill(code: "NOPE") { code } '
        'careerPath(name: "Nope") { name } '
        f'node(id: "{b64("Role:ghost")}") {{ id }} }}',
    )
    assert answer == {
        "data": {"role": None, "skill": None, "careerPath": None, "node": None}
    }


def test_unexpected_errors_are_masked_and_logged(
    small_state: ServedState,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from competency_explorer.api import query

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(query.graph, "shared_skills", broken)
    with caplog.at_level(logging.ERROR, logger="competency_explorer.api"):
        answer = execute(
            small_state, '{ sharedSkills(a: "engineer", b: "intern") { levelA } }'
        )
    assert answer["errors"] == [
        {
            "message": INTERNAL_MESSAGE,
            "locations": [{"line": 1, "column": 3}],
            "path": ["sharedSkills"],
            "extensions": {"code": "INTERNAL_SERVER_ERROR"},
        }
    ]
    assert "secret detail" not in str(answer)
    assert "secret detail /etc/passwd" in caplog.text
    assert "Traceback" in caplog.text


def test_introspection_switched_off(small_state: ServedState) -> None:
    closed = build_schema_without_introspection()
    answer = execute(small_state, '{ __type(name: "Role") { name } }', using=closed)
    assert codes(answer) == ["INTROSPECTION_DISABLED"]
    assert messages(answer) == [
        "GraphQL introspection has been disabled, but the requested query contained "
        "the field '__type'."
    ]
    assert "errors" not in execute(small_state, '{ __type(name: "Role") { name } }')
    # Field suggestions ("Did you mean ...?") are left out too.
    answer = execute(small_state, "{ framewor { name } }", using=closed)
    assert messages(answer) == ["Cannot query field 'framewor' on type 'Query'."]
    open_answer = execute(small_state, "{ framewor { name } }")
    assert messages(open_answer) == [
        "Cannot query field 'framewor' on type 'Query'. Did you mean 'framework'?"
    ]


def build_schema_without_introspection() -> CompetencySchema:
    return build_schema(SchemaConfig(introspection=False))


def test_operation_name_picks_one_of_several(small_state: ServedState) -> None:
    answer = run(
        schema,
        small_state,
        "query A { framework { name } } query B { levels { number } }",
        operation_name="B",
    )
    assert answer == {"data": {"levels": [{"number": n} for n in range(1, 8)]}}
