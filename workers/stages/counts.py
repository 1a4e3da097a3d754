"""Per-source counts.

Consumes:      ``articles.outcomes`` (``Outcome``, key ``source``; one partition)
Produces:      the ``counts_by_source`` table (changelog-backed), served by ``workers.ops.sources``
Dead-letters:  ``invalid_record`` (a message on the outcomes topic that no stage wrote: counted
               as a dead letter of source ``unknown``, by its own position on this topic)

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
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from workers.ops.metrics import outcome as count_outcome
from workers.parsing.decode import clean_source
from workers.records import (
    OUTCOMES,
    SCHEMA_VERSION,
    InvalidRecord,
    Outcome,
    Position,
    read_record,
)
from workers.runtime import shutdown, topics
from workers.runtime.app import app, settings
from workers.runtime.faust_internals import committed_offset
from workers.runtime.streams import processed, send_dead_letter

logger = logging.getLogger(__name__)

# An enriched article that dedup later found to be a copy of an earlier one (by its total order)
# moves from enriched to duplicate; ``superseded`` counts how often that happened.
EFFECTS: dict[str, tuple[tuple[str, int], ...]] = {
    "superseded": (("superseded", 1), ("enriched", -1), ("duplicate", 1)),
}


# Offsets tracked above a (stage, partition)'s floor, at most: a partition whose commits stall
# keeps processing, and past this many offsets the floor follows, forgetting the lowest.
MAX_APPLIED = 65_536


# What a stage can name in an outcome: its own name, and a reason it defines (a short token).
STAGES = ("parse", "dedup", "enrich")
_REASON = re.compile(r"[a-z0-9_]{1,64}")
_MAX_OFFSET = 2**63 - 1  # Kafka's offsets are signed 64-bit
# A source's value keeps an entry per (stage, partition) it was seen in: outcomes naming ever
# new partitions would grow it, and every update writes it whole. No stage's input topic has
# this many partitions (Kafka advises a few thousand a broker).
MAX_PARTITIONS = 10_000


def read_outcome(value: bytes | None) -> Outcome:
    """The outcome a message holds, if a stage could have written it; ``InvalidRecord`` if not.

    Past the record's types: its source is a cleaned token (it becomes a table key), its stage
    and outcomes are names this module counts, its reason a short token, its offsets Kafka's,
    and its time a day of the calendar (it names an hourly bucket)."""
    event = read_record(Outcome, value)
    if event.stage not in STAGES:
        raise InvalidRecord("stage: not a stage's name")
    if clean_source(event.source) != event.source:
        raise InvalidRecord("source: not a cleaned source")
    if not 0 <= event.partition < MAX_PARTITIONS or not 0 <= event.offset <= _MAX_OFFSET:
        raise InvalidRecord("partition or offset: out of range")
    if event.committed is not None and not 0 <= event.committed <= _MAX_OFFSET:
        raise InvalidRecord("committed: out of range")
    if not event.outcomes or len(event.outcomes) > len(OUTCOMES):
        raise InvalidRecord("outcomes: none, or more than there are")
    if not set(event.outcomes) <= set(OUTCOMES):
        raise InvalidRecord("outcomes: a name that is not an outcome")
    if event.reason is not None and not _REASON.fullmatch(event.reason):
        raise InvalidRecord("reason: not a reason's name")
    try:
        hour_of(event.at)
    except (OverflowError, OSError, ValueError):
        raise InvalidRecord("at: not a time") from None
    return event


def unreadable(position: Position, committed: int | None) -> Outcome:
    """What a message on the outcomes topic that no stage wrote is counted as: a dead letter of
    source ``unknown``, by its own position (so a redelivery of it is a replay)."""
    return Outcome(
        version=SCHEMA_VERSION,
        source="unknown",
        stage="count",
        partition=position.partition,
        offset=position.offset,
        at=position.timestamp,
        outcomes=["dead_lettered"],
        reason="invalid_record",
        committed=committed,
    )


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
        try:
            outcome = read_outcome(event.value)
        except InvalidRecord as exc:
            outcome = await _dead_letter(event, str(exc))
        updated = apply_outcome(
            counts_by_source.get(outcome.source), outcome, settings.hourly_retention_hours
        )
        if updated is None:
            yield count_outcome("count", "replay")
            continue
        counts_by_source[outcome.source] = updated
        yield count_outcome("count", "applied")


async def _dead_letter(event: Any, detail: str) -> Outcome:
    """Dead-letter a message no stage wrote (once the broker has it); what to count it as."""
    position = Position.of(event)
    sent = await send_dead_letter(
        stage="count",
        reason="invalid_record",
        detail=detail,
        payload=event.value if isinstance(event.value, bytes) else b"",
        position=position,
        raw_id=position.raw_ref,
        source="unknown",
    )
    await sent
    return unreadable(position, committed_offset(app, position.topic, position.partition))
