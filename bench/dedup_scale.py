"""Dedup at firehose volume: the index alone in process, then through the broker.

    python -m bench.dedup_scale [--articles N] [--broker-articles M] [--store URL]

The articles are a synthetic news firehose (``bench.news_corpus``: Zipfian word streams, stories
told by several outlets, 25% near copies, 13% exact copies), fingerprinted once and cached;
its realism is printed next to the 181 real pages of ``../shared/datasets``.

In process: the index over the mapping the store keeps (a dict of compact entries for
``memory://``; a RocksDB for ``rocksdb://``, with the buckets in their own RocksDB), fed one
article after another at the GDELT rate of event time (600,000 a day). Printed: articles/s
over the first and last tenth (time spent judging and admitting only; the articles are built
outside the clock), p50 and p99 of one decision, the growth of resident memory per retained
article (the articles are built one at a time and dropped), bytes on disk per article, the
time of a sweep that expires the oldest twentieth, and of a rebuild of the buckets.
The first tenth is also judged again on a fresh index twice: right after the run, and in a
forked process in turn with the last tenth, a tenth of each at a time (the index's growth
without the machine's drift).

Through the broker (``--broker-articles``, 0 to skip): the same articles published to
``articles.parsed`` of a fresh pipeline with one worker (a dedup worker,
``WIRESTREAM_STAGES=dedup``, unless ``--worker-stages`` gives it others); articles/s until every
output of the dedup agent is on ``articles.unique`` and ``articles.duplicates`` (the articles
are serialised before the clock starts); the worker's CPU time per article over that time (what
one worker would do with a core to itself: here the broker and the bench share the machine's
two cores with it); the p99 of the
agent's decision time from the worker's ``/metrics``; then the worker is stopped and restarted
and the time until it is ready again (table recovery and buckets) is measured.

The last line is for scripts:
``dedup-scale: articles=N first_tenth=X/s last_tenth=Y/s bytes_per_article=Z``
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import multiprocessing
import os
import shutil
import tempfile
import time
import urllib.request
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import numpy as np
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import TopicPartition

from bench.news_corpus import GDELT_PER_DAY, ROOT, Corpus, corpus, metadata, realism
from workers.near_dup.buckets import Buckets, DiskBuckets
from workers.near_dup.index import DedupIndex, event_time, outputs
from workers.near_dup.store import TABLE_ROCKSDB_OPTIONS, unpack_cluster
from workers.records import SCHEMA_VERSION, ParsedArticle
from workers.settings import Settings

SETTINGS = Settings()
SHARED = ROOT.parent / "shared"


def article(c: Corpus, i: int) -> ParsedArticle:
    meta = metadata(c, i)
    return ParsedArticle(
        version=SCHEMA_VERSION,
        raw_id=meta.raw_id,
        raw_ref=f"articles.raw:{i % 8}:{i // 8}",
        article_id=meta.article_id,
        source=meta.source,
        source_name=None,
        url=meta.url,
        title=meta.title,
        standfirst=None,
        authors=[],
        published_at=meta.published,
        updated_at=None,
        language="en",
        body="",
        word_count=500,
        content_hash=meta.content_hash,
        content_type="text/plain",
        removed=[],
        ingested_at=meta.ingested,
        minhash=c.signatures[i].tolist(),
    )


def articles(c: Corpus, n: int) -> Iterator[ParsedArticle]:
    return (article(c, i) for i in range(n))


class FaustRocksTable(MutableMapping[str, Any]):
    """The table as the worker's RocksDB store keeps it: a RocksDB opened with Faust's options and
    the dedup table's own (bloom filters, block cache), str keys as bytes, the index's byte values
    as they are. Faust's store adds its serialisers and its partition bookkeeping on top."""

    def __init__(self, path: Path) -> None:
        from faust.stores.rocksdb import RocksDBOptions

        self.db = RocksDBOptions(**TABLE_ROCKSDB_OPTIONS).open(path)

    def __getitem__(self, key: str) -> Any:
        value = self.db.get(key.encode())
        if value is None:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        value = self.db.get(key.encode())
        return default if value is None else value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.db.get(key.encode()) is not None

    def __setitem__(self, key: str, value: Any) -> None:
        self.db.put(key.encode(), value)

    def __delitem__(self, key: str) -> None:
        self.db.delete(key.encode())

    def __iter__(self) -> Iterator[str]:
        return (key.decode() for key in self.db.keys())  # noqa: SIM118 (an Rdict)

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        return ((key.decode(), value) for key, value in self.db.items())

    def __len__(self) -> int:
        return sum(1 for _ in self.db.keys())  # noqa: SIM118

    def close(self) -> None:
        self.db.close()


