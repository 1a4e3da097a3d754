import asyncio
import time

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
