"""``python -m bench.records [--repeat N]``: reading a record of a topic between stages, checked
field by field (``records.read_record``, what the dedup and counts agents now do), beside Faust's
own decoding of the same bytes (``Record.loads``: the baseline, which checks no type).

Articles are the seed parsed, with its body repeated 1, 10 and 100 times (the signature stays
128 numbers), so that the growth with the record's size shows; outcomes are one size.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from bench import counts
from tests.conftest import SEED
from tests.seeds import raw_value
from workers.near_dup.index import check_article
from workers.parsing.article import parse_at
from workers.records import Outcome, ParsedArticle, Position, read_record
from workers.settings import Settings
from workers.stages.counts import read_outcome

SETTINGS = Settings()


def per_record(read: Callable[[bytes], Any], data: bytes, repeat: int) -> float:
    """Microseconds a record, the best of three rounds of ``repeat``."""
    read(data)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(repeat):
            read(data)
        best = min(best, (time.perf_counter() - started) / repeat)
    return best * 1e6


def cases() -> list[tuple[str, bytes, Callable[[bytes], Any], Callable[[bytes], Any]]]:
    article = parse_at(raw_value(SEED), Position("articles.raw", 0, 1, 1.7e9), SETTINGS)
    out = []
    for times in (1, 10, 100):
        body = "\n\n".join([article.body] * times)
        grown = ParsedArticle(**{**article.asdict(), "body": body}).dumps()
        out.append(
            (
                f"article, body x{times:<3} ({len(grown):>9,} B)",
                grown,
                ParsedArticle.loads,
                lambda d: check_article(read_record(ParsedArticle, d), SETTINGS),
            )
        )
    outcome = counts.events(1, 2_800)[0].dumps()  # an outcome as the counts bench makes them
    out.append((f"outcome ({len(outcome)} B)", outcome, Outcome.loads, read_outcome))
    return out


def report(repeat: int) -> None:
    for label, data, faust_loads, checked in cases():
        n = max(10, repeat * 400 // max(len(data), 400))
        base, new = per_record(faust_loads, data, n), per_record(checked, data, n)
        print(
            f"  {label}: Faust's loads {base:8.1f} us, checked {new:8.1f} us, "
            f"ratio {new / base:.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20_000, help="reads of a small record")
    args = parser.parse_args()
    print("reading records between stages, in process")
    report(args.repeat)


if __name__ == "__main__":
    main()
