"""Read the SFIA download (CSV or XLSX): skills, attributes, levels of responsibility.

Each CSV file or workbook sheet is recognised by its header row, never by its
name, because organisations rename the files they download. The layout is
described in docs/sfia.md.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Literal

from ..model import LEVEL_NUMBERS, Location, normalise_code
from .drafts import AttributeDraft, LevelDraft, SkillDraft, SourceResult
from .files import MAX_FILE_BYTES, read_bytes
from .links import url_problem

#: Shown wherever SFIA data is used, as the SFIA Foundation's licence asks.
ATTRIBUTION = (
    "Contains information from the Skills Framework for the Information Age "
    "with the permission of the SFIA Foundation"
)

NOT_RECOGNISED = (
    "header row not recognised as an SFIA skills, attributes or levels table"
)

ATTRIBUTE_TYPES = ("Attributes", "Business skills/Behavioural factors")

_LEVEL_DESCRIPTIONS = tuple(f"Level {n} description" for n in LEVEL_NUMBERS)
_LEVEL_COLUMNS = len(LEVEL_NUMBERS)

# None marks the six unnamed header cells of the Levels columns: their
# content is not checked, since a spreadsheet may merge them into "Levels".
SKILLS_HEADER: tuple[str | None, ...] = (
    "#",
    "Levels",
    *([None] * (_LEVEL_COLUMNS - 1)),
    "Code",
    "URL",
    "Skill",
    "Category",
    "Subcategory",
    "Overall description",
    "Guidance notes",
    *_LEVEL_DESCRIPTIONS,
)
ATTRIBUTES_HEADER: tuple[str | None, ...] = (
    "Levels",
    *([None] * (_LEVEL_COLUMNS - 1)),
    "Code",
    "URL",
    "Attribute name",
    "Type",
    "Overall description",
    "Guidance notes",
    *_LEVEL_DESCRIPTIONS,
)
_ESSENCE_PREFIX = "essence of the level:"

Kind = Literal["skills", "attributes", "levels"]

# Limits on a table, far above the SFIA download (about 150 skill rows of 21
# columns, 1 MB) yet low enough that a hostile file cannot exhaust memory:
# every cell kept costs a Python string, and a 10 MB CSV of one-letter rows
# once took 836 MB. Rows and cells past a limit are never read.
#: Rows in one CSV file or one sheet (blank rows included).
MAX_TABLE_ROWS = 10_000
#: Cells in one row; the widest SFIA table has 21 columns.
MAX_TABLE_COLUMNS = 200
#: The uncompressed size of everything inside an .xlsx (a zip archive): the
#: same as the limit on a text file. The SFIA workbook unpacks to a few MB; a
#: 432 KB "zip bomb" once unpacked to hundreds of MB and took 790 MB and 47 s
#: to read, and openpyxl scans a whole sheet before its first row, so a row
#: limit alone cannot stop it. Checked from the sizes the archive declares,
#: before openpyxl opens it (zipfile refuses a member that unpacks to more
#: than it declared).
MAX_XLSX_UNCOMPRESSED_BYTES = MAX_FILE_BYTES
#: Shared strings (the texts the cells point to) in one workbook. openpyxl
#: reads them all when it opens the workbook, at 20 to 60 us each: 860,000
#: of them (18 MB unpacked, under the size limit) took 17 to 53 s to refuse.
#: The SFIA workbook cannot hold more than it has text cells, about 4,000
#: (150 rows of 21 columns, and the smaller sheets); they are counted in the
#: archive, before openpyxl opens it.
MAX_SHARED_STRINGS = 20_000

# The start of a shared string's element, with or without a namespace prefix.
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")


@dataclass(frozen=True, slots=True)
class _Row:
    line: int  # CSV: physical line where the record starts; XLSX: row number
    cells: tuple[str, ...]

    def cell(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""

    @property
    def empty(self) -> bool:
        return not any(self.cells)


class _Table:
    """One CSV file or one sheet: its rows and how to report against them."""

    def __init__(
        self, result: SourceResult, rows: list[_Row], sheet: str | None
    ) -> None:
        self.result = result
        self.rows = rows
        self.sheet = sheet

    @property
    def display(self) -> str:
        return self.result.path

    def _message(self, message: str) -> str:
        return f"sheet {self.sheet!r}: {message}" if self.sheet else message

    def error(self, line: int, message: str) -> None:
        self.result.error(line, self._message(message))

    def warning(self, line: int, message: str) -> None:
        self.result.warning(line, self._message(message))


def read(path: Path, display: str) -> SourceResult:
    result = SourceResult(display)
    data = read_bytes(path, result)
    if data is None:
        return result
    if not data.strip():
        result.error(
            0, "file is empty; expected an SFIA skills, attributes or levels table"
        )
        return result
    if path.suffix.lower() == ".xlsx":
        _read_workbook(data, result)
    else:
        text = _decode_csv(data, result)
        if text is not None:
            _read_csv(text, result)
    return result


# --- CSV ------------------------------------------------------------------


def _decode_csv(data: bytes, result: SourceResult) -> str | None:
    """The text of a CSV file: the SFIA download is cp1252; UTF-8 is accepted too."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        result.error(
            0,
            "file is UTF-16 text; expected a CSV file in cp1252 (as downloaded "
            "from SFIA) or UTF-8",
        )
        return None
    if data.startswith(b"PK\x03\x04"):
        result.error(
            0, "file is an XLSX workbook (a zip archive), not CSV text; name it .xlsx"
        )
        return None
    if b"\x00" in data:
        where = data.index(b"\x00")
        result.error(
            data.count(b"\n", 0, where) + 1,
            "file is not CSV text (it contains NUL bytes: UTF-16 or binary?); "
            "expected a CSV file in cp1252 (as downloaded from SFIA) or UTF-8",
        )
        return None
    # Valid UTF-8 is tried first: cp1252 text that happens to be valid UTF-8
    # needs two bytes such as 0xC3 0xA9 in a row, which SFIA text never has.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if data.startswith(codecs.BOM_UTF8):
        start = utf8_error.start
        result.error(
            data.count(b"\n", 0, start) + 1,
            f"file starts with a UTF-8 byte order mark but byte "
            f"0x{data[start]:02x} at offset {start} is not UTF-8",
        )
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        result.error(
            data.count(b"\n", 0, exc.start) + 1,
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} is neither "
            "cp1252 nor UTF-8; expected a CSV file in cp1252 (as downloaded "
            "from SFIA) or UTF-8",
        )
        return None


