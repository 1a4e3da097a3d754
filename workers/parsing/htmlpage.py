"""HTML pages: trafilatura extracts the body and the page's own metadata.

trafilatura scored the best body F1 of the open extractors on the public article-extraction
benchmark; the stage keeps its output and only adds what it lacks (chrome rules on paragraphs,
names-only authors, UTC datetimes). Nothing is fetched: trafilatura gets the page as a string.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import trafilatura
from lxml import etree
from trafilatura.settings import use_config
from trafilatura.utils import load_html

from workers.parsing.chrome import split_chrome
from workers.parsing.meta import (
    EARLIEST,
    ROLE_WORDS,
    agency_byline,
    byline_names,
    copyright_person,
    known_given_name,
    labelled_published,
    linked_byline,
    parse_datetime,
    read_metadata_line,
    signature_names,
    unknown_zone,
    without_date_remnant,
)
from workers.parsing.page import PageFields, normalise
from workers.parsing.sources import is_masthead
from workers.parsing.textdump import strip_metadata
from workers.parsing.urls import registered_domain, writer_page
from workers.parsing.wholepage import language_of, stopwords_of
from workers.parsing.zones import url_zone

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
_AUTHOR_META = frozenset(["author", "article:author", "dc.creator"])
# Past these many elements a page is not an article page that needs trafilatura's fallback
# extractors (justext is quadratic in paragraphs): it gets the main extractor alone.
MAX_ELEMENTS_FOR_FALLBACK = 20_000
MAX_DEKS = 50
# libxml2's HTML parser is quadratic in the attributes of one element (32,000 take 1.8 s): a tag
# is cut to this many characters before parsing. One linear pass; runs between "<" never overlap.
MAX_TAG_CHARS = 10_000
_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{MAX_TAG_CHARS},}}")
# trafilatura's XPath queries over all paragraphs and headings (``//p//text()``) cost libxml2
# time quadratic in their number: 80,000 unclosed <p> took 4.5 s in that one query. A page is
# cut after this many nodes in document order (``WIRESTREAM_MAX_HTML_NODES``); the largest of the
# benchmark's 181 real pages has 1,596, and past 20,000 a page gets the main extractor alone.
MAX_NODES = 30_000


def bounded_tags(html: str) -> str:
    """The markup with every tag longer than ``MAX_TAG_CHARS`` cut to that length."""
    return _LONG_TAG.sub(lambda m: m.group(0)[:MAX_TAG_CHARS], html)


_NODES = etree.XPath("count(//*|//comment()|//processing-instruction())")


def node_count(tree: Any) -> int:
    """The nodes of ``tree`` that ``tree.iter()`` walks (and those next to its root): counted by
    libxml2, with no Python object made for each, so never fewer than the walk gives."""
    return int(_NODES(tree))


def _more_nodes(tree: Any, limit: int) -> bool:
    """Whether the walk of ``tree`` gives more than ``limit`` nodes (stops after the limit)."""
    return next(itertools.islice(tree.iter(), limit, None), None) is not None


def cut_after(tree: Any, limit: int) -> bool:
    """Drop every node of ``tree`` after its first ``limit`` in document order (with the text
    that follows them); whether anything was dropped. Linear: one walk to the cut, then each
    dropped subtree is unlinked once."""
    first = next(itertools.islice(tree.iter(), limit, None), None)
    if first is None:
        return False
    node = first
    while (parent := node.getparent()) is not None:
        while (after := node.getnext()) is not None:
            parent.remove(after)
        if node is first:
            parent.remove(node)  # with its tail
        else:
            node.tail = None  # an ancestor's tail follows everything inside it
        node = parent
    return True


def parse_html(
    html: str, url: str | None = None, timezone: str | None = None, max_nodes: int = MAX_NODES
) -> PageFields:
    """The page parsed once (lxml, through trafilatura's loader); metadata the extractor lacks is
    read from the tree, never by regexes over the markup. Times that name no zone are read in
    ``timezone`` (the source's), else in the zone of the country its URL (``url``, else the
    page's canonical link) names, else of the language it declares (``zones``), else in UTC,
    with numeric dates day first if the page declares a language that writes them so."""
    tree = load_html(bounded_tags(html))
    if tree is None:
        return PageFields()
    timezone = timezone or url_zone(url or _own_url(tree)) or unknown_zone(declared_language(tree))
    nodes = node_count(tree)
    cut = nodes > max_nodes and cut_after(tree, max_nodes)
    deks = _dek_texts(tree)
    articles = jsonld_articles(tree)
    published = jsonld_time(articles, "datePublished", timezone) or _meta_time(
        tree, _PUBLISHED_META, timezone
    )
    modified = jsonld_time(articles, "dateModified", timezone) or _meta_time(
        tree, _MODIFIED_META, timezone
    )
    large = (node_count(tree) if cut else nodes) > MAX_ELEMENTS_FOR_FALLBACK and _more_nodes(
        tree, MAX_ELEMENTS_FOR_FALLBACK
    )
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        fast=large > MAX_ELEMENTS_FOR_FALLBACK,
        config=_CONFIG,
    )
    if doc is None:
        return PageFields()
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = meta.get("text") or ""
    kept, removed = split_chrome(table_rows(text.splitlines()))
    if cut:
        removed.append({"line": f"the page after its first {max_nodes} nodes", "rule": "page_cut"})
    page = PageFields(
        title=without_site_name(
            _clean(meta.get("title")), meta.get("sitename"), url or meta.get("url")
        ),
        authors=jsonld_authors(articles)
        or metadata_authors(meta.get("author"))
        or labelled_card_author(tree)
        or marked_authors(tree)
        or printed_byline(tree, _clean(meta.get("title")), timezone)
        or copyright_person(_texts(tree))
        or metadata_authors(_meta_text(tree, _AUTHOR_META, MAX_AUTHOR_TEXT)),
        removed=removed,
        source_name=_clean(meta.get("sitename")),
        url=meta.get("url"),
        language=meta.get("language"),
    )
    paragraphs = strip_metadata(_drop_headline(kept, page), page, timezone)
    page.standfirst, page.paragraphs = _standfirst(
        _clean(meta.get("description")), paragraphs, deks
    )
    if not page.authors and len(page.paragraphs) > 1:
        words = stopwords_of(page.language or language_of(page.paragraphs))
        if signature := signature_names(page.paragraphs[-1], words):
            page.authors = signature
            page.removed.append({"line": page.paragraphs.pop(), "rule": "signature"})
    # The page's printed dates in turn, where its metadata gives none; one printed before any
    # article was is not the article's, and the next is tried.
    printed = (
        lambda: printed_published(tree, page.title, timezone),
        lambda: labelled_published(_texts(tree), timezone),
        lambda: time_elements_day(tree, timezone),
        lambda: parse_datetime(meta.get("date") or "", timezone),
    )
    page.published_at = published or next(
        (moment for read in printed if (moment := read()) is not None and moment >= EARLIEST),
        None,
    )
    page.updated_at = modified
    return page


# A table's row as trafilatura writes it ("| cell | cell |"), and its header rule ("|---|---|").
_ROW = re.compile(r"^\|.*\|\s*$")
_RULE_ROW = re.compile(r"^[|:\s-]*$")


def table_rows(lines: list[str]) -> list[str]:
    """Lines with each table row written as its non-empty cells joined by " | ": a layout table's
    one cell of prose becomes a paragraph, a data table's row stays readable; header rules and
    rows with no text are left out."""
    out = []
    for line in lines:
        if not _ROW.match(line):
            out.append(line)
        elif not _RULE_ROW.match(line):
            cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
            out.append(" | ".join(cell for cell in cells if cell))
    return out


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|–—·•»:]|-|::)\s+")


def _letters(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


def without_site_name(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """The title without the site's name before or after a separator ("How to Adopt a Mindset |
    BIG Brand System" on bigbrandsystem.com): a part is the site's name when its letters are
    those of the page's site name or of its domain's name."""
    if not title:
        return title
    names = {_letters(sitename or "")}
    domain = registered_domain(url)
    if domain:
        names.add(_letters(domain.split(".")[0]))
    names.discard("")
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2 or not names:
        return title
    if _letters(parts[-1]) in names:
        return title[: title.rfind(parts[-1])].rstrip(" |–—·•»:-")
    if _letters(parts[0]) in names:
        return title[len(parts[0]) :].lstrip(" |–—·•»:-")
    return title


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


# What an author field holds before the name when a template copied its label in ("Vom
# Krimiblogger", "Artikel von hausinfo", "Interview Julia Lauter"), and labels alone ("Name").
_META_LABEL = re.compile(
    r"^(?:(?:beitrag|artikel|text|interview|posted|geschrieben|verfasst)(?:\s+(?:von|by))?"
    r"|vom|autor|autorin|author|auteur|autore)\s+(?=\S)",
    re.I,
)
_FIELD_LABELS = frozenset(
    {"name", "posted", "author", "autor", "auteur", "by", "von", "username", "user", "作者"}
)


def metadata_authors(value: str | None) -> list[str]:
    """The people the page names as its authors; if it names none, the agency or desk it
    names ("Reuters", "HNN Staff"); if neither reads as a byline, the field as written
    ("admin")."""
    people: list[str] = []
    agencies: list[str] = []
    # JSON-LD strings carry HTML's escapes at times ("O&#039;Donnell"): read before the split.
    parts = [
        without_date_remnant(_META_LABEL.sub("", part.strip()))
        for part in unescape(value or "").split(";")
    ]
    for part in parts:
        for name in byline_names(part) or byline_names("By " + part):
            if is_masthead(name):
                continue
            kind = agencies if agency_byline(name) or _AGENCY.search(name) else people
            if name not in kind:
                kind.append(name)
    if people or agencies:
        return people or agencies[:1]
    plain = [
        name
        for part in parts
        for name in _plain_author(part)
        if not is_masthead(name) and name.lower() not in _FIELD_LABELS
    ]
    return list(dict.fromkeys(plain))[:1]


# JSON-LD: how much of it is read (a page may carry megabytes of it, or nest it deeply).
MAX_JSONLD_BLOCKS = 10
MAX_JSONLD_CHARS = 500_000
MAX_JSONLD_OBJECTS = 2_000
MAX_JSONLD_DEPTH = 5
MAX_JSONLD_AUTHORS = 50
_ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}
    | {"OpinionNewsArticle", "ReviewNewsArticle", "Report", "TechArticle", "LiveBlogPosting"}
)


def jsonld_articles(tree: Any) -> list[dict[str, Any]]:
    """The article objects of the page's JSON-LD (``NewsArticle`` and the like), in page order;
    ``@graph`` members and lists included, bounded in blocks, size, depth and number."""
    articles: list[dict[str, Any]] = []
    for block in tree.xpath('//script[@type="application/ld+json"]')[:MAX_JSONLD_BLOCKS]:
        text = block.text or ""
        if len(text) > MAX_JSONLD_CHARS:
            continue
        data = _json_ld(text)
        if data is None:
            continue
        for obj in _objects(data):
            kinds = obj.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds):
                articles.append(obj)
    return articles


# A block some templates wrap in a CDATA section (``<![CDATA[ {...} ]]>``, the markers often
# behind ``//`` comments), and the raw line breaks and tabs others leave inside its strings:
# what browsers' and search engines' lenient readers accept, so their JSON is read too.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")
_CONTROL = re.compile(r"[\x00-\x1f]+")


def _json_ld(text: str) -> Any:
    """A JSON-LD block's data, None if it holds no JSON. Read as it is first (almost every
    block); only a refused one is read again with its CDATA markers taken off and its control
    characters (which JSON allows only as whitespace between tokens) read as spaces."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        pass
    try:
        return orjson.loads(_CONTROL.sub(" ", _CDATA.sub("", text)))
    except orjson.JSONDecodeError:
        return None


def jsonld_authors(articles: list[dict[str, Any]]) -> list[str]:
    """The authors the page's JSON-LD gives its article: the people (``@type: Person``) if it
    names any, else the first organisation (an agency or a desk). Its publisher or its
    organisation listed beside a reporter is not an author. ``[]`` if it names none."""
    people: list[str] = []
    organisations: list[str] = []
    items = next((a for obj in articles if (a := _as_list(obj.get("author")))), [])
    for item in items[:MAX_JSONLD_AUTHORS]:
        name = item.get("name") if isinstance(item, dict) else item
        if not isinstance(name, str) or not name.strip() or "://" in name:
            continue
        kinds = item.get("@type") if isinstance(item, dict) else None
        kinds = kinds if isinstance(kinds, list) else [kinds]
        organisation = any(k in ("Organization", "NewsMediaOrganization") for k in kinds)
        names = metadata_authors(name[:MAX_BYLINE_FIELD])
        for found in names:
            kind = organisations if organisation or agency_byline(found) else people
            if found not in kind:
                kind.append(found)
    return people or organisations[:1]


def jsonld_time(articles: list[dict[str, Any]], key: str, timezone: str = "UTC") -> datetime | None:
    """The article's ``datePublished`` or ``dateModified`` in its JSON-LD, as UTC (a time with
    no zone read in ``timezone``)."""
    for obj in articles:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            moment = _moment(value.strip()[:100], timezone)
            # "0001-01-01", a template's placeholder: no date, so that the meta tags are read.
            return moment if moment is not None and moment.year >= EARLIEST_YEAR else None
    return None


EARLIEST_YEAR = 1990


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


MAX_BYLINE_FIELD = 300


def _objects(data: Any) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-LD block that may describe the article: top-level ones,
    list items and ``@graph`` members (bounded in depth and number)."""
    found: list[dict[str, Any]] = []
    stack = [(data, 0)]
    while stack and len(found) < MAX_JSONLD_OBJECTS:
        item, depth = stack.pop()
        if depth > MAX_JSONLD_DEPTH:
            continue
        if isinstance(item, list):
            stack.extend((x, depth + 1) for x in item[:MAX_JSONLD_OBJECTS])
        elif isinstance(item, dict):
            found.append(item)
            if "@graph" in item:
                stack.append((item["@graph"], depth + 1))
    return found


MAX_PLAIN_AUTHOR_WORDS = 4


def _plain_author(part: str) -> list[str]:
    """An author field that is no byline a person would print ("admin", "Kanye", "김철수"):
    the page's metadata says it is the author, so it is kept as written if it is a short run of
    words with no digits, address or link."""
    name = " ".join(part.split()).strip(" .,;:")
    words = name.split()
    if not 1 <= len(words) <= MAX_PLAIN_AUTHOR_WORDS or len(name) > 60:
        return []
    if any(c.isdigit() for c in name) or "@" in name or "://" in name or "www." in name:
        return []
    if ROLE_WORDS.search(name):  # "AP Auto Writer": a role, not a name
        return []
    return [name] if any(c.isalpha() for c in name) else []


# What marks an element as the author's or the byline, strongest first: a link or item property
# that says so, then "byline" in its class or id, then an author's word there. Read in one walk
# of the tree (an XPath with EXSLT's regular expressions took four times as long).
_BYLINE_MARK = re.compile("byline", re.I)
_AUTHOR_CLASS = re.compile("author|autor|auteur|contributor|verfasser", re.I)
_AUTHOR_ID = re.compile("author|autor|auteur", re.I)


def _author_markup(tree: Any) -> tuple[list[Any], list[Any], list[Any]]:
    """The elements of each kind of author markup, in document order."""
    linked: list[Any] = []
    bylines: list[Any] = []
    authors: list[Any] = []
    for element in tree.iter(etree.Element):
        get = element.get
        classes, id_, itemprop = get("class"), get("id"), get("itemprop")
        if get("rel") == "author" or (itemprop is not None and "author" in itemprop):
            linked.append(element)
        if (classes is not None and _BYLINE_MARK.search(classes)) or (
            id_ is not None and _BYLINE_MARK.search(id_)
        ):
            bylines.append(element)
        if (classes is not None and _AUTHOR_CLASS.search(classes)) or (
            id_ is not None and _AUTHOR_ID.search(id_)
        ):
            authors.append(element)
    return linked, bylines, authors


# An ancestor of this class or id holds readers' comments or reviews, not the article's byline.
_READERS = re.compile(r"comment|respond|repl(?:y|ies)|review|discuss", re.I)
# "Posted on 21 September 2020 by Adi Tzlil": the names after the last by-word that
# `byline_names` reads as a label.
_LAST_BY = re.compile(r".*\b(?=(?:by|von|par|por|door|di)\s+\S)", re.I | re.S)
MAX_AUTHOR_ELEMENTS = 30
MAX_AUTHOR_TEXT = 160


def _element_text(element: Any) -> str:
    """An element's text, bounded, with a name written twice ("Ana RenzAna Renz": an avatar's
    label and the link) once."""
    text = " ".join(" ".join(itertools.islice(element.itertext(), 20)).split())
    half = len(text) // 2
    return text[:half] if text[half:].strip() == text[:half].strip() else text


def _readers_part(element: Any) -> bool:
    """The element is (inside) readers' comments, by its or its ancestors' class or id."""
    return any(
        _READERS.search(f"{e.get('class', '')} {e.get('id', '')}")
        for e in itertools.chain([element], itertools.islice(element.iterancestors(), 30))
    )


def marked_authors(tree: Any) -> list[str]:
    """The names in the first element the page marks as its author or byline that reads as a
    byline, outside readers' comments: for pages whose metadata names nobody."""
    for marked in _author_markup(tree):
        for element in marked[:MAX_AUTHOR_ELEMENTS]:
            if _readers_part(element):
                continue
            text = _element_text(element)
            if not text or len(text) > MAX_AUTHOR_TEXT:
                continue
            if names := _marked_names(text):
                return _unglued_names(names, element)
    return []


