"""Precision and recall of the dedup verdicts on a labelled near-duplicate set (``tests.corpus``).

Every item is admitted (in the order given), then each one's final verdict is scored. In each
labelled cluster the least member by the total order (published_at, article_id, ...) is the
expected original. A verdict is a true positive when an expected copy is judged a duplicate of a
member of its own cluster; a false positive when anything is judged a duplicate of another
cluster's article (or an expected original or same-story article is judged a duplicate at all);
a false negative when an expected copy is judged unique. Used by the tests and by
``python -m bench.dedup_eval``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tests.corpus import Item
from workers.near_dup.index import DedupIndex, member_entry, order_key
from workers.parsing.article import parse_at
from workers.records import ParsedArticle, Position
from workers.settings import Settings


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate(items: list[Item], settings: Settings | None = None) -> tuple[Scores, Counter[str]]:
    settings = settings or Settings()
    index = DedupIndex(settings, {})
    articles = []
    for offset, item in enumerate(items):
        article = parse_at(item.value, Position("eval", 0, offset, 0.0), settings)
        index.admit(article, index.judge(article), 0.0)
        articles.append((article, item))
    label = {a.article_id: item.cluster or item.id for a, item in articles}
    first: dict[str, ParsedArticle] = {}
    for a, _item in articles:
        held = first.get(label[a.article_id])
        if held is None or order_key(member_entry(a, "", 0.0)) < order_key(
            member_entry(held, "", 0.0)
        ):
            first[label[a.article_id]] = a
    verdicts = index.verdicts()
    scores, misses = Scores(), Counter[str]()
    for a, item in articles:
        verdict = verdicts[a.raw_ref]
        expected_dup = first[label[a.article_id]] is not a
        if verdict.is_duplicate:
            if expected_dup and label.get(verdict.duplicate_of or "") == label[a.article_id]:
                scores.tp += 1
            else:
                scores.fp += 1
                misses[f"false positive ({item.kind})"] += 1
        elif expected_dup:
            scores.fn += 1
            misses[f"missed {item.kind}"] += 1
        else:
            scores.tn += 1
    return scores, misses
