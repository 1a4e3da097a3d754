"""Prometheus metrics of the worker, served at ``GET /metrics``.

- ``wirestream_messages_total{stage, outcome}``: what each stage did with its inputs;
- ``wirestream_stage_seconds{stage}``: time an agent spent on one input message (enrich: its
  batch's time, shared among the batch's messages);
- ``wirestream_dedup_decision_seconds``: time the dedup index took to judge and admit one
  article;
- ``wirestream_consumer_lag{topic, partition}``: messages waiting behind the group's committed
  offset, for the partitions this worker holds (read by the watchdog every 10 s);
- ``wirestream_rebalances_total``: partition assignments this worker received (1 after start);
- ``wirestream_event_loop_lag_seconds`` and ``wirestream_event_loop_lag_max_seconds``: how late
  the event loop woke a sleeping task; heartbeats and polls run on that loop, so this must stay
  far below the consumer's heartbeat interval (3 s) and session timeout.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

registry = CollectorRegistry()
messages = Counter(
    "wirestream_messages",
    "Input messages by stage and outcome",
    ["stage", "outcome"],
    registry=registry,
)
stage_seconds = Histogram(
    "wirestream_stage_seconds",
    "Time an agent spent on one input message",
    ["stage"],
    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=registry,
)
dedup_decision_seconds = Histogram(
    "wirestream_dedup_decision_seconds",
    "Time the dedup index took to judge and admit one article (its sends not included)",
    buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1),
    registry=registry,
)
consumer_lag = Gauge(
    "wirestream_consumer_lag",
    "Messages behind the committed offset",
    ["topic", "partition"],
    registry=registry,
)


rebalances = Counter(
    "wirestream_rebalances",
    "Partition assignments received by this worker",
    registry=registry,
)
event_loop_lag = Histogram(
    "wirestream_event_loop_lag_seconds",
    "How late the event loop resumed a sleeping task",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=registry,
)
event_loop_lag_max = Gauge(
    "wirestream_event_loop_lag_max_seconds",
    "The largest event loop lag since the worker started",
    registry=registry,
)


_loop_lag_max = 0.0


def record_loop_lag(seconds: float) -> None:
    global _loop_lag_max
    event_loop_lag.observe(seconds)
    if seconds > _loop_lag_max:
        _loop_lag_max = seconds
        event_loop_lag_max.set(seconds)


def outcome(stage: str, what: str) -> str:
    """Count one input's outcome; returns it, for the agent to yield."""
    messages.labels(stage, what).inc()
    return what


def set_lag(lag: dict[tuple[str, int], int]) -> None:
    consumer_lag.clear()
    for (topic, partition), value in lag.items():
        consumer_lag.labels(topic, str(partition)).set(value)


def exposition() -> bytes:
    return generate_latest(registry)
