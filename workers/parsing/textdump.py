"""Plain-text page dumps: headline, standfirst, byline, dateline, repeated headline, body, chrome.

A dump of the whole page (menus, teasers, footers around the article) is first narrowed to the
article's lines by ``wholepage``; a clean dump goes straight on.

Sites order the header lines differently; the parser reads the first few lines after the title
by what they are (dateline, "Updated" line, byline, repeated headline) rather than by position.
A line before the byline or dateline is the standfirst; without either, it is body.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from ftfy.fixes import unescape_html

from workers.parsing.chrome import rule_for, split_chrome
from workers.parsing.markdown import (
    Marks,
    converted,
    looks_markdown,
    paragraphs,
    plain_lines,
)
from workers.parsing.meta import (
    DATE_LABEL_WORDS,
    GENDERED_AUTHOR,
    MAX_METADATA_LINE,
    SEPARATORS,
    LineMeta,
    agency_byline,
    agency_part,
    author_box_names,
    byline_names,
    copyright_person,
    dateline_agency,
    filed_reading,
    foot_credit_names,
    is_embedded_post,
    is_role_line,
    is_updated_line,
    known_given_name,
    labelled_byline,
    labelled_published,
    labels_its_date,
    looks_like_metadata,
    more_by_names,
    opening_date,
    opens_with_date,
    page_year,
    parse_datetime,
    read_metadata_line,
    said_byline,
    signature_names,
    unknown_zone,
    unmarked,
    vouched_name,
    yearless_published,
)
from workers.parsing.page import CJK_LETTERS, PageFields, normalise
from workers.parsing.sources import is_masthead, recognise
from workers.parsing.urls import slug_words, url_day, url_month_end
from workers.parsing.wholepage import (
    BULLET,
    CJK,
    COLUMN_GAP,
    DATE_IN_LINE,
    HEADLINE_WORDS,
    LINK_LIST,
    SITE_NAME_WORDS,
    WHOLE_PAGE_LINES,
    AroundLine,
    ArticleLines,
    article_lines,
    is_photo_credit,
    language_of,
    looks_whole_page,
    spelled_below,
    spelled_title,
    stopwords_of,
    without_site_name,
)

_HEADER_LINES = 8
# Characters a dump too short to read as a whole page needs before its language is detected:
# about three sentences, below which py3langid guesses.
SHORT_DUMP_LANGUAGE_CHARS = 400
_CREDIT = re.compile(
    r"^\s*(\(?(additional )?reporting by|editing by|writing by|compiled by|"
    r"with reporting from)\b.*",
    re.I,
)


# ...or a label alone ("Ein Beitrag von:", "Geschrieben von", "Autor:"), the names under it.
_LONE_BY = re.compile(
    r"^(?:(?:written|posted|geschrieben|verfasst|erstellt|(?:ein )?beitrag|publié|écrit|"
    r"escrito|scritto) )?(?:by|von|par|por|da|di) ?:?$|^(?:autor|autorin|author|auteur|autore|"
    rf"verfasser) ?:$|^{GENDERED_AUTHOR} ?:?$",
    re.I,
)


# ...and a date's label alone ("veröffentlicht" / "28.01.2022 06:00"), a short line under it.
_LONE_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|veröffentlicht|erschienen|aktualisiert|publié|publicado|"
    r"pubblicato|datum|date)(?: (?:on|am|le|el|il|em))? ?:?$",
    re.I,
)
LONE_LABEL_VALUE_WORDS = 8  # the most words of the line a date's label alone joins
# ...and, after such a byline, a conjunction alone and the next name ("By" / "David Brand" /
# "and" / "Ramsey Khalifeh"): each writer's name is a link of its own.
_LONE_AND = re.compile(r"^(?:and|und|et|y|e|en|&)$", re.I)
LONE_NAME_WORDS = 5  # the most words of a name line after a conjunction alone


def _join_lone_labels(lines: list[str]) -> list[str]:
    """A "by" alone on its line joins the line after it ("by" / "Patrick Shanley"), as layouts
    that put the name in its own element print it, and so do a conjunction alone after it and
    the next name; so does a date's label alone, the date."""
    return _joined_labels(lines)[0]


def _joined_labels(lines: list[str]) -> tuple[list[str], list[int]]:
    """``_join_lone_labels``, and the index of the line each joined line starts with."""
    out: list[str] = []
    starts: list[int] = []
    byline = False  # the last line out is a byline the loop joined, open to more names
    conjunction = False  # ...and it ends with a conjunction alone, the next name to come
    for i, line in enumerate(lines):
        if out and _LONE_DATE_LABEL.match(out[-1]) and len(line.split()) <= LONE_LABEL_VALUE_WORDS:
            out[-1] = f"{out[-1]} {line}"
            byline = conjunction = False
        elif out and _LONE_BY.match(out[-1]):
            # (its name as a list item, "* Alexandra Ilina", or a definition, ":   Julius Richter")
            out[-1] = f"{out[-1]} {_LIST_ITEM.sub('', line, count=1).lstrip(': ')}"
            byline = True
        elif byline and _LONE_AND.match(line.strip()):
            out[-1] = f"{out[-1]} {line.strip()}"
            byline, conjunction = False, True
        elif conjunction and 0 < len(line.split()) <= LONE_NAME_WORDS:
            out[-1] = f"{out[-1]} {line.strip()}"
            byline, conjunction = True, False
        else:
            out.append(line)
            starts.append(i)
            byline = conjunction = False
    return out, starts


# Text browsers (w3m, lynx) and plain-text converters wrap lines at a fixed width, 70 to 100
# columns: a paragraph comes as several lines, a headline as two.
MAX_WRAP_WIDTH = 120  # a dump with longer lines (a space in them) was not wrapped
MIN_WRAPPED_LINES = 5  # a dump with fewer wrapped lines than this is left as it is
WIDER_LINES_SHARE = 0.02  # lines past MAX_WRAP_WIDTH that a wrapped dump may hold
_LIST_ITEM = re.compile(r"^\s*(?:[*•◦□▪‣·+o>|-]|\d{1,3}[.)])\s")
_SPACED_WORDS = re.compile(r"\w\s\S*\w")
_TEXT = re.compile(r"[^\W_]")  # a letter or a digit
_LAST_SENTENCE = re.compile(r"[^\W\d_][.!?][\"”»’)]?$")  # a sentence's end, a line's end


def unwrapped(text: str) -> list[str]:
    """The dump's lines, each paragraph a wrapper broke into lines joined back into one.

    The wrap width is the longest line that holds a space (a word longer than the width sticks
    out of it), leaving out the few lines wider than ``MAX_WRAP_WIDTH`` (code, a table's row),
    which stay as they are; lines at an indentation of their own may have a narrower one
    (``_widths_by_indent``). A line ends where the wrapper broke it when the first word of the
    line under it would not have fitted after it; the two are joined (a word broken at its own
    hyphen with no space). A blank line, a list item or a line that ends well short of the
    width ends a paragraph, and so does a sentence's end with a dateline under it. Dumps with
    more than ``WIDER_LINES_SHARE`` of their lines wider than ``MAX_WRAP_WIDTH``, or with
    fewer than ``MIN_WRAPPED_LINES`` breaks, are returned as they are."""
    lines = [line.rstrip() for line in text.expandtabs(8).splitlines()]
    # A wrapper counts a Chinese or Japanese character as two columns: such a line is broken
    # when the next character would not have fitted after it, and its columns tell the width.
    columns = [_columns(line) for line in lines]
    # Lines of text: words with a space between them (a form's empty field, "[          ]", is
    # no text), or Chinese or Japanese. For the widths of indentations, the first are measured
    # by their characters and lines of Chinese or Japanese alone by their columns.
    words = [bool(_SPACED_WORDS.search(line)) for line in lines]
    texts = [
        (line, n, len(line) if worded else n)
        for line, n, worded in zip(lines, columns, words, strict=True)
        if n > len(line) or worded
    ]
    spaced = [n for _line, n, _measure in texts]
    # A few lines wider than any wrapping (a code block, a table's row the browser could not
    # fit) are left as they are, and the rest unwrapped.
    if sum(n > MAX_WRAP_WIDTH for n in spaced) > WIDER_LINES_SHARE * len(spaced):
        return lines
    width = max((n for n in spaced if n <= MAX_WRAP_WIDTH), default=0)
    if not width:
        return lines
    widths = _widths_by_indent([(line, measure) for line, _n, measure in texts], width)
    broken = [
        bool(line.strip() and below.strip())
        and not _LIST_ITEM.match(below)
        # (one of those few; or a line of Chinese or Japanese, which puts no space between
        # its words: one longer than the width was not wrapped at it)
        and not (n > width and (worded or CJK.search(line)))
        and n + _first_columns(below, wide=n > len(line)) > widths.get(_indent(line), width)
        for line, below, n, worded in zip(lines, lines[1:], columns, words, strict=False)
    ]
    if sum(broken) < MIN_WRAPPED_LINES:
        return lines
    # A rule drawn the width of the page ("━━━━", "____") tells a wrapping browser as a broken
    # line does, but it is no paragraph's part: the line above it or under it ends there.
    broken = [
        wrapped
        and bool(_TEXT.search(line) and _TEXT.search(below))
        # A paragraph's last sentence, then a dateline the width alone cannot tell from the
        # paragraph's next line ("... nicht ewig lang sein wird." / "02.02.2022, 11:30 Uhr
        # von Markus Steinrisser"): the paragraph ends there.
        and not (_LAST_SENTENCE.search(line) and opens_with_date(below))
        for wrapped, line, below in zip(broken, lines, lines[1:], strict=False)
    ]
    out: list[list[str]] = []  # each paragraph's parts, joined once (linear in the dump)
    joining = False
    for i, line in enumerate(lines):
        if joining:
            head, tail = out[-1][-1], line.strip()
            glue = "" if len(head) > 1 and head[-1] == "-" and head[-2].isalpha() else " "
            if _UNSPACED.match(head[-1:]) and _UNSPACED.match(tail):
                glue = ""  # Chinese and Japanese put no space between words (Korean does)
            out[-1].extend((glue, tail))
        else:
            out.append([line])
        joining = i < len(broken) and broken[i]
    return ["".join(parts) for parts in out]


