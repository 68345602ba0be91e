"""Generated frameworks for the benchmark, cached on disk by their spec."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from competency_explorer import generate
from competency_explorer.generate import Spec

# ESCO's proportions: 3,039 occupations, about 14,000 skills, 129,004 links.
SKILLS_PER_ROLE = 14000 / 3000
REQUIREMENTS_PER_ROLE = 130000 / 3000


def spec_for(roles: int, seed: int = 1) -> Spec:
    """A framework of ``roles`` roles in ESCO's proportions, on up to 12 paths.

    Paths are split into tracks as the framework owner's engineering path is
    (five tracks; fewer where a path has too few roles to fill them), and the
    framework declares a move for about every 75 roles, some from selectors.
    """
    paths = max(1, min(12, roles // 7))
    tracks = min(5, roles // (7 * paths))
    return Spec(
        roles=roles,
        skills=round(roles * SKILLS_PER_ROLE),
        requirements=round(roles * REQUIREMENTS_PER_ROLE),
        paths=paths,
        seed=seed,
        tracks=tracks if tracks >= 2 else 0,
        moves=roles // 75,
    )


def ensure(spec: Spec, cache: Path) -> Path:
    """The folder holding ``spec``'s framework, generated unless already cached."""
    folder = cache / f"roles-{spec.roles}-seed-{spec.seed}"
    stamp = folder / "spec.json"
    wanted = _stamp(spec)
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return folder
    # Written aside and renamed, so that an interrupted run leaves no half
    # framework that a later run would take for a cached one.
    partial = cache / f".{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    generate.write(spec, partial)
    (partial / "spec.json").write_text(wanted, encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder


def yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.yaml"))


def _stamp(spec: Spec) -> str:
    # A change to the generator changes its output: the cache must notice.
    source = Path(generate.__file__).read_bytes()
    fields = {
        "roles": spec.roles,
        "skills": spec.skills,
        "requirements": spec.requirements,
        "paths": spec.paths,
        "seed": spec.seed,
        "tracks": spec.tracks,
        "moves": spec.moves,
        "generator": hashlib.sha256(source).hexdigest()[:16],
    }
    return json.dumps(fields, sort_keys=True) + "\n"
