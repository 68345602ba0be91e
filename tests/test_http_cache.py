"""ETags, Cache-Control and If-None-Match for GET answers; the framework digest."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

from competency_explorer import http_cache
from competency_explorer.http_cache import (
    cache_control,
    etag,
    framework_digest,
    matches,
)
from competency_explorer.loader import load_or_raise
from competency_explorer.model import Framework

QUERY = "{ levels { number } }"


def test_cache_control() -> None:
    assert cache_control(60) == "public, max-age=60"
    assert cache_control(1) == "public, max-age=1"
    assert cache_control(0) == "no-cache"


def test_an_etag_is_strong_and_names_everything_the_answer_depends_on() -> None:
    tag = etag("f1", "application/json", QUERY, None, None)
    assert tag.startswith('"') and tag.endswith('"') and len(tag) == 34
    assert etag("f1", "application/json", QUERY, None, None) == tag
    others = {
        etag("f2", "application/json", QUERY, None, None),
        etag("f1", "application/graphql-response+json", QUERY, None, None),
        etag("f1", "application/json", QUERY + " ", None, None),
        etag("f1", "application/json", QUERY, {"a": 1}, None),
        etag("f1", "application/json", QUERY, None, "Levels"),
    }
    assert tag not in others and len(others) == 5
    # Variables are a JSON object: their order does not matter.
    assert etag("f", "m", QUERY, {"a": 1, "b": 2}, None) == etag(
        "f", "m", QUERY, {"b": 2, "a": 1}, None
    )


def test_the_program_version_is_part_of_the_etag(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = etag("f", "m", QUERY, None, None)
    monkeypatch.setattr(http_cache, "__version__", "99.0")
    assert etag("f", "m", QUERY, None, None) != before


@pytest.mark.parametrize(
    ("header", "matched"),
    [
        (None, False),
        ("", False),
        ('"abc"', True),
        ('W/"abc"', True),
        ('"x", "abc"', True),
        ('"x",W/"abc" ', True),
        ("*", True),
        ('"abcd"', False),
        ("abc", False),
    ],
)
def test_if_none_match(header: str | None, matched: bool) -> None:
    assert matches(header, '"abc"') is matched


def test_equal_frameworks_have_one_digest_and_a_change_another() -> None:
    first = load_or_raise()
    again = load_or_raise()
    assert first == again and first is not again
    assert framework_digest(first) == framework_digest(again)
    renamed = dataclasses.replace(first, name=first.name + " 2")
    assert framework_digest(renamed) != framework_digest(first)
    role = first.roles[0]
    changed = dataclasses.replace(
        first,
        roles=(dataclasses.replace(role, summary="Another summary."), *first.roles[1:]),
    )
    assert framework_digest(changed) != framework_digest(first)


def test_the_digest_is_the_same_in_every_process() -> None:
    # Workers and machines serving the same files must agree: no hash seed,
    # no memory address, no file path is part of it.
    script = (
        "from competency_explorer.loader import load_or_raise;"
        "from competency_explorer.http_cache import framework_digest;"
        "print(framework_digest(load_or_raise()))"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert digests == {framework_digest(load_or_raise()) + "\n"}


def test_the_digest_ignores_where_things_were_read(small_framework: Framework) -> None:
    moved = dataclasses.replace(
        small_framework,
        roles=tuple(dataclasses.replace(r, source=None) for r in small_framework.roles),
    )
    assert moved == small_framework
    assert framework_digest(moved) == framework_digest(small_framework)