# Characters a wrapper counts as two columns (on a line that holds Chinese or Japanese):
# Chinese and Japanese letters, Hangul, and the full-width punctuation set among them.
CJK_WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\u303e\u3040-\u33ff\u3400-\u4dbf\u4e00-\u9fff"
    r"\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


# Chinese and Japanese letters and their punctuation: written with no space between words.
_UNSPACED = re.compile(rf"[{CJK_LETTERS}\u3000-\u303e\uff00-\uff60]")


def _first_columns(below: str, *, wide: bool) -> int:
    """The columns the next line's first word would have taken after a line, with its space;
    after a line of Chinese or Japanese, a wide character of the next is a word of its own,
    which text browsers break before when it would reach the last column."""
    text = below.lstrip()
    if wide and CJK_WIDE.match(text):
        return 3
    return 1 + len(text.split()[0])


def _columns(line: str) -> int:
    """The columns a wrapper gives the line: two for each wide character."""
    return len(line) + len(CJK_WIDE.findall(line)) if CJK.search(line) else len(line)


INDENT_WIDTH_SHARE = 0.8  # an indentation's own wrap width is at least this share of the dump's
MIN_TEXT_WIDTH = 60  # ...or of this many columns, at the indentation that holds the most text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _widths_by_indent(texts: list[tuple[str, int]], width: int) -> dict[int, int]:
    """The wrap width of the lines of text (``texts``, each with its columns) at each
    indentation that holds ``MIN_WRAPPED_LINES`` of them or more: lynx indents paragraphs and
    wraps them short of its headings' width ("   For two years running, ..." at 74 columns
    under a heading of 79), so their breaks are measured against their own longest line. An
    indentation whose longest line is well short of the dump's (a menu, a caption) keeps the
    dump's width, unless it holds the most text and its lines are long enough to have been
    wrapped (elinks wraps a blog's paragraphs at 77 columns under code 100 columns wide)."""
    longest: dict[int, int] = {}
    count: dict[int, int] = {}
    for line, n in texts:
        if n <= width:
            at = _indent(line)
            longest[at] = max(longest.get(at, 0), n)
            count[at] = count.get(at, 0) + 1
    main = max(count, key=count.__getitem__, default=None)
    return {
        at: n
        for at, n in longest.items()
        if count[at] >= MIN_WRAPPED_LINES
        and (n >= INDENT_WIDTH_SHARE * width or (at == main and n >= MIN_TEXT_WIDTH))
    }


def dump_lines(text: str) -> tuple[list[str], Marks]:
    """A dump's non-empty lines as plain lines (wrapped paragraphs joined back, Markdown taken
    off, with what it marked; a lynx dump's headings marked by their indentation), a lone "by"
    joined to the name under it, entities decoded: what every reader of dumps starts from."""
    printed = [line for line in unwrapped(text) if line.strip()]
    lines, starts = _joined_labels([line.strip() for line in printed])
    if not looks_markdown(lines):
        unindented = _unindented(printed, text)
        headings = frozenset(j for j, i in enumerate(starts) if i in unindented)
        return [_unescaped(line) for line in lines], Marks(headings=headings)
    raw = text.splitlines()
    if converted(raw):
        # A converter's Markdown: its own paragraphs, broken over lines by the converter, joined
        # as Markdown joins them (any other dump is read as it was unwrapped above).
        lines = _join_lone_labels([line for line in paragraphs(raw) if line])
    plain, marks = plain_lines(lines)
    return [_unescaped(line) for line in plain], marks


# lynx prints every block of a page indented, its paragraphs by three spaces, but its headings
# (<h1> to <h6>), which start at the line's first column: a dump with this share of its lines
# indented, and this share by three spaces exactly, marks its headings so, as Markdown marks
# them with "#". (Other converters indent everything, or nothing but lists.) elinks indents the
# same way but centres a page's <h1>.
INDENTED_SHARE = 0.6
PARAGRAPH_INDENT_SHARE = 0.1
PARAGRAPH_INDENT = 3
CENTRED_SLACK = 2  # columns a centred line may lie off the middle (an odd length, rounding)


def _dump_width(text: str) -> int:
    """The columns of a dump's widest line that a wrapper may have made (a table's wider row
    is no measure of it)."""
    return max(
        (n for line in text.splitlines() if (n := len(line.rstrip())) <= MAX_WRAP_WIDTH), default=0
    )


def _unindented(lines: list[str], text: str) -> frozenset[int]:
    """The lines of a text browser's dump that are headings by their indentation: lynx starts
    every heading at the first column, elinks its lower ones, and centres the page's top
    heading in the width of the dump ``text`` (no paragraph is centred: they all start 3
    columns in). The width is measured only for a dump indented so."""
    indents = [len(line) - len(line.lstrip(" ")) for line in lines]
    indented = sum(n >= PARAGRAPH_INDENT for n in indents)
    paragraphs = sum(n == PARAGRAPH_INDENT for n in indents)
    if indented < INDENTED_SHARE * len(lines) or paragraphs < PARAGRAPH_INDENT_SHARE * len(lines):
        return frozenset()
    width = _dump_width(text)
    return frozenset(
        i
        for i, n in enumerate(indents)
        if n == 0
        or n > PARAGRAPH_INDENT
        and abs(2 * n + len(lines[i].strip()) - width) <= CENTRED_SLACK
    )


def _unescaped(line: str) -> str:
    """The line with its HTML entities decoded ("&mdash;", "&#8217;"; "&param=" in a URL is no
    entity), once the wrapped lines they were part of are joined."""
    return unescape_html(line) if "&" in line else line


