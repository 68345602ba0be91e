"""Synthetic frameworks of any size, written as YAML, for benchmarks and tests.

Everything is drawn from one ``numpy.random.Generator`` seeded by the caller,
in a fixed order, so the same arguments give byte-identical files. The shape
follows large real frameworks (ESCO links about 3,000 occupations to 14,000
skills through 130,000 relations): every career path has roles at levels 1-7,
each skill is described at a run of contiguous levels, roles carry roughly
the same number of requirements, and skill popularity is Zipf-like, so a few
skills are required by most roles and most skills by a handful.

With ``tracks``, each path is split into that many tracks (named after its
specialisms) at levels 2-6, its level 1 and 7 roles staying shared rungs; with
``moves``, a ``moves.yaml`` declares that many moves between paths, some from
a role and some from a selector. Both draw from generators of their own, so a
framework without them is the same as before they existed.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .model import LEVEL_NAMES, slugify

#: Called as ``progress(done, total)`` while the framework is generated.
Progress = Callable[[int, int], None]

_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

CATEGORIES: dict[str, tuple[str, ...]] = {
    "Strategy and architecture": (
        "Strategy and planning",
        "Enterprise architecture",
        "Governance and risk",
        "Technology advice",
    ),
    "Change and transformation": (
        "Business change",
        "Change delivery",
        "Organisational design",
        "Process improvement",
    ),
    "Development and implementation": (
        "Software development",
        "Data and analytics",
        "User experience",
        "Testing and quality",
    ),
    "Delivery and operation": (
        "Infrastructure",
        "Service management",
        "Security operations",
        "Cloud platforms",
    ),
    "People and skills": (
        "People management",
        "Learning and coaching",
        "Talent and hiring",
    ),
    "Relationships and engagement": (
        "Stakeholder engagement",
        "Sales and marketing",
        "Product ownership",
    ),
}

# What each subcategory's skills are about; combined with qualifiers and
# activities below into names such as "Distributed service mesh operations".
_TOPICS: dict[str, tuple[str, ...]] = {
    "Strategy and planning": (
        "roadmap",
        "portfolio",
        "investment",
        "vision",
        "sourcing",
    ),
    "Enterprise architecture": ("solution", "integration", "domain model", "standards"),
    "Governance and risk": ("audit", "compliance", "risk", "policy", "continuity"),
    "Technology advice": ("technology", "vendor", "innovation", "research"),
    "Business change": ("business case", "benefits", "requirements", "operating model"),
    "Change delivery": ("programme", "project", "release", "portfolio office"),
    "Organisational design": ("team topology", "role design", "workforce", "culture"),
    "Process improvement": ("process", "lean flow", "value stream", "automation"),
    "Software development": ("service", "API", "interface", "component", "codebase"),
    "Data and analytics": ("data model", "pipeline", "reporting", "machine learning"),
    "User experience": ("interaction", "accessibility", "content", "user research"),
    "Testing and quality": ("test", "performance", "acceptance", "quality"),
    "Infrastructure": ("network", "storage", "compute", "service mesh", "database"),
    "Service management": ("incident", "problem", "change control", "capacity"),
    "Security operations": ("threat", "identity", "vulnerability", "encryption"),
    "Cloud platforms": ("container", "serverless", "cloud cost", "platform"),
    "People management": ("performance review", "team health", "career", "feedback"),
    "Learning and coaching": ("mentoring", "curriculum", "coaching", "onboarding"),
    "Talent and hiring": ("interviewing", "sourcing pipeline", "assessment", "offer"),
    "Stakeholder engagement": ("stakeholder", "partner", "customer", "community"),
    "Sales and marketing": ("pricing", "campaign", "market", "sales support"),
    "Product ownership": ("backlog", "product discovery", "outcome", "experiment"),
}

_QUALIFIERS = (
    "Applied", "Automated", "Cloud", "Continuous", "Cross-team", "Customer",
    "Digital", "Distributed", "Embedded", "Enterprise", "Ethical", "Global",
    "Hybrid", "Inclusive", "Lean", "Mobile", "Modular", "Open", "Operational",
    "Regulated", "Remote", "Resilient", "Real-time", "Scalable", "Secure",
    "Strategic", "Sustainable", "Tactical", "Trusted", "Web",
)  # fmt: skip

_ACTIVITIES = (
    "analysis", "assurance", "automation", "design", "engineering",
    "governance", "management", "migration", "modelling", "monitoring",
    "operations", "optimisation", "planning", "practice", "strategy",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _PathKind:
    name: str
    noun: str
    specialisms_text: str  # comma-separated
    focus: tuple[str, ...]  # subcategories its roles draw on most
    description: str

    @property
    def specialisms(self) -> list[str]:
        return self.specialisms_text.split(", ")


_PATH_KINDS = (
    _PathKind(
        "Software Engineering",
        "Engineer",
        "Backend, Frontend, Mobile, Full-stack, Platform, API, Tooling, Embedded",
        ("Software development", "Testing and quality", "Cloud platforms"),
        "Engineers who build and run software, growing through technical depth.",
    ),
    _PathKind(
        "Data Science",
        "Data Scientist",
        "Forecasting, Experimentation, Recommendation, Language, "
        "Vision, Pricing, Risk, Insight",
        ("Data and analytics", "Product ownership", "Technology advice"),
        "Scientists who turn data into models, forecasts and decisions.",
    ),
    _PathKind(
        "Data Engineering",
        "Data Engineer",
        "Pipeline, Streaming, Warehouse, Lakehouse, "
        "Integration, Quality, Catalogue, Analytics",
        ("Data and analytics", "Infrastructure", "Software development"),
        "Engineers who move, shape and safeguard the organisation's data.",
    ),
    _PathKind(
        "Site Reliability",
        "Reliability Engineer",
        "Observability, Incident, Capacity, Performance, "
        "Release, Edge, Storage, Network",
        ("Service management", "Infrastructure", "Cloud platforms"),
        "Engineers who keep services available, fast and affordable.",
    ),
    _PathKind(
        "Security",
        "Security Engineer",
        "Application, Cloud, Identity, Detection, "
        "Response, Offensive, Governance, Cryptography",
        ("Security operations", "Governance and risk", "Infrastructure"),
        "Specialists who protect systems, data and people from threats.",
    ),
    _PathKind(
        "Product Management",
        "Product Manager",
        "Growth, Platform, Core, Commercial, Internal Tools, Mobile, Data, Partner",
        ("Product ownership", "Stakeholder engagement", "Strategy and planning"),
        "Product people who decide what to build and why.",
    ),
    _PathKind(
        "Design",
        "Designer",
        "Product, Interaction, Visual, Service, "
        "Content, Research, Accessibility, Motion",
        ("User experience", "Product ownership", "Stakeholder engagement"),
        "Designers who shape how people experience the products.",
    ),
    _PathKind(
        "Quality Engineering",
        "Test Engineer",
        "Automation, Performance, Exploratory, Mobile, "
        "API, Accessibility, Release, Security",
        ("Testing and quality", "Software development", "Process improvement"),
        "Engineers who build confidence that products work as intended.",
    ),
    _PathKind(
        "Engineering Management",
        "Engineering Manager",
        "Product, Platform, Infrastructure, Data, "
        "Mobile, Security, Delivery, Operations",
        ("People management", "Talent and hiring", "Change delivery"),
        "Managers who grow engineering teams and the people in them.",
    ),
    _PathKind(
        "Architecture",
        "Architect",
        "Solution, Enterprise, Data, Cloud, "
        "Integration, Security, Application, Technical",
        ("Enterprise architecture", "Technology advice", "Strategy and planning"),
        "Architects who shape systems and the decisions behind them.",
    ),
    _PathKind(
        "Delivery Management",
        "Delivery Manager",
        "Agile, Programme, Release, Portfolio, "
        "Product, Platform, Transformation, Service",
        ("Change delivery", "Process improvement", "Stakeholder engagement"),
        "Delivery leads who help teams ship steadily and predictably.",
    ),
    _PathKind(
        "Business Analysis",
        "Business Analyst",
        "Process, Data, Requirements, Systems, "
        "Commercial, Operations, Regulatory, Change",
        ("Business change", "Process improvement", "Governance and risk"),
        "Analysts who connect business needs to working solutions.",
    ),
    _PathKind(
        "Service Management",
        "Service Manager",
        "Incident, Change, Problem, Supplier, Availability, Continuity, Desk, Asset",
        ("Service management", "Governance and risk", "Stakeholder engagement"),
        "Managers who run IT services to agreed levels.",
    ),
    _PathKind(
        "Learning and Development",
        "Learning Partner",
        "Technical, Leadership, Onboarding, Digital, "
        "Coaching, Curriculum, Skills, Academy",
        ("Learning and coaching", "People management", "Organisational design"),
        "Partners who help people learn the skills the organisation needs.",
    ),
    _PathKind(
        "Technical Writing",
        "Technical Writer",
        "API, Developer, Product, Policy, Training, Support, Release, Content",
        ("User experience", "Software development", "Learning and coaching"),
        "Writers who make products and systems understandable.",
    ),
    _PathKind(
        "Developer Relations",
        "Developer Advocate",
        "Community, Content, Partner, Ecosystem, "
        "Education, Events, Open Source, Platform",
        ("Stakeholder engagement", "Sales and marketing", "Software development"),
        "Advocates who build relationships with the developers who use the products.",
    ),
)

_DOMAINS = (
    "Payments", "Search", "Identity", "Logistics", "Billing", "Checkout",
    "Messaging", "Maps", "Advertising", "Growth", "Trust and Safety", "Fraud",
    "Healthcare", "Insurance", "Lending", "Trading", "Retail", "Supply Chain",
    "Energy", "Telecoms", "Media", "Gaming", "Education", "Travel",
    "Public Sector", "Automotive", "Banking", "Claims", "Customer Support",
    "Marketplace", "Subscriptions", "Notifications", "Observability",
    "Compliance", "Research", "Manufacturing", "Robotics", "Agriculture",
    "Pharma", "Mobility",
)  # fmt: skip

_SENIORITY: dict[int, tuple[str, ...]] = {
    1: ("Apprentice", "Trainee"),
    2: ("Junior", "Associate"),
    3: ("",),
    4: ("Senior",),
    5: ("Lead", "Staff"),
    6: ("Principal", "Senior Staff"),
    7: ("Distinguished", "Chief"),
}

_LEVEL_VERBS: dict[int, str] = {
    1: "Follows guidance to help with",
    2: "Assists colleagues with",
    3: "Applies proven methods to",
    4: "Enables a team's",
    5: "Ensures and advises on",
    6: "Initiates and shapes",
    7: "Sets the direction of",
}

_LEVEL_SCOPES: dict[int, str] = {
    1: "under close supervision",
    2: "under routine supervision",
    3: "within a team",
    4: "across a team",
    5: "across several teams",
    6: "across the organisation",
    7: "for the whole organisation",
}

#: Tracks per path at most: each path kind names eight specialisms.
MAX_TRACKS = 8

# Share of a path's roles at each level: most roles sit in the middle.
_LEVEL_SHARE = (0.08, 0.15, 0.22, 0.22, 0.16, 0.10, 0.07)

# Zipf exponent of skill popularity; about 1 is what word and skill
# frequencies in real catalogues show.
_ZIPF = 1.05


@dataclass(frozen=True, slots=True)
class Spec:
    """What to generate. The defaults are ESCO's size."""

    roles: int = 3000
    skills: int = 14000
    requirements: int = 130000
    paths: int = 12
    seed: int = 1
    tracks: int = 0  # per path; 0: no tracks
    moves: int = 0  # declared moves in moves.yaml

    def check(self) -> str | None:
        """Why the numbers cannot make a framework, or None when they can."""
        if self.paths < 1:
            return "--paths must be at least 1"
        if self.skills < 1:
            return "--skills must be at least 1"
        if self.roles < 7 * self.paths:
            return (
                f"--roles must be at least {7 * self.paths} "
                f"(7 levels on each of {self.paths} path(s))"
            )
        if self.requirements < self.roles:
            return f"--requirements must be at least --roles ({self.roles})"
        most = math.ceil(self.requirements / self.roles)
        if most > self.skills:
            return (
                f"--skills must be at least {most}: {self.requirements} requirements "
                f"over {self.roles} roles need {most} distinct skills for some roles"
            )
        if self.skills > 26**4:
            return f"--skills must be at most {26**4} (four-letter codes)"
        if not 0 <= self.tracks <= MAX_TRACKS:
            return f"--tracks must be from 0 to {MAX_TRACKS} (tracks per path)"
        if self.tracks and self.roles < 7 * self.paths * self.tracks:
            return (
                f"--roles must be at least {7 * self.paths * self.tracks} for "
                f"{self.tracks} tracks on each of {self.paths} path(s)"
            )
        if self.moves < 0:
            return "--moves must be at least 0"
        return None


