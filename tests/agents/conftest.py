"""Agent wiring with ``agent.test_context()``: the module-level app, bound to the running loop,
in-memory tables, flow control resumed (or ``put()`` hangs), outbound sends recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from unittest.mock import AsyncMock

import pytest

from workers.records import DeadLetter, Duplicate, EnrichedArticle, Outcome, ParsedArticle
from workers.runtime import topics
from workers.runtime.app import app


@pytest.fixture
def wired_app() -> Iterator[Any]:
    app.finalize()  # the store is memory:// (tests clear every WIRESTREAM_* variable)
    app.flow_control.resume()
    yield app


# What each topic's bytes decode to (``articles.unique`` and ``articles.enriched`` are raw
# topics: a null value is a withdrawal).
_RECORDS = {
    topics.parsed: ParsedArticle,
    topics.unique: ParsedArticle,
    topics.enriched: EnrichedArticle,
    topics.duplicates: Duplicate,
    topics.dead_letter: DeadLetter,
    topics.outcomes: Outcome,
}


class Sent:
    """Records every message the agents hand to the app's producer instead of producing to
    Kafka: the bytes on the wire, decoded back into the topic's record."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, list[dict[str, Any]]] = {}
        self._types = {t.get_topic_name(): record for t, record in _RECORDS.items()}
        monkeypatch.setattr(app.producer, "send", AsyncMock(side_effect=self._record))

    async def _record(self, topic: str, key: bytes | None, value: bytes | None, **_: Any) -> Any:
        assert value is None or isinstance(value, bytes), value  # only bytes go on the wire
        decoded = None if value is None else self._types[topic].loads(value)
        self.calls.setdefault(topic, []).append({"key": key, "value": decoded, "raw": value})
        delivered = asyncio.get_running_loop().create_future()  # the delivery future
        delivered.set_result(None)
        return delivered

    def values(self, name: str) -> list[Any]:
        return [c["value"] for c in self.calls.get(name, [])]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    return Sent(monkeypatch)
