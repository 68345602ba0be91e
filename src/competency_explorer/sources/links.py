"""Links a framework gives (skill references, learning resources): which are safe.

Links end up in web pages and in the hands of other tools, so only web and
mail addresses are kept; every reader checks its links here.
"""

from __future__ import annotations

import re

#: The schemes a link may use. Anything else (javascript:, data:,
#: file:, ...) could run code or reach the reader's own machine when clicked.
SAFE_URL_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")


def url_problem(url: str) -> str | None:
    """What makes ``url`` unsafe or unusable as a link, or None when it is fine.

    >>> url_problem("https://example.org/course")
    >>> url_problem("JavaScript:alert(1)")
    "the scheme 'javascript:' is not allowed (use http, https or mailto)"
    """
    if _CONTROL.search(url):
        # Browsers drop tabs and newlines inside a URL ("java\tscript:"), so a
        # scheme is only what it seems when there are none.
        return "it contains a space or a control character"
    found = _SCHEME.match(url)
    if found is None:
        return "it has no scheme; write the whole address (https://...)"
    scheme = found.group(1).lower()
    if scheme not in SAFE_URL_SCHEMES:
        return (
            f"the scheme '{scheme}:' is not allowed "
            f"(use {', '.join(SAFE_URL_SCHEMES[:-1])} or {SAFE_URL_SCHEMES[-1]})"
        )
    if scheme != "mailto" and not url[found.end() :].startswith("//"):
        return f"it has no host; write {scheme}://host/..."
    return None
