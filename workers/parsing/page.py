"""What a page layout parser returns, before the stage turns it into a wire record."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

_SPACE = re.compile(r"\s+")
# Han and kana, for a regex's character class: Chinese and Japanese write no spaces between
# words (``wholepage.CJK``), nor between a date and the words around it (``meta``).
CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


@dataclass
class PageFields:
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    paragraphs: list[str] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    source_name: str | None = None
    url: str | None = None
    language: str | None = None


def unaccented(word: str) -> str:
    """``word`` without combining marks (NFD): "nuño" -> "nuno"; other scripts keep theirs."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def normalise(text: str) -> str:
    """Case, quote and whitespace folded: for comparing lines and hashing bodies."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()
