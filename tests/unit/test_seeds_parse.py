"""Golden tests: every seed parses to its expected fields, or dead-letters with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import golden_for
from tests.seeds import expected, raw_value, seed_files
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings

SETTINGS = Settings()
POSITION = Position("articles.raw", 0, 7, 1_700_000_000.0)


def test_every_seed_has_a_golden_file() -> None:
    missing = [p.name for p in seed_files() if not expected(p)]
    assert not missing


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.name)
def test_seed_parses_as_expected(path: Path) -> None:
    golden = expected(path)
    got = golden_for(path)
    if "dead_letter" in golden:
        assert got == {"dead_letter": golden["dead_letter"]}
        return
    want = golden["parse"]
    assert {k: got["parse"][k] for k in want} == want


def test_seed_body_has_no_chrome_left() -> None:
    from tests.conftest import SEED

    article = parse_at(raw_value(SEED), POSITION, SETTINGS)
    for chrome in (
        "Join our commenting forum",
        "Join thought-provoking conversations",
        "Thank you for registering",
        "Please refresh",
    ):
        assert chrome not in article.body
    assert article.body.count(article.title) == 0, "the repeated headline stays out of the body"
    assert article.raw_id == "000_e1c321dd5f61c31b"
    assert article.word_count > 400 and article.minhash and len(article.minhash) == 128
