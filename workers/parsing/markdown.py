"""Markdown dumps: what converters (html2text, markdownify, a crawler's Markdown export) add to
an article's lines, taken off so that the rest of the parser reads plain lines.

Headings lose their ``#``, emphasis its ``*``/``_``, links keep their text, images go. List
bullets stay: the whole-page classifier reads them as a sign of menus and link lists. Every
pattern is bounded (no nested repeats) and runs on one line at a time.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^#{1,6}\s+")
# Brackets and parentheses are excluded inside, so that each scan stops at the next one: linear
# on a line of ten thousand "[".
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)")
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
    text = _STRONG.sub(r"\2", text)
    return " ".join(_EMPHASIS.sub(r"\2", text).split())
