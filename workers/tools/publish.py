"""Sending raw messages (``workers.tools.inputs``) to the raw topic: streamed, paced, with progress.

At most ``in_flight`` sends are unacknowledged at once, so memory stays flat however large the
input; ``rate`` caps messages per second. A progress bar (messages, bytes, rate) is drawn on a
terminal only: piped or in CI the command prints just its summary.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import deque
from collections.abc import Iterable
from typing import Any

from aiokafka import AIOKafkaProducer
from tqdm import tqdm

from workers.tools.inputs import Message

IN_FLIGHT = 1000


async def publish(
    options: dict[str, Any],
    topic: str,
    messages: Iterable[Message | tuple[bytes | None, bytes]],
    *,
    progress: bool = False,
    rate: float = 0.0,
    in_flight: int = IN_FLIGHT,
) -> int:
    """Send messages with a producer built from ``security.client_options``; return how many."""
    producer = AIOKafkaProducer(**options, acks="all", max_request_size=16 * 1024 * 1024)
    await producer.start()
    bar = tqdm(
        unit=" msg",
        disable=not (progress and sys.stderr.isatty()),
        file=sys.stderr,
        dynamic_ncols=True,
    )
    pending: deque[asyncio.Future[Any]] = deque()
    sent = size = 0
    started = time.monotonic()
    try:
        for message in messages:
            key, value = (message.key, message.value) if isinstance(message, Message) else message
            if rate > 0:
                await asyncio.sleep(max(0.0, started + sent / rate - time.monotonic()))
            pending.append(await producer.send(topic, value=value, key=key))
            while len(pending) >= in_flight:
                await pending.popleft()
            sent += 1
            size += len(value)
            bar.update(1)
            if sent % 100 == 0:
                bar.set_postfix_str(f"{_human(size)}B", refresh=False)
        while pending:
            await pending.popleft()
    finally:
        bar.set_postfix_str(f"{_human(size)}B")
        bar.close()
        await producer.stop()
    return sent


def _human(n: float) -> str:
    for unit in ("", "k", "M", "G"):
        if n < 1000:
            return f"{n:.0f}{unit}" if unit == "" else f"{n:.1f}{unit}"
        n /= 1000
    return f"{n:.1f}T"
