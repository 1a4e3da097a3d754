"""The walking skeleton on the real broker: seed in, enriched out; bad input dead-lettered;
both counted; every output valid against its schema."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import orjson

from tests.conftest import ROOT, SEED
from tests.integration.conftest import Pipeline
from workers import kafka_local
from workers.publish import message_for


def validate(name: str, record: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "schemas" / name).read_text())
    jsonschema.Draft202012Validator(schema).validate(record)


async def test_seed_is_enriched_and_malformed_input_dead_lettered(pipeline_factory: Any) -> None:
    pipeline: Pipeline = pipeline_factory()
    pipeline.add_worker()
    await pipeline.publish([message_for(SEED), (b"bad-1", b'{"id": "bad-1", "content": 42}')])

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