def _unglued_names(names: list[str], element: Any) -> list[str]:
    """The names as a line of the element prints them, where the element's whole text glued
    the next line's words on ("By Adam Aaronson<br>PhillyVoice Staff": "Adam Aaronson Philly";
    an author box's name over its "Kontakt" link)."""
    for line in _element_lines(element):
        cut = _marked_names(line)
        if len(cut) == len(names) and all(
            name.startswith(short + " ") for name, short in zip(names, cut, strict=True)
        ):
            return cut
    return names


def _marked_names(text: str) -> list[str]:
    names = byline_names(text) or byline_names("By " + text)
    if not names and (last := _LAST_BY.match(text)):
        names = byline_names(text[last.end() :], require_by=True)
    return [n for n in names if not is_masthead(n)]


# Elements that start a line of their own, as a browser lays them out.
_BLOCKS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6"}
    | {"section", "header", "footer", "aside", "blockquote", "figure", "figcaption", "tr"}
)
MAX_ELEMENT_LINES = 5


def _element_lines(element: Any) -> list[str]:
    """The element's first few lines of text, a block element or a ``<br>`` starting a new one
    (its first 100 tags read)."""
    pieces: list[str] = []
    events = etree.iterwalk(element, events=("start", "end"))
    for event, node in itertools.islice(events, 200):
        block = node.tag in _BLOCKS
        if event == "start":
            pieces.extend(("\n" if block else "", node.text or ""))
        else:
            tail = node.tail if node is not element else None
            pieces.extend(("\n" if block else "", tail or ""))
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return list(itertools.islice(filter(None, lines), MAX_ELEMENT_LINES))


