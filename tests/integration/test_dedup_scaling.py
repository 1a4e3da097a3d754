"""Dedup with 4 raw partitions and 2 worker processes on the real broker: every copy's verdict
(the article it is a duplicate of, or itself if it is the original) equals a single-process
reference on the same input, in several random orders."""

from __future__ import annotations

import random
from typing import Any

from tests import corpus
from tests.integration.conftest import Pipeline
from workers.near_dup.index import DedupIndex
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings

ORDERS = (1, 2, 3)

Roots = dict[str, str]  # raw_id -> article_id of its cluster's original


def reference(items: list[corpus.Item]) -> Roots:
    settings = Settings()
    index = DedupIndex(settings, {})
    articles = []
    for offset, item in enumerate(items):
        article = parse_at(item.value, Position("raw", 0, offset, 1.7e9), settings)
        index.admit(article, index.judge(article), 1.7e9)
        articles.append(article)
    verdicts = index.verdicts()
    return {a.raw_id: verdicts[a.raw_ref].duplicate_of or a.article_id for a in articles}


async def through_the_broker(pipeline: Pipeline, items: list[corpus.Item]) -> tuple[Roots, int]:
    """The verdicts, and how many were revised on the way (an earlier copy arrived later)."""
    for _ in range(2):
        pipeline.add_worker(ready=False)
    for worker in pipeline.workers:
        worker.wait_ready()
    await pipeline.publish([(item.id.encode(), item.value) for item in items])

    previous: list[Any] = [None]

    async def settled() -> Any:
        # The outputs of one decision land on several partitions: wait for two equal reads.
        found = await pipeline.outcomes()
        one_each = all(len(outcome) == 1 for outcome in found.values())
        stable, previous[0] = found == previous[0], found
        return found if len(found) == len(items) and one_each and stable else None

    found = await pipeline.wait_for(settled, timeout=600, what="every copy judged")
    roots = {}
    for raw_id, outcome in found.items():
        assert len(outcome) == 1, f"{raw_id}: {sorted(outcome)}"
        if "enriched" in outcome:
            roots[raw_id] = outcome["enriched"]["article_id"]
        else:
            roots[raw_id] = outcome["duplicate"]["duplicate_of"]
    revised = [r for r in await pipeline.read(pipeline.topics.duplicates) if r["revised"]]
    return roots, len(revised)


async def test_verdicts_equal_the_single_process_reference(pipeline_factory: Any) -> None:
    items = corpus.labelled_near_duplicates(8, seed=23)
    expected = reference(items)
    assert len(set(expected.values())) < len(items), "the input has duplicates"
    revised = 0
    for seed in ORDERS:
        order = items[:]
        random.Random(seed).shuffle(order)
        pipeline: Pipeline = pipeline_factory(partitions=4)
        got, revisions = await through_the_broker(pipeline, order)
        assert got == expected, f"order {seed}"
        revised += revisions
        pipeline.stop()
    assert revised > 0, "some original arrived after a later copy, and was put right"
