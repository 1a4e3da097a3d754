"""Golden enrichment of every seed with an "enrich" section in its golden file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.seeds import expected, raw_value, seed_files
from workers.nlp.pipeline import enrich
from workers.parse import parse_message
from workers.routing import Position
from workers.settings import Settings

GOLDEN = [p for p in seed_files() if "enrich" in expected(p)]


def names(enriched: dict[str, Any], kind: str) -> set[str]:
    return {e["name"] for e in enriched["entities"][kind]}


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.name)
def test_enrichment_matches_its_golden_file(path: Path, nlp: Any) -> None:
    article = parse_message(raw_value(path), Position("articles.raw", 0, 0, 0.0), Settings())
    got = enrich(article.asdict(), nlp)
    want = expected(path)["enrich"]
    assert set(want["persons"]) <= names(got, "persons")
    assert not set(want.get("not_persons", [])) & names(got, "persons")
    assert set(want["organizations"]) <= names(got, "organizations")
    assert not set(want.get("not_organizations", [])) & names(got, "organizations")
    places = {p["name"]: p["country"] for p in got["entities"]["locations"]}
    assert {n: places.get(n) for n in want["locations"]} == want["locations"]
    speakers = Counter(q["speaker"] for q in got["quotes"])
    assert {k: speakers[k] for k in want["quotes"]} == want["quotes"]
    assert set(want["amounts"]) <= {a["value"] for a in got["amounts"]}
    assert set(want["themes"]) <= {t["theme"] for t in got["themes"][:5]}
    assert got["countries"][: len(want["countries"])] == want["countries"]
    if "only_countries" in want:
        assert got["countries"] == want["only_countries"]


def test_at_least_four_seeds_have_golden_enrichment() -> None:
    assert len(GOLDEN) >= 4
