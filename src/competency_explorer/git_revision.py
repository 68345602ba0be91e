"""The files of a git revision, read with git itself into a folder.

``competency diff --git REV PATH...`` compares the framework files at REV
with the working tree. ``write_revision`` writes the files under the given
paths as they were at REV into a folder laid out like the repository, so
that the loader reads them exactly as it reads the working tree. git is run
with plumbing commands only (``rev-parse``, ``ls-tree``, ``cat-file``): no
index, work tree or ref is touched, and ``.gitattributes`` (export-ignore,
filters) changes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Modes of the tree entries written out; a submodule (160000) has no files.
_FILE_MODES = {"100644", "100755"}
_LINK_MODE = "120000"


class GitError(Exception):
    """git could not give the revision's files; the message says why."""


@dataclass(frozen=True, slots=True)
class Revision:
    """Where the revision's files were written, and what was there."""

    commit: str  # the full id of the commit REV names
    folder: Path  # the repository's layout at the revision
    cwd: Path  # ``folder``'s counterpart of the current folder
    paths: tuple[str, ...]  # the given paths that existed at REV, relative to cwd


def write_revision(revision: str, paths: Sequence[str], into: Path) -> Revision:
    """Write the files under ``paths`` (relative to the current folder or
    absolute, inside one repository) as they were at ``revision``."""
    if not revision or revision.startswith("-"):
        raise GitError(f"{revision!r} is not a git revision")
    if shutil.which("git") is None:
        raise GitError("git is not installed (or not on PATH)")
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], Path.cwd()).strip())
    except GitError as exc:
        raise GitError(f"not inside a git repository ({exc})") from None
    commit = _commit(revision, top)
    here = Path.cwd().resolve()
    wanted: list[tuple[str, str]] = []  # (as given relative to cwd, from top)
    for path in paths:
        absolute = Path(os.path.abspath(path))
        inside = _relative_to(absolute, top)
        if inside is None:
            raise GitError(f"{path} is not inside the git repository {top}")
        wanted.append((os.path.relpath(absolute, here), inside))
    listed = _files(commit, [inside for _, inside in wanted], top)
    _write(listed, top, into)
    cwd_inside = _relative_to(here, top) or "."
    cwd = into / cwd_inside
    cwd.mkdir(parents=True, exist_ok=True)
    present = tuple(
        given
        for given, inside in wanted
        if any(_under(name, inside) for _, _, name in listed)
    )
    return Revision(commit, into, cwd, present)


def _git(arguments: list[str], cwd: Path, stdin: bytes | None = None) -> str:
    return _run(arguments, cwd, stdin).decode("utf-8", "surrogateescape")


def _run(arguments: list[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", *arguments],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(reason[-1] if reason else f"git {arguments[0]} failed")
    return done.stdout


def _commit(revision: str, top: Path) -> str:
    try:
        return _git(
            [
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                f"{revision}^{{commit}}",
            ],
            top,
        ).strip()
    except GitError:
        raise GitError(f"unknown git revision {revision!r}") from None


def _relative_to(path: Path, top: Path) -> str | None:
    """``path`` relative to the repository's top as a POSIX path, or None
    when it is outside. Both are compared resolved (a symlinked checkout)."""
    try:
        inside = path.resolve().relative_to(top.resolve())
    except ValueError:
        return None
    return inside.as_posix() if inside.parts else "."


def _under(name: str, folder: str) -> bool:
    return folder == "." or name == folder or name.startswith(folder + "/")


def _files(commit: str, insides: list[str], top: Path) -> list[tuple[str, str, str]]:
    """(mode, object id, path from the top) of each file under the paths."""
    pathspecs = [inside for inside in insides if inside != "."]
    if len(pathspecs) < len(insides):  # the whole repository was asked for
        pathspecs = []
    output = _run(["ls-tree", "-r", "-z", "--full-tree", commit, "--", *pathspecs], top)
    listed = []
    for entry in output.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, object_id = meta.decode("ascii").split(" ")
        if kind == "blob" and (mode in _FILE_MODES or mode == _LINK_MODE):
            listed.append((mode, object_id, name.decode("utf-8", "surrogateescape")))
    return listed


def _write(listed: list[tuple[str, str, str]], top: Path, into: Path) -> None:
    if not listed:
        return
    # One cat-file for every blob: its output is each object's header line,
    # its bytes, then a newline, in the order asked.
    ids = "".join(f"{object_id}\n" for _, object_id, _ in listed).encode("ascii")
    output = _run(["cat-file", "--batch"], top, stdin=ids)
    position = 0
    for mode, _, name in listed:
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split(b" ")[2])
        start = header_end + 1
        data = output[start : start + size]
        position = start + size + 1
        target = _safe_target(into, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == _LINK_MODE:
            os.symlink(os.fsdecode(data), target)
        else:
            target.write_bytes(data)


def _safe_target(into: Path, name: str) -> Path:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or ".git" in parts:
        raise GitError(f"the revision holds a path git would not check out: {name!r}")
    return into.joinpath(*parts)
