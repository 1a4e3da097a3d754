"""The local broker script's readiness probe (no broker needed)."""

from __future__ import annotations

import logging

import pytest

from tests.ports import free_port
from workers.tools.kafka_local import answers


def test_the_readiness_probe_says_no_without_logging_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """While a broker starts, every probe is refused: that is "not yet", not an error to print
    (``make demo`` showed one "Unable connect" line a probe), and the client's logger is left
    as it was."""
    client_log = logging.getLogger("aiokafka")
    before = client_log.level
    with caplog.at_level(logging.DEBUG):
        assert answers(f"127.0.0.1:{free_port()}") is False
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert client_log.level == before