def parse_text(
    text: str,
    timezone: str | None = None,
    reference: datetime | None = None,
    url: str | None = None,
) -> PageFields:
    """Parse a page dump. Datelines that name no zone are read in ``timezone``, else in the
    zone of the site its chrome gives away, else in UTC. A date printed without its year is
    put in the latest year that is not after ``reference`` (when the page was fetched) nor
    after the year of the page's copyright line. ``url``, the page's if its message gave one:
    its slug helps find a whole page's headline, and the day in its path is the published day
    where the page prints none, or one two days or more from it."""
    lines, marks = dump_lines(text)
    page_lines = lines
    language = language_of(lines) if len(lines) >= WHOLE_PAGE_LINES else None
    slug = slug_words(url)
    whole = looks_whole_page(lines, language)
    if language is None and sum(map(len, lines)) >= SHORT_DUMP_LANGUAGE_CHARS:
        # A short clean dump: its language still tells its zone and its numeric dates' order
        # ("Publié le 05/11/2023 à 00h30" is Paris time).
        language = language_of(lines)
    site = None
    if not whole and _site_over_headline(lines, marks):
        site, lines = lines[0], lines[1:]
    article = ArticleLines(lines, [], [], [], True, [], [])
    if whole:
        article = article_lines(lines, language, marks, slug)
    lines, outside, around, after = article.lines, article.outside, article.around, article.after
    kept, removed = split_chrome(lines)
    page = PageFields(removed=removed)
    page.removed.extend({"line": line, "rule": "outside_article"} for line in outside)
    if site is not None:
        page.removed.append({"line": site, "rule": "masthead"})
    while kept and is_masthead(kept[0]):
        page.removed.append({"line": kept.pop(0), "rule": "masthead"})
    if not whole and len(kept) > 1 and kept[0] == page_lines[0] and LINK_LIST.match(kept[0]):
        page.removed.append({"line": kept.pop(0), "rule": "link_list"})
    if not whole:
        kept = key_value_header(kept)
    if not kept:
        return page
    if timezone is None:
        known = recognise([r["line"] for r in page.removed])
        header = [*kept[: _HEADER_LINES + 1], *(line.text for line in article.around)]
        timezone = known.timezone if known else unknown_zone(language, header)
    if len(kept) > 1 and is_page_title(kept[0], kept[1]):
        page.removed.append({"line": kept.pop(0), "rule": "page_title"})
    if len(kept) > 1 and (section := _SECTION_BAR.match(kept[0])):
        # "Opinion | Jane Doe" over the headline: the column's writer; "Opinion | Headline":
        # the section before the headline, as a page's title prints it.
        rest = kept[0][section.end() :]
        if _given_names_line(rest, timezone) and _headline_shaped(kept[1]):
            page.authors = _names_line(rest, timezone)
            page.removed.append({"line": kept.pop(0), "rule": "section_byline"})
        else:
            page.removed.append({"line": section.group(0).strip(), "rule": "kicker"})
            kept[0] = rest
    if len(kept) > 1 and _is_kicker(kept[0], kept[1]):
        page.removed.append({"line": kept.pop(0), "rule": "kicker"})
    elif len(kept) > 1 and (moment := _dateline_above(kept[0], kept[1], timezone)):
        # "July 10, 2024" over the headline: the page's date, not its title.
        page.published_at = moment
        page.removed.append({"line": kept.pop(0), "rule": "dateline_above_headline"})
    if not (whole and article.headline_first) and (below := _headline_below(kept)):
        # A caption or an interstitial's button over the headline, in a dump too short to be
        # read as a whole page: the headline is the line its byline or dateline follows. (Not
        # on a whole page whose reader put a headline first: it weighed every line over the
        # body already. Where it found no body, the page is left as it is.)
        page.removed.extend({"line": line, "rule": "above_headline"} for line in kept[:below])
        del kept[:below]
    elif not whole and (spelled := spelled_below(kept, slug, language)):
        # Menus a dump read as clean kept over the headline its URL spells.
        page.removed.extend({"line": line, "rule": "above_headline"} for line in kept[:spelled])
        del kept[:spelled]
    page.title = without_site_name(_TITLE_LABEL.sub("", headline := kept[0]))
    body_start = _read_header(kept, page, timezone)
    if not whole:
        # A whole page's headline line lost its site's name in ``article_lines`` already.
        page.title = spelled_title(page.title, slug, language)
    if whole and body_start == 1 and _over_metadata(around, kept, timezone):
        page.standfirst, body_start = kept[1], 2
    page.paragraphs = _body(kept[body_start:], page)
    if whole:
        page.paragraphs = _without_datelines(page.paragraphs, page, timezone)
    if not article.headline_first:
        # A whole page with no line of headline shape: its body's first paragraph stays in the
        # body, and its first sentence is the title.
        page.paragraphs.insert(0, kept[0])
        page.title = first_sentence(kept[0])
    if page.title and language and language not in SPACED_COLON_LANGUAGES:
        # "Nutzerbasierte Abrechnung : Musik-Stars ...": a kicker and its colon in two elements,
        # which a renderer spaced apart; only French puts a space before a colon.
        page.title = _SPACED_COLON.sub(": ", page.title)
    headline_metadata(around, page, timezone)
    if not page.authors:
        # A writer's box under the body, or its last paragraphs (the body's run may end on
        # it: "Jane Doe is a reporter for ...").
        boxes = [*(page.paragraphs[-AUTHOR_BOX_PARAGRAPHS:] if whole else []), *after]
        page.authors = next((names for line in boxes if (names := author_box_names(line))), [])
    if not page.authors and not whole and len(page.paragraphs) > 1:
        # A clean dump's last line a name alone ("— Jane Doe"), the writer signing it, or a
        # credit in brackets ("(Japanese original by Jane Doe, City News Department)").
        last = page.paragraphs[-1]
        if signature := signature_names(last, stopwords_of(language or language_of(kept))):
            page.authors, rule = signature, "signature"
        else:
            page.authors, rule = foot_credit_names(last), "foot_credit"
        if page.authors:
            page.removed.append({"line": page.paragraphs.pop(), "rule": rule})
    if not page.authors and (
        # Far from the headline, only names the page labels as the author's: in the body's
        # last lines (a post's footer) and under it; the time beside them, if the page gave
        # none, is the post's.
        byline := labelled_byline([*page.paragraphs[-LABELLED_PARAGRAPHS:], *after], timezone)
    ):
        page.authors = byline.names
        page.published_at = page.published_at or byline.published
    if not page.authors:
        # A name alone under the body ("Frank Boës", "- Nadja Podbregar"): the writer's.
        words = stopwords_of(language or language_of(kept))
        signed = (names for line in article.under if (names := signature_names(line, words)))
        page.authors = next(signed, [])
    if not page.authors:
        # Further over the headline than its byline is looked for (a gallery's buttons, a share
        # bar between them), the nearest line that says "By".
        over = article.over[:OVER_BYLINE_LINES]
        page.authors = next((n for line in over if (n := said_byline(line, timezone))), [])
    if not page.authors:
        # Over the headline, an author's card: a name over its article's reading time.
        page.authors = author_card(article.over[:OVER_BYLINE_LINES], timezone)
    if not page.authors and page.paragraphs and (agency := dateline_agency(page.paragraphs[0])):
        page.authors = [agency]  # "LONDON (Reuters) - ...": no byline, but the wire's name
    if not page.authors:
        # A link to more of the writer's work ("Alles von Martin Junker"), anywhere on the page.
        page.authors = next((names for line in page_lines if (names := more_by_names(line))), [])
    if not page.authors and outside and (byline := labelled_byline(outside, timezone)):
        # Anywhere else on the page, a line that labels its names as the author's ("Verfasst
        # von: mitundvoneinander | 31. Dezember 2008" in a blog's header).
        page.authors = byline.names
    if not page.authors:
        # A personal site's copyright line names its writer ("(c) Johannes Wolf").
        page.authors = copyright_person(page_lines)
    if page.authors:
        _drop_author_notes(page)
    header = kept[1 : _HEADER_LINES + 1] + [line.text for line in around]
    filed = url_month_end(url)  # "/2020/02/...": the month the site filed the article under
    if page.published_at is None:
        page.published_at = breadcrumb_date(lines, headline, timezone)
    if page.published_at is None and page.paragraphs:
        # The dateline run into the first paragraph: "Pressemitteilung vom 25. Januar 2022 |
        # Berlin – Die ...".
        page.published_at = opening_date(page.paragraphs[0], timezone)
    if page.published_at is None:
        printed = (*(r["line"] for r in page.removed), *kept, *after)
        latest = _latest_date(reference, page_year(printed))
        if filed is not None:  # no date printed without its year is later than that
            latest = min(latest, filed) if latest else filed
        if latest is not None:
            page.published_at = yearless_published(header, latest, timezone)
    if page.published_at is None and (after or outside):
        # Far from the headline, only a date the page labels as the published one: under the
        # body first, then anywhere else on the page.
        page.published_at = labelled_published([*after, *outside], timezone)
    if page.published_at is None:
        # A date alone on the line right under the body, as a post's footer prints it
        # ("15.12.2021" over "Artikel von:"), else further over the headline, the nearest line
        # that is a date alone ("Montag, 06.11.2023").
        near = (*after[:1], *article.over)
        dated = (moment for line in near if (moment := date_alone(line, timezone)))
        page.published_at = next(dated, None)
    if page.published_at is None and filed is not None:
        # "By Jane Doe • 11/08/23" under "/2023/11/...": the month tells the day from the month.
        page.published_at = filed_reading(header, filed, timezone)
    if page.published_at is None:
        # A page that prints only when it was updated ("Updated: March 26, 2024 06:18 IST")
        # was published then or before. (The record takes the updated time for any page that
        # gives no published one, ``article.py``; here it is taken before the URL's day is
        # weighed, which then replaces it only if two days or more from it.)
        page.published_at = page.updated_at
    # "/2019/11/20/isis-fighters-...": the day the site filed the article under, where the page
    # prints none, or prints one two days or more from it (a related story's, a comment's, a
    # year guessed for a date printed without one).
    day = url_day(url)
    if day is not None and (
        page.published_at is None or abs(page.published_at - day) >= timedelta(days=2)
    ):
        page.published_at = day
    return page