@dataclass(frozen=True, slots=True)
class _SkillRow:
    code: str
    name: str
    category: str
    subcategory: str
    low: int
    high: int


def generate(spec: Spec, progress: Progress | None = None) -> dict[str, dict[str, Any]]:
    """The framework's files as ``{relative path: YAML document}``."""
    problem = spec.check()
    if problem is not None:
        raise ValueError(problem)
    rng = np.random.default_rng(spec.seed)
    skills = _skills(rng, spec.skills)
    kinds = _path_kinds(spec.paths)
    files: dict[str, dict[str, Any]] = {
        "skills.yaml": {
            "name": f"Synthetic framework (seed {spec.seed})",
            "categories": [
                {"name": name, "subcategories": list(subs)}
                for name, subs in CATEGORIES.items()
            ],
            "skills": [_skill_document(rng, skill) for skill in skills],
        }
    }
    counts = _requirement_counts(rng, spec)
    log_weights = _log_weights(rng, skills, kinds)
    lows = np.array([s.low for s in skills])
    highs = np.array([s.high for s in skills])
    titles: set[str] = set()
    # Tracks and moves draw from generators of their own: a framework without
    # them comes out exactly as it did before they existed.
    track_rng = np.random.default_rng([spec.seed, 1])
    placed: list[tuple[str, str | None, int, str]] = []  # path, track, level, title
    start = 0
    for index, (kind, per_level) in enumerate(
        zip(kinds, _roles_per_path(spec), strict=True)
    ):
        track_names = kind.specialisms[: spec.tracks]
        roles: list[dict[str, Any]] = []
        for level, count in enumerate(per_level, start=1):
            group = counts[start : start + count]
            chosen = _choose_skills(rng, log_weights[index, level - 1], group)
            for picks in chosen:
                offsets = rng.choice((-1, 0, 0, 0, 1), size=len(picks))
                levels = np.clip(level + offsets, lows[picks], highs[picks])
                title = _title(rng, kind, level, titles)
                track = _track(track_rng, track_names, level)
                placed.append((kind.name, track, level, title))
                roles.append(
                    {
                        "title": title,
                        "level": level,
                        "career_path": kind.name,
                        **({"track": track} if track else {}),
                        "summary": _summary(rng, kind, level),
                        "requirements": [
                            {"code": skills[pick].code, "level": int(lvl)}
                            # Skills are in code order, so index order is code order.
                            for pick, lvl in sorted(
                                zip(picks.tolist(), levels.tolist(), strict=True)
                            )
                        ],
                    }
                )
            start += count
            if progress is not None:
                progress(start, spec.roles)
        path: dict[str, Any] = {"name": kind.name, "description": kind.description}
        if track_names:
            path["tracks"] = [{"name": name} for name in track_names]
        files[f"paths/{slugify(kind.name)}.yaml"] = {
            "career_paths": [path],
            "roles": roles,
        }
    if spec.moves:
        files["moves.yaml"] = {"moves": _moves(spec, placed)}
    return files


