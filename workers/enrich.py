"""Enrich stage.

Consumes:      ``articles.unique`` (``ParsedArticle``, key ``article_id``; null: withdrawn)
Produces:      ``articles.enriched`` (``EnrichedArticle``, key ``article_id``; a withdrawal is
               forwarded as a null, after the article it withdraws, since both share a key)
Dead-letters:  ``enrich_failed`` (the NLP pipeline raised on the article), ``invalid_record``
Outcomes:      ``enriched`` or ``dead_lettered`` for the article's source (a withdrawal was
               counted by dedup)

NER costs tens of milliseconds an article, so it runs in a process pool (one spaCy model per
pool process, loaded once) and the event loop stays free for heartbeats and polls whatever the
backlog. ``enriched_ids`` (keyed like the stream, by ``article_id``) remembers which raw message
each article was enriched from: a redelivery is skipped, its output already acknowledged.
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
from workers.routing import Position, dead_letter_record, processed, send_dead_letter, send_outcome

logger = logging.getLogger(__name__)

SWEEP_EVERY = 1000
ATTEMPTS = 2  # a pool process that dies twice on one article: the article is dead-lettered


class NlpRunner:
    """Runs ``pipeline.enrich`` off the event loop, in processes (or one thread if 0)."""

    def __init__(self, model: str, processes: int) -> None:
        self.model = model
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
                initargs=(self.model,),
            )
        else:
            pipeline.init_model(self.model)
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
        }
        await asyncio.gather(*(self.run(probe) for _ in range(max(self.processes, 1))))

    async def run(self, article: dict[str, Any]) -> dict[str, Any]:
        self.start()
        loop = asyncio.get_running_loop()
        # The pool spawns its processes inside ``submit``. A signal sent to the process group
        # while a new process is still importing spaCy, before its initializer ignores it, would
        # kill it; so it is born with SIGTERM and SIGINT blocked (the mask survives exec). Here
        # they are only deferred, not lost.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        try:
            future = loop.run_in_executor(self._executor, pipeline.enrich_in_process, article)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return await future

    def restart(self) -> None:
        self.stop()
        self.start()

    def stop(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


async def enrich_article(article: ParsedArticle, runner: NlpRunner) -> EnrichedArticle:
    """Enrich one article; ``EnrichError`` if the NLP fails on it (not on the pool)."""
    payload = article.asdict()
    for attempt in range(ATTEMPTS):
        try:
            return EnrichedArticle(**await runner.run(payload))
        except BrokenProcessPool:
            logger.error("NLP process died on %s (attempt %d)", article.article_id, attempt + 1)
            runner.restart()
        except Exception as exc:  # noqa: BLE001 - an error inside the NLP is this article's
            raise EnrichError("enrich_failed", f"{type(exc).__name__}: {exc}") from exc
    raise EnrichError("enrich_failed", "the NLP process died on this article twice")


runner = NlpRunner(settings.spacy_model, settings.enrich_processes)
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
        "NLP model %s loaded in %d process(es)", settings.spacy_model, settings.enrich_processes
    )


@app.agent(topics.unique, concurrency=1)
async def enrich(stream: Any) -> AsyncIterator[str]:
    """Enrich each unique article once; output and outcome are acknowledged before the article
    is marked done, so a crash in between repeats the work rather than losing it."""
    seen = 0
    async for event in processed(stream, "enrich"):
        position = Position.of(event)
        if event.value is None:
            await _withdraw(event.key, position)
            yield metrics_outcome("enrich", "withdrawn")
            continue
        try:
            article = ParsedArticle.loads(event.value)
        except Exception as exc:  # noqa: BLE001 - not written by dedup: dead-letter, go on
            await _dead_letter(
                event.value,
                position,
                raw_id=position.raw_id,
                source="unknown",
                reason="invalid_record",
                detail=f"{type(exc).__name__}: {exc}",
            )
            yield metrics_outcome("enrich", "dead_lettered")
            continue
        done = enriched_ids.get(article.article_id)
        if done and done.get("raw") == article.raw_ref:
            logger.debug(
                "skip redelivered %s (%s) at %s",
                article.article_id,
                article.raw_ref,
                position.raw_id,
            )
            # Redelivered: already enriched, sent and counted.
            yield metrics_outcome("enrich", "replay")
            continue
        outcome = "enriched"
        try:
            result = await enrich_article(article, runner)
        except EnrichError as exc:
            await _dead_letter(
                dumps(article.asdict()),
                position,
                raw_id=article.raw_id,
                source=article.source,
                reason=exc.reason,
                detail=exc.detail,
            )
            outcome = "dead_lettered"
        else:
            sent = await topics.enriched.send(key=article.article_id.encode(), value=result)
            counted = await send_outcome(article.source, "enrich", position, ["enriched"])
            await sent
            await counted
            recent_headlines.append(
                {"title": result.title, "source": article.source, "article_id": article.article_id}
            )
        enriched_ids[article.article_id] = {
            "raw": article.raw_ref,
            "t": position.timestamp,
            "p": position.partition,
        }
        seen += 1
        if seen % SWEEP_EVERY == 0:
            _sweep(position)
        yield metrics_outcome("enrich", outcome)


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
    payload: bytes, position: Position, *, raw_id: str, source: str, reason: str, detail: str
) -> None:
    record = dead_letter_record(
        stage="enrich",
        reason=reason,
        detail=detail,
        payload=payload,
        position=position,
        raw_id=raw_id,
        source=source,
        max_payload=settings.max_content_bytes,
    )
    sent = await send_dead_letter(record)
    counted = await send_outcome(source, "enrich", position, ["dead_lettered"], reason)
    await sent
    await counted


def _sweep(position: Position) -> None:
    """Forget old marks of the event's own partition (a table write goes to the changelog
    partition of the event in hand, so other partitions' keys are not touched here)."""
    horizon = position.timestamp - settings.dedup_retention_days * 86400
    for key, value in list(enriched_ids.items()):
        if value.get("p") == position.partition and value.get("t", horizon) < horizon:
            del enriched_ids[key]
