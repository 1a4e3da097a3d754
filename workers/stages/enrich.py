"""Enrich stage.

Consumes:      ``articles.unique`` (``ParsedArticle``, key ``article_id``; null: withdrawn)
Produces:      ``articles.enriched`` (``EnrichedArticle``, key ``article_id``; a withdrawal is
               forwarded as a null, after the article it withdraws, since both share a key)
Dead-letters:  ``enrich_failed`` (the NLP pipeline raised on the article, or killed its
               process twice), ``enrich_timeout`` (past its budget alone), ``invalid_record``
Outcomes:      ``enriched`` or ``dead_lettered`` for the article's source (a withdrawal was
               counted by dedup)

NER costs tens of milliseconds an article, so it runs in NER processes (``workers.runtime.sandbox``,
each with its models loaded once) and the event loop stays free for heartbeats and polls
whatever the backlog. Each process's share of a batch has a budget (``NlpRunner.budget``): past
it the process is killed and replaced, and the share's articles are tried one by one. Articles
go to the NER processes in batches (one ``nlp.pipe`` a batch and language, shared out between
the processes): what is waiting, up to ``WIRESTREAM_ENRICH_BATCH_SIZE``, gathered for at most
``WIRESTREAM_ENRICH_BATCH_LINGER_S``.

``enriched_ids`` (keyed like the stream, by ``article_id``) remembers which raw message each
article was enriched from: a redelivery is skipped, its output already acknowledged.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from orjson import dumps

from workers.errors import EnrichError
from workers.nlp import pipeline
from workers.ops.metrics import outcome as metrics_outcome
from workers.records import (
    EnrichedArticle,
    InvalidRecord,
    ParsedArticle,
    Position,
    read_record,
)
from workers.runtime import shutdown, topics
from workers.runtime.app import app, settings
from workers.runtime.faust_internals import current
from workers.runtime.sandbox import Overrun, Sandbox, SandboxFailure, warming
from workers.runtime.streams import batches, send, send_dead_letter, send_outcome

logger = logging.getLogger(__name__)

SWEEP_EVERY = 1000
ATTEMPTS = 2  # a NER process that dies twice on one article: the article is dead-lettered


class NlpRunner:
    """Runs ``pipeline.enrich_many`` off the event loop: in NER sandboxes (child processes, each
    with its own models), or in one thread of this process if ``processes`` is 0 (tests)."""

    def __init__(self, models: dict[str, str], processes: int, timeout_s: float = 12.0) -> None:
        self.models = models
        self.processes = processes
        self.timeout_s = timeout_s
        self._sandboxes = [
            Sandbox(f"ner-{i}", pipeline.init_process, (models,)) for i in range(processes)
        ]
        self._thread: ThreadPoolExecutor | None = None

    def budget(self, articles: list[dict[str, Any]]) -> float:
        """Seconds a NER process may spend on these articles: the base budget plus a second
        per 1,000 words NER reads (at most ``pipeline.NER_MAX_CHARS`` of each body)."""
        words = sum(min(a["word_count"], pipeline.NER_MAX_CHARS // 6) for a in articles)
        return self.timeout_s + words / 1000

    async def warm_up(self) -> None:
        """Start every NER process (models loaded) before the first article arrives."""
        if self.processes == 0:
            self._start_thread()
            return
        await asyncio.gather(*(sandbox.ready() for sandbox in self._sandboxes))

    def _start_thread(self) -> ThreadPoolExecutor:
        if self._thread is None:
            pipeline.init_models(self.models)
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="nlp")
        return self._thread

    async def run(self, articles: list[dict[str, Any]]) -> list[dict[str, Any] | str]:
        """Enrich a batch, shared out between the NER processes (see ``enrich_many``). Raises
        ``SandboxFailure`` if a process overran its share's budget or died."""
        if self.processes == 0:
            loop = asyncio.get_running_loop()
            executor = self._start_thread()
            return await loop.run_in_executor(executor, pipeline.enrich_in_process, articles)
        share = -(-len(articles) // self.processes)
        chunks = [articles[i : i + share] for i in range(0, len(articles), share)]
        calls = [
            sandbox.call(pipeline.enrich_in_process, chunk, timeout=self.budget(chunk))
            for sandbox, chunk in zip(self._sandboxes, chunks, strict=False)
        ]
        done = await asyncio.gather(*calls, return_exceptions=True)
        for result in done:
            if isinstance(result, BaseException):
                raise result
        return [result for chunk in done for result in chunk]  # type: ignore[union-attr]

    def stop(self) -> None:
        for sandbox in self._sandboxes:
            sandbox.stop()
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)
            self._thread = None


async def enrich_batch(
    articles: list[ParsedArticle], runner: NlpRunner, attempts: int = ATTEMPTS
) -> list[EnrichedArticle | EnrichError]:
    """Enrich a batch: for each article its enrichment, or the ``EnrichError`` it failed with.

    A batch whose NER process overran its budget or died is tried again one article at a time,
    so that only the article that overruns alone (``enrich_timeout``) or kills its process twice
    (``enrich_failed``) is dead-lettered."""
    if not articles:
        return []
    try:
        results = await runner.run([article.asdict() for article in articles])
    except SandboxFailure as exc:
        ids = ", ".join(article.article_id for article in articles)
        logger.error("NER process failed on %s: %s", ids, exc)
        if len(articles) > 1:
            return [result for a in articles for result in await enrich_batch([a], runner)]
        if isinstance(exc, Overrun):
            return [EnrichError("enrich_timeout", str(exc))]
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


runner = NlpRunner(settings.models, settings.enrich_processes, settings.enrich_timeout_s)
# The latest headlines this worker enriched, for the dashboard.
recent_headlines: deque[dict[str, str]] = deque(maxlen=20)
enriched_ids = app.Table("enriched_ids", partitions=settings.partitions)


@app.task
async def warm_up_nlp() -> None:
    try:
        with warming():
            await runner.warm_up()
    except SandboxFailure:
        # The first article starts it again; a warm-up is not worth crashing the worker for.
        logger.error("NLP process died while loading the model; it is started again on demand")
        return
    logger.info(
        "NLP models %s in %d process(es); English loaded, the others on first use",
        settings.nlp_models,
        settings.enrich_processes,
    )


@app.agent(topics.unique, concurrency=1)
@shutdown.restarts_on_crash
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
        return read_record(ParsedArticle, event.value)
    except InvalidRecord as exc:  # not written by dedup: dead-lettered, not raised
        return EnrichError("invalid_record", str(exc))


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
        await _dead_letter(event.value, position, position.raw_ref, "unknown", item)
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
        sent = await send(topics.enriched, item.article_id.encode(), result)
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
    logger.info("withdraw %s (a later copy of another article) at %s", article_id, position.raw_ref)
    await (await send(topics.enriched, key, None))
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
    sent = await send_dead_letter(
        stage="enrich",
        reason=error.reason,
        detail=error.detail,
        payload=payload,
        position=position,
        raw_id=raw_id,
        source=source,
    )
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
