"""Soak: one worker fed at a steady rate for a long time (default 30 minutes at 3 articles/s).

``python -m bench.soak [--minutes 30] [--rate 3] [--retention-minutes 5]`` (or ``make soak``)
starts the bench broker (port 29092) and one worker whose dedup fingerprints and enrich marks
expire after the retention (30 days in production; minutes here, so that the state reaches
its steady size within the run), publishes a steady stream (distinct articles, with one in ten an
exact copy and one in twenty malformed), and every minute prints the backlog (published minus
finished), the throughput of the last minute and the worker's resident memory with its NER
process. At the end it waits for the backlog to drain, checks that every raw message has
exactly one outcome, and compares the memory growth of the second half of the run with the
first: memory has stopped growing when the second half adds little.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.pipeline import BOOTSTRAP, broker
from tests.corpus import distinct
from workers.tools import kafka_local

SAMPLE_EVERY_S = 60.0
HEADER = (
    f"{'minute':>6} {'published':>9} {'finished':>8} {'backlog':>7} {'art/s':>6} {'RSS MiB':>8}"
)


def rss_mib(pid: int) -> float:
    """Current resident memory (VmRSS) of a process and its children, MiB."""
    total = 0
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    for p in [pid, *map(int, children)]:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def stream(n: int) -> list[tuple[bytes, bytes]]:
    """n raw messages: distinct articles, every tenth a copy of an earlier one, every
    twentieth malformed."""
    items = distinct(n, seed=97, prefix="soak")
    out: list[tuple[bytes, bytes]] = []
    for i, item in enumerate(items):
        if i % 20 == 19:
            out.append((f"bad{i}".encode(), b'{"id": "bad%d", "content": 42}' % i))
        elif i % 10 == 9:
            earlier = items[i - 5]
            out.append(
                (f"copy{i}".encode(), earlier.value.replace(earlier.id.encode(), b"c%d" % i))
            )
        else:
            out.append((item.id.encode(), item.value))
    return out


def finished(pipeline: Any, worker: Any) -> int:
    totals = (pipeline.sources(worker) or {}).values()
    return sum(row["enriched"] + row["duplicate"] + row["dead_lettered"] for row in totals)


async def soak(minutes: float, rate: float, retention_minutes: float) -> dict[str, Any]:
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = BOOTSTRAP  # the bench broker, not the tests'
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-soak-"))
    retention_days = str(retention_minutes / (24 * 60))
    pipeline = harness.Pipeline(
        f"soak-{time.time_ns()}", tmp, 4, {"WIRESTREAM_DEDUP_RETENTION_DAYS": retention_days}
    )
    messages = stream(int(minutes * 60 * rate) + 1)
    samples: list[tuple[float, int, int, float]] = []
    try:
        worker = pipeline.add_worker()
        assert worker.proc is not None
        start = time.monotonic()
        sent = 0
        next_sample = start + SAMPLE_EVERY_S
        print(HEADER)
        while sent < len(messages):
            due = min(len(messages), int((time.monotonic() - start) * rate) + 1)
            if due > sent:
                await pipeline.publish(messages[sent:due])
                sent = due
            if time.monotonic() >= next_sample:
                next_sample += SAMPLE_EVERY_S
                samples.append(_sample(pipeline, worker, start, sent, samples))
            await asyncio.sleep(0.2)
        drained = await pipeline.wait_for(
            lambda: finished(pipeline, worker) >= len(messages), timeout=1800, what="the drain"
        )
        samples.append(_sample(pipeline, worker, start, sent, samples))
        outcomes = await pipeline.outcomes()
        return {
            "messages": len(messages),
            "drained": bool(drained),
            "with one outcome": sum(1 for v in outcomes.values() if len(v) == 1),
            "with several": sum(1 for v in outcomes.values() if len(v) > 1),
            "samples": samples,
        }
    finally:
        pipeline.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def _sample(
    pipeline: Any,
    worker: Any,
    start: float,
    sent: int,
    samples: list[tuple[float, int, int, float]],
) -> tuple[float, int, int, float]:
    minute = (time.monotonic() - start) / 60
    done = finished(pipeline, worker)
    before_min, _, before_done, _ = samples[-1] if samples else (0.0, 0, 0, 0.0)
    rate = (done - before_done) / max(1e-9, (minute - before_min) * 60)
    memory = rss_mib(worker.proc.pid)
    print(
        f"{minute:6.1f} {sent:9d} {done:8d} {sent - done:7d} {rate:6.2f} {memory:8.0f}", flush=True
    )
    return minute, sent, done, memory


def report(result: dict[str, Any]) -> None:
    samples = result["samples"]
    memory = [s[3] for s in samples]
    half = len(memory) // 2
    first = memory[half] - memory[0] if half else 0.0
    second = memory[-1] - memory[half] if half else 0.0
    print(f"\nmessages {result['messages']}, drained: {result['drained']}")
    print(f"raw messages with exactly one outcome: {result['with one outcome']}")
    print(f"raw messages with more than one outcome: {result['with several']}")
    print(
        f"RSS first sample {memory[0]:.0f} MiB, peak {max(memory):.0f} MiB, last {memory[-1]:.0f}"
    )
    print(f"RSS growth: first half {first:+.0f} MiB, second half {second:+.0f} MiB")
    verdict = "stopped growing" if second <= max(0.25 * first, 20.0) else "STILL GROWING"
    print(f"memory: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--rate", type=float, default=3.0, help="articles per second")
    parser.add_argument("--retention-minutes", type=float, default=5.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    kafka = broker()
    kafka_local.start(kafka)
    print(
        f"soak: {args.minutes:g} minutes at {args.rate:g} articles/s, state retention "
        f"{args.retention_minutes:g} minutes, broker {kafka.bootstrap}"
    )
    report(asyncio.run(soak(args.minutes, args.rate, args.retention_minutes)))


if __name__ == "__main__":
    main()
