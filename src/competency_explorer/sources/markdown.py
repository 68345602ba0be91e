"""Role cards in Markdown: one role, its level and path, and the skills it needs.

The reference is the owner's Director of Engineering card (data/cards/). A card
is read line by line, leniently in form (CRLF, a BOM, trailing spaces, extra
blank lines, spaces around ``|`` and inside ``**``, ``---`` separators present
or not, fields in any order) and strictly in meaning: a missing title, level or
career path, a level outside 1-7, a skill section without a code or without its
``Level N Attainment`` are errors pointing at their line.

The card's parts: the title, the level line (``**Level N** | **Career Path:**
Name``, with a track as ``**Track:** X`` or any ``**<Word> Type:** X``, there
or on a line of its own), the role overview, and the skills: the ``###``
headings under a ``##`` section whose heading names skills (``## Required SFIA
Skills``; under ``## Optional SFIA Skills`` they are optional). Any other
``##`` section is the card's own text, kept with the role under its heading,
``###`` sub-headings and all. A bold ``**Field:**`` the reader does not know is
a warning naming it; its text stays where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Location, is_valid_level
from .drafts import RequirementDraft, RoleDraft, SkillDraft, SourceResult
from .files import read_text

# An ATX heading; the space after the hashes may be missing when a letter follows.
# Closing hashes are removed in code: a regular expression for them backtracks
# badly on long runs of spaces.
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]|(?=[^\W\d_])|$)(.*)")
# A thematic break (``---``, ``***``, ``___``): a separator, never content.
_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
_CODE = r"[A-Za-z][A-Za-z0-9]{1,7}"
_SKILL_HEADING = re.compile(rf"(.*?)\s*\(\s*({_CODE})\s*\)")
_ATTAINMENT = re.compile(r"level\s*:?\s*(\S+)\s+attainment\s*:?\s*(.*)", re.IGNORECASE)
# "Level 6", "Level: 6", "Level 6 (Initiate, influence)"; not "Level of autonomy".
_ROLE_LEVEL = re.compile(
    r"level\s*(?::\s*|\s+)([+-]?\d\S*(?:\s.*)?|\S+)", re.IGNORECASE
)
_LABELLED = re.compile(r"([A-Za-z][A-Za-z \-]*?)\s*:\s*(.*)")
# "**Engineer Type:** QA": a word and "Type" name the role's track.
_TYPE_LABEL = re.compile(r"[a-z]+ type")
# The heading of a section of skills: "Required SFIA Skills", "Optional SFIA
# Skills", "Skills", "Core skills", "SFIA Skills (optional)", "Optional
# Skills:"; not "Soft skills" or "Skills matrix notes", which are the card's
# own text.
_SKILLS_SECTION = re.compile(
    r"(?:(required|optional|core|essential) )?(?:sfia )?skills?"
    r"\s*:?\s*(?:\((.*)\))?\s*:?"
)
# The words in brackets that qualify a skills heading ("## Skills (Optional)")
# rather than give a skill's code ("## Skill (PROG)").
_QUALIFIERS = {"required", "optional", "core", "essential"}
# A bold label: "**Label:** value" or "**Label**: value".
_BOLD_LABEL = re.compile(
    r"\s*\*\*\s*([A-Za-z][\w /&\-]{0,40}?)\s*(?::\s*\*\*|\*\*\s*:)"
)
_WHOLE_NUMBER = re.compile(r"[+-]?\d+(?![\w.])")
# [text](url "title"); the url may hold one level of brackets, as in Wikipedia's.
_LINK = re.compile(
    r"\[([^\[\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_ANGLE_LINK = re.compile(r"<([^<>\s]+)>")
_BARE_LINK = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\S+")

# Label as written (lower case, single spaces, no hyphens) -> field name.
_LABELS = {
    "career path": "career path",
    "scope summary": "summary",
    "summary": "summary",
    "sfia reference": "reference",
    "reference": "reference",
    "category": "category",
    "subcategory": "subcategory",
    "sub category": "subcategory",
    "overall description": "description",
    "description": "description",
    "guidance notes": "guidance",
    "guidance": "guidance",
    "track": "track",
}
_ROLE_FIELDS = {"level", "career path", "summary", "track"}
_SKILL_FIELDS = {"reference", "category", "subcategory", "description", "guidance"}
_FIELD_NAMES = {
    "reference": "SFIA Reference",
    "category": "Category",
    "subcategory": "Subcategory",
    "description": "Overall Description",
    "guidance": "Guidance Notes",
}

LEVEL_LINE_EXAMPLE = "'**Level N** | **Career Path:** Name'"

#: A card describes one role: the reference card has 149 lines, and one with
#: a hundred skills would have some 5,000. Each line is read into objects of
#: about 250 bytes, so a 5 MB file of blank lines once took 1.2 GB and 15 s;
#: a longer card is refused before it is split into lines.
MAX_CARD_LINES = 50_000


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based
    text: str  # trailing white space removed


@dataclass(frozen=True, slots=True)
class _Field:
    name: str  # a value of _LABELS, "level" or "attainment"
    value: str  # what follows the label on its line
    line: int
    # The N of "Level N Attainment", as written; the label of an unknown
    # field, or of a "**<Word> Type:**" track.
    level: str | None = None


# Most lines hold no field; they share one empty tuple instead of a list each.
_NO_FIELDS: tuple[_Field, ...] = ()
# Each line with the fields it holds.
_Tokens = list[tuple[_Line, Sequence[_Field]]]


@dataclass(slots=True)
class _Section:
    heading: str
    line: int
    lines: list[_Line] = field(default_factory=list)
    optional: bool = False  # a skill section under an "Optional ... Skills" heading


@dataclass(slots=True)
class _Layout:
    """The card cut into its parts by headings."""

    titles: list[_Line] = field(default_factory=list)
    preamble: list[_Line] = field(default_factory=list)  # before the title
    role: list[_Line] = field(default_factory=list)  # under the title, Role Overview
    skills: list[_Section] = field(default_factory=list)
    others: list[_Section] = field(default_factory=list)  # the card's own sections
    # "### Name (CODE)" headings with a "Level N Attainment" line, kept as the
    # text of a section that is not a skills section: likely skills misplaced.
    strays: list[tuple[_Line, str]] = field(default_factory=list)
    overview_at: int | None = None  # the line of "## Role Overview", if any


def read(path: Path, display: str) -> SourceResult:
    result = SourceResult(path=display)
    text = read_text(path, result)
    if text is not None:
        parse(text, result)
    return result


def parse(text: str, result: SourceResult) -> None:
    """Add the role and skills of card ``text`` (and its problems) to ``result``."""
    # A BOM is usually gone with the decoding; text from elsewhere may keep it.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    count = text.count("\n") + (not text.endswith("\n"))
    if count > MAX_CARD_LINES:
        result.error(
            MAX_CARD_LINES + 1,
            f"the card has {count:,} lines; a role card has at most "
            f"{MAX_CARD_LINES:,} (it describes one role)",
        )
        return
    lines = [_Line(n, raw.rstrip()) for n, raw in enumerate(text.split("\n"), 1)]
    if not text.strip():
        result.error(0, "the file is empty, not a role card")
        return
    layout = _cut(lines)
    role_lines = layout.role if layout.titles else layout.preamble + layout.role
    role_tokens = _header_tracks_only(_tokens(role_lines), layout.overview_at)
    role_fields = [f for _, fields in role_tokens for f in fields]
    if (
        not layout.titles
        and not layout.skills
        and not any(f.name in ("level", "career path") for f in role_fields)
    ):
        # One clear error rather than one per missing part.
        result.error(
            0,
            "not a role card: no title ('# Role title'), no level line "
            f"({LEVEL_LINE_EXAMPLE}) and no skill sections ('### Skill name (CODE)')",
        )
        return
    role = _read_role(layout, role_tokens, result)
    for heading, name in layout.strays:
        result.warning(
            heading.number,
            f"{_shown('### ' + heading.text)} under '## {name}' reads like a "
            "skill but is kept as that section's text: only '###' headings under "
            "a skills section ('## Required SFIA Skills', '## Optional SFIA "
            "Skills') are skills",
        )
    for section in layout.skills:
        skill, requirement = _read_skill(section, result)
        # Skills are kept even when the role cannot be placed (no title, level
        # or path): their texts are sound, and other cards that require the
        # same skill would otherwise get follow-on warnings about a text or
        # level description that is missing only because of this card's error.
        if skill is not None:
            result.skills.append(skill)
        if role is not None and requirement is not None:
            role.requirements.append(requirement)
    if role is not None:
        result.roles.append(role)


def _cut(lines: Sequence[_Line]) -> _Layout:
    layout = _Layout()
    target: list[_Line] | None = layout.preamble
    # Where a ### heading goes: "skills" (under a skills heading, or straight
    # under the title), "overview" (part of its text) or "text" (another
    # section's own text).
    area = "skills"
    optional = False
    # A skill-like heading in another section's text, with that section's name.
    stray: tuple[_Line, str] | None = None
    for line in lines:
        heading = _heading(line.text)
        if heading is None or heading[0] >= 4:
            if target is not None:
                target.append(line)
            if stray and _ATTAINMENT.fullmatch(_unbold(line.text)):
                layout.strays.append(stray)
                stray = None
            continue
        depth, text = heading
        plain = _unbold(text)
        is_skill = _SKILL_HEADING.fullmatch(plain) is not None
        skills = _SKILLS_SECTION.fullmatch(_normalise(plain)) if depth == 2 else None
        noted = set(re.findall(r"[a-z]+", skills.group(2) or "")) if skills else set()
        if skills and is_skill and not noted & _QUALIFIERS:
            skills = None  # "## Skill (PROG)": a skill whose name is "Skill"
        stray = None
        if depth <= 2:
            # Only a skills heading makes the skills under it optional.
            optional = False
        if depth == 1:
            layout.titles.append(_Line(line.number, text))
            target, area = layout.role, "skills"
        elif _normalise(plain) in ("role overview", "overview"):
            target, area = layout.role, "overview"
            if layout.overview_at is None:
                layout.overview_at = line.number
        elif skills is not None:
            # "## Required SFIA Skills": its own text is an introduction. Tried
            # before a skill heading when its brackets hold a qualifier: "##
            # SFIA Skills (Optional)" is not a skill with the code OPTIONAL.
            target, area = None, "skills"
            optional = skills.group(1) == "optional" or "optional" in noted
        elif depth == 2 and is_skill:
            section = _Section(text, line.number)
            layout.skills.append(section)
            target, area = section.lines, "skills"
        elif depth == 2:
            section = _Section(plain, line.number)
            layout.others.append(section)
            target, area = section.lines, "text"
        elif area == "overview" and not is_skill:
            # A sub-heading of the overview ("### Key responsibilities") is
            # part of its text.
            layout.role.append(line)
        elif area == "text":
            if target is not None:
                target.append(line)
            if is_skill and layout.others:
                stray = (_Line(line.number, plain), layout.others[-1].heading)
        else:
            section = _Section(text, line.number, optional=optional)
            layout.skills.append(section)
            target, area = section.lines, "skills"
    return layout


def _read_role(
    layout: _Layout, tokens: _Tokens, result: SourceResult
) -> RoleDraft | None:
    title_line = layout.titles[0] if layout.titles else None
    for extra in layout.titles[1:]:
        result.error(
            extra.number,
            f"a second title {_shown(extra.text)}: a role card describes one role "
            f"(its title is at line {layout.titles[0].number})",
        )
    title = _unbold(title_line.text) if title_line else ""
    if title_line is None:
        result.error(
            1, "role card has no title: expected a first line like '# Role title'"
        )
    elif not title:
        result.error(title_line.number, "the title is empty: expected '# Role title'")

    level_field: _Field | None = None
    path_field: _Field | None = None
    track_field: _Field | None = None
    summary: str | None = None
    overview: list[str] = []
    index = 0
    while index < len(tokens):
        line, fields = tokens[index]
        index += 1
        names = {f.name for f in fields}
        _warn_unknown(fields, result)
        if not names & _ROLE_FIELDS:
            overview.append(line.text)
            continue
        for found in fields:
            if found.name == "unknown":
                # Kept as text, as on a line of its own; the warning says so.
                overview.append(f"**{found.level}:** {found.value}".rstrip())
            elif found.name == "level" and level_field is None:
                level_field = found
            elif found.name == "career path" and path_field is None:
                path_field = found
            elif found.name == "track" and track_field is None:
                track_field = found
            elif found.name == "track" and track_field is not None:
                result.warning(
                    found.line,
                    f"a second track {_shown(_unbold(found.value))}: a role has one; "
                    f"the first, {_shown(_unbold(track_field.value))} at line "
                    f"{track_field.line}, is kept",
                )
            elif found.name == "summary" and summary is None:
                # The summary is one paragraph, on the label's line or under it.
                paragraph = [found.value] if found.value else []
                while index < len(tokens) and not tokens[index][1]:
                    following = tokens[index][0].text
                    if following.strip() and not _BREAK.fullmatch(following):
                        paragraph.append(following)
                    elif paragraph:
                        break
                    index += 1
                summary = _block(paragraph)

    where = title_line.number if title_line else 1
    level = None
    if level_field is None and path_field is None:
        result.error(
            where, f"role card has no level line: expected {LEVEL_LINE_EXAMPLE}"
        )
    elif level_field is None and path_field is not None:
        result.error(
            path_field.line,
            "role card has no level: expected '**Level N** |' before the career path",
        )
    elif level_field is not None:
        level = _level(level_field.value, level_field.line, "role level", result)
        if path_field is None or not path_field.value.strip():
            result.error(
                path_field.line if path_field else level_field.line,
                "role card has no career path: expected '| **Career Path:** Name'",
            )
    career_path = _unbold(path_field.value) if path_field else ""
    track = _unbold(track_field.value) if track_field else None
    if track_field is not None and not track:
        result.warning(
            track_field.line, "the track is empty; the role is given no track"
        )

    if title_line is None or not title or level is None or not career_path:
        return None
    return RoleDraft(
        title=title,
        level=level,
        career_path=career_path,
        origin=Location(result.path, title_line.number),
        summary=summary,
        overview=_block(overview),
        track=track or None,
        track_origin=Location(result.path, track_field.line) if track_field else None,
        sections=[
            (section.heading, text)
            for section in layout.others
            if (text := _block(line.text for line in section.lines)) is not None
        ],
    )


def _warn_unknown(fields: Sequence[_Field], result: SourceResult) -> None:
    for found in fields:
        if found.name == "unknown":
            result.warning(
                found.line,
                f"unknown field {_shown(found.level or '')} (not read; its text is "
                "kept where it is)",
            )


def _read_skill(
    section: _Section, result: SourceResult
) -> tuple[SkillDraft | None, RequirementDraft | None]:
    heading = _SKILL_HEADING.fullmatch(_unbold(section.heading))
    if heading is None:
        result.error(
            section.line,
            f"skill section {_shown(_unbold(section.heading))} has no skill code: "
            "expected '### Skill name (CODE)'",
        )
        return None, None
    code = heading.group(2).upper()
    origin = Location(result.path, section.line)
    skill = SkillDraft(code=code, origin=origin, name=heading.group(1) or None)

    fields: dict[str, tuple[_Field, list[str]]] = {}
    attainments: list[tuple[_Field, list[str]]] = []
    body: list[str] | None = None  # text before the first field is not kept
    for line, line_fields in _tokens(section.lines):
        _warn_unknown(line_fields, result)
        for misplaced in (f for f in line_fields if f.name in _ROLE_FIELDS):
            result.warning(
                misplaced.line,
                f"skill {code}: a role's field ({misplaced.name}) inside the skill's "
                "section is not read; put it under the title",
            )
        wanted = [
            f for f in line_fields if f.name in _SKILL_FIELDS or f.name == "attainment"
        ]
        if not wanted:
            if body is not None:
                body.append(line.text)
            continue
        for found in wanted:
            body = [found.value]
            if found.name == "attainment":
                attainments.append((found, body))
            elif found.name in fields:
                first = fields[found.name][0]
                result.warning(
                    found.line,
                    f"skill {code}: {_FIELD_NAMES[found.name]} is given twice; "
                    f"the first, at line {first.line}, is kept",
                )
                body = []  # read and dropped
            else:
                fields[found.name] = (found, body)

    def text(name: str, *, one_line: bool = False) -> str | None:
        entry = fields.get(name)
        if entry is None:
            return None
        block = _block(entry[1])
        if block is not None and one_line:
            return _unbold(" ".join(block.split()))
        return block

    skill.category = text("category", one_line=True)
    skill.subcategory = text("subcategory", one_line=True)
    skill.description = text("description")
    skill.guidance = text("guidance")
    if "reference" in fields:
        skill.url = _reference_url(
            code, fields["reference"][0].line, text("reference", one_line=True), result
        )

    levels: list[int] = []
    for found, lines in attainments:
        number = _level(
            found.level or "", found.line, f"skill {code}: attainment level", result
        )
        if number is None:
            continue
        levels.append(number)
        attainment = _block(lines)
        if attainment is not None and number not in skill.levels:
            skill.levels[number] = attainment
            skill.level_origins[number] = Location(result.path, found.line)
    if not attainments:
        result.error(
            section.line,
            f"skill {code} has no 'Level N Attainment', so the level at which "
            "the role requires it is unknown",
        )
        return skill, None
    if len(attainments) > 1:
        written = ", ".join(found.level or "?" for found, _ in attainments)
        result.error(
            attainments[1][0].line,
            f"skill {code} has more than one 'Level N Attainment' (levels {written}); "
            "a card requires each skill at one level",
        )
        return skill, None
    if not levels:
        return skill, None
    return skill, RequirementDraft(code, levels[0], origin, optional=section.optional)


def _reference_url(
    code: str, line: int, value: str | None, result: SourceResult
) -> str | None:
    if not value:
        return None
    link = _LINK.search(value)
    if link:
        label, url = link.group(1).strip(), link.group(2)
        if re.fullmatch(_CODE, label) and label.upper() != code:
            result.warning(
                line, f"skill {code}: the reference link is labelled {_shown(label)}"
            )
    elif angle := _ANGLE_LINK.search(value):
        url = angle.group(1)
    else:
        bare = _BARE_LINK.search(value)
        url = bare.group() if bare else ""
    if not url:
        result.warning(
            line,
            f"skill {code}: the SFIA reference {_shown(value)} has no link; "
            "it is ignored",
        )
        return None
    if not url.lower().startswith(("https://", "http://")):
        # Links end up in the web page: only web addresses are safe to show.
        result.warning(
            line,
            f"skill {code}: the reference link {_shown(url)} is not an http(s) "
            "address; it is ignored",
        )
        return None
    return url


def _level(raw: str, line: int, what: str, result: SourceResult) -> int | None:
    value = raw.strip()
    number = _WHOLE_NUMBER.match(value)
    if number is None:
        result.error(line, f"{what} {_shown(value)} is not a whole number from 1 to 7")
        return None
    digits = number.group()
    # int() refuses numbers of thousands of digits; none of them is a level.
    level = int(digits) if len(digits) <= 9 else None
    if level is None or not is_valid_level(level):
        shown = str(level) if level is not None else _shown(digits)[1:-1]
        result.error(line, f"{what} {shown} is outside 1-7")
        return None
    return level


def _header_tracks_only(tokens: _Tokens, overview_at: int | None) -> _Tokens:
    """A "**<Word> Type:** X" line names the track in the card's header (under
    the title, on or below the level line, as the owner's "**Engineer
    Type:** QA"); in the Role Overview it is the overview's own text ("**Contract
    Type:** Permanent"), a field the reader does not know. "**Track:**" names
    the track anywhere."""
    if overview_at is None:
        return tokens
    return [
        (
            line,
            [
                _Field("unknown", f.value, f.line, f.level)
                if f.name == "track" and f.level is not None and f.line > overview_at
                else f
                for f in fields
            ]
            if fields
            else fields,
        )
        for line, fields in tokens
    ]


def _tokens(lines: Iterable[_Line]) -> _Tokens:
    """Each line with the fields it holds (none for a line of plain text)."""
    return [(line, _fields(line)) for line in lines]


def _fields(line: _Line) -> Sequence[_Field]:
    text = line.text.strip()
    heading = _heading(text)
    if heading is not None and heading[0] >= 4:
        text = heading[1]  # "#### Guidance Notes" reads like "**Guidance Notes:**"
    elif not text.startswith("**"):
        return _NO_FIELDS
    # A "|" inside a value (a link, a sentence) does not start a new field.
    groups: list[list[str]] = []
    for part in text.split("|"):
        if groups and _field(part, line.number) is None:
            groups[-1].append(part)
        else:
            groups.append([part])
    fields = [_field("|".join(group), line.number) for group in groups]
    if fields[0] is None:
        return _NO_FIELDS
    return [f for f in fields if f is not None]


def _field(part: str, line: int) -> _Field | None:
    text = _unbold(part)
    attainment = _ATTAINMENT.fullmatch(text)
    if attainment:
        return _Field(
            "attainment", attainment.group(2).strip(), line, attainment.group(1)
        )
    level = _ROLE_LEVEL.fullmatch(text)
    if level:
        return _Field("level", level.group(1).strip(), line)
    labelled = _LABELLED.fullmatch(text)
    label, value = (labelled.group(1), labelled.group(2)) if labelled else (text, "")
    name = _LABELS.get(_normalise(label))
    if (
        name is None
        and labelled is not None
        and _TYPE_LABEL.fullmatch(_normalise(label))
    ):
        # The label is kept: in the overview it is an unknown field's name.
        return _Field("track", value.strip(), line, " ".join(label.split()))
    if name is None:
        bold = _BOLD_LABEL.match(part)
        if bold is None:
            return None
        # Kept as a field of its own so that the reader can name it.
        return _Field("unknown", value.strip(), line, " ".join(bold.group(1).split()))
    if labelled is None and name not in ("description", "guidance"):
        return None
    return _Field(name, value.strip(), line)


def _heading(text: str) -> tuple[int, str] | None:
    match = _HEADING.fullmatch(text)
    if match is None:
        return None
    content = match.group(2).strip()
    unclosed = content.rstrip("#")
    if unclosed != content and (not unclosed or unclosed[-1] in " \t"):
        content = unclosed.rstrip()
    return len(match.group(1)), content


def _block(lines: Iterable[str]) -> str | None:
    """Lines as written, without separators, runs of blank lines as one."""
    kept: list[str] = []
    for text in lines:
        if not text.strip() or _BREAK.fullmatch(text):
            if kept and kept[-1]:
                kept.append("")
        else:
            kept.append(text.rstrip())
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept) or None


def _shown(text: str, limit: int = 60) -> str:
    """A value quoted for a message, cut short: a message is one readable line."""
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _unbold(text: str) -> str:
    """Text without bold markers, its runs of white space as one space."""
    return " ".join(text.replace("**", "").split())


def _normalise(label: str) -> str:
    return " ".join(label.replace("-", " ").lower().split())
