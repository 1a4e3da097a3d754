"""An event (or a batch of them) is acknowledged only after the agent's body is done with it,
never on cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import pytest
from faust.streams import current_event

from workers.runtime.faust_internals import current
from workers.runtime.streams import batches, processed


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


async def stopped_in_flight(agent: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> None:
    """Run an agent until it says an input is in flight, then stop it as a worker stop does."""
    in_flight = asyncio.Event()
    task = asyncio.create_task(agent(in_flight))
    await in_flight.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_finished_events_are_acked_and_the_cancelled_one_is_not() -> None:
    events = [FakeEvent(i) for i in range(3)]

    async def agent(in_flight: asyncio.Event) -> None:
        async for event in processed(FakeStream(events), "test"):
            if event.n == 1:
                in_flight.set()
                await asyncio.sleep(10)

    await stopped_in_flight(agent)
    assert [e.acked for e in events] == [True, False, False]


async def test_skipped_events_are_acked_too() -> None:
    events = [FakeEvent(i) for i in range(3)]
    seen: list[Any] = []
    async for event in processed(FakeStream(events), "test"):
        if event.n == 0:
            continue
        seen.append(event.n)
    assert seen == [1, 2] and all(e.acked for e in events)


class QueueStream(FakeStream):
    """Events as they are put, like a live topic."""

    def __init__(self) -> None:
        super().__init__([])
        self.queue: asyncio.Queue[FakeEvent | None] = asyncio.Queue()

    async def events(self) -> AsyncIterator[FakeEvent]:
        while (event := await self.queue.get()) is not None:
            yield event


async def test_a_backlog_fills_batches_and_each_is_acked_when_the_body_is_done() -> None:
    events = [FakeEvent(i) for i in range(20)]
    sizes, acked_when_handed_over = [], []
    async for batch in batches(FakeStream(events), "test", size=8, linger_s=0.05):
        sizes.append(len(batch))
        acked_when_handed_over.append(any(e.acked for e in batch))
    assert sizes == [8, 8, 4]
    assert acked_when_handed_over == [False] * 3 and all(e.acked for e in events)


async def test_a_lone_event_is_not_held_for_company() -> None:
    """Light traffic: a batch closes when the linger ends, and the event that arrives later,
    while the stream is being waited on, goes in the next batch (the wait is not cancelled)."""
    stream = QueueStream()
    handed: list[list[int]] = []

    async def agent() -> None:
        async for batch in batches(stream, "test", size=8, linger_s=0.05):
            handed.append([e.n for e in batch])
            if len(handed) == 2:
                return

    task = asyncio.create_task(agent())
    await stream.queue.put(FakeEvent(0))
    while not handed:  # the first batch closes alone: nothing else arrives in its linger
        await asyncio.sleep(0.01)
    await stream.queue.put(FakeEvent(1))
    await asyncio.wait_for(task, 10)
    assert handed == [[0], [1]]


async def test_a_cancelled_batch_is_not_acked() -> None:
    events = [FakeEvent(i) for i in range(5)]

    async def agent(in_flight: asyncio.Event) -> None:
        async for batch in batches(FakeStream(events), "test", size=2, linger_s=0.05):
            if batch[0].n == 2:
                in_flight.set()
                await asyncio.sleep(10)

    await stopped_in_flight(agent)
    assert [e.acked for e in events] == [True, True, False, False, False]


def test_current_makes_an_event_fausts_current_event() -> None:
    event = FakeEvent(7)
    assert current_event() is None
    with current(event):
        assert current_event() is event
    assert current_event() is None
