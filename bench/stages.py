"""In-process benchmarks of parse and enrich, each beside its baseline measured in the same run
(dedup's are in ``bench.dedup_scale`` and ``bench.dedup_eval``).

- parse: articles/s for plain text, HTML and envelopes; on the public article-extraction
  benchmark (../shared/datasets), body precision/recall/F1 over word shingles for the stage and
  for trafilatura called directly;
- enrich: articles/s and words/s for the stage and for raw spaCy ``nlp.pipe`` on the same texts;
- the compute limit: the three stages in one process, on one core.
"""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from tests.corpus import ROOT, distinct
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings

DATASET = ROOT.parent / "shared" / "datasets" / "article-extraction-benchmark"
SETTINGS = Settings()


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def parse_all(values: list[bytes]) -> list[Any]:
    out = []
    for i, value in enumerate(values):
        out.append(parse_at(value, Position("bench", 0, i, 0.0), SETTINGS))
    return out


def parse_formats(n: int) -> dict[str, float]:
    """Articles/s of the parse stage for each input format."""
    from tests.seeds import raw_value, seed_files

    good = [
        p
        for p in seed_files()
        if p.suffix in (".txt", ".html", ".json")
        and "dead_letter"
        not in json.loads(p.with_name(p.name.split(".")[0] + ".expected.json").read_text())
    ]
    figures = {}
    for label, suffix in (("plain text", ".txt"), ("HTML", ".html"), ("JSON envelope", ".json")):
        values = [raw_value(p) for p in good if p.suffix == suffix]
        if suffix == ".txt":  # as a scraper sends them: the bare page
            values = [p.read_bytes() for p in good if p.suffix == suffix]
        batch = (values * (n // len(values) + 1))[:n]
        _, seconds = timed(functools.partial(parse_all, batch))
        figures[label] = rate(len(batch), seconds)
    return figures


def _shingles(text: str, k: int = 3) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + k]) for i in range(max(0, len(words) - k + 1))}


def _prf(predicted: str, truth: str) -> tuple[float, float, float]:
    p, t = _shingles(predicted), _shingles(truth)
    if not p or not t:
        return (0.0, 0.0, 0.0) if p or t else (1.0, 1.0, 1.0)
    tp = len(p & t)
    precision, recall = tp / len(p), tp / len(t)
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def html_quality() -> dict[str, tuple[float, float, float, float]]:
    """Mean body precision, recall, F1 and pages/s: the stage vs trafilatura directly."""
    import trafilatura

    truth = json.loads((DATASET / "ground-truth.json").read_text())
    pages = []
    for page_id, doc in sorted(truth.items()):
        path = DATASET / "html" / f"{page_id}.html.gz"
        if path.exists():
            pages.append((gzip.decompress(path.read_bytes()).decode("utf-8", "replace"), doc))

    def stage(html: str) -> str:
        value = orjson.dumps({"content": html, "content_type": "text/html"})
        try:
            return parse_all([value])[0].body
        except Exception:  # noqa: BLE001 - a dead-lettered page extracts nothing
            return ""

    def library(html: str) -> str:
        return trafilatura.extract(html) or ""

    out: dict[str, tuple[float, float, float, float]] = {}
    for label, extract in (("trafilatura directly", library), ("parse stage", stage)):
        start = time.perf_counter()
        scores = [_prf(extract(html), doc.get("articleBody") or "") for html, doc in pages]
        seconds = time.perf_counter() - start
        mean = [sum(s[i] for s in scores) / len(scores) for i in range(3)]
        out[label] = (mean[0], mean[1], mean[2], rate(len(pages), seconds))
    return out


def enrich(n: int) -> dict[str, tuple[float, float]]:
    """Articles/s and words/s on the same texts: raw spaCy ``nlp.pipe``, the stage's batches in
    this process, and the stage as the worker runs it (batches through a one-process pool)."""
    from workers.nlp.pipeline import enrich_many, load, models
    from workers.stages.enrich import NlpRunner

    nlp = load(SETTINGS.models["en"])
    languages = models(SETTINGS.models).preload(SETTINGS.models["en"], nlp)
    articles = [a.asdict() for a in parse_all([i.value for i in distinct(n, seed=31)])]
    words = sum(a["word_count"] for a in articles)
    size = SETTINGS.enrich_batch_size
    batches = [articles[i : i + size] for i in range(0, len(articles), size)]
    bodies = [a["body"] for a in articles]
    list(nlp.pipe(["warm up"] * 4))
    runner = NlpRunner(SETTINGS.models, 1)

    async def through_pool() -> float:
        await runner.warm_up()
        start = time.perf_counter()
        for batch in batches:
            await runner.run(batch)
        return time.perf_counter() - start

    seconds = {
        "raw spaCy nlp.pipe": timed(lambda: list(nlp.pipe(bodies, batch_size=size)))[1],
        "stage, in process": timed(lambda: [enrich_many(b, languages) for b in batches])[1],
        "stage, NER process": asyncio.run(through_pool()),
    }
    runner.stop()
    return {label: (rate(n, s), rate(words, s)) for label, s in seconds.items()}


def compute_limit(n: int) -> tuple[float, int]:
    """All three stages in one process (NER in the stage's batches): articles/s on one core,
    and mean words per article."""
    from workers.near_dup.index import DedupIndex
    from workers.nlp.pipeline import enrich_many, load, models

    nlp = models(SETTINGS.models).preload(SETTINGS.models["en"], load(SETTINGS.models["en"]))
    values = [i.value for i in distinct(n, seed=41)]
    index = DedupIndex(SETTINGS, {})

    def run() -> int:
        words, batch = 0, []
        for a in parse_all(values):
            decision = index.judge(a)
            index.admit(a, decision, 0.0)
            if not decision.verdict.is_duplicate:
                batch.append(a.asdict())
            if len(batch) == SETTINGS.enrich_batch_size:
                enrich_many(batch, nlp)
                batch = []
            words += a.word_count
        enrich_many(batch, nlp)
        return words

    words, seconds = timed(run)
    return rate(n, seconds), words // n


def dataset_present() -> bool:
    return Path(DATASET / "ground-truth.json").exists()
