"""Per-source counts.

Consumes:      ``articles.outcomes`` (``Outcome``, key ``source``; one partition)
Produces:      the ``counts_by_source`` table (changelog-backed), served by ``workers.ops.sources``
Dead-letters:  nothing

Exact under at-least-once delivery, whatever order a stage processed its input in. A stage
re-emits an outcome only when its own input is redelivered, with the same offset (stages never
re-emit outcomes for work redelivered from upstream: dedup and enrich remember it). So each
source's value keeps, per (stage, input partition), the offsets already applied, and skips an
outcome whose offset is among them. That record stays short: each outcome carries the stage's
committed offset for its input partition, and a stage commits only behind work whose outcomes the
broker has acknowledged, on this topic's one partition. So when an outcome names committed offset
C, every outcome below C is already in the log ahead of it: offsets below the highest C seen are
all applied and are forgotten (they are the ``floor``). Out of order is not a replay: a partition
processed past a hole (a skipped message, fetched again after a restart) is counted in full.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from workers.ops.metrics import outcome as count_outcome
from workers.records import OUTCOMES, Outcome
from workers.runtime import shutdown, topics
from workers.runtime.app import app, settings
from workers.runtime.streams import processed

logger = logging.getLogger(__name__)

# An enriched article that dedup later found to be a copy of an earlier one (by its total order)
# moves from enriched to duplicate; ``superseded`` counts how often that happened.
EFFECTS: dict[str, tuple[tuple[str, int], ...]] = {
    "superseded": (("superseded", 1), ("enriched", -1), ("duplicate", 1)),
}


# Offsets tracked above a (stage, partition)'s floor, at most: a partition whose commits stall
# keeps processing, and past this many offsets the floor follows, forgetting the lowest.
MAX_APPLIED = 65_536


def empty_counts() -> dict[str, Any]:
    return {**dict.fromkeys(OUTCOMES, 0), "dead_letter_reasons": {}, "hourly": {}, "applied": {}}


def _applied(counts: dict[str, Any]) -> dict[str, list[Any]]:
    """``{"stage:partition": [floor, bitmap]}``: the offsets at ``floor + i`` for each bit ``i``
    set in ``bitmap`` (hexadecimal) are applied. A value written before the floors (one
    ``marks`` high-water offset per key) reads as a floor just above that mark."""
    legacy = counts.pop("marks", None) or {}
    return {**{mark: [high + 1, "0"] for mark, high in legacy.items()}, **counts["applied"]}


def hour_of(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:00:00Z")


def first_application(
    applied: list[Any] | None, offset: int, committed: int | None
) -> list[Any] | None:
    """The (stage, partition)'s ``[floor, bitmap]`` once ``offset`` is applied, or ``None`` if it
    was applied before (below the floor, or its bit set). Applied offsets right above the floor
    move it up, so the bitmap spans only what may still come out of order."""
    floor, bits = (applied[0], int(applied[1], 16)) if applied else (0, 0)
    if isinstance(committed, int) and committed > floor:
        floor, bits = committed, bits >> (committed - floor)
    if offset < floor or bits >> (offset - floor) & 1:
        return None
    if offset - floor >= MAX_APPLIED:
        shift = offset - floor - MAX_APPLIED + 1
        floor, bits = floor + shift, bits >> shift
    bits |= 1 << (offset - floor)
    done = (~bits & (bits + 1)).bit_length() - 1  # the applied run at the floor
    return [floor + done, format(bits >> done, "x")]


def apply_outcome(
    value: dict[str, Any] | None, event: Outcome, retention_hours: int
) -> dict[str, Any] | None:
    """The source's counts after this outcome, or ``None`` if it was already applied."""
    counts = empty_counts() if value is None else {**empty_counts(), **value}
    applied = _applied(counts)
    mark = f"{event.stage}:{event.partition}"
    after = first_application(applied.get(mark), event.offset, event.committed)
    if after is None:
        return None
    counts["applied"] = {**applied, mark: after}
    return counted(counts, event, retention_hours)


def counted(counts: dict[str, Any], event: Outcome, retention_hours: int) -> dict[str, Any]:
    """``counts`` (a fresh copy, changed in place) with the outcome's effects added."""
    hour = hour_of(event.at)
    bucket = dict.fromkeys(OUTCOMES, 0) | counts["hourly"].get(hour, {})
    for outcome in event.outcomes:
        for name, change in EFFECTS.get(outcome, ((outcome, 1),)):
            counts[name] = counts.get(name, 0) + change
            bucket[name] = bucket.get(name, 0) + change
    if event.reason:
        reasons = dict(counts["dead_letter_reasons"])
        reasons[event.reason] = reasons.get(event.reason, 0) + 1
        counts["dead_letter_reasons"] = reasons
    hourly = {**counts["hourly"], hour: bucket}
    counts["hourly"] = dict(sorted(hourly.items())[-retention_hours:])
    return counts


def public_view(source: str, counts: dict[str, Any]) -> dict[str, Any]:
    """What the API shows of a source: counts, not the applied offsets or the hourly windows."""
    return {
        "source": source,
        **{k: counts.get(k, 0) for k in OUTCOMES},
        "dead_letter_reasons": counts.get("dead_letter_reasons", {}),
    }


counts_by_source = app.Table("counts_by_source", partitions=1)


@app.agent(topics.outcomes, concurrency=1)
@shutdown.restarts_on_crash
async def count(stream: Any) -> AsyncIterator[str]:
    async for event in processed(stream, "count"):
        outcome: Outcome = event.value
        updated = apply_outcome(
            counts_by_source.get(outcome.source), outcome, settings.hourly_retention_hours
        )
        if updated is None:
            yield count_outcome("count", "replay")
            continue
        counts_by_source[outcome.source] = updated
        yield count_outcome("count", "applied")