MAX_TEXTS = 5_000
BYLINE_ELEMENTS = 40  # elements after the headline where a byline or a date is looked for
BYLINE_BEFORE = 10  # elements before it
MAX_HEADINGS = 20  # headings read for the one that prints the title
_FOLLOWING = etree.XPath(f"following::*[position() <= {BYLINE_ELEMENTS}]")
_PRECEDING = etree.XPath(f"preceding::*[position() <= {BYLINE_BEFORE}]")
_WORD = re.compile(r"\w+")
# A writer's profile box on a forum post: the day they signed up, not the post's.
_MEMBER_SINCE = re.compile(
    r"\b(?:registriert|registered|joined|member since|mitglied seit|dabei seit|inscrit)\b", re.I
)


def printed_byline(tree: Any, title: str | None = None, timezone: str = "UTC") -> list[str]:
    """The names of a byline printed by the headline ("von Kathrin Führes", "By J.R. Stone",
    "Written by: Julie Mollins", "04.02.2022 | 13:10 Uhr | Uta Helkenberg"), for pages whose
    metadata and markup name nobody: the first short element after it, else before it, that
    labels them, links to a writer's page, or prints names starting with a known given name
    beside a date (a section's label, "Aktuelle Meldung", is printed beside a date as often)."""
    headline = _headline(tree, title)
    if headline is None:
        headline = next(tree.iter("h1"), None)
    for element, text in _beside(headline):
        if element.tag == "a" and writer_page(element.get("href", "")):
            if names := _linked_names(element):
                return names
            continue
        named = read_metadata_line(text, timezone)
        if not named.names:
            named = read_metadata_line(text, timezone, bare_names=True)
            if not named.timed or not all(map(known_given_name, named.names)):
                continue
        if names := [n for n in named.names if not is_masthead(n)]:
            return names
    return []


