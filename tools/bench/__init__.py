"""The benchmark behind ``make bench``: generated frameworks beside their limits.

Each figure is measured beside its limit in the same run: loading beside the
bare C-loader parse of the same files, each GraphQL query beside ``orjson``
of the same answer built directly, and HTTP serving beside a bare ASGI app
under the same server and client. ``python -m tools.bench``
(``make bench``) prints the table and writes ``tools/bench/results.json``.
"""

from __future__ import annotations
