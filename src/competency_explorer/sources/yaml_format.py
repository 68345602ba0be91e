"""Read the YAML framework format (docs/data-format.md) into drafts, with lines.

The file is composed into a node tree rather than loaded into plain values so
that every role, requirement, skill and level text keeps the line it was
written on; problems then point at that line.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..collector import paused
from ..model import LEVEL_NAMES, Location, is_valid_level, normalise_code
from .drafts import (
    AttributeDraft,
    CareerPathDraft,
    CategoryDraft,
    LevelDraft,
    MoveDraft,
    ProgressionDraft,
    RequirementDraft,
    ResourceDraft,
    RoleDraft,
    RoleSelector,
    SkillDraft,
    SourceResult,
    TrackDraft,
)
from .files import read_text
from .links import url_problem

# libyaml when it is installed (it is, with the PyYAML wheels): about ten
# times faster on large frameworks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Aliases may repeat a node (a shared list of requirements, say), but a
#: document whose aliases expand to more nodes than this is refused: a
#: "billion laughs" file would otherwise exhaust memory while being read.
MAX_ALIAS_NODES = 1_000_000

#: PyYAML's node tree costs 300-500 bytes a node, so a 5 MB list of one-digit
#: items (2.6 million nodes) took 1.25 GB before a line of it was checked.
#: A file with more nodes than this is refused before the tree is built. The
#: ESCO-size framework (``competency generate --roles 3000 --skills 14000
#: --requirements 130000``) has 274,423 nodes in its largest file and 957,524
#: when exported as one file (428 MB at peak to validate): this leaves a
#: quarter more. A hostile file just under the limit peaks at 370 MB (under
#: the former 2,000,000, a 3.9 MB file of 1.99 million nodes took 600 MB).
MAX_YAML_NODES = 1_200_000

# A level is one digit; longer integers are simply out of range, and int()
# (PyYAML's constructor too) refuses numbers of more than 4,300 digits.
_LEVEL_DIGITS = 12

TOP_KEYS = (
    "name",
    "attribution",
    "levels",
    "categories",
    "career_paths",
    "skills",
    "roles",
    "attributes",
    "moves",
    "progression",
)
LEVEL_KEYS = ("number", "name", "description", "guiding_phrase", "essence")
CATEGORY_KEYS = ("name", "subcategories")
CAREER_PATH_KEYS = ("name", "description", "tracks")
TRACK_KEYS = ("name", "description")
SKILL_KEYS = (
    "code",
    "name",
    "category",
    "subcategory",
    "description",
    "guidance",
    "url",
    "levels",
    "resources",
)
RESOURCE_KEYS = ("title", "url", "kind", "level")
ROLE_KEYS = (
    "title",
    "level",
    "career_path",
    "track",
    "summary",
    "overview",
    "sections",
    "requirements",
)
SECTION_KEYS = ("heading", "text")
REQUIREMENT_KEYS = ("code", "level", "optional")
MOVE_KEYS = ("from", "to", "note")
SELECTOR_KEYS = ("career_path", "track", "level")
PROGRESSION_KEYS = ("path_changes", "min_shared_skills", "max_level_up")
ATTRIBUTE_KEYS = ("code", "name", "type", "description", "guidance", "url", "levels")

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
#: A skill's levels keys as text: JSON's object keys are strings.
_LEVEL_KEYS = frozenset("1234567")
_MERGE = "tag:yaml.org,2002:merge"
# An anchor is the only way to write an alias that composes; without one the
# (costly) expansion count is skipped.
_ANCHOR = re.compile(r"&[^\s,\[\]{}]")


# Far above any file under the size cap (20 MB cannot hold 10**12 nodes).
_SIZE_CAP = 10**12


class _Refused(Exception):
    """The document cannot be read safely; the message says why."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message


def read(path: Path, display: str) -> SourceResult:
    result = SourceResult(display)
    text = read_text(path, result)
    if text is not None:
        read_string(text, result)
    return result