MAX_LINK_TEXTS = 50


def _linked_names(link: Any) -> list[str]:
    """The name a link to a writer's page prints: its first text that reads as one (after an
    avatar's label or credit)."""
    texts = (" ".join(t.split()) for t in itertools.islice(link.itertext(), MAX_LINK_TEXTS))
    for text in itertools.islice(filter(None, texts), 5):
        line = linked_byline(text)
        if line and (names := [n for n in byline_names(line) if not is_masthead(n)]):
            return names
    return []


def printed_published(tree: Any, title: str | None, timezone: str = "UTC") -> datetime | None:
    """The date printed by the article's headline, for pages whose metadata gives none: of the
    first short element after it, else before it, that holds one ("04.02.2022 | 13:10 Uhr |
    Uta Helkenberg"). Not the date a writer's profile box gives ("Registriert: 18.09.2008"),
    nor a link's that names another page ("Bulletin of 15 April 2020"); a link that is only a
    date is the article's own ("Posted on <a>May 3, 2020</a>")."""
    for element, text in _beside(_headline(tree, title)):
        if _MEMBER_SINCE.search(text):
            continue
        line = read_metadata_line(text, timezone)
        if line.published is None or (_WORD.search(line.rest) and _all_link(element, text)):
            continue
        return line.published
    return None


