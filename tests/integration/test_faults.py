"""Nothing lost, nothing doubled: accounting, a SIGKILLed worker, a broker restart, a rebalance
and hostile input, on the real broker with real worker processes."""

from __future__ import annotations

import asyncio
import re
import signal
import urllib.request
from typing import Any

import pytest

from tests.conftest import SEED
from tests.corpus import hostile
from tests.integration.conftest import Pipeline, Worker, get_json
from tests.integration.streams import check_invariant, mixed, wait_settled
from workers.errors import REASONS
from workers.tools import kafka_local


async def progress(pipeline: Pipeline, at_least: int) -> None:
    async def enough() -> Any:
        return len(await pipeline.outcomes()) >= at_least or None

    await pipeline.wait_for(enough, timeout=300, what=f"{at_least} outcomes")


async def test_accounting_of_a_mixed_stream(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=4)
    pipeline.add_worker()
    stream = mixed(300, seed=1)
    await pipeline.publish(stream.messages())
    await wait_settled(pipeline, stream)
    await check_invariant(pipeline, stream)


def stages_at_work(worker: Worker) -> set[str]:
    """The stages that counted a message in this worker's ``/metrics``."""
    text = urllib.request.urlopen(worker.base + "/metrics", timeout=10).read().decode()
    found = re.findall(r'^wirestream_messages_total\{[^}]*stage="(\w+)"[^}]*\} (\S+)$', text, re.M)
    return {stage for stage, value in found if float(value) > 0}


async def test_a_dedup_worker_beside_a_worker_of_the_other_stages(pipeline_factory: Any) -> None:
    """The deployment for volume: one worker runs dedup alone, another the rest. Each message
    still ends in exactly one outcome, and each worker did only its own stages."""
    pipeline: Pipeline = pipeline_factory(partitions=2)
    dedup = pipeline.add_worker(stages="dedup")
    rest = pipeline.add_worker(stages="parse,enrich,counts")
    stream = mixed(300, seed=6)
    await pipeline.publish(stream.messages())
    await wait_settled(pipeline, stream)
    await check_invariant(pipeline, stream)
    assert stages_at_work(dedup) == {"dedup"}
    assert stages_at_work(rest) == {"parse", "enrich", "count"}
    assert get_json(dedup.base + "/sources") is None, "the counts are served where they are kept"


@pytest.mark.timeout(900)
async def test_sigkill_mid_stream_loses_and_doubles_nothing(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=4)
    victim = pipeline.add_worker()
    stream = mixed(2000, seed=2)
    await pipeline.publish(stream.messages())
    await progress(pipeline, 400)
    victim.stop(signal.SIGKILL)
    pipeline.add_worker()
    await wait_settled(pipeline, stream, timeout=600)
    await check_invariant(pipeline, stream)


async def test_broker_restart_mid_stream(pipeline_factory: Any, broker: Any) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=2)
    worker = pipeline.add_worker()
    stream = mixed(400, seed=4)
    messages = stream.messages()
    await pipeline.publish(messages[:200])
    await progress(pipeline, 50)
    await asyncio.to_thread(kafka_local.stop, broker)
    await asyncio.sleep(3)
    await asyncio.to_thread(kafka_local.start, broker)
    await pipeline.publish(messages[200:])
    await wait_settled(pipeline, stream)
    assert worker.proc is not None and worker.proc.poll() is None, "the worker reconnected"
    await check_invariant(pipeline, stream)


@pytest.mark.timeout(900)
async def test_worker_joins_and_leaves_mid_stream(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=4)
    pipeline.add_worker()
    stream = mixed(1200, seed=5)
    await pipeline.publish(stream.messages())
    await progress(pipeline, 200)
    second = pipeline.add_worker()
    await progress(pipeline, 600)
    assert second.stop() == 0
    await wait_settled(pipeline, stream)
    await check_invariant(pipeline, stream)


async def test_hostile_input_is_dead_lettered_and_good_input_flows(
    pipeline_factory: Any,
) -> None:
    # The corpus's oversized messages are 2.2 MB: a 2 MB cap (the default is 10 MB) dead-letters
    # them without publishing hundreds of megabytes.
    pipeline: Pipeline = pipeline_factory(partitions=2, WIRESTREAM_MAX_CONTENT_BYTES="2000000")
    worker = pipeline.add_worker()
    bad = list(hostile(1000, seed=9))
    good = SEED.read_bytes()
    messages = []
    for i, item in enumerate(bad):
        messages.append((None if i % 7 == 0 else item.id.encode(), item.value))
        if i % 250 == 0:
            messages.append((f"good{i}".encode(), good.replace(b"Isis", f"Isis {i}".encode())))
    await pipeline.publish(messages)

    async def settled() -> Any:
        found = await pipeline.outcomes()
        return found if len(found) >= len(messages) else None

    found = await pipeline.wait_for(settled, timeout=300, what="every hostile message handled")
    dead = [v["dead_letter"] for v in found.values() if "dead_letter" in v]
    assert len(dead) == len(bad)
    by_id = {d["raw_id"]: d["reason"] for d in dead}
    documented = {r for stage in REASONS.values() for r in stage}
    checked = [item for item in bad if item.id in by_id and item.kind in documented]
    assert len(checked) >= 500, "half the hostile messages carry an id to check the reason by"
    assert [by_id[i.id] for i in checked] == [i.kind for i in checked]
    good_out = [v for v in found.values() if "enriched" in v or "duplicate" in v]
    assert len(good_out) == 4 and sum("enriched" in v for v in good_out) >= 1
    assert all(d["payload_size"] > 0 or d["reason"] == "empty_content" for d in dead)
    assert worker.proc is not None and worker.proc.poll() is None
