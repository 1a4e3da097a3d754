"""What every agent does with a result: send it on, dead-letter it, report its outcome.

Outputs are keyed by ``article_id`` (dead letters by ``raw_id``), and outcome events by source so
that the counts table is touched only with the key in hand.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import time
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from faust.streams import _current_event

from workers import metrics, topics
from workers.records import SCHEMA_VERSION, DeadLetter, Outcome

logger = logging.getLogger(__name__)

# A dead letter keeps at most this much of its payload (``payload_truncated`` says so): as JSON,
# even all escapes, the record stays well under the broker's 10 MiB message limit.
MAX_DEAD_LETTER_PAYLOAD = 1_000_000


@dataclass(frozen=True)
class Position:
    """Where a message was read: the stage's input topic, partition, offset and timestamp."""

    topic: str
    partition: int
    offset: int
    timestamp: float  # seconds since the epoch, from the Kafka record

    @classmethod
    def of(cls, event: Any) -> Position:
        message = event.message
        return cls(message.topic, message.partition, message.offset, float(message.timestamp))

    @property
    def raw_id(self) -> str:
        return f"{self.topic}:{self.partition}:{self.offset}"

    @property
    def iso(self) -> str:
        return datetime.fromtimestamp(self.timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


async def processed(stream: Any, stage: str) -> AsyncIterator[Any]:
    """The events of an agent's stream, each acknowledged only once the agent's body is done
    with it.

    Faust's own iterator acknowledges the current event in a ``finally`` block, so an agent
    cancelled mid-event (worker shutdown, rebalance) commits an offset past unfinished work and
    the message is lost on restart. Here the acknowledgement runs when the agent asks for the
    next event, and never on cancellation (no ``finally``): the message is redelivered instead.
    """
    async for event in stream.noack().events():
        started = time.perf_counter()
        yield event
        metrics.stage_seconds.labels(stage).observe(time.perf_counter() - started)
        event.ack()


async def batches(stream: Any, stage: str, size: int, linger_s: float) -> AsyncIterator[list[Any]]:
    """The events of an agent's stream in batches: the first event waited for, then whatever
    else arrives within ``linger_s``, up to ``size``. A backlog fills batches; a trickle adds at
    most ``linger_s`` of latency. Each batch is acknowledged once the agent's body is done with
    it, and never on cancellation, as in ``processed``.

    Faust's ``take_events`` would acknowledge a cancelled batch (in a ``finally``), and waiting
    on the stream's iterator with a timeout would cancel it; so the wait for the next event is a
    task of its own, carried over to the next batch when the linger ends first. The events are
    then no longer Faust's current event: the agent names each with ``current`` before it
    touches a table.
    """
    events = stream.noack().events().__aiter__()
    loop = asyncio.get_running_loop()
    pending: asyncio.Task[Any] | None = None
    try:
        while True:
            pending = pending or loop.create_task(_next(events))
            batch = [await pending]
            pending = None
            if batch[0] is None:  # the stream ended
                return
            deadline = loop.time() + linger_s
            while len(batch) < size:
                pending = loop.create_task(_next(events))
                done, _ = await asyncio.wait({pending}, timeout=max(deadline - loop.time(), 0))
                if not done or pending.result() is None:
                    break
                batch.append(pending.result())
                pending = None
            started = time.perf_counter()
            yield batch
            share = (time.perf_counter() - started) / len(batch)
            for event in batch:
                metrics.stage_seconds.labels(stage).observe(share)
                event.ack()
    finally:
        if pending is not None:
            pending.cancel()


async def _next(events: AsyncIterator[Any]) -> Any:
    """The next event, or None at the end of the stream."""
    try:
        return await events.__anext__()
    except StopAsyncIteration:
        return None


@contextmanager
def current(event: Any) -> Iterator[None]:
    """Make ``event`` Faust's current event, whose partition a table write goes to. Faust sets
    this context variable only inside its own stream iterator and exports no setter, so the
    private variable is set here (faust-streaming is pinned)."""
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


def dead_letter_record(
    *,
    stage: str,
    reason: str,
    detail: str,
    payload: bytes,
    position: Position,
    raw_id: str,
    source: str,
    max_payload: int,
) -> DeadLetter:
    kept = payload[: min(max_payload, MAX_DEAD_LETTER_PAYLOAD)]
    try:
        text, encoding = kept.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = base64.b64encode(kept).decode("ascii"), "base64"
    return DeadLetter(
        version=SCHEMA_VERSION,
        raw_id=raw_id,
        stage=stage,
        reason=reason,
        detail=detail[:1000],
        source=source,
        topic=position.topic,
        partition=position.partition,
        offset=position.offset,
        payload=text,
        payload_encoding=encoding,
        payload_size=len(payload),
        payload_truncated=len(kept) < len(payload),
    )


async def send_dead_letter(record: DeadLetter) -> Any:
    logger.warning(
        "dead letter: stage=%s reason=%s source=%s raw_id=%s",
        record.stage,
        record.reason,
        record.source,
        record.raw_id,
    )
    return await topics.dead_letter.send(key=record.raw_id.encode(), value=record)


async def send_outcome(
    source: str,
    stage: str,
    position: Position,
    outcomes: list[str],
    reason: str | None = None,
) -> Any:
    """Report what a stage did with one input; returns the delivery future."""
    event = Outcome(
        version=SCHEMA_VERSION,
        source=source,
        stage=stage,
        partition=position.partition,
        offset=position.offset,
        at=position.timestamp,
        outcomes=outcomes,
        reason=reason,
    )
    return await topics.outcomes.send(key=source.encode(), value=event)
