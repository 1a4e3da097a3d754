"""Every topic the worker reads or writes, declared once.

``articles.parsed`` and ``articles.outcomes`` have one partition on purpose: the first is the
dedup index (one ordered view of all fingerprints, hashing already done in parallel by parse),
the second feeds the per-source counts. Their agents are cheap; the costly stages (parse and
enrich) run on topics with ``WIRESTREAM_PARTITIONS`` partitions.
"""

from __future__ import annotations

from workers.app import app, settings
from workers.records import DeadLetter, Duplicate, Outcome, ParsedArticle

# Large enough for a dead letter that carries a payload of WIRESTREAM_MAX_CONTENT_BYTES.
_LARGE = {"max.message.bytes": str(8 * 1024 * 1024)}

raw = app.topic(
    settings.topics.raw,
    key_type=bytes,
    value_type=bytes,
    value_serializer="raw",
    key_serializer="raw",
    partitions=settings.partitions,
    config=_LARGE,
)
parsed = app.topic(
    settings.topics.parsed,
    key_type=bytes,
    key_serializer="raw",
    value_type=ParsedArticle,
    partitions=1,
)
# ``articles.unique`` and ``articles.enriched`` are changelogs keyed by ``article_id``: a null
# value withdraws an article that dedup found to be a later copy of another. Faust cannot read
# a null into a record type, so they are raw here; records are sent in their own JSON codec.
unique = app.topic(
    settings.topics.unique,
    key_type=bytes,
    key_serializer="raw",
    value_type=bytes,
    value_serializer="raw",
    partitions=settings.partitions,
)
enriched = app.topic(
    settings.topics.enriched,
    key_type=bytes,
    key_serializer="raw",
    value_type=bytes,
    value_serializer="raw",
    partitions=settings.partitions,
)
duplicates = app.topic(
    settings.topics.duplicates,
    key_type=bytes,
    key_serializer="raw",
    value_type=Duplicate,
    partitions=settings.partitions,
)
dead_letter = app.topic(
    settings.topics.dead_letter,
    key_type=bytes,
    key_serializer="raw",
    value_type=DeadLetter,
    partitions=settings.partitions,
    config=_LARGE,
)
outcomes = app.topic(
    settings.topics.outcomes,
    key_type=bytes,
    key_serializer="raw",
    value_type=Outcome,
    partitions=1,
)

ALL = (raw, parsed, unique, enriched, duplicates, dead_letter, outcomes)