# A key-value header over the text, as an e-mail, an archive's export or a Markdown file's front
# matter print one ("Subject: ...", "From: Jane Doe <jane@example.com>", "Date: ...").
_HEADER_FIELD = re.compile(r"(?P<key>[^\W\d_]{2,12})\s?:\s+(?P<value>\S.{0,300})")
_TITLE_KEYS = frozenset(
    {"title", "subject", "headline", "titel", "betreff", "titre", "objet", "título", "titulo"}
    | {"asunto", "titolo", "oggetto", "tytuł"}
)
_AUTHOR_KEYS = frozenset(
    {"author", "authors", "byline", "from", "autor", "auteur", "autore", "verfasser"}
)
_DATE_KEYS = frozenset(
    {"date", "dateline", "published", "datum", "fecha", "data", "sent", "gesendet"}
)
_ANGLED = re.compile(r"<[^<>]{0,300}>")
KEY_VALUE_LINES = 12


def key_value_header(lines: list[str]) -> list[str]:
    """The lines with a key-value header over them written as a header is printed: the title,
    "By" and the writer, the date. The lines as they are if they open with no such header (one
    with a title and a writer or a date)."""
    fields: dict[str, str] = {}
    start = 1 if lines and lines[0].strip() == "---" else 0  # front matter's fence
    count = 0
    for line in lines[start : start + KEY_VALUE_LINES]:
        found = _HEADER_FIELD.fullmatch(line.strip())
        if found is None:
            break
        fields.setdefault(found["key"].casefold(), found["value"].strip().strip("\"'"))
        count += 1

    def first(keys: frozenset[str]) -> str | None:
        return next((value for key, value in fields.items() if key in keys), None)

    title, author, date = first(_TITLE_KEYS), first(_AUTHOR_KEYS), first(_DATE_KEYS)
    if not title or not (author or date):
        return lines
    header = [title]
    if author and (name := " ".join(_ANGLED.sub(" ", author).split())):
        header.append(f"By {name}")
    if date:
        header.append(date)
    end = start + count
    if start and end < len(lines) and lines[end].strip() == "---":
        end += 1
    return [*header, *lines[end:]]


LABELLED_PARAGRAPHS = 20  # the body's last paragraphs read for a labelled author
# "Title: ...": a key-value header's label alone, over no writer or date (a feed's dump).
_TITLE_LABEL = re.compile(rf"^(?:{'|'.join(sorted(_TITLE_KEYS))})\s?:\s+", re.I)
SPACED_COLON_LANGUAGES = frozenset({"fr"})
_SPACED_COLON = re.compile(r"(?<=\w) +: ")
MAX_DATE_ALONE_CHARS = 40


BREADCRUMB_LINES = 2  # lines right over the headline read for a breadcrumb's date


def breadcrumb_date(lines: list[str], headline: str, timezone: str) -> datetime | None:
    """The date a section's breadcrumb prints right over the headline ("World | 29 October
    2024"): chrome, but its date is the article's."""
    at = next((i for i, line in enumerate(lines) if line == headline), 0)
    for line in reversed(lines[max(0, at - BREADCRUMB_LINES) : at]):
        if rule_for(line) == "page_furniture" and (
            moment := read_metadata_line(line, timezone).published
        ):
            return moment
    return None


def date_alone(line: str, timezone: str) -> datetime | None:
    """The time a line gives if it is a date and nothing more, but for a bullet ("* Montag,
    06.11.2023", "01.11.2023 11:35")."""
    text = " ".join(line[: MAX_DATE_ALONE_CHARS * 2].split()).strip("*•+- ")
    return parse_datetime(text, timezone) if len(text) <= MAX_DATE_ALONE_CHARS else None


def _latest_date(fetched: datetime | None, year: int | None) -> datetime | None:
    """The latest a page's dates can be: when it was fetched, or the end of the year its
    copyright line names if that is earlier (an archived page fetched years later)."""
    end_of_year = datetime(year, 12, 31, 23, 59, tzinfo=UTC) if year else None
    if fetched is None or end_of_year is None:
        return fetched or end_of_year
    return min(fetched, end_of_year)


# A line of names alone ("Tom Krisher, AP Auto Writer", "* Debbie White", "The Associated
# Press") is read as a byline only where bylines are printed: right under the headline, right
# above the body, or beside a dateline; elsewhere it is as likely a menu or a caption's credit.
BARE_BYLINE_LINES = 2
DATED_BYLINE_LINES = 5  # under the headline, names with their own date (not a comment's) are read


KICKER_WORDS = 3


# A section's name before a bar, over or in the headline ("Opinion | ...").
_SECTION_BAR = re.compile(
    r"^(?:opinion|analysis|comment|commentary|editorial|column|review)\s+\|\s+(?=\S)", re.I
)
# The page's title line (its ``<title>``) over the headline it repeats: the headline, then a
# separator and the site's name ("Flood plan approved | The Harbour Times"), or the other way
# round.
_SITE_AFTER = re.compile(r"\s*[|\-–—:·•]\s*\S.{0,60}")
_SITE_BEFORE = re.compile(r".{0,60}\S\s*[|\-–—:·•]\s*")


def _site_over_headline(lines: list[str], marks: Marks) -> bool:
    """A Markdown dump whose first line, a top-level heading of a few words, stands over a
    second-level heading that is longer: the site's name over the article's headline ("# The
    Harbour Times", "## Council approves flood plan after review")."""
    return (
        len(lines) > 2
        and 0 in marks.headings
        and 1 in marks.second
        and len(lines[0].split()) <= SITE_NAME_WORDS
        and len(lines[1].split()) > len(lines[0].split())
        and _headline_shaped(lines[1])
    )


def is_page_title(line: str, next_line: str) -> bool:
    """``line`` is the page's title line over its headline ``next_line``."""
    if len(next_line.split()) < HEADLINE_WORDS[0] or line == next_line:
        return False
    if line.startswith(next_line):
        return _SITE_AFTER.fullmatch(line[len(next_line) :]) is not None
    if line.endswith(next_line):
        return _SITE_BEFORE.fullmatch(line[: -len(next_line)]) is not None
    return False


# A kind of article, as its kicker names it in a few words.
_GENRE = re.compile(
    r"(?:guest|news|book|film|music|tv|theatre|theater|restaurant|album|game|opinion|"
    r"editorial|letters?) (?:essay|column|post|analysis|review|commentary|page)|"
    r"breaking news|fact check|live updates|first person|the big read|long read",
    re.I,
)


def _is_kicker(line: str, next_line: str) -> bool:
    """A section label over the headline ("POLITICS", "WORLD NEWS", "Opinion", "Politics,
    Environment"): a word or three, in capitals, alone or listed with commas, before a line of
    headline length that is no byline or date."""
    words = line.split()
    items = [item.strip() for item in line.split(",")]  # "Politics, Environment": one word each
    tags = len(items) > 1 and all(item.isalpha() and item[:1].isupper() for item in items)
    genre = _GENRE.fullmatch(line.strip()) is not None  # "Guest Essay", "Fact Check"
    if not (len(words) == 1 or len(words) <= KICKER_WORDS and (line.isupper() or tags or genre)):
        return False
    return not line.rstrip().endswith((".", "!", "?")) and _headline_shaped(next_line)


def _dateline_above(line: str, next_line: str, timezone: str) -> datetime | None:
    """The published time of a date line printed over the headline, if ``line`` is one."""
    if is_updated_line(line) or not _headline_shaped(next_line):
        return None
    return parse_datetime(line, timezone)


