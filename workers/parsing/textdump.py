"""Plain-text page dumps: headline, standfirst, byline, dateline, repeated headline, body, chrome.

A dump of the whole page (menus, teasers, footers around the article) is first narrowed to the
article's lines by ``wholepage``; a clean dump goes straight on.

Sites order the header lines differently; the parser reads the first few lines after the title
by what they are (dateline, "Updated" line, byline, repeated headline) rather than by position.
A line before the byline or dateline is the standfirst; without either, it is body.
"""

from __future__ import annotations

import re
from datetime import datetime

from workers.parsing.chrome import split_chrome
from workers.parsing.meta import byline_names, is_updated_line, parse_datetime
from workers.parsing.page import PageFields, normalise
from workers.parsing.sources import is_masthead, recognise
from workers.parsing.wholepage import article_lines, looks_whole_page

_HEADER_LINES = 8
_CREDIT = re.compile(
    r"^\s*(\(?(additional )?reporting by|editing by|writing by|compiled by|"
    r"with reporting from)\b.*",
    re.I,
)


def parse_text(text: str, timezone: str | None = None) -> PageFields:
    """Parse a page dump. Datelines that name no zone are read in ``timezone``, else in the
    zone of the site its chrome gives away, else in UTC."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    outside: list[str] = []
    around: list[str] = []
    if looks_whole_page(lines):
        lines, outside, around = article_lines(lines)
    kept, removed = split_chrome(lines)
    page = PageFields(removed=removed)
    page.removed.extend({"line": line, "rule": "outside_article"} for line in outside)
    while kept and is_masthead(kept[0]):
        page.removed.append({"line": kept.pop(0), "rule": "masthead"})
    if not kept:
        return page
    if timezone is None:
        known = recognise([r["line"] for r in page.removed])
        timezone = known.timezone if known else "UTC"
    page.title = kept[0]
    body_start = _read_header(kept, page, timezone)
    page.paragraphs = _body(kept[body_start:], page)
    if page.published_at is None:
        page.published_at = dateline(around, timezone)
    return page


_MARKERS = re.compile(r"^[\s*•·|>\-–—]+")


def dateline(lines: list[str], timezone: str) -> datetime | None:
    """The first line of a whole page's headline area that is a publication date ("| November
    18, 2019 12:01 PM", "* 18 Nov 2019, 19:09"); an "Updated" line is not one."""
    for line in lines:
        text = _MARKERS.sub("", line)
        if text and not is_updated_line(text) and (moment := parse_datetime(text, timezone)):
            return moment
    return None


def _read_header(lines: list[str], page: PageFields, timezone: str) -> int:
    """Fill title-adjacent metadata; return the index where the body starts."""
    title = normalise(page.title or "")
    standfirst_at: int | None = None
    metadata_seen = False
    i = 1
    while i < min(len(lines), _HEADER_LINES + 1):
        line = lines[i]
        if normalise(line) == title:
            page.removed.append({"line": line, "rule": "repeated_headline"})
        elif is_updated_line(line) and (moment := parse_datetime(line, timezone)):
            page.updated_at = page.updated_at or moment
            metadata_seen = True
        elif (moment := parse_datetime(line, timezone)) is not None:
            if page.published_at is None:
                page.published_at = moment
            metadata_seen = True
        elif not page.authors and (names := byline_names(line)):
            page.authors = names
            metadata_seen = True
        elif standfirst_at is None and not metadata_seen and i == 1:
            standfirst_at = i
        else:
            break
        i += 1
    if standfirst_at is not None:
        if metadata_seen:
            page.standfirst = lines[standfirst_at]
        else:
            return standfirst_at  # no byline or dateline followed: it was the first paragraph
    return i


def strip_metadata(paragraphs: list[str], page: PageFields, timezone: str) -> list[str]:
    """Byline, dateline and credit paragraphs an HTML extractor left in the body."""
    body = list(paragraphs)
    while body and len(body[0]) < 120 and _metadata_line(body[0], page, timezone):
        page.removed.append({"line": body.pop(0), "rule": "metadata_line"})
    return _body(body, page)


def _metadata_line(line: str, page: PageFields, timezone: str) -> bool:
    parts = [p.strip() for p in re.split(r"\s+[·|•]\s+", line) if p.strip()]
    found = False
    for part in parts:
        moment = parse_datetime(part, timezone)
        names = byline_names(part, require_by=True) or ([part] if part in page.authors else [])
        if moment is not None:
            page.published_at = page.published_at or moment
        elif names:
            page.authors = page.authors or names
        elif not re.fullmatch(r"\d+ min(ute)?s? read", part, re.I):
            return False
        found = True
    return found


def _body(lines: list[str], page: PageFields) -> list[str]:
    title = normalise(page.title or "")
    body: list[str] = []
    for line in lines:
        if normalise(line) == title:
            page.removed.append({"line": line, "rule": "repeated_headline"})
        elif _CREDIT.match(line):
            page.removed.append({"line": line, "rule": "credit_line"})
            if not page.authors:
                page.authors = _credit_names(line)
        else:
            body.append(line)
    # A byline after the body ("By Jane Doe") belongs to the header.
    while body and (names := byline_names(body[-1], require_by=True)):
        page.authors = page.authors or names
        body.pop()
    return body


def _credit_names(line: str) -> list[str]:
    match = re.match(r"^\s*\(?(?:additional )?reporting by\s+([^;)]+)", line, re.I)
    return byline_names("By " + match.group(1)) if match else []
