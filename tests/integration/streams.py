"""Mixed streams for the fault tests, and the check of the pipeline's invariant."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

import orjson

from tests.corpus import Item, distinct, hostile
from tests.integration.conftest import Pipeline
from workers.errors import REASONS
from workers.records import Outcome
from workers.stages.counts import apply_outcome


@dataclass
class Stream:
    items: list[Item]
    unique: int
    duplicates: int
    bad: int

    def messages(self) -> list[tuple[bytes | None, bytes]]:
        return [(item.id.encode(), item.value) for item in self.items]


def mixed(n: int, seed: int = 3) -> Stream:
    """About 45% unique short articles, 35% copies of them, 20% hostile messages."""
    rng = random.Random(seed)
    n_bad, n_unique = n // 5, int(n * 0.45)
    originals = distinct(n_unique, seed=seed, words=(120, 220), prefix=f"u{seed}-")
    copies = []
    for i in range(n - n_bad - n_unique):
        source = rng.choice(originals)
        doc = json.loads(source.value)
        doc["id"] = f"copy{seed}-{i}"
        doc["source"] = "mirror.example.com"
        copies.append(Item(doc["id"], json.dumps(doc).encode(), source.id, "exact"))
    bad = [i for i in hostile(n_bad, seed=seed) if i.kind != "content_too_large"]
    items = [*originals, *copies, *bad]
    # Arrival order does not matter: each cluster (an original and its exact copies) must give
    # one enriched record and duplicates for the rest, whichever copy reaches the index first.
    rng.shuffle(items)
    return Stream(items, len(originals), len(copies), len(bad))


async def check_invariant(pipeline: Pipeline, stream: Stream) -> dict[str, Any]:
    """Every raw message has exactly one outcome; the counts equal the truth."""
    found = await pipeline.outcomes()
    assert len(found) == len(stream.items), f"{len(found)} outcomes for {len(stream.items)}"
    kinds = {raw_id: list(v) for raw_id, v in found.items()}
    assert all(len(k) == 1 for k in kinds.values()), [k for k in kinds.values() if len(k) > 1]
    tally = {"enriched": 0, "duplicate": 0, "dead_letter": 0}
    documented = {r for stage in REASONS.values() for r in stage}
    for outcome in found.values():
        [(kind, record)] = outcome.items()
        tally[kind] += 1
        if kind == "dead_letter":
            assert record["reason"] in documented
    assert tally == {
        "enriched": stream.unique,
        "duplicate": stream.duplicates,
        "dead_letter": stream.bad,
    }
    return tally


async def wait_settled(pipeline: Pipeline, stream: Stream, timeout: float = 400) -> None:
    n = len(stream.items)

    async def all_out() -> Any:
        # One outcome each: a withdrawal reaches articles.enriched (through enrich) after the
        # revised duplicate record, so the topics agree only once it has.
        found = await pipeline.outcomes()
        return (len(found) >= n and all(len(v) == 1 for v in found.values())) or None

    await pipeline.wait_for(all_out, timeout=timeout, what=f"{n} outcomes, one each")

    seen: list[Any] = []

    def counted() -> Any:
        rows = pipeline.sources().values()  # any live worker answers for the table
        totals = [
            sum(r[k] for r in rows) for k in ("received", "enriched", "duplicate", "dead_lettered")
        ]
        seen[:] = [totals]
        return totals if totals[0] == n and sum(totals[1:]) == n else None

    try:
        await pipeline.wait_for(counted, timeout=120, what="the counts to equal the truth")
    except AssertionError as exc:
        explained = await explain_counts(pipeline)
        raise AssertionError(
            f"counts {seen} (received, enriched, duplicate, dead) for {n}\n{explained}"
        ) from exc
    # The first outcome of each input position comes before any commit past it: a stage commits
    # only behind outcomes the broker has. (A later one may name such a commit: a redelivery.)
    events = [Outcome(**r) for r in await pipeline.read(pipeline.topics.outcomes)]
    first: dict[tuple[str, int, int], Outcome] = {}
    for e in events:
        first.setdefault((e.stage, e.partition, e.offset), e)
    ahead = [e for e in first.values() if e.committed is not None and e.committed > e.offset]
    assert not ahead, f"first outcomes naming a committed offset past their own: {ahead[:3]}"
    if n >= 100:  # long enough for commits: the counts' floors rise
        assert any(e.committed for e in events), "no outcome carries a committed offset"


async def explain_counts(pipeline: Pipeline) -> str:
    """Where the counts table parts from the outcome topics, source by source: the table's row,
    the outcome events replayed as the counts agent applies them, the events skipped the first
    time their position was seen (below a committed offset named before them), and the articles
    enriched on the topic with no ``enriched`` event at any position they had on
    ``articles.unique`` (an event never sent). A replay that agrees with the topics points at
    the table."""
    truth: dict[str, Counter[str]] = {}
    found = await pipeline.outcomes()
    for outcome in found.values():
        [(kind, record)] = outcome.items()
        name = "dead_lettered" if kind == "dead_letter" else kind
        truth.setdefault(record["source"], Counter())[name] += 1
    events: dict[str, list[Outcome]] = {}
    for record in await pipeline.read(pipeline.topics.outcomes):
        event = Outcome(**record)
        events.setdefault(event.source, []).append(event)
    positions: dict[str, list[tuple[int, int]]] = {}
    for r in await pipeline.read_records(pipeline.topics.unique):
        if r.value is not None:
            positions.setdefault(orjson.loads(r.value)["raw_id"], []).append(
                (r.partition, r.offset)
            )
    table = pipeline.sources()
    lines = []
    kinds = ("enriched", "duplicate", "dead_lettered")
    for source in sorted(set(truth) | set(events) | set(table)):
        replayed: dict[str, Any] | None = None
        seen: set[tuple[str, int, int]] = set()
        skipped = []
        for event in events.get(source, []):
            applied = apply_outcome(replayed, event, 10**6)
            where = (event.stage, event.partition, event.offset)
            if applied is None and where not in seen:
                skipped.append(event)
            seen.add(where)
            replayed = applied or replayed
        row = [table.get(source, {}).get(k, 0) for k in kinds]
        again = [(replayed or {}).get(k, 0) for k in kinds]
        true = [truth.get(source, Counter())[k] for k in kinds]
        if row == true and again == true:
            continue
        lines.append(f"{source}: table {row}, replayed {again}, topics {true}")
        lines.extend(f"  skipped the first time: {e}" for e in skipped[:10])
        counted = {(e.partition, e.offset) for e in events.get(source, []) if e.stage == "enrich"}
        for raw_id, outcome in sorted(found.items()):
            enriched = outcome.get("enriched")
            if enriched is None or enriched["source"] != source:
                continue
            at = positions.get(raw_id, [])
            if not counted & set(at):
                lines.append(f"  enriched with no enrich event: {raw_id} at unique {at}")
    return "\n".join(lines) or "every source's row agrees with the topics"
