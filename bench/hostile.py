"""``python -m bench.hostile [--count 1000]``: the whole hostile corpus (``workers.tools.hostile``:
every shape, about one message in ten an ordinary article) through the bench broker to one worker,
restarted if it exits as a supervisor would. Prints the outcomes by kind and reason, the worker's
restarts and assignments, the event loop's worst lag, and the time to the last outcome against the
sum of every message's budget. Exits non-zero if a message has no outcome or more than one."""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench import pipeline as bench_pipeline
from workers.settings import Settings
from workers.tools import kafka_local
from workers.tools.hostile import corpus


def metric(text: str, name: str) -> float:
    match = re.search(rf"^{name} (\S+)$", text, re.M)
    return float(match.group(1)) if match else float("nan")


async def run(count: int) -> int:
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = bench_pipeline.BOOTSTRAP
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-hostile-"))
    pipeline = harness.Pipeline(f"hostile-{time.time_ns()}", tmp, 4, {})
    try:
        worker = pipeline.add_worker()
        messages = corpus(count)
        size = sum(len(value) for _n, _k, value in messages)
        shapes = len({name for name, _, _ in messages})
        print(f"{count} messages, {size / 2**20:.1f} MiB, {shapes} shapes")
        started = time.monotonic()
        await pipeline.publish([(key, value) for _name, key, value in messages])

        async def all_out() -> Any:
            found = await pipeline.outcomes()
            return found if len(found) >= count else None

        found = await pipeline.wait_for(all_out, timeout=3600, what="every outcome")
        took = time.monotonic() - started
        text = urllib.request.urlopen(pipeline.live_worker().base + "/metrics").read().decode()
        tally: collections.Counter[str] = collections.Counter()
        for kinds in found.values():
            for kind, record in kinds.items():
                tally[f"{kind}/{record['reason']}" if kind == "dead_letter" else kind] += 1
        several = [k for k in found.values() if len(k) != 1]
        settings = Settings()
        budget = count * (settings.parse_timeout_s + settings.enrich_timeout_s)
        print(f"outcomes: {len(found)} for {count} messages; with more than one: {len(several)}")
        for name, n in sorted(tally.items()):
            print(f"  {name:<40} {n}")
        print(f"time to the last outcome: {took:.0f} s ({count / took:.1f} messages/s)")
        print(f"  sum of the messages' base budgets: {budget:.0f} s")
        print(f"worker restarts: {pipeline.restarts}; crashed now: {worker.crashed}")
        print(f"assignments (rebalances_total): {metric(text, 'wirestream_rebalances_total'):.0f}")
        lag = metric(text, "wirestream_event_loop_lag_max_seconds")
        print(f"event loop lag, worst: {lag:.3f} s")
        return 0 if len(found) == count and not several else 1
    finally:
        pipeline.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    kafka = bench_pipeline.broker()
    kafka_local.start(kafka)
    try:
        status = asyncio.run(run(args.count))
    finally:
        kafka_local.stop(kafka)
    sys.exit(status)


if __name__ == "__main__":
    main()
