"""``make bench`` / ``python -m bench [--quick] [--articles N]``: every benchmark in one run,
printed as tables with ratios against baselines measured in the same run. Never part of the
test suite. The through-Kafka runs use N distinct generated articles of 500-1,000 words (2,000
by default; about an hour in all on 2 cores, most of it the 100k-article dedup run and five
pipeline runs; 60 with ``--quick``)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform

from bench import clean_dumps, counts, dedup_scale, languages, pipeline, publish, records, stages
from bench import parse as parse_bench
from tests.corpus import distinct, labelled_near_duplicates
from tests.dedup_scoring import evaluate
from workers.tools import kafka_local


def line(label: str, value: str) -> None:
    print(f"  {label:<52} {value}")


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # refused connects while waiting
    parser = argparse.ArgumentParser(description="Wirestream benchmarks")
    parser.add_argument("--quick", action="store_true", help="small in-process runs, 60 articles")
    parser.add_argument("--articles", type=int, help="articles through Kafka (default 2000)")
    args = parser.parse_args()
    quick = args.quick
    scale = 1 if quick else 3
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )

    print("\n1. Parse (in process)")
    for fmt, value in stages.parse_formats(100 * scale).items():
        line(f"{fmt} articles/s", f"{value:8.1f}")
    if stages.dataset_present():
        quality = stages.html_quality()
        for label, (p, r, f1, pages) in quality.items():
            line(f"{label}: body P / R / F1, pages/s", f"{p:.3f} / {r:.3f} / {f1:.3f}, {pages:.1f}")
        ratio = quality["parse stage"][2] / quality["trafilatura directly"][2]
        line("F1 ratio stage / trafilatura", f"{ratio:.3f}")
        print("\n1b. Parse on real pages, split by site (python -m bench.parse)")
        parse_bench.run()
        print("\n1c. Parse on clean dumps in 40 site styles (python -m bench.clean_dumps)")
        clean_dumps.run(per_style=10, seed=15)

    print("\n2. Dedup (the index alone; through the broker in section 4)")
    scores, _ = evaluate(labelled_near_duplicates(200, seed=3))
    line("precision / recall on the labelled set", f"{scores.precision:.4f} / {scores.recall:.4f}")
    dedup_n, dedup_broker_n = (2000, 1000) if quick else (100_000, 10_000)
    firehose = dedup_scale.corpus(max(dedup_n, dedup_broker_n))
    dedup_scale.report_in_process(firehose, dedup_n, "memory://")

    print("\n2b. Counts: the per-source table's step (python -m bench.counts)")
    counts.report([10_000, 100_000], 2_800)

    print("\n2c. Records between stages read and checked (python -m bench.records)")
    records.report(20_000)

    print(f"\n3. Enrich (one core; batches of {stages.SETTINGS.enrich_batch_size})")
    figures = stages.enrich(40 * scale)
    raw = figures["raw spaCy nlp.pipe"][0]
    for label, (articles, words) in figures.items():
        line(f"{label}: articles/s, words/s", f"{articles:.1f}, {words:.0f}")
        line("  ratio to raw spaCy", f"{articles / raw:.2f}")

    print("\n4. The pipeline through Kafka")
    compute, words = stages.compute_limit(40 * scale)
    line(f"compute limit: 3 stages in process, articles/s/core ({words} words)", f"{compute:.1f}")
    kafka = pipeline.broker()
    kafka_local.start(kafka)
    try:
        n = args.articles or (60 if quick else 2000)
        print(f"   ({n} distinct articles through Kafka)")
        values = [item.value for item in distinct(n, seed=51)]
        transport = asyncio.run(pipeline.transport(values * 10))
        line("transport limit: aiokafka pass-through msgs/s", f"{transport:.0f}")
        one = asyncio.run(pipeline.run_pipeline(n, workers=1, partitions=4))
        one_rate = one["articles/s"]
        line("1 worker: end-to-end articles/s", f"{one_rate:.2f}")
        limit = min(compute, transport)
        line("ratio 1 worker / min(compute, transport)", f"{one_rate / limit:.2f}")
        dedup_scale.report_broker(firehose, dedup_broker_n, "memory://", "dedup")
        for label, env in (
            ("NER batches of 1 (unbatched)", {"WIRESTREAM_ENRICH_BATCH_SIZE": "1"}),
            ("2 NER processes", {"WIRESTREAM_ENRICH_PROCESSES": "2"}),
        ):
            other = asyncio.run(pipeline.run_pipeline(n, workers=1, partitions=4, env=env))
            line(f"1 worker, {label}: articles/s", f"{other['articles/s']:.2f}")
            line("  ratio to 1 worker with the defaults", f"{other['articles/s'] / one_rate:.2f}")
        two = asyncio.run(pipeline.run_pipeline(n, workers=2, partitions=4))
        line("2 workers over 4 partitions: articles/s", f"{two['articles/s']:.2f}")
        line("ratio 2 workers / 1 worker", f"{two['articles/s'] / one_rate:.2f}")
        paced = asyncio.run(
            pipeline.run_pipeline(n // 2, workers=1, partitions=4, rate=one_rate / 2)
        )
        lat = paced["latency"]
        line(
            "latency at half the 1-worker rate: p50 / p95 / p99 s",
            f"{pipeline.percentile(lat, 50):.2f} / {pipeline.percentile(lat, 95):.2f} / "
            f"{pipeline.percentile(lat, 99):.2f}",
        )
        line("peak RSS of a worker with its NER process, MiB", f"{one['rss_mib']:.0f}")
        line("worker start to ready, s", f"{one['ready_s']:.1f}")
        recovery = asyncio.run(pipeline.table_recovery(100_000))
        line(
            "start to ready, empty tables / 100k-entry table recovered, s",
            f"{recovery['empty']:.1f} / {recovery['filled']:.1f}",
        )
        per_day = 600_000 * 600 / words  # GDELT-scale day, in articles of this corpus's length
        hours = per_day / two["articles/s"] / 3600
        line("projected wall time, 600k articles of 600 words, 2 workers, h", f"{hours:.1f}")
    finally:
        kafka_local.stop(kafka)

    print("\n5. Ingestion: wirestream publish of a WARC.gz (dry run, then to Kafka)")
    publish.report(10_000 if quick else 100_000)

    print("\n6. Languages: models on the hand-checked set, and what each costs")
    languages.report()


if __name__ == "__main__":
    main()
