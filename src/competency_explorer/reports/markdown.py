"""Text from a framework's files, made safe to put into Markdown."""

from __future__ import annotations

import re

# Characters that make Markdown inside a line (the reports never start a line
# with a file's text, so "#", "-" and "1." need no escape there). A title such
# as "*Principal* <Lead>" must read as written in a pull-request comment.
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def escape(text: str) -> str:
    r"""``text`` as literal Markdown: special characters escaped, HTML as text.

    >>> escape("C++ <Lead> *now* (a_b)")
    'C++ &lt;Lead&gt; \\*now\\* (a\\_b)'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text.replace("\r", " ").replace("\n", " "))


def code(text: str) -> str:
    """``text`` as inline code, whatever backticks it holds.

    >>> code("a`b")
    '`` a`b ``'
    """
    text = text.replace("\r", " ").replace("\n", " ")
    if "`" not in text:
        return f"`{text}`"
    fence = "`" * (max(len(run) for run in re.findall(r"`+", text)) + 1)
    return f"{fence} {text} {fence}"
