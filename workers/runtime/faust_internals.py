"""Every use of faust-streaming's private API, in one place, for the one version it was read
against (``SUPPORTED``): ``check_version`` refuses any other at start-up, since each piece below
depends on internals that upstream changes without notice. No other module touches a private
Faust name.

Corrections to the consumer and the producer's buffer (``apply``). Each stops Faust from
skipping, or committing an offset past, a message that no agent finished. Found with the
worker-joins-and-leaves test and a probe that logged every seek, ack and commit of one topic.

Stale records after a seek (upstream faust-streaming #216, #221). After a rebalance Faust
resumes fetching before it seeks each partition back to its committed offset, so records fetched
from the old position can reach the stream after the seek. Faust then remembers the highest
offset read and drops the re-fetched records below it as already read: a hole of dozens of
messages. Here every agent input partition has an expected next offset (set by each seek,
advanced by each record); a record past it is dropped and the partition is sought back once, so
the hole is fetched again. A gap that is still there after that seek is real (the log was
truncated by retention) and is accepted with a warning. The other way round, Faust's fetch loop
sets its read offset after handing a record over, so a record fetched before a seek and handed
over while the seek runs moves the read offset back past the seek: the records the stream needs
after the seek are then dropped as already read. A record the cursor expects (at or past its
expected offset) is never dropped so: the read offset is lowered to it, with a warning. (In a
run of session 54 one worker's enrich agent never saw records 119-138 of one partition, and no
rewind was logged; Faust logs such drops only at its dev level. This race fits; it was not
reproduced.)

Gap filling (upstream #606; robinhood/faust #401). When a fetched offset skips ahead of the last
one read, Faust records the skipped range as a "gap" and counts it as acknowledged at the next
commit. That is meant for compacted or transactional topics, where offsets really are missing.
The pipeline's topics are neither, so the only gaps it can see come from seeks around a
rebalance. There, counting the range as done commits offsets past messages that no agent has
processed, and they are lost (our rebalance test lost 36 messages this way). Switched off.

Skipped messages (upstream #527; robinhood/faust #604). A message fetched before a rebalance can
reach a stream after it (Faust's own comment: "it gets stuck in the conductor or somewhere
else"), or while flow is suspended during one. The stream then skips it, rightly, but also
acknowledges it, even on a ``noack()`` stream. During a revocation that acknowledgement is
committed at once and the partition's next owner starts after a message nobody processed. Faust
delivers a message to an agent only after marking it ``tracked``; an untracked message
acknowledged while flow is suspended or from another consumer generation is exactly the skipped
one, and is refused here. It is fetched again from the committed offset. (An untracked message
in normal flow is one whose payload could not be decoded: Faust acknowledges it to skip it, and
that is left alone.)

Off by one (upstream #606, fix proposed in PR #707). ``Consumer._new_offset`` refuses to commit
when the lowest acknowledged offset is more than one past the committed offset, but the
committed offset is the *next* message to process: one past it already means that message is
unfinished. And a committed offset of 0 (falsy) skipped the check altogether. Replaced by a
version that commits only the run of acknowledged offsets that starts at the committed offset.
A partition with no committed offset (a new group, or one whose owner died before its first
commit) has no such start, and Faust, like this replacement before, then committed the first
run of acknowledged offsets wherever it began: past a first message still unfinished, or
refused as skipped, which was lost. There the run must start where the partition's stream
starts (``Cursor.start``): the log's first offset, read after each seek, since aiokafka's seek
to a committed offset that does not exist leaves the partition alone and the consumer resets
it to the earliest; or, if that read fails, the first offset fetched since the seek.

Workers with different stages (``WIRESTREAM_STAGES``). Faust's assignor tells every member which
worker holds each table partition, for table routes (``/sources``); but the leader picks the
changelog topics out of the assignment by its *own* tables. A dedup worker leading the group
knows only the dedup table, so the counts table's holder went unannounced and ``/sources``
failed on every worker. Here a changelog is any assigned topic named as Faust names them
(``<app id>-<table>-changelog``), as well as the leader's own.

A flush that returns early (found with the worker-joins-and-leaves test, which once ended
with eleven outcomes never counted; not reported upstream). Table writes wait in the producer's
buffer until its task hands them to aiokafka, and Faust flushes that buffer before each commit.
But the flush gives up when no message leaves the buffer within 0.1 s, and it looks only at the
queue, not at the message the task is handing over. A probe on a loaded machine saw 156 flushes
in one test return with a message still in flight. The commit then goes ahead with table writes
not yet in aiokafka's flush, and a worker that stops or dies next can take them with it, while
their input offsets are committed. That is the likeliest cause of the counts' shortfall (the
failed run's logs cannot show which writes were lost). Here a full flush waits until the queue
is empty and nothing is in flight, while the buffer runs. A buffer that is stopping has no task
left to wait for (the messages left were written after the last commit, and their input is
redelivered), and one never started (an agent's ``test_context``) has none either: both keep
Faust's behaviour, as does the bounded flush Faust uses for back-pressure.

A rebalance that waits forever. Before it gives partitions up, Faust waits in
``Consumer.wait_empty`` until every event an agent took is acknowledged, with no bound. An
event that never finishes (an agent blocked on a send that never completes) holds the whole
group there. The stall watchdog cannot see it, since it skips its check while
``app.rebalancing`` is set (table recovery, which can rightly take minutes, happens then too).
``on_slow_wait_empty`` registers a watch that runs beside each wait and is cancelled when the
wait ends; the watchdog's watch asks for a restart once the wait outlasts the stall timeout.

Other private names, each with no public equivalent:

- ``current(event)`` sets ``faust.streams._current_event``, the event whose partition a table
  write goes to, for agents that read in batches (``streams.batches``). Faust sets it only inside
  its own stream iterator and exports no setter.
- ``Worker`` overrides ``faust.Worker._schedule_shutdown`` (and reads ``_signal_stop_time``) to
  arm the bounded-shutdown timer of ``shutdown`` on the first signal; there is no hook.
- ``recovery_completed(app)`` reads ``app.tables.recovery``, to answer ``/ready`` only once the
  tables are rebuilt.
- ``committed_offset(app, topic, partition)`` reads ``Consumer._committed_offset``, the offset
  this worker last committed or read back for a partition, which each outcome carries
  (``workers.stages.counts``). The public ``committed()`` asks the broker: a round trip per
  outcome.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import weakref
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NoReturn

import faust
from faust.assignor.partition_assignor import PartitionAssignor
from faust.streams import _current_event
from faust.transport.consumer import Consumer
from faust.transport.producer import ProducerBuffer
from faust.types.tuples import Message
from faust.utils.functional import consecutive_numbers

logger = logging.getLogger(__name__)

SUPPORTED = "0.15.3"  # the faust-streaming release everything here was read against


def check_version(version: str = faust.__version__) -> None:
    """Refuse to start on a faust-streaming other than ``SUPPORTED``."""
    if version != SUPPORTED:
        raise RuntimeError(
            f"faust-streaming {version} is installed; Wirestream corrects internals of "
            f"{SUPPORTED} only (workers/runtime/faust_internals.py). Install {SUPPORTED} "
            "(constraints.txt), or re-check every correction against the new version first."
        )


_original_ack = Consumer.ack
_original_getmany = Consumer.getmany
_original_seek = Consumer.seek
_original_perform_seek = Consumer.perform_seek


async def _no_gap(self: Consumer, tp: object, offset_from: int, offset_to: int) -> None:
    logger.debug("offset gap %s [%d, %d) not counted as acknowledged", tp, offset_from, offset_to)


def skipped_by_stream(message: Message, flow_active: bool, generation_id: int) -> bool:
    """True for a message a stream dropped without handing it to an agent."""
    stale = message.generation_id is not None and message.generation_id != generation_id
    return not message.tracked and (stale or not flow_active)


def _ack(self: Consumer, message: Message) -> bool:
    app: Any = self.app
    if app.topics.acks_enabled_for(message.topic) and skipped_by_stream(
        message, app.flow_control.is_active(), app.consumer_generation_id
    ):
        logger.info(
            "not acknowledging %s:%d offset %d: skipped around a rebalance, never processed",
            message.topic,
            message.partition,
            message.offset,
        )
        return False
    return bool(_original_ack(self, message))


def next_commit(acked: list[int], committed: int | None) -> tuple[int | None, list[int]]:
    """For a partition's acknowledged offsets (sorted) and its committed offset (the next
    message to process; None if unknown): the offset to commit now, or None, and the
    acknowledged offsets that are done with (committed now, or stale below ``committed``).

    Nothing is committed while the message at ``committed`` is unacknowledged.
    """
    stale = [o for o in acked if committed is not None and o < committed]
    rest = acked[len(stale) :]
    if not rest or (committed is not None and rest[0] != committed):
        return None, stale
    run = list(next(consecutive_numbers(rest)))
    return run[-1] + 1, stale + run


def _new_offset(self: Consumer, tp: Any) -> int | None:
    acked = self._acked[tp]
    acked.sort()
    committed = self._committed_offset[tp]
    if committed is None:  # never committed: the run starts where the stream started
        committed = _cursor(self).start.get(tp)
    offset, done = next_commit(acked, committed)
    if done:
        del acked[: len(done)]
        self._acked_index[tp].difference_update(done)
    return offset


@dataclass
class Cursor:
    """The next offset each partition's stream should see, and the holes being fetched again."""

    expected: dict[Any, int] = field(default_factory=dict)
    holes: dict[Any, tuple[int, int]] = field(default_factory=dict)  # tp -> (expected, jumped to)
    # Where each partition's stream starts: its last seek's offset (for one never committed,
    # the log's start, read after the seek), else the first offset fetched since the seek.
    start: dict[Any, int] = field(default_factory=dict)

    def set(self, tp: Any, offset: int | None) -> None:
        self.holes.pop(tp, None)
        if offset is None or offset < 0:
            self.expected.pop(tp, None)
            self.start.pop(tp, None)
        else:
            self.expected[tp] = offset
            self.start[tp] = offset

    def check(self, tp: Any, offset: int) -> str:
        """What to do with a fetched record: ``deliver``; ``rewind`` (the first record past a
        hole: seek back to fetch it); ``drop`` (more records past a hole being fetched again);
        or ``gap`` (the fetch after the seek jumped to the same place: the hole is real)."""
        expected = self.expected.get(tp)
        self.start.setdefault(tp, offset)
        if expected is None or offset <= expected:
            self.expected[tp] = max(offset + 1, expected or 0)
            self.holes.pop(tp, None)
            return "deliver"
        hole = self.holes.get(tp)
        if hole is None or hole[0] != expected:
            self.holes[tp] = (expected, offset)
            return "rewind"
        if hole == (expected, offset):
            del self.holes[tp]
            self.expected[tp] = offset + 1
            return "gap"
        return "drop"


