"""Each limit: the default passes, one more is refused with its code; all configurable.

The HTTP-only limits (body size, batching) are in tests/test_api_http.py.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from graphql import parse

from api_support import codes, execute, messages
from competency_explorer.api import (
    CompetencySchema,
    Limits,
    SchemaConfig,
    ServedState,
    build_schema,
)
from competency_explorer.api.codes import LIMIT_CODES
from competency_explorer.api.limits import document_problem
from competency_explorer.api.measure import measure
from competency_explorer.api.schema import schema


def with_limits(**values: Any) -> CompetencySchema:
    return build_schema(SchemaConfig(limits=Limits(**values)))


def chain(levels: int) -> str:
    """A query whose fields nest ``levels`` deep, the scalar leaf included."""
    fields = ['role(slug: "engineer")'] + ["careerPath", "roles"] * 10
    query = "slug" if (levels - 2) % 2 == 0 else "name"
    for field in reversed(fields[: levels - 1]):
        query = f"{field} {{ {query} }}"
    return "{ " + query + " }"


def test_the_defaults() -> None:
    assert Limits() == Limits(
        max_depth=12,
        max_aliases=15,
        max_tokens=2000,
        max_fields=2000,
        max_repeats=10,
        max_items=50_000,
        max_first=100,
        max_limit=100,
        max_profile=250,
        max_body_bytes=1_000_000,
        batching=False,
        max_batch=10,
        max_cost=200_000,
        max_query_chars=32_768,
        max_seconds=2.0,
        client_timeout=10.0,
        max_connections=256,
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [("max_seconds", 0), ("max_seconds", -1.5), ("client_timeout", float("nan"))],
)
def test_seconds_must_be_above_zero(name: str, value: float) -> None:
    with pytest.raises(
        ValueError,
        match=f"limit {name} must be a number of seconds above 0, not {value!r}",
    ):
        Limits(**{name: value})


def test_every_limit_has_a_code() -> None:
    assert set(LIMIT_CODES) == {field.name for field in dataclasses.fields(Limits)}


@pytest.mark.parametrize("name", ["max_depth", "max_first", "max_body_bytes"])
def test_limits_must_be_positive(name: str) -> None:
    with pytest.raises(ValueError, match=f"limit {name} must be at least 1, not 0"):
        Limits(**{name: 0})


def test_depth(small_state: ServedState) -> None:
    # Depth counts the levels below a top-level field that have a selection:
    # 13 fields deep (12 selections) passes, 14 does not.
    assert "errors" not in execute(small_state, chain(13))
    answer = execute(small_state, chain(14))
    assert codes(answer) == ["QUERY_TOO_DEEP"]
    assert messages(answer) == ["'anonymous' exceeds maximum operation depth of 12"]
    shallow = with_limits(max_depth=2)
    assert "errors" not in execute(small_state, chain(3), using=shallow)
    assert codes(execute(small_state, chain(4), using=shallow)) == ["QUERY_TOO_DEEP"]


def test_depth_ignores_introspection(small_state: ServedState) -> None:
    deep = "{ __schema { types { fields { type { ofType { ofType { ofType { name } "
    deep += "} } } } } } }"
    assert "errors" not in execute(small_state, deep, using=with_limits(max_depth=2))


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: framework {{ name }}" for i in range(count)) + " }"


def test_aliases(small_state: ServedState) -> None:
    assert "errors" not in execute(small_state, aliases(15))
    answer = execute(small_state, aliases(16))
    assert codes(answer) == ["TOO_MANY_ALIASES"]
    assert messages(answer) == ["16 aliases found. Allowed: 15"]
    assert codes(
        execute(small_state, aliases(3), using=with_limits(max_aliases=2))
    ) == ["TOO_MANY_ALIASES"]


def test_tokens(small_state: ServedState) -> None:
    # Each "roleCount" adds one token to the six of "{ framework { name } }".
    def tokens(count: int) -> str:
        return "{ framework { name " + "roleCount " * (count - 6) + "} }"

    few = with_limits(max_tokens=10, max_repeats=100)
    assert "errors" not in execute(small_state, tokens(10), using=few)
    answer = execute(small_state, tokens(11), using=few)
    assert codes(answer) == ["TOO_MANY_TOKENS"]
    assert messages(answer) == [
        "Syntax Error: Document contains more than 10 tokens. Parsing aborted."
    ]
    long = "{ " + "framework { name } " * 500 + "}"
    assert codes(execute(small_state, long)) == ["TOO_MANY_TOKENS"]


def fragment_bomb(levels: int) -> str:
    """Each fragment spreads the next twice: 2 ** levels fields from a short text."""
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    last = f"fragment F{levels} on Query {{ framework {{ name }} }}"
    return f"{{ ...F0 }} {fragments} {last}"


def test_fields_with_fragments_expanded(small_state: ServedState) -> None:
    # 2 ** 10 spreads of a fragment holding two fields: 2048 fields.
    answer = execute(small_state, fragment_bomb(10))
    assert codes(answer) == ["QUERY_TOO_COMPLEX"]
    assert messages(answer) == [
        "The document has 2048 fields once its fragments are expanded; "
        "at most 2000 are allowed"
    ]
    # A hundred levels would be 2 ** 101 fields: refused at once, not walked.
    assert messages(execute(small_state, fragment_bomb(100))) == [
        "The document has more than 10^9 fields once its fragments are expanded; "
        "at most 2000 are allowed"
    ]
    three = with_limits(max_fields=3)
    assert "errors" not in execute(
        small_state, "{ framework { name roleCount } }", using=three
    )
    assert codes(
        execute(small_state, "{ framework { name roleCount skillCount } }", using=three)
    ) == ["QUERY_TOO_COMPLEX"]


def repeated(count: int) -> str:
    return "{ " + "framework { name } " * count + "}"


def test_repeated_fields(small_state: ServedState) -> None:
    # graphql-core compares same-named fields pairwise: bounded here first.
    assert "errors" not in execute(small_state, repeated(10))
    answer = execute(small_state, repeated(11))
    assert codes(answer) == ["QUERY_TOO_COMPLEX"]
    assert messages(answer) == [
        "The field 'framework' appears 11 times in one selection set; "
        "at most 10 are allowed"
    ]
    # Fragments and inline fragments count towards the selection they join.
    spread = (
        "{ ...A ... on Query { framework { name } } } fragment A on Query { "
        + "framework { name } " * 10
        + "}"
    )
    assert codes(execute(small_state, spread)) == ["QUERY_TOO_COMPLEX"]


def test_items_in_one_answer(small_state: ServedState) -> None:
    small = with_limits(max_items=10)
    # Nine edges pass; their requirements (14 more) would not.
    page = "{ roles { edges { node { slug } } } }"
    assert "errors" not in execute(small_state, page, using=small)
    answer = execute(
        small_state,
        "{ roles { edges { node { requirements { level } } } } }",
        using=small,
    )
    assert set(codes(answer)) == {"RESULT_TOO_LARGE"}
    assert messages(answer)[0] == (
        "The answer would hold more than 10 list items; ask for fewer items "
        "(smaller first or limit) or less nesting"
    )


def test_first_limit_and_profile_are_configurable(small_state: ServedState) -> None:
    tight = with_limits(max_first=5, max_limit=2, max_profile=1)
    # Defaults above a lowered maximum shrink to it rather than failing.
    page = execute(small_state, "{ roles { edges { node { slug } } } }", using=tight)
    assert len(page["data"]["roles"]["edges"]) == 5
    one = '{ matchRoles(profile: [{code: "PROG", level: 2}]) { score } }'
    assert len(execute(small_state, one, using=tight)["data"]["matchRoles"]) == 2
    assert messages(
        execute(small_state, "{ roles(first: 6) { totalCount } }", using=tight)
    ) == ["first must be between 0 and 5, not 6"]
    assert messages(
        execute(
            small_state,
            '{ matchRoles(profile: [{code: "PROG", level: 2}], limit: 3) { score } }',
            using=tight,
        )
    ) == ["limit must be between 1 and 2, not 3"]
    two = '[{code: "PROG", level: 2}, {code: "TEST", level: 2}]'
    assert messages(
        execute(
            small_state, f"{{ matchRoles(profile: {two}) {{ score }} }}", using=tight
        )
    ) == ["A profile holds at most 1 skills; this one has 2"]


def test_a_fragment_chain_too_long_to_measure_is_refused() -> None:
    # Within the token limit a chain holds about 250 fragments, which the
    # walk follows; a longer one (without that limit) would overflow the
    # stack: refused, not a crash.
    found = measure(parse(chain_of(1500)), schema._schema, Limits())
    assert found.too_nested
    assert document_problem(found, None, Limits()) == (
        "The document's fragments spread each other too deeply to be measured",
        "QUERY_TOO_DEEP",
    )
    assert not measure(parse(chain_of(200)), schema._schema, Limits()).too_nested


def chain_of(count: int) -> str:
    spreads = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} }}" for i in range(count)
    )
    return (
        f"{{ ...F0 }} {spreads} fragment F{count} on Query {{ framework {{ name }} }}"
    )
