"""Schemas are the contract: each agrees with its record, and real outputs validate."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT
from workers import records
from workers.errors import REASONS

PAIRS = {
    "parsed.json": records.ParsedArticle,
    "enriched.json": records.EnrichedArticle,
    "duplicate.json": records.Duplicate,
    "dead-letter.json": records.DeadLetter,
    "outcome.json": records.Outcome,
}


def schema(name: str) -> dict[str, Any]:
    return json.loads((ROOT / "schemas" / name).read_text())


def validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema(name))


@pytest.mark.parametrize("name", [*PAIRS, "raw.json"])
def test_schema_is_valid_2020_12(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(name))
    assert schema(name)["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize(("name", "record"), PAIRS.items())
def test_schema_and_record_agree(name: str, record: Any) -> None:
    fields = set(record._options.fields)
    optional = {f for f, default in record._options.defaults.items()}
    doc = schema(name)
    assert set(doc["properties"]) == fields
    assert set(doc["required"]) == fields - optional or set(doc["required"]) == fields
    assert doc["properties"]["version"]["const"] == records.SCHEMA_VERSION


def test_dead_letter_reasons_are_the_documented_ones() -> None:
    documented = {r for stage in REASONS.values() for r in stage}
    assert set(schema("dead-letter.json")["properties"]["reason"]["enum"]) == documented


def test_outcome_names_are_the_documented_ones() -> None:
    from workers.records import OUTCOMES

    assert schema("outcome.json")["properties"]["outcomes"]["items"]["enum"] == list(OUTCOMES)


def test_enrich_copies_exactly_the_fields_the_two_records_share() -> None:
    # ``nlp.pipeline`` imports no Faust (its child processes start fast), so it lists the fields
    # it copies; the records are the definition, and this keeps the list equal to them.
    from workers.nlp.pipeline import ENRICHED_FIELDS

    parsed = set(records.ParsedArticle._options.fields)
    enriched = set(records.EnrichedArticle._options.fields)
    assert set(ENRICHED_FIELDS) == (parsed & enriched) - {"version"}
