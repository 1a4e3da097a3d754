"""Integration fixtures: the real broker (started once per session by the project's own
script) and real worker processes with their own app id, topics and web port per test."""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from tests.conftest import ROOT
from tests.ports import free_port
from workers.settings import Settings, Topics
from workers.tools import kafka_local

KAFKA_PORT = int(os.environ.get("WIRESTREAM_TEST_KAFKA_PORT", "19092"))
BOOTSTRAP = f"127.0.0.1:{KAFKA_PORT}"
# The session broker's second listener: SASL_SSL with SCRAM-SHA-512, a fresh password a session.
SASL_PORT = KAFKA_PORT + 2
SASL_USER = "wirestream-test"
SASL_PASSWORD = f"pw-{uuid.uuid4().hex}"
WORKER_READY_TIMEOUT = 120.0


def local_broker() -> kafka_local.LocalKafka:
    return kafka_local.LocalKafka(
        home=ROOT / ".run" / "kafka-test",
        port=KAFKA_PORT,
        controller_port=KAFKA_PORT + 1,
        cache=Path(os.environ.get("WIRESTREAM_KAFKA_CACHE", Path.home() / ".cache" / "wirestream")),
        sasl_port=SASL_PORT,
        sasl_user=SASL_USER,
        sasl_password=SASL_PASSWORD,
    )


@pytest.fixture(scope="session")
def broker() -> Iterator[kafka_local.LocalKafka]:
    kafka = local_broker()
    kafka_local.stop(kafka)
    shutil.rmtree(kafka.home, ignore_errors=True)  # a fresh cluster for every session
    kafka_local.start(kafka)
    yield kafka
    kafka_local.stop(kafka)


_counter = itertools.count()


