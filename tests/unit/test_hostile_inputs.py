"""The hostile corpus (``workers.tools.hostile``) through the pure parse stage: every message is
parsed or refused with a documented reason, what comes out is clean, dates are believable, and the
cost of the shapes that used to be quadratic grows linearly."""

from __future__ import annotations

import contextlib
import random
import re
import time
import unicodedata
from typing import Any

import pytest

from workers.errors import REASONS, ParseError
from workers.parsing.article import parse_message
from workers.parsing.decode import clean_id, clean_source, clean_url
from workers.settings import Settings
from workers.tools.hostile import CATEGORIES

SETTINGS = Settings()
INGESTED = "2026-12-01T00:00:00.000000Z"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def parse(name: str, scale: int = 1) -> Any:
    value = CATEGORIES[name](random.Random(1), scale)
    return parse_message(value, "hostile:0:0", INGESTED, SETTINGS)


def invisible(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]


@pytest.mark.parametrize("name", sorted(CATEGORIES))
def test_every_hostile_message_parses_clean_or_is_refused_for_a_reason(name: str) -> None:
    try:
        article = parse(name)
    except ParseError as exc:
        assert exc.reason in REASONS["parse"]
        return
    assert not invisible(article.title) and len(article.title) <= 500
    assert not invisible(article.standfirst or "") and len(article.standfirst or "") <= 1001
    assert all(not invisible(a) and len(a) <= 100 for a in article.authors)
    assert re.fullmatch(r"[a-z0-9._:-]{1,253}", article.source)
    assert len(article.raw_id) <= 256 and not invisible(article.raw_id)
    assert article.url is None or len(article.url) <= 2048
    for moment in (article.published_at, article.updated_at):
        assert moment is None or (ISO.match(moment) and "1990" <= moment[:4] <= "2026")
    assert len(article.body) <= 1_000_000


@pytest.mark.parametrize("name", ["meta_year_1", "meta_year_9999", "meta_year_5"])
def test_meta_dates_out_of_range_are_dropped_with_a_reason(name: str) -> None:
    article = parse(name)
    assert article.published_at is None
    assert [r["rule"] for r in article.removed].count("implausible_date") == 1


@pytest.mark.parametrize(
    "name", ["forged_old_date", "future_date", "ambiguous_numeric_date", "copyright_only_date"]
)
def test_dates_that_cannot_be_trusted_are_left_null(name: str) -> None:
    assert parse(name).published_at is None


def test_what_the_envelope_claims_is_cleaned_at_the_door() -> None:
    assert parse("source_with_newline").source == "evil.com-info-forged-log-line"
    assert parse("source_bidi_zero_width").source == "example.com"
    assert parse("id_huge").raw_id.startswith("h-")
    assert parse("title_invisible").title == "Flood walls approved today"
    assert parse("bom_envelope").raw_id.startswith("bom-")  # a BOM does not hide an envelope
    assert parse("latin2_text").title.startswith("Łód")  # Central European, not cp1252


