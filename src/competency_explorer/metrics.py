"""GET /metrics: what the people who run the service watch, for Prometheus.

Requests by operation name and outcome, their latency, the result cache's
hits and misses, requests refused by a limit, the served framework (its
digest, version, role and skill counts) and its reloads.

With ``--workers N`` each worker is a process of its own: the counts must add
up over all of them whichever worker answers the scrape. prometheus_client's
multiprocess mode does that: ``competency serve`` points
``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder before the workers start, each
worker writes its values there, and /metrics reads them all. In one process
the values live in the app's own registry.
"""

from __future__ import annotations

import os
import re

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

from .api.codes import BAD_USER_INPUT, LIMIT_CODES
from .model import Framework

#: Where the workers of ``serve --workers N`` keep their values (set by serve).
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"

#: Operation names kept as labels, per process: each name is a time series,
#: and names come from clients. Past this many, they count as OTHER.
MAX_OPERATION_NAMES = 100
ANONYMOUS = "(anonymous)"
OTHER = "(other)"
_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]{0,63}")
_DOCUMENT_NAME = re.compile(
    r"\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)"
)

#: Seconds: a cached answer is tens of microseconds, a long path some 20 ms,
#: the time limit 2 s.
LATENCY_BUCKETS = (
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
)


def _limits_by_code() -> dict[str, str]:
    # A code shared by two limits names both ("max_fields|max_repeats");
    # BAD_USER_INPUT is also every other wrong argument, so it is no refusal.
    names: dict[str, list[str]] = {}
    for limit, code in LIMIT_CODES.items():
        if code != BAD_USER_INPUT:
            names.setdefault(code, []).append(limit)
    return {code: "|".join(limits) for code, limits in names.items()}


#: The limit (or limits) behind each error code that refuses a request.
REFUSING_CODES = _limits_by_code()


def multiprocess() -> bool:
    """Values go to files: prometheus_client chose so when first imported,
    from the environment then (later changes do not count)."""
    from prometheus_client import values

    return values.ValueClass.__name__ == "MmapedValue" and bool(
        os.environ.get(MULTIPROCESS_DIR)
    )


class Metrics:
    """The service's metrics, in the app's registry or in multiprocess files."""

    def __init__(self) -> None:
        self.multiprocess = multiprocess()
        # In multiprocess mode the values go to files whatever the registry;
        # the scrape collects the files (see exposition).
        self.registry = None if self.multiprocess else CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "competency_graphql_requests",
            "GraphQL requests by operation name and outcome: data (no errors) or "
            "the code of the first error.",
            ["operation", "outcome"],
            registry=registry,
        )
        self.latency = Histogram(
            "competency_graphql_request_duration_seconds",
            "Time to answer a GraphQL request, from its start to its answer.",
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )
        self.result_cache = Counter(
            "competency_result_cache_lookups",
            "Result cache lookups of single operations: hit (answered from the "
            "cache) or miss (run).",
            ["result"],
            registry=registry,
        )
        self.refused = Counter(
            "competency_requests_refused",
            "Requests refused by a limit, by the limit (its serve setting, or "
            "request_line and request_headers for the 16 KiB of each).",
            ["limit"],
            registry=registry,
        )
        self.framework_info = Gauge(
            "competency_framework_info",
            "The served framework: 1 for its name and content digest (the "
            "ETags' framework part), 0 for one it served before.",
            ["name", "digest"],
            registry=registry,
            multiprocess_mode="mostrecent",
        )
        self.framework_version = Gauge(
            "competency_framework_version",
            "The served framework's version: 1 at start, one more at each "
            "accepted reload.",
            registry=registry,
            multiprocess_mode="max",
        )
        self.roles = Gauge(
            "competency_framework_roles",
            "Roles in the served framework.",
            registry=registry,
            multiprocess_mode="mostrecent",
        )
        self.skills = Gauge(
            "competency_framework_skills",
            "Skills in the served framework.",
            registry=registry,
            multiprocess_mode="mostrecent",
        )
        self.reloads = Counter(
            "competency_reloads",
            "Reloads of the framework files: accepted or refused (errors); "
            "every worker reloads by itself, so one change counts once a worker.",
            ["outcome"],
            registry=registry,
        )
        self._names: set[str] = set()
        self._served: tuple[str, str] | None = None

    def operation_label(self, query: str | None, operation_name: str | None) -> str:
        """The operation's name as a label: the one asked for, or the
        document's first; a bounded number of distinct names per process."""
        name = operation_name
        if name is None and query:
            found = _DOCUMENT_NAME.match(query)
            name = found.group(1) if found else None
        if name is None:
            return ANONYMOUS
        if name in self._names:
            return name
        if not _NAME.fullmatch(name) or len(self._names) >= MAX_OPERATION_NAMES:
            return OTHER
        self._names.add(name)
        return name

    def request(self, operation: str, outcome: str, seconds: float) -> None:
        self.requests.labels(operation, outcome).inc()
        self.latency.observe(seconds)
        limit = REFUSING_CODES.get(outcome)
        if limit is not None:
            self.refused.labels(limit).inc()

    def refused_by(self, limit: str) -> None:
        """A refusal before the app (connections.py): a connection's limit."""
        self.refused.labels(limit).inc()

    def reloaded(self, accepted: bool) -> None:
        self.reloads.labels("accepted" if accepted else "refused").inc()

    def serving(self, framework: Framework, digest: str, version: int) -> None:
        """The framework now served (at start and after each reload)."""
        served = (framework.name, digest)
        if self._served is not None and self._served != served:
            self.framework_info.labels(*self._served).set(0)
        self.framework_info.labels(*served).set(1)
        self._served = served
        self.framework_version.set(version)
        self.roles.set(len(framework.roles))
        self.skills.set(len(framework.skills))

    def exposition(self) -> bytes:
        """The metrics in Prometheus' text format."""
        if self.registry is not None:
            return generate_latest(self.registry)
        from prometheus_client import multiprocess as files

        registry = CollectorRegistry()
        files.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)


CONTENT_TYPE = CONTENT_TYPE_LATEST
