"""A bounded graceful shutdown.

On SIGTERM or SIGINT Faust stops the consumer, waits for every event handed to an agent to be
acknowledged (our agents acknowledge an article only once its outputs are sent, see
``routing.processed``), commits and exits. That wait has no limit of its own: an article whose
NER runs long, or a producer that cannot reach the broker, would hold a container's stop until
the orchestrator's SIGKILL. This worker class arms a timer thread when the first signal
arrives; if the worker has not exited ``WIRESTREAM_SHUTDOWN_TIMEOUT_S`` later, the process exits
with ``EXIT_SHUTDOWN_TIMEOUT``. Unfinished articles were never committed, so the partition's next
owner processes them: nothing is lost, work is repeated.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

import faust

from workers.app import settings

logger = logging.getLogger(__name__)

EXIT_SHUTDOWN_TIMEOUT = 3


class Worker(faust.Worker):
    """``faust.Worker`` whose shutdown on a signal is bounded in time."""

    def _schedule_shutdown(self, signal: signal.Signals) -> None:
        timeout = settings.shutdown_timeout_s
        if not self._signal_stop_time and timeout > 0:
            timer = threading.Timer(timeout, _give_up, (timeout,))
            timer.daemon = True
            timer.start()
        super()._schedule_shutdown(signal)


def _give_up(timeout: float) -> None:
    # A thread, not a task: the event loop may be the thing that is stuck.
    logger.error(
        "graceful shutdown did not finish within %.0fs: exiting; unfinished work is uncommitted "
        "and will be redelivered",
        timeout,
    )
    logging.shutdown()
    os._exit(EXIT_SHUTDOWN_TIMEOUT)
