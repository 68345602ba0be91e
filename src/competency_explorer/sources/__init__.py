"""Input formats. Each module turns one file into a ``SourceResult``.

``reader_for`` picks the reader by file extension; every reader has the
signature ``read(path, display) -> SourceResult`` where ``display`` is the
path as the user should see it in messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .drafts import SourceResult

Reader = Callable[[Path, str], SourceResult]

#: Extensions read when a folder is searched. A .json file is read only when
#: named (``competency export --format json`` writes the YAML format's
#: document as JSON, which is YAML): in a folder it is more likely a tool's
#: own (package.json, say).
FRAMEWORK_EXTENSIONS = (".md", ".yaml", ".yml", ".csv", ".xlsx")


def reader_for(path: Path) -> Reader | None:
    suffix = path.suffix.lower()
    if suffix == ".md":
        from . import markdown

        return markdown.read
    if suffix in (".yaml", ".yml", ".json"):
        from . import yaml_format

        return yaml_format.read
    if suffix in (".csv", ".xlsx"):
        from . import sfia

        return sfia.read
    return None


__all__ = ["FRAMEWORK_EXTENSIONS", "Reader", "SourceResult", "reader_for"]