def read_string(text: str, result: SourceResult) -> None:
    """Parse YAML ``text`` into ``result`` (drafts and problems)."""
    # A large framework is millions of small objects, none of them in a
    # reference cycle: the cyclic collector running over and over while they
    # are made took three quarters of the time (1.6 s of 2.1 s on 7 MB).
    with paused():
        _read_string(text, result)


def _read_string(text: str, result: SourceResult) -> None:
    # A named .json file (a JSON export) is read as the YAML it also is; its
    # problems are named in the words of its own format.
    syntax = "JSON" if result.path.lower().endswith(".json") else "YAML"
    try:
        _check_node_count(text)
        root = yaml.compose(text, Loader=_Loader)
    except _Refused as refused:
        result.error(refused.line, refused.message)
        return
    except yaml.MarkedYAMLError as exc:
        line = _line_of(exc)
        # The parsers' words for a tab ("found character that cannot start
        # any token") do not say that the character is a tab.
        tab = _tab_problem(text, line, exc.problem_mark)
        result.error(line, tab or f"malformed {syntax}: {_describe(exc)}")
        return
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml counts the position in UTF-8 bytes, PyYAML in characters.
        if issubclass(_Loader, yaml.reader.Reader):
            line = text.count("\n", 0, exc.position) + 1
        else:
            line = text.encode("utf-8").count(b"\n", 0, exc.position) + 1
        result.error(line, f"malformed {syntax}: character U+{code:04X} is not allowed")
        return
    except yaml.YAMLError as exc:  # pragma: no cover - every error has a kind above
        result.error(0, f"malformed {syntax}: {exc}")
        return
    if root is None:
        result.warning(0, "the file is empty")
        return
    try:
        if _ANCHOR.search(text):
            _check_expansion(root)
        _Document(result).read(root)
    except _Refused as refused:
        result.error(refused.line, refused.message)
    except RecursionError:  # only a long chain of "<<" merges can get here
        result.error(0, "merge keys (<<) are chained too deeply to read")


def _check_node_count(text: str) -> None:
    """Refuse a document of more than MAX_YAML_NODES nodes before composing it.

    Every node after the first starts a line or follows one of ``- :`` (one
    node each) or ``, [ { ?`` (up to three: a flow entry may be a one-pair
    mapping whose key and value are both empty), so counting those characters
    (fast, in C) bounds the node count: 300,952 for the 274,423 nodes of the
    generated ESCO-size skills file (prose full of commas raises it).
    Only when that bound is over the limit are the parser's events counted,
    stopping at the limit: a stream of events holds one at a time, where the
    tree would hold them all.
    """
    bound = (
        1
        + sum(text.count(character) for character in "\n-:")
        + 3 * sum(text.count(character) for character in ",[{?")
    )
    if bound <= MAX_YAML_NODES:
        return
    nodes = 0
    # A malformed document raises from here as it would from compose().
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _NODE_EVENTS):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                mark = event.start_mark
                raise _Refused(
                    mark.line + 1 if mark is not None else 0,
                    f"the file has more than {MAX_YAML_NODES:,} YAML nodes (values, "
                    "lists and mappings); refusing to read it (split it into "
                    "several files)",
                )


_NODE_EVENTS = (
    yaml.ScalarEvent,
    yaml.SequenceStartEvent,
    yaml.MappingStartEvent,
    yaml.AliasEvent,
)


def _line_of(exc: yaml.MarkedYAMLError) -> int:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        # An unclosed quote runs to the end of the file; the line
        # to fix is where it was opened.
        mark = exc.context_mark
    return mark.line + 1 if mark is not None else 0


def _tab_problem(text: str, line: int, mark: yaml.Mark | None) -> str | None:
    """What a tab on line ``line`` (1-based) did wrong, if a tab is the cause."""
    if line < 1:
        return None
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    end = text.find("\n", start)
    content = text[start:] if end == -1 else text[start:end]
    if "\t" in content[: len(content) - len(content.lstrip(" \t"))]:
        return (
            "malformed YAML: this line is indented with a tab; YAML indents with "
            "spaces only"
        )
    column = mark.column if mark is not None and mark.line + 1 == line else -1
    if 0 <= column < len(content) and content[column] == "\t":
        return f"malformed YAML: a tab at column {column + 1}; use a space there"
    return None