class Stores:
    """The mapping and buckets a store URL gives the index in process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.tmp = Path(tempfile.mkdtemp(prefix="wirestream-dedup-"))
        self.state: MutableMapping[str, Any]
        self.buckets: Buckets | None = None
        if url.startswith("rocksdb"):
            self.state = FaustRocksTable(self.tmp / "table")
            self.buckets = DiskBuckets(
                self.tmp / "buckets", 2 + SETTINGS.lsh_bands, SETTINGS.dedup_cache_mb
            )
        else:
            self.state = {}

    def disk_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.tmp.rglob("*") if f.is_file())

    def close(self) -> None:
        if self.buckets is not None:
            self.buckets.close()
        if hasattr(self.state, "close"):
            self.state.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _rss_bytes() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _reset_peak() -> None:
    """Start measuring the peak of resident memory afresh (Linux: ``clear_refs`` 5)."""
    Path("/proc/self/clear_refs").write_text("5")


def _peak_bytes() -> int:
    """The peak of resident memory since ``_reset_peak`` (``VmHWM``)."""
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmHWM:"):
            return int(row.split()[1]) * 1024
    return 0


def _judged(
    index: DedupIndex,
    c: Corpus,
    n: int,
    durations: np.ndarray,
    cpu: list[float] | None = None,
    beside: Beside | None = None,
) -> tuple[int, int]:
    """Judge and admit the first ``n`` articles, each one's time in ``durations``; the outputs
    sent and the originals withdrawn. ``cpu`` gets the CPU time of the in-memory buckets'
    merges (their own thread's, outside ``durations``) at the start of each tenth and at the
    end. ``beside`` does a chunk of its work before each tenth of the last tenth."""
    sent = withdrawn = 0
    tenth = max(n // 10, 1)
    for i, a in enumerate(articles(c, n)):
        if beside is not None and i >= n - tenth:
            beside.before(i - (n - tenth))
        if cpu is not None and i % tenth == 0:
            cpu.append(getattr(index.lsh, "merge_cpu_s", 0.0))
        started = time.perf_counter()
        decision = index.judge(a)
        index.admit(a, decision, event_time(a))
        durations[i] = time.perf_counter() - started
        sent += len(outputs(a, decision))
        withdrawn += sum(r.was_original for r in decision.revisions)
    if cpu is not None:
        index.lsh.wait()
        cpu.append(getattr(index.lsh, "merge_cpu_s", 0.0))
    return sent, withdrawn


class Beside:
    """The first tenth's articles judged again on a fresh index in a forked process, a chunk
    at a time, alternating with the run's last tenth (ten chunks each): both are timed in the
    same minutes, at the machine's speed of those minutes, and neither runs while the other
    does. The child's memory is not the run's. Its ratio is the index's growth without the
    machine's drift, and without the cache's warmth of a first tenth run alone."""

    def __init__(self, c: Corpus, n: int, store: str) -> None:
        self.tenth = max(n // 10, 1)
        bounds = np.linspace(0, self.tenth, 11).astype(int).tolist()
        self._spans = {  # by the last tenth's article each starts before
            start: (start, stop)
            for start, stop in zip(bounds, bounds[1:], strict=False)
            if stop > start
        }
        self.seconds = 0.0
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_beside, args=(child, c, store), daemon=True)
        self._process.start()

    def before(self, j: int) -> None:
        """Before the last tenth's ``j``-th article: the chunk that starts there, if any."""
        span = self._spans.get(j)
        if span is not None:
            self._conn.send(span)
            self.seconds += self._conn.recv()

    def rate(self) -> float:
        return self.tenth / self.seconds if self.seconds else 0.0

    def close(self) -> None:
        self._conn.send(None)
        self._process.join(60)


def _beside(conn: Any, c: Corpus, store: str) -> None:
    stores = Stores(store)
    index = DedupIndex(SETTINGS, stores.state, stores.buckets)
    try:
        while (span := conn.recv()) is not None:
            spent = 0.0
            for i in range(*span):
                a = article(c, i)
                started = time.perf_counter()
                index.admit(a, index.judge(a), event_time(a))
                spent += time.perf_counter() - started
            index.lsh.wait()  # its merges finish in its own time, not the run's
            conn.send(spent)
    finally:
        stores.close()


def first_tenth_again(c: Corpus, n: int, store: str) -> float:
    """The first tenth's articles/s measured again, on a fresh index and store, right after the
    run's last tenth: the same work at the machine's speed of that moment. A shared machine's
    core speed drifts over a long run (docs/performance.md, session 16), and this ratio is the
    index's growth without that drift."""
    stores = Stores(store)
    tenth = max(n // 10, 1)
    durations = np.zeros(tenth, np.float64)
    try:
        _judged(DedupIndex(SETTINGS, stores.state, stores.buckets), c, tenth, durations)
        return tenth / float(durations.sum())
    finally:
        stores.close()


def in_process(c: Corpus, n: int, store: str) -> dict[str, float]:
    beside = Beside(c, n, store)  # forked before the run's index grows
    stores = Stores(store)
    durations = np.zeros(n, np.float64)  # the bench's own: touched before the baseline
    gc.collect()
    rss = _rss_bytes()
    _reset_peak()
    index = DedupIndex(SETTINGS, stores.state, stores.buckets)
    cpu: list[float] = []
    try:
        sent, withdrawn = _judged(index, c, n, durations, cpu, beside)
        beside.close()
        gc.collect()
        grown = _rss_bytes() - rss
        peak = _peak_bytes() - rss
        disk = stores.disk_bytes()
        first_again = first_tenth_again(c, n, store)
        sizes = sorted(
            len(unpack_cluster(v)["members"]) for k, v in index.state.items() if k[:2] == "c:"
        )
        tenth = max(n // 10, 1)
        rebuilt = time.perf_counter()
        index.forget_buckets()
        if stores.buckets is not None:
            index.state["o:"] = b"another machine"  # force a full rebuild, as after a move
        gc.collect()
        _reset_peak()
        for _ in index.rebuilding():
            pass
        rebuild_s = time.perf_counter() - rebuilt
        rebuild_peak = _peak_bytes() - rss
        swept = time.perf_counter()
        horizon = event_time(article(c, n // 20)) + SETTINGS.dedup_retention_days * 86400
        dropped = index.sweep(horizon)
        sweep_s = time.perf_counter() - swept
        return {
            "first": tenth / durations[:tenth].sum(),
            "last": tenth / durations[-tenth:].sum(),
            "first again": first_again,
            "first beside": beside.rate(),
            "merges first ms": (cpu[1] - cpu[0]) / tenth * 1000,
            "merges last ms": (cpu[-1] - cpu[-2]) / (n - (len(cpu) - 2) * tenth) * 1000,
            "max ms": float(durations.max()) * 1000,
            "overall": n / durations.sum(),
            "p50 ms": float(np.percentile(durations, 50)) * 1000,
            "p99 ms": float(np.percentile(durations, 99)) * 1000,
            "bytes": grown / n,
            "peak": peak / n,
            "rebuild peak": rebuild_peak / n,
            "state": sum(len(k) + len(v) for k, v in index.state.items()) / n,
            "disk": disk / n,
            "outputs": sent,
            "withdrawn": withdrawn,
            "rebuild s": rebuild_s,
            "sweep s": sweep_s,
            "swept": dropped,
            "n": n,
            "clusters": len(sizes),
            "largest": sizes[-1] if sizes else 1,
            "p99 size": sizes[int(len(sizes) * 0.99)] if sizes else 1,
        }
    finally:
        stores.close()


async def through_broker(
    c: Corpus, n: int, store: str, expected: int, stages: str
) -> dict[str, float]:
    from bench.pipeline import BOOTSTRAP
    from tests.integration import conftest as harness

    harness.BOOTSTRAP = BOOTSTRAP
    tmp = Path(tempfile.mkdtemp(prefix="wirestream-bench-"))
    # The default stall timeout, not the tests' 30 s: a flood of articles at once keeps the
    # enrich partitions' commits waiting on the producer for tens of seconds.
    pipeline = harness.Pipeline(
        f"bench-dedup-{time.time_ns()}",
        tmp,
        4,
        # One data directory for the worker and its restart: the restart is the same machine's.
        {
            "WIRESTREAM_STALL_TIMEOUT_S": "300",
            "WIRESTREAM_STORE": store,
            "WIRESTREAM_DATA_DIR": str(tmp / "state"),
            "WIRESTREAM_STAGES": stages,
        },
    )
    out: dict[str, float] = {}
    try:
        worker = pipeline.add_worker()
        # Serialised outside the clock: the bench's own work shares the machine's two cores
        # with the broker and the worker.
        messages = [(a.article_id.encode(), a.dumps()) for a in articles(c, n)]
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", linger_ms=20)
        await producer.start()
        assert worker.proc is not None
        cpu = _cpu_seconds(worker.proc.pid)
        start = time.perf_counter()
        for key, value in messages:
            await producer.send(pipeline.topics.parsed, value, key=key)
        await producer.flush()
        await producer.stop()
        out["published s"] = time.perf_counter() - start
        await _until_outputs(pipeline, expected)
        out["articles/s"] = n / (time.perf_counter() - start)
        out["worker cpu s"] = _cpu_seconds(worker.proc.pid) - cpu
        out["p99 ms"] = _decision_p99(worker.base) * 1000
        worker.stop()
        restarted = time.perf_counter()
        pipeline.add_worker()
        out["restart s"] = time.perf_counter() - restarted
    finally:
        pipeline.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return out


async def _until_outputs(pipeline: Any, expected: int) -> None:
    from bench.pipeline import BOOTSTRAP

    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
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
                return
            assert time.monotonic() < deadline, f"{sum(ends.values())} of {expected} outputs"
            pipeline.supervise()
            await asyncio.sleep(0.2)
    finally:
        await consumer.stop()


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (``/proc/PID/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _decision_p99(base: str) -> float:
    """The 99th percentile of ``wirestream_dedup_decision_seconds``: the upper bound of the
    first histogram bucket holding 99% of the decisions."""
    text = urllib.request.urlopen(base + "/metrics", timeout=10).read().decode()
    buckets = []
    for line in text.splitlines():
        if line.startswith("wirestream_dedup_decision_seconds_bucket"):
            le = line.split('le="')[1].split('"')[0]
            buckets.append((float(le), float(line.rsplit(" ", 1)[1])))
    total = buckets[-1][1]
    return next(le for le, count in buckets if count >= 0.99 * total)


def line(label: str, value: str) -> None:
    print(f"  {label:<60} {value}", flush=True)


def projection(memory: dict[str, float], store: str) -> None:
    """A 30-day GDELT window from this run's figures: memory grows with the window in memory,
    not on disk (there it is RocksDB's caches and write buffers: this run's growth, whole)."""
    window = int(SETTINGS.dedup_retention_days * GDELT_PER_DAY)
    line(f"projection, {window:,} articles (30 days of GDELT), {store}", "")
    if memory["disk"]:
        line(
            "  resident memory of the index (bounded: this run's), GB",
            f"{memory['bytes'] * memory['n'] / 1e9:.2f}",
        )
        line("  disk, GB", f"{memory['disk'] * window / 1e9:.1f}")
    else:
        line("  resident memory of the index, GB", f"{memory['bytes'] * window / 1e9:.1f}")
        line(
            "  its peak while judging / while rebuilding the lookups, GB",
            f"{memory['peak'] * window / 1e9:.1f} / {memory['rebuild peak'] * window / 1e9:.1f}",
        )
    line(
        "  a day's articles judged in, min (at the last tenth's rate)",
        f"{GDELT_PER_DAY / memory['last'] / 60:.1f}",
    )


def report_in_process(c: Corpus, n: int, store: str) -> dict[str, float]:
    memory = in_process(c, n, store)
    line(f"in process, {n} articles, {store}: articles/s", f"{memory['overall']:.0f}")
    line(
        "  first / last tenth articles/s (ratio)",
        f"{memory['first']:.0f} / {memory['last']:.0f} ({memory['last'] / memory['first']:.2f})",
    )
    line(
        "  first tenth again, just after the last: articles/s (last / it)",
        f"{memory['first again']:.0f} ({memory['last'] / memory['first again']:.2f})",
    )
    line(
        "  first tenth in turn with the last, chunk by chunk: articles/s (last / it)",
        f"{memory['first beside']:.0f} ({memory['last'] / memory['first beside']:.2f})",
    )
    line(
        "  merges on their own thread, CPU an article, first / last tenth, ms",
        f"{memory['merges first ms']:.3f} / {memory['merges last ms']:.3f}",
    )
    line(
        "  one decision p50 / p99 / slowest, ms",
        f"{memory['p50 ms']:.3f} / {memory['p99 ms']:.3f} / {memory['max ms']:.0f}",
    )
    line(
        "  clusters of 2 or more; p99 and largest size",
        f"{memory['clusters']:.0f}; {memory['p99 size']:.0f}, {memory['largest']:.0f}",
    )
    line(
        "  outputs; originals withdrawn on the way",
        f"{memory['outputs']:.0f}; {memory['withdrawn']:.0f}",
    )
    line(f"  resident memory per retained article at {n} (growth), bytes", f"{memory['bytes']:.0f}")
    line("    of which the table's keys and values, bytes", f"{memory['state']:.0f}")
    line(
        "  peak resident memory during the run (growth) per article, bytes", f"{memory['peak']:.0f}"
    )
    line(
        "  peak during a rebuild of the lookups (growth) per article, bytes",
        f"{memory['rebuild peak']:.0f}",
    )
    line("  disk per retained article, bytes", f"{memory['disk']:.0f}")
    line("  buckets rebuilt from the table (a partition moved), s", f"{memory['rebuild s']:.1f}")
    line(
        f"  sweep expiring the oldest 5% ({memory['swept']:.0f} entries), s",
        f"{memory['sweep s']:.1f}",
    )
    projection(memory, store)
    return memory


def report_broker(
    c: Corpus, m: int, store: str, stages: str, small: dict[str, float] | None = None
) -> dict[str, float]:
    """Through the broker already running (``bench.pipeline.BOOTSTRAP``)."""
    small = small or in_process(c, m, store)
    broker = asyncio.run(through_broker(c, m, store, int(small["outputs"]), stages))
    line(
        f"through the broker, 1 worker ({stages}), {m} articles, {store}: articles/s",
        f"{broker['articles/s']:.0f}",
    )
    line(
        "  the worker's CPU time per article, ms (articles per CPU-second)",
        f"{broker['worker cpu s'] / m * 1000:.2f} ({m / broker['worker cpu s']:.0f})",
    )
    line("  in process, the same articles, same run: articles/s", f"{small['overall']:.0f}")
    line("  decision p99 in the agent (histogram bound), ms", f"{broker['p99 ms']:.2f}")
    line("  worker restarted: start to ready, s", f"{broker['restart s']:.1f}")
    return broker


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)  # refused connects while waiting
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--broker-articles", type=int, default=10_000)
    parser.add_argument("--store", default="memory://")
    parser.add_argument(
        "--worker-stages",
        default="dedup",
        help="WIRESTREAM_STAGES of the broker run's worker: `dedup` (a dedup worker, as one "
        "would run it at volume) or `parse,dedup,enrich,counts` (one worker doing everything)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    c = corpus(max(args.articles, args.broker_articles))
    print(f"({len(c)} articles fingerprinted or loaded in {time.perf_counter() - started:.0f} s)")
    if SHARED.exists():
        for label, (mean, over, band) in realism(c, SHARED).items():
            line(
                f"unrelated pairs, {label}: mean similarity; >= 0.1; share a band",
                f"{mean:.4f}; {over:.4f}; {band:.5f}",
            )
    n, m = args.articles, args.broker_articles
    memory = report_in_process(c, n, args.store)
    if m:
        from bench import pipeline
        from workers.tools import kafka_local

        kafka = pipeline.broker()
        kafka_local.start(kafka)
        try:
            report_broker(c, m, args.store, args.worker_stages, memory if m == n else None)
        finally:
            kafka_local.stop(kafka)
    print(
        f"dedup-scale: articles={n} first_tenth={memory['first']:.0f}/s "
        f"last_tenth={memory['last']:.0f}/s bytes_per_article={memory['bytes']:.0f}"
    )


if __name__ == "__main__":
    main()