@pytest.mark.parametrize("name", ["pdf_bytes", "office_zip", "nul_bytes", "random_bytes"])
def test_binary_files_are_refused_as_binary(name: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse(name)
    assert raised.value.reason == "binary_content"


@pytest.mark.parametrize(
    ("value", "source", "id_", "url"),
    [
        ("Example.COM", "example.com", "Example.COM", "Example.COM"),
        ("a\nb", "a-b", "h-", None),
        ("x" * 300, "x" * 253, "h-", "x" * 300),
        ("\u202e\u200b", None, "h-", None),
        ("https://e.com/" + "p" * 3000, "https:-e.com-" + "p" * 240, "h-", None),
        ("https://www.e.co.uk/a", "e.co.uk", "https://www.e.co.uk/a", "https://www.e.co.uk/a"),
    ],
)
def test_envelope_field_cleaners(value: str, source: str | None, id_: str, url: str | None) -> None:
    assert clean_source(value) == source
    assert (clean_id(value) or "").startswith(id_)
    assert clean_url(value) == url


# Shapes that used to cost time quadratic in their size (a long token under a line regex, a
# tag with many attributes, an unclosed element flood): four times the size must not cost 16x.
LINEAR = [
    "long_hash_line",
    "long_token_with_at",
    "many_at_signs",
    "many_bangs",
    "digit_letter_run",
    "emoji_flood",
    "html_many_attributes",
    "html_dek_flood",
    "html_unclosed_paragraphs",
    "html_heading_flood",
    "byline_many_names",
    "markdown_heading_flood",
    "byline_handle_flood",
    "byline_part_flood",
    "contents_flood",
    "wrapped_line_flood",
    "markdown_wrapped_flood",
]


def cpu_seconds(name: str, scale: int) -> float:
    """The least CPU time of three parses: a busy machine's pauses (a CI run measured a linear
    shape at 8.4x once, best of two) inflate a single run, never the least of several."""
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        with contextlib.suppress(ParseError):
            parse(name, scale)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("name", LINEAR)
def test_quadrupling_an_adversarial_input_at_most_about_quadruples_its_cost(name: str) -> None:
    cpu_seconds(name, 1)  # warm caches (dateparser, trafilatura) outside the measurement
    once, four = cpu_seconds(name, 1), cpu_seconds(name, 4)
    # Linear growth shows as 4x, quadratic as 16x. A step of 4 rather than 2 keeps the verdict
    # clear of timing noise on a busy machine (doubling once measured 3.1x on a linear shape).
    # Below 50 ms the ratio is noise.
    assert four < 0.05 or four / once < 8.0, f"{name}: {once:.3f}s -> {four:.3f}s"


SMALL_PAGE = (
    "<html><head><title>t</title></head><body><div>a<p>b<b>c</b>d</p>e<ul><li>f</li>"
    "<li>g<i>h</i></li></ul>i</div><!-- j --><p>k</p>l<div><span>m</span>n</div>o</body></html>"
)


@pytest.mark.parametrize("limit", range(1, 20))
def test_a_page_cut_after_n_nodes_keeps_its_first_n_and_a_prefix_of_its_text(limit: int) -> None:
    from trafilatura.utils import load_html

    from workers.parsing.htmlpage import cut_after

    whole, tree = load_html(SMALL_PAGE), load_html(SMALL_PAGE)
    assert whole is not None and tree is not None
    nodes = [(node.tag, node.text) for node in whole.iter()]
    assert cut_after(tree, limit) == (limit < len(nodes))
    assert [(node.tag, node.text) for node in tree.iter()] == nodes[:limit]
    assert "".join(whole.itertext()).startswith("".join(tree.itertext()))


def test_an_article_before_a_flood_of_nodes_is_kept_and_the_cut_is_noted() -> None:
    paragraphs = [
        f"Paragraph {i} of a story about the new flood walls on the river." for i in range(5)
    ]
    html = (
        "<html><head><title>Flood walls approved</title></head><body><article><h1>Flood walls"
        " approved</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><ul>"
        + "<li><a href='/x'>More</a></li>" * SETTINGS.max_html_nodes
        + "</ul></body></html>"
    )
    article = parse_message(html.encode(), "hostile:0:0", INGESTED, SETTINGS)
    assert article.title == "Flood walls approved"
    assert article.body.split("\n\n") == paragraphs
    assert [r["rule"] for r in article.removed].count("page_cut") == 1


@pytest.mark.parametrize("markdown", [False, True])
def test_joining_a_paragraph_wrapped_over_many_lines_is_linear(markdown: bool) -> None:
    """A paragraph a wrapper broke over a great many lines is joined back in one pass: each
    line appended to the one before it would copy the paragraph again, line after line."""
    from workers.parsing.markdown import paragraphs
    from workers.parsing.textdump import unwrapped

    line = "The council approved the flood plan on Tuesday after a review of its"

    def cpu(lines: int) -> float:
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            if markdown:
                paragraphs([line] * lines)
            else:
                unwrapped("\n".join([line] * lines))
            best = min(best, time.process_time() - start)
        return best

    once, four = cpu(20_000), cpu(80_000)
    assert four < 0.05 or four / once < 8.0, f"{once:.3f}s -> {four:.3f}s"
