"""Crawl files written the way crawlers write them, for the publish tests: a WARC (with warcio,
the reference writer) of mixed records, and JSON Lines with a broken line."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import orjson
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

POLISH = (
    "<html><head><title>Łódź</title></head><body><p>Zażółć gęślą jaźń w Łodzi.</p></body></html>"
)
ARTICLES = (
    # (url, content type header, payload bytes, the text the envelope must carry)
    (
        "https://example.pl/lodz",
        "text/html; charset=ISO-8859-2",
        POLISH.encode("iso-8859-2"),
        POLISH,
    ),
    (
        "https://example.com/plain",
        "text/plain; charset=utf-8",
        "Plain text story.\n\nIt has “quotes”.".encode(),
        "Plain text story.\n\nIt has “quotes”.",
    ),
    (
        "https://example.com/undeclared",
        "text/html",
        "<html><body><p>Caf\u00e9 na\u00efve</p></body></html>".encode("utf-8"),
        "<html><body><p>Caf\u00e9 na\u00efve</p></body></html>",
    ),
)
SKIPPED = {"warcinfo": 1, "request": 1, "metadata": 1, "non-text": 1}


def write_warc(path: Path, compress: bool = True) -> Path:
    """warcinfo, then per article a request and a response; an image response and a metadata
    record in between: three articles and four skipped records."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for number, (url, content_type, payload, _text) in enumerate(ARTICLES):
            if number == 0:
                request = StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "example.pl")], is_http_request=True
                )
                writer.write_record(
                    writer.create_warc_record(
                        url, "request", payload=BytesIO(b""), http_headers=request
                    )
                )
            writer.write_record(_response(writer, url, content_type, payload))
            if number == 1:
                writer.write_record(
                    _response(
                        writer, "https://example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"
                    )
                )
                writer.write_record(
                    writer.create_warc_record(
                        url,
                        "metadata",
                        payload=BytesIO(b"outlinks: none"),
                        warc_content_type="text/plain",
                    )
                )
    return path


def _response(writer: WARCWriter, url: str, content_type: str, payload: bytes):  # type: ignore[no-untyped-def]
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url, "response", payload=BytesIO(payload), http_headers=headers
    )


JSONL_GOOD = (
    {"id": "a1", "url": "https://example.com/a1", "content": "First story.\n\nBody."},
    {"id": "a2", "content": "Second story.\n\nBody.", "source": "example.org"},
    {
        "id": "a3",
        "url": "https://example.com/a3",
        "content": "<html><body>x</body></html>",
        "content_type": "text/html",
    },
)
BROKEN_LINE = b'{"id": "broken", "content": "no closing brace"'


def jsonl_bytes() -> bytes:
    """Three envelopes, a blank line, and a broken line as line 3."""
    lines = [
        orjson.dumps(JSONL_GOOD[0]),
        orjson.dumps(JSONL_GOOD[1]),
        BROKEN_LINE,
        b"",
        orjson.dumps(JSONL_GOOD[2]),
    ]
    return b"\n".join(lines) + b"\n"


def write_jsonl(path: Path) -> Path:
    data = jsonl_bytes()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path
