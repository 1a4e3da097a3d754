"""Records for people: one summary line per output record, whatever the record holds."""

from __future__ import annotations

import orjson
import pytest

from workers.tools.render import article_block, printable, summary_line

ENRICHED = {
    "raw_id": "r1",
    "source": "example.com",
    "language": "de",
    "published_at": "2024-05-02T09:30:00Z",
    "title": "Stadtrat beschließt\u202e neues Radwegenetz",
    "entities": {
        "persons": [{"name": "Anna Weber"}, {"name": "Jan Roth"}],
        "organizations": [],
        "locations": [{"name": "Köln", "country": "DE"}],
    },
    "nlp_model": None,
}


def test_enriched_line_has_time_source_language_title_people_places() -> None:
    line = summary_line(b"a1", orjson.dumps(ENRICHED))
    assert line.startswith("2024-05-02 09:30  example.com")
    assert " de " in line
    assert '"Stadtrat beschließt? neues Radwegenetz"' in line  # bidi override made visible
    assert "people: Anna Weber, Jan Roth" in line and "places: Köln" in line


def test_duplicate_dead_letter_and_withdrawal_lines_say_why() -> None:
    duplicate = {
        "raw_id": "r2",
        "article_id": "b",
        "duplicate_of": "a1",
        "kind": "near",
        "similarity": 0.8731,
        "source": "example.org",
        "title": "Copy",
        "published_at": None,
        "revised": True,
    }
    assert "duplicate (revised) (near 0.87) of a1" in summary_line(b"b", orjson.dumps(duplicate))
    dead = {"raw_id": "r3", "stage": "parse", "reason": "no_title", "source": "x.org"}
    assert "dead-letter parse/no_title  r3" in summary_line(b"r3", orjson.dumps(dead))
    assert "withdrawn a1" in summary_line(b"a1", None)
    assert "not JSON" in summary_line(None, b"\xff\x00garbage")


@pytest.mark.parametrize("value", ["line\nbreak", "tab\there", "zero\u200bwidth", "bell\x07"])
def test_nothing_from_input_breaks_a_line(value: str) -> None:
    assert "\n" not in printable(value) and "\t" not in printable(value)
    assert printable(value).count("?") == 1


def test_long_values_are_cut() -> None:
    assert len(printable("x" * 10_000, 50)) == 51


def test_article_block_is_compact() -> None:
    block = article_block({**ENRICHED, "quotes": [{"text": "Wir bauen", "speaker": None}]})
    assert len(block.splitlines()) < 20
    assert "model: -" in block and '"Wir bauen" — -' in block