@dataclass
class Worker:
    """One ``wirestream worker`` process."""

    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    stopped: bool = False  # by the test, as opposed to crashed

    @property
    def stages(self) -> str | None:
        """``WIRESTREAM_STAGES`` if the test gave this worker some stages only."""
        return self.env.get("WIRESTREAM_STAGES")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.env['WIRESTREAM_WEB_PORT']}"

    def start(self) -> Worker:
        with open(self.log, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "workers", "worker"],
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def wait_ready(self, timeout: float = WORKER_READY_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None and self.proc.poll() is None, self.tail()
            if (get_json(self.base + "/ready") or {}).get("ready"):
                return
            time.sleep(0.5)
        raise AssertionError(f"worker not ready in {timeout}s\n{self.tail()}")

    @property
    def crashed(self) -> bool:
        return not self.stopped and self.proc is not None and self.proc.poll() not in (None, 0)

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int | None:
        self.stopped = True
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else None
        os.killpg(self.proc.pid, sig)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            return self.proc.wait()

    def tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class Pipeline:
    """A pipeline with unique topic and group names: its workers, and helpers to talk to it."""

    name: str
    tmp: Path
    partitions: int
    extra_env: dict[str, str] = field(default_factory=dict)
    workers: list[Worker] = field(default_factory=list)
    restarts: int = 0

    @property
    def topics(self) -> Topics:
        return Topics(**{f: f"{self.name}.{f}" for f in Topics.__dataclass_fields__})

    @property
    def settings(self) -> Settings:
        return Settings(
            broker=BOOTSTRAP, app_id=self.name, partitions=self.partitions, topics=self.topics
        )

    def env(self, web_port: int) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIRESTREAM_")}
        env.update(
            {
                "WIRESTREAM_BROKER": BOOTSTRAP,
                "WIRESTREAM_APP_ID": self.name,
                "WIRESTREAM_PARTITIONS": str(self.partitions),
                "WIRESTREAM_WEB_PORT": str(web_port),
                "WIRESTREAM_DATA_DIR": str(self.tmp / f"data-{web_port}"),
                "WIRESTREAM_ENRICH_PROCESSES": "1",
                "WIRESTREAM_STALL_TIMEOUT_S": "30",
                "WIRESTREAM_SHUTDOWN_TIMEOUT_S": "20",
                **{
                    f"WIRESTREAM_TOPIC_{f.upper()}": getattr(self.topics, f)
                    for f in Topics.__dataclass_fields__
                },
                **self.extra_env,
            }
        )
        return env

    def add_worker(self, ready: bool = True, stages: str | None = None) -> Worker:
        """A worker process; ``stages`` (``WIRESTREAM_STAGES``) gives it some stages only."""
        port = free_port()
        env = self.env(port) | ({"WIRESTREAM_STAGES": stages} if stages else {})
        worker = Worker(env, self.tmp / f"worker-{port}.log").start()
        self.workers.append(worker)
        if ready:
            worker.wait_ready()
        return worker

    def supervise(self) -> None:
        """Restart crashed workers, as Docker's restart policy or systemd would: a worker exits
        on purpose when its watchdog sees a stalled partition."""
        for worker in [w for w in self.workers if w.crashed]:
            worker.stopped = True
            self.restarts += 1
            self.add_worker(ready=False, stages=worker.stages)

    def live_worker(self, stage: str = "counts") -> Worker:
        """The latest live worker that runs ``stage`` (by default one that serves the counts)."""
        alive = [
            w
            for w in self.workers
            if w.proc is not None
            and w.proc.poll() is None
            and (w.stages is None or stage in w.stages.split(","))
        ]
        assert alive, "no worker is running"
        return alive[-1]

    def sources(self, worker: Worker | None = None) -> dict[str, Any]:
        doc = get_json((worker or self.live_worker()).base + "/sources") or {}
        return {row["source"]: row for row in doc.get("sources", [])}

    async def publish(self, messages: Sequence[tuple[bytes | None, bytes]]) -> None:
        producer = AIOKafkaProducer(
            bootstrap_servers=BOOTSTRAP, acks="all", max_request_size=16 * 1024 * 1024
        )
        await producer.start()
        try:
            futures = [await producer.send(self.topics.raw, value=v, key=k) for k, v in messages]
            await asyncio.gather(*futures)
        finally:
            await producer.stop()

    async def read(self, topic: str, timeout: float = 3.0) -> list[dict[str, Any]]:
        """Every record on a topic (tombstones left out), up to its end offsets now."""
        return [v for _k, v in await self.read_keyed(topic, timeout) if v is not None]

    async def read_keyed(
        self, topic: str, timeout: float = 3.0
    ) -> list[tuple[bytes | None, dict[str, Any] | None]]:
        """Every (key, value) on a topic, from the beginning up to its end offsets now; a
        tombstone's value is None. Records of one key come in the order they were written."""
        return [
            (key, None if value is None else orjson.loads(value))
            for key, value in await self.read_bytes(topic, timeout)
        ]

    async def read_bytes(
        self, topic: str, timeout: float = 3.0
    ) -> list[tuple[bytes | None, bytes | None]]:
        """Every (key, value) on a topic as bytes, as in ``read_keyed``."""
        return [(r.key, r.value) for r in await self.read_records(topic, timeout)]

    async def read_records(self, topic: str, timeout: float = 3.0) -> list[Any]:
        """Every record on a topic (aiokafka's, with partition and offset), from the beginning
        up to its end offsets now; each partition's records in order."""
        consumer = AIOKafkaConsumer(
            bootstrap_servers=BOOTSTRAP,
            group_id=None,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
        )
        await consumer.start()
        out: list[Any] = []
        try:
            partitions = consumer.partitions_for_topic(topic)
            if not partitions:
                await consumer._client.force_metadata_update()  # a topic not yet known here
                partitions = consumer.partitions_for_topic(topic) or set()
            tps = [TopicPartition(topic, p) for p in partitions]
            if not tps:
                return out
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            ends = await consumer.end_offsets(tps)
            deadline = time.monotonic() + 60
            while [tp for tp in tps if await consumer.position(tp) < ends[tp]]:
                assert time.monotonic() < deadline, f"could not read {topic} to its end"
                batch = await consumer.getmany(timeout_ms=int(timeout * 1000), max_records=5000)
                for records in batch.values():
                    out.extend(records)
        finally:
            await consumer.stop()
        return out

    async def outcomes(self) -> dict[str, dict[str, dict[str, Any]]]:
        """raw_id -> {outcome kind: record}, as a consumer applying the topics' keys sees them:
        ``articles.enriched`` by article_id (a tombstone withdraws, a newer record replaces),
        duplicates by raw_id (a ``revised`` record replaces), dead letters by raw_id. Any other
        repeat must be byte-identical, or this raises."""
        enriched: dict[str, dict[str, Any] | None] = {}
        for key, record in await self.read_keyed(self.topics.enriched, timeout=1.5):
            article_id = (key or b"").decode()
            held = enriched.get(article_id)
            if held is not None and record is not None and held["raw_id"] == record["raw_id"]:
                assert held == record, "non-identical repeat of enriched"
            enriched[article_id] = record
        found: dict[str, dict[str, dict[str, Any]]] = {}
        for record in enriched.values():
            if record is not None:
                found.setdefault(record["raw_id"], {})["enriched"] = record
        for kind, topic in (
            ("duplicate", self.topics.duplicates),
            ("dead_letter", self.topics.dead_letter),
        ):
            by_raw: dict[str, dict[str, Any]] = {}
            for record in await self.read(topic, timeout=1.5):
                held = by_raw.get(record["raw_id"])
                if held is not None and not record.get("revised"):
                    assert held == record, f"non-identical repeat of {kind}"
                by_raw[record["raw_id"]] = record
            for raw_id, record in by_raw.items():
                found.setdefault(raw_id, {})[kind] = record
        return found

    async def wait_for(
        self, check: Callable[[], Any], timeout: float = 120.0, what: str = "condition"
    ) -> Any:
        deadline = time.monotonic() + timeout
        result = None
        while time.monotonic() < deadline:
            self.supervise()
            result = await check() if asyncio.iscoroutinefunction(check) else check()
            if result:
                return result
            await asyncio.sleep(1.0)
        raise AssertionError(
            f"timed out waiting for {what}: last {result!r}\n{await self.trace()}\n{self.logs(30)}"
        )

    async def trace(self) -> str:
        """Where the pipeline's messages are, for a failed wait: each input topic's end and
        committed offsets per partition, and each raw message that has no final outcome with
        the topics it reached (a lost message shows where it stopped). Best effort: a failure
        to read is reported, never raised over the assertion it explains."""
        try:
            return await self._trace()
        except Exception as exc:  # noqa: BLE001 - diagnostics only
            return f"(no trace: {type(exc).__name__}: {exc})"

    async def _trace(self) -> str:
        t = self.topics
        records = {
            name: await self.read_records(name, 1.0)
            for name in (t.raw, t.parsed, t.unique, t.outcomes)
        }
        admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
        await admin.start()
        try:
            committed = await admin.list_consumer_group_offsets(self.name)
        finally:
            await admin.close()
        lines = ["committed/end offsets of the group's inputs:"]
        for topic in (t.raw, t.parsed, t.unique, t.outcomes):
            ends: dict[int, int] = {}
            for record in records[topic]:
                ends[record.partition] = max(ends.get(record.partition, 0), record.offset + 1)
            done = {tp.partition: o.offset for tp, o in committed.items() if tp.topic == topic}
            marks = [
                f"p{p} {done.get(p, '-')}/{ends.get(p, 0)}" for p in sorted(set(ends) | set(done))
            ]
            lines.append(f"  {topic}: {', '.join(marks) or 'empty'}")
        reached: dict[str, list[str]] = {}
        for r in records[t.raw]:
            reached[f"{t.raw}:{r.partition}:{r.offset}"] = []
        raw_ids: dict[str, str] = {}
        for stage, topic in (("parsed", t.parsed), ("unique", t.unique)):
            for r in records[topic]:
                if r.value is not None:
                    value = orjson.loads(r.value)
                    reached.setdefault(value["raw_ref"], []).append(
                        f"{stage}@{r.partition}:{r.offset}"
                    )
                    raw_ids[value["raw_ref"]] = value["raw_id"]
        outcomes = await self.outcomes()
        dead_at = {  # where each dead letter's stage read it (a raw message's, for parse)
            f"{d['topic']}:{d['partition']}:{d['offset']}"
            for kinds in outcomes.values()
            if (d := kinds.get("dead_letter")) is not None
        }
        for ref, stages in reached.items():
            if not outcomes.get(raw_ids.get(ref, "")) and ref not in dead_at:
                lines.append(
                    f"  no outcome for {ref} ({raw_ids.get(ref, '?')}): {stages or 'raw only'}"
                )
        return "\n".join(lines)

    def logs(self, lines: int = 60) -> str:
        """The last lines of every worker's log, oldest worker first (for assertion messages)."""
        return "\n".join(f"--- worker {i}\n{w.tail(lines)}" for i, w in enumerate(self.workers))

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()


@pytest.fixture
async def pipeline_factory(broker: Any, tmp_path: Path) -> AsyncIterator[Callable[..., Pipeline]]:
    made: list[Pipeline] = []

    def make(partitions: int = 2, **extra_env: str) -> Pipeline:
        name = f"t{next(_counter)}-{uuid.uuid4().hex[:8]}"
        pipeline = Pipeline(name, tmp_path, partitions, dict(extra_env))
        made.append(pipeline)
        return pipeline

    yield make
    for pipeline in made:
        pipeline.stop()


def get_json(url: str) -> Any:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local worker
            return orjson.loads(response.read())
    except (urllib.error.URLError, OSError, orjson.JSONDecodeError):
        return None
