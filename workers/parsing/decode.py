"""Raw message bytes -> ``RawInput``: the envelope checked, the content decoded to clean text.

Untrusted input is validated here, once, at the door; everything after works on ``RawInput``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy
import orjson
from charset_normalizer import from_bytes

from workers.errors import ParseError

CONTENT_TYPES = ("text/plain", "text/html")
_OPTIONAL_STR_FIELDS = ("id", "source", "url", "fetched_at")
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)
# C0 controls other than tab, newline, carriage return, form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class RawInput:
    content: str
    content_type: str = "text/plain"
    id: str | None = None
    source: str | None = None
    url: str | None = None
    fetched_at: str | None = None


def envelope_hints(value: bytes) -> dict[str, str]:
    """Best-effort ``id``/``source`` of a message that may be invalid, for dead letters."""
    try:
        doc = orjson.loads(value)
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(doc, dict):
        return {}
    return {k: doc[k] for k in ("id", "source", "url") if isinstance(doc.get(k), str) and doc[k]}


def decode_message(value: bytes, max_bytes: int) -> RawInput:
    """Decode one raw message; raise ``ParseError`` with a documented reason if it is bad."""
    if len(value) > max_bytes:
        raise ParseError("content_too_large", f"{len(value)} bytes > limit {max_bytes}")
    if not value.strip():
        raise ParseError("empty_content")
    if value.lstrip()[:1] == b"{":
        return _decode_envelope(value, max_bytes)
    content_type = "text/html" if _HTML_SNIFF.match(value[:2048]) else "text/plain"
    return RawInput(content=decode_text(value), content_type=content_type)


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
    return RawInput(
        content=clean_text(content),
        content_type=content_type,
        **{name: (doc.get(name) or None) for name in _OPTIONAL_STR_FIELDS},
    )


def decode_text(value: bytes) -> str:
    """Bytes of unknown encoding -> text; mojibake repaired."""
    if b"\x00" in value[:65536]:
        raise ParseError("binary_content", "NUL bytes in content")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode(_legacy_encoding(value), errors="replace")
    return clean_text(text)


def _legacy_encoding(value: bytes) -> str:
    encoding = guess_encoding(value)
    if encoding is None:
        raise ParseError("undecodable", "no text encoding fits these bytes")
    return encoding


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


def clean_text(text: str) -> str:
    """Repair mojibake, refuse binary-looking text, drop stray control characters."""
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 50):
        raise ParseError("binary_content", "too many control characters")
    if "\ufffd" in sample and sample.count("\ufffd") > max(8, len(sample) // 50):
        raise ParseError("binary_content", "mostly undecodable bytes")
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    return _CONTROL.sub("", fixed)


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
