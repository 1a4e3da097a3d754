"""A batch is enriched as each of its articles would be alone; a failure stays with its article."""

from __future__ import annotations

from typing import Any

import pytest

from tests.seeds import raw_value, seed_files
from workers.nlp.pipeline import enrich, enrich_many
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings


@pytest.fixture(scope="module")
def articles() -> list[dict[str, Any]]:
    texts = [p for p in seed_files() if p.suffix == ".txt"][:4]
    position = Position("articles.raw", 0, 0, 0.0)
    return [parse_at(raw_value(p), position, Settings()).asdict() for p in texts]


def test_a_batch_gives_what_each_article_gives_alone(
    nlp: Any, models: Any, articles: list[Any]
) -> None:
    assert enrich_many(articles, models) == [enrich(a, nlp) for a in articles]


def test_an_article_the_pipeline_fails_on_fails_alone(
    nlp: Any, models: Any, articles: list[Any]
) -> None:
    broken = {k: v for k, v in articles[1].items() if k != "title"}
    results = enrich_many([articles[0], broken, articles[2]], models)
    assert results[1] == "KeyError: 'title'"
    assert results[0] == enrich(articles[0], nlp) and results[2] == enrich(articles[2], nlp)
