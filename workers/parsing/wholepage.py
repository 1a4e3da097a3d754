"""Find the article inside a whole-page text dump: the page as a text browser or a converter lays
it out, with menus, trending lists, share bars, captions, related links and footers around it.

The jusText idea applied to lines. Each line is classed by what it is made of: a *good* line is
prose (enough words, enough of them stopwords of the page's language, like sentences are); a
*bad* line is navigation or furniture (a short bulleted label, a word or two, a run of
capitalised link labels); anything else is *short* (a one-line quote, a subheading, a list's
item that reads as part of a sentence). The body is the run of lines with the largest total
score (good lines score the square root of their word count, short ones cost a little, bad ones
more), so that one block of prose wins over scattered teasers and footers; inside it, bad lines
are dropped. The headline is looked for above the body: a line of headline length and case that
is no byline, dateline, credit or breadcrumb, about what the body is about (its content words
are in the body), preferably one the page repeats elsewhere (a breadcrumb, a share text), as
pages do with their headline.

Pure and linear: one pass to score, one maximum-sum pass (Kadane) to find the run, and up to
three more for blocks of the article an inset cut off from it (a chart's rows, a gallery): the
next best runs that weigh enough and share the run's words.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from typing import NamedTuple

import py3langid
import stopwordsiso

from workers.parsing.chrome import matches_rule, rule_for
from workers.parsing.markdown import NO_MARKS, Marks
from workers.parsing.meta import (
    byline_names,
    copyright_owners,
    is_author_label,
    linked_byline,
    looks_like_metadata,
)
from workers.parsing.page import CJK_LETTERS
from workers.parsing.urls import url_words, word_forms

MAX_LINE_WORDS = 400  # longer lines are scored on their first words only
BULLET = re.compile(r"^(?:[*•◦□▪‣·+o>|-]|\d{1,2}[.)])\s")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)
_NOT_HEADLINE = re.compile(
    r"^(by|updated|posted|published|photo|photograph|image|foto|фото|credit|source|you are here|"
    r"sign up|subscribe|welcome|advertisement|share|follow)\b|^home\s*(?:[|/:-]|$)|"
    # a byline's label in lower case, whatever its names ("von besserwisser eG")
    r"^(?-i:von|par|por|door|di|da)\s|"
    r"\d{1,2}:\d{2}|[»›>]|\bcredits?\s*(?::|\.\.\.|…|$)|^\(|"
    r"\b(associated press|reuters|getty|afp|staff writer)\b|"
    # A page's place in a list ("Seite 34 von 40", "Page 2 of 5"), and a caption's credit
    # inside the line ("... Bild: Photo by Jane Doe on Unsplash"), in the dates' languages.
    r"\b(page|seite|página|pagina|strona)\s\d+\s(of|von|de|di|z|van)\s\d+\b|"
    r"\b(photo|foto|bild|image|imagen|immagine|quelle|source|fonte)\s?:\s|"
    # An address: a renderer's list of the page's links, a share text's URL, an e-mail's.
    r"\bhttps?://|\bwww\.\w|[\w.+-]@[\w-]+\.[a-z]|"
    # A label whose names are on the next line ("Tipps von", "Ein Kommentar von").
    r"\s(?:von|by|par|por|door)$",
    re.I,
)
# A photo credit: a name, a slash and the agency or paper, in capitalised words only ("Anna
# Moneymaker/The New York Times", "(Jacquelyn Martin / Associated Press)", "CANADIAN PRESS/Justin
# Tan").
# Two to four words before the slash: "Ukraine/Russia Talks Resume" is a headline.
_CAPS_WORD = r"(?:of|the|via|and|&|(?-i:[A-Z])[\w&.'’-]*)"
_PHOTO_CREDIT = re.compile(
    rf"^\(?(?-i:[A-Z])[\w&.'’-]*(?:\s{_CAPS_WORD}){{1,3}}\s?/\s?"
    rf"(?-i:[A-Z])[\w&.'’-]*(?:\s{_CAPS_WORD}){{0,5}}\)?$"
)


def is_photo_credit(text: str) -> bool:
    """The line is a picture's credit alone ("(Jacquelyn Martin / Associated Press)")."""
    return bool(_PHOTO_CREDIT.match(text.strip()[:300]))


# A teaser cut short by the page ("...may soon...", "The Surface Go range is seei..."): a word
# and an ellipsis end the line. A longer line that ends so is a paragraph trailing off ("Ich
# probier's einfach mal…"): excerpts are cut before this many words (WordPress's at 55).
_TRUNCATED = re.compile(r"[^\W\d_](?:\.\.\.|…)\s*$")
EXCERPT_WORDS = 60
# A date in a line: a dateline's, unless words enough for a headline stand beside it
# ("Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?").
DATE_IN_LINE = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?)\.? \d{1,2}\b|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
    re.I,
)
# A weekday beside the date: a caption's ("..., left, speaks ..., Tuesday, Nov. 19, 2019, in
# Columbia, S.C.") or a dateline's, never a headline's.
_WEEKDAY = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|montag|dienstag|mittwoch|donnerstag|"
    r"freitag|samstag|sonntag)\b",
    re.I,
)
DATED_HEADLINE_WORDS = 6  # words beside a date that make a line a headline's shape, not a date's
# A quotation in guillemets ("Benjamin Näßler: «Liebe kennt keine Pause»"): its closing mark is
# no breadcrumb's separator.
_GUILLEMETS = re.compile(r"«[^«»]{1,200}»|‹[^‹›]{1,200}›")
# A line that ends a sentence or a label (a headline ends with neither), but not one that
# ends with an abbreviation ("... What's Underneath N.Y.C.", "... in the U.S.").
_ENDS_SENTENCE = re.compile(r"(?:(?<![A-Z])|(?<=[A-Z]{2}))\.$|:$")
# ...unless it is two short sentences or more, the last ending in a period: a headline of that
# style ("Ravenous wild goats ruled this island for over a century. Now, it's being reborn.",
# "... Community? So Do We."), left to the scorer (``sentences``).
_SENTENCE_BREAK = re.compile(r"[^\W\d_]{2}[.?!]['\"’”]?\s+['\"‘“]?[^\W\d_]")
SENTENCES_HEADLINE_WORDS = 16
# What lynx prints first: the page's <link> elements, by rel or title ("#alternate", "#Digg",
# "#Example News » Feed Example News » Comments Feed"). Anywhere else such a line is a hashtag.
LINK_LIST = re.compile(r"#[^\s#]")
# A line wholly in brackets or parentheses: an aside, a promo, a note.
_ASIDE = re.compile(r"^[\[(].*[\])]$")
_END = (".", "!", "?", "”", '"', "’", "'", ")", ":", "…", "»")

GOOD, SHORT, BAD = "good", "short", "bad"


@dataclass(frozen=True)
class Line:
    text: str
    words: int
    kind: str


@cache
def stopwords_of(language: str) -> frozenset[str]:
    if stopwordsiso.has_lang(language):
        return frozenset(stopwordsiso.stopwords(language))
    return frozenset(stopwordsiso.stopwords("en"))


LANGUAGE_SAMPLE = (
    5_000  # characters of the longest lines: plenty for py3langid, whose cost is linear
)


def language_of(lines: list[str]) -> str:
    sample = " ".join(sorted(lines, key=len, reverse=True)[:20])[:LANGUAGE_SAMPLE]
    return str(py3langid.classify(sample)[0]) if sample else "en"