def _track(rng: np.random.Generator, names: Sequence[str], level: int) -> str | None:
    """The track of a path's next role at ``level``, drawn uniformly; levels 1
    and 7 are shared rungs (common juniors, one head of discipline)."""
    if not names or level in (1, 7):
        return None
    return names[int(rng.integers(len(names)))]


def _moves(
    spec: Spec, placed: Sequence[tuple[str, str | None, int, str]]
) -> list[dict[str, Any]]:
    """``spec.moves`` declared moves between paths: every fifth from a selector
    (path, track and level), the others from one role, each to a role at the
    same level or one above on another path."""
    rng = np.random.default_rng([spec.seed, 2])
    by_level: dict[int, list[tuple[str, str | None, int, str]]] = {}
    for role in placed:
        by_level.setdefault(role[2], []).append(role)
    moves: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for attempt in range(spec.moves * 20):
        if len(moves) == spec.moves:
            break
        path, track, level, title = placed[int(rng.integers(len(placed)))]
        higher = level + int(rng.integers(2)) if level < 7 else level
        targets = [r for r in by_level.get(higher, ()) if r[0] != path]
        if not targets:
            continue
        target = targets[int(rng.integers(len(targets)))][3]
        source: str | dict[str, Any] = title
        if attempt % 5 == 4:
            source = {"career_path": path, "level": level}
            if track:
                source["track"] = track
        key = (str(source), target)
        if key in seen:
            continue
        seen.add(key)
        moves.append(
            {
                "from": source,
                "to": target,
                "note": f"Synthetic declared move {len(moves) + 1}.",
            }
        )
    return moves


