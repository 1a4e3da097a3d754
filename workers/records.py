"""Every record that crosses a topic, as ``faust.Record``; ``schemas/*.json`` say the same.

Records carry no Faust metadata on the wire (``include_metadata=False``) so that any JSON
consumer can read them, and ``version`` so that the contract can evolve. Outputs hold no
wall-clock time: a redelivered message yields a byte-identical record.
"""

from __future__ import annotations

from typing import Any

import faust

SCHEMA_VERSION = 1
# What an ``Outcome`` can report, and the per-source counts the API shows.
OUTCOMES = ("received", "parsed", "duplicate", "enriched", "dead_lettered", "superseded")


class _Wire(faust.Record, abstract=True, include_metadata=False, serializer="json"):
    pass


class ParsedArticle(_Wire):
    """``articles.parsed`` and ``articles.unique``: a clean article, fingerprinted."""

    version: int
    raw_id: str
    raw_ref: str
    article_id: str
    source: str
    source_name: str | None
    url: str | None
    title: str
    standfirst: str | None
    authors: list[str]
    published_at: str | None
    updated_at: str | None
    language: str | None
    body: str
    word_count: int
    content_hash: str
    content_type: str
    removed: list[dict[str, str]]
    ingested_at: str
    minhash: list[int] | None = None


class EnrichedArticle(_Wire):
    """``articles.enriched``: the article with what the NLP found in it."""

    version: int
    raw_id: str
    raw_ref: str
    article_id: str
    cluster_id: str
    source: str
    source_name: str | None
    url: str | None
    title: str
    standfirst: str | None
    authors: list[str]
    published_at: str | None
    updated_at: str | None
    language: str | None
    body: str
    word_count: int
    content_hash: str
    ingested_at: str
    nlp_model: str | None
    entities: dict[str, Any]
    quotes: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    themes: list[dict[str, Any]]
    tone: dict[str, float] | None
    keywords: list[str]
    summary: str
    reading_time_s: int
    countries: list[str]


class Duplicate(_Wire):
    """``articles.duplicates``: a copy of another article, the original of its cluster.

    One record per raw message judged a duplicate; a later record with the same ``raw_id`` and
    ``revised`` set replaces it (its cluster's original changed, or it was itself the original).
    """

    version: int
    raw_id: str
    article_id: str
    duplicate_of: str
    kind: str
    similarity: float
    source: str
    url: str | None
    title: str
    published_at: str | None
    revised: bool = False


class DeadLetter(_Wire):
    """``articles.dead-letter``: a message a stage could not handle, with why and what it was."""

    version: int
    raw_id: str
    stage: str
    reason: str
    detail: str
    source: str
    topic: str
    partition: int
    offset: int
    payload: str
    payload_encoding: str
    payload_size: int
    payload_truncated: bool


class Outcome(_Wire):
    """``articles.outcomes`` (keyed by source): what one stage did with one input message.

    ``stage``/``partition``/``offset`` name the stage's input position: the counts agent keeps the
    highest applied offset per (stage, partition) and skips replays at or below it.
    """

    version: int
    source: str
    stage: str
    partition: int
    offset: int
    at: float
    outcomes: list[str]
    reason: str | None = None
