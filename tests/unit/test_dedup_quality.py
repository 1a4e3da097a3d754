"""Dedup quality on a generated labelled set (copies under other chrome, quote and whitespace
changes, edits of up to 10% of words, truncation, reordering; same-story articles apart)."""

from tests.corpus import labelled_near_duplicates
from tests.dedup_scoring import evaluate


def test_precision_and_recall_on_generated_near_duplicates() -> None:
    items = labelled_near_duplicates(60, seed=5)
    scores, misses = evaluate(items)
    assert scores.tp + scores.fn > 100, "the set must hold enough copies to mean something"
    assert scores.precision >= 0.99, misses
    assert scores.recall >= 0.95, misses