def _describe(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "cannot parse"
    if not exc.context:
        return problem
    if problem.startswith("but "):  # "expected a single document ..., but found ..."
        return f"{exc.context}, {problem}"
    return f"{problem} ({exc.context})"


def _check_expansion(root: Node) -> None:
    """Refuse recursive aliases and aliases that expand past MAX_ALIAS_NODES.

    Iterative, with each node's expanded size computed once, so that even a
    hostile document is measured in time proportional to its written size.
    """
    sizes: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            on_stack.discard(key)
            # Capped: a hostile file could otherwise make these numbers
            # millions of digits long.
            sizes[key] = min(
                1 + sum(sizes[id(child)] for child in _children(node)), _SIZE_CAP
            )
            continue
        if key in sizes:
            continue
        if key in on_stack:
            raise _Refused(
                node.start_mark.line + 1,
                "a YAML alias refers to a node that contains it; recursive "
                "aliases are not allowed",
            )
        on_stack.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    extra = sizes[id(root)] - len(sizes)
    if extra > MAX_ALIAS_NODES:
        raise _Refused(
            0,
            f"YAML aliases expand this document by more than {MAX_ALIAS_NODES:,} "
            "nodes; refusing to read it (use fewer aliases)",
        )


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _shown(node: Node) -> str:
    """A node as a problem message names it."""
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    value = str(node.value)
    if len(value) > 60:  # a message is one readable line
        value = value[:57] + "..."
    return repr(value) if node.tag == _STR else value


def _about(label: str) -> str:
    """The start of a message about the item ``label`` (none for the top level)."""
    return f"{label}: " if label else ""


@dataclass(slots=True)
class _Item:
    """A mapping's known keys, checked, with the label problems use for it."""

    label: str
    line: int
    fields: dict[str, Node]

    def has(self, key: str) -> bool:
        """The key is given with a value (an empty text counts as none)."""
        node = self.fields.get(key)
        if node is None or node.tag == _NULL:
            return False
        return not isinstance(node, ScalarNode) or bool(str(node.value).strip())


class _Document:
    def __init__(self, result: SourceResult) -> None:
        self.result = result
        self.constructor = SafeConstructor()

    # -- helpers ---------------------------------------------------------

    def location(self, node: Node) -> Location:
        return Location(self.result.path, node.start_mark.line + 1)

    def error(self, node: Node, message: str) -> None:
        self.result.error(node.start_mark.line + 1, message)

    def mapping(
        self,
        node: Node,
        kind: str,
        allowed: tuple[str, ...],
        ident: str | None,
        within: str,
        owner: str = "",
    ) -> _Item | None:
        """Check a mapping: keys are names, known, and given once."""
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"{_about(owner)}each entry of {within} must be a mapping, "
                f"not {_shown(node)}",
            )
            return None
        inherited, pairs = self.pairs(node)
        label = f"{owner}, {kind}" if owner else kind
        if ident is not None:
            named = next((v for k, _, v in pairs if k == ident), None)
            if named is None and ident in inherited:
                named = inherited[ident][1]
            shown = self.plain_text(named) if named is not None else None
            if shown:
                label += (
                    f" {normalise_code(shown)}" if ident == "code" else f" {shown!r}"
                )
        fields: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        own = {key for key, _, _ in pairs}
        # Keys brought in by "<<" come first; the mapping's own keys override
        # them silently, as YAML's merge key intends.
        merged = [(k, kn, vn) for k, (kn, vn) in inherited.items() if k not in own]
        for key, key_node, value_node in merged + pairs:
            line = key_node.start_mark.line + 1
            if key not in allowed:
                where = f"key {key!r} in {label}" if label else f"top-level key {key!r}"
                self.result.warning(
                    line, f"unknown {where} (ignored); {_hint(key, allowed)}"
                )
            elif key in fields:
                self.result.error(
                    line,
                    f"{_about(label)}duplicate key {key!r} (first given at line "
                    f"{first_line[key]}; that one is used)",
                )
            else:
                fields[key] = value_node
                first_line[key] = line
        return _Item(label, node.start_mark.line + 1, fields)

    def pairs(
        self, node: MappingNode
    ) -> tuple[dict[str, tuple[Node, Node]], list[tuple[str, Node, Node]]]:
        """A mapping's keys from "<<" merge keys, and its own keys in order.

        The node tree is not changed: a node reached through several aliases
        must read the same each time.
        """
        inherited: dict[str, tuple[Node, Node]] = {}
        own: list[tuple[str, Node, Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = (
                    value_node.value
                    if isinstance(value_node, SequenceNode)
                    else [value_node]
                )
                # The first mapping listed wins, so it is applied last.
                for source in reversed(sources):
                    if not isinstance(source, MappingNode):
                        self.error(
                            source,
                            "a merge key (<<) takes a mapping or a list of "
                            f"mappings, not {_shown(source)}",
                        )
                        continue
                    more, theirs = self.pairs(source)
                    inherited.update(more)
                    inherited.update((k, (kn, vn)) for k, kn, vn in theirs)
            elif isinstance(key_node, ScalarNode):
                own.append((str(key_node.value), key_node, value_node))
            else:
                self.error(
                    key_node, f"a key must be a plain name, not {_shown(key_node)}"
                )
        return inherited, own

    def first_time(
        self,
        item: _Item,
        kind: str,
        code: str,
        seen: dict[str, int],
        key: str | None = None,
    ) -> bool:
        """Record ``code`` (or ``key``) as seen at ``item``; a second one in the
        file is an error."""
        key = code if key is None else key
        if key in seen:
            self.result.error(
                item.line,
                f"{kind} {code} is given twice in this file (first at line "
                f"{seen[key]}); the second is ignored",
            )
            return False
        seen[key] = item.line
        return True

    def required(self, item: _Item, *keys: str) -> bool:
        missing = [key for key in keys if not item.has(key)]
        for key in missing:
            self.result.error(
                item.line, f"{item.label} is missing required key {key!r}"
            )
        return not missing

    def plain_text(self, node: Node) -> str | None:
        """A scalar's text as written (``name: 2024`` is the text "2024")."""
        if not isinstance(node, ScalarNode) or node.tag == _NULL:
            return None
        text = str(node.value).strip()
        return text or None

    def text(self, item: _Item, key: str) -> str | None:
        node = item.fields.get(key)
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.error(
                node, f"{_about(item.label)}{key} must be text, not {_shown(node)}"
            )
            return None
        return self.plain_text(node)

    def level(self, node: Node, label: str, what: str) -> int | None:
        value: object = None
        if isinstance(node, ScalarNode) and node.tag == _INT:
            # Plain digits are the common case; the constructor knows the
            # other YAML integer forms (0x1, 0o7, 1_000).
            text = str(node.value)
            if text.isdigit() and len(text) <= _LEVEL_DIGITS:
                value = int(text)
            elif len(text) <= _LEVEL_DIGITS:
                try:
                    value = self.constructor.construct_object(node)
                except ValueError:  # pragma: no cover - the resolver checked it
                    value = None
        if isinstance(value, int) and is_valid_level(value):
            return value
        self.error(
            node,
            f"{label}: {what} must be a whole number from 1 to 7, not {_shown(node)}",
        )
        return None

    def entries(self, node: Node | None, label: str, key: str) -> list[Node]:
        if node is None or node.tag == _NULL:
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, f"{label}{key} must be a list, not {_shown(node)}")
            return []
        return list(node.value)

    # -- the document ----------------------------------------------------

    def read(self, root: Node) -> None:
        if not isinstance(root, MappingNode):
            self.error(
                root,
                "the top level must be a mapping (name:, skills:, roles:, ...), "
                f"not {_shown(root)}",
            )
            return
        top = self.mapping(root, "", TOP_KEYS, None, "the file")
        if top is None:  # pragma: no cover - root is a mapping
            return
        self.result.name = self.text(top, "name")
        self.result.attribution = self.text(top, "attribution")
        for node in self.entries(top.fields.get("levels"), "", "levels"):
            self.read_level(node)
        for node in self.entries(top.fields.get("categories"), "", "categories"):
            self.read_category(node)
        for node in self.entries(top.fields.get("career_paths"), "", "career_paths"):
            self.read_career_path(node)
        seen: dict[str, int] = {}
        for node in self.entries(top.fields.get("skills"), "", "skills"):
            self.read_skill(node, seen)
        for node in self.entries(top.fields.get("roles"), "", "roles"):
            self.read_role(node)
        seen = {}
        for node in self.entries(top.fields.get("attributes"), "", "attributes"):
            self.read_attribute(node, seen)
        for node in self.entries(top.fields.get("moves"), "", "moves"):
            self.read_move(node)
        if "progression" in top.fields:
            self.read_progression(top.fields["progression"])

    def read_level(self, node: Node) -> None:
        item = self.mapping(node, "level entry", LEVEL_KEYS, None, "levels")
        if item is None or not self.required(item, "number"):
            return
        number = self.level(item.fields["number"], item.label, "number")
        name = self.text(item, "name")
        texts = {key: self.text(item, key) for key in LEVEL_KEYS[2:]}
        if number is None:
            return
        if name is not None and name != LEVEL_NAMES[number]:
            self.result.warning(
                item.line,
                f"level {number}: the name {name!r} is ignored; level names are "
                f"built in ({number} is {LEVEL_NAMES[number]!r})",
            )
        self.result.levels.append(
            LevelDraft(
                number,
                Location(self.result.path, item.line),
                name=name,
                description=texts["description"],
                guiding_phrase=texts["guiding_phrase"],
                essence=texts["essence"],
            )
        )

    def read_category(self, node: Node) -> None:
        item = self.mapping(node, "category", CATEGORY_KEYS, "name", "categories")
        if item is None or not self.required(item, "name"):
            return
        name = self.text(item, "name")
        subcategories: list[str] = []
        for sub in self.entries(
            item.fields.get("subcategories"), f"{item.label}: ", "subcategories"
        ):
            text = self.plain_text(sub)
            if text is None:
                self.error(
                    sub,
                    f"{item.label}: each subcategory must be a name, not {_shown(sub)}",
                )
            else:
                subcategories.append(text)
        if name is not None:
            self.result.categories.append(
                CategoryDraft(
                    name, Location(self.result.path, item.line), subcategories
                )
            )

    def read_career_path(self, node: Node) -> None:
        item = self.mapping(
            node, "career path", CAREER_PATH_KEYS, "name", "career_paths"
        )
        if item is None or not self.required(item, "name"):
            return
        name = self.text(item, "name")
        description = self.text(item, "description")
        tracks: list[TrackDraft] = []
        seen: dict[str, int] = {}
        for entry in self.entries(
            item.fields.get("tracks"), f"{item.label}: ", "tracks"
        ):
            track = self.read_track(entry, item.label)
            if track is not None and self.first_time(
                _Item(track.name, track.origin.line, {}),
                f"{item.label}: track",
                repr(track.name),
                seen,
                key=track.name.casefold(),
            ):
                tracks.append(track)
        if name is not None:
            self.result.career_paths.append(
                CareerPathDraft(
                    name, Location(self.result.path, item.line), description, tracks
                )
            )

    def read_track(self, node: Node, owner: str) -> TrackDraft | None:
        if isinstance(node, ScalarNode) and node.tag != _NULL:
            # "tracks: [QA, Security]": a track by its name alone.
            name = self.plain_text(node)
            if name is None:
                self.error(node, f"{_about(owner)}a track's name is empty")
                return None
            line = node.start_mark.line + 1
            return TrackDraft(name, Location(self.result.path, line), None)
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"{_about(owner)}a track is a name or a mapping with a name, "
                f"not {_shown(node)}",
            )
            return None
        item = self.mapping(node, "track", TRACK_KEYS, "name", "tracks", owner)
        if item is None or not self.required(item, "name"):
            return None
        name = self.text(item, "name")
        description = self.text(item, "description")
        if name is None:
            return None
        return TrackDraft(name, Location(self.result.path, item.line), description)

    def read_skill_levels(
        self, item: _Item
    ) -> tuple[dict[int, str], dict[int, Location]]:
        texts: dict[int, str] = {}
        origins: dict[int, Location] = {}
        node = item.fields.get("levels")
        if node is None or node.tag == _NULL:
            return texts, origins
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"{item.label}: levels must be a mapping from level number to "
                f"text, not {_shown(node)}",
            )
            return texts, origins
        for key_node, value_node in node.value:
            if (
                isinstance(key_node, ScalarNode)
                and key_node.tag == _STR
                and key_node.value in _LEVEL_KEYS
            ):
                # "4": a key as JSON writes it (export --format json), or quoted.
                number: int | None = int(key_node.value)
            else:
                number = self.level(key_node, item.label, "a levels key")
            if number is None:
                continue
            if number in texts:
                self.error(
                    key_node,
                    f"{item.label}: level {number} is described twice (first at "
                    f"line {origins[number].line}; that one is used)",
                )
                continue
            if not isinstance(value_node, ScalarNode):
                self.error(
                    value_node,
                    f"{item.label}: level {number} must be text, "
                    f"not {_shown(value_node)}",
                )
                continue
            text = self.plain_text(value_node)
            if text is None:
                self.error(key_node, f"{item.label}: level {number} has no text")
                continue
            texts[number] = text
            origins[number] = self.location(key_node)
        return texts, origins

    def read_skill(self, node: Node, seen: dict[str, int]) -> None:
        item = self.mapping(node, "skill", SKILL_KEYS, "code", "skills")
        if item is None:
            return
        # A skill without a name is still kept, so that the roles requiring
        # it do not each report an unknown code as well.
        self.required(item, "code", "name")
        code = self.text(item, "code")
        texts = {key: self.text(item, key) for key in SKILL_KEYS[1:7]}
        levels, origins = self.read_skill_levels(item)
        resources = self.read_resources(item)
        if code is None:
            return
        code = normalise_code(code)
        if not self.first_time(item, "skill", code, seen):
            return
        self.result.skills.append(
            SkillDraft(
                code,
                Location(self.result.path, item.line),
                name=texts["name"],
                category=texts["category"],
                subcategory=texts["subcategory"],
                description=texts["description"],
                guidance=texts["guidance"],
                url=self.link(item, texts["url"]),
                levels=levels,
                level_origins=origins,
                resources=resources,
            )
        )

    def read_resources(self, skill: _Item) -> list[ResourceDraft]:
        resources: list[ResourceDraft] = []
        seen: dict[tuple[str, int | None], int] = {}
        for node in self.entries(
            skill.fields.get("resources"), f"{skill.label}: ", "resources"
        ):
            resource = self.read_resource(node, skill.label)
            if resource is None:
                continue
            key = (resource.title.casefold(), resource.level)
            if key in seen:
                at = (
                    "any level" if resource.level is None else f"level {resource.level}"
                )
                self.result.error(
                    resource.origin.line,
                    f"{skill.label}: resource {resource.title!r} for {at} is given "
                    f"twice (first at line {seen[key]}); the second is ignored",
                )
                continue
            seen[key] = resource.origin.line
            resources.append(resource)
        return resources

    def read_resource(self, node: Node, skill: str) -> ResourceDraft | None:
        item = self.mapping(
            node, "resource", RESOURCE_KEYS, "title", "resources", skill
        )
        if item is None:
            return None
        complete = self.required(item, "title")
        title = self.text(item, "title")
        url = self.text(item, "url")
        kind = self.text(item, "kind")
        level = (
            self.level(item.fields["level"], item.label, "level")
            if item.has("level")
            else None
        )
        if url is not None and (problem := url_problem(url)) is not None:
            shown = url if len(url) <= 60 else url[:57] + "..."
            self.error(item.fields["url"], f"{item.label}: url {shown!r}: {problem}")
            return None
        if not complete or title is None or (item.has("level") and level is None):
            return None
        return ResourceDraft(
            title, Location(self.result.path, item.line), url, kind, level
        )

    def read_role(self, node: Node) -> None:
        item = self.mapping(node, "role", ROLE_KEYS, "title", "roles")
        if item is None:
            return
        complete = self.required(item, "title", "level", "career_path")
        title = self.text(item, "title")
        level = (
            self.level(item.fields["level"], item.label, "level")
            if item.has("level")
            else None
        )
        career_path = self.text(item, "career_path")
        track = self.text(item, "track")
        summary = self.text(item, "summary")
        overview = self.text(item, "overview")
        sections = [
            section
            for entry in self.entries(
                item.fields.get("sections"), f"{item.label}: ", "sections"
            )
            if (section := self.read_section(entry, item.label)) is not None
        ]
        requirements = [
            requirement
            for entry in self.entries(
                item.fields.get("requirements"), f"{item.label}: ", "requirements"
            )
            if (requirement := self.read_requirement(entry, item.label, level))
            is not None
        ]
        if not complete or title is None or level is None or career_path is None:
            return
        self.result.roles.append(
            RoleDraft(
                title,
                level,
                career_path,
                Location(self.result.path, item.line),
                summary=summary,
                overview=overview,
                requirements=requirements,
                sections=sections,
                track=track,
                track_origin=(
                    self.location(item.fields["track"]) if track is not None else None
                ),
            )
        )

    def read_section(self, node: Node, role: str) -> tuple[str, str] | None:
        item = self.mapping(node, "section", SECTION_KEYS, "heading", "sections", role)
        if item is None or not self.required(item, "heading", "text"):
            return None
        heading, text = self.text(item, "heading"), self.text(item, "text")
        return (heading, text) if heading is not None and text is not None else None

    def read_requirement(
        self, node: Node, role: str, role_level: int | None
    ) -> RequirementDraft | None:
        item = self.mapping(
            node, "requirement", REQUIREMENT_KEYS, "code", "requirements", role
        )
        if item is None or not self.required(item, "code"):
            return None
        code = self.text(item, "code")
        level = role_level
        if item.has("level"):
            level = self.level(item.fields["level"], item.label, "level")
        optional = self.flag(item, "optional")
        if code is None or level is None:
            return None
        return RequirementDraft(
            normalise_code(code),
            level,
            Location(self.result.path, item.line),
            optional=bool(optional),
        )

    def link(self, item: _Item, url: str | None) -> str | None:
        """A reference ``url`` safe to show as a link, else None with a warning.

        Links end up in web pages and in other tools' hands: a ``javascript:``
        address is dropped here, as a role card's is.
        """
        if url is None or (problem := url_problem(url)) is None:
            return url
        shown = url if len(url) <= 60 else url[:57] + "..."
        self.result.warning(
            item.fields["url"].start_mark.line + 1,
            f"{item.label}: url {shown!r}: {problem}; it is ignored",
        )
        return None

    def flag(self, item: _Item, key: str) -> bool | None:
        """A true/false value (None when not given or not a boolean)."""
        node = item.fields.get(key)
        if node is None or node.tag == _NULL:
            return None
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return bool(self.constructor.construct_object(node))
        self.error(
            node, f"{item.label}: {key} must be true or false, not {_shown(node)}"
        )
        return None

    def whole_number(
        self, item: _Item, key: str, lowest: int, highest: int
    ) -> int | None:
        """A whole number from ``lowest`` to ``highest``; None if not given or bad."""
        node = item.fields.get(key)
        if node is None or node.tag == _NULL:
            return None
        text = str(node.value) if isinstance(node, ScalarNode) else ""
        if node.tag == _INT and text.isdigit() and len(text) <= _LEVEL_DIGITS:
            value = int(text)
            if lowest <= value <= highest:
                return value
        self.error(
            node,
            f"{item.label}: {key} must be a whole number from {lowest} to "
            f"{highest}, not {_shown(node)}",
        )
        return None

    def read_move(self, node: Node) -> None:
        item = self.mapping(node, "move", MOVE_KEYS, None, "moves")
        if item is None or not self.required(item, "from", "to"):
            return
        source = self.role_reference(item.fields["from"], item.label, "from")
        target = self.role_reference(item.fields["to"], item.label, "to")
        note = self.text(item, "note")
        if source is None or target is None:
            return
        self.result.moves.append(
            MoveDraft(
                source,
                target,
                Location(self.result.path, item.line),
                self.location(item.fields["from"]),
                self.location(item.fields["to"]),
                note,
            )
        )

    def role_reference(
        self, node: Node, label: str, key: str
    ) -> str | RoleSelector | None:
        """A role's title or slug, or a selector mapping of path, track and level."""
        if isinstance(node, ScalarNode):
            text = self.plain_text(node)
            if text is None:
                self.error(node, f"{label}: {key} is empty; name a role or a selector")
            return text
        if not isinstance(node, MappingNode):
            self.error(
                node,
                f"{label}: {key} must be a role's title or slug, or a selector "
                f"(a mapping of career_path, track and level), not {_shown(node)}",
            )
            return None
        owner = f"{label} {key}"
        item = self.mapping(node, "selector", SELECTOR_KEYS, None, key, owner)
        if item is None:
            return None
        selector = RoleSelector(
            career_path=self.text(item, "career_path"),
            track=self.text(item, "track"),
            level=(
                self.level(item.fields["level"], item.label, "level")
                if item.has("level")
                else None
            ),
        )
        if item.has("level") and selector.level is None:
            return None  # the level's own error says why
        if selector == RoleSelector():
            self.error(
                node,
                f"{item.label} selects nothing: give career_path, track or level",
            )
            return None
        return selector

    def read_progression(self, node: Node) -> None:
        if node.tag == _NULL:
            return
        if not isinstance(node, MappingNode):
            self.error(
                node,
                "progression must be a mapping (path_changes, min_shared_skills, "
                f"max_level_up), not {_shown(node)}",
            )
            return
        item = self.mapping(node, "progression", PROGRESSION_KEYS, None, "progression")
        if item is None:
            return
        self.result.progression = ProgressionDraft(
            Location(self.result.path, item.line),
            path_changes=self.flag(item, "path_changes"),
            # 0 would make every role a step from every other of its level;
            # a framework that means a move without a shared skill declares it.
            min_shared_skills=self.whole_number(item, "min_shared_skills", 1, 99),
            max_level_up=self.whole_number(item, "max_level_up", 0, 6),
        )

    def read_attribute(self, node: Node, seen: dict[str, int]) -> None:
        item = self.mapping(node, "attribute", ATTRIBUTE_KEYS, "code", "attributes")
        if item is None:
            return
        complete = self.required(item, "code", "name", "type")
        texts = {key: self.text(item, key) for key in ATTRIBUTE_KEYS[:6]}
        levels, _ = self.read_skill_levels(item)
        code, name, kind = texts["code"], texts["name"], texts["type"]
        if not complete or code is None or name is None or kind is None:
            return
        code = normalise_code(code)
        if not self.first_time(item, "attribute", code, seen):
            return
        self.result.attributes.append(
            AttributeDraft(
                code,
                Location(self.result.path, item.line),
                name,
                kind,
                description=texts["description"],
                guidance=texts["guidance"],
                url=self.link(item, texts["url"]),
                levels=levels,
            )
        )


def _hint(key: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "expected one of: " + ", ".join(allowed)
