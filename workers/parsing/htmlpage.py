"""HTML pages: trafilatura extracts the body and the page's own metadata.

trafilatura scored the best body F1 of the open extractors on the public article-extraction
benchmark; the stage keeps its output and only adds what it lacks (chrome rules on paragraphs,
names-only authors, UTC datetimes). Nothing is fetched: trafilatura gets the page as a string.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import trafilatura
from trafilatura.settings import use_config

from workers.parsing.chrome import split_chrome
from workers.parsing.meta import byline_names, parse_datetime
from workers.parsing.page import PageFields, normalise
from workers.parsing.sources import is_masthead
from workers.parsing.textdump import strip_metadata

_CONFIG = use_config()
# No network and no timeouts that depend on signals (the worker runs this off the main thread).
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
_MAX_TREE_SIZE = "500000"
_CONFIG.set("DEFAULT", "MAX_TREE_SIZE", _MAX_TREE_SIZE)
_DEK = re.compile(
    r"<(?:p|div|h2|span)[^>]*class=[\"'][^\"']*\b(?:dek|standfirst|summary|strapline|subtitle|"
    r"sub-?headline|subhead|lede|article-summary)\b[^\"']*[\"'][^>]*>(.*?)</(?:p|div|h2|span)>",
    re.I | re.S,
)
_AGENCY = re.compile(r"\b(wire|press|agency|agencies|staff|newsroom|reuters|afp)\b", re.I)
_TIME_META = re.compile(
    r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:published_time|datePublished|'
    r'pubdate|publish-date|dc\.date)["\'][^>]*content=["\']([^"\']+)["\']',
    re.I,
)
_MODIFIED_META = re.compile(
    r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:modified_time|dateModified)["\']'
    r'[^>]*content=["\']([^"\']+)["\']',
    re.I,
)


def parse_html(html: str, url: str | None = None, timezone: str = "UTC") -> PageFields:
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        config=_CONFIG,
    )
    if doc is None:
        return PageFields()
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    kept, removed = split_chrome(text.splitlines())
    page = PageFields(
        title=_clean(meta.get("title")),
        authors=_authors(meta.get("author")),
        removed=removed,
        source_name=_clean(meta.get("sitename")),
        url=meta.get("url"),
        language=meta.get("language"),
    )
    paragraphs = strip_metadata(_drop_headline(kept, page), page, timezone)
    page.standfirst, page.paragraphs = _standfirst(
        _clean(meta.get("description")), paragraphs, _dek_texts(html)
    )
    page.published_at = _meta_time(_TIME_META, html) or parse_datetime(
        meta.get("date") or "", timezone
    )
    page.updated_at = _meta_time(_MODIFIED_META, html)
    return page


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _authors(value: str | None) -> list[str]:
    names: list[str] = []
    for part in (value or "").split(";"):
        for name in byline_names(part.strip()) or byline_names("By " + part.strip()):
            if name not in names and not _AGENCY.search(name) and not is_masthead(name):
                names.append(name)
    return names


def _drop_headline(paragraphs: list[str], page: PageFields) -> list[str]:
    title = normalise(page.title or "")
    kept = []
    for line in paragraphs:
        if title and normalise(line) == title:
            page.removed.append({"line": line, "rule": "repeated_headline"})
        else:
            kept.append(line)
    return kept


def _dek_texts(html: str) -> set[str]:
    """Texts of the elements a page marks as its standfirst (dek, summary, strapline...)."""
    return {normalise(re.sub(r"<[^>]+>", "", m.group(1))) for m in _DEK.finditer(html[:300_000])}


def _standfirst(
    description: str | None, paragraphs: list[str], deks: set[str]
) -> tuple[str | None, list[str]]:
    """(standfirst, body): a first paragraph the page marks as its dek moves out of the body;
    else the description, unless it only repeats the start of the first paragraph."""
    if paragraphs and normalise(paragraphs[0]) in deks:
        return paragraphs[0], paragraphs[1:]
    if not description:
        return None, paragraphs
    head = normalise(description).rstrip(".…")
    if paragraphs and normalise(paragraphs[0]).startswith(head[:60]):
        return None, paragraphs
    return description, paragraphs


def _meta_time(pattern: re.Pattern[str], html: str) -> datetime | None:
    match = pattern.search(html[:200_000])
    if not match:
        return None
    try:
        moment = datetime.fromisoformat(match.group(1).replace("Z", "+00:00"))
    except ValueError:
        return parse_datetime(match.group(1))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
