"""One of every hostile shape (``workers.tools.hostile``) through the real broker to one worker:
each message ends in exactly one outcome, the worker keeps its group membership (one assignment, no
restart) and its event loop never stalls, since parse and NER run in killable child processes."""

from __future__ import annotations

import re
import time
import urllib.request
from typing import Any

import pytest

from tests.integration.conftest import Pipeline
from workers.errors import REASONS
from workers.tools.hostile import CATEGORIES, corpus


def metric(text: str, name: str) -> float:
    match = re.search(rf"^{name} (\S+)$", text, re.M)
    assert match, f"{name} not in /metrics"
    return float(match.group(1))


@pytest.mark.timeout(900)
async def test_every_hostile_message_has_one_outcome_and_the_worker_never_stalls(
    pipeline_factory: Any,
) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=2)
    worker = pipeline.add_worker()
    messages = corpus(len(CATEGORIES))
    started = time.monotonic()
    await pipeline.publish([(key, value) for _name, key, value in messages])

    async def all_out() -> Any:
        found = await pipeline.outcomes()
        return found if len(found) >= len(messages) else None

    found = await pipeline.wait_for(all_out, timeout=600, what="an outcome for every message")
    took = time.monotonic() - started

    assert len(found) == len(messages)
    assert all(len(kinds) == 1 for kinds in found.values()), found
    documented = {r for stage in REASONS.values() for r in stage}
    dead = [k["dead_letter"] for k in found.values() if "dead_letter" in k]
    assert {d["reason"] for d in dead} <= documented
    assert all("\n" not in d["source"] and len(d["raw_id"]) <= 256 for d in dead)
    assert pipeline.restarts == 0 and not worker.crashed, worker.tail()
    text = urllib.request.urlopen(worker.base + "/metrics").read().decode()
    assert metric(text, "wirestream_rebalances_total") == 1.0, "assigned once, at start"
    lag = metric(text, "wirestream_event_loop_lag_max_seconds")
    assert lag <= 1.0, f"the event loop stalled for {lag:.2f}s"
    assert took < 600