def _cursor(consumer: Consumer) -> Cursor:
    cursor = consumer.__dict__.get("_wirestream_cursor")
    if cursor is None:
        cursor = consumer.__dict__["_wirestream_cursor"] = Cursor()
    return cursor


async def _seek(self: Consumer, partition: Any, offset: int) -> None:
    await _original_seek(self, partition, offset)
    _cursor(self).set(partition, offset)


EARLIEST_TIMEOUT_S = 10.0  # the read of never-committed partitions' start, inside a rebalance


async def _perform_seek(self: Consumer) -> None:
    await _original_perform_seek(self)
    cursor = _cursor(self)
    unknown = []
    for tp, offset in self._read_offset.items():
        cursor.set(tp, offset)
        if offset is None and self.app.topics.acks_enabled_for(tp.topic):
            unknown.append(tp)
    if not unknown or self.app.conf.consumer_auto_offset_reset != "earliest":
        return
    # Never committed: the consumer starts at the log's start (``auto_offset_reset`` is
    # "earliest"), and aiokafka's seek leaves such a partition alone. Expecting that offset
    # lets the cursor catch records fetched before the seek, as it does for committed ones.
    try:
        earliest = await asyncio.wait_for(self.earliest_offsets(*unknown), EARLIEST_TIMEOUT_S)
    except Exception as exc:  # noqa: BLE001 - the first offset fetched stands in (``start``)
        logger.warning("could not read the start of never-committed partitions: %s", exc)
        return
    for tp, offset in earliest.items():
        if cursor.expected.get(tp) is None:
            cursor.set(tp, offset)


