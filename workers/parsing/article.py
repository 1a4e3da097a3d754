"""The parse stage's pure core: raw message bytes -> a clean, fingerprinted ``ParsedArticle``.

Imports neither Faust's app nor the topics, so that it runs in the parse sandbox process
(``workers.runtime.sandbox``) without building the app there.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import py3langid

from workers.errors import ParseError
from workers.near_dup.fingerprints import content_hash, minhash, words
from workers.parsing.decode import RawInput, decode_message, envelope_hints, repaired, visible
from workers.parsing.htmlpage import MAX_NODES, parse_html
from workers.parsing.meta import EARLIEST, big_cities, forget_dates, given_names
from workers.parsing.page import PageFields, normalise
from workers.parsing.sources import by_domain, name_for, recognise
from workers.parsing.textdump import parse_text
from workers.parsing.urls import canonical_url, registered_domain
from workers.parsing.zones import city_zone, url_zone
from workers.records import SCHEMA_VERSION, ParsedArticle, Position
from workers.settings import Settings

# Bounds on every list the parser builds, whatever the input.
MAX_PARAGRAPHS = 2000
MAX_AUTHORS = 10
MAX_REMOVED = 500
MAX_TITLE_CHARS = 500
MAX_STANDFIRST_CHARS = 1000
MAX_AUTHOR_CHARS = 100
# A body longer than this is cut at a paragraph boundary (noted in ``removed``): ten times the
# longest long-read, and what keeps the enrich stage's whole-body passes bounded.
MAX_BODY_CHARS = 1_000_000
# Publication times outside [EARLIEST, ingest time + 1 day] are not believed: a forged old date
# would make a copy the original of its cluster in dedup.
LATEST_AHEAD = timedelta(days=1)


def parse_article(
    raw: RawInput, *, raw_id: str, raw_ref: str, ingested_at: str, max_html_nodes: int = MAX_NODES
) -> ParsedArticle:
    """A decoded page -> a clean article record (without fingerprint)."""
    forget_dates()
    timezone = _hinted_timezone(raw)
    if raw.content_type == "text/html":
        page = _repaired(parse_html(raw.content, raw.url, timezone, max_html_nodes))
    else:
        page = parse_text(raw.content, timezone, _moment(ingested_at), raw.url)
    title = one_line(page.title or "")[:MAX_TITLE_CHARS]
    if not title:
        raise ParseError("no_title")
    paragraphs = _bounded([p for p in page.paragraphs[:MAX_PARAGRAPHS] if p.strip()], page)
    if not paragraphs:
        raise ParseError("no_body")
    body = "\n\n".join(paragraphs)
    updated_at = _plausible(page.updated_at, ingested_at, "updated_at", page)
    # A page that prints only when it was updated ("Updated 1:39 am EST, Wednesday, November
    # 20, 2019") was out by then: the closest it comes to saying when it was published.
    published_at = _plausible(page.published_at, ingested_at, "published_at", page) or updated_at
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
        standfirst=_standfirst(page.standfirst),
        authors=[one_line(a)[:MAX_AUTHOR_CHARS] for a in page.authors[:MAX_AUTHORS]],
        published_at=_iso(published_at),
        updated_at=_iso(updated_at),
        language=_language(body, page.language),
        body=body,
        word_count=len(words(body)),
        content_hash=digest,
        content_type=raw.content_type,
        removed=page.removed[:MAX_REMOVED],
        ingested_at=ingested_at,
    )


def one_line(text: str) -> str:
    """A field shown on one line (title, standfirst, an author): visible characters, every run
    of spaces of any kind (a non-breaking space a browser's dump kept, a tab, two spaces) one
    space. ``article_id`` folds spaces already, so no id changes."""
    return " ".join(visible(text).split())


def _repaired(page: PageFields) -> PageFields:
    """The text fields of a page whose HTML was not repaired whole (``decode.clean_text``)."""
    page.title = repaired(page.title) if page.title else page.title
    page.standfirst = repaired(page.standfirst) if page.standfirst else page.standfirst
    page.authors = [repaired(a) for a in page.authors]
    page.paragraphs = [repaired(p) for p in page.paragraphs]
    return page


def article_id(url: str | None, source: str, title: str, digest: str) -> str:
    """Stable across re-sends: the canonical URL, else the source, title and body."""
    basis = url or f"{source}\n{normalise(title)}\n{digest}"
    return hashlib.blake2b(basis.encode(), digest_size=12).hexdigest()


def parse_message(
    value: bytes, raw_ref: str, ingested_at: str, settings: Settings
) -> ParsedArticle:
    """The whole stage as one pure function: raw bytes read at ``raw_ref`` (topic:partition:
    offset) -> fingerprinted article."""
    raw = decode_message(value, settings.max_content_bytes)
    article = parse_article(
        raw,
        raw_id=raw.id or raw_ref,
        raw_ref=raw_ref,
        ingested_at=ingested_at,
        max_html_nodes=settings.max_html_nodes,
    )
    if article.word_count >= settings.min_dedup_words:
        article.minhash = minhash(
            article.body, perms=settings.minhash_perms, shingle_words=settings.shingle_words
        )
    return article


def fallback_source(value: bytes, max_bytes: int) -> tuple[str, str | None]:
    """Source and id of a message that failed to parse, for its dead letter and counts."""
    hints = envelope_hints(value) if len(value) <= max_bytes else {}
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
    """The time zone of the source the envelope names, else of the country its URL's domain
    names, for datelines without one."""
    url = canonical_url(raw.url)
    known = by_domain(raw.source) or by_domain(registered_domain(url))
    return known.timezone if known else url_zone(url)


def _iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC, always with a four-digit year (``strftime("%Y")`` does not pad)."""
    if moment is None:
        return None
    m = moment.astimezone(UTC)
    return f"{m.year:04d}-{m.month:02d}-{m.day:02d}T{m.hour:02d}:{m.minute:02d}:{m.second:02d}Z"


def _ingested(ingested_at: str) -> datetime:
    return datetime.fromisoformat(ingested_at.replace("Z", "+00:00"))


def _moment(ingested_at: str) -> datetime | None:
    """When the message was ingested, if its record time is a real one (1990 or later)."""
    try:
        ingested = _ingested(ingested_at)
    except ValueError:
        return None
    if ingested.tzinfo is None:
        ingested = ingested.replace(tzinfo=UTC)
    return ingested if ingested >= EARLIEST else None


def _plausible(
    moment: datetime | None, ingested_at: str, field: str, page: PageFields
) -> datetime | None:
    """The moment if it lies between 1990 and a day after the message was ingested; else None,
    with the reason kept in ``removed``. A record time before 1990 (a producer that set none)
    gives no upper bound: records hold no wall-clock time, so redeliveries stay identical."""
    if moment is None:
        return None
    try:
        ingested = _ingested(ingested_at)
        latest = ingested + LATEST_AHEAD if ingested >= EARLIEST else None
        if moment.astimezone(UTC) >= EARLIEST and (latest is None or moment <= latest):
            return moment
    except (ValueError, OverflowError):
        pass
    page.removed.append({"line": f"{field} {_iso_or_repr(moment)}", "rule": "implausible_date"})
    return None


def _iso_or_repr(moment: datetime) -> str:
    try:
        return _iso(moment) or ""
    except (ValueError, OverflowError):
        return repr(moment)[:80]


def _standfirst(text: str | None) -> str | None:
    if not text:
        return None
    cleaned = one_line(text)
    if len(cleaned) > MAX_STANDFIRST_CHARS:
        cleaned = cleaned[:MAX_STANDFIRST_CHARS].rsplit(" ", 1)[0] + "…"
    return cleaned or None


def _bounded(paragraphs: list[str], page: PageFields) -> list[str]:
    """The paragraphs up to ``MAX_BODY_CHARS`` in all, cut at a paragraph boundary (a first
    paragraph longer than that is cut itself)."""
    kept: list[str] = []
    total = 0
    for i, paragraph in enumerate(paragraphs):
        if total + len(paragraph) > MAX_BODY_CHARS:
            page.removed.append({"line": f"{len(paragraphs) - i} paragraph(s)", "rule": "body_cut"})
            return kept or [paragraph[:MAX_BODY_CHARS]]
        kept.append(paragraph)
        total += len(paragraph) + 2
    return kept


# Characters of the body its language is told from (py3langid's cost is linear in them). On 671
# bodies of the tune splits' Markdown dumps, 1,000 and 3,000 disagreed on two, both of them
# furniture: a table's empty cells, a menu.
LANGUAGE_CHARS = 1_000


def _language(body: str, declared: str | None) -> str | None:
    lang, _score = py3langid.classify(body[:LANGUAGE_CHARS])
    return lang or (declared.split("-")[0].lower() if declared else None)


def warm_up() -> None:
    """Run the parsers once, so the first message does not pay for their lazy loading
    (dateparser's language data, trafilatura's, the cities and given names bylines are told
    from, the cities' zones datelines are read in)."""
    big_cities()
    given_names()
    city_zone("London")
    page = "Warm up\n\nBy Jane Doe\n12 March 2024 10:30 GMT\n\nA first paragraph of the body."
    parse_message(page.encode(), "warm-up:0:0", "2024-03-12T10:30:00.000000Z", Settings())
    html = f"<html><head><title>Warm up</title></head><body><p>{page}</p></body></html>"
    parse_message(html.encode(), "warm-up:0:1", "2024-03-12T10:30:00.000000Z", Settings())


def parse_at(value: bytes, position: Position, settings: Settings) -> ParsedArticle:
    """``parse_message`` for a message read at ``position``."""
    return parse_message(value, position.raw_ref, position.iso, settings)
