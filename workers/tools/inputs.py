"""What ``wirestream publish`` reads, as a lazy stream of raw messages: single files, JSON Lines
and WARC crawl files, or stdin. Nothing here talks to Kafka, and nothing holds more than one
message (one line, one WARC record) in memory, whatever the size of the input.

Per input:

- ``.warc``, ``.warc.gz``: one envelope per ``response`` (or ``resource``) record whose payload
  is HTML or text: ``url`` from ``WARC-Target-URI``, ``fetched_at`` from ``WARC-Date``, ``id``
  from ``WARC-Record-ID``, ``content_type`` from the HTTP ``Content-Type``, the payload decoded
  as the parse stage decodes raw bytes (``decode_payload``). Request, metadata,
  revisit and non-text records are skipped and counted. A record that cannot be read ends that
  file: it is reported with its record number, and the command exits non-zero.
- ``.jsonl``, ``.ndjson`` (gzipped or not), or stdin with ``--format jsonl``: one envelope per
  line, sent as it is. A line that is not a JSON object is reported with its file and line number
  and sent on all the same, for the parse stage to dead-letter and count: it is never dropped.
- ``.txt``, ``.md``, ``.html``: wrapped in an envelope (``id`` is the file name without its
  extension); ``.json``: an envelope already, sent as it is; anything else: the raw bytes.

Keys: the URL, else the id, so that a re-crawl of a URL lands on the partition of its first crawl.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import orjson

from workers.parsing.decode import text_of, web_encoding

TYPES = {
    ".txt": "text/plain",
    ".md": "text/plain",
    ".markdown": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
}
SKIP_SUFFIXES = (".expected.json",)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
FORMATS = ("auto", "raw", "jsonl", "warc")
# WARC payloads taken as articles: HTML and text. Anything else (images, PDFs, scripts) is skipped.
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown")
# A WARC payload larger than this is skipped and counted: the raw topic's messages stay small.
MAX_RECORD_BYTES = 10_000_000
MAX_PROBLEMS_KEPT = 1000


@dataclass(frozen=True)
class Message:
    """One raw message: its key, its value, and for people what it holds."""

    key: bytes | None
    value: bytes
    content_type: str


@dataclass
class Report:
    """What was read but not sent as an article, for the end-of-run summary: skipped records by
    kind, and problems (malformed lines or records) with where they were."""

    skipped: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0
    unreadable: int = 0  # WARC files cut short by a record that could not be read

    def problem(self, where: str, what: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(f"{where}: {what}")


def expand(paths: Iterable[str]) -> Iterator[Path | None]:
    """Files under the given paths in name order; ``None`` stands for stdin."""
    for path in paths:
        if path == "-":
            yield None
            continue
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        yield from (
            f for f in files if not f.name.endswith(SKIP_SUFFIXES) and not f.name.startswith(".")
        )


def read(
    paths: Iterable[str],
    report: Report,
    fmt: str = "auto",
    source: str | None = None,
    url: str | None = None,
) -> Iterator[Message]:
    """Every message of every input, lazily, in order."""
    for path in expand(paths):
        kind = fmt if fmt != "auto" else _format_of(path)
        if kind == "warc":
            with _open_binary(path) as stream:
                yield from warc_messages(stream, _name(path), report)
        elif kind == "jsonl":
            with _open_binary(path) as stream:
                yield from jsonl_messages(stream, _name(path), report)
        else:
            yield file_message(path, source, url)


def _format_of(path: Path | None) -> str:
    name = path.name.lower() if path is not None else ""
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    return "raw"


def _name(path: Path | None) -> str:
    return "<stdin>" if path is None else str(path)


def _open_binary(path: Path | None) -> IO[bytes]:
    if path is None:
        return sys.stdin.buffer
    if path.name.lower().endswith(".jsonl.gz") or path.name.lower().endswith(".ndjson.gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")  # WARC readers detect gzip themselves, record by record


def file_message(path: Path | None, source: str | None = None, url: str | None = None) -> Message:
    """The raw message for one whole file (``None``: stdin)."""
    if path is None:
        data = sys.stdin.buffer.read()
        return Message(None, data, _sniff(data))
    data = path.read_bytes()
    if path.suffix == ".json":
        key, declared = _envelope_facts(data)
        return Message(key, data, declared)
    content_type = TYPES.get(path.suffix.lower())
    if content_type is None:
        return Message(path.stem.encode(), data, _sniff(data))
    envelope = {
        "id": path.stem,
        "content": data.decode("utf-8", "replace"),
        "content_type": content_type,
    }
    if source:
        envelope["source"] = source
    if url:
        envelope["url"] = url
    return Message((url or path.stem).encode(), orjson.dumps(envelope), content_type)


def jsonl_messages(stream: IO[bytes], name: str, report: Report) -> Iterator[Message]:
    """One message per non-blank line; a malformed line is reported and sent on as it is."""
    for number, line in enumerate(stream, start=1):
        value = line.rstrip(b"\r\n")
        if not value.strip():
            continue
        key, content_type = _envelope_facts(value)
        if content_type == "invalid":
            report.problem(f"{name}:{number}", "not a JSON object (sent on to be dead-lettered)")
        yield Message(key, value, content_type)


def _envelope_facts(data: bytes) -> tuple[bytes | None, str]:
    """The key (URL, else id) and declared content type of an envelope; ``invalid`` if the data
    is not a JSON object."""
    try:
        doc: Any = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None, "invalid"
    if not isinstance(doc, dict):
        return None, "invalid"
    key = next((doc[k] for k in ("url", "id") if isinstance(doc.get(k), str) and doc[k]), None)
    content_type = doc.get("content_type")
    return (
        key.encode() if key else None,
        content_type if isinstance(content_type, str) else "text/plain",
    )


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return "application/octet-stream"


def warc_messages(stream: IO[bytes], name: str, report: Report) -> Iterator[Message]:
    """One envelope per HTML or text response record of a WARC (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    records = iter(ArchiveIterator(stream, arc2warc=True, check_digests=True))
    while True:
        number += 1
        try:
            record = next(records)
            message = _warc_message(record, report)
        except StopIteration:
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            report.problem(f"{name}: record {number}", f"unreadable, rest of file skipped ({exc})")
            report.unreadable += 1
            return
        if message is not None:
            yield message


def _warc_message(record: Any, report: Report) -> Message | None:
    if record.rec_type not in ("response", "resource"):
        report.skipped[record.rec_type or "unknown"] += 1
        return None
    mime, charset = _media_type(record)
    if mime in HTML_TYPES:
        content_type = "text/html"
    elif mime in TEXT_TYPES:
        content_type = "text/plain"
    else:
        report.skipped["non-text"] += 1
        return None
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        report.skipped["too-large"] += 1
        return None
    headers = record.rec_headers
    digested = headers.get_header("WARC-Block-Digest") or headers.get_header("WARC-Payload-Digest")
    if record.digest_checker.passed is False or (digested and not record.digest_checker.passed):
        # A digest that fails, or was never reached: the record was cut short.
        raise ValueError("record cut short or corrupt (its digest does not match)")
    url = headers.get_header("WARC-Target-URI")
    envelope = {
        "id": (headers.get_header("WARC-Record-ID") or "").strip("<>") or None,
        "url": url,
        "fetched_at": headers.get_header("WARC-Date"),
        "content_type": content_type,
        "content": decode_payload(payload, charset, html=content_type == "text/html"),
    }
    envelope = {k: v for k, v in envelope.items() if v is not None}
    key = url or envelope.get("id")
    return Message(key.encode() if key else None, orjson.dumps(envelope), content_type)


def _media_type(record: Any) -> tuple[str, str | None]:
    """The payload's media type and declared charset: from the HTTP header of a response, the
    WARC header of a resource."""
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    value = headers.get_header("Content-Type") or ""
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def decode_payload(payload: bytes, charset: str | None, *, html: bool = False) -> str:
    """Text of a payload, as the parse stage decodes raw bytes (``decode.text_of``): UTF-8 if
    it is (or mostly is), else the charset its HTTP header declares, else (a page) the one its
    markup declares, else detected; windows-1252 if nothing fits (never fails)."""
    text = text_of(payload, web_encoding(charset) if charset else None, html=html)
    return text if text is not None else payload.decode("cp1252", "replace")
