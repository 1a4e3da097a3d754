"""The walking skeleton on the real broker: seed in, enriched out; bad input dead-lettered;
both counted; every output valid against its schema."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import urllib.request
from typing import Any

import jsonschema
import orjson

from tests.conftest import ROOT, SEED
from tests.integration.conftest import Pipeline
from workers.tools import kafka_local
from workers.tools.inputs import file_message

FIELDS = ("received", "parsed", "duplicate", "enriched", "dead_lettered")


def dashboard_numbers(url: str) -> dict[tuple[str, str], int]:
    """The counts the dashboard shows once its scripts have run, read in headless Chromium."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is missing: `make test` installs Debian's package"
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            f"--user-data-dir={tempfile.mkdtemp()}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    cells = re.findall(r'<tr[^>]*data-source="([^"]+)"[^>]*>(.*?)</tr>', dom, re.S)
    assert cells, f"the dashboard rendered no rows: {dom[:500]}"
    return {
        (source, field): int(value)
        for source, row in cells
        for field, value in re.findall(r'data-field="([a-z_]+)">(\d+)<', row)
    }


def validate(name: str, record: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "schemas" / name).read_text())
    jsonschema.Draft202012Validator(schema).validate(record)


async def test_seed_is_enriched_and_malformed_input_dead_lettered(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory()
    pipeline.add_worker()
    seed = file_message(SEED)
    await pipeline.publish([(seed.key, seed.value), (b"bad-1", b'{"id": "bad-1", "content": 42}')])

    async def both() -> Any:
        found = await pipeline.outcomes()
        return found if {"000_e1c321dd5f61c31b", "bad-1"} <= set(found) else None

    found = await pipeline.wait_for(both, what="the seed and the dead letter")
    enriched = found["000_e1c321dd5f61c31b"]["enriched"]
    assert list(found["000_e1c321dd5f61c31b"]) == ["enriched"]
    assert enriched["title"].startswith("Isis fighters in Afghanistan are communicating")
    assert enriched["authors"] == ["Harriet Agerholm"]
    assert enriched["published_at"] == "2018-09-02T23:37:00Z"
    assert enriched["source"] == "independent.co.uk"
    assert "Gavin Williamson" in [p["name"] for p in enriched["entities"]["persons"]]
    validate("enriched.json", enriched)

    dead = found["bad-1"]["dead_letter"]
    assert (dead["stage"], dead["reason"]) == ("parse", "invalid_envelope")
    assert orjson.loads(dead["payload"]) == {"id": "bad-1", "content": 42}
    assert dead["topic"] == pipeline.topics.raw and dead["offset"] >= 0
    validate("dead-letter.json", dead)

    def counted() -> Any:
        rows = pipeline.sources()
        good, bad = rows.get("independent.co.uk"), rows.get("unknown")
        ok = good and bad and good["enriched"] == 1 and bad["dead_lettered"] == 1
        return rows if ok else None

    rows = await pipeline.wait_for(counted, what="the counts")
    assert rows["independent.co.uk"]["received"] == 1
    assert rows["unknown"]["dead_letter_reasons"] == {"invalid_envelope": 1}
    shown = dashboard_numbers(pipeline.live_worker().base + "/")
    assert shown == {(r["source"], f): r[f] for r in rows.values() for f in FIELDS} | {
        ("TOTAL", f): sum(r[f] for r in rows.values()) for f in FIELDS
    }
    metrics = urllib.request.urlopen(pipeline.live_worker().base + "/metrics").read().decode()
    assert 'wirestream_messages_total{outcome="enriched",stage="enrich"} 1.0' in metrics
    assert 'wirestream_messages_total{outcome="dead_lettered",stage="parse"} 1.0' in metrics
    for record in await pipeline.read(pipeline.topics.parsed):
        validate("parsed.json", record)
    for record in await pipeline.read(pipeline.topics.outcomes):
        validate("outcome.json", record)


def test_broker_script_is_idempotent(broker: kafka_local.LocalKafka) -> None:
    pid = kafka_local.running_pid(broker)
    assert pid is not None
    assert kafka_local.start(broker) == pid, "a second start leaves the running broker alone"
    assert kafka_local.status(broker).endswith("ready")
    assert broker.log_file.stat().st_size > 0, "the broker logs to its file"
