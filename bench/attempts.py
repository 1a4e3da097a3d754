"""``python -m bench.attempts [--messages 400]``: what the crash-loop guard costs the parse stage.

The guard writes a mark per message and flushes the producer before the parse begins (one
broker round trip). One worker on one partition parses the same short page sent N times (after
the first, dedup finds copies, so enrich stays idle and parse is the stage measured), first with
``WIRESTREAM_MAX_ATTEMPTS=0`` (the guard off: the baseline) and then with the default, at N and
4N messages. Prints messages/s from the first publish to the last parse outcome, and the ratio
guard / baseline at each size."""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from pathlib import Path

import orjson

from bench import pipeline as bench_pipeline
from tests.corpus import distinct
from workers.tools import kafka_local


async def parse_rate(messages: int, max_attempts: int) -> float:
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = bench_pipeline.BOOTSTRAP
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-attempts-"))
    env = {"WIRESTREAM_MAX_ATTEMPTS": str(max_attempts)}
    pipeline = harness.Pipeline(f"attempts-{time.time_ns()}", tmp, 1, env)
    [page] = distinct(1, words=(300, 300), prefix="page")
    content = orjson.loads(page.value)
    values = [orjson.dumps({**content, "id": f"m{i}"}) for i in range(messages)]
    try:
        pipeline.add_worker()
        started = time.monotonic()
        await pipeline.publish([(None, v) for v in values])

        async def parsed() -> bool:
            done = await pipeline.read_bytes(pipeline.topics.parsed, timeout=0.5)
            return len(done) >= messages

        await pipeline.wait_for(parsed, timeout=1800, what="every message parsed")
        return messages / (time.monotonic() - started)
    finally:
        pipeline.stop()
        shutil.rmtree(tmp, ignore_errors=True)


async def run(messages: int) -> None:
    for n in (messages, 4 * messages):
        base = await parse_rate(n, 0)
        guarded = await parse_rate(n, 3)
        print(
            f"{n} messages: guard off {base:.1f} msg/s, guard on {guarded:.1f} msg/s, "
            f"ratio {guarded / base:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=400)
    args = parser.parse_args()
    kafka = bench_pipeline.broker()
    kafka_local.start(kafka)
    try:
        asyncio.run(run(args.messages))
    finally:
        kafka_local.stop(kafka)


if __name__ == "__main__":
    main()
