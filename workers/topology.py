"""The pipeline's topics: which exist, how many partitions each has and why, and their broker
configuration. Read by the Faust topic declarations (``workers.runtime.topics``) and by topic
creation (``workers.runtime.admin``), so the two cannot disagree.

``parsed`` and ``outcomes`` have one partition on purpose: the first is the dedup index (one
ordered view of all fingerprints, hashing already done in parallel by parse), the second feeds
the per-source counts. Their agents are cheap; the costly stages (parse and enrich) run on topics
with ``WIRESTREAM_PARTITIONS`` partitions.
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
    role: str  # a field of ``Topics``: raw, parsed, unique, ...
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
