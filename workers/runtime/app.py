"""The Faust app, built from the one settings object read from the environment here, once."""

from __future__ import annotations

import importlib
import socket

import faust

from workers.runtime import faust_internals
from workers.security import faust_credentials
from workers.settings import Settings

faust_internals.apply()
settings = Settings.from_env()


# What each stage brings into a worker (WIRESTREAM_STAGES): its agent and tables, and the pages
# that read them. A worker imports only its own stages' modules, so it subscribes only to their
# topics and changelogs and starts only their processes: a dedup worker loads no NLP model.
STAGE_MODULES = {
    "parse": ["workers.stages.parse"],
    "dedup": ["workers.stages.dedup"],
    "enrich": ["workers.stages.enrich", "workers.ops.headlines"],
    "counts": ["workers.stages.counts", "workers.ops.sources"],
}
EVERY_WORKER = ["workers.ops.web", "workers.runtime.watchdog", "workers.ops.logs"]


def _advertised_host(bind: str) -> str:
    return socket.gethostname() if bind in ("0.0.0.0", "::", "") else bind


app = faust.App(
    settings.app_id,
    broker=settings.faust_broker,
    broker_credentials=faust_credentials(settings),
    store=settings.store,
    datadir=settings.data_dir,
    # Off: Faust's discovery also scans the whole ``origin`` package (which its CLI fills in),
    # importing every stage. ``load_modules`` imports the worker's own instead.
    autodiscover=False,
    origin="workers",
    topic_partitions=settings.partitions,
    topic_replication_factor=settings.replication,
    table_standby_replicas=0,
    # At-least-once with idempotent outputs: Faust's exactly-once mode has open duplicate bugs.
    processing_guarantee="at_least_once",
    web_bind=settings.web_host,
    web_host=_advertised_host(settings.web_host),
    web_port=settings.web_port,
    web_in_thread=False,
    producer_acks=-1,
    producer_max_request_size=16 * 1024 * 1024,
    # Batches of up to ~1 MB a partition (Faust's default is 16 KB, a few articles): under load,
    # sends that queue behind a request in flight go out together, with no linger added.
    # Below the brokers' default message.max.bytes (1,048,588), which bounds a batch.
    producer_max_batch_size=1_000_000,
    # Sends wait up to 20 ms for company (Faust's default is 0; Kafka 4's Java clients wait 5 ms):
    # fewer, larger produce requests. Through a dedup worker, 20,000 articles: 474 and 497
    # articles/s without, 571 and 549 with (python -m bench.dedup_scale, runs alternated).
    producer_linger=0.02,
    consumer_max_fetch_size=16 * 1024 * 1024,
    # Bounds the graceful shutdown (WIRESTREAM_SHUTDOWN_TIMEOUT_S); resolved once the app exists.
    Worker="workers.runtime.faust_internals:Worker",
    key_serializer="raw",
    value_serializer="json",
)


def worker_modules() -> list[str]:
    """The modules a worker of ``settings.stage_names`` imports, in the order the data flows."""
    return [m for stage in settings.stage_names for m in STAGE_MODULES[stage]] + EVERY_WORKER


def load_modules() -> None:
    """Import the worker's modules: their agents, tables, timers and pages join the app."""
    for module in worker_modules():
        importlib.import_module(module)
