"""``wirestream demo``: the main job end to end on this machine.

Starts the local broker (unless one is running), a worker process, publishes the given paths,
waits until every published message has its outcome in the counts, prints the enriched seed
article and the counts, then stops what it started. Outputs are idempotent, so a second run
finds the seeds already admitted: they are counted as duplicates and the enriched seed from the
first run is shown.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import orjson

from workers import kafka_local
from workers.security import client_options
from workers.settings import Settings

SEED_ID = "000_e1c321dd5f61c31b"


def _get(url: str) -> Any:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local worker
            return orjson.loads(response.read())
    except (urllib.error.URLError, OSError, orjson.JSONDecodeError):
        return None


def _wait(what: str, check: Any, timeout: float) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(1)
    raise SystemExit(f"demo: timed out waiting for {what}")


def _totals(base: str) -> dict[str, int] | None:
    doc = _get(base + "/sources")
    return doc["totals"] if doc and "totals" in doc else None


async def _find_enriched(settings: Settings, raw_id: str) -> dict[str, Any] | None:
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(
        settings.topics.enriched,
        **client_options(settings),
        group_id=None,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    found = None
    try:
        while True:
            batch = await consumer.getmany(timeout_ms=3000)
            if not batch:
                return found
            for records in batch.values():
                for record in records:
                    if record.value is None:  # a withdrawal: that article was a later copy
                        if found and record.key == found["article_id"].encode():
                            found = None
                        continue
                    doc = orjson.loads(record.value)
                    if doc.get("raw_id") == raw_id:
                        found = doc
    finally:
        await consumer.stop()


def run(paths: list[str]) -> int:
    from workers.cli import counts_table
    from workers.publish import expand, message_for
    from workers.publish import publish as send

    settings = Settings.from_env()
    broker = kafka_local.LocalKafka.from_env()
    started_broker = kafka_local.running_pid(broker) is None
    kafka_local.start(broker)
    log = Path(".run") / "demo-worker.log"
    log.parent.mkdir(exist_ok=True)
    base = f"http://127.0.0.1:{settings.web_port}"
    with open(log, "ab") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "workers", "worker"],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(os.environ),
            start_new_session=True,
        )
    try:
        _wait("the worker to be ready", lambda: (_get(base + "/ready") or {}).get("ready"), 180)
        before = _wait("the counts", lambda: _totals(base), 60)
        messages = [message_for(p) for p in expand(paths)]
        asyncio.run(send(client_options(settings), settings.topics.raw, messages))
        print(f"published {len(messages)} raw article(s) from {', '.join(paths)}")

        def settled() -> dict[str, int] | None:
            now = _totals(base)
            if not now or now["received"] - before["received"] < len(messages):
                return None
            done = now["enriched"] + now["duplicate"] + now["dead_lettered"]
            return now if done == now["received"] else None

        _wait("every message to reach its outcome", settled, 300)
        seed = asyncio.run(_find_enriched(settings, SEED_ID))
        print("\n=== enriched seed article ===")
        print(orjson.dumps(seed, option=orjson.OPT_INDENT_2).decode() if seed else "(not found)")
        print("\n=== per-source counts ===")
        print(counts_table(_get(base + "/sources")))
        return 0 if seed else 1
    finally:
        _stop(worker)
        if started_broker:
            kafka_local.stop(broker)


def _stop(worker: subprocess.Popen[bytes]) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
