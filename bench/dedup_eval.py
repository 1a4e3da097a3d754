"""Precision and recall of the dedup verdicts on a generated, labelled near-duplicate set
(scored by ``tests.dedup_scoring``).

    python -m bench.dedup_eval [CLUSTERS]
"""

from __future__ import annotations

import sys

from tests.corpus import labelled_near_duplicates
from tests.dedup_scoring import evaluate


def main() -> None:
    clusters = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    items = labelled_near_duplicates(clusters)
    scores, misses = evaluate(items)
    print(f"items {len(items)}  clusters {clusters}  duplicates expected {scores.tp + scores.fn}")
    print(
        f"precision {scores.precision:.4f}  recall {scores.recall:.4f}  "
        f"(tp {scores.tp}, fp {scores.fp}, fn {scores.fn}, tn {scores.tn})"
    )
    for what, n in misses.most_common():
        print(f"  {what}: {n}")


if __name__ == "__main__":
    main()