def _headline(tree: Any, title: str | None) -> Any:
    """The article's headline: the first ``<h1>`` or ``<h2>`` that shares most of its words
    with ``title`` (not a logo's or a section's heading); None if none does."""
    headings = itertools.islice(tree.iter("h1", "h2"), MAX_HEADINGS)
    return next((h for h in headings if _same_words(_element_text(h), title or "")), None)


def _beside(headline: Any) -> Iterator[tuple[Any, str]]:
    """The elements after the headline up to the article's text (a second long paragraph: the
    first may be a standfirst), then those before it, nearest first; each with its text, if
    that is short and no readers' comment."""
    if headline is None:
        return
    for element in itertools.chain(_after_headline(headline), _PRECEDING(headline)):
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = _element_text(element)
        if text and len(text) <= MAX_AUTHOR_TEXT and not _readers_part(element):
            yield element, text


def _after_headline(headline: Any) -> Iterator[Any]:
    """The elements after the headline, up to a second long paragraph."""
    paragraphs = 0
    for element in _FOLLOWING(headline):
        if element.tag == "p" and len(_element_text(element)) > MAX_AUTHOR_TEXT:
            paragraphs += 1
            if paragraphs > 1:
                return
        yield element


def _same_words(one: str, other: str) -> bool:
    """Most of the words of each of two lines are the other's."""
    a, b = set(_WORD.findall(one.lower())), set(_WORD.findall(other.lower()))
    return bool(a and b) and 2 * len(a & b) >= max(len(a), len(b))


