"""The corrections to Faust's offset bookkeeping (never commit past an unfinished message), to its
producer's buffer (never commit ahead of a table write) and to its assignor (workers with
different tables)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

import pytest
from faust.transport.producer import ProducerBuffer
from faust.types.tuples import TP, Message

from workers.runtime import faust_internals
from workers.runtime.faust_internals import Cursor, group_changelogs, next_commit, skipped_by_stream


@pytest.mark.parametrize(
    ("acked", "committed", "expected"),
    [
        ([5, 6, 7], 5, (8, [5, 6, 7])),  # the run from the committed offset
        ([5, 6, 8, 9], 5, (7, [5, 6])),  # up to the first hole
        ([6, 7], 5, (None, [])),  # 5 unfinished: Faust committed 8 here
        ([3, 4], 0, (None, [])),  # 0 unfinished: Faust skipped the check for a falsy offset
        ([0, 1], 0, (2, [0, 1])),
        ([2, 3, 5, 6], 5, (7, [2, 3, 5, 6])),  # stale acks below the committed offset dropped
        ([2, 3], 5, (None, [2, 3])),
        ([4, 5], None, (6, [4, 5])),  # no start known at all: the first run
        ([], 5, (None, [])),
    ],
)
def test_next_commit(
    acked: list[int], committed: int | None, expected: tuple[int | None, list[int]]
) -> None:
    assert next_commit(acked, committed) == expected


def message(tracked: bool, generation: int) -> Message:
    m = Message("articles.raw", 0, 7, 0.0, 0, None, b"k", b"v", None, tp=TP("articles.raw", 0))
    m.tracked = tracked
    m.generation_id = generation
    return m


@pytest.mark.parametrize(
    ("tracked", "generation", "flow_active", "skipped"),
    [
        (True, 3, True, False),  # handed to an agent: its ack counts
        (True, 2, False, False),  # in flight across a rebalance: still counts
        (False, 3, True, False),  # undecodable, in normal flow: Faust skips it on purpose
        (False, 3, False, True),  # dropped while flow was suspended
        (False, 2, True, True),  # fetched in an earlier generation
    ],
)
def test_skipped_by_stream(
    tracked: bool, generation: int, flow_active: bool, skipped: bool
) -> None:
    assert skipped_by_stream(message(tracked, generation), flow_active, 3) is skipped


def test_cursor_delivers_in_order_and_rewinds_once_over_a_hole() -> None:
    cursor = Cursor()
    cursor.set("tp", 23)  # a seek to the committed offset
    assert cursor.check("tp", 23) == "deliver"
    # Records fetched before the seek arrive: the first rewinds, the rest wait for the re-fetch.
    assert [cursor.check("tp", o) for o in (98, 99, 100)] == ["rewind", "drop", "drop"]
    assert [cursor.check("tp", o) for o in (24, 25)] == ["deliver", "deliver"]
    assert cursor.expected["tp"] == 26


def test_cursor_accepts_a_hole_that_survives_the_seek() -> None:
    cursor = Cursor()
    cursor.set("tp", 10)
    assert cursor.check("tp", 500) == "rewind"  # offsets 10..499 deleted by retention
    assert cursor.check("tp", 500) == "gap"  # the re-fetch jumps to the same place
    assert cursor.check("tp", 501) == "deliver"


def test_cursor_without_a_known_position_delivers_and_repeats_are_delivered() -> None:
    cursor = Cursor()
    assert cursor.check("tp", 7) == "deliver"  # no committed offset: the first record sets it
    assert cursor.check("tp", 8) == "deliver"
    assert cursor.check("tp", 5) == "deliver"  # a repeat, for Faust to drop or the agent to skip
    assert cursor.expected["tp"] == 9
    cursor.set("tp", None)
    assert cursor.check("tp", 100) == "deliver"


def test_a_partition_never_committed_commits_only_from_where_its_fetching_started() -> None:
    """A new group: no committed offset. The first message fetched (3) is unfinished, or was
    refused as skipped around a rebalance; the acknowledged 4 and 5 must not be committed over
    it (Faust committed 6, and message 3 was lost)."""
    tp = TP("articles.raw", 0)
    consumer = SimpleNamespace(
        _acked={tp: [4, 5]}, _acked_index={tp: {4, 5}}, _committed_offset={tp: None}
    )
    cursor = faust_internals._cursor(consumer)  # type: ignore[arg-type]
    cursor.set(tp, None)  # the seek to a committed offset that does not exist
    assert [cursor.check(tp, o) for o in (3, 4, 5)] == ["deliver"] * 3
    assert faust_internals._new_offset(consumer, tp) is None  # type: ignore[arg-type]
    assert cursor.start[tp] == 3
    consumer._acked[tp].append(3)
    consumer._acked_index[tp].add(3)
    assert faust_internals._new_offset(consumer, tp) == 6  # type: ignore[arg-type]
    cursor.set(tp, 6)  # a seek to a known offset is the start
    assert cursor.start[tp] == 6


async def test_a_never_committed_partition_expects_the_log_start_and_rewinds_over_stale_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """After a rebalance, records fetched before the seek can reach the stream. For a committed
    partition the cursor expects the committed offset and seeks back over them; a partition
    never committed now expects the log's first offset (where the consumer resets it), so a
    stale record (here 40, before 3) is caught instead of starting the commit run."""
    raw, committed, table = TP("ws.raw", 0), TP("ws.raw", 1), TP("ws-t-changelog", 0)

    async def seek_to_committed(self: Any) -> None:
        self._read_offset.update({raw: None, committed: 7, table: None})

    async def earliest_offsets(*tps: TP) -> dict[TP, int]:
        assert set(tps) == {raw}  # only the agents' inputs never committed
        return {raw: 3}

    monkeypatch.setattr(faust_internals, "_original_perform_seek", seek_to_committed)
    app = SimpleNamespace(
        topics=SimpleNamespace(acks_enabled_for=lambda topic: topic == "ws.raw"),
        conf=SimpleNamespace(consumer_auto_offset_reset="earliest"),
    )
    consumer = SimpleNamespace(_read_offset={}, app=app, earliest_offsets=earliest_offsets)
    await faust_internals._perform_seek(consumer)  # type: ignore[arg-type]
    cursor = faust_internals._cursor(consumer)  # type: ignore[arg-type]
    assert cursor.check(raw, 40) == "rewind"
    assert [cursor.check(raw, o) for o in (3, 4)] == ["deliver", "deliver"]
    assert cursor.start[raw] == 3 and cursor.expected[committed] == 7

    # The read failing (or past its bound), the first offset fetched is the start.
    async def unreachable(*tps: TP) -> dict[TP, int]:
        raise ConnectionError("broker away")

    again = SimpleNamespace(_read_offset={}, app=app, earliest_offsets=unreachable)
    await faust_internals._perform_seek(again)  # type: ignore[arg-type]
    assert faust_internals._cursor(again).check(raw, 40) == "deliver"  # type: ignore[arg-type]
    assert faust_internals._cursor(again).start[raw] == 40  # type: ignore[arg-type]


def test_a_leader_without_a_table_still_announces_who_holds_it() -> None:
    """A dedup worker leading the group: the counts changelog is found by its name."""
    actives = [
        {"ws-dedup_index_v2-changelog": [0], "ws.parsed": [0]},
        {"ws-counts_by_source-changelog": [0], "ws.outcomes": [0], "ws.raw": [0, 1]},
    ]
    found = group_changelogs("ws", {"ws-dedup_index_v2-changelog"}, actives)
    assert found == {"ws-dedup_index_v2-changelog", "ws-counts_by_source-changelog"}
    # Another app's changelog, or a topic that merely ends like one, is not this group's table.
    assert group_changelogs("ws", set(), [{"other-t-changelog": [0], "ws.raw": [0]}]) == set()


class SlowChannel:
    """A topic whose producer takes ``delay`` to take each message."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.published: list[int] = []

    async def publish_message(self, fut: Any, wait: bool = False) -> None:
        await asyncio.sleep(self.delay)
        self.published.append(fut.n)


