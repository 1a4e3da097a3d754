"""A child process that runs one pure function call at a time, within a time budget.

Python's ``re``, lxml and spaCy hold the GIL inside a single C call, so a hostile input run in a
thread of the worker still stops its event loop (heartbeats, commits, ``/ready``, the
watchdog). Run in a ``Sandbox``, the call costs the loop nothing: the parent only waits for the
child's pipe to become readable. A call that overruns its budget has its child killed
(``Overrun``); a child that dies under a call (a crash, the OOM killer) is reported as
``Crashed``. Either way a fresh child is started for the next call, and the caller
dead-letters the message.

The child is spawned (not forked: the worker has threads) with SIGTERM and SIGINT ignored, so a
signal sent to the worker's process group does not kill it under a call in flight; the worker
owns its lifecycle. Its start-up (imports, models) is not charged to a call's budget.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import os
import pickle
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

logger = logging.getLogger(__name__)

START_TIMEOUT_S = 300.0  # imports and models; far beyond what the slowest start has taken


@dataclass
class Activity:
    """When the worker's stages last did bounded work (a sandbox call in flight or a child
    starting, or work in the event loop under ``bounded_work``, such as dedup rebuilding its
    lookups). The stall watchdog reads it: time spent inside bounded work is not a stall, so a
    long but budgeted call (a large article's NER) does not get the worker restarted."""

    in_flight: int = 0
    last: float = float("-inf")  # monotonic time a call last started or ended
    warming: int = 0  # children being started with the worker (``warming``): not ready yet

    def worked_since(self, since: float) -> bool:
        return self.in_flight > 0 or self.last >= since


@contextmanager
def bounded_work() -> Iterator[None]:
    """Around work that ends by itself, however long it takes (a sandbox call ends by its budget;
    a rebuild of dedup's lookups, by the window's size): not a stall while it runs."""
    activity.in_flight += 1
    activity.last = time.monotonic()
    try:
        yield
    finally:
        activity.in_flight -= 1
        activity.last = time.monotonic()


@contextmanager
def warming() -> Iterator[None]:
    """Around a stage's start-up of its children: the worker is not ready (``/ready``) until
    they can take work, so that a message is not judged against a child still loading models."""
    activity.warming += 1
    try:
        yield
    finally:
        activity.warming -= 1


activity = Activity()


class SandboxFailure(Exception):
    """The call did not finish in its child: see ``Overrun`` and ``Crashed``."""


class Overrun(SandboxFailure):
    """The call ran past its budget; its child was killed."""


class Crashed(SandboxFailure):
    """The child died under the call (or while starting)."""


class Sandbox:
    """One child process, started on first use and again after a failure."""

    def __init__(
        self,
        name: str,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.name = name
        self.initializer = initializer
        self.initargs = initargs
        self.restarts = 0
        self._process: Any = None
        self._conn: Connection | None = None
        self._ready: asyncio.Future[tuple[str, Any]] | None = None
        self._at_exit = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        if self._process is not None:
            return
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(
            target=serve,
            args=(child, self.initializer, self.initargs),
            name=f"wirestream-{self.name}",
            daemon=True,
        )
        # Born with SIGTERM and SIGINT blocked (the mask survives exec): a group signal during
        # its imports must not kill it. It ignores both, then unblocks them (``serve``).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        try:
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        child.close()
        self._process, self._conn = process, parent
        self._ready = None
        if not self._at_exit:
            # Runs before multiprocessing's own exit handler (registered earlier, run later),
            # which would otherwise wait forever to join a child that ignores SIGTERM.
            atexit.register(self.stop)
            self._at_exit = True

    async def ready(self) -> None:
        """Wait until the child has started (imports and initializer done)."""
        self.start()
        if self._ready is None:
            self._ready = asyncio.ensure_future(self._receive(START_TIMEOUT_S))
        try:
            kind, payload = await asyncio.shield(self._ready)
        except SandboxFailure:
            self._ready = None
            raise
        if kind != "ready":
            self.kill()
            raise Crashed(f"{self.name} did not start: {payload}")

    async def call(self, function: Callable[..., Any], *args: Any, timeout: float) -> Any:
        """``function(*args)`` in the child within ``timeout`` seconds. Raises what the function
        raised, ``Overrun`` or ``Crashed``."""
        with bounded_work():
            return await self._call(function, *args, timeout=timeout)

    async def _call(self, function: Callable[..., Any], *args: Any, timeout: float) -> Any:
        await self.ready()
        assert self._conn is not None
        try:
            self._conn.send((function, args))
        except (BrokenPipeError, OSError) as exc:
            self.kill()
            raise Crashed(f"{self.name} died before the call: {exc}") from exc
        try:
            kind, payload = await self._receive(timeout)
        except asyncio.CancelledError:
            self.kill()  # its reply would be taken for the next call's
            raise
        if kind == "raised":
            raise payload
        return payload

    async def _receive(self, timeout: float) -> tuple[str, Any]:
        conn = self._conn
        assert conn is not None
        loop = asyncio.get_running_loop()
        readable = asyncio.Event()
        fd = conn.fileno()
        loop.add_reader(fd, readable.set)
        try:
            await asyncio.wait_for(readable.wait(), timeout)
            overran = False
        except TimeoutError:
            overran = True
        finally:
            loop.remove_reader(fd)  # before the pipe is closed: its number will be reused
            # uvloop (libuv) makes a descriptor it watches non-blocking, and leaves it so: the
            # read below and the next call's send must wait for a message larger than the pipe's
            # buffer rather than fail half way.
            os.set_blocking(fd, True)
        if overran:
            self.kill()
            raise Overrun(f"{self.name}: over {timeout:g}s")
        try:
            message: tuple[str, Any] = conn.recv()
        except (EOFError, OSError) as exc:
            code = self._process.exitcode if self._process is not None else None
            self.kill()
            raise Crashed(f"{self.name} died (exit code {code})") from exc
        return message

    def kill(self) -> None:
        """Kill the child at once (its call, if any, is lost); the next call starts another."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        self._ready = None
        if conn is not None:
            conn.close()
        if process is not None:
            self.restarts += 1
            process.kill()
            process.join(5)

    def stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        self._ready = None
        if conn is not None:
            conn.close()  # the child sees EOF and returns
        if process is not None:
            process.join(2)
            if process.is_alive():
                process.kill()
                process.join(5)


def serve(
    conn: Connection, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    """The child's loop: run calls until the parent closes the pipe."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    try:
        if initializer is not None:
            initializer(*initargs)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the call
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):
            return
        except Exception as exc:  # noqa: BLE001 - a call that does not unpickle here
            conn.send(("raised", RuntimeError(f"cannot run this call: {exc}")))
            continue
        try:
            reply: tuple[str, Any] = ("ok", function(*args))
        except Exception as exc:  # noqa: BLE001 - the caller gets it back and decides
            reply = ("raised", _portable(exc))
        conn.send(reply)


def _portable(exc: Exception) -> Exception:
    """The exception itself if it survives pickling, else a RuntimeError naming it."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any pickling failure
        return RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc
