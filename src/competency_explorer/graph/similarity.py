"""Weighted-Jaccard similarity between roles, and matching a profile to roles.

similarity(A, B) = sum of min(levels) / sum of max(levels) over all skills,
a missing skill counting as 0, and 0.0 when both sides are empty. With
summin = sum of min, the sum of max is total(A) + total(B) - summin. One
role's (or one profile's) summin against every role comes from the
skill -> roles index: only the roles sharing a skill get a non-zero term.
Only core requirements count.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

from .progression import Progression
from .queries import gap_to, shared_between
from .types import Match, Similarity

FloatArray = npt.NDArray[np.float64]


def similarity(progression: Progression, a: str, b: str) -> float:
    """Weighted Jaccard over the core required skill levels of two roles.

    Exact integer sums, one division: equal fractions give equal floats.
    """
    first, second = progression.role(a), progression.role(b)
    levels_b = {req.code: req.level for req in second.core_requirements}
    summin = sum(
        min(req.level, levels_b[req.code])
        for req in first.core_requirements
        if req.code in levels_b
    )
    total = sum(req.level for req in first.core_requirements) + sum(levels_b.values())
    return _ratio(summin, total - summin)


def similar_roles(
    progression: Progression, slug: str, limit: int = 5
) -> list[Similarity]:
    """The other roles with anything in common (a score above 0; never the
    role itself), best score first, then slug."""
    role = progression.role(slug)
    i = progression.role_index(role.slug)
    held = {req.code: req.level for req in role.core_requirements}
    scores = _scores(progression, held)
    ranked = [j for j in _ranking(scores) if j != i and scores[j] > 0][:limit]
    return [
        Similarity(
            progression.slugs[j],
            float(scores[j]),
            tuple(shared_between(role, progression.role(progression.slugs[j]))),
        )
        for j in ranked
    ]


def match_roles(
    progression: Progression, profile: Mapping[str, int], limit: int = 10
) -> list[Match]:
    """Roles ranked by similarity(profile, role), best first, then slug, with
    gaps; none for an empty profile (nothing to match on). A role of score 0
    shares no skill with the profile and is left out, as in similar_roles:
    it fits in no way (and one that requires nothing would look free)."""
    if not profile:
        return []
    scores = _scores(progression, profile)
    ranked = [j for j in _ranking(scores)[:limit] if scores[j] > 0]
    return [
        Match(
            progression.slugs[j],
            float(scores[j]),
            gap_to(profile, progression.role(progression.slugs[j])),
        )
        for j in ranked
    ]


def _scores(progression: Progression, held: Mapping[str, int]) -> FloatArray:
    """similarity(held, role) for every role, in role index order."""
    by_skill = progression.by_skill
    roles: list[npt.NDArray[np.int32]] = []
    minimums: list[npt.NDArray[np.int32]] = []
    for code, level in held.items():
        s = progression.code_index[code]
        start, stop = by_skill.indptr[s], by_skill.indptr[s + 1]
        roles.append(by_skill.indices[start:stop])
        minimums.append(np.minimum(by_skill.data[start:stop], level))
    count = progression.role_count
    if roles:
        summin = np.bincount(
            np.concatenate(roles), np.concatenate(minimums), minlength=count
        )
    else:
        summin = np.zeros(count, np.float64)
    # The sums are small integers, exact in float64, so the division is the
    # same correctly rounded value as similarity()'s.
    union = float(sum(held.values())) + progression.totals - summin
    scores: FloatArray = np.divide(
        summin, union, out=np.zeros(count, np.float64), where=union > 0
    )
    return scores


def _ranking(scores: FloatArray) -> list[int]:
    """Role indices by score descending, then slug (index order is slug order)."""
    return np.lexsort((np.arange(len(scores)), -scores)).tolist()  # type: ignore[no-any-return]


def _ratio(summin: int, union: int) -> float:
    return summin / union if union else 0.0
