"""HTML pages: trafilatura extracts the body and the page's own metadata.

trafilatura scored the best body F1 of the open extractors on the public article-extraction
benchmark; the stage keeps its output and only adds what it lacks (chrome rules on paragraphs,
names-only authors, UTC datetimes). Nothing is fetched: trafilatura gets the page as a string.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import trafilatura
from trafilatura.settings import use_config
from trafilatura.utils import load_html

from workers.parsing.chrome import split_chrome
from workers.parsing.meta import agency_byline, byline_names, parse_datetime
from workers.parsing.page import PageFields, normalise
from workers.parsing.sources import is_masthead
from workers.parsing.textdump import strip_metadata

_CONFIG = use_config()
# No network and no timeouts that depend on signals (the worker runs this off the main thread).
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
_MAX_TREE_SIZE = "500000"
_CONFIG.set("DEFAULT", "MAX_TREE_SIZE", _MAX_TREE_SIZE)
# Classes a page gives its standfirst element.
_DEK_CLASS = re.compile(
    r"\b(?:dek|standfirst|summary|strapline|subtitle|sub-?headline|subhead|lede|article-summary)\b",
    re.I,
)
_DEK_TAGS = ("p", "div", "h2", "span")
_AGENCY = re.compile(r"\b(wire|press|agency|agencies|staff|newsroom|reuters|afp)\b", re.I)
_PUBLISHED_META = frozenset(
    ["article:published_time", "datepublished", "pubdate", "publish-date", "dc.date"]
)
_MODIFIED_META = frozenset(["article:modified_time", "datemodified"])
# Past these many elements a page is not an article page that needs trafilatura's fallback
# extractors (justext is quadratic in paragraphs): it gets the main extractor alone.
MAX_ELEMENTS_FOR_FALLBACK = 20_000
MAX_DEKS = 50
# libxml2's HTML parser is quadratic in the attributes of one element (32,000 take 1.8 s): a tag
# is cut to this many characters before parsing. One linear pass; runs between "<" never overlap.
MAX_TAG_CHARS = 10_000
_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{MAX_TAG_CHARS},}}")


def bounded_tags(html: str) -> str:
    """The markup with every tag longer than ``MAX_TAG_CHARS`` cut to that length."""
    return _LONG_TAG.sub(lambda m: m.group(0)[:MAX_TAG_CHARS], html)


def parse_html(html: str, url: str | None = None, timezone: str = "UTC") -> PageFields:
    """The page parsed once (lxml, through trafilatura's loader); metadata the extractor lacks is
    read from the tree, never by regexes over the markup."""
    tree = load_html(bounded_tags(html))
    if tree is None:
        return PageFields()
    deks = _dek_texts(tree)
    published = _meta_time(tree, _PUBLISHED_META)
    modified = _meta_time(tree, _MODIFIED_META)
    large = sum(1 for _ in zip(tree.iter(), range(MAX_ELEMENTS_FOR_FALLBACK + 1), strict=False))
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        fast=large > MAX_ELEMENTS_FOR_FALLBACK,
        config=_CONFIG,
    )
    if doc is None:
        return PageFields()
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    kept, removed = split_chrome(text.splitlines())
    page = PageFields(
        title=_clean(meta.get("title")),
        authors=metadata_authors(meta.get("author")),
        removed=removed,
        source_name=_clean(meta.get("sitename")),
        url=meta.get("url"),
        language=meta.get("language"),
    )
    paragraphs = strip_metadata(_drop_headline(kept, page), page, timezone)
    page.standfirst, page.paragraphs = _standfirst(
        _clean(meta.get("description")), paragraphs, deks
    )
    page.published_at = published or parse_datetime(meta.get("date") or "", timezone)
    page.updated_at = modified
    return page


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def metadata_authors(value: str | None) -> list[str]:
    """The people the page names as its authors; if it names none, the agency or desk it
    names ("Reuters", "HNN Staff")."""
    people: list[str] = []
    agencies: list[str] = []
    for part in (value or "").split(";"):
        for name in byline_names(part.strip()) or byline_names("By " + part.strip()):
            if is_masthead(name):
                continue
            kind = agencies if agency_byline(name) or _AGENCY.search(name) else people
            if name not in kind:
                kind.append(name)
    return people or agencies[:1]


def _drop_headline(paragraphs: list[str], page: PageFields) -> list[str]:
    title = normalise(page.title or "")
    kept = []
    for line in paragraphs:
        if title and normalise(line) == title:
            page.removed.append({"line": line, "rule": "repeated_headline"})
        else:
            kept.append(line)
    return kept


def _dek_texts(tree: Any) -> set[str]:
    """Texts of the elements a page marks as its standfirst (dek, summary, strapline...)."""
    found: set[str] = set()
    for element in tree.iter(*_DEK_TAGS):
        classes = element.get("class") or ""
        if len(classes) <= 500 and _DEK_CLASS.search(classes):
            found.add(normalise(element.text_content()[:2000]))
            if len(found) >= MAX_DEKS:
                break
    return found


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


def _meta_time(tree: Any, names: frozenset[str]) -> datetime | None:
    """The first ``<meta>`` of one of these names (property, name or itemprop) as UTC."""
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        if key.lower() in names and element.get("content"):
            return _moment(element.get("content")[:100])
    return None


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_datetime(text)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
