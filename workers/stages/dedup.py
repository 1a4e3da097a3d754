"""Dedup stage.

Consumes:      ``articles.parsed`` (one partition: every fingerprint passes one ordered index)
Produces:      ``articles.unique`` (originals, key ``article_id``; a null value withdraws an
               article that turned out to be a later copy) and ``articles.duplicates``
               (``Duplicate``: ``duplicate_of``, ``kind``, ``similarity``, ``revised``)
Dead-letters:  ``invalid_record`` (a message on ``articles.parsed`` that parse did not write:
               not a ``ParsedArticle``, or one the index cannot take; source ``unknown``)
Outcomes:      ``duplicate`` for the duplicate's source; ``superseded`` for the source of an
               original that became a duplicate (unique articles are counted at enrich)

The index and its design are in ``workers.near_dup.index``: this module keeps it in one
changelog-backed table (``dedup_index_v2``, compact byte values) with its lookups beside it (in
memory, or in a local RocksDB with ``WIRESTREAM_STORE=rocksdb://``), and sends what it decides.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from workers.near_dup.buckets import Buckets, DiskBuckets
from workers.near_dup.index import DedupIndex, check_article, event_time, outcomes, outputs
from workers.near_dup.store import TABLE_ROCKSDB_OPTIONS, WriteBehind
from workers.ops.metrics import dedup_decision_seconds, outcome
from workers.records import InvalidRecord, ParsedArticle, Position, read_record
from workers.runtime import shutdown, topics
from workers.runtime.app import app, settings
from workers.runtime.faust_internals import current
from workers.runtime.sandbox import bounded_work
from workers.runtime.streams import batches, send, send_dead_letter, send_outcome

logger = logging.getLogger(__name__)

# Values are the index's own compact bytes (``value_type=bytes``: Faust's raw serializer);
# keys stay JSON strings. The options are a copy: Faust's RocksDB store pops keys from them.
dedup_index = app.Table(
    "dedup_index_v2", partitions=1, value_type=bytes, options=dict(TABLE_ROCKSDB_OPTIONS)
)
_buckets: Buckets | None = None
if settings.store.startswith("rocksdb"):
    _buckets = DiskBuckets(
        Path(settings.data_dir) / f"{app.conf.id}-dedup-buckets",
        2 + settings.lsh_bands,
        settings.dedup_cache_mb,
    )
pending_writes = WriteBehind(dedup_index)
index = DedupIndex(settings, pending_writes, _buckets)
_topics = {"unique": topics.unique, "duplicates": topics.duplicates}


@app.on_partitions_assigned.connect
async def rebuild_buckets(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
    """The table is recovered after an assignment, before any event: the agent brings the
    buckets up to date before its next judgement."""
    index.forget_buckets()


@app.on_before_shutdown.connect
async def keep_presence(sender: Any, /, *args: Any, signal: Any, **kwargs: Any) -> None:
    """A clean stop keeps the disk buckets' presence map for the next start on this machine."""
    if isinstance(_buckets, DiskBuckets):
        _buckets.save_presence()


@app.agent(topics.parsed, concurrency=1)
@shutdown.restarts_on_crash
async def dedup(stream: Any) -> AsyncIterator[str]:
    """Judge a batch of parsed articles, one after the other, over the index's pending writes;
    wait until every output and outcome of the batch is acknowledged; only then write the
    index's table. A crash before that repeats the batch's work (the same verdicts, sent
    again) instead of losing it."""
    async for batch in batches(
        stream, "dedup", settings.dedup_batch_size, settings.dedup_batch_linger_s
    ):
        pending, kinds = [], []
        for event in batch:
            started = time.perf_counter()
            position = Position.of(event)
            try:
                article = check_article(read_record(ParsedArticle, event.value), settings)
            except InvalidRecord as exc:
                pending.extend(await _dead_letter(event.value, position, str(exc)))
                kinds.append("dead_lettered")
                continue
            status = index.status(article.raw_ref)
            if status == "done":
                # Redelivered upstream: already judged, sent and counted.
                kinds.append("replay")
                continue
            if status == "pending":
                # A crash cut the admission short after every output was acknowledged.
                index.resume(article)
                kinds.append("resumed")
                continue
            now = event_time(article)
            if index.sweep_due(now):
                with bounded_work():
                    for _ in index.sweeping(now):
                        await asyncio.sleep(0)
            if index.needs_buckets:
                rebuilt = time.perf_counter()
                index.members_read = 0
                with bounded_work():  # minutes at a large window: not a stall
                    for _ in index.rebuilding():
                        await asyncio.sleep(0)  # the web server, the watchdog and the sends run
                logger.info(
                    "dedup lookups ready in %.1f s: %d member(s) read (0: kept on disk)",
                    time.perf_counter() - rebuilt,
                    index.members_read,
                )
            decision = index.judge(article)
            index.admit(article, decision, now)
            dedup_decision_seconds.observe(time.perf_counter() - started)
            for out in outputs(article, decision):
                pending.append(await send(_topics[out.topic], out.key.encode(), out.value))
            for source, found in outcomes(article, decision).items():
                pending.append(await send_outcome(source, "dedup", position, found))
            if decision.merged:  # routine at volume (about one article in ten): counted, not told
                logger.debug(
                    "%s precedes or joins %d earlier cluster(s): %d verdict(s) revised",
                    article.article_id,
                    len(decision.merged),
                    len(decision.revisions),
                )
            kinds.append(decision.verdict.kind)
        try:
            for future in pending:
                await future
        except BaseException:
            pending_writes.discard()
            index.forget_buckets()  # they may hold the batch's members: rebuilt
            raise
        with current(batch[-1]):
            pending_writes.flush()
        for kind in kinds:
            yield outcome("dedup", kind)


async def _dead_letter(value: Any, position: Position, detail: str) -> list[Any]:
    """Dead-letter a message parse did not write; the futures of its sends."""
    sent = await send_dead_letter(
        stage="dedup",
        reason="invalid_record",
        detail=detail,
        payload=value if isinstance(value, bytes) else b"",
        position=position,
        raw_id=position.raw_ref,
        source="unknown",
    )
    counted = await send_outcome("unknown", "dedup", position, ["dead_lettered"], "invalid_record")
    return [sent, counted]