def future_message(channel: SlowChannel, n: int) -> Any:
    return SimpleNamespace(n=n, message=SimpleNamespace(channel=channel))


def new_buffer() -> ProducerBuffer:
    faust_internals.apply()  # as the app does when it is built
    buffer = ProducerBuffer()
    buffer.app = SimpleNamespace(conf=SimpleNamespace(producer_threaded=False))  # type: ignore[assignment]
    return buffer


@pytest.fixture
async def running() -> AsyncIterator[ProducerBuffer]:
    """A started buffer, its task handing messages over as in a worker."""
    buffer = new_buffer()
    await buffer.start()
    yield buffer
    await buffer.stop()


async def test_a_flush_waits_for_every_buffered_table_write(running: ProducerBuffer) -> None:
    # Faust's flush returned when no message left within 0.1 s: a commit then went ahead of
    # table writes still in the buffer.
    channel = SlowChannel(delay=0.25)
    for n in range(3):
        running.put(future_message(channel, n))
    await running.flush()
    assert channel.published == [0, 1, 2]
    assert running.size == 0


async def test_a_flush_waits_for_the_write_being_handed_over(running: ProducerBuffer) -> None:
    # The buffer's task had taken the message off the queue: Faust's flush saw an empty buffer.
    channel = SlowChannel(delay=0.05)
    running.put(future_message(channel, 7))
    await asyncio.sleep(0.01)  # the task takes it
    assert running.size == 0
    await running.flush()
    assert channel.published == [7]


