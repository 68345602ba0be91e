"""The result cache, the document caches behind the limits, and the collector."""

from __future__ import annotations

import gc
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from starlette.testclient import TestClient

from competency_explorer.api import (
    CompetencySchema,
    Limits,
    SchemaConfig,
    ServedState,
    StateHolder,
    build_schema,
)
from competency_explorer.api.documents import DocumentCache, documents
from competency_explorer.api.results import (
    _TOKENS,
    ENTRY_OVERHEAD,
    ResultCache,
    normalise,
)
from competency_explorer.api.schema import run_json
from competency_explorer.app import create_app
from competency_explorer.collector import paused, refreeze_after_swap
from competency_explorer.loader import load_or_raise
from competency_explorer.model import Framework
from competency_explorer.reload import Reloader

ROLE = "query Role($slug: String!) { role(slug: $slug) { title level { number } } }"
TWO = (
    "query Title($slug: String!) { role(slug: $slug) { title } } "
    "query Level($slug: String!) { role(slug: $slug) { level { number } } }"
)


@pytest.fixture
def state(small_framework: Framework) -> ServedState:
    """A state of its own for each test: its caches start empty."""
    return ServedState.build(small_framework)


@pytest.fixture
def schema() -> CompetencySchema:
    return build_schema()


def test_a_repeated_query_is_answered_with_the_very_same_bytes(
    state: ServedState, schema: CompetencySchema
) -> None:
    first, code = run_json(schema, state, ROLE, {"slug": "engineer"})
    assert (orjson.loads(first), code) == (
        {"data": {"role": {"title": "Engineer", "level": {"number": 3}}}},
        None,
    )
    again, _ = run_json(schema, state, ROLE, {"slug": "engineer"})
    assert again is first
    assert len(state.results(schema)) == 1


@pytest.mark.parametrize(
    "spelling",
    [
        "query Role($slug: String!) {\n  role(slug: $slug) {\n    title\n"
        "    level { number }\n  }\n}\n",
        "query Role($slug: String!) { role(slug: $slug) { title, level { number } } }",
        "# a comment\nquery Role($slug: String!) { role(slug: $slug) { title "
        "level { number } } } # another",
    ],
)
def test_spacing_commas_and_comments_share_one_answer(
    state: ServedState, schema: CompetencySchema, spelling: str
) -> None:
    first, _ = run_json(schema, state, ROLE, {"slug": "engineer"})
    same, _ = run_json(schema, state, spelling, {"slug": "engineer"})
    assert same is first
    assert len(state.results(schema)) == 1


@pytest.mark.parametrize(
    ("variables", "operation", "expected"),
    [
        ({"slug": "team-lead"}, "Title", {"role": {"title": "Team Lead"}}),
        ({"slug": "engineer"}, "Level", {"role": {"level": {"number": 3}}}),
    ],
)
def test_other_variables_or_operation_name_miss(
    state: ServedState,
    schema: CompetencySchema,
    variables: dict[str, Any],
    operation: str,
    expected: dict[str, Any],
) -> None:
    run_json(schema, state, TWO, {"slug": "engineer"}, "Title")
    body, _ = run_json(schema, state, TWO, variables, operation)
    assert orjson.loads(body) == {"data": expected}
    assert len(state.results(schema)) == 2


def test_variables_are_keyed_whatever_their_order(
    state: ServedState, schema: CompetencySchema
) -> None:
    query = (
        "query S($a: String!, $b: String!) { sharedSkills(a: $a, b: $b) { levelA } }"
    )
    first, _ = run_json(schema, state, query, {"a": "engineer", "b": "team-lead"})
    same, _ = run_json(schema, state, query, {"b": "team-lead", "a": "engineer"})
    assert same is first


@pytest.mark.parametrize(
    ("query", "normal"),
    [
        ("{ a  b }", "{ a b }"),
        # Unterminated strings (no valid document has one) are kept as they are.
        ('{ a(s: "x  y', '{ a(s: "x  y'),
        ('{ a(s: "x  y\n  b }', '{ a(s: "x  y b }'),
        ('{ a(s: """x  \n  y', '{ a(s: """x  \n  y'),
        ("{a,b}", "{a b}"),
        ("#c\n{a}\n", "{a}"),
        # Strings keep their spaces, commas and hashes.
        ('{ a(s: "x  ,# y") }', '{ a(s: "x  ,# y") }'),
        ('{ a(s: "x\\"  y") }', '{ a(s: "x\\"  y") }'),
        ('{ a(s: """  x \\"""  y\n z""") }', '{ a(s: """  x \\"""  y\n z""") }'),
    ],
)
def test_normalise(query: str, normal: str) -> None:
    assert normalise(query) == normal


