"""Dedup at scale: the index alone at 100k articles, in process and through the broker.

    python -m bench.dedup_scale [--articles N] [--broker-articles M]

The articles are fingerprinted once up front (parse's work, not dedup's): 70% distinct stories,
30% near copies of an earlier story (5% of words edited) with published times spread over a
week and arrival times over ten days, so that some copies precede their cluster's original and
withdraw it. In process: articles/s over the whole run and over its first and last tenth (the
index grows), and the index's memory per retained article (the growth of the process's resident
memory while the index is built in a dict, as the memory store keeps it; the articles themselves
are made one at a time and dropped). Through the broker: the same articles
(``--broker-articles``) published to ``articles.parsed`` of a fresh pipeline with one worker;
articles/s until every output of the dedup agent is on ``articles.unique`` and
``articles.duplicates``, next to the in-process rate of the same articles in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import logging
import os
import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import TopicPartition

from tests.corpus import article_text, edit_words
from workers.near_dup.fingerprints import minhash
from workers.near_dup.index import DedupIndex, outputs
from workers.records import SCHEMA_VERSION, ParsedArticle
from workers.settings import Settings

SETTINGS = Settings()
START = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
Spec = tuple[str, str, str, str, tuple[int, ...]]  # id, title, published, ingested, signature


def fingerprinted(n: int, seed: int = 61) -> list[Spec]:
    rng = random.Random(seed)
    stories: list[tuple[str, list[str]]] = []
    out: list[Spec] = []
    for i in range(n):
        if stories and rng.random() < 0.3:
            title, paragraphs = rng.choice(stories)
            paragraphs = edit_words(rng, paragraphs, 0.05)
        else:
            title, paragraphs = article_text(rng, rng.randint(300, 700))
            stories.append((title, paragraphs))
        signature = minhash(
            "\n\n".join(paragraphs),
            perms=SETTINGS.minhash_perms,
            shingle_words=SETTINGS.shingle_words,
        )
        published = START + rng.uniform(0, 7 * 86400)
        ingested = START + i * (10 * 86400 / n)
        out.append((f"{i:024x}", title, _iso(published), _iso(ingested), tuple(signature)))
    return out


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def article(spec: Spec, offset: int) -> ParsedArticle:
    article_id, title, published, ingested, signature = spec
    return ParsedArticle(
        version=SCHEMA_VERSION,
        raw_id=f"r{offset}",
        raw_ref=f"articles.raw:0:{offset}",
        article_id=article_id,
        source=f"source{offset % 6}.example.com",
        source_name=None,
        url=f"https://source{offset % 6}.example.com/{article_id}",
        title=title,
        standfirst=None,
        authors=[],
        published_at=published,
        updated_at=None,
        language="en",
        body="",
        word_count=500,
        content_hash=hashlib.blake2b(bytes(str(signature), "ascii"), digest_size=16).hexdigest(),
        content_type="text/plain",
        removed=[],
        ingested_at=ingested,
        minhash=list(signature),  # a fresh list, as decoding a message makes
    )


def articles(specs: list[Spec]) -> Iterator[ParsedArticle]:
    return (article(spec, offset) for offset, spec in enumerate(specs))


def in_process(specs: list[Spec]) -> dict[str, float]:
    rss = _rss_bytes()
    index = DedupIndex(SETTINGS, {})
    tenth = max(len(specs) // 10, 1)
    marks, sent, withdrawn = [time.perf_counter()], 0, 0
    for i, a in enumerate(articles(specs), 1):
        decision = index.judge(a)
        index.admit(a, decision, 0.0)
        sent += len(outputs(a, decision))
        withdrawn += sum(r.was_original for r in decision.revisions)
        if i % tenth == 0:
            marks.append(time.perf_counter())
    rebuilt = time.perf_counter()
    _ = DedupIndex(SETTINGS, index.state).buckets  # as a worker does after an assignment
    return {
        "rebuild s": time.perf_counter() - rebuilt,
        "articles/s": len(specs) / (marks[-1] - marks[0]),
        "first tenth articles/s": tenth / (marks[1] - marks[0]),
        "last tenth articles/s": tenth / (marks[-1] - marks[-2]),
        "outputs": sent,
        "bytes/article": (_rss_bytes() - rss) / len(specs),
        "withdrawn": withdrawn,
        "originals": sum(1 for v in index.verdicts().values() if not v.is_duplicate),
    }


def _rss_bytes() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def through_broker(specs: list[Spec], bootstrap: str, expected: int) -> float:
    """Articles/s of the dedup agent of one worker, from the first publish until its
    ``expected`` outputs (as many as the index sends in process) are on the topics."""
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = bootstrap
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-bench-"))
    # The default stall timeout, not the tests' 30 s: a flood of 100k articles at once keeps
    # the enrich partitions' commits waiting on the producer for tens of seconds.
    pipeline = harness.Pipeline(
        f"bench-dedup-{time.time_ns()}", tmp, 4, {"WIRESTREAM_STALL_TIMEOUT_S": "120"}
    )
    try:
        pipeline.add_worker()
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=20)
        await producer.start()
        start = time.perf_counter()
        for a in articles(specs):
            await producer.send(pipeline.topics.parsed, a.dumps(), key=a.article_id.encode())
        await producer.flush()
        await producer.stop()
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap)
        await consumer.start()
        try:
            tps = [
                TopicPartition(topic, p)
                for topic in (pipeline.topics.unique, pipeline.topics.duplicates)
                for p in range(4)
            ]
            deadline = time.monotonic() + 3 * 3600
            while True:
                ends = await consumer.end_offsets(tps)
                if sum(ends.values()) >= expected:
                    break
                assert time.monotonic() < deadline, f"{sum(ends.values())} of {expected} outputs"
                pipeline.supervise()
                await asyncio.sleep(0.2)
        finally:
            await consumer.stop()
        return len(specs) / (time.perf_counter() - start)
    finally:
        pipeline.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def line(label: str, value: str) -> None:
    print(f"  {label:<52} {value}")


def report_in_process(specs: list[Spec]) -> None:
    n = len(specs)
    big = in_process(specs)
    line(f"in process, {n} articles: articles/s", f"{big['articles/s']:.0f}")
    line(
        "  first / last tenth articles/s",
        f"{big['first tenth articles/s']:.0f} / {big['last tenth articles/s']:.0f}",
    )
    line("  originals; withdrawn on the way", f"{big['originals']:.0f}; {big['withdrawn']:.0f}")
    line(f"state bytes per retained article at {n} (RSS growth)", f"{big['bytes/article']:.0f}")
    line("LSH buckets rebuilt from the table (after an assignment), s", f"{big['rebuild s']:.1f}")


def report_broker(specs: list[Spec], bootstrap: str) -> None:
    n = len(specs)
    small = in_process(specs)
    kafka = asyncio.run(through_broker(specs, bootstrap, int(small["outputs"])))
    line(f"dedup in process, {n} articles: articles/s", f"{small['articles/s']:.0f}")
    line(f"dedup through the broker, 1 worker, {n} articles: art/s", f"{kafka:.0f}")
    line("ratio broker / in process", f"{kafka / small['articles/s']:.2f}")


def main() -> None:
    from bench import pipeline
    from workers.tools import kafka_local

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # refused connects while waiting
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--broker-articles", type=int, default=10_000)
    args = parser.parse_args()
    started = time.perf_counter()
    specs = fingerprinted(max(args.articles, args.broker_articles))
    print(f"({len(specs)} articles fingerprinted in {time.perf_counter() - started:.0f} s)")
    report_in_process(specs[: args.articles])
    kafka = pipeline.broker()
    kafka_local.start(kafka)
    try:
        report_broker(specs[: args.broker_articles], pipeline.BOOTSTRAP)
    finally:
        kafka_local.stop(kafka)


if __name__ == "__main__":
    main()
