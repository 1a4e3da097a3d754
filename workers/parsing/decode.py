"""Raw message bytes -> ``RawInput``: the envelope checked, the content decoded to clean text.

Untrusted input is validated here, once, at the door; everything after works on ``RawInput``.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass

import ftfy
import orjson
from charset_normalizer import from_bytes

from workers.errors import ParseError
from workers.parsing.urls import canonical_url, registered_domain

CONTENT_TYPES = ("text/plain", "text/html")
_OPTIONAL_STR_FIELDS = ("id", "source", "url", "fetched_at")
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
# C0 controls other than tab, newline, carriage return, form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Characters that only say where a word may break or must not (soft hyphen, zero-width space,
# word joiner, a BOM inside the text): invisible on the page, but they split a word for
# everything that reads the text ("Mit\xadtel\xadal\xadter"). Not the zero-width joiners,
# which emoji and some scripts need.
_BREAK_HINTS = re.compile("[\u00ad\u200b\u2060\ufeff]")


@dataclass(frozen=True)
class RawInput:
    content: str
    content_type: str = "text/plain"
    id: str | None = None
    source: str | None = None
    url: str | None = None
    fetched_at: str | None = None


# Magic numbers of binary formats scrapers send by mistake: PDF, ZIP (Office, EPUB), OLE
# (old Office), gzip, PNG, JPEG, GIF, WebP/RIFF.
_BINARY_MAGIC = (
    b"%PDF-",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"\x1f\x8b",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"RIFF",
)
_BOM = b"\xef\xbb\xbf"
MAX_ID_CHARS = 256
MAX_URL_CHARS = 2048
MAX_SOURCE_CHARS = 253
MAX_FETCHED_AT_CHARS = 64
# Characters that must never reach a log line, a key or a count: controls (Cc), format
# characters (Cf: bidi overrides, zero-width, soft hyphen), line and paragraph separators.
_INVISIBLE_CATEGORIES = ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn")
_SAFE_TOKEN = re.compile(r"[^a-z0-9._:-]+")


def visible(text: str) -> str:
    """``text`` without control, format (bidi, zero-width, soft hyphen) or separator
    characters; tabs and newlines become spaces."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        " " if c in "\t\n\r" else c
        for c in text
        if c in "\t\n\r" or unicodedata.category(c) not in _INVISIBLE_CATEGORIES
    )


def clean_source(value: str | None) -> str | None:
    """A source from input as a safe token: visible characters only, lower case, runs of
    anything but ``[a-z0-9._:-]`` made one ``-``, at most 253 characters; None if nothing is
    left."""
    if not value:
        return None
    if "://" in value[:20]:  # a URL given as the source: its registrable domain
        domain = registered_domain(canonical_url(clean_url(value)))
        if domain:
            return domain
    token = _SAFE_TOKEN.sub("-", visible(value[: MAX_SOURCE_CHARS * 4]).strip().lower())
    token = token.strip("-.")[:MAX_SOURCE_CHARS]
    return token or None


def clean_id(value: str | None) -> str | None:
    """An id from input, unchanged if short and visible; else a hash of it (the original stays
    in the dead letter's payload)."""
    if not value:
        return None
    if len(value) <= MAX_ID_CHARS and visible(value) == value and value.strip() == value:
        return value
    return (
        "h-" + hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    )


def clean_url(value: str | None) -> str | None:
    """A URL from input if at most 2,048 visible characters; else None."""
    if not value or len(value) > MAX_URL_CHARS or visible(value) != value:
        return None
    return value


def envelope_hints(value: bytes) -> dict[str, str]:
    """Best-effort, cleaned ``id``/``source``/``url`` of a message that may be invalid, for
    dead letters and counts."""
    try:
        doc = orjson.loads(value.removeprefix(_BOM))
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(doc, dict):
        return {}
    cleaners = {"id": clean_id, "source": clean_source, "url": clean_url}
    hints = {}
    for key, clean in cleaners.items():
        raw = doc.get(key)
        cleaned = clean(raw) if isinstance(raw, str) else None
        if cleaned:
            hints[key] = cleaned
    return hints


def decode_message(value: bytes, max_bytes: int) -> RawInput:
    """Decode one raw message; raise ``ParseError`` with a documented reason if it is bad."""
    if len(value) > max_bytes:
        raise ParseError("content_too_large", f"{len(value)} bytes > limit {max_bytes}")
    value = value.removeprefix(_BOM)
    if not value.strip():
        raise ParseError("empty_content")
    if value.startswith(_BINARY_MAGIC):
        raise ParseError("binary_content", f"starts like a binary file: {value[:8]!r}")
    if value.lstrip()[:1] == b"{":
        return _decode_envelope(value, max_bytes)
    if _HTML_SNIFF.match(value[:2048]):
        return RawInput(content=decode_text(value, html=True), content_type="text/html")
    return RawInput(content=decode_text(value), content_type="text/plain")


