"""Reading the records of the topics between stages (``records.read_record``): a message no stage
wrote is refused with ``InvalidRecord``, never handed on with the wrong types."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from tests.seeds import raw_value
from workers.near_dup.index import check_article
from workers.parsing.article import parse_at
from workers.records import InvalidRecord, Outcome, ParsedArticle, Position, _fits, read_record
from workers.settings import Settings
from workers.stages.counts import apply_outcome, hour_of, read_outcome

SETTINGS = Settings()
ARTICLE = parse_at(raw_value(SEED), Position("articles.raw", 2, 40, 1.7e9), SETTINGS)
OUTCOME = Outcome(
    version=1,
    source="example.com",
    stage="parse",
    partition=2,
    offset=40,
    at=1.7e9,
    outcomes=["received", "parsed"],
    committed=38,
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()  # integers past 64 bits too, as any writer may send


def test_what_the_stages_write_reads_back_the_same() -> None:
    assert read_record(ParsedArticle, ARTICLE.dumps()) == ARTICLE
    assert read_record(Outcome, OUTCOME.dumps()) == OUTCOME
    assert read_outcome(OUTCOME.dumps()) == OUTCOME
    assert check_article(read_record(ParsedArticle, ARTICLE.dumps()), SETTINGS) == ARTICLE


def test_fields_this_release_does_not_know_are_ignored_and_defaults_fill_in() -> None:
    fields = {**orjson.loads(OUTCOME.dumps()), "added_later": [1, 2]}
    del fields["committed"], fields["reason"]
    event = read_record(Outcome, _json(fields))
    assert (event.committed, event.reason, event.offset) == (None, None, 40)


@pytest.mark.parametrize(
    "data, why",
    [
        (None, "no value"),
        (b"\xff\xfe", "not JSON"),
        (b"[]", "JSON array, not an object"),
        (b'{"version": 1}', "no field source"),
        (OUTCOME.dumps().replace(b'"offset":40', b'"offset":"40"'), "field offset"),
        (OUTCOME.dumps().replace(b'"offset":40', b'"offset":true'), "field offset"),
        (OUTCOME.dumps().replace(b'"received"', b"1"), "field outcomes"),
    ],
)
def test_what_is_not_the_record_is_refused_with_the_field_named(data: Any, why: str) -> None:
    with pytest.raises(InvalidRecord, match=why):
        read_record(Outcome, data)


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(sorted(orjson.loads(ARTICLE.dumps()))), value=json_values)
def test_any_value_in_any_field_is_refused_or_of_the_fields_type(field: str, value: Any) -> None:
    data = _json({**orjson.loads(ARTICLE.dumps()), field: value})
    try:
        article = read_record(ParsedArticle, data)
    except InvalidRecord:
        assert not _fits(value, ParsedArticle._options.fields[field])
        return
    assert getattr(article, field) == value


@settings(max_examples=500, deadline=None)
@given(
    field=st.sampled_from(sorted(orjson.loads(OUTCOME.dumps()))),
    value=json_values | st.integers() | st.floats(allow_nan=False, allow_infinity=False),
)
def test_an_outcome_the_counts_accept_can_be_counted(field: str, value: Any) -> None:
    """Whatever one field holds, the outcome is refused or counted: never a crash of the
    counts agent (a string offset was a restart loop)."""
    data = _json({**orjson.loads(OUTCOME.dumps()), field: value})
    try:
        event = read_outcome(data)
    except InvalidRecord:
        return
    counts = apply_outcome(None, event, 24)
    if (event.committed or 0) > event.offset:  # named after its own commit: a redelivery
        assert counts is None
    else:
        assert counts is not None and sum(counts["hourly"][hour_of(event.at)].values()) > 0


@pytest.mark.parametrize(
    "change, why",
    [
        ({"raw_ref": "x" * 300}, "raw_ref"),
        ({"raw_ref": "articles.raw:0:1:2"}, "raw_ref"),
        ({"article_id": "a" * 65}, "article_id"),
        ({"raw_id": "a\u202eb"}, "raw_id"),
        ({"raw_id": ""}, "raw_id"),
        ({"ingested_at": "yesterday"}, "ingested_at"),
        ({"minhash": [1, 2, 3]}, "minhash"),
        ({"minhash": [-1] * SETTINGS.minhash_perms}, "minhash"),
    ],
)
def test_an_article_the_index_cannot_compute_with_is_refused(
    change: dict[str, Any], why: str
) -> None:
    article = read_record(ParsedArticle, _json({**orjson.loads(ARTICLE.dumps()), **change}))
    with pytest.raises(InvalidRecord, match=why):
        check_article(article, SETTINGS)