def _read_csv(text: str, result: SourceResult) -> None:
    rows: list[_Row] = []
    # newline="" leaves line breaks inside quoted cells to the csv module,
    # and line_num then counts physical lines, quoted ones included.
    reader = csv.reader(io.StringIO(text, newline=""))
    consumed = 0
    try:
        for cells in reader:
            line = consumed + 1
            if len(rows) == MAX_TABLE_ROWS:
                result.error(line, _too_many_rows())
                return
            if len(cells) > MAX_TABLE_COLUMNS:
                result.error(line, _too_many_cells(len(cells)))
                return
            rows.append(_Row(line, tuple(_clean(c) for c in cells)))
            consumed = reader.line_num
    except csv.Error as exc:
        result.error(reader.line_num, f"malformed CSV: {exc}")
        return
    table = _Table(result, rows, sheet=None)
    kind = _read_table(table, truncation=True)
    if kind is None:
        result.error(_first_line(rows), NOT_RECOGNISED + _hint(rows))


# --- XLSX -----------------------------------------------------------------


def _read_workbook(data: bytes, result: SourceResult) -> None:
    # openpyxl is imported here so that loading role cards alone never pays
    # for it.
    import openpyxl

    if not zipfile.is_zipfile(io.BytesIO(data)):
        result.error(
            0,
            "file is not a readable XLSX workbook (it is not a zip archive); "
            "expected the SFIA download saved as .xlsx",
        )
        return
    unpacked = _unpacked_size(data)
    if unpacked is not None and unpacked > MAX_XLSX_UNCOMPRESSED_BYTES:
        result.error(
            0,
            f"the workbook unpacks to {unpacked:,} bytes; the limit is "
            f"{MAX_XLSX_UNCOMPRESSED_BYTES:,} bytes (the SFIA download is a few "
            "MB)",
        )
        return
    strings = _shared_strings(data)
    if strings > MAX_SHARED_STRINGS:
        result.error(
            0,
            f"the workbook holds more than {MAX_SHARED_STRINGS:,} shared strings "
            "(cell texts); refusing to read it (the SFIA download has a few "
            "thousand)",
        )
        return
    # Workbooks written by other programs make openpyxl warn about styles it
    # does not need; such warnings say nothing about the data.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True
            )
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            result.error(
                0,
                f"file is not a readable XLSX workbook ({_reason(exc)}); "
                "expected the SFIA download saved as .xlsx",
            )
            return
        try:
            recognised = 0
            for sheet in workbook.worksheets:
                try:
                    rows = list(_sheet_rows(sheet))
                except _TooLarge as too_large:
                    result.error(too_large.row, f"sheet {sheet.title!r}: {too_large}")
                    continue
                except Exception as exc:  # a damaged sheet inside a valid zip
                    result.error(
                        0, f"sheet {sheet.title!r} cannot be read ({_reason(exc)})"
                    )
                    continue
                table = _Table(result, rows, sheet=sheet.title)
                if _read_table(table, truncation=False) is not None:
                    recognised += 1
                elif any(not row.empty for row in rows):
                    result.warning(
                        0, f"sheet {sheet.title!r} ignored: {NOT_RECOGNISED}"
                    )
            names = ", ".join(repr(s.title) for s in workbook.worksheets)
        finally:
            workbook.close()
    if not recognised:
        result.error(
            0,
            "no sheet has a header row recognised as an SFIA skills, attributes "
            f"or levels table (sheets: {names or 'none'})",
        )


