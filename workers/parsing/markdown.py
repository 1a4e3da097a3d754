"""Markdown dumps: what converters (html2text, markdownify, a crawler's Markdown export) add to
an article's lines, taken off so that the rest of the parser reads plain lines.

Headings lose their ``#``, emphasis its ``*``/``_``, links keep their text, images go. List
bullets stay: the whole-page classifier reads them as a sign of menus and link lists. A link
whose text spans lines or holds brackets (converters write both) loses its ``](url)`` and its
unmatched ``[``. Which lines were top-level headings (``# ``) is kept: in a page converted to
Markdown, the headline is usually one. Every pattern is bounded (no nested repeats) and runs on
one line at a time.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^#{1,6}\s+")
_TOP_HEADING = re.compile(r"^#\s")
# Brackets and parentheses are excluded inside, so that each scan stops at the next one: linear
# on a line of ten thousand "[".
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
# What is left of a link whose text began on an earlier line or held brackets.
_LINK_END = re.compile(
    r'\]\([^()\s]{0,2000}(?:\([^()\s]{0,500}\)[^()\s]{0,2000})?(?:\s+"[^"\n]{0,500}")?\)'
)
_STRONG = re.compile(r"(\*\*|__)(?=\S)([^*_\n]{1,500}?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]{1,500}?)(?<=\S)\1(?![\w*])")
# Signs that a dump is Markdown: a heading, a link or image, or strong emphasis.
_SIGNS = re.compile(r"^#{1,6}\s|\]\(|\*\*\S|__\S")
MARKDOWN_SIGNS = 2  # lines with a sign before the dump is read as Markdown
SAMPLE_LINES = 400


def looks_markdown(lines: list[str]) -> bool:
    return sum(bool(_SIGNS.search(line[:1000])) for line in lines[:SAMPLE_LINES]) >= MARKDOWN_SIGNS


def plain(line: str) -> str:
    """One Markdown line as the plain line a text dump would have."""
    text = _HEADING.sub("", line)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    if "](" in text:
        text = _LINK_END.sub("", text)
    if text.count("[") > text.count("]"):  # the opening of a link closed on a later line
        text = text.replace("[", "", text.count("[") - text.count("]"))
    text = _STRONG.sub(r"\2", text)
    return " ".join(_EMPHASIS.sub(r"\2", text).split())


def plain_lines(lines: list[str]) -> tuple[list[str], frozenset[int]]:
    """The Markdown lines as plain ones (empty ones left out), and the indices, among those, of
    the lines that were top-level headings."""
    out: list[str] = []
    headings: set[int] = set()
    for line in lines:
        text = plain(line)
        if text:
            if _TOP_HEADING.match(line):
                headings.add(len(out))
            out.append(text)
    return out, frozenset(headings)
