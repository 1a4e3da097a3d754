"""Dedup stage.

Consumes:      ``articles.parsed`` (one partition: every fingerprint passes one ordered index)
Produces:      ``articles.unique`` (originals, key ``article_id``; a null value withdraws an
               article that turned out to be a later copy) and ``articles.duplicates``
               (``Duplicate``: ``duplicate_of``, ``kind``, ``similarity``, ``revised``)
Dead-letters:  nothing (parse has validated the article)
Outcomes:      ``duplicate`` for the duplicate's source; ``superseded`` for the source of an
               original that became a duplicate (unique articles are counted at enrich)

The index and its design are in ``workers.near_dup.index``: this module keeps it in one
changelog-backed table (``dedup_index``) and sends what it decides.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from typing import Any

from workers.near_dup.index import DedupIndex, event_time, outcomes, outputs
from workers.ops.metrics import outcome
from workers.records import ParsedArticle, Position
from workers.runtime import topics
from workers.runtime.app import app, settings
from workers.runtime.streams import processed, send_outcome

logger = logging.getLogger(__name__)

# No value_type: Faust would recover values with ``value_type.from_data`` (JSON keys and values).
dedup_index = app.Table("dedup_index", partitions=1)
index = DedupIndex(settings, dedup_index)
_topics = {"unique": topics.unique, "duplicates": topics.duplicates}


@app.on_partitions_assigned.connect
async def rebuild_buckets(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
    """The table is recovered after an assignment, before any event: the agent rebuilds the
    buckets before its next judgement."""
    index.forget_buckets()


@app.agent(topics.parsed, concurrency=1)
async def dedup(stream: Any) -> AsyncIterator[str]:
    """Judge each parsed article once; outputs and outcomes are acknowledged before the index
    records the decision, so a crash between the two repeats the work instead of losing it."""
    async for event in processed(stream, "dedup"):
        article: ParsedArticle = event.value
        position = Position.of(event)
        status = index.status(article.raw_ref)
        if status == "done":
            # Redelivered upstream: already judged, sent and counted.
            yield outcome("dedup", "replay")
            continue
        if status == "pending":
            # A crash cut the admission short after every output was acknowledged.
            index.resume(article)
            yield outcome("dedup", "resumed")
            continue
        now = event_time(article)
        if index.sweep_due(now):
            index.sweep(now)
        if index.needs_buckets:
            for _ in index.rebuilding():
                await asyncio.sleep(0)  # the web server, the watchdog and the sends run meanwhile
        decision = index.judge(article)
        pending = [
            await _topics[out.topic].send(key=out.key.encode(), value=out.value)
            for out in outputs(article, decision)
        ]
        for source, kinds in outcomes(article, decision).items():
            pending.append(await send_outcome(source, "dedup", position, kinds))
        for future in pending:
            await future
        if decision.merged:
            logger.info(
                "%s precedes or joins %d earlier cluster(s): %d verdict(s) revised",
                article.article_id,
                len(decision.merged),
                len(decision.revisions),
            )
        index.admit(article, decision, now)
        yield outcome("dedup", decision.verdict.kind)
