"""Property: whatever bytes or JSON arrive, the parse stage returns an article or raises the
documented error, never anything else."""

from __future__ import annotations

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workers.errors import REASONS, ParseError
from workers.parsing.article import parse_at
from workers.records import Position
from workers.settings import Settings

SETTINGS = Settings(max_content_bytes=20_000)
POSITION = Position("articles.raw", 0, 1, 1_700_000_000.0)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
envelopes = st.fixed_dictionaries(
    {"content": st.one_of(st.text(max_size=2000), st.integers(0, 9), st.none())},
    optional={
        "content_type": st.sampled_from(["text/plain", "text/html", "image/png", 3]),
        "url": st.one_of(st.text(max_size=50), st.none()),
        "source": st.one_of(st.text(max_size=20), st.integers(0, 9)),
    },
)


def _check(value: bytes) -> None:
    try:
        article = parse_at(value, POSITION, SETTINGS)
    except ParseError as exc:
        assert exc.reason in REASONS["parse"]
    else:
        assert article.title and article.body and article.word_count >= 0
        for field in (article.title, article.standfirst or "", *article.authors):
            assert field == " ".join(field.split())  # one line, one space between words


def test_a_title_keeps_no_run_of_spaces_and_its_id_does_not_change() -> None:
    """A browser's dump keeps a non-breaking space ("Secara\u00a0Berlebihan"), a page two
    spaces: the record's title has one space between words, and the same id as before."""
    body = "The council approved the flood defence scheme on Tuesday evening. " * 3
    spaced = parse_at(f"Council approves\u00a0flood  scheme\n\n{body}".encode(), POSITION, SETTINGS)
    plain = parse_at(f"Council approves flood scheme\n\n{body}".encode(), POSITION, SETTINGS)
    assert spaced.title == plain.title == "Council approves flood scheme"
    assert spaced.article_id == plain.article_id


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes(value: bytes) -> None:
    _check(value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_values)
def test_random_json(value: object) -> None:
    _check(orjson.dumps(value))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(envelopes)
def test_random_envelopes(value: dict[str, object]) -> None:
    _check(orjson.dumps(value))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_text_and_html(text: str) -> None:
    _check(text.encode("utf-8", "surrogatepass"))
    _check(
        f"<html><head><title>{text[:40]}</title></head><body>{text}</body></html>".encode(
            "utf-8", "surrogatepass"
        )
    )
