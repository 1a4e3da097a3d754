"""Parse stage.

Consumes:      ``articles.raw`` (bytes: a JSON envelope, or a bare text or HTML page)
Produces:      ``articles.parsed`` (``ParsedArticle``, key ``article_id``), fingerprinted
Dead-letters:  every ``ParseError`` reason in ``errors.REASONS["parse"]``, among them
               ``parse_timeout`` (over ``WIRESTREAM_PARSE_TIMEOUT_S``), ``parser_crashed`` and
               ``too_many_attempts`` (the worker died under it ``WIRESTREAM_MAX_ATTEMPTS`` times)
Outcomes:      ``received`` plus ``parsed`` or ``dead_lettered``, for the message's source

The pure stage is ``workers.parsing.article.parse_message``. It runs in the parse sandbox, a
child process killed and replaced when a message overruns its budget, so no input can hold the
worker's event loop (heartbeats, commits, the watchdog) or keep its partition from moving.

No crash loops. Before a message's parse begins, the partition's mark in ``parse_attempts``
(offset, and how many times a parse of it began) is written and flushed to its changelog. A
worker that dies under the message (killed, OOM, a crash of the process itself) leaves the mark
behind; the next owner of the partition reads it on its delivery of the same offset and, once
the count reaches ``WIRESTREAM_MAX_ATTEMPTS``, dead-letters the message instead of trying again.
One entry per partition, overwritten by the next message: the changelog compacts to a handful.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from workers.errors import ParseError
from workers.ops.metrics import outcome
from workers.parsing import article as core
from workers.records import ParsedArticle, Position
from workers.runtime import shutdown, topics
from workers.runtime.app import app, settings
from workers.runtime.sandbox import Crashed, Overrun, Sandbox, warming
from workers.runtime.streams import processed, send, send_dead_letter, send_outcome
from workers.topology import TABLE_CONFIG

logger = logging.getLogger(__name__)

sandbox = Sandbox("parse", initializer=core.warm_up)
# Partition -> {"offset", "count"}: the message whose parse last began there, and how many times.
attempts = app.Table(
    "parse_attempts",
    partitions=settings.partitions,
    extra_topic_configs=TABLE_CONFIG["parse_attempts"],
)


def attempt_number(mark: dict[str, int] | None, offset: int) -> int:
    """Which attempt at ``offset`` begins now, given the partition's mark."""
    return mark["count"] + 1 if mark is not None and mark["offset"] == offset else 1


async def begin_attempt(position: Position) -> int:
    """Record, durably, that a parse of this message begins; return its attempt number (1 with
    the guard off)."""
    if settings.max_attempts == 0:
        return 1
    key = str(position.partition)
    count = attempt_number(attempts.get(key), position.offset)
    if count > 1:
        logger.warning(
            "%s: attempt %d of %d (a worker stopped under it before)",
            position.raw_ref,
            count,
            settings.max_attempts,
        )
    if count <= settings.max_attempts:
        attempts[key] = {"offset": position.offset, "count": count}
        try:
            await app.producer.flush()  # on the broker before the attempt can kill us
        except Exception as exc:  # noqa: BLE001 - the guard weakens; the message is not at fault
            logger.warning("attempt mark for %s not flushed: %s", position.raw_ref, exc)
    return count


async def parse_sandboxed(value: bytes, position: Position) -> ParsedArticle:
    """The pure stage in the sandbox, within the budget; a crash is tried once more (the child
    may have died of something else), then dead-lettered."""
    args = (value, position.raw_ref, position.iso, settings)
    for attempt in (1, 2):
        try:
            result: ParsedArticle = await sandbox.call(
                core.parse_message, *args, timeout=settings.parse_timeout_s
            )
            return result
        except Overrun as exc:
            raise ParseError("parse_timeout", f"over {settings.parse_timeout_s:g}s") from exc
        except Crashed as exc:
            logger.error("parse process died on %s (attempt %d)", position.raw_ref, attempt)
            if attempt == 2:
                raise ParseError("parser_crashed", "the parse process died twice") from exc
    raise AssertionError("unreachable")


@app.task
async def start_parse_sandbox() -> None:
    """Start the parse process with the worker, not on the first message."""
    with warming():
        await sandbox.ready()


@app.agent(topics.raw, concurrency=1)
@shutdown.restarts_on_crash
async def parse(stream: Any) -> AsyncIterator[str]:
    """Parse each raw message; concurrency 1 so offsets are committed only behind finished work.
    Yields each message's outcome (for sinks, and for ``test_context().put`` to wait on)."""
    async for event in processed(stream, "parse"):
        position = Position.of(event)
        value: bytes = event.value if isinstance(event.value, bytes) else b""
        attempt = await begin_attempt(position)
        try:
            if settings.max_attempts and attempt > settings.max_attempts:
                raise ParseError(
                    "too_many_attempts",
                    f"the worker stopped {attempt - 1} times while parsing this message",
                )
            article = await parse_sandboxed(value, position)
        except Exception as exc:  # noqa: BLE001 - every failure is dead-lettered, none is lost
            await _dead_letter(value, position, exc)
            yield outcome("parse", "dead_lettered")
            continue
        await send(topics.parsed, article.article_id.encode(), article)
        await send_outcome(article.source, "parse", position, ["received", "parsed"])
        yield outcome("parse", "parsed")


async def _dead_letter(value: bytes, position: Position, exc: Exception) -> None:
    if isinstance(exc, ParseError):
        reason, detail = exc.reason, exc.detail
    else:
        logger.exception("parser failed on %s", position.raw_ref)
        reason, detail = "parser_failed", f"{type(exc).__name__}: {exc}"
    source, raw_id = core.fallback_source(value, settings.max_content_bytes)
    await send_dead_letter(
        stage="parse",
        reason=reason,
        detail=detail,
        payload=value,
        position=position,
        raw_id=raw_id or position.raw_ref,
        source=source,
    )
    await send_outcome(source, "parse", position, ["received", "dead_lettered"], reason)