# Han and kana: Chinese and Japanese write no spaces between words, so a run of them is one
# "word" to ``_WORD``. A line mostly of them is measured by its characters instead: about two
# to a word, and prose where it has a clause's or sentence's punctuation (a menu has none).
CJK = re.compile(f"[{CJK_LETTERS}]")
_CJK_PROSE = re.compile(r"[，、。；：！？]")
_CJK_END = ("。", "！", "？", "」", "』", "）", "”")
CJK_CHARS_A_WORD = 2
CJK_PROSE_SHARE = 0.3  # the stopword share a line of CJK prose is given


def classify(text: str, stopwords: frozenset[str]) -> Line:
    head = text[:4000]
    tokens = _WORD.findall(head)[:MAX_LINE_WORDS]
    words = len(tokens)
    if words == 0:
        return Line(text, 0, BAD)
    share = sum(t.lower() in stopwords for t in tokens) / words
    ends = text.rstrip().endswith(_END)
    cjk = len(CJK.findall(head))
    if cjk and cjk * 2 > len("".join(head.split())):
        words = min(MAX_LINE_WORDS, cjk // CJK_CHARS_A_WORD + words)
        share = CJK_PROSE_SHARE if _CJK_PROSE.search(head) else 0.0
        ends = ends or text.rstrip().endswith(_CJK_END)
    if (
        _short_bullet(text, words)
        and not _list_sentence(text, words, share)
        or words < EXCERPT_WORDS
        and _TRUNCATED.search(text[-200:])
    ):
        kind = BAD
    elif words >= 10 and share >= 0.25 and (ends or words >= 25):
        kind = GOOD
    elif words < 4 and not ends or share < 0.1 and words < 20:
        kind = BAD
    else:
        kind = SHORT
    return Line(text, words, kind)


LIST_ITEM_MAX_WORDS = 12  # a bulleted line shorter than this is furniture...
LIST_ITEM_WORDS = 5  # ...unless it reads as part of a sentence
LIST_ITEM_STOPWORDS = 0.2
_LIST_END = (".", ",", ";", ":")


def _short_bullet(text: str, words: int) -> bool:
    return words < LIST_ITEM_MAX_WORDS and bool(BULLET.match(text))


def _list_sentence(text: str, words: int, share: float) -> bool:
    """A bulleted item that reads as part of a sentence or a list of them (an article's
    enumeration: "+ ab 1. Januar 2022 für Zigaretten und Feinschnitt,"), not a
    menu entry or a teaser: some words, some stopwords, and punctuation at its end."""
    return (
        words >= LIST_ITEM_WORDS
        and share >= LIST_ITEM_STOPWORDS
        and text.rstrip().endswith(_LIST_END)
    )


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


WHOLE_PAGE_LINES = 20  # a clean dump (title, header, paragraphs) this long...
WHOLE_PAGE_BAD = 0.3  # ...and has few lines of furniture
# A shorter dump is a whole page too when half of it or more is furniture (a page of a menu,
# a headline, two paragraphs and a footer), never under 10 lines.
SHORT_PAGE_LINES, SHORT_PAGE_BAD = 10, 0.5
OPENING_FURNITURE = 2  # lines of furniture a long dump opens with that make it a whole page
FIRST_LINE_CHARS = 300  # of a dump's first line, read for a menu's item


def looks_whole_page(lines: list[str], language: str | None = None) -> bool:
    """A dump of the whole page, chrome and all, rather than of the article alone."""
    if len(lines) < SHORT_PAGE_LINES:
        return False
    if _short_bullet(lines[0], len(lines[0][:FIRST_LINE_CHARS].split())):
        # A menu's item first ("* Skip to content", "• Aller au menu principal"): a clean dump
        # starts with its headline, whatever share of the page the article's lines are.
        return True
    stopwords = stopwords_of(language or language_of(lines))
    if len(lines) >= WHOLE_PAGE_LINES and all(
        classify(text, stopwords).kind == BAD or matches_rule("page_furniture", text)
        for text in lines[:OPENING_FURNITURE]
    ):
        # A clean dump starts with its headline, a site's name (and a consent banner) over it
        # at most. A long one that opens with lines of furniture (a menu's words, a skip link:
        # "SUBSCRIBE", "NUTRITION"; "Skip to main content", "Search") is the page, however
        # little of it is chrome besides: a long article under a short menu.
        return True
    # A list's items count as furniture here, whether or not they read as sentences: the
    # share that tells a whole page from a clean dump was chosen so.
    bad = sum(
        (line := classify(text, stopwords)).kind == BAD or _short_bullet(text, line.words)
        for text in lines
    )
    share = WHOLE_PAGE_BAD if len(lines) >= WHOLE_PAGE_LINES else SHORT_PAGE_BAD
    return bad / len(lines) >= share


class ArticleLines(NamedTuple):
    """A whole page's article, read out of it by ``article_lines``."""

    lines: list[str]  # headline first, as a clean dump would have them
    outside: list[str]  # the lines left out
    around: list[AroundLine]  # around the headline, where its byline and dateline may be
    after: list[str]  # after the body, where an author box or a labelled byline may be
    headline_first: bool  # False: no headline was found, and the first line is the body's
    under: list[str]  # the first lines under the body, where a writer may sign it
    over: list[str]  # lines further over the headline, nearest first


def article_lines(
    lines: list[str],
    language: str | None = None,
    marks: Marks = NO_MARKS,
    slug: frozenset[str] = frozenset(),
) -> ArticleLines:
    """The article in a whole-page dump. ``marks``: what the dump's markup (Markdown) says of
    its lines, if any; ``slug``: the words of the page's URL slug (``urls.slug_words``), if it
    came with one."""
    found = find_article(lines, language, marks, slug)
    if not found.paragraphs:
        return ArticleLines(lines, [], [], [], True, [], [])
    head = [found.title] if found.title else []
    article = [*head, *found.header, *found.paragraphs]
    return ArticleLines(
        article,
        found.dropped,
        found.around_headline,
        found.after_body,
        bool(head),
        found.under,
        found.over,
    )


# Where a page prints the article's date: a few lines above its headline (a kicker, a
# breadcrumb) to the first lines of its body, whatever the line was classed as (a date line
# with a share bar or a pipe is often classed as chrome).
DATELINE_BEFORE = 3
DATELINE_AFTER = 40
DATELINE_INTO_BODY = 5
# Further over the headline, a line that is a date alone is read where nothing nearer dated
# the article: a header printed over a gallery, a share bar and a kicker.
DATE_OVER_LINES = 30


class AroundLine(NamedTuple):
    """A line of the headline area, where the byline and dateline may be."""

    text: str
    place: int  # relative to the headline: -1 is the line above it, 1 the line below
    above_body: int  # lines to the body's first line: 1 is the line just above it


@dataclass(frozen=True)
class Found:
    title: str | None
    header: list[str]  # the lines between the headline and the body (standfirst, byline, date)
    paragraphs: list[str]
    dropped: list[str]
    around_headline: list[AroundLine] = field(default_factory=list)  # byline, dateline
    # where an author box or a labelled byline may be: lines left out of the body's run, then
    # the lines after it
    after_body: list[str] = field(default_factory=list)
    under: list[str] = field(default_factory=list)  # the first lines under the body
    over: list[str] = field(default_factory=list)  # lines further over the headline


@dataclass(frozen=True)
class Layout:
    """A whole page's lines, classed, and the run of them that is the body."""

    classed: list[Line]
    start: int
    end: int  # 0: no body found
    stopwords: frozenset[str]
    # each line's score as the run was found (a subheading kept inside the run scores as the
    # furniture it was classed as first)
    scores: list[float]
    code: frozenset[int] = frozenset()  # lines of a program the article prints
    sections: frozenset[int] = frozenset()  # a contents list's lines and the headings it names
    folded: list[str] = field(default_factory=list)  # the first lines, case-folded, for lookups

    @classmethod
    def of(cls, lines: list[str], language: str | None = None, marks: Marks = NO_MARKS) -> Layout:
        stopwords = stopwords_of(language or language_of(lines))
        classed = [classify(line, stopwords) for line in lines]
        for i in marks.links:  # a line that is a link is a menu entry or a teaser
            classed[i] = Line(classed[i].text, classed[i].words, BAD)
        if classed and LINK_LIST.match(classed[0].text):
            # what lynx prints first: the page's <link> elements and their titles ("#alternate
            # alternate Minecraft 1.8 - The Bountiful Update + Added Granite, ..."), never prose
            classed[0] = Line(classed[0].text, classed[0].words, BAD)
        for i in _captions_twice(classed):
            classed[i] = Line(classed[i].text, classed[i].words, BAD)
        for i in _numbered_items(classed):
            classed[i] = Line(classed[i].text, classed[i].words, SHORT)
        scores = [score(line) for line in classed]
        code = _code_lines(classed)
        for i in code:
            # a program's lines inside the article: its text, which the run may go on past
            # (a Markdown fence's own line stays out of the text)
            if not _FENCE.match(classed[i].text):
                classed[i] = Line(classed[i].text, classed[i].words, SHORT)
            scores[i] = 0.0
        for i, line in enumerate(classed):
            # An advertisement's label between two paragraphs ("Advertisement", "Anzeige",
            # "Story continues below"): an insert the article goes on past, not its end.
            if (
                line.kind == BAD
                and line.words <= AD_LABEL_WORDS
                and matches_rule("advertisement", line.text)
            ):
                scores[i] = 0.0
        for i in _gallery_after_its_first(classed):
            scores[i] = 0.0
        # A table of contents and the subheadings it names: the article goes on past them
        # (a post's opening paragraphs over its contents list are its body's too).
        folded = [line.text[:2000].casefold() for line in classed[:ECHO_LINES]]
        sections = listed_sections(folded)
        for i in sections:
            scores[i] = 0.0
        start, end = best_run(scores)
        if end:
            end = _across_toolbar(classed, scores, start, end)
            end = _tail_below(classed, end)
            for i in range(start + 1, end - 1):
                if classed[i].kind == BAD and _subheading(classed, i, marks.links):
                    classed[i] = Line(classed[i].text, classed[i].words, SHORT)  # kept
        return cls(classed, start, end, stopwords, scores, frozenset(code), sections, folded)


AD_LABEL_WORDS = 4
# A picture as a text browser prints it: its alternative text in brackets, alone on its line.
PICTURE_PLACEHOLDER = re.compile(r"\[[^\[\]]{1,80}\]")


def _gallery_after_its_first(classed: list[Line]) -> list[int]:
    """The pictures of a gallery a text browser printed between two paragraphs, after its
    first ("[ID]" five times in a row): a gallery costs the article's run what one picture
    costs, so the article goes on past it."""
    found: list[int] = []
    i = 0
    while i < len(classed):
        j = i
        while j < len(classed) and PICTURE_PLACEHOLDER.fullmatch(classed[j].text.strip()):
            j += 1
        between = i > 0 and j < len(classed) and classed[i - 1].kind == classed[j].kind == GOOD
        if j - i > 1 and between:
            found.extend(k for k in range(i + 1, j) if classed[k].kind == BAD)
        i = max(j, i + 1)
    return found


CAPTION_TWICE_WORDS = 8  # a sentence printed twice in a row, this long or longer, is a caption
_SENTENCE_END = (".", "!", "?", ")", '"', "”")


def _captions_twice(classed: list[Line]) -> list[int]:
    """Sentences printed twice in a row: a picture's alternative text and its caption, which
    dumps print one under the other ("US President Donald Trump looks on as he speaks ...").
    Both are furniture, however much they read as prose; a headline printed twice ends with
    no full stop, and a paragraph printed over and over is not a pair."""
    found: list[int] = []
    for i in range(1, len(classed)):
        line = classed[i]
        if (
            line.words >= CAPTION_TWICE_WORDS
            and line.text == classed[i - 1].text
            and (i < 2 or classed[i - 2].text != line.text)
            and (i + 1 == len(classed) or classed[i + 1].text != line.text)
            and line.text.rstrip().endswith(_SENTENCE_END)
        ):
            found.extend((i - 1, i))
    return found


# A numbered line ("3. Don't use a wooden luggage rack"): a menu's entry or a list's item, or a
# list article's heading, which a paragraph or more separates from the one numbered before it.
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")


ITEM_HEADING_WORDS = 3  # the fewest words of a list article's item heading


def _item_heading(line: Line) -> bool:
    """A numbered line of a heading's shape: some words, and no label, byline or dateline."""
    return (
        line.words >= ITEM_HEADING_WORDS
        and not line.text.rstrip().endswith((":", "|"))
        and not looks_like_metadata(line.text)  # "2. Pingback von ... | 26.06.2012 10:43"
    )


def _numbered_items(classed: list[Line]) -> list[int]:
    """The numbered lines classed as furniture that head the items of a list article: each
    item's number follows the one before it, with prose between them (a menu's or a most-read
    list's numbers are line after line)."""
    found: set[int] = set()
    last_at, last_number, prose = -1, 0, False
    for i, line in enumerate(classed):
        numbered = _NUMBERED.match(line.text) if line.text[:1].isdigit() else None
        if numbered is not None and not _item_heading(line):
            numbered = None  # a reference's number ("2. 2."), a comment's ("1. Jane says:")
        if numbered is None:
            prose = prose or line.kind == GOOD
            continue
        number = int(numbered.group(1))
        if number == last_number + 1 and prose and last_at >= 0:
            found.update(j for j in (last_at, i) if classed[j].kind == BAD)
        last_at, last_number, prose = i, number, False
    return sorted(found)


# What marks a line as a program's rather than prose's: a call ("res.json().then("), an
# assignment or comparison, an arrow, a brace or bracket, a statement's semicolon at its end, a
# comment's slashes or a prompt first, a terminal table's rules ("status_code │ period"), SQL's
# clauses and Python's statements.
_CODE = re.compile(
    r"\w\(|\s[=!<>+*/-]?=\s|[=!]==?|=>|->|<-|::|&&|\|\||[{}]|[;(\[]\s*$|^\s*[)\]]|"
    r"^\s*(?://|#!|\$ |>>> )|[│┼─]{1,3}|"
    # SQL's clauses, in capitals, alone or before a name ("SELECT *", "ORDER BY period"), not
    # a label's capitals ("FROM OUR PARTNERS")
    r"^\s*(?:SELECT|FROM|WHERE|WITH|JOIN|GROUP BY|ORDER BY)(?=\s*$|\s+[^A-Z\s])|"
    # a statement in Python's keywords, which has no braces ("import sys", "return b.x"), not
    # a phrase that starts with the same word ("return to the top", "except for members")
    r"^\s*(?:import [\w.]+(?: as \w+)?$|from [\w.]+ import |return(?: \S+)?$|class \w+[(:]|"
    r"elif |else:|try:|except(?: \w+)?(?: as \w+)?:$|finally:|(?:for|if|while|with) [^:]{1,80}:$)"
)
CODE_LINES = 3  # a program printed in an article has at least this many lines of code...
CODE_SHARE = 0.6  # ...which are this share of its lines, none of them a paragraph
CODE_CHARS = 300  # a longer line is no program's
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")  # a Markdown fence, which opens or closes code


def _code_lines(classed: list[Line]) -> list[int]:
    """The lines of programs an article prints: a run of lines, none of them prose, most of
    them code; or a Markdown fence, what it holds and the fence that closes it (a fence that
    nothing closes holds nothing). Linear in the lines."""
    fences = [i for i, line in enumerate(classed) if _FENCE.match(line.text)]
    closed = len(fences) - len(fences) % 2
    fenced = bytearray(len(classed) + 1)  # 1: a fence's line, or a line between two
    for opened, closes in zip(fences[:closed:2], fences[1:closed:2], strict=True):
        fenced[opened : closes + 1] = b"\x01" * (closes + 1 - opened)
    found: list[int] = []
    block: list[int] = []
    code = 0
    for i, line in enumerate([*classed, Line("", 0, GOOD)]):
        if line.kind == GOOD and not fenced[i]:
            if code >= CODE_LINES and code >= CODE_SHARE * len(block):
                found.extend(block)
            block, code = [], 0
            continue
        block.append(i)
        shaped = len(line.text) <= CODE_CHARS and _CODE.search(line.text) is not None
        code += fenced[i] or shaped
    return found


SUBHEADING_WORDS = (2, 12)
SUBHEADING_CHARS = 200  # a longer line is no subheading, whatever its word count
_SUBHEADING_END = (":", "…", "...")


def _subheading(classed: list[Line], i: int, links: frozenset[int]) -> bool:
    """A line of the body's run classed as furniture that is the article's own subheading
    ("Haussegen hängt schief", "Ilmastonmuutos vaikuttaa terveyteen"): a few words, a capital
    first, over a paragraph, and nothing a menu, a teaser's label, a caption's credit, an
    embed's placeholder or a byline would be."""
    line = classed[i]
    text = line.text.strip()
    lo, hi = SUBHEADING_WORDS
    return (
        lo <= line.words <= hi
        and len(text) <= SUBHEADING_CHARS
        and classed[i + 1].kind == GOOD
        and i not in links
        and text[:1].isupper()
        and "|" not in text
        and "©" not in text
        and not text.endswith(_SUBHEADING_END)
        and not BULLET.match(text)
        and not _NOT_HEADLINE.search(text)
        and not is_photo_credit(text)
        and rule_for(text) is None
        and not looks_like_metadata(text)
        and not byline_names(text)
    )


TOOLBAR_RUN = 2  # a body's run of this many paragraphs or fewer may go on past a toolbar
TOOLBAR_LINES, TOOLBAR_WORDS = 10, 3  # ...of at most this many lines of this many words


def _across_toolbar(classed: list[Line], scores: list[float], start: int, end: int) -> int:
    """The end of a short run moved past a toolbar right under it ("Artikel teilen", "Link
    kopieren", ...) to the paragraphs the toolbar split from their standfirst."""
    if sum(line.kind == GOOD for line in classed[start:end]) > TOOLBAR_RUN:
        return end
    at = end
    while (
        at < len(classed)
        and at - end < TOOLBAR_LINES
        and classed[at].kind == BAD
        and classed[at].words <= TOOLBAR_WORDS
    ):
        at += 1
    if at == end or at >= len(classed) or classed[at].kind != GOOD:
        return end
    total, best, best_end = 0.0, 0.0, end
    for i in range(at, len(classed)):
        total += scores[i]
        if total > best:
            best, best_end = total, i + 1
        elif total < 0:
            break
    return best_end


TAIL_WORDS = 5  # a sentence this long right under the body's run is its last paragraph
TAIL_LINES = 3  # ...and so are a few of them


def _tail_below(classed: list[Line], end: int) -> int:
    """The body's run's end, moved down over the short sentences right under it (an article
    often ends on one: "Ich hoffe euch gefällt der Relaunch."): the largest-sum run never ends
    on a line that costs."""
    for _ in range(TAIL_LINES):
        below = classed[end] if end < len(classed) else None
        if below is None or below.kind != SHORT or below.words < TAIL_WORDS:
            break
        text = below.text.strip()
        # Not a credit ("(Reporting by ...)") nor a teaser's prompt ("Das könnte dich auch
        # interessieren …").
        if not text.endswith(_END) or text.startswith("(") or text.endswith(("…", "...")):
            break
        end += 1
    return end


# Five spaces or more between two cells a text browser laid side by side.
COLUMN_GAP = re.compile(r"(?<=\S) {5,}(?=\S)")


def first_cell(text: str) -> str:
    """What ``text`` holds before its first column gap (all of it if it has none)."""
    return COLUMN_GAP.split(text, maxsplit=1)[0]


def find_article(
    lines: list[str],
    language: str | None = None,
    marks: Marks = NO_MARKS,
    slug: frozenset[str] = frozenset(),
) -> Found:
    """The article in a whole page's lines (``language``: the page's, if already known;
    ``marks``: headings and links, if the dump marks them; ``slug``: its URL slug's words)."""
    layout = Layout.of(lines, language, marks)
    classed, start, end = layout.classed, layout.start, layout.end
    if end == 0:
        return Found(None, [], [], list(lines))
    # The article's first paragraphs over an inset that stopped the run (a chart's hundreds of
    # rows, a gallery), when the part under it weighs more: its headline is over them.
    earlier = _continuing_runs(layout, start, end, 0, start)
    head_layout = replace(layout, start=min(earlier)) if earlier else layout
    context = HeadlineContext.of(head_layout, marks.headings, slug)
    title_at = _headline(context)
    # A headline the body's run took in (it read as prose): the body starts under it.
    start = max(start, title_at + 1)
    # The body's first line: under the headline, the first of those earlier paragraphs (and
    # what stands between them and the run: the lines a headline has over the run are its
    # header, in the body already).
    first = min([i for i in earlier if i > title_at] or [start])
    # The article's prose under an inset that stopped the run, and over the run where no
    # headline was found.
    above = start if title_at >= 0 else 0
    more = _continuing_runs(layout, start, end, above, len(classed))
    body_lines = sorted({*range(first, end), *more})
    paragraphs = [classed[i].text for i in body_lines if classed[i].kind != BAD]
    listed = _teaser_runs(classed, title_at + 1, first) if title_at >= 0 else set()
    header = (
        [
            c.text
            for i, c in enumerate(classed[title_at + 1 : first], title_at + 1)
            if c.kind != BAD and i not in listed
        ]
        if title_at >= 0
        else []
    )
    title = first_cell(classed[title_at].text) if title_at >= 0 else None
    if title and slug:
        title = spelled_part(title, slug, layout.stopwords)
    kept = set(body_lines) | ({title_at} if title_at >= 0 else set())
    dropped = [c.text for i, c in enumerate(classed) if i not in kept or c.kind == BAD]
    around: list[AroundLine] = []
    if title_at >= 0:
        end_at = min(title_at + 1 + DATELINE_AFTER, first + DATELINE_INTO_BODY)
        around = _around(classed, title_at, end_at, first, marks.writers)
        # A page that prints its headline twice (a gallery, a sticky header) may print the
        # byline under the other copy.
        copies = [
            i for i, c in enumerate(classed[:ECHO_LINES]) if c.text == title and i != title_at
        ]
        for at in copies[:HEADLINE_COPIES]:
            around.extend(_around(classed, at, at + 1 + DATELINE_AFTER, first, marks.writers))
    else:
        # No headline found: the byline and dateline may still be printed over the body.
        around = _around(classed, first, first, first, marks.writers)
    # (and the lines of the body's run left out of it, where a labelled byline may be too:
    # "Door: Els Stultiens" between the last paragraph and a list of related articles)
    left_out = [c.text for c in classed[start:end] if c.kind == BAD]
    after = [*left_out, *(c.text for c in classed[end : end + AUTHOR_BOX_LINES])]
    under = [c.text for c in classed[end : end + SIGNATURE_LINES]]
    over: list[str] = []
    if title_at >= 0:
        top = max(0, title_at - DATE_OVER_LINES)
        over = [c.text for c in reversed(classed[top : max(0, title_at - DATELINE_BEFORE)])]
    if title:
        title = unkicked(title, classed, context.folded, title_at)
    return Found(title, header, paragraphs, dropped, around, after, under, over)


# Between a headline and its body's run, this many lines in a row of a headline's shape (a
# capital first, no sentence's end, no byline or date) are a list: a video playlist's or
# related stories' titles, which Markdown would show as links. A header's own lines (a
# standfirst, a byline, a dateline, a caption) are a few, and end a sentence or name and date.
# (An article's own list there, its bullets lost, goes too: on the tune splits, two pages.)
TEASER_RUN = 4
TEASER_WORDS = (3, 15)  # the fewest and most words of such a title


def _teaser_runs(classed: list[Line], start: int, end: int) -> set[int]:
    """The lines in ``[start, end)`` inside runs of ``TEASER_RUN`` or more titles (furniture
    between the titles, "Replay", "(16 Videos)", breaks no run)."""
    found: set[int] = set()
    run: list[int] = []
    for i in range(start, end):
        line = classed[i]
        if _title_shaped(line):
            run.append(i)
        elif line.kind != BAD:
            found.update(run if len(run) >= TEASER_RUN else ())
            run = []
    found.update(run if len(run) >= TEASER_RUN else ())
    return found


def _title_shaped(line: Line) -> bool:
    """A short line of a title's shape: a capital first (a wrapped paragraph's lines run on),
    no sentence's end, no byline or date."""
    return (
        line.kind == SHORT
        and TEASER_WORDS[0] <= line.words <= TEASER_WORDS[1]
        and line.text.lstrip()[:1].isupper()
        and not line.text.rstrip().endswith(_END)
        and not looks_like_metadata(line.text)
    )


# Beside the body's run, other runs of prose are the article's too when they weigh a fifth of
# it or more, hold three paragraphs or more, and a fifth or more of their content words are
# the run's: an article that a chart, a gallery or a list of figures cut into blocks, not a
# comment, a teaser or a prompt. Chosen on the tune splits (bench.parse's tune, extra and
# traf tune pages, text, Markdown, w3m and lynx renderings), for the runs under the body's.
MORE_RUNS = 3
MORE_RUN_SHARE = 0.2
MORE_RUN_PARAGRAPHS = 3
MORE_RUN_OVERLAP = 0.2


def _continuing_runs(layout: Layout, start: int, end: int, low: int, high: int) -> list[int]:
    """Lines of the next best runs in lines ``[low, high)``, outside the run ``[start, end)``,
    that continue the article (run by run, best first: the caller sorts them)."""
    classed, scores = layout.classed, layout.scores  # (no line outside the run was re-classed)
    top = sum(score(line) for line in classed[start:end])
    words: set[str] | None = None  # the run's, read once a run under it may continue it
    masked = [-math.inf] * low + scores[low:high] + [-math.inf] * (len(scores) - max(low, high))
    masked[start:end] = [-math.inf] * (end - start)
    found: list[int] = []
    for _ in range(MORE_RUNS):
        at, to = best_run(masked)
        if to == 0:
            break
        masked[at:to] = [-math.inf] * (to - at)
        if sum(scores[at:to]) < MORE_RUN_SHARE * top:
            break  # and every run after it weighs less
        run = classed[at:to]
        if sum(line.kind == GOOD for line in run) < MORE_RUN_PARAGRAPHS:
            continue
        if words is None:
            words = _words_of(classed[start:end], layout.stopwords)
        own = _words_of(run, layout.stopwords)
        if own and len(own & words) >= MORE_RUN_OVERLAP * len(own):
            found.extend(range(at, to))
    return found


def _words_of(lines: list[Line], stopwords: frozenset[str]) -> set[str]:
    words: set[str] = set()
    for line in lines:
        if line.kind != BAD:
            words.update(_content_words(line.text, stopwords))
    return words


def _around(
    classed: list[Line], at: int, end: int, body_at: int, writers: frozenset[int] = frozenset()
) -> list[AroundLine]:
    """The lines around a headline; one that links a writer's page (a Markdown dump's
    ``[Jane Doe](/author/jane-doe)``) reads as the byline it is."""
    return [
        AroundLine(_by(classed[i].text) if i in writers else classed[i].text, i - at, body_at - i)
        for i in range(max(0, at - DATELINE_BEFORE), min(end, len(classed)))
        if i != at
    ]


def _by(text: str) -> str:
    return linked_byline(text) or text


SIGNATURE_LINES = 3  # lines under the body where a writer's name alone may sign it
AUTHOR_BOX_LINES = 30  # lines after the body where an author's box ("Jane Doe is a ...") is read
HEADLINE_COPIES = 2  # other copies of the headline whose surroundings are read for a byline
ECHO_LINES = 3000  # lines searched for a repeat of a headline candidate


def _echoed(candidate: str, folded: list[str], at: int) -> bool:
    """The candidate appears inside a longer line of the page (a breadcrumb, a share text, the
    page's own title line), as a headline usually does. A line repeated whole is not counted:
    teaser lists are often printed twice. Nor is the line right under it that opens with it:
    w3m prints a picture's alternative text on a line of its own, over the caption that
    repeats it ("Cowboyboots von Crocs" over "Cowboyboots von Crocs – werden auch ...")."""
    needle = candidate.casefold()
    head = needle[:ECHO_PREFIX]
    for i, line in enumerate(folded):
        if i == at or line == needle:
            continue
        if i == at + 1 and line.startswith(needle):
            continue  # a picture's text over its caption, which opens with it
        if needle in line:
            return True
        # Cut short where the line ends: "Home > Histo-Monte: Pis ..." (a breadcrumb).
        start = line.find(head) if len(needle) > ECHO_PREFIX else -1
        if start >= 0:
            rest = line[start:].rstrip()
            cut = rest.removesuffix("...").removesuffix("…").rstrip()
            if len(cut) < len(rest) <= len(needle) + 4 and needle.startswith(cut):
                return True
    return False


ECHO_PREFIX = 12  # the fewest characters of a headline a breadcrumb cut short still shows


# A table of contents: this many list items in a row or more, each printed again lower on the
# page as a line of its own, in the same order and with lines between them (a section's
# heading: "Inhalt" over "* Ab wann legen Hühner Eier?", "1. Schmerz und seine Funktion"). A
# list of other articles (a "most read" list that names this one too) has items that are
# printed nowhere else; a breadcrumb's are printed again as a headline's kicker, next to it.
CONTENTS_ENTRIES = 3
# A dump that prints no list markers (Chromium's text) leaves a contents list as bare short
# lines. Those need more entries in a row: a kicker, a headline and a standfirst that a teaser
# lower down prints again are three such lines.
BARE_ENTRIES = 5
SECTION_WORDS = 8  # a bare line of a contents list has at most this many words


def listed_sections(folded: list[str]) -> frozenset[int]:
    """The lines of case-folded page lines ``folded`` that a table of contents lists (the
    article's subheadings), and the contents list's own lines: linear in the lines."""
    at: dict[str, list[int]] = {}
    for i, line in enumerate(folded):
        if not BULLET.match(line):
            at.setdefault(line, []).append(i)
    sections: set[int] = set()
    run: list[tuple[int, int]] = []  # the current run of items: (its line, the line it names)
    bare = 0  # how many of the run's items carry no bullet

    def close() -> None:
        nonlocal bare
        if len(run) >= (BARE_ENTRIES if bare else CONTENTS_ENTRIES):
            sections.update(i for pair in run for i in pair)
        run.clear()
        bare = 0

    for i, line in enumerate([*folded, ""]):
        item = BULLET.match(line)
        if item is None and not (line and len(line.split()) <= SECTION_WORDS):
            close()
            continue
        printed = at.get(line[item.end() :].lstrip() if item else line, [])
        later = printed[after] if (after := bisect.bisect_right(printed, i)) < len(printed) else -1
        if run and later <= run[-1][1] + 1:
            # An item printed nowhere else, or not under the section before with text between
            # them (a breadcrumb's items, printed again as the headline and its kicker).
            close()
        if later >= 0:
            run.append((i, later))
            bare += item is None
    return frozenset(sections)


HEADLINE_WINDOW = 60  # lines above the body searched for its headline
BODY_WORDS = 3000  # words of the body a headline's words are looked for in


def _content_words(text: str, stopwords: frozenset[str]) -> list[str]:
    return [w for t in _WORD.findall(text[:2000]) if (w := t.casefold()) not in stopwords]


METADATA_BELOW = 3  # lines under a headline where its byline or dateline is looked for
HEADLINE_WORDS = (3, 30)  # the fewest and most words of a headline
# Of a whole page's headline candidate: two words may be a headline too ("Unstillbares
# Heimweh"), scored down by the ``two_words`` weight.
CANDIDATE_WORDS = (2, HEADLINE_WORDS[1])
STANDFIRST_WORDS = 12  # a line under a headline this long may be its standfirst
FAR_HEADINGS = 4  # the page's first marked headings read as candidates above the window
# A line this far above the body is a candidate too when its URL's slug spells 80 % of its
# words (three or more): a gallery, a video or a long teaser list may stand between them.
SLUG_LINES, SLUG_SHARE = 1000, 0.8
BYLINE_WORDS = 12  # a byline or dateline under a headline the body's run took in is this short
SPELLED_INTO_BODY = 2  # the body's first lines where a line its URL spells may be the headline
SPELLED_WORDS = 3  # ...if the URL spells this many of its words at least
HEADING_INTO_BODY = 3  # a marked heading this far into the body's run may still be the headline

# What makes a line the headline, one weight per feature of ``headline_features``: fitted as a
# conditional logit over each page's candidates, on the tune split and the extra tune pages
# only, by ``python -m bench.headline`` (which prints this table). ``slug`` was fitted alone
# (``--only slug``), the others kept: a page that comes without a URL is read as before; so was
# ``slug_covered``, later (``--only slug_covered``: right picks 0.932 -> 0.935 on the 2,287
# learnable tune dumps, and 2,131 -> 2,138 fitted on four fifths of the tune sites and counted
# on the fifth left out, in turn; all weights refitted with it gave 2,136); and ``sentences``
# (``--only sentences``), when such lines became candidates.
HEADLINE_WEIGHTS = {
    "capitalised": -0.22,
    "length": 1.18,
    "near": -0.12,
    "about": 1.87,
    "unrelated": -0.97,
    "echoed": 1.69,
    "repeated": 0.49,
    "metadata_below": 1.58,
    "pipe_or_caps": -0.35,
    "prose_below": -0.07,
    "after_furniture": 0.60,
    "heading": 1.53,
    "two_words": -1.64,
    "slug": 2.92,
    "slug_covered": 1.36,
    "sentences": -0.13,
}


@dataclass(frozen=True)
class HeadlineContext:
    classed: list[Line]
    folded: list[str]  # the page's lines, case-folded, for repeats
    body: frozenset[str]  # content words of the body
    body_start: int
    body_end: int
    stopwords: frozenset[str]
    headings: frozenset[int]  # lines marked as top-level headings
    owners: tuple[str, ...] = ()  # what the page's copyright lines name, case-folded
    slug: frozenset[str] = frozenset()  # the words of the page's URL slug, if it has one
    sections: frozenset[int] = frozenset()  # lines a table of contents lists: subheadings
    code: frozenset[int] = frozenset()  # lines of a program the article prints

    @classmethod
    def of(
        cls,
        layout: Layout,
        headings: frozenset[int] = frozenset(),
        slug: frozenset[str] = frozenset(),
    ) -> HeadlineContext:
        folded = layout.folded
        # A line the page prints more than once inside its body ("CONTINUA DEPOIS DA
        # PUBLICIDADE" between paragraphs) is a label, not what the body is about.
        seen = Counter(folded[layout.start : layout.end])
        body: set[str] = set()
        for i in range(layout.start, layout.end):
            line = layout.classed[i]
            if i in headings and i < layout.start + HEADING_INTO_BODY:
                continue  # a headline candidate itself: its words would be "about the body"
            if i < len(folded) and seen[folded[i]] > 1:
                continue
            if line.kind != BAD and len(body) < BODY_WORDS:
                body.update(_content_words(line.text, layout.stopwords))
        owners = copyright_owners(line.text for line in layout.classed[:ECHO_LINES])
        return cls(
            layout.classed,
            folded,
            frozenset(body),
            layout.start,
            layout.end,
            layout.stopwords,
            headings,
            owners,
            slug,
            layout.sections,
            layout.code,
        )

    def in_slug(self, text: str) -> float:
        return slug_share(text, self.slug, self.stopwords)

    def covers_slug(self, text: str) -> float:
        return slug_covered(text, self.slug, self.stopwords)

    def _spelled_in_body(self, i: int) -> bool:
        """One of the body's first lines that the page's URL spells, in words enough: a
        headline the run took in ("Termine Whisky Tastings Januar – Mai 2020 ..." between a
        motto and the text), not a subheading that shares a few of its words."""
        if not self.slug or i >= self.body_start + SPELLED_INTO_BODY:
            return False
        text = self.classed[i].text
        # Its content words, or all of its words: a long stopword list leaves a short headline
        # ("Woher kommt die dicke Luft?") few words of its own.
        return any(
            spelled >= SPELLED_WORDS and spelled >= SLUG_SHARE * words
            for spelled, words in (
                slug_spelled(text, self.slug, self.stopwords),
                slug_spelled(text, self.slug, frozenset()),
            )
        )

    def names_owner(self, text: str) -> bool:
        """The line is what a copyright line of the page names: the publisher ("The Washington
        Post" over "washingtonpost.com © 1996-2015 The Washington Post"), not a headline."""
        folded = text.casefold()
        return any(folded in owner for owner in self.owners)

    def is_standfirst(self, i: int) -> bool:
        """A line that may stand between a headline and its byline: of standfirst length, and
        no byline or dateline itself."""
        line = self.classed[i]
        return line.words >= STANDFIRST_WORDS and not looks_like_metadata(line.text)

    def _bylined(self, i: int) -> bool:
        """The next line is a short byline or dateline."""
        below = self.classed[i + 1]
        return below.words <= BYLINE_WORDS and looks_like_metadata(below.text)

    def _window_start(self) -> int:
        """The first line of the ``HEADLINE_WINDOW`` lines above the body, not counting what a
        text browser prints for an element without text ("[IMG]", a form's "____"): elinks and
        links print a line for every picture of a video's playlist between a headline and its
        body, where lynx prints none."""
        counted, start = 0, self.body_start
        while start > 0 and counted < HEADLINE_WINDOW:
            start -= 1
            counted += not matches_rule("browser_marker", self.classed[start].text)
        return start

    def candidates(self) -> list[int]:
        """Lines above the body of headline shape: 3 to 30 words, no bullet, no sentence or
        label ending (two short sentences may end in a period), no byline, dateline, credit,
        breadcrumb or address; and, of that shape among the body's first lines, marked
        headings and lines a short byline or dateline follows; and, of that shape, lines
        further above that the page's URL spells."""
        found = []
        into_body = min(self.body_start + HEADING_INTO_BODY, self.body_end - 1)
        window = self._window_start()
        # A marked top-level heading is a candidate however far above the body it is: a
        # gallery or a video may stand between a page's headline and its text.
        far = [i for i in sorted(self.headings) if i < window][:FAR_HEADINGS]
        above = range(window, self.body_start)
        inside = (
            i
            for i in range(self.body_start, into_body)
            # a marked heading, or a line the body's run took in whose byline or dateline
            # follows it ("The GOP Is the Problem. ..." over "By Eric Levitz @EricLevitz"),
            # or that the page's URL spells
            if i in self.headings or self._bylined(i) or self._spelled_in_body(i)
        )
        spelled = (
            [
                i
                for i in range(min(window, SLUG_LINES))
                if self.classed[i].words >= HEADLINE_WORDS[0]
                and self.in_slug(self.classed[i].text) >= SLUG_SHARE
            ]
            if self.slug
            else []
        )
        for i in dict.fromkeys((*far, *above, *inside, *spelled)):
            line = self.classed[i]
            text = line.text.strip()
            low, high = CANDIDATE_WORDS
            if not low <= line.words <= high or BULLET.match(text):
                continue
            if _ENDS_SENTENCE.search(text) and not _sentences(text, line.words):
                continue
            if _ASIDE.match(text):
                continue  # "[What you need to know ...: Get New York Today in your inbox.]"
            if i == 0 and LINK_LIST.match(text):
                continue  # what lynx prints first: the page's <link> elements ("#alternate")
            if i in self.sections or i in self.code:
                continue  # a section's heading, which the article's contents list; code
            if _NOT_HEADLINE.search(_GUILLEMETS.sub("q", text[:300])):
                continue
            if DATE_IN_LINE.search(text[:300]) and (
                _WEEKDAY.search(text[:300])
                or len(DATE_IN_LINE.sub(" ", text[:300]).split()) < DATED_HEADLINE_WORDS
            ):
                continue
            if is_photo_credit(text):
                continue
            if i + 1 < len(self.classed) and is_photo_credit(self.classed[i + 1].text):
                continue  # a caption, its picture's credit under it
            if byline_names(text, require_by=True) or is_author_label(text):
                continue  # "von Jane Doe", "Erstellt von kidogo": a byline, in any language
            # Never a line the chrome rules take out ("Topics: uber, Sydney, ...") nor the
            # publisher's name: the article would be left with no headline, or the site's.
            if rule_for(text) is None and not self.names_owner(text):
                found.append(i)
        return found


def slug_share(text: str, slug: frozenset[str], stopwords: frozenset[str]) -> float:
    """The share of the line's content words the page's URL slug spells: an article's URL
    usually spells its headline ("/isis-fighters-in-afghanistan-communicating-with-uk")."""
    spelled, words = slug_spelled(text, slug, stopwords)
    return spelled / words if words else 0.0


def slug_covered(text: str, slug: frozenset[str], stopwords: frozenset[str]) -> float:
    """The share of the slug's content words the line spells: a headline's first words alone
    ("Xbox One X" of "/xbox-one-x-review/") spell less of it than the whole headline does."""
    wanted = slug - stopwords
    if not wanted:
        return 0.0
    forms = {form for word in url_words(text[:300]) for form in word_forms(word)}
    return len(wanted & forms) / len(wanted)


def slug_spelled(text: str, slug: frozenset[str], stopwords: frozenset[str]) -> tuple[int, int]:
    """How many of the line's content words the slug spells, and how many it has."""
    if not slug:
        return 0, 0
    own = [w for w in url_words(text[:300]) if w not in stopwords and not w.isdigit()]
    return sum(not slug.isdisjoint(word_forms(w)) for w in own), len(own)


_TITLE_PARTS = re.compile(r"\s+(?:[|–—·•»]|-|::)\s+")


# A word of a publication's name, in the languages of the dates: what the press calls itself
# ("The Harbour Times", "Daily Courier", "The Times of India", "Rheinische Rundschau").
_PRESS_WORDS = frozenset({
    "times", "post", "news", "herald", "journal", "gazette", "tribune", "chronicle", "observer",
    "telegraph", "independent", "review", "mail", "express", "standard", "record", "courier",
    "press", "mirror", "monitor", "daily", "weekly", "magazine", "wire", "ledger", "inquirer",
    "dispatch", "examiner", "globe", "register", "bulletin", "argus", "sentinel", "enquirer",
    "advertiser", "zeitung", "nachrichten", "rundschau", "anzeiger", "kurier", "tagblatt",
    "presse", "gazzetta", "corriere", "diario", "periódico", "jornal", "nieuws", "dagblad",
    "tidning", "posten",
})  # fmt: skip
_DOMAIN = re.compile(
    r"(?:www\.)?[a-z0-9-]{2,40}\.(?:com|org|net|info|news|de|at|ch|fr|it|es|nl|be|pl|cz|se|no|"
    r"dk|fi|pt|br|ar|mx|in|au|nz|ca|ie|us|eu|co\.uk|co\.in|com\.au|com\.br)",
    re.I,
)
SITE_NAME_WORDS = 4
_NAME_JOINS = frozenset({"the", "of", "and", "&", "de", "der", "die", "la", "le", "el"})


def without_site_name(title: str) -> str:
    """The headline of a title line that ends in the publication's name after a separator
    ("Flood plan approved - The Harbour Times", "... | example.com"): a name of a few
    capitalised words, one of them a word the press calls itself by, or a domain. Any other
    ending stays ("Storm hits the coast - The Final Countdown")."""
    parts = _TITLE_PARTS.split(title) if len(title) <= ECHO_CHARS else []
    if len(parts) < 2:
        return title
    *head, name = parts
    words = name.split()
    if len(" ".join(head).split()) < HEADLINE_WORDS[0] or not 1 <= len(words) <= SITE_NAME_WORDS:
        return title
    named = any(word.casefold() in _PRESS_WORDS for word in words) and all(
        word[:1].isupper() or word.casefold() in _NAME_JOINS for word in words
    )
    if not (named or _DOMAIN.fullmatch(name)):
        return title
    return title[: title.rindex(name)].rstrip(" |-–—·•»:")


def spelled_part(title: str, slug: frozenset[str], stopwords: frozenset[str]) -> str:
    """The part of a headline line its URL spells, where the line joins it to another by a
    separator ("Was wir über uns nicht hören wollen | FASSETTE.NET") that the URL does not
    spell: the site's name, a section."""
    parts = _TITLE_PARTS.split(title)
    if not 2 <= len(parts) <= 4 or not all(_WORD.search(part) for part in parts):
        return title  # ("... (Hrsg.) • 1619": a number is no site's name)
    shares = [slug_share(part, slug, stopwords) for part in parts]
    best = max(range(len(parts)), key=shares.__getitem__)
    others = [x for i, x in enumerate(shares) if i != best]
    if shares[best] >= SLUG_SHARE and len(parts[best].split()) >= 3 and max(others) < 0.3:
        return parts[best]
    return title


KICKER_WORDS = 4  # a kicker run into its headline has at most this many words
CRUMB_OVER = 3  # lines over a headline where a breadcrumb's last item may print it alone
ECHO_CHARS = 400  # lines longer than this are no breadcrumb or title line
_ECHO_PARTS = re.compile(r"\s+(?:[|–—·•»›/:]|-|::)\s+|:\s+")
_TOKEN = re.compile(r"\w(?:[\w'’.-]*\w)?")
_QUOTES = " \"'“”„«»‘’"
_JOINS = frozenset(":-–—|›»/·•,.;")


def _tokens(text: str) -> list[str]:
    return [m.group().casefold() for m in _TOKEN.finditer(text)]


def unkicked(title: str, classed: list[Line], folded: list[str], at: int) -> str:
    """The headline without the kicker a dump ran into it ("Deutschlandtakt Flixbus attackiert
    Deutsche Bahn": two elements of one heading, printed with no separator). It is cut only
    where the page itself prints the two apart: one of its lines holds the kicker and the
    headline as parts beside each other ("Deutschlandtakt: Flixbus attackiert Deutsche Bahn",
    "Daten von Rheinmetall gehackt - Interne Unterlagen im Netz"), or the breadcrumb just over
    the headline ends in the headline alone. ``classed``: the page's lines, ``folded``: the
    first ``ECHO_LINES`` of them case-folded; ``at``: the headline's."""
    plain = title.replace("\xad", "")  # soft hyphens ("Er\xadin\xadne\xadrung")
    spans = [m.span() for m in _TOKEN.finditer(plain)]
    words = [plain[a:b].casefold() for a, b in spans]
    if len(words) < 4:
        return title
    cut = len(words)  # where the headline starts, in words: the longest echo wins
    last = words[-1]
    for i, low in enumerate(folded):
        if i == at or len(low) > ECHO_CHARS:
            continue
        if last not in low and ("\xad" not in low or last not in low.replace("\xad", "")):
            continue
        item = classed[i].text.replace("\xad", "")
        marked = BULLET.match(item)
        parts = [_tokens(part) for part in _ECHO_PARTS.split(item[marked.end() if marked else 0 :])]
        for j, part in enumerate(parts):
            k = len(words) - len(part)
            if not (1 <= k < cut and k <= KICKER_WORDS and len(part) >= 3 and words[k:] == part):
                continue
            kicker = words[:k]
            beside = (j and parts[j - 1] == kicker) or parts[j + 1 : j + 2] == [kicker]
            crumb = len(parts) == 1 and marked and at - CRUMB_OVER <= i < at
            if beside or crumb:
                cut = k
    if cut == len(words):
        return title
    # A kicker the heading separates ("Streit um Gebühren: …", "„…“") is part of the headline.
    if plain[: spans[cut][0]].rstrip(_QUOTES)[-1:] in _JOINS:
        return title
    return plain[spans[cut][0] :]


def spelled_title(title: str, slug: frozenset[str], language: str | None = None) -> str:
    """``spelled_part`` of a clean dump's first line ("Inside the Deep Web Drug Lab —
    Backchannel — Medium")."""
    if not slug:
        return title
    return spelled_part(title, slug, stopwords_of(language or language_of([title])))


SPELLED_LINES = 15  # a clean dump's first lines where the headline its URL spells is looked for
SPELLED_FIRST = 0.5  # the first line is the headline if its URL spells this share of it


def spelled_below(lines: list[str], slug: frozenset[str], language: str | None = None) -> int:
    """Where a dump read as clean has its headline when its URL spells another line than the
    first (menus the dump kept: "Últimas Noticias AméricaMéxico..."): the first of its first
    lines of headline length whose words the slug spells (80 %), if it spells less than half of
    the first line. 0 where the first line stands."""
    if not slug or len(lines) < 2:
        return 0
    stopwords = stopwords_of(language or language_of(lines[:SPELLED_LINES]))
    if slug_share(lines[0], slug, stopwords) >= SPELLED_FIRST:
        return 0
    low, high = HEADLINE_WORDS
    for i in range(1, min(len(lines), SPELLED_LINES)):
        words = len(lines[i].split())
        if low <= words <= high and slug_share(lines[i], slug, stopwords) >= SLUG_SHARE:
            return i
    return 0


def _sentences(text: str, words: int) -> bool:
    """A short line of two sentences or more that ends in a period; not a reference ("Doe, J.
    (2021): Title. Journal 131, S. 34.")."""
    return (
        words <= SENTENCES_HEADLINE_WORDS
        and text.endswith(".")
        and not any(mark in text for mark in "():")
        and _SENTENCE_BREAK.search(text[:-1]) is not None
    )


def headline_features(context: HeadlineContext, i: int) -> dict[str, float]:
    """What the line at ``i`` has of a headline: its case and length, its nearness to the body,
    how much of it the body is about, whether the page repeats it inside a longer line (a
    breadcrumb, a share text), whether a byline or dateline follows it, what surrounds it, how
    much of it the page's URL spells, and how much of the URL it spells."""
    classed = context.classed
    line = classed[i]
    text = line.text.strip()
    tokens = _WORD.findall(text)
    own = _content_words(text, context.stopwords)
    about = sum(w in context.body for w in own) / len(own) if own else 0.0
    below = classed[i + 1 : i + 1 + METADATA_BELOW]
    if below and context.is_standfirst(i + 1):
        below = classed[i + 2 : i + 2 + METADATA_BELOW]  # a standfirst between it and its byline
    needle = context.folded[i] if i < len(context.folded) else ""
    return {
        "capitalised": sum(t[:1].isupper() for t in tokens) / max(len(tokens), 1),
        "length": min(line.words, 12) / 12,
        "near": max(0.0, min(1.0, 1 - (context.body_start - i) / HEADLINE_WINDOW)),
        "about": about,
        "unrelated": float(about == 0.0),
        "echoed": float(_echoed(text, context.folded, i)),
        "repeated": float(needle in context.folded[:i] or needle in context.folded[i + 1 :]),
        "metadata_below": float(any(looks_like_metadata(c.text) for c in below)),
        "pipe_or_caps": float("|" in text or text.isupper()),
        "prose_below": float(bool(below) and below[0].kind == GOOD),
        "after_furniture": float(i > 0 and classed[i - 1].kind == BAD),
        "heading": float(i in context.headings),
        "two_words": float(line.words == 2),
        "slug": context.in_slug(text),
        "slug_covered": context.covers_slug(text),
        "sentences": float(_sentences(text, line.words)),
    }


def _headline(context: HeadlineContext) -> int:
    """The candidate line that reads most like the body's headline (the largest sum of
    ``HEADLINE_WEIGHTS`` over its ``headline_features``), or -1 if there is none."""
    best, best_at = float("-inf"), -1
    for i in context.candidates():
        features = headline_features(context, i)
        value = sum(HEADLINE_WEIGHTS[name] * x for name, x in features.items())
        if value > best:
            best, best_at = value, i
    return best_at
