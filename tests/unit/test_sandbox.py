"""The sandbox runs a call in a child process: results and exceptions come back, an overrun or a
crash kills the child and is reported, the next call gets a fresh child, and the event loop is
free while a call runs."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvloop

from workers.errors import ParseError
from workers.runtime.sandbox import Crashed, Overrun, Sandbox


def add(a: int, b: int) -> int:
    return a + b


def refuse(reason: str) -> None:
    raise ParseError(reason, "from the child")


def spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:  # busy, holding the child's GIL, as a C regex would
        pass
    return "done"


def echo(text: str) -> str:
    return text


def die() -> None:
    os._exit(9)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    box = Sandbox("test")
    yield box
    box.stop()


async def test_a_call_returns_its_result(sandbox: Sandbox) -> None:
    assert await sandbox.call(add, 2, 3, timeout=30) == 5


async def test_a_documented_error_comes_back_whole(sandbox: Sandbox) -> None:
    with pytest.raises(ParseError) as raised:
        await sandbox.call(refuse, "no_title", timeout=30)
    assert raised.value.reason == "no_title" and raised.value.detail == "from the child"


async def test_an_overrun_kills_the_child_and_the_next_call_gets_another(
    sandbox: Sandbox,
) -> None:
    await sandbox.ready()
    first = sandbox.pid
    with pytest.raises(Overrun):
        await sandbox.call(spin, 60, timeout=0.5)
    assert sandbox.restarts == 1
    assert await sandbox.call(add, 1, 1, timeout=30) == 2
    assert sandbox.pid != first


async def test_a_child_that_dies_is_reported_and_replaced(sandbox: Sandbox) -> None:
    with pytest.raises(Crashed):
        await sandbox.call(die, timeout=30)
    assert await sandbox.call(add, 2, 2, timeout=30) == 4


async def test_the_event_loop_runs_while_the_child_works(sandbox: Sandbox) -> None:
    await sandbox.ready()
    ticks: list[float] = []

    async def ticker() -> None:
        while True:
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    task = asyncio.create_task(ticker())
    try:
        assert await sandbox.call(spin, 1.5, timeout=30) == "done"
    finally:
        task.cancel()
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 20 and max(gaps) < 0.5, f"the loop stalled {max(gaps):.2f}s"


async def test_a_cancelled_call_leaves_no_reply_for_the_next(sandbox: Sandbox) -> None:
    task = asyncio.create_task(sandbox.call(spin, 0.5, timeout=30))
    await sandbox.ready()
    await asyncio.sleep(0.1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await sandbox.call(add, 20, 22, timeout=30) == 42


def test_a_process_holding_a_started_sandbox_exits_promptly() -> None:
    """multiprocessing joins daemon children at exit after a SIGTERM the child ignores: the
    sandbox closes its pipe first, so the child returns and the worker's exit does not hang."""
    import subprocess
    import sys

    program = (
        "import asyncio, os\n"
        "from workers.runtime.sandbox import Sandbox\n"
        "HELD = Sandbox('exit')\n"
        "asyncio.run(HELD.call(os.getpid, timeout=30))\n"
    )
    done = subprocess.run([sys.executable, "-c", program], timeout=60, capture_output=True)
    assert done.returncode == 0, done.stderr.decode()[-2000:]


async def test_a_call_that_cannot_be_sent_leaves_the_child_usable(sandbox: Sandbox) -> None:
    with pytest.raises(AttributeError, match="pickle"):
        await sandbox.call(lambda: 1, timeout=30)  # a programming error, raised in the caller
    assert await sandbox.call(add, 3, 4, timeout=30) == 7


@pytest.mark.parametrize(
    "new_loop", [asyncio.new_event_loop, uvloop.new_event_loop], ids=["asyncio", "uvloop"]
)
def test_megabytes_cross_the_pipe_whole_on_either_loop(new_loop: Any) -> None:
    """A raw page to the child and a long article back, each far larger than a pipe's buffer, on
    both loops a worker may run: uvloop leaves a pipe it has watched non-blocking, and the send
    and the read must still wait for the whole message."""
    text = "word " * 800_000

    async def main() -> None:
        box = Sandbox("large")
        try:
            for _ in range(3):
                assert await box.call(echo, text, timeout=60) == text
        finally:
            box.stop()

    with asyncio.Runner(loop_factory=new_loop) as runner:
        runner.run(main())
