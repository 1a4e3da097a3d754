"""Consumer lag, and a watchdog for Faust's silent stalls.

Every ``LAG_EVERY`` seconds the worker asks the broker for its group's committed offsets and the
end offsets of the partitions assigned to it. The figures feed ``/metrics``; and a partition
whose committed offset has not moved for ``WIRESTREAM_STALL_TIMEOUT_S`` while messages wait
behind it is a stall. faust-streaming 0.15 has been seen to stop draining its producer buffer
after a rebalance (our rebalance test reproduces it about one run in three; upstream #175, #640):
the worker then stops (bounded, ``shutdown.restart``) and exits with ``EXIT_STALLED``, its
supervisor (Docker's restart policy, systemd, or the test harness) starts it again, and since
offsets are committed only behind finished work, the waiting messages are processed by the new
worker, none lost. (Asking Faust to crash instead left the process hanging after a stall.)
Time the stages spend inside bounded work (a sandboxed parse or NER call, or its child starting;
dedup rebuilding its lookups or sweeping its window, which takes minutes at a large window) is
not a stall: such work ends by itself, and restarting would only repeat it.

The lag is not read during a rebalance (table recovery can rightly take minutes). But a
rebalance first waits until every event an agent took is finished, with no bound in Faust; an
event that never finishes would hold the group there for good. So that wait is watched too
(``slow_wait_empty``): past ``WIRESTREAM_STALL_TIMEOUT_S``, with no bounded work going on, the
worker restarts with ``EXIT_STALLED`` as for a stall.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from workers.ops import metrics
from workers.runtime import faust_internals, sandbox, shutdown, topics
from workers.runtime.app import app, settings
from workers.security import client_options

logger = logging.getLogger(__name__)

LAG_EVERY = 10.0
EXIT_STALLED = 4
LOOP_PROBE_S = 0.5  # how often the event loop's responsiveness is probed


@dataclass
class LagTracker:
    """Per-partition lag and the last time each partition's committed offset moved."""

    stall_timeout: float
    lag: dict[tuple[str, int], int] = field(default_factory=dict)
    _committed: dict[tuple[str, int], int] = field(default_factory=dict)
    _moved_at: dict[tuple[str, int], float] = field(default_factory=dict)

    def update(
        self,
        committed: dict[tuple[str, int], int],
        ends: dict[tuple[str, int], int],
        now: float,
        working: bool = False,
    ) -> list[tuple[str, int]]:
        """Record a reading; return the partitions that are stalled. ``working``: the stages
        did bounded work since the last reading, which counts as progress (a budgeted call can
        outlast the stall timeout; it still ends, by its budget)."""
        stalled = []
        self.lag = {tp: max(0, ends[tp] - committed.get(tp, 0)) for tp in ends}
        for tp, lag in self.lag.items():
            offset = committed.get(tp, 0)
            if self._committed.get(tp) != offset or lag == 0 or working:
                self._committed[tp] = offset
                self._moved_at[tp] = now
            elif self.stall_timeout and now - self._moved_at.get(tp, now) > self.stall_timeout:
                stalled.append(tp)
        for tp in set(self._committed) - set(ends):  # revoked: forget
            self._committed.pop(tp, None)
            self._moved_at.pop(tp, None)
        return stalled


class LagReader:
    """An admin client (committed offsets) and a consumer (end offsets), made on first use and
    kept for the worker's life; dropped after a failed reading, so the next one reconnects."""

    def __init__(self) -> None:
        self._admin: AIOKafkaAdminClient | None = None
        self._consumer: AIOKafkaConsumer | None = None

    async def read(self, group: str, tps: list[TopicPartition]) -> tuple[dict, dict]:
        try:
            if self._admin is None or self._consumer is None:
                self._admin = AIOKafkaAdminClient(**client_options(settings))
                self._consumer = AIOKafkaConsumer(**client_options(settings))
                await self._admin.start()
                await self._consumer.start()
            offsets = await self._admin.list_consumer_group_offsets(group, partitions=tps)
            ends = await self._consumer.end_offsets(tps)
        except Exception:
            await self.close()
            raise
        committed = {
            (tp.topic, tp.partition): o.offset for tp, o in offsets.items() if o.offset >= 0
        }
        return committed, {(tp.topic, tp.partition): end for tp, end in ends.items()}

    async def close(self) -> None:
        admin, consumer, self._admin, self._consumer = self._admin, self._consumer, None, None
        if consumer is not None:
            await consumer.stop()
        if admin is not None:
            await admin.close()


tracker = LagTracker(settings.stall_timeout_s)
reader = LagReader()
INPUT_TOPICS = {
    t.get_topic_name() for t in (topics.raw, topics.parsed, topics.unique, topics.outcomes)
}


@app.timer(LAG_EVERY)
async def watch_lag() -> None:
    if app.rebalancing:
        return
    assigned = [
        TopicPartition(tp.topic, tp.partition)
        for tp in app.consumer.assignment()
        if tp.topic in INPUT_TOPICS
    ]
    if not assigned:
        return
    try:
        committed, ends = await reader.read(settings.app_id, assigned)
    except Exception as exc:  # noqa: BLE001 - a missed reading is retried at the next tick
        logger.warning("could not read consumer lag: %s", exc)
        return
    now = time.monotonic()
    stalled = tracker.update(
        committed, ends, now, working=sandbox.activity.worked_since(now - LAG_EVERY)
    )
    metrics.set_lag(tracker.lag)
    if stalled:
        shutdown.restart(
            EXIT_STALLED,
            f"stalled partitions {stalled}: no committed progress for "
            f"{settings.stall_timeout_s:.0f}s with messages waiting",
        )


async def slow_wait_empty(timeout_s: float | None = None, poll_s: float = 1.0) -> None:
    """Beside one wait for unfinished events (``faust_internals.on_slow_wait_empty``): ask for a
    restart once it has lasted ``timeout_s`` (the stall timeout; 0 turns it off) with no bounded
    work going on. Not while the worker is stopping: that wait is bounded by the shutdown timer
    already."""
    timeout_s = settings.stall_timeout_s if timeout_s is None else timeout_s
    if timeout_s <= 0:  # the watchdog is off
        return
    started = time.monotonic()
    await asyncio.sleep(timeout_s)
    while not shutdown.stopping():
        now = time.monotonic()
        if not sandbox.activity.worked_since(now - max(poll_s, LAG_EVERY)):
            shutdown.restart(
                EXIT_STALLED,
                f"a rebalance waited {now - started:.0f}s for events no agent finished",
            )
            return
        await asyncio.sleep(poll_s)


faust_internals.on_slow_wait_empty(slow_wait_empty)


@app.task
async def probe_event_loop() -> None:
    """Measure how late the loop wakes a sleeper: CPU work run on the loop by mistake (rather
    than in the NLP pool or a thread) shows up here long before it costs a heartbeat."""
    while not app.should_stop:
        started = time.monotonic()
        await asyncio.sleep(LOOP_PROBE_S)
        metrics.record_loop_lag(max(0.0, time.monotonic() - started - LOOP_PROBE_S))


@app.on_partitions_assigned.connect
async def count_assignment(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
    metrics.rebalances.inc()


@app.on_before_shutdown.connect
async def close_lag_reader(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
    await reader.close()
