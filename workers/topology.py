"""The pipeline's topics: which exist, how many partitions each has and why, and their broker
configuration. Read by the Faust topic declarations (``workers.runtime.topics``) and by topic
creation (``workers.runtime.admin``), so the two cannot disagree.

``parsed`` and ``outcomes`` have one partition on purpose: the first is the dedup index (one
ordered view of all fingerprints, hashing already done in parallel by parse), the second feeds
the per-source counts. Their agents are cheap; the costly stages (parse and enrich) run on topics
with ``WIRESTREAM_PARTITIONS`` partitions.

The tables' changelogs are created with the topics (``changelog_specs``), before any worker joins
the group. Faust would create them itself at start, but a changelog created then can be missing
from the group's first metadata: the first write to its table then finds it with no partitions,
raises ``PartitionsMismatch`` and kills the agent on the event in hand (seen under load in the
worker-joins-and-leaves test).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workers.settings import Settings, Topics

# Large enough for a dead letter that carries a payload of WIRESTREAM_MAX_CONTENT_BYTES.
LARGE_MESSAGES = {"max.message.bytes": str(8 * 1024 * 1024)}
SINGLE = ("parsed", "outcomes")  # roles with one partition, whatever WIRESTREAM_PARTITIONS says
LARGE = ("raw", "dead_letter")  # roles whose messages may carry a whole raw page


@dataclass(frozen=True)
class TopicSpec:
    role: str  # a field of ``Topics``: raw, parsed, unique, ...; for a changelog, its table
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)


def topic_specs(settings: Settings) -> dict[str, TopicSpec]:
    """Every topic of the pipeline, by role, in the order the data flows."""
    return {
        role: TopicSpec(
            role,
            getattr(settings.topics, role),
            1 if role in SINGLE else settings.partitions,
            dict(LARGE_MESSAGES) if role in LARGE else {},
        )
        for role in Topics.__dataclass_fields__
    }


# Each table, by the role of the topic its agent reads: Faust gives a table's changelog the
# partitions of that topic, and refuses a write when the two differ.
TABLES = {
    "parse_attempts": "raw",
    "dedup_index_v2": "parsed",
    "enriched_ids": "unique",
    "counts_by_source": "outcomes",
}
COMPACTED = {"cleanup.policy": "compact"}  # what Faust asks of a table's changelog
# A table's own changelog settings: the crash-loop marks roll short segments, so that
# compaction keeps their changelog a few entries long.
TABLE_CONFIG = {"parse_attempts": {"segment.ms": "600000", "min.cleanable.dirty.ratio": "0.1"}}


def changelog_specs(settings: Settings) -> dict[str, TopicSpec]:
    """Every table's changelog, by table, as Faust names it: ``<app id>-<table>-changelog``."""
    topics = topic_specs(settings)
    return {
        table: TopicSpec(
            table,
            f"{settings.app_id}-{table}-changelog",
            topics[role].partitions,
            COMPACTED | TABLE_CONFIG.get(table, {}),
        )
        for table, role in TABLES.items()
    }
