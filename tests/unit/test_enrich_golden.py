"""Golden enrichment of every seed with an "enrich" section in its golden file, each read by
the model of its own language (or by none), as the worker reads it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.seeds import expected, raw_value, seed_files
from workers.nlp.languages import is_stopword
from workers.nlp.pipeline import enrich_many
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings

GOLDEN = [p for p in seed_files() if "enrich" in expected(p)]


def names(enriched: dict[str, Any], kind: str) -> set[str]:
    return {e["name"] for e in enriched["entities"][kind]}


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_enrichment_matches_its_golden_file(path: Path, models: Any) -> None:
    got = enriched(path, models)
    want = expected(path)["enrich"]
    if "nlp_model" in want:
        assert got["nlp_model"] == want["nlp_model"]
    assert set(want["persons"]) <= names(got, "persons")
    assert not set(want.get("not_persons", [])) & names(got, "persons")
    assert set(want["organizations"]) <= names(got, "organizations")
    assert not set(want.get("not_organizations", [])) & names(got, "organizations")
    places = {p["name"]: p["country"] for p in got["entities"]["locations"]}
    assert {n: places.get(n) for n in want["locations"]} == want["locations"]
    speakers = Counter(q["speaker"] or "null" for q in got["quotes"])
    assert {k: speakers[k] for k in want["quotes"]} == want["quotes"]
    assert set(want["amounts"]) <= {a["value"] for a in got["amounts"]}
    assert set(want["themes"]) <= {t["theme"] for t in got["themes"][:5]}
    assert got["countries"][: len(want["countries"])] == want["countries"]
    if "only_countries" in want:
        assert got["countries"] == want["only_countries"]


def test_at_least_four_seeds_have_golden_enrichment() -> None:
    assert len(GOLDEN) >= 4


def enriched(path: Path, models: Any) -> dict[str, Any]:
    article = parse_at(raw_value(path), Position("articles.raw", 0, 0, 0.0), Settings())
    [result] = enrich_many([article.asdict()], models)
    assert isinstance(result, dict), result
    return result


PARSED = [p for p in seed_files() if "parse" in expected(p)]


@pytest.mark.parametrize("path", PARSED, ids=lambda p: p.name)
def test_no_keyword_is_a_stopword_and_no_model_reads_another_language(
    path: Path, models: Any
) -> None:
    got = enriched(path, models)
    language = got["language"]
    assert not [k for k in got["keywords"] if is_stopword(k, language)]
    model = Settings().models.get(language or "")
    assert got["nlp_model"] == model
    if model is None:  # no model: no persons, no organisations, no English lexicons
        assert got["entities"]["persons"] == [] and got["entities"]["organizations"] == []
        assert got["themes"] == [] and got["tone"] is None


def test_seeds_cover_english_french_and_languages_without_a_model() -> None:
    languages = {expected(p)["parse"]["language"] for p in PARSED}
    assert {"en", "fr", "de", "es", "it"} <= languages
