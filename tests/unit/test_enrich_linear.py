"""The model-free half of enrichment (places, quotes, amounts, keywords, summary: what every
language gets) costs time linear in adversarial bodies: four times the body must not cost 16x
(a quadratic cost). NER itself reads at most ``NER_MAX_CHARS`` of a body."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from workers.nlp.pipeline import ENRICHED_FIELDS, enrich_plain

UNIT = 20_000  # characters at scale 1: about 3,000 words

SHAPES: dict[str, Callable[[int], str]] = {
    "quote_marks": lambda n: "“" * (UNIT * n),
    "open_quotes_with_words": lambda n: "“He said " * (UNIT * n // 9),
    "bangs": lambda n: "!" * (UNIT * n),
    "digit_runs": lambda n: " ".join(["1.234.567,89 millones"] * (UNIT * n // 22)),
    "one_token": lambda n: "x" * (UNIT * n),
    "place_names": lambda n: " ".join(["Paris Lyon Berlin Köln"] * (UNIT * n // 23)),
    "sentence_flood": lambda n: "A. " * (UNIT * n // 3),
}


def article(body: str) -> dict[str, Any]:
    doc: dict[str, Any] = dict.fromkeys(ENRICHED_FIELDS)
    doc.update(
        version=1,
        article_id="a",
        title="A headline",
        body=body,
        language="de",
        word_count=len(body.split()),
        authors=[],
    )
    return doc


def cpu_seconds(body: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        enrich_plain(article(body))
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("name", SHAPES)
def test_four_times_the_body_costs_at_most_about_four_times_as_much(name: str) -> None:
    make = SHAPES[name]
    cpu_seconds(make(1))  # warm the gazetteer and stopword lists outside the measurement
    once, four = cpu_seconds(make(1)), cpu_seconds(make(4))
    assert four < 0.05 or four / once < 8.0, f"{name}: {once:.3f}s -> {four:.3f}s"


def test_a_run_of_punctuation_is_blanked_for_ner_keeping_offsets() -> None:
    """spaCy's tokenizer is quadratic in a long run of punctuation (20,000 "[" took it over a
    minute); NER reads such runs as spaces, and every other character where it was."""
    from workers.nlp.pipeline import MAX_PUNCTUATION_RUN, ner_text

    body = "Jane Doe spoke. " + "[" * 20_000 + "](" * 500 + " Then John Roe replied... ok!"
    text = ner_text(body)
    assert len(text) == len(body)
    assert text.startswith("Jane Doe spoke. ") and text.endswith(" Then John Roe replied... ok!")
    assert "[" not in text and "](" not in text
    assert ner_text("!" * MAX_PUNCTUATION_RUN) == "!" * MAX_PUNCTUATION_RUN
