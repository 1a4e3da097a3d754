"""``python -m bench.counts [--outcomes N ...]``: the counts agent's step (``apply_outcome``), in
process, beside the high-water mark it replaced (session 55) on the same outcome events.

The events model a steady stream: 4 input partitions, 10 sources with skewed shares, each
partition committed every ``--commit-every`` offsets (Faust commits every 2.8 s, so this is the
input rate times 2.8 s). Printed: outcomes/s for each, the ratio, and the largest source value
as JSON (what each update writes to the table's changelog), for each N, so that the growth with
the stream's length shows.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

import orjson

from workers.records import Outcome
from workers.stages.counts import apply_outcome, counted, empty_counts

Apply = Callable[[dict[str, Any] | None, Outcome, int], dict[str, Any] | None]


def high_water_mark(value: dict[str, Any] | None, event: Outcome, hours: int) -> Any:
    """The baseline: session 54's replay check (the highest offset applied per stage and
    partition), with the same count and hourly updates (``counted``)."""
    counts = {**empty_counts(), **(value or {})}
    mark = f"{event.stage}:{event.partition}"
    if event.offset <= counts["applied"].get(mark, -1):
        return None
    counts["applied"] = {**counts["applied"], mark: event.offset}
    return counted(counts, event, hours)


def events(n: int, commit_every: int, partitions: int = 4, seed: int = 1) -> list[Outcome]:
    rnd = random.Random(seed)
    offsets, committed = [0] * partitions, [0] * partitions
    out = []
    for i in range(n):
        p = rnd.randrange(partitions)
        offset = offsets[p]
        offsets[p] += 1
        if offset - committed[p] >= commit_every:
            committed[p] = offset
        source = f"s{min(int(rnd.expovariate(0.5)), 9)}"
        out.append(
            Outcome(
                version=1,
                source=source,
                stage="enrich",
                partition=p,
                offset=offset,
                at=1.7e9 + i / 100,
                outcomes=["enriched"],
                committed=committed[p],
            )
        )
    return out


def measure(apply: Apply, stream: list[Outcome]) -> tuple[float, int, int]:
    """(outcomes/s, largest value's JSON bytes, articles counted)."""
    values: dict[str, Any] = {}
    started = time.perf_counter()
    for event in stream:
        updated = apply(values.get(event.source), event, 48)
        if updated is not None:
            values[event.source] = updated
    seconds = time.perf_counter() - started
    largest = max(len(orjson.dumps(v)) for v in values.values())
    return len(stream) / seconds, largest, sum(v["enriched"] for v in values.values())


def report(sizes: list[int], commit_every: int) -> None:
    for n in sizes:
        stream = events(n, commit_every)
        base, base_bytes, base_n = measure(high_water_mark, stream)
        new, new_bytes, new_n = measure(apply_outcome, stream)
        assert base_n == new_n == n
        print(
            f"  {n:>9,} outcomes: high-water mark {base:9,.0f}/s, {base_bytes:5,} B; "
            f"applied offsets {new:9,.0f}/s, {new_bytes:5,} B; ratio {new / base:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outcomes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--commit-every", type=int, default=2_800)
    args = parser.parse_args()
    print(f"counts step, in process (a commit every {args.commit_every:,} offsets a partition)")
    report(args.outcomes, args.commit_every)


if __name__ == "__main__":
    main()
