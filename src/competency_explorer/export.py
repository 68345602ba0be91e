"""Write a framework as YAML or JSON (the loader's YAML format), its graph,
or its coverage matrix.

The YAML is the format of docs/data-format.md, so an export loads back to an
equal framework; the JSON holds the same structure. Graph formats are written
by ``competency_explorer.graph``, the coverage CSV by ``coverage``.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from .collector import paused
from .model import Framework, ProgressionRules, Role, Skill, SkillLevel, SkillResource

FORMATS = ("yaml", "json", "graphml", "node-link", "coverage-csv")

_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _FrameworkDumper(_Dumper):  # type: ignore[valid-type,misc]
    """Multi-line texts as literal blocks, so that exports read like the sources."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    # PyYAML falls back to a quoted style by itself when a literal block
    # cannot hold the text exactly (trailing spaces, for instance).
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FrameworkDumper.add_representer(str, _represent_text)


def export_text(framework: Framework, fmt: str, *, progression: bool = False) -> str:
    """The framework in ``fmt``: one of ``FORMATS``."""
    if fmt == "yaml":
        return to_yaml(framework)
    if fmt == "json":
        return to_json(framework)
    if fmt in ("graphml", "node-link"):
        # Imported here: the graph layer is heavier, and YAML/JSON need none of it.
        from .graph import export_graph

        text: str = export_graph(framework, fmt, progression=progression)
        return text
    if fmt == "coverage-csv":
        from .coverage import to_csv

        return to_csv(framework)
    raise ValueError(
        f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}"
    )


def to_yaml(framework: Framework) -> str:
    # The dumper builds a node per value, none in a reference cycle; pausing
    # the cyclic collector meanwhile makes a large export three times faster.
    with paused():
        text: str = yaml.dump(
            framework_document(framework),
            Dumper=_FrameworkDumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=88,
        )
    return text


def to_json(framework: Framework) -> str:
    return (
        json.dumps(framework_document(framework), indent=2, ensure_ascii=False) + "\n"
    )


def framework_document(framework: Framework) -> dict[str, Any]:
    """The framework as plain data in the YAML format, in a deterministic order.

    Optional texts are left out when absent; requirements always state their
    level, so that the document says the same thing read by a person or a tool.
    """
    document: dict[str, Any] = {"name": framework.name}
    if framework.attribution is not None:
        document["attribution"] = framework.attribution
    document["levels"] = [
        _without_none(
            {
                "number": level.number,
                "name": level.name,
                "description": level.description,
                "guiding_phrase": level.guiding_phrase,
                "essence": level.essence,
            }
        )
        for level in framework.levels
    ]
    document["categories"] = [
        {
            "name": category.name,
            "subcategories": [
                sub.name
                for sub in framework.subcategories
                if sub.category == category.name
            ],
        }
        for category in framework.categories
    ]
    document["career_paths"] = [
        _without_none(
            {
                "name": path.name,
                "description": path.description,
                "tracks": [
                    _without_none(
                        {"name": track.name, "description": track.description}
                    )
                    for track in framework.tracks_of(path.name)
                ]
                or None,
            }
        )
        for path in framework.career_paths
    ]
    document["skills"] = [_skill(skill) for skill in framework.skills]
    document["roles"] = [_role(role) for role in framework.roles]
    if framework.attributes:
        document["attributes"] = [
            _without_none(
                {
                    "code": attribute.code,
                    "name": attribute.name,
                    "type": attribute.type,
                    "description": attribute.description,
                    "guidance": attribute.guidance,
                    "url": attribute.url,
                    "levels": _levels(attribute.levels),
                }
            )
            for attribute in framework.attributes
        ]
    if framework.moves:
        document["moves"] = [
            _without_none({"from": move.source, "to": move.target, "note": move.note})
            for move in framework.moves
        ]
    defaults = ProgressionRules()
    rules = {
        name: getattr(framework.progression, name)
        for name in ("path_changes", "min_shared_skills", "max_level_up")
        if getattr(framework.progression, name) != getattr(defaults, name)
    }
    if rules:
        document["progression"] = rules
    return document


def _skill(skill: Skill) -> dict[str, Any]:
    return _without_none(
        {
            "code": skill.code,
            "name": skill.name,
            "category": skill.category,
            "subcategory": skill.subcategory,
            "description": skill.description,
            "guidance": skill.guidance,
            "url": skill.url,
            "levels": _levels(skill.levels),
            "resources": [_resource(resource) for resource in skill.resources] or None,
        }
    )


def _resource(resource: SkillResource) -> dict[str, Any]:
    return _without_none(
        {
            "title": resource.title,
            "url": resource.url,
            "kind": resource.kind,
            "level": resource.level,
        }
    )


def _role(role: Role) -> dict[str, Any]:
    return _without_none(
        {
            "title": role.title,
            "level": role.level,
            "career_path": role.career_path,
            "track": role.track,
            "summary": role.summary,
            "overview": role.overview,
            "sections": [
                {"heading": section.heading, "text": section.text}
                for section in role.sections
            ]
            or None,
            "requirements": [
                {"code": requirement.code, "level": requirement.level}
                | ({"optional": True} if requirement.optional else {})
                for requirement in role.requirements
            ],
        }
    )


def _levels(levels: tuple[SkillLevel, ...]) -> dict[int, str] | None:
    return {level.level: level.description for level in levels} or None


def _without_none(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}
