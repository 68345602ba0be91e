"""The health report as text, Markdown or JSON.

Findings are grouped by kind, in the report's order, each with the
``path:line`` of the file concerned; text and Markdown end with one line
that counts them. The JSON is ``{"findings": [{"kind", "message", "roles",
"skills", "location"}, ...]}``, the same findings as ``framework { health }``
in the API.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from typing import Any

from ..graph.health import HEALTH_KINDS, KIND_TITLES, Finding, HealthKind
from .markdown import code, escape


def render(findings: Sequence[Finding], fmt: str, *, name: str) -> str:
    """The report on the framework called ``name`` in ``fmt``."""
    if fmt == "json":
        return to_json(findings)
    if fmt == "markdown":
        return to_markdown(findings, name)
    if fmt == "text":
        return to_text(findings, name)
    raise ValueError(f"unknown report format {fmt!r}")


def document(findings: Sequence[Finding]) -> dict[str, Any]:
    return {"findings": [finding_document(finding) for finding in findings]}


def finding_document(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "message": finding.message,
        "roles": list(finding.roles),
        "skills": list(finding.skills),
        "location": finding.where,
    }


def to_json(findings: Sequence[Finding]) -> str:
    return json.dumps(document(findings), indent=2, ensure_ascii=False) + "\n"


def to_text(findings: Sequence[Finding], name: str) -> str:
    lines: list[str] = []
    for kind, group in _groups(findings):
        lines.append(f"{kind}: {KIND_TITLES[kind]} ({len(group)})")
        for finding in group:
            where = f"{finding.where}: " if finding.where else ""
            lines.append(f"  {where}{finding.message}")
        lines.append("")
    lines.append(f"{name}: {summary(findings)}")
    return "\n".join(lines) + "\n"


def to_markdown(findings: Sequence[Finding], name: str) -> str:
    lines = [f"## Framework health: {escape(name)}", ""]
    for kind, group in _groups(findings):
        lines.append(f"### {kind} ({len(group)})")
        lines.append("")
        lines.append(f"_{escape(KIND_TITLES[kind]).capitalize()}._")
        lines.append("")
        for finding in group:
            where = f"{code(finding.where)}: " if finding.where else ""
            lines.append(f"- {where}{escape(finding.message)}")
        lines.append("")
    lines.append(f"**{escape(summary(findings))}**")
    return "\n".join(lines) + "\n"


def summary(findings: Sequence[Finding]) -> str:
    """One line of counts: "3 findings: 2 SKILL_USED_ONCE, 1 IDENTICAL_ROLES"."""
    if not findings:
        return "no findings"
    counts = [f"{len(group)} {kind}" for kind, group in _groups(findings)]
    noun = "finding" if len(findings) == 1 else "findings"
    return f"{len(findings)} {noun}: {', '.join(counts)}"


def _groups(
    findings: Sequence[Finding],
) -> list[tuple[HealthKind, list[Finding]]]:
    # Grouped in the kinds' order whatever order the findings come in.
    order = {kind: number for number, kind in enumerate(HEALTH_KINDS)}
    ordered = sorted(findings, key=lambda finding: order[finding.kind])
    return [
        (kind, list(group))
        for kind, group in itertools.groupby(ordered, key=lambda f: f.kind)
    ]
