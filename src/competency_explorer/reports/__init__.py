"""The owner's reports as text, Markdown (for a pull-request comment) or JSON.

``health`` renders the health report's findings, ``diff`` the comparison of
two versions of a framework. Each renderer takes plain records and returns
the whole text; the command line only picks one and prints it.
"""

from __future__ import annotations

FORMATS = ("text", "markdown", "json")

#: How many appeared and disappeared progression edges a diff lists by default
#: (it counts them all): past a few dozen, a list of slug pairs tells no more.
EDGE_LIST_LIMIT = 20
