"""A backlog of long articles never starves the consumer: NER runs in batches in its own
process, so the event loop (where heartbeats and polls run) stays responsive and the group never
rebalances."""

from __future__ import annotations

import re
import urllib.request
from typing import Any

from tests import corpus
from tests.integration.conftest import Pipeline

ARTICLES = 40
WORDS = 6_000  # about a second of NER each on this machine: a backlog of a minute or more
HEARTBEAT_INTERVAL_S = 3.0  # Faust's default broker_heartbeat_interval


def metric(text: str, name: str) -> float:
    match = re.search(rf"^{name} (\S+)$", text, re.M)
    assert match, f"{name} not in /metrics"
    return float(match.group(1))


async def test_a_backlog_of_long_articles_never_rebalances(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=2)
    worker = pipeline.add_worker()
    items = corpus.distinct(ARTICLES, words=(WORDS, WORDS), prefix="long")
    await pipeline.publish([(item.id.encode(), item.value) for item in items])

    async def all_done() -> Any:
        # Random long texts from one sentence pool: one may come out a near-duplicate.
        found = await pipeline.outcomes()
        return found if len(found) == ARTICLES else None

    found = await pipeline.wait_for(all_done, timeout=240, what="the backlog worked off")
    assert sum("enriched" in outcome for outcome in found.values()) >= ARTICLES - 2
    text = urllib.request.urlopen(worker.base + "/metrics").read().decode()

    assert metric(text, "wirestream_rebalances_total") == 1.0, "assigned once, at start"
    lag = metric(text, "wirestream_event_loop_lag_max_seconds")
    assert lag < HEARTBEAT_INTERVAL_S / 3, f"the event loop stalled for {lag:.2f}s"
    assert pipeline.restarts == 0 and not worker.crashed