def _all_link(element: Any, text: str) -> bool:
    """All of the element's text is a link's."""
    if element.tag == "a":
        return True
    links = " ".join(_element_text(a) for a in itertools.islice(element.iter("a"), 5))
    return bool(links) and " ".join(links.split()) == text


def _texts(tree: Any) -> Iterator[str]:
    """The page's first text nodes, each one a line (a ``<br>`` ends one), in document order;
    not the code inside a script or a style, nor a comment's text."""
    for element in itertools.islice(tree.iter(), MAX_TEXTS):
        inside = element.tag not in ("script", "style") and isinstance(element.tag, str)
        for text in (element.text if inside else None, element.tail):
            if text and text.strip():
                yield text


def _drop_headline(paragraphs: list[str], page: PageFields) -> list[str]:
    title = normalise(page.title or "")
    kept = []
    for line in paragraphs:
        if title and normalise(line) == title:
            page.removed.append({"line": line, "rule": "repeated_headline"})
        else:
            kept.append(line)
    return kept


_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}")


def declared_language(tree: Any) -> str | None:
    """The primary subtag of the root's ``lang`` attribute ("de" of "de-DE"), if it is one."""
    tag = (tree.get("lang") or "").strip()[:16].split("-")[0].lower()
    return tag if _LANGUAGE_TAG.fullmatch(tag) else None


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


