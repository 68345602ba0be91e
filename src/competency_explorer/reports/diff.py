"""The diff of two versions of a framework as text, Markdown or JSON.

Text and Markdown list the roles added, removed and changed (with what
changed), the skills, declared moves and progression settings, then the
consequences (health findings new and resolved, progression edges appeared
and disappeared), and end with one summary line. The JSON form is
``{"roles": [...], "skills": {...}, "moves": {...}, "progression": {...},
"other": [...], "health": {"new": [...], "resolved": [...]}, "edges":
{"added": N, "removed": N, "added_edges": [...], "removed_edges": [...]}}``.
"""

from __future__ import annotations

import json
from typing import Any

from ..diff import Edge, FieldChange, FieldValue, FrameworkDiff, RoleDiff
from ..graph.health import Finding
from ..model import Move, Requirement, Section
from .health import finding_document
from .markdown import code, escape

#: Fields whose text is long: reported as added, removed or changed, not quoted.
_LONG_FIELDS = {"overview", "sections"}
_QUOTE_LIMIT = 80


def render(diff: FrameworkDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document(diff), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return to_markdown(diff)
    if fmt == "text":
        return to_text(diff)
    raise ValueError(f"unknown report format {fmt!r}")


# --- JSON ------------------------------------------------------------------------


def document(diff: FrameworkDiff) -> dict[str, Any]:
    return {
        "roles": [_role_document(role) for role in diff.roles],
        "skills": {
            "added": [{"code": s.code, "name": s.name} for s in diff.skills_added],
            "removed": [{"code": s.code, "name": s.name} for s in diff.skills_removed],
            "changed": [
                {"code": s.code, "name": s.name, "fields": list(s.fields)}
                for s in diff.skills_changed
            ],
        },
        "moves": {
            "added": [_move_document(move) for move in diff.moves_added],
            "removed": [_move_document(move) for move in diff.moves_removed],
            "changed": [
                {
                    "from": change.source,
                    "to": change.target,
                    "note": {"from": change.old, "to": change.new},
                }
                for change in diff.move_notes
            ],
        },
        "progression": {
            change.name: {"from": change.old, "to": change.new}
            for change in diff.progression
        },
        "other": list(diff.other),
        "health": {
            "new": [finding_document(f) for f in diff.health_new],
            "resolved": [finding_document(f) for f in diff.health_resolved],
        },
        "edges": {
            "added": diff.edges.added_count,
            "removed": diff.edges.removed_count,
            "added_edges": [_edge_document(edge) for edge in diff.edges.added],
            "removed_edges": [_edge_document(edge) for edge in diff.edges.removed],
        },
    }


def _role_document(role: RoleDiff) -> dict[str, Any]:
    return {
        "slug": role.slug,
        "title": role.title,
        "change": role.change,
        "fields": {
            change.name: {"from": _plain(change.old), "to": _plain(change.new)}
            for change in role.fields
        },
        "requirements": {
            "added": [_requirement_document(req) for req in role.added],
            "removed": [_requirement_document(req) for req in role.removed],
            "changed": [
                {"code": c.code, "from": c.old, "to": c.new} for c in role.levels
            ],
            "optional": [
                {"code": c.code, "from": c.old, "to": c.new} for c in role.optional
            ],
        },
    }


def _plain(value: FieldValue) -> Any:
    if isinstance(value, tuple):
        return [
            {"heading": item.heading, "text": item.text}
            if isinstance(item, Section)
            else item
            for item in value
        ]
    return value


def _requirement_document(requirement: Requirement) -> dict[str, Any]:
    return {
        "code": requirement.code,
        "level": requirement.level,
        "optional": requirement.optional,
    }


def _move_document(move: Move) -> dict[str, Any]:
    return {"from": move.source, "to": move.target, "note": move.note}


def _edge_document(edge: Edge) -> dict[str, Any]:
    return {"from": edge.source, "to": edge.target, "kind": edge.kind}


# --- Text and Markdown -------------------------------------------------------------


class _Writer:
    """Text and Markdown differ in headings, bullets and quoting only."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")
        self.lines.append(f"### {escape(text)}" if self.markdown else text)
        if self.markdown:
            self.lines.append("")

    def item(self, text: str, depth: int = 0) -> None:
        if self.markdown:
            self.lines.append("  " * depth + f"- {text}")
        else:
            self.lines.append("  " * (depth + 1) + text)

    def name(self, text: str) -> str:
        """A slug, code or path: code in Markdown."""
        return code(text) if self.markdown else text

    def text(self, text: str) -> str:
        """Text from the framework's files."""
        return escape(text) if self.markdown else text


def to_text(diff: FrameworkDiff) -> str:
    return _render(diff, _Writer(markdown=False))


def to_markdown(diff: FrameworkDiff) -> str:
    writer = _Writer(markdown=True)
    writer.lines += [f"## Framework diff: {escape(diff.new_name)}", ""]
    return _render(diff, writer)


def _render(diff: FrameworkDiff, out: _Writer) -> str:
    by_change = {
        change: [role for role in diff.roles if role.change == change]
        for change in ("added", "removed", "changed")
    }
    for change, roles in by_change.items():
        if roles:
            out.heading(f"Roles {change} ({len(roles)})")
            for role in roles:
                _role_lines(out, role)
    _skill_lines(out, diff)
    _move_lines(out, diff)
    if diff.progression:
        out.heading("Progression settings")
        for setting in diff.progression:
            out.item(f"{out.name(setting.name)}: {setting.old} -> {setting.new}")
    if diff.other:
        out.heading("Also changed")
        out.item(", ".join(out.name(part) for part in diff.other))
    _health_lines(out, diff)
    _edge_lines(out, diff)
    if out.lines:
        out.lines.append("")
    line = f"{diff.new_name}: {summary(diff)}"
    out.lines.append(f"**{escape(line)}**" if out.markdown else line)
    return "\n".join(out.lines) + "\n"


def _role_lines(out: _Writer, role: RoleDiff) -> None:
    out.item(f"{out.name(role.slug)}: {out.text(role.title)}")
    if role.change == "changed":
        for change in role.fields:
            out.item(_field_line(out, change), 1)
    else:
        where = {change.name: change.new or change.old for change in role.fields}
        place = f"{where.get('career_path')}, level {where.get('level')}"
        if where.get("track"):
            place += f", track {where['track']}"
        out.item(out.text(place), 1)
    verb = {"added": "requires", "removed": "required", "changed": "now requires"}
    if role.added:
        out.item(f"{verb[role.change]} {_requirements(out, role.added)}", 1)
    if role.removed:
        no_longer = "required" if role.change == "removed" else "no longer requires"
        out.item(f"{no_longer} {_requirements(out, role.removed)}", 1)
    for level in role.levels:
        out.item(f"{out.name(level.code)}: level {level.old} -> {level.new}", 1)
    for flag in role.optional:
        state = "optional" if flag.new else "core"
        was = "optional" if flag.old else "core"
        out.item(f"{out.name(flag.code)}: now {state} (was {was})", 1)


def _field_line(out: _Writer, change: FieldChange) -> str:
    name = out.name(change.name)
    if change.old is None:
        verb = "added"
    elif change.new is None:
        verb = "removed"
    else:
        verb = "changed"
    if change.name in _LONG_FIELDS:
        return f"{name}: {verb}"
    return f"{name}: {_quoted(out, change.old)} -> {_quoted(out, change.new)}"


def _quoted(out: _Writer, value: FieldValue) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        short = (
            value if len(value) <= _QUOTE_LIMIT else value[: _QUOTE_LIMIT - 3] + "..."
        )
        return out.text(repr(short))
    return str(value)


def _requirements(out: _Writer, requirements: tuple[Requirement, ...]) -> str:
    return ", ".join(
        out.name(f"{req.code} {req.level}") + (" (optional)" if req.optional else "")
        for req in requirements
    )


def _skill_lines(out: _Writer, diff: FrameworkDiff) -> None:
    if not (diff.skills_added or diff.skills_removed or diff.skills_changed):
        return
    out.heading("Skills")
    for label, skills in (
        ("added", diff.skills_added),
        ("removed", diff.skills_removed),
    ):
        for skill in skills:
            out.item(f"{label}: {out.name(skill.code)} ({out.text(skill.name)})")
    for change in diff.skills_changed:
        fields = ", ".join(change.fields)
        out.item(
            f"changed: {out.name(change.code)} ({out.text(change.name)}): {fields}"
        )


def _move_lines(out: _Writer, diff: FrameworkDiff) -> None:
    if not (diff.moves_added or diff.moves_removed or diff.move_notes):
        return
    out.heading("Declared moves")
    for label, moves in (("added", diff.moves_added), ("removed", diff.moves_removed)):
        for move in moves:
            note = f" ({out.text(repr(move.note))})" if move.note else ""
            out.item(f"{label}: {_pair(out, move.source, move.target)}{note}")
    for change in diff.move_notes:
        out.item(
            f"note changed: {_pair(out, change.source, change.target)}: "
            f"{_quoted(out, change.old)} -> {_quoted(out, change.new)}"
        )


def _pair(out: _Writer, source: str, target: str) -> str:
    return f"{out.name(source)} -> {out.name(target)}"


def _health_lines(out: _Writer, diff: FrameworkDiff) -> None:
    groups: list[tuple[str, tuple[Finding, ...]]] = [
        ("New health findings", diff.health_new),
        ("Resolved health findings", diff.health_resolved),
    ]
    for title, findings in groups:
        if not findings:
            continue
        out.heading(f"{title} ({len(findings)})")
        for finding in findings:
            where = f" {out.name(finding.where)}" if finding.where else ""
            out.item(f"{finding.kind}{where}: {out.text(finding.message)}")


def _edge_lines(out: _Writer, diff: FrameworkDiff) -> None:
    edges = diff.edges
    if not (edges.added_count or edges.removed_count):
        return
    out.heading(
        f"Progression edges: {edges.added_count} appeared, "
        f"{edges.removed_count} disappeared"
    )
    # "+"/"-" as in a diff; Markdown would take a leading "-" for a list.
    appeared, disappeared = ("appeared:", "gone:") if out.markdown else ("+", "-")
    listed: list[tuple[str, int, tuple[Edge, ...]]] = [
        (appeared, edges.added_count, edges.added),
        (disappeared, edges.removed_count, edges.removed),
    ]
    for sign, count, shown in listed:
        for edge in shown:
            out.item(f"{sign} {_pair(out, edge.source, edge.target)} ({edge.kind})")
        if count > len(shown):
            out.item(f"{sign} ... and {count - len(shown)} more")


def summary(diff: FrameworkDiff) -> str:
    """One line that counts every kind of change, or says there is none."""
    if not diff.changed:
        return "no changes"
    roles = [
        (sum(1 for role in diff.roles if role.change == change), change)
        for change in ("added", "removed", "changed")
    ]
    parts = [
        _counts("roles", roles),
        _counts(
            "skills",
            [
                (len(diff.skills_added), "added"),
                (len(diff.skills_removed), "removed"),
                (len(diff.skills_changed), "changed"),
            ],
        ),
        _counts(
            "moves",
            [
                (len(diff.moves_added), "added"),
                (len(diff.moves_removed), "removed"),
                (len(diff.move_notes), "with a new note"),
            ],
        ),
        "progression settings changed" if diff.progression else "",
        f"also changed: {', '.join(diff.other)}" if diff.other else "",
        _counts(
            "health findings",
            [(len(diff.health_new), "new"), (len(diff.health_resolved), "resolved")],
        ),
        _counts(
            "progression edges",
            [
                (diff.edges.added_count, "appeared"),
                (diff.edges.removed_count, "disappeared"),
            ],
        ),
    ]
    return "; ".join(part for part in parts if part)


def _counts(noun: str, counts: list[tuple[int, str]]) -> str:
    """ "roles 1 added, 3 changed", or "" when every count is 0."""
    shown = [f"{count} {what}" for count, what in counts if count]
    return f"{noun} {', '.join(shown)}" if shown else ""