def _decode_envelope(value: bytes, max_bytes: int) -> RawInput:
    try:
        doc = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise ParseError("invalid_json", str(exc)[:200]) from exc
    if not isinstance(doc, dict):
        raise ParseError("invalid_envelope", "top-level JSON value is not an object")
    content = doc.get("content")
    if not isinstance(content, str):
        raise ParseError("invalid_envelope", "'content' must be a string")
    content_type = doc.get("content_type", "text/plain")
    if content_type is None:
        content_type = "text/plain"
    if not isinstance(content_type, str):
        raise ParseError("invalid_envelope", "'content_type' must be a string")
    content_type = content_type.split(";")[0].strip().lower()
    if content_type not in CONTENT_TYPES:
        raise ParseError("unsupported_content_type", f"content_type {content_type[:80]!r}")
    for name in _OPTIONAL_STR_FIELDS:
        if doc.get(name) is not None and not isinstance(doc[name], str):
            raise ParseError("invalid_envelope", f"'{name}' must be a string")
    if not content.strip():
        raise ParseError("empty_content")
    if len(content.encode("utf-8", "surrogatepass")) > max_bytes:
        raise ParseError("content_too_large", "envelope content over the limit")
    fetched_at = doc.get("fetched_at")
    return RawInput(
        content=clean_text(
            content, repair_text=content_type != "text/html", entities=content_type == "text/html"
        ),
        content_type=content_type,
        id=clean_id(doc.get("id")),
        source=clean_source(doc.get("source")),
        url=clean_url(doc.get("url")),
        fetched_at=fetched_at if fetched_at and len(fetched_at) <= MAX_FETCHED_AT_CHARS else None,
    )


def decode_text(value: bytes, *, html: bool = False) -> str:
    """Bytes of unknown encoding -> text (see ``text_of``); mojibake repaired (see
    ``clean_text``), except in an HTML page, whose fields are repaired instead."""
    if b"\x00" in value[:65536]:
        raise ParseError("binary_content", "NUL bytes in content")
    text = text_of(value, html=html)
    if text is None:
        raise ParseError("undecodable", "no text encoding fits these bytes")
    return clean_text(text, repair_text=not html, entities=html)


def text_of(value: bytes, declared: str | None = None, *, html: bool = False) -> str | None:
    """UTF-8 if the bytes are; else UTF-8 still if they mostly are (a page with a stray byte or
    two: those become U+FFFD, where a detector's guess would garble every accent); else the
    legacy encoding declared for them (``declared``, a Python codec name from ``web_encoding``,
    else, for an ``html`` page, its ``<meta>`` charset); else the detector's pick; None if no
    encoding fits. The declarations are read only for bytes that are not UTF-8."""
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode("utf-8", errors="replace")
    if _mostly_utf8(text):
        return text
    declared = declared or (declared_charset(value) if html else None)
    encoding = declared if declared and declared != "utf-8" else guess_encoding(value)
    return value.decode(encoding, errors="replace") if encoding else None


MOSTLY_UTF8 = 8  # well-formed non-ASCII characters for each malformed byte, at least


def _mostly_utf8(text: str) -> bool:
    """Bytes decoded as UTF-8 with replacement hold far more well-formed non-ASCII characters
    than malformed bytes (U+FFFD). Legacy encodings' accents are malformed UTF-8 every time."""
    malformed = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii - malformed >= MOSTLY_UTF8 * malformed


def guess_encoding(value: bytes) -> str | None:
    """The detector's pick for bytes that are not UTF-8; among equally clean picks,
    windows-1252 (the web's usual legacy encoding, which HTML5 reads for every "latin-1" label)
    wins over its look-alikes. None if no encoding fits."""
    results = from_bytes(value[:262144])
    best = results.best()
    if best is None or best.encoding is None:
        return None
    tied = {r.encoding for r in results if r.chaos <= best.chaos + 0.001}
    return "cp1252" if "cp1252" in tied else best.encoding


_CHARSET_HEAD = 4096  # bytes of a page searched for its declared encoding
_META_CHARSET = re.compile(rb"<meta\b[^>]{0,300}?charset\s*=\s*[\"']?\s*([\w.:-]{1,40})", re.I)
# What browsers read for some labels (the WHATWG Encoding standard): Latin-1 and ASCII pages as
# windows-1252, the East Asian labels as their Windows supersets, and a page whose markup says
# UTF-16 (so is ASCII-compatible) as UTF-8.
_WEB_MEANING = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "gb2312": "gbk",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
# The web's encodings (WHATWG) by their Python codec names.
_WEB_ENCODINGS = re.compile(
    r"utf-8|utf-16(?:-[lb]e)?|ascii|iso8859-\d{1,2}|cp(?:866|874|125[0-8]|932|949)|koi8-[ru]|"
    r"mac-(?:roman|cyrillic)|gbk|gb2312|gb18030|big5|big5hkscs|euc_jp|euc_kr|iso2022_jp|"
    r"shift_jis|tis-620"
)


