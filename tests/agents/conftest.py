"""Agent wiring with ``agent.test_context()``: the module-level app, bound to the running loop,
in-memory tables, flow control resumed (or ``put()`` hangs), outbound sends recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any
from unittest.mock import AsyncMock

import pytest

from workers.runtime import topics
from workers.runtime.app import app


@pytest.fixture
def wired_app() -> Iterator[Any]:
    app.finalize()  # the store is memory:// (tests clear every WIRESTREAM_* variable)
    app.flow_control.resume()
    yield app


class Sent:
    """Records every ``send`` to the pipeline's topics instead of producing to Kafka."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, list[dict[str, Any]]] = {}
        for topic in topics.ALL:
            name = topic.get_topic_name()
            mock = AsyncMock(side_effect=self._recorder(name))
            monkeypatch.setattr(topic, "send", mock)

    def _recorder(self, name: str) -> Any:
        async def record(**kwargs: Any) -> Any:
            self.calls.setdefault(name, []).append(kwargs)
            delivered = asyncio.get_running_loop().create_future()  # the delivery future
            delivered.set_result(None)
            return delivered

        return record

    def values(self, name: str) -> list[Any]:
        return [c["value"] for c in self.calls.get(name, [])]


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    return Sent(monkeypatch)
