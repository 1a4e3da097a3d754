"""An agent that crashes restarts its worker, and loses nothing.

The crash here is a real one: the counts table's changelog exists with the wrong number of
partitions (one more than its source topic has), so Faust raises ``PartitionsMismatch`` at the
table's first write, inside the counts agent. Faust alone would restart the agent and leave the
event it held unacknowledged for good (the next rebalance then waits for it forever). The worker
must exit with ``EXIT_AGENT_CRASHED`` instead, without committing that event; once the changelog
is fixed, its successor counts every message.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from tests import corpus
from tests.integration.conftest import BOOTSTRAP, Pipeline
from workers.runtime.shutdown import EXIT_AGENT_CRASHED
from workers.topology import changelog_specs

MESSAGES = 6
EXIT_WITHIN_S = 120  # the first outcome, then the bounded stop


async def _admin() -> AIOKafkaAdminClient:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    return admin


async def test_a_crashed_agent_restarts_its_worker_and_loses_no_message(
    pipeline_factory: Any,
) -> None:
    # The crashed event never finishes, so the worker's stop always runs to its bound: a short
    # one keeps the test short.
    pipeline: Pipeline = pipeline_factory(partitions=2, WIRESTREAM_SHUTDOWN_TIMEOUT_S="5")
    spec = changelog_specs(pipeline.settings)["counts_by_source"]
    changelog, wrong = spec.name, spec.partitions + 1
    admin = await _admin()
    try:
        await admin.create_topics([NewTopic(changelog, wrong, 1, topic_configs=spec.config)])
    finally:
        await admin.close()
    items = corpus.distinct(MESSAGES, prefix="crash")
    first = pipeline.add_worker()
    await pipeline.publish([(item.id.encode(), item.value) for item in items])

    # Not ``wait_for``: it would restart the worker the moment it exits.
    deadline = time.monotonic() + EXIT_WITHIN_S
    while first.proc is not None and first.proc.poll() is None and time.monotonic() < deadline:
        await asyncio.sleep(1.0)
    status = first.stop()
    log = first.tail(400)
    assert status == EXIT_AGENT_CRASHED, log
    assert "agent count crashed" in log and "PartitionsMismatch" in log, log

    # The cause fixed (the changelog made again, by the next worker, with its source's
    # partitions), the outcome events the crashed worker never committed are counted.
    admin = await _admin()
    try:
        await admin.delete_topics([changelog])
        for _ in range(60):
            if changelog not in await admin.list_topics():
                break
            await asyncio.sleep(0.5)
    finally:
        await admin.close()
    second = pipeline.add_worker()

    async def all_out() -> Any:
        found = await pipeline.outcomes()
        return found if len(found) == MESSAGES else None

    found = await pipeline.wait_for(all_out, what="an outcome for every message")
    assert sorted(found) == sorted(item.id for item in items), found.keys()
    enriched = sum("enriched" in kinds for kinds in found.values())

    def all_counted() -> Any:
        rows = pipeline.sources(second).values()
        counted = sum(row["enriched"] for row in rows), sum(row["received"] for row in rows)
        return counted if counted == (enriched, MESSAGES) else None

    await pipeline.wait_for(all_counted, what="every message counted")