def write(
    spec: Spec, directory: str | os.PathLike[str], progress: Progress | None = None
) -> list[Path]:
    """Generate and write the framework's YAML files under ``directory``."""
    files = generate(spec, progress)
    root = Path(directory)
    written: list[Path] = []
    for relative, document in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(
            document,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=100,
        )
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _skills(rng: np.random.Generator, count: int) -> list[_SkillRow]:
    codes = sorted(
        _code(n) for n in rng.choice(26**4, size=count, replace=False).tolist()
    )
    subcategories = [(c, s) for c, subs in CATEGORIES.items() for s in subs]
    # Every subcategory gets its share; the assignment to codes is shuffled so
    # that code order says nothing about category.
    owner = np.resize(np.arange(len(subcategories)), count)
    rng.shuffle(owner)
    names_by_sub = {
        sub: _unique_names(
            rng,
            (_QUALIFIERS, _TOPICS[sub], _ACTIVITIES),
            int(np.count_nonzero(owner == index)),
        )
        for index, (_, sub) in enumerate(subcategories)
    }
    lows = rng.integers(1, 6, size=count)
    spans = rng.integers(2, 6, size=count)
    rows: list[_SkillRow] = []
    for code, sub_index, low, span in zip(
        codes, owner.tolist(), lows.tolist(), spans.tolist(), strict=True
    ):
        category, sub = subcategories[sub_index]
        rows.append(
            _SkillRow(
                code,
                next(names_by_sub[sub]),
                category,
                sub,
                low,
                min(7, low + span - 1),
            )
        )
    return rows


