"""Markdown dumps: what converters (html2text, markdownify, a crawler's Markdown export) add to
an article's lines, taken off so that the rest of the parser reads plain lines.

Headings lose their ``#``, emphasis its ``*``/``_``, escapes their backslash, links keep
their text, images go. List bullets stay: the whole-page classifier reads them as a sign of
menus and link lists. A link whose text spans lines or holds brackets (converters write
both) loses its ``](url)`` and its unmatched ``[``. Which lines were top-level headings
(``# ``) is kept: in a page converted to Markdown, the headline is usually one; and which
lines were links and little else: menus, teasers and "more from" lists are. Every pattern is
bounded (no nested repeats) and runs on one line at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from workers.parsing.urls import writer_page

_HEADING = re.compile(r"^#{1,6}\s+")
_TOP_HEADING = re.compile(r"^#\s")
_SECOND_HEADING = re.compile(r"^##\s")
# A link's target: a URL (with up to three bracketed parts, as in "filters:no_upscale()") and an
# optional quoted title, which may hold brackets of its own. Brackets are excluded inside each
# part, so that each scan stops at the next one: bounded work per "[" on a line of ten thousand.
_TARGET = (
    r'(?:\((?:[^()\s]{0,2000}(?:\([^()\s]{0,500}\)[^()\s]{0,2000}){0,3})(?:\s+"[^"\n]{0,500}")?\s?\)'
    # ...or an address a converter left spaces in (a share link's text: "send?text=Headline
    # %0A%0A https://..."), which only its quoted title ends
    r'|\((?:https?:)?//[^()"\s]{1,2000}\s[^()"\n]{0,2000}\s"[^"\n]{0,500}"\s?\)'
    # ...or a picture inlined as a data URL, base64 of any length up to a line's ("(data:image/
    # jpeg;base64,/9j/4AAQ...)"): one scan to its end, as no bracket or space is inside it
    r"|\(data:[\w/+.;,=-]{1,10000000}\))"
)
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]" + _TARGET)
# What is left of a link whose text began on an earlier line or held brackets.
_LINK_END = re.compile(r"\]" + _TARGET)
_ADJACENT_LINKS = re.compile(r"(?<=\))[ \t]{1,20}(?=\[)")  # a link's end, spaces, the next's start
_TARGETS = re.compile(r"\]\([^()\s]{1,500}")  # where a link or an image's link goes
MAX_LINE = 5000  # characters of a line searched for links
_STRONG = re.compile(r"(?<!\\)(\*\*|__)(?=\S)([^*_\n]{1,500}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])([*_])(?=\S)([^*_\n]{1,500}?)(?<=\S)\1(?![\w*])")
# A character a converter escaped so that it reads as itself ("\*um", "\_", "\#"): any ASCII
# punctuation after a backslash, as CommonMark has it.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# Signs that a dump is Markdown: a heading, a link or image, or strong emphasis. Not a name
# between double underscores ("__init__.py", "__main__"): code that a text dump prints as it
# is, which converters escape ("\_\_init\_\_") and would otherwise be read as emphasis.
_SIGNS = re.compile(r"^#{1,6}\s|\]\(|\*\*\S|(?<!\w)__(?![A-Za-z0-9]+__)[^\s_]")
MARKDOWN_SIGNS = 2  # lines with a sign before the dump is read as Markdown
_HEADING_SIGN = re.compile(r"#{1,6}\s+\S")


def looks_markdown(lines: list[str]) -> bool:
    """Markdown signs on ``MARKDOWN_SIGNS`` lines of the dump, wherever they are: a converted
    page may print its menus as plain lines and its first heading hundreds of lines down. A
    dump that opens with a heading ("# Council approves ...") is Markdown too."""
    if lines and _HEADING_SIGN.match(lines[0]):
        return True
    signed = (line for line in lines if _SIGNS.search(line[:1000]))
    return len(list(islice(signed, MARKDOWN_SIGNS))) >= MARKDOWN_SIGNS


CONVERTED_LINKS = 3  # lines with a Markdown link or image that make a converter's page


def converted(lines: list[str]) -> bool:
    """A page an HTML-to-Markdown converter wrote: links (``](``) on a few lines at least. (A
    text browser's dump with a few signs of Markdown, such as lynx's "____" form fields or
    code's "__init__", is not one.)"""
    linked = (line for line in lines if "](" in line[:MAX_LINE])
    return len(list(islice(linked, CONVERTED_LINKS))) >= CONVERTED_LINKS


# A line that starts a block of its own: a heading, a list item, a quote, a table's row, a fence,
# a rule, an image alone (or a linked one); and of those, the ones no line under them continues.
_BLOCK_START = re.compile(
    r"^\s{0,3}(?:#{1,6}\s|[*+-]\s|\d{1,3}[.)]\s|>|\||```|~~~|\[?!\[|[-*_](?:\s*[-*_]){2,}\s*$)"
)
_WHOLE_LINE = re.compile(r"^\s{0,3}(?:#{1,6}\s|\||```|~~~|\[?!\[|[-*_](?:\s*[-*_]){2,}\s*$)")
_IMAGE_START = re.compile(r"^\s{0,3}!\[")
# A linked image whose alt text the wrapping broke: its line ends inside the alt text.
_ALT_BROKEN = re.compile(r"^\s{0,3}\[!\[[^\]]*$")
_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_QUOTE_LINE = re.compile(r"^\s{0,3}>\s?(.*)$")  # a quote's line, and what it quotes
_CODE_INDENT = ("    ", "\t")
_HARD_BREAK = ("  ", "\\")
WRAPPED_LINE_CHARS = 50  # the plain characters of a line that a converter's wrapping broke


def paragraphs(lines: list[str]) -> list[str]:
    """Markdown's lines with each paragraph's lines joined into one: in Markdown a paragraph
    runs on over single line breaks until a blank line, a hard break or a line that starts a
    block. Only lines long enough to have been wrapped are continued (the HTML's own line
    breaks, which converters keep, or their wrapping at 78 columns): converters also put a
    byline and its date, or a menu's entries, on lines of their own with no blank between. A
    link's text that the wrapping broke ("[AirPods" over "2](https://...)") is continued
    whatever its length, and the line that closes it is measured with its link's target, as the
    wrapping measured it. A quote's paragraph goes on over lines that each start with ">".
    Code (fenced or indented) is left as it is."""
    out: list[list[str]] = []  # each paragraph's lines, joined once (linear in the dump)
    joining = opened = fenced = quoted = False
    for raw in lines:
        line = raw.strip()
        if _FENCE.match(raw):
            fenced = not fenced
        # A quote's paragraph wrapped goes on on lines that each start with its ">" too.
        quote = _QUOTE_LINE.match(raw)
        if quote and quoted and joining and quote.group(1).strip():
            out[-1].append(quote.group(1).strip())
            continued = True
        else:
            continued = (joining or opened) and bool(line) and not _BLOCK_START.match(raw)
            quoted = quote is not None
            if continued and not fenced:
                out[-1].append(line)
            else:
                out.append([line])
        ends = fenced or raw.startswith(_CODE_INDENT) or raw.endswith(_HARD_BREAK)
        if not (continued and joining):  # (a paragraph goes on to its end once it is joined)
            # (the line that closes a link the wrapping broke is measured as it was wrapped)
            # (a line shorter than that is shorter once plain: only a longer one is read)
            length = len(line)
            if not continued and length >= WRAPPED_LINE_CHARS:
                length = len(plain(line))
            joining = length >= WRAPPED_LINE_CHARS and not _WHOLE_LINE.match(raw)
        joining = joining and not ends
        head = line[:MAX_LINE]
        # (an image's alt text the wrapping broke is continued too, a linked image's included;
        # a linked image's line that closes its image, an author's card, is read with the
        # lines under it as they are: ``plain_lines``)
        unclosed = head.count("[") > head.count("]")
        opened = not ends and (
            bool(unclosed and (_IMAGE_START.match(raw) or not _WHOLE_LINE.match(raw)))
            or _ALT_BROKEN.match(head) is not None
        )
    return [" ".join(parts) for parts in out]


def plain(line: str) -> str:
    """One Markdown line as the plain line a text dump would have."""
    return _plain(line)[0]


def _plain(line: str) -> tuple[str, int]:
    """The plain line, and how many of its characters were the text of links."""
    text, linked, _ = _read(line)
    return text, linked


def _read(line: str) -> tuple[str, int, bool]:
    """The plain line, how many of its characters were the text of links, and whether one of
    its links (or an image's link) goes to a writer's page."""
    writer = any(writer_page(m.group(0)) for m in _TARGETS.finditer(line[:MAX_LINE]))
    text = _HEADING.sub("", line)
    if writer:
        # A byline's links side by side ("[date](...) [Jane Doe](/author/...) [Culture](...)"):
        # each link's text its own part, so that the name does not run into a category's.
        text = _ADJACENT_LINKS.sub(" | ", text)
    text = _IMAGE.sub("", text)
    texts: list[str] = []

    def link_text(match: re.Match[str]) -> str:
        texts.append(match.group(1))
        return _link_text(match)

    text = _LINK.sub(link_text, text)
    linked = sum(len(t.strip()) for t in texts)
    if "](" in text:
        linked += len(text[: text.rfind("](")].strip())  # a link's text begun on an earlier line
        text = _LINK_END.sub("", text)
    if text.count("[") > text.count("]"):  # the opening of a link closed on a later line
        text = text.replace("[", "", text.count("[") - text.count("]"))
    text = _STRONG.sub(r"\2", text)
    text = _ESCAPED.sub(r"\1", _EMPHASIS.sub(r"\2", text))
    return " ".join(text.split()), linked, writer


def _link_text(match: re.Match[str]) -> str:
    """A link's text, and a space where the page ran it into the words beside it: a
    capitalised word or a number after it ("By [Meg James](/people/meg-james)Staff Writer",
    "[Lucas Nolan](/author/lnolan/)22 Dec 2016"), a word before a capitalised one
    ("By[J.R. Stone](/about/jr-stone)"), a number before a number ("2016[651](#comments)")."""
    text = match.group(1)
    before = match.string[match.start() - 1 : match.start()] if match.start() else ""
    after = match.string[match.end() : match.end() + 1]
    glued_after = text[-1:].isalpha() and (after.isupper() or after.isdigit())
    glued_before = (
        before.isalpha() and text[:1].isupper() or before.isdigit() and text[:1].isdigit()
    )
    return (" " if glued_before else "") + text + (" " if glued_after else "")


LINKED = 0.8  # a line this much link text is a link (a menu entry, a teaser), not prose
_LIST_MARK = re.compile(r"^(?:[*+-]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class Marks:
    """What a dump's markup says of its lines, by index: which were top-level headings (and
    second-level ones), and which were links and little else. A plain-text dump marks none."""

    headings: frozenset[int] = frozenset()
    links: frozenset[int] = frozenset()
    writers: frozenset[int] = frozenset()  # lines that link a writer's page: a byline
    second: frozenset[int] = frozenset()  # second-level headings ("## ")


NO_MARKS = Marks()


def plain_lines(lines: list[str]) -> tuple[list[str], Marks]:
    """The Markdown lines as plain ones (empty ones left out), and their marks."""
    out: list[str] = []
    headings: set[int] = set()
    links: set[int] = set()
    writers: set[int] = set()
    second: set[int] = set()
    inside = False  # the line before was a word inside a link still open
    for line in lines:
        text, link_chars, writer = _read(line)
        if (
            writer
            and inside
            and " " not in text
            and "[" not in line[:MAX_LINE].split("](", 1)[0]  # the link opened on a line before
        ):
            # A writer's link whose text the page broke over lines ("Kathrin" then
            # "Führes](/autoren/...)"): the name's two words are one line, the byline.
            out[-1] = f"{out[-1]} {text}"
            links.add(len(out) - 1)
            writers.add(len(out) - 1)
            inside = False
            continue
        inside = bool(text) and " " not in text and "](" not in line and "[" not in line
        if text:
            if _TOP_HEADING.match(line):
                headings.add(len(out))
            elif _SECOND_HEADING.match(line):
                second.add(len(out))
            if link_chars >= LINKED * len(_LIST_MARK.sub("", text)):
                links.add(len(out))
                if writer:
                    writers.add(len(out))
            out.append(text)
    return out, Marks(frozenset(headings), frozenset(links), frozenset(writers), frozenset(second))
