"""File discovery and loading: what the loader does before any format parses."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from competency_explorer.errors import Problem
from competency_explorer.loader import discover, load


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere")
    result = load([missing])
    assert Problem(missing, 0, "error", "no such file or folder") in result.problems
    assert not result.ok


def test_empty_folder_is_an_empty_framework(tmp_path: Path) -> None:
    result = load([str(tmp_path)])
    assert [str(p) for p in result.problems] == [
        f"{tmp_path}:0: error: the framework is empty: no roles and no skills found"
    ]


def test_unknown_extension_given_explicitly(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("hello\n", encoding="utf-8")
    result = load([str(notes)])
    assert (
        f"{notes}:0: error: unknown file type; expected .md, .yaml, .yml, .json, "
        ".csv or .xlsx" in [str(p) for p in result.problems]
    )


def test_symlink_loop_is_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    os.symlink(folder, folder / "loop")
    problems: list[Problem] = []
    assert discover([str(folder)], problems) == []
    assert problems == [
        Problem(
            str(folder / "loop"), 0, "warning", "symbolic link loop; folder skipped"
        )
    ]


def symlink_fan_out(root: Path, levels: int) -> Path:
    """Folder d0 holds two links to d1, d1 two to d2, ...: 2^levels paths to
    the last folder, which holds one skill file."""
    for level in range(levels + 1):
        (root / f"d{level}").mkdir()
    for level in range(levels):
        for name in ("a", "b"):
            os.symlink(root / f"d{level + 1}", root / f"d{level}" / name)
    (root / f"d{levels}" / "skills.yaml").write_text("skills: []\n", encoding="utf-8")
    return root / "d0"


def test_a_symlink_fan_out_reads_each_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # At 12 levels, reading every path to every folder took `validate` 25 s;
    # at 16 it had printed nothing after 120 s.
    top = symlink_fan_out(tmp_path, 16)
    scanned: list[str] = []
    scandir = os.scandir

    def counting(path: Any) -> Any:
        scanned.append(os.path.realpath(path))
        return scandir(path)

    monkeypatch.setattr("competency_explorer.loader.os.scandir", counting)
    problems: list[Problem] = []
    found = discover([str(top)], problems)
    assert sorted(scanned) == sorted(str(tmp_path / f"d{i}") for i in range(17))
    assert found == [os.path.join(str(top), *["a"] * 16, "skills.yaml")]
    assert problems == []


def test_broken_symlink_is_an_error(tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone.md", tmp_path / "role.md")
    problems: list[Problem] = []
    assert discover([str(tmp_path)], problems) == []
    assert problems == [
        Problem(str(tmp_path / "role.md"), 0, "error", "broken symbolic link")
    ]


def test_discovery_is_sorted_recursive_and_skips_hidden_and_readmes(
    tmp_path: Path,
) -> None:
    for name in ["b/z.yaml", "a.md", "b/a.yml", ".hidden/x.md", "README.md", "c.txt"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    root = str(tmp_path)
    assert discover([root], []) == [
        os.path.join(root, "a.md"),
        os.path.join(root, "b", "a.yml"),
        os.path.join(root, "b", "z.yaml"),
    ]


def test_a_file_given_twice_is_read_once(tmp_path: Path) -> None:
    card = tmp_path / "x.yaml"
    card.write_text("", encoding="utf-8")
    assert discover([str(card), str(tmp_path)], []) == [str(card)]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root can read any file, so the permission error is simulated.
    card = tmp_path / "role.yaml"
    card.write_text("name: x\n", encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == card:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    result = load([str(card)])
    assert f"{card}:0: error: cannot read file: Permission denied" in [
        str(p) for p in result.problems
    ]


def test_framework_name_falls_back_to_the_first_path(tmp_path: Path) -> None:
    folder = tmp_path / "acme-careers"
    folder.mkdir()
    assert load([str(folder)]).framework is not None
    assert load([str(folder)]).framework.name == "acme-careers"  # type: ignore[union-attr]
