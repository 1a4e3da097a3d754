"""Topic creation with the partition counts the pipeline relies on (before any producer or
worker touches them, so the broker's auto-creation never picks the counts)."""

from __future__ import annotations

import contextlib

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from workers.security import client_options
from workers.settings import Settings

LARGE = {"max.message.bytes": str(8 * 1024 * 1024)}


def topic_specs(settings: Settings) -> dict[str, tuple[int, dict[str, str]]]:
    t, n = settings.topics, settings.partitions
    return {
        t.raw: (n, LARGE),
        t.parsed: (1, {}),
        t.unique: (n, {}),
        t.enriched: (n, {}),
        t.duplicates: (n, {}),
        t.dead_letter: (n, LARGE),
        t.outcomes: (1, {}),
    }


async def ensure_topics(settings: Settings) -> list[str]:
    """Create the pipeline's topics that do not exist yet; return the names created."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(
                name,
                num_partitions=parts,
                replication_factor=settings.replication,
                topic_configs=config,
            )
            for name, (parts, config) in topic_specs(settings).items()
            if name not in existing
        ]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker was first
                await admin.create_topics(missing)
        return [t.name for t in missing]
    finally:
        await admin.close()
