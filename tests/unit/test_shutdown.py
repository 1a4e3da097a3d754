import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from workers.runtime import shutdown


@pytest.fixture
def restarts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, str]]:
    asked: list[tuple[int, str]] = []
    monkeypatch.setattr(shutdown, "restart", lambda status, reason: asked.append((status, reason)))
    monkeypatch.setattr(shutdown, "_stopping", False)
    return asked


def _agent(fail: BaseException) -> Any:
    @shutdown.restarts_on_crash
    async def agent(stream: Any) -> AsyncIterator[int]:
        async for value in stream:
            if value < 0:
                raise fail
            yield value * 2

    return agent


async def _values(*values: int) -> AsyncIterator[int]:
    for value in values:
        yield value


async def _drain(agent: Any, *values: int) -> list[int]:
    return [value async for value in agent(_values(*values))]


async def test_an_agent_that_raises_asks_for_a_restart_and_still_raises(
    restarts: list[tuple[int, str]],
) -> None:
    out: list[int] = []
    with pytest.raises(KeyError):
        async for value in _agent(KeyError("x"))(_values(1, 2, -1, 3)):
            out.append(value)
    assert out == [2, 4]  # what it yielded before the crash passes through
    assert restarts == [(shutdown.EXIT_AGENT_CRASHED, "agent agent crashed (KeyError)")]


async def test_a_cancelled_agent_is_no_crash(restarts: list[tuple[int, str]]) -> None:
    with pytest.raises(asyncio.CancelledError):
        await _drain(_agent(asyncio.CancelledError()), 1, -1)
    assert await _drain(_agent(KeyError()), 1, 2) == [2, 4]
    assert restarts == []


async def test_a_crash_while_the_worker_stops_asks_for_nothing(
    restarts: list[tuple[int, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutdown, "_stopping", True)
    with pytest.raises(KeyError):
        await _drain(_agent(KeyError()), -1)
    assert restarts == []
