"""The coverage matrix (coverage.py) and its CSV export, on tests/data/health."""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

import pytest

from competency_explorer.cli import main
from competency_explorer.coverage import coverage, to_csv
from competency_explorer.loader import load_or_raise

DATA = Path(__file__).parent / "data"

CSV = """\
career_path,track,level,role,title,DATA,ARCH,LONE,PROG,TEST,PROD,REQM,SOLO
Data,,3,data-analyst,Data Analyst,3,,,,3,,,
Data,,3,reporting-analyst,Reporting Analyst,3,,,,3,,(3),
Engineering,,1,apprentice-engineer,Apprentice Engineer,,,(2),,,,,
Engineering,,2,engineer,Engineer,,,,2,2,,,
Engineering,Backend,3,backend-engineer,Backend Engineer,,3,,4,,,,
Engineering,Backend,5,principal-backend-engineer,Principal Backend Engineer,,6,,3,,,,
Engineering,QA,3,qa-engineer,QA Engineer,,,,2,3,,,
Engineering,QA,4,lead-qa-engineer,Lead QA Engineer,,,,2,4,,,
Product,,3,product-analyst,Product Analyst,3,,,,,,3,
Product,,4,product-manager,Product Manager,,,,,,4,,3
Product,,5,head-of-product,Head of Product,,,,,,3,4,
"""


def test_groups_are_paths_then_shared_rungs_then_tracks() -> None:
    matrix = coverage(load_or_raise([str(DATA / "health")]))
    assert [
        (group.career_path, group.track, [role.slug for role in group.roles])
        for group in matrix.groups
    ] == [
        ("Data", None, ["data-analyst", "reporting-analyst"]),
        ("Engineering", None, ["apprentice-engineer", "engineer"]),
        ("Engineering", "Backend", ["backend-engineer", "principal-backend-engineer"]),
        ("Engineering", "QA", ["qa-engineer", "lead-qa-engineer"]),
        ("Product", None, ["product-analyst", "product-manager", "head-of-product"]),
    ]
    # Columns: the skills some role lists, by category, then code.
    assert [(s.category, s.code) for s in matrix.skills] == [
        ("Data", "DATA"),
        ("Development", "ARCH"),
        ("Development", "LONE"),
        ("Development", "PROG"),
        ("Development", "TEST"),
        ("Product", "PROD"),
        ("Product", "REQM"),
        ("Product", "SOLO"),
    ]


def test_the_csv_marks_optional_levels() -> None:
    assert to_csv(load_or_raise([str(DATA / "health")])) == CSV


def test_export_coverage_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with chdir(DATA):
        assert main(["export", "--format", "coverage-csv", "health"]) == 0
    assert capsys.readouterr().out == CSV
    target = tmp_path / "coverage.csv"
    with chdir(DATA):
        assert (
            main(["export", "--format", "coverage-csv", "health", "-o", str(target)])
            == 0
        )
    assert target.read_text(encoding="utf-8") == CSV


def test_a_title_with_a_comma_is_quoted(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text(
        "skills:\n  - {code: PROG, name: P, category: C, subcategory: S,"
        " levels: {3: x}}\n"
        "roles:\n  - title: 'VP, Engineering'\n    level: 3\n"
        "    career_path: Tech\n    requirements: [{code: PROG}]\n",
        encoding="utf-8",
    )
    assert to_csv(load_or_raise([str(tmp_path)])).splitlines() == [
        "career_path,track,level,role,title,PROG",
        'Tech,,3,vp-engineering,"VP, Engineering",3',
    ]
