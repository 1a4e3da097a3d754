import asyncio
import time

import pytest

from workers.runtime import faust_internals, watchdog
from workers.runtime.watchdog import LagTracker

TP = ("articles.unique", 3)


def test_a_partition_without_progress_behind_waiting_messages_is_stalled() -> None:
    tracker = LagTracker(stall_timeout=60)
    assert tracker.update({TP: 10}, {TP: 50}, now=0) == []
    assert tracker.update({TP: 10}, {TP: 50}, now=59) == []
    assert tracker.update({TP: 10}, {TP: 51}, now=61) == [TP]
    assert tracker.lag == {TP: 41}


def test_progress_or_an_empty_partition_is_not_a_stall() -> None:
    tracker = LagTracker(stall_timeout=60)
    tracker.update({TP: 10}, {TP: 50}, now=0)
    assert tracker.update({TP: 11}, {TP: 50}, now=100) == []  # moved
    assert tracker.update({TP: 50}, {TP: 50}, now=300) == []  # caught up
    assert tracker.update({TP: 50}, {TP: 50}, now=900) == []  # idle, nothing waiting


def test_disabled_with_zero() -> None:
    tracker = LagTracker(stall_timeout=0)
    tracker.update({TP: 1}, {TP: 9}, now=0)
    assert tracker.update({TP: 1}, {TP: 9}, now=10_000) == []


def test_bounded_work_in_progress_is_not_a_stall() -> None:
    tracker = LagTracker(stall_timeout=60)
    tracker.update({TP: 10}, {TP: 50}, now=0)
    assert tracker.update({TP: 10}, {TP: 50}, now=100, working=True) == []
    assert tracker.update({TP: 10}, {TP: 50}, now=150) == []  # 50 s since the work was seen
    assert tracker.update({TP: 10}, {TP: 50}, now=161) == [TP]


async def test_a_sandbox_call_marks_the_worker_as_working() -> None:
    from workers.runtime import sandbox

    box = sandbox.Sandbox("test")
    try:
        before = time.monotonic()
        assert not sandbox.activity.worked_since(before)
        call = asyncio.ensure_future(box.call(time.sleep, 0.5, timeout=30))
        await asyncio.sleep(0.2)
        assert sandbox.activity.in_flight == 1
        await call
        assert sandbox.activity.in_flight == 0 and sandbox.activity.worked_since(before)
    finally:
        box.stop()


class Restarts:
    """``shutdown.restart`` and ``shutdown.stopping`` for a watch: what it asked for."""

    def __init__(self) -> None:
        self.asked: list[tuple[int, str]] = []
        self.stopping = False

    def __call__(self, status: int, reason: str) -> None:
        self.asked.append((status, reason))


@pytest.fixture
def restarts(monkeypatch: pytest.MonkeyPatch) -> Restarts:
    recorder = Restarts()
    monkeypatch.setattr(watchdog.shutdown, "restart", recorder)
    monkeypatch.setattr(watchdog.shutdown, "stopping", lambda: recorder.stopping)
    monkeypatch.setattr(watchdog.sandbox.activity, "in_flight", 0)
    monkeypatch.setattr(watchdog.sandbox.activity, "last", float("-inf"))
    return recorder


def test_a_rebalance_waiting_past_the_stall_timeout_restarts_the_worker(
    restarts: Restarts,
) -> None:
    asyncio.run(watchdog.slow_wait_empty(timeout_s=0.05, poll_s=0.01))
    [(status, reason)] = restarts.asked
    assert status == watchdog.EXIT_STALLED and "rebalance waited" in reason


def test_bounded_work_in_progress_holds_the_restart_back(restarts: Restarts) -> None:
    watchdog.sandbox.activity.in_flight = 1  # a NER call is running: it ends by its budget

    async def scenario() -> None:
        watch = asyncio.ensure_future(watchdog.slow_wait_empty(timeout_s=0.02, poll_s=0.01))
        await asyncio.sleep(0.1)
        assert restarts.asked == [] and not watch.done()
        watchdog.sandbox.activity.in_flight = 0
        await asyncio.wait_for(watch, 1)

    asyncio.run(scenario())
    assert [status for status, _ in restarts.asked] == [watchdog.EXIT_STALLED]


def test_no_restart_while_stopping_or_with_the_watchdog_off(restarts: Restarts) -> None:
    restarts.stopping = True
    asyncio.run(watchdog.slow_wait_empty(timeout_s=0.01, poll_s=0.01))
    restarts.stopping = False
    asyncio.run(watchdog.slow_wait_empty(timeout_s=0, poll_s=0.01))
    assert restarts.asked == []


def test_the_watchdog_watches_faust_s_wait_for_unfinished_events() -> None:
    assert faust_internals._wait_empty_watch is watchdog.slow_wait_empty
