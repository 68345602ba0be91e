"""Command-line mistakes answered with the closest right word.

argparse names a wrong command, option or choice but guesses nothing, and it
reports an unknown option of a command with the top-level usage. These
helpers find what was probably meant, for every command alike.

>>> closest("--fromat", ["--format", "--output", "--progression"])
'--format'
>>> closest("--colour", ["--format", "--output"]) is None
True
"""

from __future__ import annotations

import argparse
import sys

# typing.TYPE_CHECKING without importing typing: the command line builds
# these parsers for every call, `--help` included (see cli.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, NoReturn


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to ``word``, when one is near enough to be meant."""
    # Imported here: every `competency` call builds the parser, few mistype.
    from difflib import get_close_matches

    found = get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean X?)`` for the closest candidate, or nothing."""
    guess = closest(word, candidates)
    return f" (did you mean {guess}?)" if guess is not None else ""


def unrecognized(parser: argparse.ArgumentParser, extras: Sequence[str]) -> str:
    """The error for arguments ``parser`` does not take, with a guess for each."""
    options = [option for action in parser._actions for option in action.option_strings]
    parts = []
    for extra in extras:
        if extra.startswith("-") and len(extra) > 1:
            name = extra.split("=", 1)[0]
            parts.append(extra + did_you_mean(name, options))
        else:
            parts.append(extra)
    return "unrecognized arguments: " + " ".join(parts)


class SuggestingParser(argparse.ArgumentParser):
    """An ArgumentParser whose wrong choices (a command, a format) get a guess.

    A mistyped required option (``--profle``) is first reported as the
    required one missing; the guess for the mistyped one is added to that.
    """

    _given: Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._given = list(args) if args is not None else sys.argv[1:]
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        if message.startswith("the following arguments are required"):
            known = {
                option for action in self._actions for option in action.option_strings
            }
            unknown = [
                given
                for given in self._given
                if given.startswith("--") and given.split("=", 1)[0] not in known
            ]
            if unknown:
                message += "; " + unrecognized(self, unknown)
        super().error(message)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is None or value in choices:
            return
        # argparse's own wording, with the guess added.
        names = ", ".join(repr(choice) for choice in choices)
        guess = closest(str(value), [str(choice) for choice in choices])
        hint = f"; did you mean {guess!r}?" if guess is not None else ""
        raise argparse.ArgumentError(
            action, f"invalid choice: {value!r} (choose from {names}){hint}"
        )