_SENTENCE_END = (".", "!", "?", ":")
# A caption's credit at its end: "(credit: NASA/Jude Guidry)", "(AP Photo/Evan Vucci)", "(Photo:
# Getty Images)".
_CREDIT_WORD = r"(?:photo|image|picture|credit|foto|bild)s?"
_CAPTION_CREDIT = re.compile(
    rf"\((?:[A-Z]{{2,5}}\s)?{_CREDIT_WORD}\b[^()]{{0,80}}\)\s*$"
    # ... or after the caption's last full stop ("... high street. Photo: Jane Roe/Courier")
    rf"|\.\s{_CREDIT_WORD}:\s[^.!?]{{1,80}}$",
    re.I,
)
HEADLINE_BELOW = 3  # lines under the first where the headline may sit instead
METADATA_UNDER = 2  # lines under a headline where its byline or dateline is looked for


def _headline_below(lines: list[str]) -> int:
    """Where the headline is when the first line is plainly not it: a paragraph (a caption,
    a notice: longer than a headline, ending a sentence or a photo credit), cells laid out side
    by side, or a line over a button ("Learn More"). Then the headline is the first line of
    headline shape, a few lines down, that a byline or dateline follows. 0 when the first line
    stands."""
    if len(lines) < 3:
        return 0
    first, second = lines[0].rstrip(), lines[1].strip()
    paragraph = (
        len(first.split()) > HEADLINE_WORDS[1]
        or first.endswith((".", ":"))
        or bool(_CAPTION_CREDIT.search(first[-120:]))
    )
    columns = COLUMN_GAP.search(first) is not None
    button = len(second.split()) <= 2 and not second.endswith(_SENTENCE_END)
    if button and read_metadata_line(second, bare_names=True).names:
        return 0  # a name under the headline ("Jonas Liu"), not a button
    if not (paragraph or columns or button) or looks_like_metadata(second):
        return 0
    for i in range(1, min(len(lines) - 1, HEADLINE_BELOW + 1)):
        line = lines[i].rstrip()
        if not _headline_shaped(line) or len(line.split()) > HEADLINE_WORDS[1]:
            continue
        if line.endswith((".", ":")):  # a sentence: a standfirst, a caption
            continue
        if any(looks_like_metadata(under) for under in lines[i + 1 : i + 1 + METADATA_UNDER]):
            return i
    return 0


def _headline_shaped(line: str) -> bool:
    """Long enough for a headline, and no byline or date."""
    return len(line.split()) >= HEADLINE_WORDS[0] and not looks_like_metadata(line)


OVER_BYLINE_LINES = 30  # lines over the headline's own where a byline saying "By" is read


AUTHOR_BOX_PARAGRAPHS = 2  # a whole page body's last paragraphs, where a writer's box may be


def headline_metadata(around: list[AroundLine], page: PageFields, timezone: str) -> None:
    """Byline and dateline from a whole page's headline area, where the header had none: the
    first line there that names authors, and the first that gives a published time ("| November
    18, 2019 12:01 PM", "By Tess Bonn - 11/19/19 06:56 AM EST"). A line of furniture holds them
    anywhere along it; an "Updated" time is kept apart. Lines are read (dates parsed) only until
    both are found."""
    texts = [unmarked(line.text) for line in around]
    found: dict[int, LineMeta] = {}

    def meta(k: int) -> LineMeta:
        if k not in found:
            # (``unmarked`` takes the dash off an embedded post's signature: read it as printed)
            embedded = is_embedded_post(around[k].text)
            found[k] = (
                LineMeta(rest=texts[k]) if embedded else read_metadata_line(texts[k], timezone)
            )
        return found[k]

    # Names on a line with no "By": a "By" line further down wins, and a line that prints a
    # time beside its names ("Alex Perry 1 day ago") wins over one of names alone.
    # An agency's byline yields to a person's further down ("AFP" over "Par Sébastien Farcis").
    bare: list[str] = []
    bare_timed = False
    agency = False
    for k, line in enumerate(around):
        if page.published_at is not None and page.authors and not agency:
            break
        if not texts[k]:
            continue
        here = meta(k)
        if page.published_at is None and here.published is not None:
            page.published_at = here.published
        if page.updated_at is None and here.updated is not None:
            page.updated_at = here.updated
        if page.authors and not (agency and here.names and not _agencies(here.names)):
            continue
        if here.names:
            page.authors, agency = here.names, _agencies(here.names)
        elif not bare_timed and _bylines_go_here(line, k, len(around), meta):
            named = read_metadata_line(texts[k], timezone, bare_names=True)
            if named.names and (not bare or named.timed) and _bare_names_hold(line, named):
                bare, bare_timed = named.names, named.timed
    if not page.authors:
        page.authors = bare
    if not page.authors:
        # "von flerche" alone right under the headline: a blog's byline, its writer's handle.
        handles = (
            names
            for line, text in zip(around, texts, strict=True)
            if 0 < line.place <= BARE_BYLINE_LINES
            and len(text.split()) == 2
            and (names := byline_names(text, require_by=True, lone_name=True, handle=True))
        )
        page.authors = next(handles, [])


def _agencies(names: list[str]) -> bool:
    return all(agency_byline(name) for name in names)


def _bare_names_hold(line: AroundLine, named: LineMeta) -> bool:
    """Names printed with no "By", anywhere in the headline's area (right under it too), where
    menus, kickers and section labels are ("Digital Life", "Biologische Vielfalt", "Radtouren
    Berlin"), count only if the first word is a known given name, or if they are an agency's.
    A time beside them ("Alex Perry 1 day ago") does not make them a name: teasers print a
    section and a tag beside their date ("Gesundheit Angst 30/10/23"). (``named.timed`` ranks
    such lines, in ``headline_metadata``.) A name the line vouches for with a handle or a role
    beside it ("Devindra Hardawar, @devindra") counts whatever its first word."""
    return all(
        known_given_name(name) or agency_byline(name) for name in named.names
    ) or vouched_name(line.text)


def _bylines_go_here(line: AroundLine, k: int, lines: int, meta: Callable[[int], LineMeta]) -> bool:
    if line.place < 0:
        # Over the headline only with its dateline between them ("Molly Wood / Ideas /
        # 11.14.2019 09:00 AM / headline") or on the line itself ("04.02.2022 | 13:10 Uhr |
        # Uta Helkenberg"): a header printed above the headline.
        between = range(k, min(k - line.place, lines))
        if any(meta(j).published for j in between):
            return True
        # Right over the headline, under its dateline ("22.11.2022 / Christian Mihatsch /
        # headline"); not a list's item (a teaser's image, "□ Jane Doe", under its date).
        return (
            line.place == -1
            and k > 0
            and not _LIST_ITEM.match(line.text)
            and meta(k - 1).published is not None
        )
    if line.place == 0:
        return False
    if line.place <= BARE_BYLINE_LINES or 0 < line.above_body <= BARE_BYLINE_LINES:
        return True
    if line.place <= DATED_BYLINE_LINES and meta(k).published:
        return True  # "Christian Kahle, 03.11.2023 15:32 Uhr" a little under the headline
    return any(meta(j).published or meta(j).updated for j in (k - 1, k + 1) if 0 <= j < lines)


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
            if not page.authors:
                # "By Jane Doe, 1 October 2024"; "REUTERS - May 2, 2024 - 16:52 | World", a
                # wire's dateline
                page.authors = (
                    byline_names(line, require_by=True)
                    or agency_part(line)
                    or _tagged_names(line, timezone)  # "Jane Doe · 4 min read · Mar 12, 2024"
                )
            metadata_seen = True
        elif not page.authors and (names := byline_names(line)):
            page.authors = names
            # "By Tess Bonn - 11/19/19 06:56 AM EST", "Written by X | Mumbai | Updated: ..."
            dated = read_metadata_line(line, timezone)
            page.published_at = page.published_at or dated.published
            page.updated_at = page.updated_at or dated.updated
            metadata_seen = True
        elif _mixed_metadata(line, page, timezone):
            # "Posted by Jane Doe on March 5, 2024 at 2:05 pm", "PUBLISHED: ... | UPDATED: ...",
            # "5 Mar 2024 • 14:05 GMT • 4 min read": names and dates anywhere on the line.
            metadata_seen = True
        elif _RELATIVE_TIME_LINE.fullmatch(line.strip()):
            # "Updated 2 hours ago", "Atualizado há 2 horas": when, told as the page was read
            page.removed.append({"line": line, "rule": "relative_time"})
            metadata_seen = True
        elif not page.authors and metadata_seen and _given_names_line(line, timezone):
            page.authors = _names_line(line, timezone)  # a bare name under the dateline
        elif not page.authors and (names := _tagged_names(line, timezone)):
            page.authors = names  # "Opinion | Jane Doe"
            metadata_seen = True
        elif page.authors and is_role_line(line):
            page.removed.append({"line": line, "rule": "byline_role"})
        elif page.authors and _author_note(line, page.authors):
            # "Jane Doe is a professor of economics at ...": a note on the writer, under the
            # byline, over the dateline
            page.removed.append({"line": line, "rule": "author_note"})
        elif (rest := _run_in_header(line, page, timezone)) is not None:
            # "September 19, 2024 — By Jane Doe — The council ...": the dateline and the byline
            # run into the first paragraph, which starts the body.
            page.removed.append({"line": line[: len(line) - len(rest)], "rule": "run_in_header"})
            lines[i] = rest
            metadata_seen = True
            break
        elif (
            standfirst_at is None
            and not metadata_seen
            and (skip := _furniture_before(lines, i, page, timezone, LABEL_WORDS))
        ):
            # "Video" and its running time "2:50" between the headline and its byline
            furniture = lines[i : i + skip]
            page.removed.extend({"line": x, "rule": "header_furniture"} for x in furniture)
            i += skip
            continue
        elif not metadata_seen and (skip := _caption_before(lines, i)):
            # A picture between the headline and its byline: its caption, then its credit
            # ("(Jacquelyn Martin / Associated Press)").
            caption = lines[i : i + skip]
            page.removed.extend({"line": x, "rule": "caption_or_credit"} for x in caption)
            i += skip
            continue
        elif standfirst_at is None and not metadata_seen and i == 1:
            standfirst_at = i
        elif metadata_seen and (skip := _furniture_before(lines, i, page, timezone)):
            # "Reporting from Kyiv", "@handle", an e-mail: furniture between a byline and the
            # dateline under it; "Heard on Morning Edition" between a dateline and its byline.
            furniture = lines[i : i + skip]
            page.removed.extend({"line": x, "rule": "header_furniture"} for x in furniture)
            i += skip
            continue
        else:
            break
        i += 1
    if standfirst_at is not None:
        if not metadata_seen:
            return standfirst_at  # no byline or dateline followed: it was the first paragraph
        names = _names_line(lines[standfirst_at], timezone) if not page.authors else []
        if names:  # "Lucia Liu · Follow" over "8 min read · Jul 4, 2024": a byline
            page.authors = names
        else:
            page.standfirst = lines[standfirst_at]
    return _summary_box(lines, i, page) if metadata_seen else i


