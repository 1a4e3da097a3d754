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
(non-zero), so Docker's restart policy, systemd or the tests' harness starts it again.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

from workers.runtime.app import settings

logger = logging.getLogger(__name__)

EXIT_SHUTDOWN_TIMEOUT = 3
_requested_status = 0


def arm() -> None:
    """Start the timer that ends the process if the graceful stop overruns its bound."""
    timeout = settings.shutdown_timeout_s
    if timeout > 0:
        timer = threading.Timer(timeout, _give_up, (timeout,))
        timer.daemon = True
        timer.start()


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


def _give_up(timeout: float) -> None:
    # A thread, not a task: the event loop may be the thing that is stuck.
    logger.error(
        "graceful shutdown did not finish within %.0fs: exiting; unfinished work is uncommitted "
        "and will be redelivered",
        timeout,
    )
    logging.shutdown()
    os._exit(EXIT_SHUTDOWN_TIMEOUT)
