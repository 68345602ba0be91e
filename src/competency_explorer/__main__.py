"""``python -m competency_explorer`` runs the CLI."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
