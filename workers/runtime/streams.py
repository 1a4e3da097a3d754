"""What every agent does with a result: send it on, dead-letter it, report its outcome.

Outputs are keyed by ``article_id`` (dead letters by ``raw_id``), and outcome events by source so
that the counts table is touched only with the key in hand.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

from workers.ops import metrics
from workers.records import SCHEMA_VERSION, Outcome, Position, dead_letter_record
from workers.runtime import topics
from workers.runtime.app import app, settings
from workers.runtime.faust_internals import committed_offset

logger = logging.getLogger(__name__)


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


async def send(topic: Any, key: bytes | None, value: Any) -> Any:
    """Send ``value`` (a record, bytes, or None to withdraw ``key``) on one of the pipeline's
    topics; returns the delivery future. Every agent's sends come here.

    Records are encoded here, once, as their own JSON (the bytes Faust's codecs would write), and
    go straight to the app's producer: Faust's ``Topic.send`` wraps each message in a pending
    message, a future of its own, a callback and sensor calls, which cost a dedup worker
    more than the send itself (docs/performance.md, session 18). The producer is the app's, so
    Faust's commit still waits for these messages (it flushes the producer before it commits).
    Partitions are chosen by key, as Faust's sends chose them (aiokafka's default partitioner).
    """
    encoded = value if value is None or isinstance(value, bytes) else value.dumps()
    return await app.producer.send(
        topic.get_topic_name(), key, encoded, partition=None, timestamp=None, headers=None
    )


async def send_dead_letter(
    *,
    stage: str,
    reason: str,
    detail: str,
    payload: bytes,
    position: Position,
    raw_id: str,
    source: str,
) -> Any:
    """Dead-letter one input (its payload cut at ``WIRESTREAM_MAX_CONTENT_BYTES``); returns the
    delivery future."""
    record = dead_letter_record(
        stage=stage,
        reason=reason,
        detail=detail,
        payload=payload,
        position=position,
        raw_id=raw_id,
        source=source,
        max_payload=settings.max_content_bytes,
    )
    logger.warning(
        "dead letter: stage=%s reason=%s source=%s raw_id=%s",
        record.stage,
        record.reason,
        record.source,
        record.raw_id,
    )
    return await send(topics.dead_letter, record.raw_id.encode(), record)


async def send_outcome(
    source: str,
    stage: str,
    position: Position,
    outcomes: list[str],
    reason: str | None = None,
) -> Any:
    """Report what a stage did with one input; returns the delivery future."""
    committed = committed_offset(app, position.topic, position.partition)
    event = Outcome(
        version=SCHEMA_VERSION,
        source=source,
        stage=stage,
        partition=position.partition,
        offset=position.offset,
        at=position.timestamp,
        outcomes=outcomes,
        reason=reason,
        committed=committed,
    )
    return await send(topics.outcomes, source.encode(), event)
