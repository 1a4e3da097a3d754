"""Golden enrichment of the seed: what an analyst expects to find in it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SEED
from tests.seeds import expected, raw_value
from workers.nlp.pipeline import enrich
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings


@pytest.fixture(scope="module")
def enriched(nlp: Any) -> dict[str, Any]:
    article = parse_at(raw_value(SEED), Position("articles.raw", 0, 0, 0.0), Settings())
    return enrich(article.asdict(), nlp)


def names(enriched: dict[str, Any], kind: str) -> list[str]:
    return [e["name"] for e in enriched["entities"][kind]]


def test_people_and_organisations(enriched: dict[str, Any]) -> None:
    want = expected(SEED)["enrich"]
    assert set(want["persons"]) <= set(names(enriched, "persons"))
    assert set(want["organizations"]) <= set(names(enriched, "organizations"))
    assert not set(want["not_organizations"]) & set(names(enriched, "organizations"))
    assert "Manchester" not in names(enriched, "persons")
    williamson = next(p for p in enriched["entities"]["persons"] if p["name"] == "Gavin Williamson")
    assert williamson["count"] >= 3 and "Williamson" in williamson["aliases"]
    body = enriched["body"]
    assert all(body[s:e].endswith("Williamson") for s, e in williamson["mentions"])


def test_defined_abbreviation_is_an_alias(enriched: dict[str, Any]) -> None:
    isk = next(o for o in enriched["entities"]["organizations"] if o["name"] == "IS-Khorasan")
    assert "IS-K" in isk["aliases"] and isk["count"] == 2


def test_places_are_geocoded(enriched: dict[str, Any]) -> None:
    want = expected(SEED)["enrich"]["locations"]
    places = {p["name"]: p for p in enriched["entities"]["locations"]}
    assert {n: places[n]["country"] for n in want if n in places} == want
    mazar = places["Mazār-e Sharīf"]
    assert "Mazeer-i-Shareef" in mazar["aliases"] and mazar["geonames_id"] == 1133616
    assert abs(places["Kabul"]["latitude"] - 34.53) < 0.1


def test_quotes_amounts_themes(enriched: dict[str, Any]) -> None:
    want = expected(SEED)["enrich"]
    speakers: dict[str, int] = {}
    for q in enriched["quotes"]:
        speakers[q["speaker"]] = speakers.get(q["speaker"], 0) + 1
    assert {k: speakers.get(k) for k in want["quotes"]} == want["quotes"]
    amounts = {a["value"]: a["object"] for a in enriched["amounts"]}
    assert set(want["amounts"]) <= set(amounts)
    assert amounts[440] == "British troops" and amounts[48] == "students"
    assert amounts[2000] == "fighters" and "personnel" in amounts[1100]
    themes = [t["theme"] for t in enriched["themes"]]
    assert set(want["themes"]) <= set(themes[:4])
    assert enriched["tone"]["overall"] < 0
    assert want["countries"] == enriched["countries"][: len(want["countries"])]
    assert enriched["summary"].startswith("Isis fighters in Afghanistan")
    assert 60 < enriched["reading_time_s"] < 300