# The heading of a box of the article's main points under its header, in the languages of the
# dates ("Key points:", "Das Wichtigste in Kürze").
_SUMMARY_LABEL = re.compile(
    r"\W{0,3}(?:key (?:points|takeaways|facts)|highlights|summary|in brief|at a glance|"
    r"das wichtigste(?: in kürze)?|auf einen blick|en bref|l'essentiel|en resumen|"
    r"lo más importante|in breve|in het kort)\W{0,3}",
    re.I,
)
SUMMARY_POINTS = 8  # the most points of such a box


def _summary_box(lines: list[str], at: int, page: PageFields) -> int:
    """Where the body starts once a box of main points at ``at`` is taken as the standfirst:
    its heading, then two list items or more."""
    if at >= len(lines) or not _SUMMARY_LABEL.fullmatch(lines[at].strip()[:40]):
        return at
    end = at + 1
    while end < min(len(lines), at + 1 + SUMMARY_POINTS) and BULLET.match(lines[end].strip()):
        end += 1
    if end - at - 1 < 2:
        return at
    points = [BULLET.sub("", line.strip()) for line in lines[at + 1 : end]]
    page.standfirst = "\n".join(filter(None, [page.standfirst, *points]))
    page.removed.append({"line": lines[at], "rule": "summary_heading"})
    return end


# A header's time told from when the page was read, its label before it ("Updated 2 hours ago",
# "Aktualisiert vor 3 Stunden", "Atualizado há 2 horas", "Mis à jour il y a 5 minutes").
_RELATIVE_TIME_LINE = re.compile(
    rf"(?:(?:{DATE_LABEL_WORDS})\s?:?\s)?"
    r"(?:\d{1,3}\s?[^\W\d]{1,10}\s(?:ago|fa)|(?:vor|há|hace|il y a)\s\d{1,3}\s[^\W\d]{1,10})",
    re.I,
)

# An article's reading time, alone on its line ("14 min read", "Lesezeit: 3 Min.", "4 min de
# lectura").
READ_TIME = re.compile(
    r"\d{1,3}\s?min(?:ute)?s?\.?\s(?:read|lesezeit|de lectura|de leitura|de lecture|di lettura)"
    r"|(?:lesezeit|leestijd|temps de lecture|tiempo de lectura|tempo de leitura|reading time)"
    r"\s?:?\s?\d{1,3}\s?min(?:ute)?s?\.?",
    re.I,
)
READ_TIME_CHARS = 40


def author_card(over: list[str], timezone: str) -> list[str]:
    """The writer an author's card over the headline names: a line of a name alone right over
    a line of the reading time alone ("Joseph Cox" over "14 min read"), as blogging platforms
    print it in the page's header. ``over``: the lines over the headline, nearest first. None
    where two cards or more are there: a list of teasers, each with its writer."""
    cards = [
        names
        for k in range(1, len(over))
        if len(over[k - 1]) <= READ_TIME_CHARS
        and READ_TIME.fullmatch(over[k - 1].strip())
        and len(names := _names_line(over[k], timezone)) == 1
        and not agency_byline(names[0])
    ]
    return cards[0] if len(cards) == 1 else []


HEADER_FURNITURE = 2  # short lines skipped between a byline and the dateline below them
FURNITURE_WORDS = 6


LABEL_WORDS = 2  # of a line of furniture between the headline and its byline ("Video")
_RUN_IN_DASH = re.compile(r"\s[—–-]\s")
RUN_IN_PARTS = 2  # a dateline and a byline, in either order
RUN_IN_WORDS = 8  # of each
RUN_IN_CHARS = 200  # of the paragraph, read for them


def _run_in_header(line: str, page: PageFields, timezone: str) -> str | None:
    """What is left of a paragraph that opens with its dateline or byline or both, each ended
    by a dash ("September 19, 2024 — By Jane Doe — The council ..."), after they fill the
    page's; None if it opens with neither."""
    ends = list(_RUN_IN_DASH.finditer(line[:RUN_IN_CHARS]))[:RUN_IN_PARTS]
    start, taken = 0, 0
    moment: datetime | None = None
    names: list[str] = []
    for end in ends:
        part = line[start : end.start()].strip()
        if len(part.split()) > RUN_IN_WORDS:
            break
        if moment is None and (found := parse_datetime(part, timezone)):
            moment = found
        elif not names and (named := byline_names(part, require_by=True)):
            names = named
        else:
            break
        start = taken = end.end()
    rest = line[taken:].strip()
    if not taken or len(rest.split()) <= RUN_IN_WORDS:
        return None
    page.published_at = page.published_at or moment
    page.authors = page.authors or names
    return rest


def _furniture_before(
    lines: list[str], at: int, page: PageFields, timezone: str, words: int = FURNITURE_WORDS
) -> int:
    """How many short lines (of ``words`` or fewer) from ``at`` stand over a header's byline or
    dateline: the first line after them gives a date, or, where no byline was read, says "By"
    or holds names alone that start with a known given name. 0 if none follows that closely."""
    for skip in range(1, HEADER_FURNITURE + 1):
        if at + skip >= len(lines):
            return 0
        line = lines[at + skip - 1].strip()
        if len(line.split()) > words or line.endswith((".", "!", "?")):
            return 0
        under = lines[at + skip]
        if _gives_date(under, timezone):
            return skip
        if not page.authors and (
            byline_names(under, require_by=True) or _given_names_line(under, timezone)
        ):
            return skip
    return 0


CAPTION_LINES = 3  # the most lines of a picture's caption over its credit, in a header
CAPTION_WORDS = 30  # the most words of a line of a caption over its picture's credit


def _caption_before(lines: list[str], at: int) -> int:
    """How many lines from ``at`` are a picture's: up to ``CAPTION_LINES`` short lines (its
    alternative text, its caption), then its credit alone on its line. 0 if no credit ends
    them."""
    for skip in range(1, min(CAPTION_LINES + 1, len(lines) - at) + 1):
        line = lines[at + skip - 1]
        if is_photo_credit(line):
            return skip
        if len(line.split()) > CAPTION_WORDS:
            return 0
    return 0