def dropped_by_read_offset(expected: int | None, offset: int, read: int | None) -> bool:
    """True if Faust would drop a record its stream has not seen (``offset`` at or past the
    cursor's ``expected``) as already read: its read offset ``read`` is past it."""
    return expected is not None and offset >= expected and read is not None and offset < read


async def _getmany(self: Consumer, timeout: float) -> Any:
    cursor = _cursor(self)
    acking = self.app.topics.acks_enabled_for
    async for tp, message in _original_getmany(self, timeout):
        expected = cursor.expected.get(tp)
        action = cursor.check(tp, message.offset) if acking(message.topic) else "deliver"
        if action == "deliver" and dropped_by_read_offset(
            expected, message.offset, self._read_offset.get(tp)
        ):
            logger.warning(
                "%s:%d read offset %d is past offset %d, which the stream has not seen (a "
                "record fetched before a seek was handed over after it): lowered",
                tp.topic,
                tp.partition,
                self._read_offset[tp],
                message.offset,
            )
            self._read_offset[tp] = message.offset
        if action == "rewind":
            expected = cursor.expected[tp]
            logger.warning(
                "%s:%d jumped from offset %d to %d (records fetched before a seek): seeking "
                "back to fetch the hole again",
                tp.topic,
                tp.partition,
                expected,
                message.offset,
            )
            await _original_seek(self, tp, expected)
            continue
        if action == "gap":
            logger.warning(
                "%s:%d offsets before %d are gone (retention?): continuing from there",
                tp.topic,
                tp.partition,
                message.offset,
            )
        if action != "drop":
            yield tp, message