def _code(number: int) -> str:
    letters = []
    for _ in range(4):
        number, digit = divmod(number, 26)
        letters.append(chr(ord("A") + digit))
    return "".join(reversed(letters))


def _unique_names(
    rng: np.random.Generator, parts: Sequence[Sequence[str]], count: int
) -> Iterator[str]:
    combinations = math.prod(len(p) for p in parts)
    picks = rng.choice(
        combinations, size=min(count, combinations), replace=False
    ).tolist()
    for round_number in itertools.count(1):
        suffix = "" if round_number == 1 else f" {round_number}"
        for pick in picks:
            words = []
            for part in reversed(parts):
                pick, index = divmod(pick, len(part))
                words.append(part[index])
            yield " ".join(reversed(words)) + suffix


def _skill_document(rng: np.random.Generator, skill: _SkillRow) -> dict[str, Any]:
    subject = skill.name[0].lower() + skill.name[1:]
    closing = rng.integers(0, 3)
    description = (
        f"{skill.name}: the practice of {subject} "
        + ("in products and services.", "for the organisation.", "with partners.")[
            closing
        ]
    )
    return {
        "code": skill.code,
        "name": skill.name,
        "category": skill.category,
        "subcategory": skill.subcategory,
        "description": description,
        "levels": {
            level: f"{_LEVEL_VERBS[level]} {subject} {_LEVEL_SCOPES[level]}."
            for level in range(skill.low, skill.high + 1)
        },
    }


def _path_kinds(count: int) -> list[_PathKind]:
    kinds = list(_PATH_KINDS[:count])
    # Beyond the named paths, repeat them for further business units.
    for extra in range(count - len(kinds)):
        base = _PATH_KINDS[extra % len(_PATH_KINDS)]
        unit = extra // len(_PATH_KINDS) + 2
        kinds.append(
            _PathKind(
                f"{base.name} (Unit {unit})",
                base.noun,
                base.specialisms_text,
                base.focus,
                base.description,
            )
        )
    return kinds


