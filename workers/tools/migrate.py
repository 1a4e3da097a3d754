"""``wirestream migrate-dedup``: copy the JSON ``dedup_index`` changelog into the compact
``dedup_index_v2`` changelog, before the upgraded workers start (see CHANGELOG.md).

Reads ``<app id>-dedup_index-changelog`` to its end (the last value of each key wins; a null
deletes), converts the live entries (``workers.near_dup.migrate``) and writes them to
``<app id>-dedup_index_v2-changelog``, creating it like the worker would.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from workers.near_dup.migrate import convert
from workers.security import client_options
from workers.settings import Settings


async def migrate(settings: Settings) -> tuple[int, int]:
    """Return how many live entries were read and how many were written."""
    source = f"{settings.app_id}-dedup_index-changelog"
    target = f"{settings.app_id}-dedup_index_v2-changelog"
    options: dict[str, Any] = client_options(settings)
    consumer = AIOKafkaConsumer(**options)
    await consumer.start()
    old: dict[str, Any] = {}
    try:
        partitions = consumer.partitions_for_topic(source) or set()
        tps = [TopicPartition(source, p) for p in partitions]
        if tps:
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            ends = await consumer.end_offsets(tps)
            while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
                for records in (await consumer.getmany(timeout_ms=1000)).values():
                    for record in records:
                        key = orjson.loads(record.key)
                        if record.value is None:
                            old.pop(key, None)
                        else:
                            old[key] = orjson.loads(record.value)
    finally:
        await consumer.stop()
    new = convert(old)
    await _create_compacted(settings, target)
    producer = AIOKafkaProducer(acks="all", linger_ms=50, **options)
    await producer.start()
    try:
        for key, value in new.items():
            await producer.send(target, value, key=orjson.dumps(key), partition=0)
        await producer.flush()
    finally:
        await producer.stop()
    return len(old), len(new)


async def _create_compacted(settings: Settings, topic: str) -> None:
    """The changelog as Faust creates it: one partition, compacted."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        if topic not in set(await admin.list_topics()):
            with contextlib.suppress(TopicAlreadyExistsError):
                await admin.create_topics(
                    [
                        NewTopic(
                            topic,
                            num_partitions=1,
                            replication_factor=settings.replication,
                            topic_configs={"cleanup.policy": "compact"},
                        )
                    ]
                )
    finally:
        await admin.close()


def run(settings: Settings) -> tuple[int, int]:
    return asyncio.run(migrate(settings))
