"""Dedup with 4 raw partitions and 2 worker processes on the real broker: the clusters of
duplicates equal a single-process reference on the same input, in several random orders."""

from __future__ import annotations

import random
from typing import Any

from bench import corpus
from tests.integration.conftest import Pipeline
from workers.dedup import DedupIndex
from workers.parse import parse_message
from workers.routing import Position
from workers.settings import Settings

ORDERS = (1, 2, 3)

Clusters = frozenset[frozenset[str]]


def clusters(roots: dict[str, str]) -> Clusters:
    """raw_id -> the article_id of its cluster's original, as a set of clusters of raw_ids."""
    groups: dict[str, set[str]] = {}
    for raw_id, root in roots.items():
        groups.setdefault(root, set()).add(raw_id)
    return frozenset(frozenset(g) for g in groups.values())


def reference(items: list[corpus.Item]) -> Clusters:
    settings = Settings()
    index = DedupIndex(settings, {}, {}, {})
    roots = {}
    for offset, item in enumerate(items):
        article = parse_message(item.value, Position("raw", 0, offset, 1.7e9), settings)
        verdict = index.judge(article)
        index.admit(article, verdict, 1.7e9)
        roots[article.raw_id] = verdict.duplicate_of or article.article_id
    return clusters(roots)


async def through_the_broker(pipeline: Pipeline, items: list[corpus.Item]) -> Clusters:
    for _ in range(2):
        pipeline.add_worker(ready=False)
    for worker in pipeline.workers:
        worker.wait_ready()
    await pipeline.publish([(item.id.encode(), item.value) for item in items])

    async def settled() -> Any:
        found = await pipeline.outcomes()
        return found if len(found) == len(items) else None

    found = await pipeline.wait_for(settled, timeout=600, what="every copy judged")
    roots = {}
    for raw_id, outcome in found.items():
        assert len(outcome) == 1, f"{raw_id}: {sorted(outcome)}"
        if "enriched" in outcome:
            roots[raw_id] = outcome["enriched"]["article_id"]
        else:
            roots[raw_id] = outcome["duplicate"]["duplicate_of"]
    return clusters(roots)


async def test_clusters_equal_the_single_process_reference(pipeline_factory: Any) -> None:
    items = corpus.labelled_near_duplicates(8, seed=23)
    expected = reference(items)
    assert len(expected) < len(items), "the input has duplicates"
    for seed in ORDERS:
        order = items[:]
        random.Random(seed).shuffle(order)
        pipeline: Pipeline = pipeline_factory(partitions=4)
        got = await through_the_broker(pipeline, order)
        assert got == expected, f"order {seed}"
        pipeline.stop()
