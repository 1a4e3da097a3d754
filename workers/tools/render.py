"""Output records for people: one summary line per record, a compact block per article, or JSON.

Everything printed here came from input, so each field is made printable (no control, bidi or
newline characters) and cut to a width before it reaches a terminal.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import orjson

TITLE_WIDTH = 70
TOP = 3


def printable(text: Any, limit: int = 200) -> str:
    """A value from input, safe for one line of a terminal: controls and format characters
    (bidi overrides, zero-width) become ``?``; at most ``limit`` characters."""
    if text is None:
        return "-"
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    text = str(text)
    cut = text[:limit] + ("…" if len(text) > limit else "")
    return "".join("?" if unicodedata.category(c)[0] in "CZ" and c != " " else c for c in cut)


def as_json(value: bytes | None, pretty: bool) -> str:
    if value is None:
        return "null"
    try:
        doc: Any = orjson.loads(value)
    except orjson.JSONDecodeError:
        doc = {"raw": value.decode("utf-8", "replace")}
    return orjson.dumps(doc, option=orjson.OPT_INDENT_2 if pretty else 0).decode()


def summary_line(key: bytes | None, value: bytes | None) -> str:
    """One line for any record of the output topics: an enriched article, a withdrawal, a
    duplicate or a dead letter."""
    if value is None:
        return f"{'-':16}  withdrawn {printable(key, 40)} (a later copy of another article)"
    try:
        doc: Any = orjson.loads(value)
    except orjson.JSONDecodeError:
        return f"{'-':16}  not JSON: {printable(value, 60)}"
    if not isinstance(doc, dict):
        return f"{'-':16}  not a record: {printable(value, 60)}"
    if "stage" in doc and "reason" in doc:
        stage, reason = printable(doc.get("stage"), 10), printable(doc.get("reason"), 30)
        source, raw_id = printable(doc.get("source"), 30), printable(doc.get("raw_id"), 60)
        return f"{'-':16}  {source:24} dead-letter {stage}/{reason}  {raw_id}"
    when = _when(doc.get("published_at") or doc.get("ingested_at"))
    source = printable(doc.get("source"), 30)
    title = _quoted(doc.get("title"))
    if "duplicate_of" in doc:
        kind = f"{printable(doc.get('kind'), 10)} {doc.get('similarity', 0):.2f}"
        revised = " (revised)" if doc.get("revised") else ""
        of = printable(doc.get("duplicate_of"), 30)
        return f"{when}  {source:24} duplicate{revised} ({kind}) of {of}  {title}"
    entities = doc.get("entities") or {}
    lang = printable(doc.get("language") or "??", 5)
    people = _names(entities.get("persons"))
    places = _names(entities.get("locations"))
    return f"{when}  {source:24} {lang:3} {title}  people: {people}  places: {places}"


def article_block(doc: dict[str, Any]) -> str:
    """The fields of one enriched article, compact: a person can read it at a glance."""
    entities = doc.get("entities") or {}
    quotes = doc.get("quotes") or []
    amounts = doc.get("amounts") or []
    lines = [
        ("title", printable(doc.get("title"), 200)),
        ("source", f"{printable(doc.get('source'))} ({printable(doc.get('source_name'))})"),
        ("url", printable(doc.get("url"), 200)),
        ("authors", ", ".join(printable(a, 60) for a in doc.get("authors") or []) or "-"),
        ("published", printable(doc.get("published_at"))),
        ("language", f"{printable(doc.get('language'))}  model: {printable(doc.get('nlp_model'))}"),
        ("words", f"{doc.get('word_count')}  reading time {doc.get('reading_time_s')} s"),
        ("people", _names(entities.get("persons"), 8)),
        ("orgs", _names(entities.get("organizations"), 8)),
        ("places", _places(entities.get("locations"))),
        ("quotes", f"{len(quotes)}" + (f", e.g. {_quote(quotes[0])}" if quotes else "")),
        ("amounts", ", ".join(printable(a.get("text"), 40) for a in amounts[:5]) or "-"),
        ("themes", ", ".join(printable(t.get("theme"), 40) for t in doc.get("themes", [])[:5])),
        ("tone", printable(orjson.dumps(doc.get("tone")).decode(), 120)),
        ("keywords", ", ".join(printable(k, 30) for k in doc.get("keywords", [])[:10])),
        ("summary", printable(doc.get("summary"), 300)),
    ]
    return "\n".join(f"{name:>10}  {value}" for name, value in lines)


def _when(iso: Any) -> str:
    return printable(str(iso)[:16]).replace("T", " ") if iso else "-"


def _quoted(title: Any) -> str:
    return f'"{printable(title, TITLE_WIDTH)}"'


def _names(items: Any, top: int = TOP) -> str:
    names = [printable(e.get("name"), 40) for e in (items or [])[:top] if isinstance(e, dict)]
    return ", ".join(names) or "-"


def _places(items: Any) -> str:
    out = []
    for place in (items or [])[:8]:
        country = place.get("country")
        out.append(printable(place.get("name"), 40) + (f" ({country})" if country else ""))
    return ", ".join(out) or "-"


def _quote(quote: dict[str, Any]) -> str:
    return f'"{printable(quote.get("text"), 80)}" — {printable(quote.get("speaker"), 40)}'
