"""The Faust app, built from the one settings object read from the environment here, once."""

from __future__ import annotations

import socket

import faust

from workers.runtime import faust_internals
from workers.security import faust_credentials
from workers.settings import Settings

faust_internals.apply()
settings = Settings.from_env()


def _advertised_host(bind: str) -> str:
    return socket.gethostname() if bind in ("0.0.0.0", "::", "") else bind


app = faust.App(
    settings.app_id,
    broker=settings.faust_broker,
    broker_credentials=faust_credentials(settings),
    store=settings.store,
    datadir=settings.data_dir,
    autodiscover=[
        "workers.stages.parse",
        "workers.stages.dedup",
        "workers.stages.enrich",
        "workers.stages.counts",
        "workers.ops.web",
        "workers.runtime.watchdog",
        "workers.ops.logs",
    ],
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
    consumer_max_fetch_size=16 * 1024 * 1024,
    # Bounds the graceful shutdown (WIRESTREAM_SHUTDOWN_TIMEOUT_S); resolved once the app exists.
    Worker="workers.runtime.faust_internals:Worker",
    key_serializer="raw",
    value_serializer="json",
)