_original_send_pending = ProducerBuffer._send_pending
_original_flush_atmost = ProducerBuffer.flush_atmost
FLUSH_POLL_S = 0.1  # how often a waiting flush looks again (Faust's own wait per message)


def _in_flight(buffer: ProducerBuffer) -> int:
    return int(buffer.__dict__.get("_wirestream_in_flight", 0))


async def _send_pending(self: ProducerBuffer, fut: Any) -> None:
    self.__dict__["_wirestream_in_flight"] = _in_flight(self) + 1
    try:
        await _original_send_pending(self, fut)
    finally:
        self.__dict__["_wirestream_in_flight"] = _in_flight(self) - 1


async def _flush_atmost(self: ProducerBuffer, max_messages: int | None) -> int:
    # A buffer not running (not started, as under ``test_context``, stopping or crashed) has
    # no task to wait for: Faust's own flush refuses it or gives up.
    if max_messages is not None or self.state != "running":
        return int(await _original_flush_atmost(self, max_messages))
    flushed = 0
    while (self.size or _in_flight(self)) and self.state == "running":
        self.message_sent.clear()
        try:
            await asyncio.wait_for(self.message_sent.wait(), timeout=FLUSH_POLL_S)
        except TimeoutError:
            continue
        flushed += 1
    return flushed


_original_wait_empty = Consumer.wait_empty
_wait_empty_watch: Callable[[], Awaitable[None]] | None = None


def on_slow_wait_empty(watch: Callable[[], Awaitable[None]] | None) -> None:
    """Run ``watch()`` beside every wait for unfinished events, cancelled when the wait ends."""
    global _wait_empty_watch
    _wait_empty_watch = watch


