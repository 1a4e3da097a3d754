"""Per-source counts.

Consumes:      ``articles.outcomes`` (``Outcome``, key ``source``; one partition)
Produces:      the ``counts_by_source`` table (changelog-backed), served by ``workers.ops.sources``
Dead-letters:  nothing

Exact under at-least-once delivery: each source's value keeps, next to its counts, the highest
input offset applied per (stage, input partition). A stage re-emits an outcome only when its own
input is redelivered, with the same offset, so a replay at or below that mark is skipped. Stages
never re-emit outcomes for work redelivered from upstream (dedup and enrich remember it).
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


def empty_counts() -> dict[str, Any]:
    return {**dict.fromkeys(OUTCOMES, 0), "dead_letter_reasons": {}, "hourly": {}, "marks": {}}


def hour_of(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:00:00Z")


def apply_outcome(
    value: dict[str, Any] | None, event: Outcome, retention_hours: int
) -> dict[str, Any] | None:
    """The source's counts after this outcome, or ``None`` if it was already applied."""
    counts = empty_counts() if value is None else {**empty_counts(), **value}
    mark = f"{event.stage}:{event.partition}"
    if event.offset <= counts["marks"].get(mark, -1):
        return None
    counts["marks"] = {**counts["marks"], mark: event.offset}
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
    """What the API shows of a source: counts, not the replay marks or the hourly windows."""
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
