"""Hostile and broken framework files: each one a clear problem, never a traceback.

One table drives three checks, on one load of each input: ``loader.load``
reports exactly the expected problems (path, line, severity, message);
``competency validate`` prints them and exits with the expected code (the real
command line for a sample of cases); nothing prints a traceback. Inputs that
cannot live in git (a 50 MB file, a symbolic link loop, a named pipe, an
unreadable file, the inputs past each reader's limits, a zip bomb) are made
in ``tmp_path`` at test time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from competency_explorer import cli, loader
from competency_explorer.errors import Problem, Severity
from competency_explorer.loader import LoadResult, load
from competency_explorer.sources import sfia, yaml_format
from competency_explorer.sources.drafts import SourceResult

# A hang is a failure too: pytest-timeout turns one into a red test.
pytestmark = pytest.mark.timeout(120)

DATA = Path(__file__).parent / "data"
EMPTY = "the framework is empty: no roles and no skills found"
ONLY_SKILLS = "the framework has no roles, only skills"
NOT_REGULAR = "not a regular file (a pipe, device or socket); expected a text file"

# (path relative to the given path, "" for the path itself; line; severity;
# message, where "{root}" stands for the given path).
Expected = tuple[tuple[str, int, Severity, str], ...]
Maker = Callable[[Path, pytest.MonkeyPatch], Path]

CARD = """\
# Platform Engineer

**Level 4** | **Career Path:** Technical

### Specialist advice (TECH)

**Category:** Strategy and architecture | **Subcategory:** Advice and guidance

**Level 4 Attainment:**

