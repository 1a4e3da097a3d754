"""The counts agent on the real broker: outcomes that arrive out of order are counted, replays
are not, and what was applied survives a restart (the table's changelog).

The outcome events are written straight to the outcomes topic, as a stage would write them after
processing a partition past a hole: the hole's outcomes come after higher offsets of the same
partition (session 54's failed run lost 19 enrichments this way).
"""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaProducer

from tests.integration.conftest import BOOTSTRAP, Pipeline
from workers.records import SCHEMA_VERSION, Outcome

SOURCE = "out-of-order.example"


def _event(offset: int, committed: int | None, source: str = SOURCE) -> Outcome:
    return Outcome(
        version=SCHEMA_VERSION,
        source=source,
        stage="enrich",
        partition=3,
        offset=offset,
        at=1_700_000_000.0,
        outcomes=["enriched"],
        committed=committed,
    )


async def _send(pipeline: Pipeline, events: list[Outcome]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    try:
        for event in events:
            await producer.send_and_wait(
                pipeline.topics.outcomes, value=event.dumps(), key=event.source.encode()
            )
    finally:
        await producer.stop()


async def test_outcomes_out_of_order_are_counted_once_across_a_restart(
    pipeline_factory: Any,
) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=4)
    worker = pipeline.add_worker(stages="counts")
    # 116, then 139-140 past a hole (commit stuck at 117), then the hole 117-138 processed by
    # the next owner, then replays of all kinds: 25 enrichments.
    first = [_event(116, 110), _event(139, 117), _event(140, 117)]
    hole = [_event(offset, 117) for offset in range(117, 139)]
    replays = [_event(116, 117), _event(139, 117), _event(120, 117), _event(100, None)]
    await _send(pipeline, first + hole + replays + [_event(0, 0, "sentinel-1")])
    # One partition, applied in order: once the sentinel is counted, every event before it is.
    rows = await pipeline.wait_for(counted("sentinel-1", pipeline), what="the first events")
    assert rows[SOURCE]["enriched"] == 25
    assert worker.stop() == 0
    again = pipeline.add_worker(stages="counts")
    replayed = [_event(o, 117) for o in (118, 130, 140)]
    await _send(pipeline, [*replayed, _event(141, 141), _event(0, 0, "sentinel-2")])
    rows = await pipeline.wait_for(counted("sentinel-2", pipeline), what="the events after it")
    assert rows[SOURCE]["enriched"] == 26  # the recovered table still knew the replays
    assert again.stop() == 0


def counted(sentinel: str, pipeline: Pipeline) -> Any:
    def check() -> Any:
        rows = pipeline.sources()
        return rows if sentinel in rows else None

    return check
