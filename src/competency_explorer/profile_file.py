"""Read a person's profile from a file: the front end's JSON export, or YAML.

Two shapes are accepted:

- the export of "My skills" (JSON): ``{"skills": [{"code", "level"}, ...],
  "target": slug, "notes": {code: text}}``, other keys ignored;
- a plain list of ``{code, level}`` (YAML or JSON), or a mapping with
  ``skills:`` as above, written by hand.

Every problem raises ProfileFileError with a message naming the file and,
for YAML (and JSON, which YAML reads too), the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .model import LEVEL_NUMBERS, normalise_code
from .sources.drafts import SourceResult
from .sources.files import decode_utf8, read_bytes

#: As many skills as the API takes in one profile (Limits.max_profile).
MAX_SKILLS = 250


class ProfileFileError(ValueError):
    """The profile file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class ProfileSkill:
    code: str  # upper case
    level: int
    line: int  # 0 when the file's lines are not known


@dataclass(frozen=True, slots=True)
class Profile:
    """What a profile file holds: skills with levels, a target, notes by code."""

    path: str
    skills: tuple[ProfileSkill, ...]
    target: str | None = None
    notes: dict[str, str] = field(default_factory=dict)


def read_profile(path: str) -> Profile:
    result = SourceResult(path)
    data = read_bytes(Path(path), result)
    text = decode_utf8(data, result) if data is not None else None
    if text is None:
        problem = result.problems[0]
        where = f"{path}:{problem.line}" if problem.line else path
        raise ProfileFileError(f"{where}: {problem.message}")
    value, lines = _parse(path, text)
    return _profile(path, value, lines)


def _parse(path: str, text: str) -> tuple[Any, list[int]]:
    """The file's value, and the line of each skill entry when YAML read it.

    YAML reads JSON too and knows the lines; Python's json module is the
    fallback for the rare JSON that YAML 1.1 does not read.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        value = SafeConstructor().construct_document(root) if root else None
        return value, _entry_lines(root)
    except RecursionError:
        raise ProfileFileError(f"{path}: nested too deeply to read") from None
    except yaml.YAMLError as yaml_error:
        try:
            return json.loads(text), []
        except RecursionError:
            raise ProfileFileError(f"{path}: nested too deeply to read") from None
        except json.JSONDecodeError as json_error:
            if path.lower().endswith(".json"):
                raise ProfileFileError(
                    f"{path}:{json_error.lineno}: not valid JSON: {json_error.msg}"
                ) from None
            line = _yaml_line(yaml_error)
            raise ProfileFileError(
                f"{path}:{line}: not valid YAML: {_yaml_problem(yaml_error)}"
            ) from None


def _entry_lines(root: Node | None) -> list[int]:
    entries: Node | None = root
    if isinstance(root, MappingNode):
        entries = next(
            (
                value
                for key, value in root.value
                if isinstance(key, ScalarNode) and key.value == "skills"
            ),
            None,
        )
    if not isinstance(entries, SequenceNode):
        return []
    return [entry.start_mark.line + 1 for entry in entries.value]


def _yaml_line(error: yaml.YAMLError) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 0


def _yaml_problem(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", None)
    return str(problem) if problem else str(error).splitlines()[0]


def _profile(path: str, value: Any, lines: list[int]) -> Profile:
    target: str | None = None
    notes: dict[str, str] = {}
    if isinstance(value, dict):
        if "skills" not in value:
            raise ProfileFileError(
                f"{path}: no 'skills' list; expected the export of My skills or a "
                "list of {code, level}"
            )
        target = _target(path, value.get("target"))
        notes = _notes(path, value.get("notes"))
        value = value["skills"]
    if value is None:
        value = []
    if not isinstance(value, list):
        raise ProfileFileError(
            f"{path}: expected a list of {{code, level}}, not {_kind(value)}"
        )
    if len(value) > MAX_SKILLS:
        raise ProfileFileError(
            f"{path}: a profile holds at most {MAX_SKILLS} skills; this one has "
            f"{len(value)}"
        )
    skills: list[ProfileSkill] = []
    first: dict[str, str] = {}
    for index, entry in enumerate(value):
        line = lines[index] if index < len(lines) else 0
        where = f"{path}:{line}" if line else f"{path}: skill {index + 1}"
        skill = _skill(where, entry, line)
        if skill.code in first:
            raise ProfileFileError(
                f"{where}: skill {skill.code} is given twice (first at "
                f"{first[skill.code]})"
            )
        first[skill.code] = f"line {line}" if line else f"skill {index + 1}"
        skills.append(skill)
    return Profile(path, tuple(skills), target, notes)


def _skill(where: str, entry: Any, line: int) -> ProfileSkill:
    if not isinstance(entry, dict):
        raise ProfileFileError(
            f"{where}: each skill must be a mapping of code and level, not "
            f"{_kind(entry)}"
        )
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        raise ProfileFileError(f"{where}: a skill needs a code (text such as PROG)")
    code = normalise_code(code)
    level = entry.get("level")
    if isinstance(level, bool) or not isinstance(level, int):
        raise ProfileFileError(
            f"{where}: skill {code} needs a level, a whole number from 1 to 7"
            + ("" if level is None else f", not {_kind(level)}")
        )
    if level not in LEVEL_NUMBERS:
        raise ProfileFileError(
            f"{where}: skill {code}: level must be from 1 to 7, not {level}"
        )
    return ProfileSkill(code, level, line)


def _target(path: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ProfileFileError(
            f"{path}: target must be a role's slug or title, not {_kind(value)}"
        )
    return value


def _notes(path: str, value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProfileFileError(
            f"{path}: notes must map skill codes to text, not {_kind(value)}"
        )
    notes: dict[str, str] = {}
    for code, text in value.items():
        if not isinstance(code, str) or not isinstance(text, str):
            raise ProfileFileError(
                f"{path}: notes must map skill codes to text; {_kind(code)} does not"
            )
        if text.strip():
            notes[normalise_code(code)] = text.strip()
    return notes


def _kind(value: Any) -> str:
    """A value as a message names it (never a whole list: it may be huge)."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."