@pytest.mark.parametrize(
    ("attack", "unmatched"),
    [
        # Each quote opened a string that ran to the end of the text without
        # closing; the pattern then tried again from the next quote: 8,000
        # of these took 12.8 s before the document was parsed. (The last
        # backslash escapes nothing, and is no token.)
        ('"\\' * 8000, 1),
        ('"""' + '\\"""' * 4000, 0),
        ('"' + "x" * 16_000, 0),
    ],
    ids=["quote-backslash", "escaped-block-quotes", "one-long-unclosed-string"],
)
def test_normalise_scans_an_unterminated_string_once(
    attack: str, unmatched: int
) -> None:
    # One match from the first quote to the end: nothing is scanned twice.
    spans = [m.span() for m in _TOKENS.finditer(attack)]
    assert spans == [(0, len(attack) - unmatched)]
    started = time.perf_counter()
    assert normalise(attack) == attack
    print(
        f"\nnormalise({len(attack)} characters): "
        f"{(time.perf_counter() - started) * 1000:.2f} ms"
    )


def test_the_quadratic_attack_is_a_parse_error_over_http(state: ServedState) -> None:
    # The issue's request: {"query": "\"\\" * 8000}, 16,000 characters.
    with TestClient(create_app(state)) as client:
        started = time.perf_counter()
        response = client.post("/graphql", json={"query": '"\\' * 8000})
        elapsed = time.perf_counter() - started
    print(f"\nanswered in {elapsed * 1000:.1f} ms")
    assert response.status_code == 200
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    assert error["message"] == "Syntax Error: Invalid character escape sequence: '\\'."


def test_answers_with_errors_are_not_kept(
    state: ServedState, schema: CompetencySchema
) -> None:
    query = 'query S($a: String!) { sharedSkills(a: $a, b: "engineer") { levelA } }'
    body, code = run_json(schema, state, query, {"a": "nobody"})
    assert code == "NOT_FOUND"
    again, _ = run_json(schema, state, query, {"a": "nobody"})
    assert again == body and again is not body
    assert len(state.results(schema)) == 0


def test_errors_keep_the_locations_of_the_text_sent(
    state: ServedState, schema: CompetencySchema
) -> None:
    # Normalised alike, but their errors point at different columns.
    answers = [
        orjson.loads(run_json(schema, state, text)[0])
        for text in ("{ nothing }", "{   nothing }")
    ]
    assert [a["errors"][0]["locations"] for a in answers] == [
        [{"line": 1, "column": 3}],
        [{"line": 1, "column": 5}],
    ]


def fragment_bomb(levels: int) -> str:
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    last = f"fragment F{levels} on Query {{ framework {{ name }} }}"
    return f"{{ ...F0 }} {fragments} {last}"


@pytest.mark.parametrize(
    ("limits", "query", "code"),
    [
        ({}, fragment_bomb(10), "QUERY_TOO_COMPLEX"),
        ({}, "{ " + "framework { name } " * 11 + "}", "QUERY_TOO_COMPLEX"),
        ({}, "query A { levels { number } } query B { levels { name } }",
         "BAD_REQUEST"),
        ({"max_cost": 10}, "{ roles(first: 100) { edges { node { slug } } } }",
         "QUERY_TOO_COSTLY"),
        ({"max_depth": 2}, "{ levels { roles { level { number } } } }",
         "QUERY_TOO_DEEP"),
    ],
)  # fmt: skip
def test_a_refused_document_is_refused_every_time(
    state: ServedState, limits: dict[str, int], query: str, code: str
) -> None:
    schema = build_schema(SchemaConfig(limits=Limits(**limits)))
    codes = [run_json(schema, state, query)[1] for _ in range(3)]
    assert codes == [code, code, code]
    assert len(state.results(schema)) == 0


def test_the_guards_run_before_the_validation_cache(
    state: ServedState, schema: CompetencySchema
) -> None:
    documents.clear()
    for _ in range(2):
        run_json(schema, state, fragment_bomb(10))
    # Refused before validation both times: never validated.
    assert documents.validations == 0
    for slug in ("engineer", "team-lead"):
        run_json(schema, state, ROLE, {"slug": slug})
    # The second request reused the first one's parse and validation (same
    # rule classes).
    assert (documents.validations, documents.hits) == (1, 2)