class _TooLarge(Exception):
    """A sheet past MAX_TABLE_ROWS or MAX_TABLE_COLUMNS; the message says which."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row = row


def _unpacked_size(data: bytes) -> int | None:
    """The total size the archive's members declare, None if it cannot be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # openpyxl reports the damage in its own words


def _shared_strings(data: bytes) -> int:
    """How many shared strings the archive's XML parts hold, counted up to one
    past the limit (the parts are within MAX_XLSX_UNCOMPRESSED_BYTES)."""
    count = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.infolist():
                if not member.filename.lower().endswith(".xml"):
                    continue
                for _ in _SHARED_STRING.finditer(archive.read(member)):
                    count += 1
                    if count > MAX_SHARED_STRINGS:
                        return count
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return count  # openpyxl reports the damage in its own words
    return count


def _sheet_rows(sheet: object) -> Iterable[_Row]:
    # Some programs write a wrong sheet size; forgetting it makes openpyxl
    # read every row and cell actually present.
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    values = sheet.iter_rows(min_row=1, values_only=True)  # type: ignore[attr-defined]
    for number, cells in enumerate(values, start=1):
        if number > MAX_TABLE_ROWS:
            raise _TooLarge(number, _too_many_rows())
        if len(cells) > MAX_TABLE_COLUMNS:
            raise _TooLarge(number, _too_many_cells(len(cells)))
        yield _Row(number, tuple(_cell_text(value) for value in cells))


def _too_many_rows() -> str:
    return (
        f"more than {MAX_TABLE_ROWS:,} rows; refusing to read further (the SFIA "
        "download has about 150)"
    )


def _too_many_cells(count: int) -> str:
    return (
        f"row has {count:,} cells; the limit is {MAX_TABLE_COLUMNS:,} (an SFIA "
        "table has 21 columns)"
    )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return _clean(str(value))


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__


# --- Tables ---------------------------------------------------------------


def _clean(text: str) -> str:
    # The download uses non-breaking spaces where plain ones are meant.
    return text.replace("\xa0", " ").replace("\r\n", "\n").replace("\r", "\n").strip()


