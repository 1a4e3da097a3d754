"""Every topic the worker reads or writes, as Faust topics: names, partitions and configuration
from ``workers.topology``, key and value types here."""

from __future__ import annotations

from typing import Any

from workers.records import DeadLetter, Duplicate
from workers.runtime.app import app, settings
from workers.topology import topic_specs

_SPECS = topic_specs(settings)


def _where(role: str) -> dict[str, Any]:
    spec = _SPECS[role]
    return {"partitions": spec.partitions, "config": spec.config or None}


raw = app.topic(
    _SPECS["raw"].name,
    key_type=bytes,
    value_type=bytes,
    value_serializer="raw",
    key_serializer="raw",
    **_where("raw"),
)
# Topics read by a stage carry raw bytes: the agent reads each record itself
# (``records.read_record``), so a message no stage wrote is dead-lettered: Faust's decoding raised
# one that is not JSON into the agent's stream and handed on one with the wrong types, and either
# crashed the agent on every delivery. Records are sent in their own JSON codec.
parsed = app.topic(
    _SPECS["parsed"].name,
    key_type=bytes,
    key_serializer="raw",
    value_type=bytes,
    value_serializer="raw",
    **_where("parsed"),
)
# ``articles.unique`` and ``articles.enriched`` are changelogs keyed by ``article_id``: a null
# value withdraws an article that dedup found to be a later copy of another. Faust cannot read
# a null into a record type, so they are raw here; records are sent in their own JSON codec.
unique = app.topic(
    _SPECS["unique"].name,
    key_type=bytes,
    key_serializer="raw",
    value_type=bytes,
    value_serializer="raw",
    **_where("unique"),
)
enriched = app.topic(
    _SPECS["enriched"].name,
    key_type=bytes,
    key_serializer="raw",
    value_type=bytes,
    value_serializer="raw",
    **_where("enriched"),
)
duplicates = app.topic(
    _SPECS["duplicates"].name,
    key_type=bytes,
    key_serializer="raw",
    value_type=Duplicate,
    **_where("duplicates"),
)
dead_letter = app.topic(
    _SPECS["dead_letter"].name,
    key_type=bytes,
    key_serializer="raw",
    value_type=DeadLetter,
    **_where("dead_letter"),
)
outcomes = app.topic(
    _SPECS["outcomes"].name,
    key_type=bytes,
    key_serializer="raw",
    value_type=bytes,
    value_serializer="raw",
    **_where("outcomes"),
)

ALL = (raw, parsed, unique, enriched, duplicates, dead_letter, outcomes)
