"""The local broker script's readiness probe (no broker needed)."""

from __future__ import annotations

import logging
import socket

import pytest

from workers.tools.kafka_local import answers


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # closed once the socket is: connections refused


def test_the_readiness_probe_says_no_without_logging_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """While a broker starts, every probe is refused: that is "not yet", not an error to print
    (``make demo`` showed one "Unable connect" line a probe), and the client's logger is left
    as it was."""
    client_log = logging.getLogger("aiokafka")
    before = client_log.level
    with caplog.at_level(logging.DEBUG):
        assert answers(f"127.0.0.1:{_closed_port()}") is False
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert client_log.level == before
