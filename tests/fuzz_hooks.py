"""schemathesis hooks for ``make fuzz``: answers must be data or documented errors."""

from __future__ import annotations

from typing import Any

import schemathesis

from documented_errors import undocumented


@schemathesis.check
def documented_errors_only(ctx: Any, response: Any, case: Any) -> None:
    try:
        answer = response.json()
    except ValueError:
        answer = response.text
    problem = undocumented(response.status_code, answer)
    if problem is not None:
        raise AssertionError(problem)