async def test_the_bounded_flush_for_back_pressure_is_faust_s_own(running: ProducerBuffer) -> None:
    channel = SlowChannel(delay=0.25)
    for n in range(3):
        running.put(future_message(channel, n))
    assert await running.flush_atmost(1) == 0  # gave up after 0.1 s, as Faust does
    await running.flush()


async def test_a_buffer_that_never_started_is_refused_as_faust_refuses_it() -> None:
    # An agent's test_context has no running buffer: nothing would ever drain it.
    buffer = new_buffer()
    buffer.put(future_message(SlowChannel(delay=0), 1))
    with pytest.raises(RuntimeError, match="not Running"):
        await asyncio.wait_for(buffer.flush(), timeout=5)


def test_the_committed_offset_is_the_consumer_s_own_record() -> None:
    consumer = SimpleNamespace(_committed_offset={TP("t", 0): 17, TP("t", 1): None})
    app = SimpleNamespace(_consumer=consumer)
    assert faust_internals.committed_offset(app, "t", 0) == 17
    assert faust_internals.committed_offset(app, "t", 1) is None  # read back as unknown
    assert faust_internals.committed_offset(app, "t", 2) is None  # never assigned
    assert faust_internals.committed_offset(SimpleNamespace(_consumer=None), "t", 0) is None


@pytest.mark.parametrize(
    ("expected", "offset", "read", "dropped"),
    [
        (116, 116, 138, True),  # the next record the stream needs, below a stale read offset
        (116, 120, 138, True),
        (116, 115, 138, False),  # a repeat: Faust drops it, rightly
        (116, 138, 138, False),  # at the read offset: Faust delivers it
        (116, 117, None, False),
        (None, 117, 138, False),  # no cursor yet: Faust's read offset decides
    ],
)
def test_dropped_by_read_offset(
    expected: int | None, offset: int, read: int | None, dropped: bool
) -> None:
    assert faust_internals.dropped_by_read_offset(expected, offset, read) is dropped


async def test_a_stale_read_offset_is_lowered_to_the_record_the_stream_needs(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    tp = TP("t", 3)
    records = [(tp, SimpleNamespace(topic="t", offset=o)) for o in (116, 117)]

    async def fetched(self: Any, timeout: float) -> AsyncIterator[Any]:
        for record in records:
            yield record

    monkeypatch.setattr(faust_internals, "_original_getmany", fetched)
    # After a seek to 116, a record fetched before it (138) set Faust's read offset past it.
    consumer: Any = SimpleNamespace(
        app=SimpleNamespace(topics=SimpleNamespace(acks_enabled_for=lambda topic: True)),
        _read_offset={tp: 138},
    )
    faust_internals._cursor(consumer).set(tp, 116)
    seen = []
    async for got_tp, message in faust_internals._getmany(consumer, 1.0):
        seen.append(message.offset)
        assert message.offset >= consumer._read_offset[got_tp], "Faust would drop it"
    assert seen == [116, 117]
    assert consumer._read_offset[tp] == 116
    assert "read offset 138 is past offset 116" in caplog.text


async def test_a_wait_for_unfinished_events_runs_the_watch_beside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    events: list[str] = []

    async def waiting(self: Any) -> None:
        events.append("wait")
        await asyncio.sleep(0.05)

    async def watch() -> None:
        events.append("watch")
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            events.append("cancelled")
            raise

    monkeypatch.setattr(faust_internals, "_original_wait_empty", waiting)
    monkeypatch.setattr(faust_internals, "_wait_empty_watch", watch)
    await faust_internals._wait_empty(SimpleNamespace())  # type: ignore[arg-type]
    await asyncio.sleep(0)
    assert events == ["wait", "watch", "cancelled"]