def declared_charset(value: bytes) -> str | None:
    """The text encoding an HTML page declares in a ``<meta>`` near its top (``charset=`` or
    an ``http-equiv`` content type), as ``web_encoding`` reads it."""
    found = _META_CHARSET.search(value[:_CHARSET_HEAD])
    return web_encoding(found.group(1).decode("ascii", "replace")) if found else None


def web_encoding(label: str) -> str | None:
    """A declared charset label as the Python codec a browser would read it with; None unless
    it names one of the web's text encodings (the WHATWG list: never UTF-7, nor a Python codec
    such as ``base64``, ``idna`` or ``unicode_escape``)."""
    try:
        name = codecs.lookup(label.strip().strip("\"'.:-").lower()[:40]).name
    except (LookupError, ValueError, UnicodeError):  # unknown, a NUL, a surrogate
        return None
    if not _WEB_ENCODINGS.fullmatch(name):
        return None
    return _WEB_MEANING.get(name, name)


# A tenth of a text's first characters replaced (U+FFFD) is more than a damaged passage: bytes
# that are no text. A page dump whose scraper decoded a quote or a script it could not read
# "with replacement" holds a few percent and is still an article.
UNDECODABLE_SHARE = 10


def clean_text(text: str, *, repair_text: bool = True, entities: bool = True) -> str:
    """Repair mojibake, refuse binary-looking text, drop stray control characters.

    An HTML page is not repaired whole (``repair_text=False``): most of it is markup and
    scripts, and repairing it all cost half the parse stage's time on real pages. The fields
    extracted from it are repaired instead (``repaired``), with the same result for its text.
    With ``entities=False`` HTML entities are left as they are: a text dump's are decoded by
    its reader once its wrapped lines are joined (``textdump.dump_lines``), since "&mdash;"
    decoded shortens the line a browser wrapped at its width."""
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise ParseError("binary_content", "too many control characters")
    if "\ufffd" in sample and sample.count("\ufffd") > max(8, len(sample) // UNDECODABLE_SHARE):
        raise ParseError("binary_content", "mostly undecodable bytes")
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    return repaired(text, entities=entities) if repair_text else _CONTROL.sub("", text)


def repaired(text: str, *, entities: bool = True) -> str:
    """Mojibake repaired, NFC, no stray control characters, no soft hyphens or zero-width
    spaces (``_BREAK_HINTS``); HTML entities decoded unless ``entities`` is false."""
    return _BREAK_HINTS.sub("", _CONTROL.sub("", repair(text, entities=entities)))


def _ftfy_config(*, unescape_html: str | bool) -> ftfy.TextFixerConfig:
    """ftfy's settings, in one place: quotes as the page curls them, characters as wide as the
    page prints them (Chinese and Japanese punctuation is full width)."""
    return ftfy.TextFixerConfig(
        normalization="NFC",
        uncurl_quotes=False,
        fix_character_width=False,
        explain=False,
        unescape_html=unescape_html,
    )


_FTFY = _ftfy_config(unescape_html="auto")  # ftfy's own default
_FTFY_AFTER_MARKUP = _ftfy_config(unescape_html=False)
# What ftfy may change in a line of ASCII: entities, carriage returns, terminal escapes (and
# control characters, which ``clean_text`` removes anyway).
_ASCII_FIXABLE = re.compile(r"[&\r\x1b]")
# A line of printable ASCII and the general punctuation's dashes, quotes, bullets and ellipses
# (not its line separators or invisible marks): as unchanged by ftfy as plain ASCII, since every
# mojibake ftfy repairs holds a Latin-1 or a Cyrillic letter, and none of these characters has
# another NFC form. English prose with curly quotes is most such lines.
_PLAIN = re.compile(r"[\t\n\x20-\x25\x27-\x7e\u2010-\u2027\u2030-\u205e]*")


def repair(text: str, *, entities: bool = True) -> str:
    """``ftfy.fix_text`` with the same result, faster on pages that are mostly ASCII.

    ftfy fixes a text line by line; a line of plain ASCII with no entity, carriage return or
    terminal escape comes out unchanged (but for control characters), yet costs ftfy the full
    round of its fixers. An HTML page is mostly such lines (markup, scripts, styles): they are
    passed through, and the rest go to ftfy with the configuration it would have had at that
    line (it stops unescaping entities after the first line with a "<")."""
    config = _FTFY if entities else _FTFY_AFTER_MARKUP
    out = []
    pos = 0
    while pos < len(text):
        textbreak = text.find("\n", pos) + 1 or len(text)
        textbreak = min(textbreak, pos + config.max_decode_length)
        segment = text[pos:textbreak]
        if "<" in segment:
            config = _FTFY_AFTER_MARKUP
        if (
            segment.isascii()
            and not _ASCII_FIXABLE.search(segment)
            or _PLAIN.fullmatch(segment) is not None
        ):
            out.append(segment)
        else:
            out.append(ftfy.fix_and_explain(segment, config).text)
        pos = textbreak
    return "".join(out)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
