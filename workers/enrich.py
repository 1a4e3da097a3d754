"""Enrich stage.

Consumes:      ``articles.unique`` (``ParsedArticle``, key ``article_id``; null: withdrawn)
Produces:      ``articles.enriched`` (``EnrichedArticle``, key ``article_id``; a withdrawal is
               forwarded as a null, after the article it withdraws, since both share a key)
Dead-letters:  ``enrich_failed`` (the NLP pipeline raised on the article), ``invalid_record``
Outcomes:      ``enriched`` or ``dead_lettered`` for the article's source (a withdrawal was
               counted by dedup)

NER costs tens of milliseconds an article, so it runs in a process pool (one spaCy model per
pool process, loaded once) and the event loop stays free for heartbeats and polls whatever the
backlog. Articles go to the pool in batches (one ``nlp.pipe`` a batch, shared out between the
processes): what is waiting, up to ``WIRESTREAM_ENRICH_BATCH_SIZE``, gathered for at most
``WIRESTREAM_ENRICH_BATCH_LINGER_S``.

``enriched_ids`` (keyed like the stream, by ``article_id``) remembers which raw message each
article was enriched from: a redelivery is skipped, its output already acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from orjson import dumps

from workers import topics
from workers.app import app, settings
from workers.errors import EnrichError
from workers.metrics import outcome as metrics_outcome
from workers.nlp import pipeline
from workers.records import EnrichedArticle, ParsedArticle
from workers.routing import (
    Position,
    batches,
    current,
    dead_letter_record,
    send_dead_letter,
    send_outcome,
)

logger = logging.getLogger(__name__)

SWEEP_EVERY = 1000
ATTEMPTS = 2  # a pool process that dies twice on one article: the article is dead-lettered


class NlpRunner:
    """Runs ``pipeline.enrich_many`` off the event loop, in processes (or one thread if 0)."""

    def __init__(self, models: dict[str, str], processes: int) -> None:
        self.models = models
        self.processes = processes
        self._executor: Executor | None = None

    def start(self) -> None:
        if self._executor is not None:
            return
        if self.processes > 0:
            self._executor = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=pipeline.init_process,
                initargs=(self.models,),
            )
        else:
            pipeline.init_models(self.models)
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="nlp")

    async def warm_up(self) -> None:
        """Load the model in every pool process before the first article arrives."""
        self.start()
        probe = {
            "raw_id": "-",
            "article_id": "-",
            "title": "Warm up",
            "body": "Warm up.",
            "word_count": 2,
            "version": 1,
            "language": "en",
        }
        await self.run([probe] * max(self.processes, 1))

    async def run(self, articles: list[dict[str, Any]]) -> list[dict[str, Any] | str]:
        """Enrich a batch, shared out between the pool's processes; see ``enrich_many``."""
        self.start()
        loop = asyncio.get_running_loop()
        share = -(-len(articles) // max(self.processes, 1))
        chunks = [articles[i : i + share] for i in range(0, len(articles), share)]
        # The pool spawns its processes inside ``submit``. A signal sent to the process group
        # while a new process is still importing spaCy, before its initializer ignores it, would
        # kill it; so it is born with SIGTERM and SIGINT blocked (the mask survives exec). Here
        # they are only deferred, not lost.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        try:
            futures = [
                loop.run_in_executor(self._executor, pipeline.enrich_in_process, chunk)
                for chunk in chunks
            ]
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return [result for chunk in await asyncio.gather(*futures) for result in chunk]

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


async def enrich_batch(
    articles: list[ParsedArticle], runner: NlpRunner, attempts: int = ATTEMPTS
) -> list[EnrichedArticle | EnrichError]:
    """Enrich a batch: for each article its enrichment, or the ``EnrichError`` it failed with.

    A batch that kills a pool process is tried again one article at a time, so that only the
    article that kills it (twice) is dead-lettered."""
    if not articles:
        return []
    try:
        results = await runner.run([article.asdict() for article in articles])
    except BrokenProcessPool:
        logger.error(
            "NLP process died on %s", ", ".join(article.article_id for article in articles)
        )
        runner.restart()
        if len(articles) > 1:
            return [result for a in articles for result in await enrich_batch([a], runner)]
        if attempts > 1:
            return await enrich_batch(articles, runner, attempts - 1)
        return [EnrichError("enrich_failed", "the NLP process died on this article twice")]
    return [_enriched(result) for result in results]


def _enriched(result: dict[str, Any] | str) -> EnrichedArticle | EnrichError:
    if isinstance(result, str):
        return EnrichError("enrich_failed", result)
    try:
        return EnrichedArticle(**result)
    except Exception as exc:  # noqa: BLE001 - an enrichment the record refuses is this article's
        return EnrichError("enrich_failed", f"{type(exc).__name__}: {exc}")


runner = NlpRunner(settings.models, settings.enrich_processes)
# The latest headlines this worker enriched, for the dashboard.
recent_headlines: deque[dict[str, str]] = deque(maxlen=20)
enriched_ids = app.Table("enriched_ids", partitions=settings.partitions)


@app.task
async def warm_up_nlp() -> None:
    try:
        await runner.warm_up()
    except BrokenProcessPool:
        # The first article restarts the pool; a warm-up is not worth crashing the worker for.
        logger.error("NLP process died while loading the model; it is started again on demand")
        runner.restart()
        return
    logger.info(
        "NLP models %s in %d process(es); English loaded, the others on first use",
        settings.nlp_models,
        settings.enrich_processes,
    )


@app.agent(topics.unique, concurrency=1)
async def enrich(stream: Any) -> AsyncIterator[str]:
    """Enrich each unique article once, in batches for the NLP; each article's output and
    outcome are acknowledged before it is marked done, so a crash in between repeats the work
    rather than losing it."""
    finished = 0
    size, linger = settings.enrich_batch_size, settings.enrich_batch_linger_s
    async for events in batches(stream, "enrich", size, linger):
        inputs = [_decode(event) for event in events]
        fresh = [a for a in inputs if isinstance(a, ParsedArticle) and not _replay(a)]
        results = dict(zip(map(id, fresh), await enrich_batch(fresh, runner), strict=True))
        for event, item in zip(events, inputs, strict=True):
            with current(event):
                outcome = await _handle(event, item, results.get(id(item)))
                if outcome in ("enriched", "dead_lettered"):
                    finished += 1
                    if finished % SWEEP_EVERY == 0:
                        _sweep(Position.of(event))
            yield metrics_outcome("enrich", outcome)


def _decode(event: Any) -> ParsedArticle | EnrichError | None:
    """The article in an event; None for a withdrawal, an error for a foreign record."""
    if event.value is None:
        return None
    try:
        return ParsedArticle.loads(event.value)
    except Exception as exc:  # noqa: BLE001 - not written by dedup: dead-lettered, not raised
        return EnrichError("invalid_record", f"{type(exc).__name__}: {exc}")


def _replay(article: ParsedArticle) -> bool:
    """Already enriched from this raw message (a redelivery): sent and counted already."""
    done = enriched_ids.get(article.article_id)
    return bool(done and done.get("raw") == article.raw_ref)


async def _handle(
    event: Any,
    item: ParsedArticle | EnrichError | None,
    result: EnrichedArticle | EnrichError | None,
) -> str:
    """Send what one input comes to; its outcome, for the metrics."""
    position = Position.of(event)
    if item is None:
        await _withdraw(event.key, position)
        return "withdrawn"
    if isinstance(item, EnrichError):
        await _dead_letter(event.value, position, position.raw_id, "unknown", item)
        return "dead_lettered"
    if _replay(item):  # a redelivery, or a second copy of the article in this batch
        logger.debug("skip redelivered %s (%s) at %s", item.article_id, item.raw_ref, position)
        return "replay"
    if result is None:  # not fresh when the batch began, fresh now: another raw message
        [result] = await enrich_batch([item], runner)
    if isinstance(result, EnrichError):
        payload = dumps(item.asdict())
        await _dead_letter(payload, position, item.raw_id, item.source, result)
    else:
        sent = await topics.enriched.send(key=item.article_id.encode(), value=result)
        counted = await send_outcome(item.source, "enrich", position, ["enriched"])
        await sent
        await counted
        recent_headlines.append(
            {
                "title": result.title,
                "source": item.source,
                "language": item.language or "",
                "nlp_model": result.nlp_model or "",
                "article_id": item.article_id,
            }
        )
    enriched_ids[item.article_id] = {
        "raw": item.raw_ref,
        "t": position.timestamp,
        "p": position.partition,
    }
    return "dead_lettered" if isinstance(result, EnrichError) else "enriched"


async def _withdraw(key: bytes | None, position: Position) -> None:
    """Forward dedup's withdrawal of an article that turned out to be a later copy."""
    article_id = (key or b"").decode("utf-8", "replace")
    logger.info("withdraw %s (a later copy of another article) at %s", article_id, position.raw_id)
    await (await topics.enriched.send(key=key, value=None))
    done = enriched_ids.get(article_id)
    if done is not None and not done.get("withdrawn"):
        # Kept, not forgotten: if dedup sends the withdrawn article again (a redelivery after a
        # crash), it is recognised as a replay and neither enriched nor counted again.
        enriched_ids[article_id] = {**done, "withdrawn": True}
    kept = [h for h in recent_headlines if h["article_id"] != article_id]
    recent_headlines.clear()
    recent_headlines.extend(kept)


async def _dead_letter(
    payload: bytes, position: Position, raw_id: str, source: str, error: EnrichError
) -> None:
    record = dead_letter_record(
        stage="enrich",
        reason=error.reason,
        detail=error.detail,
        payload=payload,
        position=position,
        raw_id=raw_id,
        source=source,
        max_payload=settings.max_content_bytes,
    )
    sent = await send_dead_letter(record)
    counted = await send_outcome(source, "enrich", position, ["dead_lettered"], error.reason)
    await sent
    await counted


def _sweep(position: Position) -> None:
    """Forget old marks of the event's own partition (a table write goes to the changelog
    partition of the event in hand, so other partitions' keys are not touched here)."""
    horizon = position.timestamp - settings.dedup_retention_days * 86400
    for key, value in list(enriched_ids.items()):
        if value.get("p") == position.partition and value.get("t", horizon) < horizon:
            del enriched_ids[key]
