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

from workers.security import client_options
from workers.settings import Settings
from workers.tools import kafka_local

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


async def _read_all(settings: Settings, topic: str) -> list[tuple[bytes | None, bytes | None]]:
    """Every (key, value) of a topic, from the beginning to where it falls quiet."""
    from aiokafka import AIOKafkaConsumer

    consumer = AIOKafkaConsumer(
        topic, **client_options(settings), group_id=None, auto_offset_reset="earliest"
    )
    await consumer.start()
    found: list[tuple[bytes | None, bytes | None]] = []
    try:
        while batch := await consumer.getmany(timeout_ms=3000):
            for records in batch.values():
                found.extend((record.key, record.value) for record in records)
    finally:
        await consumer.stop()
    return found


def outputs(settings: Settings) -> dict[str, list[tuple[bytes | None, bytes]]]:
    """What the pipeline holds now, read as the README says: ``articles.enriched`` as a changelog
    by key (a null withdraws), duplicates and dead letters as the latest record per ``raw_id``."""
    enriched: dict[bytes | None, bytes | None] = {}
    for key, value in asyncio.run(_read_all(settings, settings.topics.enriched)):
        enriched[key] = value
    found: dict[str, list[tuple[bytes | None, bytes]]] = {
        "enriched": [(k, v) for k, v in enriched.items() if v is not None]
    }
    for kind, topic in (
        ("duplicate", settings.topics.duplicates),
        ("dead-lettered", settings.topics.dead_letter),
    ):
        latest: dict[str, tuple[bytes | None, bytes]] = {}
        for key, value in asyncio.run(_read_all(settings, topic)):
            if value is not None:
                latest[orjson.loads(value).get("raw_id", "")] = (key, value)
        found[kind] = list(latest.values())
    return found


def show(found: dict[str, list[tuple[bytes | None, bytes]]], pretty: bool) -> dict[str, Any] | None:
    """Print a summary line per record and the seed article's fields; return the seed."""
    from workers.tools.render import article_block, as_json, summary_line

    for kind, records in found.items():
        print(f"\n=== {kind} ({len(records)}) ===")
        for key, value in records:
            print(summary_line(key, value))
    docs = [orjson.loads(value) for _key, value in found["enriched"]]
    seed = next((doc for doc in docs if doc.get("raw_id") == SEED_ID), None)
    print(f"\n=== the seed article, {SEED_ID} ===")
    if seed is None:
        print("(not found)")
    else:
        print(as_json(orjson.dumps(seed), pretty=True) if pretty else article_block(seed))
    return seed


def run(paths: list[str], pretty: bool = False) -> int:
    from workers.tools.cli import counts_table
    from workers.tools.inputs import Report, read
    from workers.tools.publish import publish as send

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
        sent = asyncio.run(
            send(client_options(settings), settings.topics.raw, read(paths, Report()))
        )
        print(f"published {sent} raw article(s) from {', '.join(paths)}")

        def settled() -> dict[str, int] | None:
            now = _totals(base)
            if not now or now["received"] - before["received"] < sent:
                return None
            done = now["enriched"] + now["duplicate"] + now["dead_lettered"]
            return now if done == now["received"] else None

        _wait("every message to reach its outcome", settled, 300)
        seed = show(outputs(settings), pretty)
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
