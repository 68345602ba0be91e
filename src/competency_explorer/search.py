"""Roles and skills ranked against a search text, each with why it matched.

The ``roles(search:)`` and ``skills(search:)`` filters keep the framework's
order, which buries the one result a person typed: searching ``PROG`` lists
ITSP and POMG (whose descriptions mention programmes) before PROG itself.
Here the same matches (a case-insensitive substring of the same fields) are
ranked by how well they match:

1. where: a name (a role's title or slug, a skill's code or name) before a
   text (a role's summary or overview, a skill's description);
2. how: the whole field (EXACT), its start (PREFIX), the start of a word in
   it (WORD), anywhere (PART);
3. which field, in the order above;
4. the framework's own order (roles by path, level and title; skills by code).

An item is ranked by its best match.

>>> from competency_explorer.model import Skill
>>> skills = (
...     Skill("ITSP", "Strategic planning", "Strategy", "Plans",
...           description="Aligns programmes of work with strategy."),
...     Skill("PROG", "Programming/software development", "Development", "Build"),
... )
>>> [(hit.item.code, hit.match.field, hit.match.kind.name)
...  for hit in rank(skills, SKILL_FIELDS, "prog", 10)]
[('PROG', 'code', 'EXACT'), ('ITSP', 'description', 'WORD')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Generic, TypeVar

from .model import Role, Skill

T = TypeVar("T")

#: Characters of context kept on each side of a match in a long text.
CONTEXT_BEFORE = 40
CONTEXT_AFTER = 80


class MatchKind(IntEnum):
    """How the text matched a field, best first."""

    EXACT = 0  # the whole field, in any case
    PREFIX = 1  # the start of the field
    WORD = 2  # the start of a word in the field
    PART = 3  # anywhere in the field


@dataclass(frozen=True, slots=True)
class FieldSpec(Generic[T]):
    name: str
    read: Callable[[T], str | None]
    is_name: bool  # a name (ranked first) rather than a longer text


@dataclass(frozen=True, slots=True)
class Match:
    """Why an item matched: the field, how, and the matched text in context.

    ``before + matched + after`` is the field's text, or for a long text an
    excerpt around the match whose cut ends carry an ellipsis.
    """

    field: str
    kind: MatchKind
    before: str
    matched: str
    after: str


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    item: T
    match: Match


ROLE_FIELDS: tuple[FieldSpec[Role], ...] = (
    FieldSpec("title", lambda role: role.title, True),
    FieldSpec("slug", lambda role: role.slug, True),
    FieldSpec("summary", lambda role: role.summary, False),
    FieldSpec("overview", lambda role: role.overview, False),
)
SKILL_FIELDS: tuple[FieldSpec[Skill], ...] = (
    FieldSpec("code", lambda skill: skill.code, True),
    FieldSpec("name", lambda skill: skill.name, True),
    FieldSpec("description", lambda skill: skill.description, False),
)


def search_roles(roles: Sequence[Role], text: str, limit: int) -> list[Hit[Role]]:
    """The ``limit`` roles that match ``text`` best, best first."""
    return rank(roles, ROLE_FIELDS, text, limit)


def search_skills(skills: Sequence[Skill], text: str, limit: int) -> list[Hit[Skill]]:
    """The ``limit`` skills that match ``text`` best, best first."""
    return rank(skills, SKILL_FIELDS, text, limit)


def rank(
    items: Sequence[T], specs: Sequence[FieldSpec[T]], text: str, limit: int
) -> list[Hit[T]]:
    """The ``limit`` items matching ``text`` best; none for a blank text."""
    needle = text.strip().casefold()
    if not needle:
        return []
    folded = _folded(items, specs)
    word = re.compile(r"(?<!\w)" + re.escape(needle))  # at the start of a word
    ranked: list[tuple[int, int, int, int, int]] = []  # rank key, then where
    for group in (0, 1):
        if group == 1 and len({entry[3] for entry in ranked}) >= limit:
            break  # a text match never outranks a name match
        for order, spec in enumerate(specs):
            if group != (0 if spec.is_name else 1):
                continue
            for position, value in enumerate(folded[order]):
                found = value.find(needle)
                if found >= 0:
                    kind, at = _kind(value, needle, found, word)
                    ranked.append((group, kind, order, position, at))
    # An item matching in several fields keeps its best match: the first of
    # its entries in rank order.
    ranked.sort()
    hits: list[Hit[T]] = []
    seen: set[int] = set()
    for _group, kind, order, position, at in ranked:
        if position in seen:
            continue
        seen.add(position)
        item = items[position]
        value = specs[order].read(item) or ""
        match = _match(specs[order], value, needle, MatchKind(kind), at)
        hits.append(Hit(item, match))
        if len(hits) == limit:
            break
    return hits


# The folded texts of the served framework's roles and skills, made by the
# first search and kept with the tuple they were made from (two at a time:
# roles and skills; a reload brings new tuples).
_folded_cache: list[tuple[Sequence[object], tuple[tuple[str, ...], ...]]] = []


def _folded(
    items: Sequence[T], specs: Sequence[FieldSpec[T]]
) -> tuple[tuple[str, ...], ...]:
    """Each field's text of every item, casefolded ("" when absent)."""
    for known, folded in _folded_cache:
        if known is items:
            return folded
    folded = tuple(
        tuple((spec.read(item) or "").casefold() for item in items) for spec in specs
    )
    _folded_cache[:] = [*_folded_cache[-1:], (items, folded)]
    return folded


def _kind(
    value: str, needle: str, found: int, word: re.Pattern[str]
) -> tuple[int, int]:
    """How ``needle`` matches ``value`` (first found at ``found``), and where
    the match to show starts."""
    if found == 0:
        return (MatchKind.EXACT if value == needle else MatchKind.PREFIX), 0
    at_word = word.search(value, found)
    if at_word is not None:
        return MatchKind.WORD, at_word.start()
    return MatchKind.PART, found


def _match(
    spec: FieldSpec[T], value: str, needle: str, kind: MatchKind, at: int
) -> Match:
    start, end = _original_span(value, needle, at)
    before, matched, after = value[:start], value[start:end], value[end:]
    if not spec.is_name:
        before, after = _cut_before(before), _cut_after(after)
    return Match(spec.name, kind, before, matched, after)


def _original_span(value: str, needle: str, at: int) -> tuple[int, int]:
    """Where the match found at ``at`` of ``value.casefold()`` is in ``value``.

    Casefolding may lengthen a character (``ß`` to ``ss``), so positions in
    the folded text are mapped back one character at a time when it did.
    """
    if len(value.casefold()) == len(value):
        return at, at + len(needle)
    origin: list[int] = []
    for index, character in enumerate(value):
        origin.extend([index] * len(character.casefold()))
    origin.append(len(value))
    start = origin[at]
    last = origin[at + len(needle) - 1]
    return start, last + 1


def _cut_before(text: str) -> str:
    if len(text) <= CONTEXT_BEFORE:
        return text
    kept = text[-CONTEXT_BEFORE:]
    space = kept.find(" ")
    return "…" + (kept[space + 1 :] if 0 <= space < len(kept) - 1 else kept)


def _cut_after(text: str) -> str:
    if len(text) <= CONTEXT_AFTER:
        return text
    kept = text[:CONTEXT_AFTER]
    space = kept.rfind(" ")
    return (kept[:space] if space > 0 else kept) + "…"
