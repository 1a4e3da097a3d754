"""Parse stage.

Consumes:      ``articles.raw`` (bytes: a JSON envelope, or a bare text or HTML page)
Produces:      ``articles.parsed`` (``ParsedArticle``, key ``article_id``), fingerprinted
Dead-letters:  every ``ParseError`` reason in ``errors.REASONS["parse"]``, among them
               ``parse_timeout`` (over ``WIRESTREAM_PARSE_TIMEOUT_S``) and ``parser_crashed``
Outcomes:      ``received`` plus ``parsed`` or ``dead_lettered``, for the message's source

The pure stage is ``workers.parsing.article.parse_message``. It runs in the parse sandbox, a
child process killed and replaced when a message overruns its budget, so no input can hold the
worker's event loop (heartbeats, commits, the watchdog) or keep its partition from moving.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from workers.errors import ParseError
from workers.ops.metrics import outcome
from workers.parsing import article as core
from workers.records import ParsedArticle, Position, dead_letter_record
from workers.runtime import topics
from workers.runtime.app import app, settings
from workers.runtime.sandbox import Crashed, Overrun, Sandbox, warming
from workers.runtime.streams import processed, send_dead_letter, send_outcome

logger = logging.getLogger(__name__)

sandbox = Sandbox("parse", initializer=core.warm_up)


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
async def parse(stream: Any) -> AsyncIterator[str]:
    """Parse each raw message; concurrency 1 so offsets are committed only behind finished work.
    Yields each message's outcome (for sinks, and for ``test_context().put`` to wait on)."""
    async for event in processed(stream, "parse"):
        position = Position.of(event)
        value: bytes = event.value if isinstance(event.value, bytes) else b""
        try:
            article = await parse_sandboxed(value, position)
        except Exception as exc:  # noqa: BLE001 - every failure is dead-lettered, none is lost
            await _dead_letter(value, position, exc)
            yield outcome("parse", "dead_lettered")
            continue
        await topics.parsed.send(key=article.article_id.encode(), value=article)
        await send_outcome(article.source, "parse", position, ["received", "parsed"])
        yield outcome("parse", "parsed")


async def _dead_letter(value: bytes, position: Position, exc: Exception) -> None:
    if isinstance(exc, ParseError):
        reason, detail = exc.reason, exc.detail
    else:
        logger.exception("parser failed on %s", position.raw_ref)
        reason, detail = "parser_failed", f"{type(exc).__name__}: {exc}"
    source, raw_id = core.fallback_source(value, settings.max_content_bytes)
    record = dead_letter_record(
        stage="parse",
        reason=reason,
        detail=detail,
        payload=value,
        position=position,
        raw_id=raw_id or position.raw_ref,
        source=source,
        max_payload=settings.max_content_bytes,
    )
    await send_dead_letter(record)
    await send_outcome(source, "parse", position, ["received", "dead_lettered"], reason)
