"""The counts agent on the real broker: outcomes that arrive out of order are counted, replays
are not, and what was applied survives a restart (the table's changelog); messages on the topics
between stages that no stage wrote are dead-lettered and counted, never a crash.

The outcome events are written straight to the outcomes topic, as a stage would write them after
processing a partition past a hole: the hole's outcomes come after higher offsets of the same
partition (session 54's failed run lost 19 enrichments this way).
"""

from __future__ import annotations

from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

from tests.conftest import SEED
from tests.integration.conftest import BOOTSTRAP, Pipeline
from tests.seeds import raw_value
from workers.parsing.article import parse_at
from workers.records import SCHEMA_VERSION, Outcome, Position

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
    await _write(
        pipeline, [(pipeline.topics.outcomes, e.source.encode(), e.dumps()) for e in events]
    )


async def _write(pipeline: Pipeline, messages: list[tuple[str, bytes, bytes | None]]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    try:
        for topic, key, value in messages:
            await producer.send_and_wait(topic, value=value, key=key)
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


async def test_records_no_stage_wrote_are_dead_lettered_and_counted_not_a_crash(
    pipeline_factory: Any,
) -> None:
    """Foreign messages on ``articles.parsed`` and ``articles.outcomes``: each used to crash its
    agent on every delivery (Faust raised one that was not JSON into the stream; one whose
    offset was a string crashed the counts). Now each is a dead letter, counted once for
    ``unknown``, and the records after them flow."""
    pipeline: Pipeline = pipeline_factory(partitions=1)
    worker = pipeline.add_worker(stages="dedup,counts")
    topics = pipeline.topics
    article = parse_at(raw_value(SEED), Position(topics.raw, 0, 7, 1.7e9), pipeline.settings)
    fields = orjson.loads(article.dumps())
    wrong_offset = _event(5, None).dumps().replace(b'"offset":5', b'"offset":"5"')
    foreign = [
        (topics.parsed, b"forged", b"not json"),
        (topics.parsed, b"forged", orjson.dumps({**fields, "title": ["a", "list"]})),
        (topics.parsed, b"forged", orjson.dumps({**fields, "word_count": "805"})),
        (topics.parsed, b"forged", None),
        (topics.outcomes, b"forged", wrong_offset),
        (topics.outcomes, b"forged", b"\x00\x01 not json"),
        (topics.outcomes, b"forged", _event(5, None, "Not A Token!").dumps()),
    ]
    await _write(pipeline, foreign + [(topics.parsed, b"good", article.dumps())])
    await _send(pipeline, [_event(0, 0, "sentinel-3")])

    def dead_and_counted() -> Any:
        rows = pipeline.sources()
        done = "sentinel-3" in rows and rows.get("unknown", {}).get("dead_lettered") == 7
        return rows if done else None

    rows = await pipeline.wait_for(dead_and_counted, what="seven dead letters counted")
    assert rows["unknown"]["dead_letter_reasons"] == {"invalid_record": 7}
    dead = await pipeline.read(topics.dead_letter)
    assert sorted((d["stage"], d["topic"]) for d in dead) == sorted(
        ("dedup" if topic == topics.parsed else "count", topic) for topic, _k, _v in foreign
    )
    assert {d["payload"] for d in dead if d["stage"] == "count"} >= {wrong_offset.decode()}
    [unique] = await pipeline.read(topics.unique)
    assert unique["article_id"] == article.article_id
    assert pipeline.restarts == 0 and not worker.crashed, worker.tail()
    assert worker.stop() == 0
