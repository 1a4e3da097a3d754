"""SIGTERM finishes the article in flight, commits it and exits, within a bounded time."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition

from tests import corpus
from tests.integration.conftest import BOOTSTRAP, Pipeline, Worker
from workers.runtime.shutdown import EXIT_SHUTDOWN_TIMEOUT

# NER on this many words takes several seconds (3k to 6k words/s measured): in flight when the
# signal arrives, and done well within the 20 s bound the harness sets.
LONG_WORDS = 25_000


async def committed(group: str, topic: str) -> int | None:
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, group_id=group)
    await consumer.start()
    try:
        return await consumer.committed(TopicPartition(topic, 0))
    finally:
        await consumer.stop()


async def stop_while_enriching(pipeline: Pipeline, worker: Worker) -> tuple[int | None, float]:
    """SIGTERM the worker once the long article has reached enrich; (exit status, seconds)."""

    async def handed_to_enrich() -> Any:
        return await pipeline.read(pipeline.topics.unique, timeout=0.5)

    await pipeline.wait_for(handed_to_enrich, what="the long article handed to enrich")
    await asyncio.sleep(1.0)
    assert not await pipeline.read(pipeline.topics.enriched, timeout=0.5), "not in flight"
    started = time.monotonic()
    status = worker.stop(timeout=120)
    return status, time.monotonic() - started


async def test_sigterm_finishes_the_article_in_flight(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=1)
    worker = pipeline.add_worker()
    [long] = corpus.distinct(1, words=(LONG_WORDS, LONG_WORDS), prefix="long")
    await pipeline.publish([(long.id.encode(), long.value)])

    status, took = await stop_while_enriching(pipeline, worker)

    assert status == 0, worker.tail()
    assert took < pipeline.settings.shutdown_timeout_s, f"shutdown took {took:.1f}s"
    [record] = await pipeline.read(pipeline.topics.enriched)
    assert record["raw_id"] == long.id, "the article in flight was finished"
    assert await committed(pipeline.name, pipeline.topics.unique) == 1, "and committed"


async def test_a_shutdown_that_overruns_its_bound_exits_and_loses_nothing(
    pipeline_factory: Any,
) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=1, WIRESTREAM_SHUTDOWN_TIMEOUT_S="2")
    worker = pipeline.add_worker()
    [long] = corpus.distinct(1, words=(LONG_WORDS, LONG_WORDS), prefix="long")
    await pipeline.publish([(long.id.encode(), long.value)])

    status, took = await stop_while_enriching(pipeline, worker)

    assert status == EXIT_SHUTDOWN_TIMEOUT, worker.tail()
    assert took < 2 + 5, f"exit took {took:.1f}s after a 2s bound"
    assert not await pipeline.read(pipeline.topics.enriched, timeout=0.5)
    assert not await committed(pipeline.name, pipeline.topics.unique), "nothing committed"

    pipeline.add_worker()

    async def enriched() -> Any:
        return await pipeline.read(pipeline.topics.enriched, timeout=0.5)

    [record] = await pipeline.wait_for(enriched, what="the abandoned article redone")
    assert record["raw_id"] == long.id