def _key(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _first_line(rows: Sequence[_Row]) -> int:
    return next((row.line for row in rows if not row.empty), 1)


def _matches(header: _Row, expected: Sequence[str | None]) -> bool:
    return all(
        name is None or _key(header.cell(index)) == _key(name)
        for index, name in enumerate(expected)
    )


def _hint(rows: Sequence[_Row]) -> str:
    """Which column broke the match, for the table the header looks most like."""
    header = next((row for row in rows if not row.empty), None)
    if header is None:
        return ""
    best: tuple[int, str, int, str] | None = None
    for kind, expected in (
        ("skills", SKILLS_HEADER),
        ("attributes", ATTRIBUTES_HEADER),
    ):
        for index, name in enumerate(expected):
            if name is not None and _key(header.cell(index)) != _key(name):
                if index > 0 and (best is None or index > best[0]):
                    best = (index, kind, index + 1, name)
                break
    if best is None:
        return ""
    _, kind, column, name = best
    found = header.cell(column - 1)
    return f" (as a {kind} table, column {column} should be {name!r}; found {found!r})"


def _read_table(table: _Table, *, truncation: bool) -> Kind | None:
    """Read a recognised table into the result; None when it is not recognised."""
    rows = [row for row in table.rows if not row.empty]
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    if _matches(header, SKILLS_HEADER):
        kind: Kind = "skills"
        width = len(SKILLS_HEADER)
    elif _matches(header, ATTRIBUTES_HEADER):
        kind = "attributes"
        width = len(ATTRIBUTES_HEADER)
    elif _key(header.cell(0)) == "level" and any(header.cells[1:]):
        kind = "levels"
        width = len(header.cells)
    else:
        return None
    table.result.attribution = ATTRIBUTION
    extra = [c for c in header.cells[width:] if c]
    if extra and kind != "levels":
        table.warning(
            header.line,
            "columns after 'Level 7 description' are ignored: "
            + ", ".join(repr(c) for c in extra),
        )
    if not body:
        table.warning(header.line, f"the {kind} table has no rows")
    complete: list[_Row] = []
    for row in body:
        if truncation and len(row.cells) < len(header.cells):
            table.error(
                row.line,
                f"truncated row: {len(row.cells)} cells where the header row "
                f"has {len(header.cells)}",
            )
        else:
            complete.append(row)
    if kind == "skills":
        table.result.catalogue = True
        _read_skills(table, complete)
    elif kind == "attributes":
        _read_attributes(table, complete)
    else:
        _read_levels(table, header, complete)
    return kind


def _marked_levels(table: _Table, row: _Row, first: int, code: str) -> set[int] | None:
    """The level numbers of the seven Levels columns starting at ``first``.

    None when a cell is bad: the error has been reported, and comparing the
    marks with the descriptions would only repeat it.
    """
    marked: set[int] | None = set()
    for offset in range(_LEVEL_COLUMNS):
        text = row.cell(first + offset)
        if not text:
            continue
        expected = offset + 1
        if _level_number(text) != expected:
            table.error(
                row.line,
                f"{code}: bad level number {_shown(text)} in the Levels column for "
                f"level {expected}; expected {expected} or an empty cell",
            )
            marked = None
        elif marked is not None:
            marked.add(expected)
    return marked


def _described_levels(row: _Row, first: int) -> dict[int, str]:
    return {
        level: row.cell(first + offset)
        for offset, level in enumerate(LEVEL_NUMBERS)
        if row.cell(first + offset)
    }


def _check_levels(
    table: _Table,
    row: _Row,
    code: str,
    marked: set[int] | None,
    levels: dict[int, str],
) -> None:
    described = sorted(levels)
    if marked is not None and marked != set(described):
        table.warning(
            row.line,
            f"{code}: the Levels columns mark levels {_numbers(marked)} but "
            f"descriptions are given for levels {_numbers(described)}",
        )
    if described and described != list(range(described[0], described[-1] + 1)):
        table.warning(
            row.line,
            f"{code}: described levels {_numbers(described)} are not contiguous",
        )


def _numbers(levels: Iterable[int]) -> str:
    return ", ".join(str(n) for n in sorted(levels)) or "none"


def _code(table: _Table, row: _Row, index: int, seen: dict[str, int], what: str) -> str:
    code = normalise_code(row.cell(index))
    if not code:
        table.error(row.line, f"{what} row has no code")
        return ""
    if code in seen:
        table.error(
            row.line,
            f"{what} code {code} appears more than once (first at "
            f"{'row' if table.sheet else 'line'} {seen[code]})",
        )
        return ""
    seen[code] = row.line
    return code


def _read_skills(table: _Table, rows: Sequence[_Row]) -> None:
    seen: dict[str, int] = {}
    first_description = SKILLS_HEADER.index(_LEVEL_DESCRIPTIONS[0])
    for row in rows:
        code = _code(table, row, SKILLS_HEADER.index("Code"), seen, "skill")
        if not code:
            continue
        marked = _marked_levels(table, row, SKILLS_HEADER.index("Levels"), code)
        levels = _described_levels(row, first_description)
        _check_levels(table, row, code, marked, levels)
        name = row.cell(SKILLS_HEADER.index("Skill"))
        if not name:
            table.warning(row.line, f"skill {code} has no name")
        origin = Location(table.display, row.line)
        table.result.skills.append(
            SkillDraft(
                code=code,
                origin=origin,
                name=name or None,
                category=row.cell(SKILLS_HEADER.index("Category")) or None,
                subcategory=row.cell(SKILLS_HEADER.index("Subcategory")) or None,
                description=row.cell(SKILLS_HEADER.index("Overall description"))
                or None,
                guidance=row.cell(SKILLS_HEADER.index("Guidance notes")) or None,
                url=_link(table, row, SKILLS_HEADER.index("URL"), f"skill {code}"),
                levels=levels,
                level_origins=dict.fromkeys(levels, origin),
            )
        )


def _read_attributes(table: _Table, rows: Sequence[_Row]) -> None:
    seen: dict[str, int] = {}
    first_description = ATTRIBUTES_HEADER.index(_LEVEL_DESCRIPTIONS[0])
    for row in rows:
        code = _code(table, row, ATTRIBUTES_HEADER.index("Code"), seen, "attribute")
        if not code:
            continue
        marked = _marked_levels(table, row, ATTRIBUTES_HEADER.index("Levels"), code)
        levels = _described_levels(row, first_description)
        _check_levels(table, row, code, marked, levels)
        kind = row.cell(ATTRIBUTES_HEADER.index("Type"))
        if kind not in ATTRIBUTE_TYPES:
            table.warning(
                row.line,
                f"attribute {code} has type {kind!r}; expected "
                + " or ".join(repr(t) for t in ATTRIBUTE_TYPES),
            )
        table.result.attributes.append(
            AttributeDraft(
                code=code,
                origin=Location(table.display, row.line),
                name=row.cell(ATTRIBUTES_HEADER.index("Attribute name")) or code,
                type=kind,
                description=row.cell(ATTRIBUTES_HEADER.index("Overall description"))
                or None,
                guidance=row.cell(ATTRIBUTES_HEADER.index("Guidance notes")) or None,
                url=_link(
                    table, row, ATTRIBUTES_HEADER.index("URL"), f"attribute {code}"
                ),
                levels=levels,
            )
        )


_LEVEL_ROWS = {"guiding phrase": "guiding_phrase", "essence of the level": "essence"}


def _read_levels(table: _Table, header: _Row, rows: Sequence[_Row]) -> None:
    """The sideways table: row names in the first column, one column per level."""
    columns: dict[int, int] = {}  # column index -> level number
    for index, text in enumerate(header.cells[1:], start=1):
        if not text:
            continue
        number = _level_number(text.removeprefix("Level ").strip())
        if number is None or number not in LEVEL_NUMBERS:
            table.error(
                header.line,
                f"bad level number {_shown(text)} in column {index + 1} of the "
                "levels header row; expected 1 to 7",
            )
        elif number in columns.values():
            table.error(
                header.line,
                f"level {number} appears more than once in the levels header row",
            )
        else:
            columns[index] = number
    texts: dict[str, dict[int, str]] = {}
    for row in rows:
        name = _key(row.cell(0))
        field = _LEVEL_ROWS.get(name)
        if field is None:
            if name != "url":
                table.warning(
                    row.line,
                    f"row {row.cell(0)!r} ignored; expected 'Guiding phrase', "
                    "'Essence of the level' or 'URL'",
                )
            continue
        texts[field] = {
            number: _strip_essence(row.cell(index))
            if field == "essence"
            else row.cell(index)
            for index, number in columns.items()
        }
    for name, field in _LEVEL_ROWS.items():
        if field not in texts:
            table.warning(
                header.line, f"the levels table has no {name.capitalize()!r} row"
            )
    for number in sorted(columns.values()):
        table.result.levels.append(
            LevelDraft(
                number=number,
                origin=Location(table.display, header.line),
                guiding_phrase=texts.get("guiding_phrase", {}).get(number) or None,
                essence=texts.get("essence", {}).get(number) or None,
            )
        )


def _level_number(text: str) -> int | None:
    """The number a level cell holds, or None when it holds no small number.

    ``str.isdigit`` accepts digits such as "²" that int() refuses, and int()
    refuses numbers of more than 4,300 digits; neither is a level.
    """
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def _shown(text: str, limit: int = 60) -> str:
    """A cell quoted for a message, cut short: a message is one readable line."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _strip_essence(text: str) -> str:
    if text.casefold().startswith(_ESSENCE_PREFIX):
        return text[len(_ESSENCE_PREFIX) :].strip()
    return text


def _link(table: _Table, row: _Row, index: int, what: str) -> str | None:
    """The row's link when it is safe to show (sources/links.py), else None
    with a warning."""
    url = row.cell(index) or None
    if url is None or (problem := url_problem(url)) is None:
        return url
    shown = url if len(url) <= 60 else url[:57] + "..."
    table.warning(row.line, f"{what}: URL {shown!r}: {problem}; it is ignored")
    return None