def test_each_schema_has_its_own_answers(state: ServedState) -> None:
    # Over one state, a schema with stricter limits must not be answered from
    # a looser one's cache.
    query = "{ levels { roles { level { number } } } }"
    loose = build_schema()
    strict = build_schema(SchemaConfig(limits=Limits(max_depth=2)))
    assert run_json(loose, state, query)[1] is None
    assert run_json(strict, state, query)[1] == "QUERY_TOO_DEEP"


def kept(cache: ResultCache, count: int) -> list[bytes | None]:
    return [cache.get(f"{{ q{i} }}", None, None) for i in range(count)]


def test_the_cache_evicts_the_least_recently_used() -> None:
    cache = ResultCache(max_entries=2)
    cache.put("{ q0 }", None, None, b"1")
    cache.put("{ q1 }", None, None, b"2")
    assert cache.get("{ q0 }", None, None) == b"1"  # q0 is now the newest
    cache.put("{ q2 }", None, None, b"3")
    assert kept(cache, 3) == [b"1", None, b"3"]


def test_the_cache_is_bounded_in_bytes() -> None:
    # Each "{ qN }" is its own normal form: kept once, in the normal-form map
    # and as the key of its answer.
    text = sys.getsizeof("{ q0 }")
    normal_entry = text + ENTRY_OVERHEAD
    answer_entry = text + ENTRY_OVERHEAD  # plus the answer's bytes
    budget = 2 * (normal_entry + answer_entry + 40) + normal_entry + 60
    cache = ResultCache(
        max_bytes=budget, max_answer_bytes=60, max_normal_bytes=3 * normal_entry
    )
    cache.put("{ q0 }", None, None, b"x" * 40)
    cache.put("{ q1 }", None, None, b"y" * 40)
    two = 2 * (normal_entry + answer_entry + 40)
    assert (len(cache), cache.size) == (2, two)
    cache.put("{ q2 }", None, None, b"z" * 61)  # larger than one answer may be
    assert (len(cache), cache.size) == (2, two + normal_entry)
    cache.put("{ q2 }", None, None, b"z" * 50)  # pushes the oldest out
    assert (len(cache), cache.size) == (2, two - 40 + 50 + normal_entry)
    assert kept(cache, 3) == [None, b"y" * 40, b"z" * 50]


EMOJI = "\U0001f600"


def test_keys_are_counted_in_memory_not_characters() -> None:
    # A text with one emoji takes 4 bytes a character in memory: 4,500
    # distinct queries of 16,300 emoji grew the server by 590 MB when keys
    # were counted in characters and the normal-form map not at all. Here:
    # 2,000 queries of 1,000 emoji (4 KB each) against a 1 MB cache.
    cache = ResultCache(max_bytes=1024 * 1024)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(2000):
            query = f'{{ q{i}(s: "{EMOJI * 1000}") }}'
            cache.get(query, None, None)
            cache.put(query, None, None, b"{}")
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert cache.size <= cache.max_bytes
    assert cache._normal_size <= cache.max_bytes // 8
    # What the cache counts is what it holds, to within a tenth.
    assert held <= 1.1 * cache.max_bytes
    assert abs(held - cache.size) <= 0.1 * cache.size


def test_a_key_of_more_than_16_kib_in_memory_bypasses_the_cache() -> None:
    cache = ResultCache()
    query = f'{{ q(s: "{EMOJI * 4100}") }}'  # 4,100 characters, 16.4 KB
    assert cache.key(query, None, None) is None
    assert cache.get(query, None, None) is None
    assert (cache.size, len(cache._normal)) == (0, 0)


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ framework { name } }" + " " * 20_000, None),
        ("{ framework { name } }", {"long": "x" * 20_000}),
        ("{ framework { name } }", {"huge": 2**70}),
    ],
)
def test_large_or_odd_requests_bypass_the_cache(
    query: str, variables: dict[str, Any] | None
) -> None:
    cache = ResultCache()
    assert cache.key(query, variables, None) is None
    cache.put(query, variables, None, b"{}")
    assert (len(cache), cache.get(query, variables, None)) == (0, None)


