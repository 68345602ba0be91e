"""The time budget of a request (deadline.py, --max-seconds): work stops with
QUERY_TIMEOUT, and a slow operation runs off the event loop, so others go on.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from competency_explorer import deadline, graph
from competency_explorer.api import Limits, SchemaConfig, ServedState, build_schema
from competency_explorer.api.schema import run
from competency_explorer.app import create_app

pytestmark = pytest.mark.timeout(120)

FROM, TO = "associate-software-engineer", "vp-engineering"
PATHS = (
    f'progressionPaths(from: "{FROM}", to: "{TO}", limit: 100) '
    "{ totalEffort steps { kind from { slug } to { slug } gap { effort } } }"
)
FIFTEEN_PATHS = "{ " + " ".join(f"a{i}: {PATHS}" for i in range(15)) + " }"
# The cost limit off, so that only the time budget can stop the work.
TIGHT = Limits(max_seconds=0.001, max_cost=10**9)


def sample_state_framework() -> Any:
    from competency_explorer.loader import load_or_raise

    return load_or_raise()


def burn(seconds: float) -> None:
    """Spend ``seconds`` of this thread's CPU time."""
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        pass


def test_no_budget_never_raises() -> None:
    burn(0.01)
    deadline.check()


def test_check_raises_once_the_budget_is_spent() -> None:
    with deadline.within(0.02):
        deadline.check()
        burn(0.03)
        with pytest.raises(deadline.DeadlineExceeded) as raised:
            deadline.check()
    assert str(raised.value) == "more than 0.02 s of server time"
    deadline.check()  # the budget ends with its block


def test_work_done_once_for_everyone_is_exempt_and_uncounted() -> None:
    with deadline.within(0.02):
        with deadline.exempt():
            burn(0.03)
            deadline.check()  # no budget inside
        deadline.check()  # and the exempt time was not counted
        burn(0.03)
        with pytest.raises(deadline.DeadlineExceeded):
            deadline.check()


def test_the_health_report_is_made_whatever_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first request to ask makes the report for every later one: a budget
    # too small for it must not refuse it (at 3,000 roles it takes seconds).
    from competency_explorer.graph import health as report

    made = report.health

    def slow_health(*args: Any) -> Any:
        burn(0.2)
        return made(*args)

    monkeypatch.setattr(report, "health", slow_health)
    state = ServedState.build(sample_state_framework())
    answer = run(
        build_schema(SchemaConfig(Limits(max_seconds=0.1))),
        state,
        "{ framework { health { kind } } }",
    )
    assert "errors" not in answer
    assert len(answer["data"]["framework"]["health"]) == len(state.health()) > 0


def test_the_budget_is_cpu_time_not_waiting() -> None:
    # Waiting (for the interpreter lock, for another process) is not work.
    with deadline.within(0.02):
        time.sleep(0.05)
        deadline.check()


def test_an_inner_budget_never_extends_the_outer_one() -> None:
    with deadline.within(0.02), deadline.within(10):
        burn(0.03)
        with pytest.raises(deadline.DeadlineExceeded):
            deadline.check()
    with deadline.within(10), deadline.within(0.02):
        burn(0.03)
        with pytest.raises(deadline.DeadlineExceeded):
            deadline.check()


def test_each_thread_counts_its_own_clock() -> None:
    failures: list[BaseException] = []

    def work() -> None:
        try:
            with deadline.within(0.02):
                burn(0.03)
                deadline.check()
        except BaseException as exc:
            failures.append(exc)

    with deadline.within(10):
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    assert [type(f) for f in failures] == [deadline.DeadlineExceeded]


def test_path_search_stops_when_time_is_up(sample_state: ServedState) -> None:
    with (
        deadline.within(0.0001),
        pytest.raises(deadline.DeadlineExceeded),
    ):
        graph.progression_paths(sample_state.progression, FROM, TO, 100)


TIMEOUT_ANSWER = {
    "data": None,
    "errors": [
        {
            "message": "The query took more than 0.001 s of server time and was "
            "stopped; ask for less (smaller first or limit, fewer aliases, less "
            "nesting)",
            "extensions": {"code": "QUERY_TIMEOUT"},
        }
    ],
}


def test_a_query_past_its_budget_is_one_timeout_error(
    sample_state: ServedState,
) -> None:
    tight = build_schema(SchemaConfig(limits=TIGHT))
    assert run(tight, sample_state, FIFTEEN_PATHS) == TIMEOUT_ANSWER
    # The same query with a budget of a minute is answered in full.
    roomy = build_schema(SchemaConfig(Limits(max_seconds=60, max_cost=10**9)))
    answer = run(roomy, sample_state, FIFTEEN_PATHS)
    assert "errors" not in answer
    assert len(answer["data"]["a14"]) == 100


def test_a_long_list_stops_between_its_items(sample_state: ServedState) -> None:
    # No computation here, only many objects: the executor checks the budget
    # before the fields of each one.
    query = (
        "{ roles(first: 100) { edges { node { requirements { skill { requiredBy "
        "{ role { slug title } } } } } } } }"
    )
    tight = build_schema(SchemaConfig(limits=TIGHT))
    assert run(tight, sample_state, query) == TIMEOUT_ANSWER


def test_over_http_and_in_a_batch(sample_state: ServedState) -> None:
    app = create_app(
        sample_state, limits=Limits(max_seconds=0.001, max_cost=10**9, batching=True)
    )
    with TestClient(app) as client:
        response = client.post("/graphql", json={"query": FIFTEEN_PATHS})
        assert (response.status_code, response.json()) == (200, TIMEOUT_ANSWER)
        batch = [{"query": FIFTEEN_PATHS}, {"query": "{ framework { name } }"}]
        answers = client.post("/graphql", json=batch).json()
    # One budget for the request: spent by the first operation, so the
    # second (cheap) one meets it too.
    assert answers == [TIMEOUT_ANSWER, TIMEOUT_ANSWER]


def test_a_slow_operation_does_not_hold_up_the_others(
    sample_state: ServedState, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The path search below blocks until released. Run on the event loop, it
    # would block every other request with it; in a worker thread, a second
    # request is answered meanwhile.
    started, release = threading.Event(), threading.Event()
    search = graph.progression_paths

    def blocking(*args: Any) -> Any:
        started.set()
        release.wait(30)
        return search(*args)

    monkeypatch.setattr(graph, "progression_paths", blocking)
    app = create_app(sample_state)

    async def scenario() -> tuple[httpx.Response, httpx.Response, bool]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            slow = asyncio.create_task(
                http.post("/graphql", json={"query": "{ " + PATHS + " }"})
            )
            assert await asyncio.to_thread(started.wait, 30)
            probe = await http.post(
                "/graphql", json={"query": "{ framework { name } }"}
            )
            slow_was_running = not slow.done()
            release.set()
            return probe, await slow, slow_was_running

    probe, slow, slow_was_running = asyncio.run(scenario())
    assert slow_was_running
    assert probe.json() == {
        "data": {"framework": {"name": "Example Engineering Framework"}}
    }
    assert len(slow.json()["data"]["progressionPaths"]) == 100
