"""The synthetic framework generator and the ``competency generate`` command."""

from __future__ import annotations

import collections
from pathlib import Path
from typing import Any

import pytest
import yaml

from competency_explorer.cli import main
from competency_explorer.generate import CATEGORIES, Spec, generate, write
from competency_explorer.loader import load
from competency_explorer.model import slugify

SMALL = Spec(roles=90, skills=400, requirements=2000, paths=6, seed=3)


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    return generate(SMALL)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """SMALL written once, for the tests that only read the files."""
    folder = tmp_path_factory.mktemp("small")
    write(SMALL, folder)
    return folder


def _roles(documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [role for doc in documents.values() for role in doc.get("roles", [])]


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*.yaml"))
    }


def test_same_seed_gives_byte_identical_files(written: Path, tmp_path: Path) -> None:
    write(SMALL, tmp_path)
    first, second = _files(written), _files(tmp_path)
    assert len(first) == 7  # skills.yaml and one file per path
    assert first == second


def test_another_seed_gives_other_files(written: Path, tmp_path: Path) -> None:
    write(Spec(90, 400, 2000, 6, seed=4), tmp_path)
    assert _files(written) != _files(tmp_path)


def test_counts_are_exactly_as_asked(documents: dict[str, dict[str, Any]]) -> None:
    roles = _roles(documents)
    assert len(documents["skills.yaml"]["skills"]) == 400
    assert len(roles) == 90
    assert sum(len(role["requirements"]) for role in roles) == 2000
    assert len({role["career_path"] for role in roles}) == 6


def test_every_path_has_levels_one_to_seven(
    documents: dict[str, dict[str, Any]],
) -> None:
    levels: dict[str, set[int]] = collections.defaultdict(set)
    for role in _roles(documents):
        levels[role["career_path"]].add(role["level"])
    assert all(found == set(range(1, 8)) for found in levels.values())
    assert len(levels) == 6


def test_role_titles_and_slugs_are_unique(
    documents: dict[str, dict[str, Any]],
) -> None:
    slugs = [slugify(role["title"]) for role in _roles(documents)]
    assert len(set(slugs)) == len(slugs) == 90


def test_skills_are_described_at_contiguous_levels(
    documents: dict[str, dict[str, Any]],
) -> None:
    for skill in documents["skills.yaml"]["skills"]:
        levels = list(skill["levels"])
        assert levels == list(range(levels[0], levels[-1] + 1))
        assert 2 <= len(levels) <= 5


def test_skills_use_the_six_categories(documents: dict[str, dict[str, Any]]) -> None:
    skills = documents["skills.yaml"]["skills"]
    assert {skill["category"] for skill in skills} == set(CATEGORIES)
    assert sum(len(subs) for subs in CATEGORIES.values()) == 22
    for skill in skills:
        assert skill["subcategory"] in CATEGORIES[skill["category"]]


def test_requirements_are_distinct_described_and_sorted(
    documents: dict[str, dict[str, Any]],
) -> None:
    described = {
        skill["code"]: set(skill["levels"])
        for skill in documents["skills.yaml"]["skills"]
    }
    for role in _roles(documents):
        codes = [req["code"] for req in role["requirements"]]
        assert codes == sorted(set(codes))
        for req in role["requirements"]:
            assert req["level"] in described[req["code"]]


def test_skill_popularity_is_skewed(documents: dict[str, dict[str, Any]]) -> None:
    uses = collections.Counter(
        req["code"] for role in _roles(documents) for req in role["requirements"]
    )
    ranked = sorted(uses.values(), reverse=True)
    # The most required skill is shared by most roles; the median skill by few.
    assert ranked[0] > 60
    assert ranked[len(ranked) // 2] < 5


def test_generated_framework_loads_without_problems(written: Path) -> None:
    result = load([written])
    assert result.problems == ()
    assert result.framework is not None
    assert len(result.framework.roles) == 90
    assert len(result.framework.skills) == 400
    assert len(result.framework.career_paths) == 6
    assert result.framework.name == "Synthetic framework (seed 3)"


def test_written_files_are_yaml_documents(written: Path) -> None:
    text = (written / "skills.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == generate(SMALL)["skills.yaml"]


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            Spec(roles=20, paths=3),
            "--roles must be at least 21 (7 levels on each of 3 path(s))",
        ),
        (
            Spec(roles=100, requirements=50, paths=3),
            "--requirements must be at least --roles (100)",
        ),
        (
            Spec(roles=100, skills=10, requirements=2000, paths=3),
            "--skills must be at least 20: 2000 requirements over 100 roles "
            "need 20 distinct skills for some roles",
        ),
        (Spec(paths=0), "--paths must be at least 1"),
        (Spec(tracks=9), "--tracks must be from 0 to 8 (tracks per path)"),
        (
            Spec(roles=100, requirements=2000, skills=400, paths=3, tracks=5),
            "--roles must be at least 105 for 5 tracks on each of 3 path(s)",
        ),
        (Spec(moves=-1), "--moves must be at least 0"),
    ],
)
def test_impossible_sizes_are_refused(spec: Spec, message: str) -> None:
    assert spec.check() == message
    with pytest.raises(ValueError) as raised:
        generate(spec)
    assert str(raised.value) == message


def test_command_writes_the_files(
    written: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["generate", "--roles", "90", "--skills", "400", "--requirements", "2000"]
    out = tmp_path / "out"
    code = main([*argv, "--paths", "6", "--seed", "3", "-o", str(out)])
    assert code == 0
    assert _files(out) == _files(written)
    assert capsys.readouterr().err == (
        f"wrote 7 files to {out}: 90 roles, 400 skills, 2000 requirements, "
        "6 career paths\n"
    )


def test_command_refuses_impossible_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        ["generate", "--roles", "10", "--paths", "2", "-o", "unused", "--quiet"]
    )
    assert code == 2
    assert capsys.readouterr().err == (
        "competency generate: --roles must be at least 14 (7 levels on each of "
        "2 path(s))\n"
    )


TRACKED = Spec(roles=300, skills=600, requirements=3000, paths=4, seed=5, tracks=3)


def test_tracks_only_add_a_track_to_each_middle_role() -> None:
    plain = _roles(generate(Spec(300, 600, 3000, 4, seed=5)))
    tracked_documents = generate(TRACKED)
    tracked = _roles(tracked_documents)
    # The same roles: tracks and moves draw from generators of their own.
    assert [{k: v for k, v in r.items() if k != "track"} for r in tracked] == plain
    assert {r["level"] for r in tracked if "track" not in r} == {1, 7}
    assert all("track" in r for r in tracked if r["level"] not in (1, 7))
    first = tracked_documents["paths/software-engineering.yaml"]["career_paths"][0]
    assert first["tracks"] == [
        {"name": "Backend"},
        {"name": "Frontend"},
        {"name": "Mobile"},
    ]


def test_moves_are_declared_between_paths_and_load(tmp_path: Path) -> None:
    spec = Spec(
        roles=300, skills=600, requirements=3000, paths=4, seed=5, tracks=3, moves=10
    )
    documents = generate(spec)
    moves = documents["moves.yaml"]["moves"]
    assert len(moves) == 10
    assert [isinstance(m["from"], dict) for m in moves].count(True) == 2
    write(spec, tmp_path)
    result = load([str(tmp_path)])
    assert result.errors == ()
    framework = result.framework
    assert framework is not None
    assert len(framework.tracks) == 12
    assert len(framework.moves) >= 10
    paths = {role.slug: role.career_path for role in framework.roles}
    assert all(paths[m.source] != paths[m.target] for m in framework.moves)
