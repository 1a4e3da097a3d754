"""Amounts: a number and what it counts ("440 extra British troops" -> 440, "British troops").

The counted thing is the run of adjectives and nouns after the number (spaCy's tags), without
quantity words ("extra", "more"); when the number ends its clause ("... personnel in the
country to 1,100") the thing is the "number of X" earlier in the sentence.
"""

from __future__ import annotations

import re
from typing import Any

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>million|billion|trillion|thousand|bn|m|k)\b)?(?![\w,]*\d)",
    re.I,
)
_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_QUANTITY_WORDS = frozenset(
    [
        "extra",
        "additional",
        "more",
        "other",
        "new",
        "some",
        "further",
        "fewer",
        "than",
        "about",
        "around",
        "nearly",
        "almost",
        "over",
        "under",
        "least",
        "most",
    ]
)
_NUMBER_OF = re.compile(
    r"\b(?:number|total|count|tally|strength) of (?P<thing>[A-Za-z][\w\s-]{2,60})"
)
_SKIP_ENTS = frozenset({"DATE", "TIME", "PERCENT", "ORDINAL"})


def extract_amounts(doc: Any, body: str) -> list[dict[str, Any]]:
    skipped = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _SKIP_ENTS]
    by_start = {t.idx: t for t in doc}
    amounts = []
    for m in _NUMBER.finditer(body):
        if any(s <= m.start() < e for s, e in skipped):
            continue
        value = float(m.group("num").replace(",", ""))
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        thing = _thing_after(doc, by_start, m.end()) or _thing_before(body, m.start())
        amounts.append(
            {
                "value": int(value) if value.is_integer() else value,
                "text": m.group(0),
                "object": thing,
                "start": m.start(),
                "end": m.end(),
            }
        )
    return amounts


def _thing_after(doc: Any, by_start: dict[int, Any], end: int) -> str | None:
    token = next((by_start[i] for i in range(end, end + 3) if i in by_start), None)
    words: list[str] = []
    while token is not None and token.pos_ in ("ADJ", "NOUN", "PROPN") and len(words) < 5:
        if not (not words and token.text.lower() in _QUANTITY_WORDS):
            words.append(token.text)
        if token.pos_ == "NOUN" and (token.i + 1 >= len(doc) or doc[token.i + 1].pos_ != "NOUN"):
            break
        token = doc[token.i + 1] if token.i + 1 < len(doc) else None
    while words and words[0].lower() in _QUANTITY_WORDS:
        words.pop(0)
    return " ".join(words) if words and any(w[0].islower() for w in words) else None


def _thing_before(body: str, start: int) -> str | None:
    sentence_start = max(body.rfind(". ", 0, start), body.rfind("\n", 0, start)) + 1
    matches = list(_NUMBER_OF.finditer(body, sentence_start, start))
    if not matches:
        return None
    match = matches[-1]
    words = re.split(
        r"\s+(?:in|on|at|to|from|of|for|with|by|is|are|was|were)\s+", match.group("thing")
    )[0].split()
    return " ".join(words[-2:]) if words else None
