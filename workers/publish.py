"""Publishing raw articles: files, folders or stdin onto the raw topic.

``.txt`` and ``.html`` files are wrapped in a JSON envelope (``id`` = file name without its
extension, ``content_type`` from the extension); ``.json`` files are sent as they are (they are
envelopes already); any other file goes as raw bytes, as a scraper might send it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaProducer

TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}
SKIP_SUFFIXES = (".expected.json",)


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


def message_for(
    path: Path | None, source: str | None = None, url: str | None = None
) -> tuple[bytes | None, bytes]:
    """(key, value) of the raw message for one file."""
    if path is None:
        return None, sys.stdin.buffer.read()
    data = path.read_bytes()
    if path.suffix == ".json":
        return _envelope_key(data), data
    content_type = TYPES.get(path.suffix.lower())
    if content_type is None:
        return path.stem.encode(), data
    envelope = {
        "id": path.stem,
        "content": data.decode("utf-8", "replace"),
        "content_type": content_type,
    }
    if source:
        envelope["source"] = source
    if url:
        envelope["url"] = url
    return path.stem.encode(), orjson.dumps(envelope)


def _envelope_key(data: bytes) -> bytes | None:
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if isinstance(doc, dict):
        key = doc.get("id") or doc.get("url")
        return key.encode() if isinstance(key, str) else None
    return None


async def publish(
    options: dict[str, Any],
    topic: str,
    messages: Iterable[tuple[bytes | None, bytes]],
    progress: bool = False,
) -> int:
    """Send messages with a producer built from ``security.client_options``; return how many."""
    producer = AIOKafkaProducer(**options, acks="all", max_request_size=16 * 1024 * 1024)
    await producer.start()
    sent = 0
    try:
        futures = []
        items = list(messages)
        for key, value in items:
            futures.append(await producer.send(topic, value=value, key=key))
            sent += 1
            if progress and sys.stderr.isatty():
                print(f"\rpublished {sent}/{len(items)}", end="", file=sys.stderr)
        for fut in futures:
            await fut
        if progress and sys.stderr.isatty():
            print(file=sys.stderr)
    finally:
        await producer.stop()
    return sent