def _given_names_line(line: str, timezone: str) -> bool:
    """A short line of names and nothing else, each a known given name's ("Jonas Liu", "Ana
    Ruiz and Tom Berg"; not a photo's credit, "Al Goldis, Associated Press")."""
    names = _names_line(line, timezone)
    if not names or not all(known_given_name(name) for name in names):
        return False
    named = {word for name in names for word in name.split()}
    return all(word in named for word in line.split() if word[:1].isupper())


def _over_metadata(around: list[AroundLine], kept: list[str], timezone: str) -> bool:
    """The line under a whole page's headline stands over its byline or dateline on the page
    (lines ``article_lines`` left out of the article), before the article's next line: it
    is the standfirst, not the body's first paragraph."""
    if len(kept) < 3 or len(kept[1].split()) < STANDFIRST_MIN_WORDS:
        return False
    if _CREDIT_CLOSES.search(kept[1][-CREDIT_CHARS:]):
        return False  # a picture's caption, which its credit closes
    below = [line.text for line in around if line.place > 0]
    if kept[1] not in below:
        return False
    at = below.index(kept[1])
    for line in below[at + 1 : at + 1 + _HEADER_LINES]:
        if line == kept[2]:
            return False
        if _gives_date(line, timezone) or byline_names(line, require_by=True):
            return True
    return False


STANDFIRST_MIN_WORDS = 6
# A caption's credit in brackets at its end ("... in Jerusalem. (Thomas Coex/AFP/Getty Images)").
_CREDIT_CLOSES = re.compile(r"\([^()/]{1,80}/[^()]{1,80}\)\W{0,2}$")
CREDIT_CHARS = 200  # of a line's end, read for such a credit


def _gives_date(line: str, timezone: str) -> bool:
    """A date alone, or a dateline that says more ("Oct 15, 2015 · 18 min read")."""
    if parse_datetime(line, timezone) is not None:
        return True
    meta = read_metadata_line(line, timezone)
    return meta.published is not None or meta.updated is not None


def _names_line(line: str, timezone: str) -> list[str]:
    """The names of a short line that holds names alone (and buttons), else none."""
    if len(line.split()) > FURNITURE_WORDS:
        return []
    return read_metadata_line(line, timezone, bare_names=True).names


def _mixed_metadata(line: str, page: PageFields, timezone: str) -> bool:
    """Fill what a header line holds of a byline and dates, wherever on the line; False if it
    holds neither."""
    meta = read_metadata_line(line, timezone)
    names = [] if page.authors else meta.names
    if meta.published is None and meta.updated is None and not names:
        return False
    if not names and not page.authors:
        # Names with no "By" beside the dates and short tags ("Jane Doe · 12 March 2024 ·
        # Opinion"), or on a line that labels its date as the published or updated one ("Jane
        # Doe | Published March 12, 2024"), if known given names start them: not a quotation's
        # source ("Jane Doe; Minister on Stage; Daily Nation (Barbados); Mar 20, 2005.").
        names = _tagged_names(line, timezone)
        if not names and labels_its_date(line):
            bare = read_metadata_line(line, timezone, bare_names=True).names
            names = bare if all(known_given_name(name) for name in bare) else []
    if not names and not page.authors:
        names = agency_part(line)
    page.published_at = page.published_at or meta.published
    page.updated_at = page.updated_at or meta.updated
    page.authors = page.authors or names
    return True


TAG_WORDS = 2  # of each part of a byline's line that is no date ("Opinion", "Staff Writer")


def _tagged_names(line: str, timezone: str) -> list[str]:
    """The names of a line that holds them in one of its parts, between separators, and
    nothing else but dates and short tags ("Jane Doe · 12 March 2024 · Opinion", "Opinion |
    Jane Doe"); none for a quotation's source ("Jane Doe; Minister on Stage; Daily Nation
    (Barbados); Mar 20, 2005.")."""
    if len(line) > MAX_METADATA_LINE:
        return []  # no byline's line is that long; each part would be read
    parts = [part.strip() for part in SEPARATORS.split(line) if part.strip()]
    named = [part for part in parts if _given_names_line(part, timezone)]
    if len(parts) < 2 or len(named) != 1:
        return []
    others = (part for part in parts if part is not named[0])
    # (a tag: a short word or two, a date, or furniture: "6 min read", "Follow")
    tags = (
        len(p.split()) <= TAG_WORDS or parse_datetime(p, timezone) or rule_for(p) for p in others
    )
    if all(tags):
        return _names_line(named[0], timezone)
    return []


def strip_metadata(paragraphs: list[str], page: PageFields, timezone: str) -> list[str]:
    """Byline, dateline and credit paragraphs an HTML extractor left in the body."""
    body = list(paragraphs)
    while body and len(body[0]) < 120 and _metadata_line(body[0], page, timezone):
        page.removed.append({"line": body.pop(0), "rule": "metadata_line"})
    # A byline printed as a paragraph of its own a little way in, under a subheading or the
    # standfirst ("von Klaus Stanjek"): it names the authors and is no part of the body.
    for i, line in enumerate(body[:BYLINE_PARAGRAPHS]):
        if names := _byline_paragraph(line):
            page.authors = page.authors or names
            page.removed.append({"line": body.pop(i), "rule": "metadata_line"})
            break
    return _body(body, page)


BYLINE_PARAGRAPHS = 6  # the body's first paragraphs where a byline paragraph is looked for
DATELINE_LABEL_WORDS = 3  # a dateline's words besides its dates ("Updated", "Posted")


def _without_datelines(paragraphs: list[str], page: PageFields, timezone: str) -> list[str]:
    """A whole page's body without the bylines and datelines its run took in among its first
    paragraphs ("Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM", "By Troy L. Smith,
    Cleveland.com" under a caption): the article's metadata, read from around its headline."""
    kept = []
    for i, text in enumerate(paragraphs):
        first = i < BYLINE_PARAGRAPHS and len(paragraphs) > 1
        short = first and len(text) < MAX_BYLINE_PARAGRAPH
        if short and (_dateline_paragraph(text, timezone) or _byline_paragraph(text)):
            page.removed.append({"line": text, "rule": "metadata_line"})
            continue
        if first and len(text) < MAX_METADATA_PARAGRAPH and _byline_and_dateline(text, timezone):
            page.removed.append({"line": text, "rule": "metadata_line"})
            continue
        kept.append(text)
    return kept or paragraphs


def _dateline_paragraph(text: str, timezone: str) -> bool:
    """A short paragraph that is a dated line: a day in it (not a time alone, "10 p.m."), and
    besides its dates no more than a label's few words. The day is looked for first: reading
    the line's dates is the costly part."""
    if DATE_IN_LINE.search(text) is None:
        return False
    read = read_metadata_line(text, timezone)
    return read.timed and len(_WORDS.findall(read.rest)) <= DATELINE_LABEL_WORDS


MAX_METADATA_PARAGRAPH = 160  # a byline and a dateline on one line: "By ... | ... - Updated ..."


def _byline_and_dateline(text: str, timezone: str) -> bool:
    """A paragraph that is a byline and a dateline and nothing more than their labels ("By HNN
    Staff | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM")."""
    if DATE_IN_LINE.search(text) is None or not byline_names(text, require_by=True):
        return False
    read = read_metadata_line(text, timezone)
    named = {word.casefold() for name in read.names for word in name.split()}
    left = [w for w in _WORDS.findall(read.rest) if w.casefold() not in named]
    return read.timed and bool(read.names) and len(left) <= DATELINE_LABEL_WORDS


def _byline_paragraph(text: str) -> list[str]:
    """The names of a paragraph that is a byline alone ("von Klaus Stanjek"), or ``[]``."""
    if len(text) >= MAX_BYLINE_PARAGRAPH:
        return []
    return byline_names(text, require_by=True)


_WORDS = re.compile(r"[^\W\d_]+")
MAX_BYLINE_PARAGRAPH = 80


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


_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=\W*[^\W\d_])")


def first_sentence(text: str) -> str:
    """A paragraph's first sentence, at most ``HEADLINE_WORDS[1]`` words of it."""
    sentence = _SENTENCE_BREAK.split(text[:2000], maxsplit=1)[0]
    return " ".join(sentence.split()[: HEADLINE_WORDS[1]])