def _roles_per_path(spec: Spec) -> list[list[int]]:
    """Role counts per path and level: even over paths, mid-heavy over levels."""
    per_path = [
        spec.roles // spec.paths + (1 if i < spec.roles % spec.paths else 0)
        for i in range(spec.paths)
    ]
    result = []
    for total in per_path:
        spare = total - 7
        exact = [share * spare for share in _LEVEL_SHARE]
        counts = [1 + int(x) for x in exact]
        # Largest remainders take the roles left over by rounding down.
        order = sorted(range(7), key=lambda i: (-(exact[i] - int(exact[i])), i))
        for i in order[: total - sum(counts)]:
            counts[i] += 1
        result.append(counts)
    return result


def _requirement_counts(rng: np.random.Generator, spec: Spec) -> list[int]:
    """Requirements per role: about even, a little spread, exactly the total."""
    base, extra = divmod(spec.requirements, spec.roles)
    counts = np.full(spec.roles, base)
    counts[rng.choice(spec.roles, size=extra, replace=False)] += 1
    # Move a few requirements between random pairs of roles: the total stays
    # exact and every role keeps at least one.
    spread = max(0, min(base - 1, base // 8, spec.skills - base - 1))
    if spread:
        givers = rng.permutation(spec.roles)
        half = spec.roles // 2
        moved = rng.integers(0, spread + 1, size=half)
        counts[givers[:half]] -= moved
        counts[givers[half : 2 * half]] += moved
    return [int(c) for c in counts]


def _log_weights(
    rng: np.random.Generator, skills: Sequence[_SkillRow], kinds: Sequence[_PathKind]
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """log P(skill) for each path and role level: Zipf rank, path focus, level fit."""
    count = len(skills)
    ranks = rng.permutation(count) + 1
    zipf = -_ZIPF * np.log(ranks)
    subcategory = np.array([s.subcategory for s in skills])
    lows = np.array([s.low for s in skills])
    highs = np.array([s.high for s in skills])
    weights = np.empty((len(kinds), 7, count))
    for p, kind in enumerate(kinds):
        focus = np.where(np.isin(subcategory, kind.focus), math.log(6.0), 0.0)
        for level in range(1, 8):
            distance = np.maximum(lows - level, 0) + np.maximum(level - highs, 0)
            fit = np.where(distance == 0, 0.0, np.where(distance == 1, -2.0, -4.0))
            weights[p, level - 1] = zipf + focus + fit
    return weights


def _choose_skills(
    rng: np.random.Generator,
    log_weights: np.ndarray[Any, np.dtype[np.float64]],
    counts: Sequence[int],
) -> list[np.ndarray[Any, np.dtype[np.intp]]]:
    """Distinct skills for each role, drawn with the given weights.

    The Gumbel top-k trick: adding Gumbel noise to log-weights and keeping the
    k largest samples k items without replacement, proportionally to weight,
    in one vectorised step for the whole group.
    """
    if not counts:
        return []
    most = max(counts)
    keys = log_weights + rng.gumbel(size=(len(counts), log_weights.shape[0]))
    top = np.argpartition(-keys, most - 1, axis=1)[:, :most]
    order = np.take_along_axis(keys, top, axis=1).argsort(axis=1)[:, ::-1]
    ranked = np.take_along_axis(top, order, axis=1)
    return [ranked[i, :k] for i, k in enumerate(counts)]


def _title(
    rng: np.random.Generator, kind: _PathKind, level: int, taken: set[str]
) -> str:
    seniority = _SENIORITY[level]
    for attempt in itertools.count():
        prefix = seniority[int(rng.integers(len(seniority)))]
        domain = _DOMAINS[int(rng.integers(len(_DOMAINS)))]
        specialism = kind.specialisms[int(rng.integers(len(kind.specialisms)))]
        title = " ".join(w for w in (prefix, domain, specialism, kind.noun) if w)
        if attempt >= 20:
            # The combinations are used up: number the title to keep it unique.
            title = f"{title} {attempt - 18}"
        slug = slugify(title)
        if slug not in taken:
            taken.add(slug)
            return title
    raise AssertionError("unreachable")


def _summary(rng: np.random.Generator, kind: _PathKind, level: int) -> str:
    area = _DOMAINS[int(rng.integers(len(_DOMAINS)))].lower()
    return (
        f"{kind.noun} at level {level} ({LEVEL_NAMES[level]}), working on {area} "
        f"{_LEVEL_SCOPES[level]}."
    )
