"""An event is acknowledged only after the agent's body is done with it, never on cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from workers.routing import processed


class FakeEvent:
    def __init__(self, n: int) -> None:
        self.n, self.acked = n, False

    def ack(self) -> bool:
        self.acked = True
        return True


class FakeStream:
    def __init__(self, events: list[FakeEvent]) -> None:
        self.events_ = events

    def noack(self) -> FakeStream:
        return self

    async def events(self) -> AsyncIterator[FakeEvent]:
        for event in self.events_:
            yield event


async def test_finished_events_are_acked_and_the_cancelled_one_is_not() -> None:
    events = [FakeEvent(i) for i in range(3)]
    started = asyncio.Event()

    async def agent() -> None:
        async for event in processed(FakeStream(events), "test"):
            if event.n == 1:
                started.set()
                await asyncio.sleep(10)  # in flight when the worker stops

    task = asyncio.create_task(agent())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [e.acked for e in events] == [True, False, False]


async def test_skipped_events_are_acked_too() -> None:
    events = [FakeEvent(i) for i in range(3)]
    seen: list[Any] = []
    async for event in processed(FakeStream(events), "test"):
        if event.n == 0:
            continue
        seen.append(event.n)
    assert seen == [1, 2] and all(e.acked for e in events)
