"""Through-Kafka benchmarks on a local broker started by the project's script (port 29092).

- transport limit: a plain aiokafka pass-through (consume one topic, produce the same bytes to
  another) of the same messages;
- the pipeline with one worker, then two workers over 4 partitions: end-to-end articles/s;
- latency from publish to the enriched record (the enriched record's Kafka timestamp minus the
  raw record's) at about half the measured one-worker rate;
- peak resident memory of a worker with its NER process, and time from start to ready.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from tests.corpus import ROOT, distinct
from workers.near_dup.store import Member, pack_member
from workers.tools import kafka_local

PORT = 29092
BOOTSTRAP = f"127.0.0.1:{PORT}"


def broker() -> kafka_local.LocalKafka:
    return kafka_local.LocalKafka(
        home=ROOT / ".run" / "kafka-bench", port=PORT, controller_port=PORT + 1
    )


async def transport(messages: list[bytes]) -> float:
    """Messages/s of a consume-and-produce pass-through between two fresh topics."""
    name = f"bench-transport-{os.getpid()}-{time.time_ns()}"
    producer = AIOKafkaProducer(
        bootstrap_servers=BOOTSTRAP, acks="all", max_request_size=16 * 1024 * 1024
    )
    await producer.start()
    for value in messages:
        await producer.send(f"{name}.in", value)
    await producer.flush()
    consumer = AIOKafkaConsumer(
        f"{name}.in",
        bootstrap_servers=BOOTSTRAP,
        group_id=name,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    moved, start = 0, time.perf_counter()
    try:
        while moved < len(messages):
            batch = await consumer.getmany(timeout_ms=1000)
            for records in batch.values():
                for record in records:
                    await producer.send(f"{name}.out", record.value, key=record.key)
                    moved += 1
            await consumer.commit()
        await producer.flush()
    finally:
        await consumer.stop()
        await producer.stop()
    return moved / (time.perf_counter() - start)


def _rss_kib(pid: int) -> int:
    """Peak resident memory (VmHWM) of a process and its children, in KiB."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total


async def run_pipeline(
    n: int,
    workers: int,
    partitions: int,
    rate: float | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Publish n distinct articles; time until every one is enriched. ``env``: settings of the
    workers (``WIRESTREAM_*``) other than the defaults."""
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = BOOTSTRAP  # the bench broker, not the tests'
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-bench-"))
    pipeline = harness.Pipeline(f"bench-{time.time_ns()}", tmp, partitions, env or {})
    try:
        started = time.perf_counter()
        for _ in range(workers):
            pipeline.add_worker(ready=False)
        for worker in pipeline.workers:
            worker.wait_ready()
        ready_s = time.perf_counter() - started
        items = distinct(n, seed=51)
        messages = [(item.id.encode(), item.value) for item in items]
        start = time.perf_counter()
        if rate:
            for i in range(0, n, 5):
                await pipeline.publish(messages[i : i + 5])
                await asyncio.sleep(5 / rate)
        else:
            await pipeline.publish(messages)

        async def done() -> Any:
            enriched = await pipeline.read(pipeline.topics.enriched, timeout=0.5)
            return enriched if len({r["raw_id"] for r in enriched}) >= n else None

        enriched = await pipeline.wait_for(done, timeout=1800, what="the bench corpus enriched")
        seconds = time.perf_counter() - start
        rss = [_rss_kib(w.proc.pid) for w in pipeline.workers if w.proc]
        latency = await _latencies(pipeline, enriched)
        return {
            "articles/s": n / seconds,
            "ready_s": ready_s,
            "rss_mib": max(rss) / 1024,
            "latency": latency,
        }
    finally:
        pipeline.stop()
        shutil.rmtree(tmp, ignore_errors=True)


async def _latencies(pipeline: Any, enriched: list[dict[str, Any]]) -> list[float]:
    """Seconds from each raw record's timestamp to its enriched record's timestamp."""
    consumer = AIOKafkaConsumer(
        pipeline.topics.enriched,
        bootstrap_servers=BOOTSTRAP,
        group_id=None,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    out: list[float] = []
    try:
        while len(out) < len(enriched):
            batch = await consumer.getmany(timeout_ms=2000)
            if not batch:
                break
            for records in batch.values():
                for record in records:
                    if record.value is None:  # a withdrawal
                        continue
                    doc = orjson.loads(record.value)
                    published = (
                        time.mktime(time.strptime(doc["ingested_at"][:19], "%Y-%m-%dT%H:%M:%S"))
                        - time.timezone
                    )
                    out.append(record.timestamp / 1000 - published)
    finally:
        await consumer.stop()
    return sorted(out)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def table_recovery(entries: int = 100_000) -> dict[str, float]:
    """Worker start-to-ready with an empty app, then with ``entries`` member entries in the
    changelog of the ``dedup_index_v2`` table, recovered into the memory store."""
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = BOOTSTRAP
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-bench-"))
    out: dict[str, float] = {}
    try:
        for label, rows in (("empty", 0), ("filled", entries)):
            pipeline = harness.Pipeline(f"bench-recovery-{time.time_ns()}", tmp, 4)
            if rows:
                producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, linger_ms=50)
                await producer.start()
                topic = f"{pipeline.name}-dedup_index_v2-changelog"
                entry = Member(
                    id="0" * 24,
                    raw_id="r",
                    source="s.example.com",
                    url="https://s.example.com/a",
                    title="A title of an ordinary length for a news article",
                    published_at="2026-01-01T00:00:00Z",
                    hash="0" * 32,
                    sig=bytes(range(128)),
                    root="articles.raw:0:0",
                    t=0.0,
                    indexed=True,
                )
                value = pack_member(entry)
                for i in range(rows):
                    key = f'"m:articles.raw:0:{i}"'.encode()
                    await producer.send(topic, value, key=key, partition=0)
                await producer.stop()
            started = time.perf_counter()
            pipeline.add_worker(ready=False)
            pipeline.workers[0].wait_ready(timeout=1800)
            out[label] = time.perf_counter() - started
            pipeline.stop()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