def test_a_reload_serves_a_new_state_with_an_empty_cache(tmp_path: Path) -> None:
    folder = tmp_path / "framework"
    folder.mkdir()
    (folder / "framework.yaml").write_text(
        "name: One\nskills:\n  - code: PROG\n    name: Programming\n"
        "    category: Development\n    levels: {3: Builds features.}\n"
        "roles:\n  - title: Developer\n    level: 3\n    career_path: Technical\n"
        "    requirements: [{code: PROG}]\n",
        encoding="utf-8",
    )
    holder = StateHolder(ServedState.build(load_or_raise([str(folder)])))
    reloader = Reloader(holder, [str(folder)])
    app = create_app(holder)
    query = {"query": "{ framework { name } }"}
    with TestClient(app) as client:
        assert client.post("/graphql", json=query).json() == {
            "data": {"framework": {"name": "One"}}
        }
        before = holder.current
        assert len(before.results(app.state.schema)) == 1
        text = (folder / "framework.yaml").read_text(encoding="utf-8")
        (folder / "framework.yaml").write_text(
            text.replace("name: One", "name: Two"), encoding="utf-8"
        )
        assert reloader.reload() is True
        assert len(holder.current.results(app.state.schema)) == 0
        assert client.post("/graphql", json=query).json() == {
            "data": {"framework": {"name": "Two"}}
        }
    assert holder.current is not before


def test_http_answers_a_repeat_with_the_same_bytes(state: ServedState) -> None:
    app = create_app(state)
    body = {"query": ROLE, "variables": {"slug": "engineer"}}
    with TestClient(app) as client:
        first = client.post("/graphql", json=body)
        again = client.get(
            "/graphql",
            params={"query": ROLE, "variables": '{"slug": "engineer"}'},
        )
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content
    assert first.headers["content-type"] == "application/json"
    assert len(state.results(app.state.schema)) == 1


def test_a_batch_is_answered_from_the_cache_too(state: ServedState) -> None:
    app = create_app(state, limits=Limits(batching=True))
    one = {"query": ROLE, "variables": {"slug": "engineer"}}
    with TestClient(app) as client:
        answer = client.post("/graphql", json=[one, {"query": ""}, one])
    engineer = {"data": {"role": {"title": "Engineer", "level": {"number": 3}}}}
    assert answer.json() == [
        engineer,
        {
            "data": None,
            "errors": [
                {
                    "message": "The request has no 'query' (a GraphQL document "
                    "as a string)",
                    "extensions": {"code": "BAD_REQUEST"},
                }
            ],
        },
        engineer,
    ]
    assert len(state.results(app.state.schema)) == 1


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_paused_restores_the_collector_and_nests() -> None:
    with paused():
        assert gc.isenabled() is False
        with paused():
            assert gc.isenabled() is False
        assert gc.isenabled() is False
    assert gc.isenabled() is True
    gc.disable()
    with paused():
        pass
    assert gc.isenabled() is False


def test_refreeze_does_nothing_where_nothing_was_frozen() -> None:
    assert gc.get_freeze_count() == 0
    refreeze_after_swap()
    assert gc.get_freeze_count() == 0


def test_parsed_documents_are_bounded_by_their_tokens() -> None:
    cache = DocumentCache(max_tokens=100)
    for i in range(10):
        cache.parsed(f"{{ a{i} {{ b c d e f g h i j k l m n o }} }}", {})  # 21 tokens
    assert (len(cache), cache.tokens) == (4, 84)
    # Too many tokens, or a text too big in memory: parsed, never kept.
    cache.parsed("{ " + " ".join(["x"] * 120) + " }", {})
    cache.parsed(f'{{ a(s: "{EMOJI * 4100}") }}', {})
    assert (len(cache), cache.tokens) == (4, 84)


def test_parsed_documents_stay_within_their_memory() -> None:
    # A parsed document takes about 600 bytes a token: 512 documents of
    # 2,000 tokens, as many as the cache used to keep whatever their size,
    # were 600 MB. Twelve distinct ones here (2,001 tokens each, start and end
    # included: 14 MB parsed) against a budget of 5,000 tokens: two are kept.
    cache = DocumentCache(max_tokens=5000)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(12):
            cache.parsed(f"{{ a{i}: " + "x " * 1995 + "}", {"max_tokens": 2000})
        # What only the collector would free is not held (earlier tests may
        # have left the collector paused or its thresholds far off).
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert (len(cache), cache.tokens) == (2, 4002)
    # Within 1 KB a token of the budget, texts and all.
    assert held < 5000 * 1024, f"{held / 2**20:.1f} MiB"
