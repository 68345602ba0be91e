"""Reading framework files safely: size cap, encoding errors with their line."""

from __future__ import annotations

import stat
from pathlib import Path

from .drafts import SourceResult

#: Framework files are text written by people; anything larger is a mistake
#: (or an attack) and is refused before it is read into memory.
MAX_FILE_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path, result: SourceResult) -> bytes | None:
    """The file's bytes, or None with a problem recorded in ``result``."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            result.error(0, "a folder, not a file; expected a text file")
            return None
        if not stat.S_ISREG(status.st_mode):
            # Opening a named pipe blocks until a writer comes, and a device
            # such as /dev/zero never ends: refuse both before opening.
            result.error(
                0, "not a regular file (a pipe, device or socket); expected a text file"
            )
            return None
        size = status.st_size
        if size > MAX_FILE_BYTES:
            result.error(
                0,
                f"file is too large ({size:,} bytes); the limit is "
                f"{MAX_FILE_BYTES:,} bytes",
            )
            return None
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        result.error(0, f"cannot read file: {exc.strerror or exc}")
        return None


def decode_utf8(data: bytes, result: SourceResult) -> str | None:
    """Decode UTF-8 (a BOM is allowed), or record an error at the bad byte's line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        result.error(
            line,
            f"file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8",
        )
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        result.error(line, "file is binary, not text (it contains NUL bytes)")
        return None
    return text


def read_text(path: Path, result: SourceResult) -> str | None:
    data = read_bytes(path, result)
    if data is None:
        return None
    return decode_utf8(data, result)
