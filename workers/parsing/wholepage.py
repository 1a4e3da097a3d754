"""Find the article inside a whole-page text dump: the page as a text browser or a converter lays
it out, with menus, trending lists, share bars, captions, related links and footers around it.

The jusText idea applied to lines. Each line is classed by what it is made of: a *good* line is
prose (enough words, enough of them stopwords of the page's language, like sentences are); a
*bad* line is navigation or furniture (a bullet, a word or two, a run of capitalised link
labels); anything else is *short* (a one-line quote, a subheading). The body is the run of lines
with the largest total score (good lines score the square root of their word count, short ones
cost a little, bad ones more), so that one block of prose wins over scattered teasers and
footers; inside it, bad lines are dropped. The headline is looked for above the body: a line of
headline length and case that is no byline, dateline, credit or breadcrumb, about what the body
is about (its content words are in the body), preferably one the page repeats elsewhere (a
breadcrumb, a share text), as pages do with their headline.

Pure and linear: one pass to score, one maximum-sum pass (Kadane) to find the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import py3langid
import stopwordsiso

from workers.parsing.meta import looks_like_metadata

MAX_LINE_WORDS = 400  # longer lines are scored on their first words only
_BULLET = re.compile(r"^(?:[*•◦□▪‣·+o>|-]|\d{1,2}[.)])\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
_NOT_HEADLINE = re.compile(
    r"^(by|updated|posted|published|photo|photograph|image|credit|source|home|you are here|"
    r"sign up|subscribe|welcome|advertisement|share|follow)\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b|"
    r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}:\d{2}|[»›>]|\bcredit\b|^\(|"
    r"\b(associated press|reuters|getty|afp|staff writer)\b",
    re.I,
)
_END = (".", "!", "?", "”", '"', "’", "'", ")", ":", "…", "»")

GOOD, SHORT, BAD = "good", "short", "bad"


@dataclass(frozen=True)
class Line:
    text: str
    words: int
    kind: str


@cache
def _stopwords(language: str) -> frozenset[str]:
    if stopwordsiso.has_lang(language):
        return frozenset(stopwordsiso.stopwords(language))
    return frozenset(stopwordsiso.stopwords("en"))


def language_of(lines: list[str]) -> str:
    sample = " ".join(sorted(lines, key=len, reverse=True)[:20])[:20_000]
    return str(py3langid.classify(sample)[0]) if sample else "en"


def classify(text: str, stopwords: frozenset[str]) -> Line:
    bulleted = bool(_BULLET.match(text))
    tokens = _WORD.findall(text[:4000])[:MAX_LINE_WORDS]
    words = len(tokens)
    if words == 0:
        return Line(text, 0, BAD)
    share = sum(t.lower() in stopwords for t in tokens) / words
    ends = text.rstrip().endswith(_END)
    if bulleted and words < 12:
        kind = BAD
    elif words >= 10 and share >= 0.25 and (ends or words >= 25):
        kind = GOOD
    elif words < 4 and not ends or share < 0.1 and words < 20:
        kind = BAD
    else:
        kind = SHORT
    return Line(text, words, kind)


def score(line: Line) -> float:
    """Good lines count the square root of their words (a long teaser or comment must not
    outweigh a run of ordinary paragraphs); short lines cost 1, bad ones 5. Chosen on the tune
    split of ``python -m bench.parse``."""
    if line.kind == GOOD:
        return float(line.words) ** 0.5
    if line.kind == SHORT:
        return -1.0
    return -5.0


def best_run(scores: list[float]) -> tuple[int, int]:
    """[start, end) of the run of lines with the largest sum (Kadane); (0, 0) if none is
    positive."""
    best, best_at = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, value in enumerate(scores):
        if total <= 0:
            total, start = value, i
        else:
            total += value
        if total > best:
            best, best_at = total, (start, i + 1)
    return best_at


WHOLE_PAGE_LINES = 40  # a clean dump (title, header, paragraphs) is rarely this long...
WHOLE_PAGE_BAD = 0.3  # ...and has few lines of furniture


def looks_whole_page(lines: list[str]) -> bool:
    """A dump of the whole page, chrome and all, rather than of the article alone."""
    if len(lines) < WHOLE_PAGE_LINES:
        return False
    stopwords = _stopwords(language_of(lines))
    bad = sum(classify(line, stopwords).kind == BAD for line in lines)
    return bad / len(lines) >= WHOLE_PAGE_BAD


def article_lines(lines: list[str]) -> tuple[list[str], list[str], list[tuple[int, str]]]:
    """The lines of the article in a whole-page dump, headline first, as a clean dump would have
    them; the lines left out; and the lines around the headline where its byline and dateline
    may be, each with its place relative to the headline (-1: the line above it)."""
    found = find_article(lines)
    if not found.paragraphs:
        return lines, [], []
    head = [found.title] if found.title else []
    return [*head, *found.header, *found.paragraphs], found.dropped, found.around_headline


# Where a page prints the article's date: a few lines above its headline (a kicker, a
# breadcrumb) to the first lines of its body, whatever the line was classed as (a date line
# with a share bar or a pipe is often classed as chrome).
DATELINE_BEFORE = 3
DATELINE_AFTER = 40
DATELINE_INTO_BODY = 5


@dataclass(frozen=True)
class Found:
    title: str | None
    header: list[str]  # the lines between the headline and the body (standfirst, byline, date)
    paragraphs: list[str]
    dropped: list[str]
    # Where the byline and dateline may be: (place relative to the headline, line).
    around_headline: list[tuple[int, str]] = field(default_factory=list)


def find_article(lines: list[str]) -> Found:
    stopwords = _stopwords(language_of(lines))
    classed = [classify(line, stopwords) for line in lines]
    start, end = best_run([score(line) for line in classed])
    if end == 0:
        return Found(None, [], [], list(lines))
    paragraphs = [c.text for c in classed[start:end] if c.kind != BAD]
    title_at = _headline(classed, start, end, stopwords)
    header = (
        [c.text for c in classed[title_at + 1 : start] if c.kind != BAD] if title_at >= 0 else []
    )
    title = classed[title_at].text if title_at >= 0 else None
    kept = set(range(start, end)) | ({title_at} if title_at >= 0 else set())
    dropped = [c.text for i, c in enumerate(classed) if i not in kept or c.kind == BAD]
    around: list[tuple[int, str]] = []
    if title_at >= 0:
        around = _around(
            classed, title_at, min(title_at + 1 + DATELINE_AFTER, start + DATELINE_INTO_BODY)
        )
        # A page that prints its headline twice (a gallery, a sticky header) may print the
        # byline under the other copy.
        copies = [
            i for i, c in enumerate(classed[:ECHO_LINES]) if c.text == title and i != title_at
        ]
        for at in copies[:HEADLINE_COPIES]:
            around.extend(_around(classed, at, min(at + 1 + DATELINE_AFTER, len(classed))))
    return Found(title, header, paragraphs, dropped, around)


def _around(classed: list[Line], at: int, end: int) -> list[tuple[int, str]]:
    return [
        (i - at, classed[i].text)
        for i in range(max(0, at - DATELINE_BEFORE), min(end, len(classed)))
        if i != at
    ]


HEADLINE_COPIES = 2  # other copies of the headline whose surroundings are read for a byline
ECHO_LINES = 3000  # lines searched for a repeat of a headline candidate
ABOUT_WEIGHT = 3.0  # chosen on the tune split of ``python -m bench.parse``


def _echoed(candidate: str, folded: list[str], at: int) -> bool:
    """The candidate appears inside a longer line of the page (a breadcrumb, a share text, the
    page's own title line), as a headline usually does. A line repeated whole is not counted:
    teaser lists are often printed twice."""
    needle = candidate.casefold()
    return any(needle in line and line != needle for i, line in enumerate(folded) if i != at)


# A headline is printed above its byline or dateline: a candidate with one among the next
# lines gains this much (chosen on the tune split of ``python -m bench.parse``).
METADATA_BELOW = 3
METADATA_WEIGHT = 1.5
HEADLINE_WINDOW = 60  # lines above the body searched for its headline
BODY_WORDS = 3000  # words of the body a headline's words are looked for in


def _content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [w for t in _WORD.findall(text[:2000]) if (w := t.casefold()) not in stopwords]


def _headline(
    classed: list[Line], body_start: int, body_end: int, stopwords: frozenset[str]
) -> int:
    """The line above the body that reads most like its headline, or -1: of headline length
    and case, no byline, dateline, credit or breadcrumb; near the body; preferably repeated
    elsewhere on the page (a breadcrumb, a share text), as pages do with their headline; and
    above all about what the body is about: a headline's content words are mostly in the
    body, a teaser's for another article mostly not."""
    best, best_at = 0.0, -1
    folded = [line.text[:2000].casefold() for line in classed[:ECHO_LINES]]
    body: set[str] = set()
    for line in classed[body_start:body_end]:
        if line.kind != BAD and len(body) < BODY_WORDS:
            body.update(_content_words(line.text, stopwords))
    for i in range(max(0, body_start - HEADLINE_WINDOW), body_start):
        line = classed[i]
        text = line.text.strip()
        if not 3 <= line.words <= 30 or _BULLET.match(text) or text.endswith((".", ":")):
            continue
        if _NOT_HEADLINE.search(text[:300]):
            continue
        tokens = _WORD.findall(text)
        capitalised = sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1)
        own = _content_words(text, stopwords)
        about = sum(w in body for w in own) / len(own) if own else 0.0
        near = 1 - (body_start - i) / HEADLINE_WINDOW
        value = 1.0 + capitalised + min(line.words, 12) / 12 + near + ABOUT_WEIGHT * about
        if "|" in text or text.isupper():
            value -= 1.0
        if _echoed(text, folded, i):
            value += 1.0
        if any(looks_like_metadata(c.text) for c in classed[i + 1 : i + 1 + METADATA_BELOW]):
            value += METADATA_WEIGHT
        if value > best:
            best, best_at = value, i
    return best_at