# The label SEO plugins give the writer on a Twitter card ("twitter:label1" = "Written by",
# "twitter:data1" = the name), in the site's language.
_WRITTEN_BY = re.compile(
    r"^(?:written by|author|verfasst von|geschrieben von|autor(?:in)?|escrito por|écrit par|"
    r"auteur|scritto da|autore|geschreven door|napisane przez|skrevet af|skrivet av)$",
    re.I,
)
MAX_CARD_LABELS = 10


def labelled_card_author(tree: Any) -> list[str]:
    """The writer a Twitter card's labelled data names ("Written by" / "Karoline Herr")."""
    cards: dict[str, str] = {}
    for element in itertools.islice(tree.iter("meta"), 500):
        key = (element.get("name") or element.get("property") or "").lower()
        if key.startswith(("twitter:label", "twitter:data")) and len(cards) < 2 * MAX_CARD_LABELS:
            cards[key] = " ".join((element.get("content") or "")[:MAX_BYLINE_FIELD].split())
    for key, label in cards.items():
        if key.startswith("twitter:label") and _WRITTEN_BY.match(label):
            value = cards.get("twitter:data" + key.removeprefix("twitter:label"), "")
            if names := metadata_authors(value):
                return names
    return []


def _meta_time(tree: Any, names: frozenset[str], timezone: str = "UTC") -> datetime | None:
    """The first ``<meta>`` of one of these names (property, name or itemprop) as UTC."""
    content = _meta_text(tree, names, MAX_META_TIME_CHARS)
    return _moment(content, timezone) if content else None


MAX_META_TIME_CHARS = 100


def _meta_text(tree: Any, names: frozenset[str], limit: int) -> str | None:
    """The content of the first ``<meta>`` of one of these names (property, name or itemprop),
    its first ``limit`` characters."""
    for element in tree.iter("meta"):
        keys = (element.get(attribute) for attribute in ("property", "name", "itemprop"))
        if any(key and key.lower() in names for key in keys) and element.get("content"):
            return str(element.get("content"))[:limit]
    return None


MAX_TIME_ELEMENTS = 50


def time_elements_day(tree: Any, timezone: str = "UTC") -> datetime | None:
    """The time of the page's first ``<time datetime>`` element where every one of them names
    the same day (a page that dates its related articles or comments names several, and then
    none is believed)."""
    moments = [
        moment
        for element in itertools.islice(tree.iter("time"), MAX_TIME_ELEMENTS)
        if (value := element.get("datetime"))
        and (moment := _moment(str(value)[:MAX_META_TIME_CHARS], timezone)) is not None
    ]
    days = {moment.date() for moment in moments}
    return moments[0] if len(days) == 1 else None


def _own_url(tree: Any) -> str | None:
    """The URL the page gives itself: its canonical link, else its ``og:url``."""
    for element in tree.iter("link"):
        if (element.get("rel") or "").lower() == "canonical" and element.get("href"):
            return str(element.get("href"))[:2000]
    for element in tree.iter("meta"):
        if (element.get("property") or "").lower() == "og:url" and element.get("content"):
            return str(element.get("content"))[:2000]
    return None


def _moment(text: str, timezone: str = "UTC") -> datetime | None:
    """An ISO time (else a date line) as UTC; one that names no zone is read in ``timezone``."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_datetime(text, timezone)
    if moment.tzinfo is None:
        # (a day alone, "2022-05-05", is that day: its midnight is not moved by the zone)
        moment = moment.replace(tzinfo=ZoneInfo(timezone) if len(text) > 10 else UTC)
    return moment.astimezone(UTC)
