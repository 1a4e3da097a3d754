"""Parse stage.

Consumes:      ``articles.raw`` (bytes: a JSON envelope, or a bare text or HTML page)
Produces:      ``articles.parsed`` (``ParsedArticle``, key ``article_id``), fingerprinted
Dead-letters:  every ``ParseError`` reason in ``errors.REASONS["parse"]``
Outcomes:      ``received`` plus ``parsed`` or ``dead_lettered``, for the message's source
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import py3langid

from workers import topics
from workers.app import app, settings
from workers.errors import ParseError
from workers.fingerprints import content_hash, minhash, words
from workers.metrics import outcome
from workers.parsing.decode import RawInput, decode_message, envelope_hints
from workers.parsing.htmlpage import parse_html
from workers.parsing.page import PageFields, normalise
from workers.parsing.sources import by_domain, name_for, recognise
from workers.parsing.textdump import parse_text
from workers.parsing.urls import canonical_url, registered_domain
from workers.records import SCHEMA_VERSION, ParsedArticle
from workers.routing import Position, dead_letter_record, processed, send_dead_letter, send_outcome
from workers.settings import Settings

logger = logging.getLogger(__name__)

# Bounds on every list the parser builds, whatever the input.
MAX_PARAGRAPHS = 2000
MAX_AUTHORS = 10
MAX_REMOVED = 500
MAX_TITLE_CHARS = 500


def parse_article(raw: RawInput, *, raw_id: str, raw_ref: str, ingested_at: str) -> ParsedArticle:
    """A decoded page -> a clean article record (without fingerprint)."""
    timezone = _hinted_timezone(raw)
    if raw.content_type == "text/html":
        page = parse_html(raw.content, raw.url, timezone or "UTC")
    else:
        page = parse_text(raw.content, timezone)
    title = (page.title or "").strip()[:MAX_TITLE_CHARS]
    if not title:
        raise ParseError("no_title")
    paragraphs = [p for p in page.paragraphs[:MAX_PARAGRAPHS] if p.strip()]
    if not paragraphs:
        raise ParseError("no_body")
    body = "\n\n".join(paragraphs)
    url = canonical_url(raw.url) or canonical_url(page.url)
    source, source_name = _source(raw, url, page, paragraphs[0])
    digest = content_hash(body)
    return ParsedArticle(
        version=SCHEMA_VERSION,
        raw_id=raw_id,
        raw_ref=raw_ref,
        article_id=article_id(url, source, title, digest),
        source=source,
        source_name=source_name,
        url=url,
        title=title,
        standfirst=page.standfirst,
        authors=page.authors[:MAX_AUTHORS],
        published_at=_iso(page.published_at),
        updated_at=_iso(page.updated_at),
        language=_language(body, page.language),
        body=body,
        word_count=len(words(body)),
        content_hash=digest,
        content_type=raw.content_type,
        removed=page.removed[:MAX_REMOVED],
        ingested_at=ingested_at,
    )


def article_id(url: str | None, source: str, title: str, digest: str) -> str:
    """Stable across re-sends: the canonical URL, else the source, title and body."""
    basis = url or f"{source}\n{normalise(title)}\n{digest}"
    return hashlib.blake2b(basis.encode(), digest_size=12).hexdigest()


def parse_message(value: bytes, position: Position, settings: Settings) -> ParsedArticle:
    """The whole stage as one pure function: raw bytes -> fingerprinted article."""
    raw = decode_message(value, settings.max_content_bytes)
    article = parse_article(
        raw, raw_id=raw.id or position.raw_id, raw_ref=position.raw_id, ingested_at=position.iso
    )
    if article.word_count >= settings.min_dedup_words:
        article.minhash = minhash(
            article.body, perms=settings.minhash_perms, shingle_words=settings.shingle_words
        )
    return article


def fallback_source(value: bytes) -> tuple[str, str | None]:
    """Source and id of a message that failed to parse, for its dead letter and counts."""
    hints = envelope_hints(value) if len(value) <= settings.max_content_bytes else {}
    source = hints.get("source") or registered_domain(canonical_url(hints.get("url")))
    return source or "unknown", hints.get("id")


def _source(raw: RawInput, url: str | None, page: PageFields, lead: str) -> tuple[str, str | None]:
    if raw.source:
        return raw.source, name_for(raw.source) or page.source_name
    domain = registered_domain(url)
    if domain:
        return domain, name_for(domain) or page.source_name
    # The chrome, or an agency dateline ("LONDON, May 9 (Meridian Wire) -"), gives it away.
    known = recognise([r["line"] for r in page.removed]) or recognise([lead[:120]])
    if known:
        return known.domain, known.name
    return "unknown", page.source_name


def _hinted_timezone(raw: RawInput) -> str | None:
    """The time zone of the source the envelope names, for datelines without one."""
    known = by_domain(raw.source) or by_domain(registered_domain(canonical_url(raw.url)))
    return known.timezone if known else None


def _iso(moment: Any) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment is not None else None


def _language(body: str, declared: str | None) -> str | None:
    lang, _score = py3langid.classify(body[:3000])
    return lang or (declared.split("-")[0].lower() if declared else None)


@app.agent(topics.raw, concurrency=1)
async def parse(stream: Any) -> AsyncIterator[str]:
    """Parse each raw message; concurrency 1 so offsets are committed only behind finished work.
    Yields each message's outcome (for sinks, and for ``test_context().put`` to wait on)."""
    async for event in processed(stream, "parse"):
        position = Position.of(event)
        value: bytes = event.value if isinstance(event.value, bytes) else b""
        try:
            article = await asyncio.to_thread(parse_message, value, position, settings)
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
        logger.exception("parser failed on %s", position.raw_id)
        reason, detail = "parser_failed", f"{type(exc).__name__}: {exc}"
    source, raw_id = fallback_source(value)
    record = dead_letter_record(
        stage="parse",
        reason=reason,
        detail=detail,
        payload=value,
        position=position,
        raw_id=raw_id or position.raw_id,
        source=source,
        max_payload=settings.max_content_bytes,
    )
    await send_dead_letter(record)
    await send_outcome(source, "parse", position, ["received", "dead_lettered"], reason)