Advises the team on their specialism and knows when to call in deeper expertise.
"""


@dataclass(frozen=True)
class Case:
    id: str
    make: Maker
    expected: Expected
    exit_code: int = 1
    subprocess: bool = False  # run the real command line, not main() in-process
    xfail: str | None = None  # a reader bug reported to the lead


def committed(name: str) -> Maker:
    return lambda tmp, monkeypatch: DATA / name


def _too_large(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp / "huge.md"
    size = 50 * 1024 * 1024
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(size // len(CARD)):
            handle.write(CARD)
        handle.write(CARD[: size % len(CARD)])
    return path


def _symlink_loop(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp / "data"
    folder.mkdir()
    os.symlink(folder, folder / "loop")
    return folder


def _empty_folder(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp / "empty"
    folder.mkdir()
    return folder


def _named_pipe(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp / "data"
    folder.mkdir()
    os.mkfifo(folder / "role.md")
    return folder


def _device(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    os.symlink("/dev/zero", tmp / "zero.yaml")
    return tmp / "zero.yaml"


def _unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Tests run as root, who can read any file, so the refusal is simulated.
    card = tmp / "role.md"
    card.write_text(CARD, encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == card:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    return card


def _missing(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return tmp / "nowhere"


def _long_lines(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Lines of 100,000 characters made to trip a backtracking regular
    # expression, if the card parser had one.
    path = tmp / "long.md"
    path.write_text(
        "# Long Lines\n\n**Level"
        + " " * 100_000
        + "x** | **Career Path:** "
        + "| " * 50_000
        + "\n\n### Skill"
        + " " * 100_000
        + "(TECH\n",
        encoding="utf-8",
    )
    return path


def _blank_lines(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # 5 MB of blank lines after a title: once 1.2 GB and 15 s of line objects.
    path = tmp / "blank.md"
    path.write_text("# Role\n" + "\n" * (5 * 1024 * 1024), encoding="utf-8")
    return path


def _longest_card(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp / "longest.md"
    path.write_text(CARD + "\n" * (50_000 - CARD.count("\n")), encoding="utf-8")
    return path


def _flat_yaml_list(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # A 5 MB list of 2.6 million one-digit items: 50 a line after "[", so
    # item 1,200,000 (node 1,200,001, the list being the first) is on line
    # 1 + 1,200,000 / 50 = 24,001.
    path = tmp / "flat.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("[\n")
        handle.write(("1, " * 50 + "\n") * 52_000)
        handle.write("1]\n")
    return path


def _long_csv(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp / "long.csv"
    path.write_text("a\n" * (5 * 1024 * 1024), encoding="utf-8")  # 10 MB
    return path


def _wide_csv(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp / "wide.csv"
    path.write_text("Level,1,2\n" + "," * 1000 + "\n", encoding="utf-8")
    return path


_SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override '
        'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/'
        'worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="Rows" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship '
        'Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _workbook(path: Path, rows: int, cells: int) -> Path:
    """A workbook of one sheet, ``rows`` rows of ``cells`` cells, written
    a thousand rows at a time so that a zip bomb is never held whole."""
    row = b"<row>" + b'<c t="inlineStr"><is><t>x</t></is></c>' * cells + b"</row>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        for name, text in _WORKBOOK_PARTS.items():
            book.writestr(name, text)
        with book.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_START)
            for _ in range(rows // 1000):
                sheet.write(row * 1000)
            sheet.write(row * (rows % 1000) + b"</sheetData></worksheet>")
    return path


def _zip_bomb(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # 494 KB that unpacks to 117 MB: once 790 MB and 47 s in openpyxl.
    return _workbook(tmp / "bomb.xlsx", rows=300_000, cells=10)


def _shared_strings(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # 860,000 shared strings (18 MB unpacked, under the size limit) took 17
    # to 53 s to refuse: openpyxl reads them all as it opens the workbook.
    # One more than the limit is enough to be refused.
    path = tmp / "strings.xlsx"
    parts = dict(_WORKBOOK_PARTS)
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
    )
    strings = b"".join(
        b"<si><t>%d</t></si>" % i for i in range(sfia.MAX_SHARED_STRINGS + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)
        book.writestr(
            "xl/worksheets/sheet1.xml",
            _SHEET_START
            + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
        )
        book.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main">' + strings + b"</sst>",
        )
    return path


def _long_sheet(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _workbook(tmp / "long.xlsx", rows=10_001, cells=1)


CASES = [
    # Malformed YAML, in its several ways.
    Case(
        "yaml-malformed",
        committed("broken/yaml/malformed.yaml"),
        (
            (
                "",
                6,
                "error",
                "malformed YAML: did not find expected ',' or ']' "
                "(while parsing a flow sequence)",
            ),
            ("", 0, "error", EMPTY),
        ),
        subprocess=True,
    ),
    Case(
        "yaml-tab-indent",
        committed("bad/yaml/tab-indent.yaml"),
        (
            (
                "",
                3,
                "error",
                "malformed YAML: this line is indented with a tab; YAML indents "
                "with spaces only",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-unclosed-quote",
        committed("bad/yaml/unclosed-quote.yaml"),
        (
            (
                "",
                1,  # where the quote opens, not the end of the file
                "error",
                "malformed YAML: found unexpected end of stream "
                "(while scanning a quoted scalar)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-two-documents",
        committed("bad/yaml/two-documents.yaml"),
        (
            (
                "",
                3,
                "error",
                "malformed YAML: expected a single document in the "
                "stream, but found another document",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-control-character",
        committed("bad/yaml/control-character.yaml"),
        (
            ("", 4, "error", "malformed YAML: character U+0007 is not allowed"),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-deep-nesting",
        committed("bad/yaml/deep-nesting.yaml"),
        (
            (
                "",
                2,
                "error",
                "malformed YAML: exceeded maximum nesting depth "
                "(while increasing flow level)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    # Alias bombs: refused before they expand.
    Case(
        "yaml-billion-laughs",
        committed("broken/yaml/billion-laughs.yaml"),
        (
            (
                "",
                0,
                "error",
                "YAML aliases expand this document by more than "
                "1,000,000 nodes; refusing to read it (use fewer aliases)",
            ),
            ("", 0, "error", EMPTY),
        ),
        subprocess=True,
    ),
    Case(
        "yaml-merge-key-bomb",
        committed("bad/yaml/merge-key-bomb.yaml"),
        (
            (
                "",
                0,
                "error",
                "YAML aliases expand this document by more than "
                "1,000,000 nodes; refusing to read it (use fewer aliases)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-recursive-alias",
        committed("broken/yaml/recursive-alias.yaml"),
        (
            (
                "",
                4,
                "error",
                "a YAML alias refers to a node that contains it; "
                "recursive aliases are not allowed",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    # Values a parser might choke on.
    Case(
        "yaml-python-tag",
        committed("bad/yaml/python-tag.yaml"),
        (
            ("", 3, "error", "role: title must be text, not a list"),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-huge-numbers",
        committed("bad/yaml/huge-numbers.yaml"),
        (
            (
                "",
                9,
                "error",
                "role 'Developer': level must be a whole number "
                "from 1 to 7, not 99999999999999999999999999999",
            ),
            (
                "",
                12,
                "error",
                "role 'Tester': level must be a whole number from 1 to 7, not .inf",
            ),
            ("", 14, "warning", "role 'Analyst' has no requirements"),
            (
                "",
                19,
                "error",
                "role 'Analyst', requirement PROG: level must be "
                "a whole number from 1 to 7, not -1",
            ),
        ),
    ),
    Case(
        "yaml-level-10000-digits",
        committed("bad/yaml/level-10000-digits.yaml"),
        (
            (
                "",
                4,
                "error",
                "role 'Developer': level must be a whole number from 1 to 7, "
                "not " + "9" * 57 + "...",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-level-underscored-digits",
        committed("bad/yaml/level-underscored-digits.yaml"),
        (
            (
                "",
                4,
                "error",
                "role 'Developer': level must be a whole number from 1 to 7, "
                "not 1_" + "0" * 55 + "...",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-empty-titles",
        committed("bad/yaml/empty-titles.yaml"),
        (
            ("", 2, "error", "role title '!!!' has no letters or digits"),
            ("", 5, "error", "role is missing required key 'title'"),
            ("", 8, "error", "role is missing required key 'title'"),
            ("", 0, "error", EMPTY),
        ),
    ),
    # Not text, or not UTF-8.
    Case(
        "binary-named-md",
        committed("broken/cards/binary.md"),
        (
            ("", 1, "error", "file is binary, not text (it contains NUL bytes)"),
            ("", 0, "error", EMPTY),
        ),
        subprocess=True,
    ),
    Case(
        "png-named-yaml",
        committed("bad/yaml/png-image.yaml"),
        (
            (
                "",
                1,
                "error",
                "file is not UTF-8 text (byte 0x89 at offset 0); save it as UTF-8",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "card-nul-byte",
        committed("bad/cards/nul-byte.md"),
        (
            ("", 15, "error", "file is binary, not text (it contains NUL bytes)"),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "card-not-utf8",
        committed("broken/cards/not-utf8.md"),
        (
            (
                "",
                5,
                "error",
                "file is not UTF-8 text (byte 0xa3 at offset 114); save it as UTF-8",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "card-truncated-utf8",
        committed("bad/cards/truncated-utf8.md"),
        (
            (
                "",
                16,
                "error",
                "file is not UTF-8 text (byte 0xc3 at offset 382); save it as UTF-8",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "card-utf16",
        committed("bad/cards/utf16.md"),
        (
            (
                "",
                1,
                "error",
                "file is not UTF-8 text (byte 0xff at offset 0); save it as UTF-8",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-utf16",
        committed("bad/yaml/utf16.yaml"),
        (
            (
                "",
                1,
                "error",
                "file is not UTF-8 text (byte 0xff at offset 0); save it as UTF-8",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "csv-nul-bytes",
        committed("bad/sfia/nul-bytes.csv"),
        (
            (
                "",
                2,
                "error",
                "file is not CSV text (it contains NUL bytes: UTF-16 "
                "or binary?); expected a CSV file in cp1252 (as downloaded from "
                "SFIA) or UTF-8",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "zip-named-csv",
        committed("bad/sfia/zip-named-csv.csv"),
        (
            (
                "",
                0,
                "error",
                "file is an XLSX workbook (a zip archive), not CSV text; name it .xlsx",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "csv-level-header-5000-digits",
        committed("bad/sfia/level-header-5000-digits.csv"),
        (
            (
                "",
                1,
                "error",
                "bad level number '" + "9" * 57 + "...' in column 4 of the "
                "levels header row; expected 1 to 7",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "yaml-flat-list-5-mb",
        _flat_yaml_list,
        (
            (
                "",
                24_001,
                "error",
                "the file has more than 1,200,000 YAML nodes (values, lists and "
                "mappings); refusing to read it (split it into several files)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "csv-10-mb",
        _long_csv,
        (
            (
                "",
                10_001,
                "error",
                "more than 10,000 rows; refusing to read further (the SFIA "
                "download has about 150)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "csv-1001-cells",
        _wide_csv,
        (
            (
                "",
                2,
                "error",
                "row has 1,001 cells; the limit is 200 (an SFIA table has 21 columns)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "xlsx-zip-bomb",
        _zip_bomb,
        (
            (
                "",
                0,
                "error",
                "the workbook unpacks to 117,301,511 bytes; the limit is "
                "20,971,520 bytes (the SFIA download is a few MB)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "xlsx-shared-strings",
        _shared_strings,
        (
            (
                "",
                0,
                "error",
                "the workbook holds more than 20,000 shared strings (cell texts); "
                "refusing to read it (the SFIA download has a few thousand)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "xlsx-10001-rows",
        _long_sheet,
        (
            (
                "",
                0,
                "error",
                "no sheet has a header row recognised as an SFIA skills, "
                "attributes or levels table (sheets: 'Rows')",
            ),
            (
                "",
                10_001,
                "error",
                "sheet 'Rows': more than 10,000 rows; refusing to read further "
                "(the SFIA download has about 150)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    # A role card with each part missing in turn.
    Case(
        "card-no-title",
        committed("broken/cards/no-title.md"),
        (
            (
                "",
                1,
                "error",
                "role card has no title: expected a first line like '# Role title'",
            ),
            ("", 0, "warning", ONLY_SKILLS),
        ),
    ),
    Case(
        "card-no-level-line",
        committed("broken/cards/no-level-line.md"),
        (
            (
                "",
                1,
                "error",
                "role card has no level line: expected "
                "'**Level N** | **Career Path:** Name'",
            ),
            ("", 0, "warning", ONLY_SKILLS),
        ),
    ),
    Case(
        "card-level-missing-from-level-line",
        committed("bad/cards/level-line-in-wrong-order.md"),
        (
            (
                "",
                3,
                "error",
                "role card has no level: expected '**Level N** |' "
                "before the career path",
            ),
            ("", 0, "warning", ONLY_SKILLS),
        ),
    ),
    Case(
        "card-no-career-path",
        committed("broken/cards/no-career-path.md"),
        (
            (
                "",
                3,
                "error",
                "role card has no career path: expected '| **Career Path:** Name'",
            ),
            ("", 0, "warning", ONLY_SKILLS),
        ),
    ),
    # The scope summary is optional (the contract's Role.summary is nullable),
    # so a card without one is sound.
    Case("card-no-scope-summary", committed("bad/cards/no-scope-summary.md"), (), 0),
    # No skills section: the role is placed but requires nothing; a warning,
    # as for a YAML role without requirements.
    Case(
        "card-no-skills-section",
        committed("bad/cards/no-skills-section.md"),
        (("", 1, "warning", "role 'Platform Engineer' has no requirements"),),
        0,
    ),
    Case(
        "card-skill-without-code",
        committed("broken/cards/skill-without-code.md"),
        (
            (
                "",
                15,
                "error",
                "skill section 'Accessibility' has no skill code: "
                "expected '### Skill name (CODE)'",
            ),
        ),
    ),
    Case(
        "card-skill-without-attainment",
        committed("broken/cards/skill-without-attainment.md"),
        (
            (
                "",
                15,
                "error",
                "skill TECH has no 'Level N Attainment', so the "
                "level at which the role requires it is unknown",
            ),
        ),
    ),
    Case(
        "card-level-huge-number",
        committed("bad/cards/level-huge-number.md"),
        (
            (
                "",
                3,
                "error",
                "role level 99999999999999999999999999999999 is outside 1-7",
            ),
            ("", 0, "warning", ONLY_SKILLS),
        ),
    ),
    Case(
        "card-title-punctuation-only",
        committed("bad/cards/title-punctuation-only.md"),
        (
            ("", 1, "error", "role title '???' has no letters or digits"),
            ("", 0, "warning", ONLY_SKILLS),
        ),
    ),
    Case(
        "card-second-title",
        committed("bad/cards/second-title.md"),
        (
            (
                "",
                17,
                "error",
                "a second title 'Release Engineer': a role card "
                "describes one role (its title is at line 1)",
            ),
        ),
    ),
    Case(
        "card-long-lines",
        _long_lines,
        (
            ("", 3, "error", "role level 'x' is not a whole number from 1 to 7"),
            (
                "",
                5,
                "error",
                "skill section 'Skill (TECH' has no skill code: "
                "expected '### Skill name (CODE)'",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "card-5-mb-of-blank-lines",
        _blank_lines,
        (
            (
                "",
                50_001,
                "error",
                "the card has 5,242,881 lines; a role card has at most 50,000 "
                "(it describes one role)",
            ),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case("card-of-50000-lines-is-read", _longest_card, (), 0),
    # Several files that disagree.
    Case(
        "duplicate-role-card-and-yaml",
        committed("bad/mixed/duplicate-role"),
        (
            (
                "roles.yaml",
                2,
                "error",
                "duplicate role slug 'platform-engineer': "
                "role 'Platform Engineer' clashes with 'Platform Engineer' at "
                "{root}/platform-engineer.md:1",
            ),
        ),
        subprocess=True,
    ),
    Case(
        "duplicate-slug-card-and-yaml",
        committed("bad/mixed/duplicate-slug"),
        (
            (
                "roles.yaml",
                2,
                "error",
                "duplicate role slug 'platform-engineer': "
                "role 'PLATFORM engineer!' clashes with 'Platform Engineer' at "
                "{root}/platform-engineer.md:1",
            ),
        ),
    ),
    Case(
        "unknown-skill-across-files",
        committed("bad/mixed/unknown-skill"),
        (
            (
                "roles.yaml",
                7,
                "error",
                "role 'Data Engineer' requires unknown skill code 'NOPE'",
            ),
        ),
    ),
    # The file system.
    Case(
        "too-large-50-mb",
        _too_large,
        (
            (
                "",
                0,
                "error",
                "file is too large (52,428,800 bytes); the limit is 20,971,520 bytes",
            ),
            ("", 0, "error", EMPTY),
        ),
        subprocess=True,
    ),
    Case(
        "symlink-loop",
        _symlink_loop,
        (
            ("loop", 0, "warning", "symbolic link loop; folder skipped"),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case("empty-folder", _empty_folder, (("", 0, "error", EMPTY),)),
    Case(
        "named-pipe-md",
        _named_pipe,
        (("role.md", 0, "error", NOT_REGULAR), ("", 0, "error", EMPTY)),
        subprocess=True,
    ),
    Case(
        "device-named-yaml",
        _device,
        (("", 0, "error", NOT_REGULAR), ("", 0, "error", EMPTY)),
    ),
    Case(
        "unreadable-file",
        _unreadable,
        (
            ("", 0, "error", "cannot read file: Permission denied"),
            ("", 0, "error", EMPTY),
        ),
    ),
    Case(
        "missing-path",
        _missing,
        (("", 0, "error", "no such file or folder"), ("", 0, "error", EMPTY)),
    ),
]


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        marks = (
            [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        )
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


def _problems(given: Path, expected: Expected) -> list[Problem]:
    root = str(given)
    return [
        Problem(
            os.path.join(root, relative) if relative else root,
            line,
            severity,
            message.replace("{root}", root),
        )
        for relative, line, severity, message in expected
    ]


def _matches(actual: list[Problem], wanted: list[Problem], exact: bool) -> bool:
    if exact:
        return actual == wanted
    # Cases awaiting a reader fix state where and what, not the final wording.
    return len(actual) == len(wanted) and all(
        (a.path, a.line, a.severity) == (w.path, w.line, w.severity)
        and a.message.startswith(w.message)
        for a, w in zip(actual, wanted, strict=True)
    )


@pytest.mark.parametrize("case", _params())
def test_load_reports_the_problem_and_validate_prints_it(
    case: Case,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    given = case.make(tmp_path, monkeypatch)
    if case.subprocess:
        result = loader.load([str(given)])
        run = subprocess.run(
            [sys.executable, "-m", "competency_explorer", "validate", str(given)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        code, out, err = run.returncode, run.stdout, run.stderr
    else:
        # The command loads once; that load's result is the one checked, so
        # that a large input is read once, not once more for the command.
        results: list[LoadResult] = []
        monkeypatch.setattr(loader, "load", _recording(loader.load, results))
        code = cli.main(["validate", str(given)])
        captured = capsys.readouterr()
        out, err = captured.out, captured.err
        [result] = results
    wanted = _problems(given, case.expected)
    exact = case.xfail is None
    assert _matches(list(result.problems), wanted, exact), [
        str(p) for p in result.problems
    ]
    assert "Traceback" not in out + err
    printed = [str(p) for p in wanted]
    if exact:
        assert out.splitlines() == printed
    else:
        assert [line.split(": error: ")[0] for line in out.splitlines()] == [
            line.split(": error: ")[0] for line in printed
        ]
    assert code == case.exit_code


def _recording(
    load: Callable[[Sequence[str]], LoadResult], results: list[LoadResult]
) -> Callable[[Sequence[str]], LoadResult]:
    def recorded(paths: Sequence[str]) -> LoadResult:
        results.append(load(paths))
        return results[-1]

    return recorded


def test_the_corpus_has_every_committed_bad_input() -> None:
    # A file added to tests/data/bad/ without a row here would test nothing.
    listed = {
        os.path.relpath(case.make(Path(), pytest.MonkeyPatch()), DATA)
        for case in CASES
        if case.make.__name__ == "<lambda>"
    }
    on_disk = {str(path.relative_to(DATA)) for path in (DATA / "bad").glob("*/*")}
    assert on_disk - listed == set()
    assert len(CASES) >= 20


# A child process that loads the given path and prints how much its peak
# resident memory grew while loading, in KiB. The peak is the kernel's VmHWM
# of the process's own memory: getrusage's ru_maxrss carries the parent's
# peak over a fork and exec, so in a child of pytest (itself far larger) it
# never grew, and these checks could not fail.
_MEASURE = textwrap.dedent(
    """
    import sys
    import openpyxl
    from competency_explorer.loader import load
    # Import every reader (and openpyxl, which the XLSX reader imports when
    # it first reads one) first, so that only the loading itself is measured.
    from competency_explorer.sources import markdown, sfia, yaml_format

    def peak_kib():
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc/self/status")

    before = peak_kib()
    result = load([sys.argv[1]])
    after = peak_kib()
    print(after - before, len(result.errors))
    """
)


@pytest.mark.parametrize(
    ("make", "limit_kib"),
    [
        pytest.param(_too_large, 16 * 1024, id="50-mb-file"),
        pytest.param(
            committed("broken/yaml/billion-laughs.yaml"), 16 * 1024, id="billion-laughs"
        ),
        pytest.param(
            committed("bad/yaml/merge-key-bomb.yaml"), 16 * 1024, id="merge-key-bomb"
        ),
        pytest.param(
            committed("bad/yaml/deep-nesting.yaml"), 32 * 1024, id="deep-nesting"
        ),
        # Each of these four once grew by 0.5 to 1.3 GB.
        pytest.param(_blank_lines, 32 * 1024, id="card-5-mb-of-blank-lines"),
        pytest.param(_flat_yaml_list, 48 * 1024, id="yaml-flat-list-5-mb"),
        pytest.param(_long_csv, 96 * 1024, id="csv-10-mb"),
        pytest.param(_zip_bomb, 16 * 1024, id="xlsx-zip-bomb"),
        pytest.param(_shared_strings, 16 * 1024, id="xlsx-shared-strings"),
    ],
)
def test_memory_stays_bounded(
    make: Maker, limit_kib: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = make(tmp_path, monkeypatch)
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(given)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    growth_kib, errors = (int(word) for word in run.stdout.split())
    assert errors >= 1
    assert growth_kib < limit_kib, f"peak RSS grew by {growth_kib} KiB"


def test_a_yaml_file_at_the_node_limit_stays_within_a_few_hundred_mb(
    tmp_path: Path,
) -> None:
    # A 3.9 MB file of 1.99 million nodes, under the old limit of 2,000,000,
    # took 600-660 MB. Measured here on 200,000 nodes (each an entry that is
    # a problem, as in that file) and scaled to the limit.
    path = tmp_path / "nodes.yaml"
    path.write_text("skills: [" + ",".join(["1"] * 199_998) + "]\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    growth_kib = int(run.stdout.split()[0])
    at_the_limit_mib = growth_kib / 1024 * yaml_format.MAX_YAML_NODES / 200_000
    print(
        f"\n{growth_kib / 1024:.0f} MiB for 200,000 nodes: "
        f"{at_the_limit_mib:.0f} MiB at the limit"
    )
    assert at_the_limit_mib < 400


@pytest.mark.parametrize(
    "text",
    [
        "{" + "a," * 1000 + "}",
        "[" + "1," * 1000 + "1]",
        "-\n" * 1000,
        "- - - - - - -\n" * 100,
        "{" + "? ," * 1000 + "}",
        "[" + "{?}," * 1000 + "]",
        "- ? \n" * 1000,
        "[" + "[[[[[[[]]]]]]]," * 100 + "]",
        "[&a x," + "*a," * 1000 + "]",
        "[" + "? a, " * 1000 + "]",
        "[" + "a: b, " * 1000 + "]",
        "[" + "[?]," * 1000 + "]",
        "[" + "{a, b}, " * 1000 + "]",
        "? \n" * 1000,
        "- ? - ? \n" * 1000,
        "a:\n  b:\n    - c: d\n      e: [f, {g: h}]\n" * 100,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_the_cheap_node_bound_is_never_below_the_node_count(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The YAML reader counts the parser's events only when a bound made by
    # counting - : , [ { ? and line breaks is over the limit: a bound below
    # the true count would let a document past the limit. With the limit set
    # to the true count the document is read; one less and it is refused.
    nodes = sum(
        isinstance(
            event, (yaml.ScalarEvent, yaml.CollectionStartEvent, yaml.AliasEvent)
        )
        for event in yaml.parse(text, Loader=yaml.SafeLoader)
    )
    monkeypatch.setattr(yaml_format, "MAX_YAML_NODES", nodes)
    yaml_format._check_node_count(text)
    monkeypatch.setattr(yaml_format, "MAX_YAML_NODES", nodes - 1)
    with pytest.raises(yaml_format._Refused):
        yaml_format._check_node_count(text)


def test_a_file_lists_its_first_thousand_problems_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "roles.yaml"
    path.write_text("roles:\n" + "- 1\n" * 3000, encoding="utf-8")
    problems = load([str(path)]).problems
    assert str(problems[0]) == (
        f"{path}:0: error: 2,000 more problems in this file are not listed "
        "(only the first 1,000 are)"
    )
    assert str(problems[1]) == (
        f"{path}:2: error: each entry of roles must be a mapping, not 1"
    )
    assert len(problems) == 1002
    assert [str(p) for p in problems[-2:]] == [
        f"{path}:1001: error: each entry of roles must be a mapping, not 1",
        f"{path}:0: error: the framework is empty: no roles and no skills found",
    ]


@pytest.mark.parametrize(
    ("past_the_limit", "closing"),
    [
        (("warning",), "warning: 1 more problem in this file is not listed"),
        (("warning", "warning"), "warning: 2 more problems in this file are not"),
        (("error", "warning"), "error: 2 more problems in this file are not"),
        (("warning", "error"), "error: 2 more problems in this file are not"),
    ],
)
def test_the_closing_problem_is_an_error_if_an_unlisted_one_is(
    past_the_limit: tuple[Severity, ...], closing: str
) -> None:
    result = SourceResult("f.yaml")
    for line in range(1, 1001):
        result.warning(line, "listed")
    for severity in past_the_limit:
        result.report(2000, severity, "not listed")
    assert len(result.problems) == 1001
    assert str(result.problems[-1]).startswith(f"f.yaml:0: {closing}")