async def _wait_empty(self: Consumer) -> None:
    watch = _wait_empty_watch
    task = asyncio.ensure_future(watch()) if watch is not None else None
    try:
        await _original_wait_empty(self)
    finally:
        if task is not None:
            task.cancel()


def group_changelogs(app_id: str, own: set[str], actives: list[dict[str, Any]]) -> set[str]:
    """The table changelogs among a group's active assignments: the leader's own tables' and any
    topic named ``<app id>-<table>-changelog``, whichever worker's table it is."""
    prefix = f"{app_id}-"
    named = {t for a in actives for t in a if t.startswith(prefix) and t.endswith("-changelog")}
    return set(own) | named


def _changelogs_of(self: PartitionAssignor, assignments: Any) -> set[str]:
    return group_changelogs(
        self.app.conf.id,
        set(self._table_manager.changelog_topics),
        [a.actives for a in assignments.values()],
    )


def _changelog_distribution(self: PartitionAssignor, assignments: Any) -> Any:
    topics = _changelogs_of(self, assignments)
    return {
        self._member_urls[client]: self._topics_filtered(assignment.actives, topics)
        for client, assignment in assignments.items()
    }


def _external_topic_distribution(self: PartitionAssignor, assignments: Any) -> Any:
    topics = _changelogs_of(self, assignments)
    return {
        self._member_urls[client]: self._non_table_topics_filtered(assignment.actives, topics)
        for client, assignment in assignments.items()
    }


def apply() -> None:
    check_version()
    PartitionAssignor._get_changelog_distribution = _changelog_distribution  # type: ignore[method-assign]
    PartitionAssignor._get_external_topic_distribution = _external_topic_distribution  # type: ignore[method-assign]
    Consumer._add_gap = _no_gap  # type: ignore[method-assign]
    Consumer.getmany = _getmany  # type: ignore[method-assign]
    Consumer.seek = _seek  # type: ignore[method-assign]
    Consumer.perform_seek = _perform_seek  # type: ignore[method-assign]
    Consumer.ack = _ack  # type: ignore[method-assign]
    Consumer._new_offset = _new_offset  # type: ignore[method-assign]
    ProducerBuffer._send_pending = _send_pending  # type: ignore[method-assign]
    ProducerBuffer.flush_atmost = _flush_atmost  # type: ignore[method-assign]
    Consumer.wait_empty = _wait_empty  # type: ignore[method-assign]


@contextmanager
def current(event: Any) -> Iterator[None]:
    """Make ``event`` Faust's current event, whose partition a table write goes to."""
    token = _current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        _current_event.reset(token)


def committed_offset(app: Any, topic: str, partition: int) -> int | None:
    """The partition's committed offset as this worker knows it (None if it knows none, or has
    no consumer, as under ``test_context``)."""
    consumer = app._consumer
    if consumer is None:
        return None
    offset = consumer._committed_offset.get(faust.types.TP(topic, partition))
    return offset if isinstance(offset, int) and offset >= 0 else None


def recovery_completed(app: Any) -> bool:
    """Whether the tables' recovery (changelog replay) has finished."""
    return bool(app.tables.recovery.completed.is_set())


class Worker(faust.Worker):
    """``faust.Worker`` whose graceful stop on a signal is bounded (``shutdown.arm``), and whose
    exit status is the one ``shutdown.restart`` asked for."""

    def _schedule_shutdown(self, signal: signal.Signals) -> None:
        from workers.runtime import shutdown  # reads the settings: after the app is built

        if not self._signal_stop_time:
            shutdown.arm()
        super()._schedule_shutdown(signal)

    def execute_from_commandline(self) -> NoReturn:
        from workers.runtime import shutdown

        try:
            super().execute_from_commandline()
        except SystemExit as exc:
            if shutdown.requested_status() and not exc.code:
                raise SystemExit(shutdown.requested_status()) from None
            raise
