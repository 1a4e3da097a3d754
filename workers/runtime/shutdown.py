"""A bounded graceful shutdown.

On SIGTERM or SIGINT Faust stops the consumer, waits for every event handed to an agent to be
acknowledged (our agents acknowledge an article only once its outputs are sent, see
``streams.processed``), commits and exits. That wait has no limit of its own: an article whose
NER runs long, or a producer that cannot reach the broker, would hold a container's stop until
the orchestrator's SIGKILL. The worker class (``faust_internals.Worker``) calls ``arm`` when the
first signal arrives, which starts a timer thread; if the worker has not exited
``WIRESTREAM_SHUTDOWN_TIMEOUT_S`` later, the process exits with ``EXIT_SHUTDOWN_TIMEOUT``.
Unfinished articles were never committed, so the partition's next owner processes them: nothing
is lost, work is repeated.

``restart(status, reason)`` is how the worker asks its supervisor for a restart (the lag
watchdog does when a partition stalls): the same bounded graceful stop, then exit ``status``
(non-zero, also when the stop overruns its bound), so Docker's restart policy, systemd or the
tests' harness starts it again.

``restarts_on_crash`` wraps every agent: an agent that raises (a failure of the broker or
a table, not of an input: inputs that fail are dead-lettered) restarts the worker with
``EXIT_AGENT_CRASHED``. Faust would restart the agent alone, and the event it held would stay
unacknowledged for good: its partition's offset could never be committed past it, and the next
rebalance would wait for it forever (``wait_empty``; seen in session 53, when a table's
changelog was missing). Restarted, the worker's successor is handed the event again.
"""

from __future__ import annotations

import functools
import logging
import os
import signal
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

from workers.runtime.app import settings

logger = logging.getLogger(__name__)

EXIT_SHUTDOWN_TIMEOUT = 3
EXIT_AGENT_CRASHED = 5
_T = TypeVar("_T")
_requested_status = 0
_stopping = False


def arm() -> None:
    """Start the timer that ends the process if the graceful stop overruns its bound."""
    global _stopping
    _stopping = True
    timeout = settings.shutdown_timeout_s
    if timeout > 0:
        timer = threading.Timer(timeout, _give_up, (timeout,))
        timer.daemon = True
        timer.start()


def stopping() -> bool:
    """Whether the worker has begun its stop (a signal), or asked for a restart."""
    return _stopping or bool(_requested_status)


def requested_status() -> int:
    """The exit status ``restart`` asked for (0 if none)."""
    return _requested_status


def restart(status: int, reason: str) -> None:
    """Stop gracefully (bounded) and exit with ``status`` for the supervisor to restart us."""
    global _requested_status
    if _requested_status:
        return
    _requested_status = status
    logger.critical(
        "%s: stopping, exit status %d, for the supervisor to restart this worker", reason, status
    )
    os.kill(os.getpid(), signal.SIGTERM)


def restarts_on_crash(
    agent: Callable[[Any], AsyncIterator[_T]],
) -> Callable[[Any], AsyncIterator[_T]]:
    """An agent's function whose crash restarts the worker (see the module's doc). Applied under
    ``app.agent``; cancellation (a rebalance, the worker stopping) passes through untouched. An
    agent that fails while the worker is already stopping changes nothing: its event stays
    unacknowledged and uncommitted, as any other unfinished one."""

    @functools.wraps(agent)
    async def restarting(stream: Any) -> AsyncIterator[_T]:
        try:
            async for value in agent(stream):
                yield value
        except Exception as exc:
            name = agent.__name__
            logger.critical("agent %s crashed", name, exc_info=exc)
            if not _stopping:
                restart(EXIT_AGENT_CRASHED, f"agent {name} crashed ({type(exc).__name__})")
            raise

    return restarting


def _give_up(timeout: float) -> None:
    # A thread, not a task: the event loop may be the thing that is stuck.
    logger.error(
        "graceful shutdown did not finish within %.0fs: exiting; unfinished work is uncommitted "
        "and will be redelivered",
        timeout,
    )
    logging.shutdown()
    os._exit(_requested_status or EXIT_SHUTDOWN_TIMEOUT)
