"""Topic creation with the partition counts the pipeline relies on (before any producer or
worker touches them, so the broker's auto-creation never picks the counts), the tables'
changelogs with them."""

from __future__ import annotations

import contextlib

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

from workers.security import client_options
from workers.settings import Settings
from workers.topology import changelog_specs, topic_specs


async def ensure_topics(settings: Settings) -> list[str]:
    """Create the pipeline's topics and changelogs that do not exist yet; return the names
    created."""
    admin = AIOKafkaAdminClient(**client_options(settings))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [
            NewTopic(
                spec.name,
                num_partitions=spec.partitions,
                replication_factor=settings.replication,
                topic_configs=spec.config,
            )
            for spec in [*topic_specs(settings).values(), *changelog_specs(settings).values()]
            if spec.name not in existing
        ]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # another worker was first
                await admin.create_topics(missing)
        return [t.name for t in missing]
    finally:
        await admin.close()