CAPTION_PARAGRAPH_WORDS = 60  # a longer paragraph is never taken for a caption
CAPTION_PARAGRAPH_CHARS = 720  # (nor a paragraph this long, whatever its words)
# Where each person stands in the picture, as a caption says it after a name ("Jane Doe, left,
# and John Roe speak ...", "..., second from right,"); not a verb between commas ("He paused,
# left, and came back").
_PLACE_IN_PICTURE = re.compile(
    r"(?-i:[A-Z])[\w.'’-]*, (?:left|right|cent(?:er|re)|second from (?:left|right)|front|back)"
    r"(?: to right)?,",
    re.I,
)
# A weekday, then the full date, inside a sentence: how a news agency's caption dates its
# picture ("... rally at the Statehouse in Indianapolis, Tuesday, Nov. 19, 2019, calling for
# ..."); its stories say "on Tuesday".
_CAPTION_DATE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?:Jan|Feb|March|April|May|June|July|Aug|"
    r"Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, (?:19|20)\d\d\b"
)
# A credit's label before the photographer's name ("Credit... ", "Photo: ").
_CREDIT_LABEL = re.compile(
    r"^(?:credit|photo|photograph|image|foto|bild)s?\s*(?:\.\.\.|…|:)?\s*", re.I
)
_CAPTION_SENTENCES = re.compile(r"(?<=[.!?”\"])\s+")  # (a caption's sentences)


def is_caption(paragraph: str) -> bool:
    """A picture's caption in the body's run: it says where each person stands in the picture
    ("Jane Doe, left, and John Roe ..."), dates the picture as an agency's caption does
    ("..., Tuesday, Nov. 19, 2019, ..."), or its last sentence is the photographer's credit
    ("... last week. Credit... Jane Roe/The Daily")."""
    if len(paragraph) > CAPTION_PARAGRAPH_CHARS or len(paragraph.split()) > CAPTION_PARAGRAPH_WORDS:
        return False
    if _PLACE_IN_PICTURE.search(paragraph) or _CAPTION_DATE.search(paragraph):
        return True
    sentences = _CAPTION_SENTENCES.split(paragraph.strip())
    return len(sentences) > 1 and is_photo_credit(_CREDIT_LABEL.sub("", sentences[-1]))


UNDECODABLE_PARAGRAPH = 0.5  # the share of a paragraph's characters U+FFFD that leave it out


def undecodable(paragraph: str) -> bool:
    """A paragraph mostly of U+FFFD, what a scraper that decoded with replacement left of a
    passage it could not read: nothing of the article is left in it."""
    head = paragraph[:2000]
    return head.count("\ufffd") > UNDECODABLE_PARAGRAPH * len(head.replace(" ", ""))


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
        elif is_caption(line):
            page.removed.append({"line": line, "rule": "caption_or_credit"})
        elif undecodable(line):
            page.removed.append({"line": line, "rule": "undecodable"})
        elif is_photo_credit(line):
            # A picture's credit alone ("(Jacquelyn Martin / Associated Press)"), its caption
            # the short line over it.
            if body and len(body[-1].split()) <= CAPTION_WORDS:
                page.removed.append({"line": body.pop(), "rule": "caption_or_credit"})
            page.removed.append({"line": line, "rule": "caption_or_credit"})
        else:
            body.append(line)
    # A byline after the body ("By Jane Doe") belongs to the header.
    while body and (names := byline_names(body[-1], require_by=True)):
        page.authors = page.authors or names
        body.pop()
    if (cut := _comments_start(body)) is not None:
        page.removed.extend({"line": line, "rule": "comments"} for line in body[cut:])
        del body[cut:]
    return body


# A comment's header: who, then when to the minute, perhaps "said:" ("Barry Kooij · March 10,
# 2017 at 2:56 AM", "* Mohammad on September 29, 2018 at 12:16 am said:").
_COMMENT_WHO_WHEN = re.compile(r" (?:[·|—–-]|on|am|le|el) ")
_COMMENT_TAIL = re.compile(r"(?: (?:said|says|wrote|schrieb|sagte|a dit|dijo):?| ?Reply)$", re.I)
_CLOCK = re.compile(r"\d:\d\d")
COMMENT_HEAD_CHARS = 100
COMMENTER_WORDS = 6
COMMENT_HEADS = 2  # a body that has this many comment headers has its comments under it
COMMENTS_AFTER = 2  # paragraphs of the article over the first, at least
COMMENT_CANDIDATES = 40  # lines of comment-header shape whose date is parsed, at most


def _comment_when(line: str) -> str | None:
    """The time part of a line of comment-header shape (who, a separator, when with a clock
    time), not yet parsed; None for any other line."""
    if len(line) > COMMENT_HEAD_CHARS:
        return None
    text = _COMMENT_TAIL.sub("", line.strip().lstrip("*• "))
    parts = _COMMENT_WHO_WHEN.split(text, maxsplit=1)
    if len(parts) != 2 or not _CLOCK.search(parts[1]):
        return None
    who, when = parts
    if not 1 <= len(who.split()) <= COMMENTER_WORDS or any(c.isdigit() for c in who):
        return None
    return when


def _comments_start(body: list[str]) -> int | None:
    """Where the readers' comments start, in a body that took them in: the first of two
    comment headers or more, under the article's own first paragraphs; None if there are
    fewer. (A lone dated line by a name is an update or a quotation's source.)"""
    heads: list[int] = []
    shaped = ((i, when) for i, line in enumerate(body) if (when := _comment_when(line)) is not None)
    # (each date parsed costs a millisecond or so: a body of such lines is read only so far)
    for i, when in itertools.islice(shaped, COMMENT_CANDIDATES):
        if parse_datetime(when) is not None:
            heads.append(i)
            if len(heads) == COMMENT_HEADS:
                break
    if len(heads) == COMMENT_HEADS and heads[0] >= COMMENTS_AFTER:
        return heads[0]
    return None


AUTHOR_NOTE_EDGE = 3  # paragraphs at each end of the body where a note on its writer may stand
AUTHOR_NOTE_WORDS = 80
AUTHOR_CONTACT_WORDS = 8  # "So erreichen Sie Moritz Gathmann:"
_INITIAL = re.compile(r"[^\W\d_]\.")
_BRACKETED_CONTACT = re.compile(r"\((?:[\w.+-]{1,64}@[\w.-]{1,64}|@\w{1,30})\),?")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def _drop_author_notes(page: PageFields) -> None:
    """A note on the writer at either end of the body ("Jane Doe is a reporter covering ...",
    "Moritz Gathmann leitet das Ressort ...") is about the article, not in it."""
    title = page.title or ""
    writers = [name for name in page.authors if name not in title]  # not the one it is about
    last = len(page.paragraphs) - AUTHOR_NOTE_EDGE
    kept = []
    for i, text in enumerate(page.paragraphs):
        if (i < AUTHOR_NOTE_EDGE or i >= last) and _author_note(text, writers):
            page.removed.append({"line": text, "rule": "author_note"})
        else:
            kept.append(text)
    page.paragraphs = kept or page.paragraphs


def _author_note(text: str, authors: list[str]) -> bool:
    """The paragraph opens with a writer's full name and goes on in lower case, or is a short
    line that ends in a colon after that name."""
    words = text.split(maxsplit=AUTHOR_NOTE_WORDS)
    if len(words) > AUTHOR_NOTE_WORDS:
        return False
    for name in authors:
        parts = name.split()
        if len(parts) < 2 or not all(map(_writer_name_part, parts)):
            continue  # one word, or an agency a byline named ("U.S. Customs")
        k = len(parts)
        # in any case: "Mark di Stefano is ..." under the byline's "Mark Di Stefano"
        opens = [word.casefold() for word in words[:k]] == [part.casefold() for part in parts]
        if opens and len(words) > k + 1 and _BRACKETED_CONTACT.fullmatch(words[k]):
            k += 1  # "Jeff Foust (jeff@example.com) is the editor ..."
        if opens and len(words) > k and words[k][:1].islower():
            return True
        if len(words) <= AUTHOR_CONTACT_WORDS and text.rstrip().endswith(":") and name in text:
            return True
    return False


def _writer_name_part(part: str) -> bool:
    """An initial ("M.") or a word in letters, not in capitals alone ("U.S.", "CBP")."""
    if _INITIAL.fullmatch(part):
        return True
    return bool(_NAME_WORD.fullmatch(part)) and not part.isupper()


def _credit_names(line: str) -> list[str]:
    match = re.match(r"^\s*\(?(?:additional )?reporting by\s+([^;)]+)", line, re.I)
    return byline_names("By " + match.group(1)) if match else []
