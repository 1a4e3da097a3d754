from datetime import UTC, datetime

import pytest

from workers.parsing.urls import (
    canonical_url,
    registered_domain,
    slug_words,
    url_day,
    url_month_end,
    word_forms,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://WWW.Example.co.uk/news/a-story/?utm_source=tw&id=3#comments",
            "https://www.example.co.uk/news/a-story?id=3",
        ),
        ("https://example.com:443/x?fbclid=1&gclid=2", "https://example.com/x"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com", "https://example.com/"),
        ("ftp://example.com/x", None),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.independent.co.uk/news/world/x.html", "independent.co.uk"),
        ("https://news.bbc.co.uk/x", "bbc.co.uk"),
        ("https://edition.cnn.com/x", "cnn.com"),
        ("http://localhost/x", None),
    ],
)
def test_registered_domain_is_offline(url: str, domain: str | None) -> None:
    assert registered_domain(url) == domain


@pytest.mark.parametrize(
    ("url", "words"),
    [
        # the segment with the most words, not the section or the ID
        (
            "https://example.de/wissen/laesst-sich-die-ausbreitung-kontrollieren/1700384",
            {"laesst", "sich", "die", "ausbreitung", "kontrollieren"},
        ),
        # segments of as many words: the last, the article's own, not its sections'
        ("https://example.de/de/lexikon/batteriespeicher/", {"batteriespeicher"}),
        ("https://example.com/online-kredit/1000-euro-kredit", {"euro", "kredit"}),
        # numbers and file endings are no words; underscores split like hyphens
        ("http://www.example.com/how_2042752_build-terrarium.html", {"how", "build", "terrarium"}),
        # percent-encoded letters read without their accents
        ("https://example.fr/caf%C3%A9-na%C3%AFve-stories", {"cafe", "naive", "stories"}),
        # a query's value may be the slug
        ("https://example.com/article?title=storm-hits-coast&id=7", {"storm", "hits", "coast"}),
        ("https://example.com/", set()),
        ("http://[::1", set()),
        (None, set()),
    ],
)
def test_slug_words(url: str | None, words: set[str]) -> None:
    assert slug_words(url) == words


def test_a_word_is_matched_however_the_url_spells_its_umlaut() -> None:
    assert word_forms("Lässt") == ("lasst", "laesst")
    assert word_forms("Naïve") == ("naive", "naive")


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://example.com/2019/11/20/isis-fighters/", datetime(2019, 11, 20, tzinfo=UTC)),
        ("https://example.com/news/2019-11-20-isis-fighters", datetime(2019, 11, 20, tzinfo=UTC)),
        ("https://example.com/20191120/story.html", datetime(2019, 11, 20, tzinfo=UTC)),
        ("https://example.com/2019/02/31/no-such-day", None),
        ("https://example.com/2019/1120/mixed-separators", None),
        ("https://example.com/story?date=2019-11-20", None),  # a query is no filing path
        ("https://example.com/1700384/story", None),
        # Squarespace's paths spell month and day without their zeros.
        ("https://example.com/home/2017/7/12/montauk", datetime(2017, 7, 12, tzinfo=UTC)),
        ("https://example.com/2017/10/5/montauk", datetime(2017, 10, 5, tzinfo=UTC)),
        ("https://example.com/2020/5/3-things-to-know", None),
        # The day first where it cannot be the month; where it could, a US site's month first.
        ("https://example.com/meldungen/29-10-2021", datetime(2021, 10, 29, tzinfo=UTC)),
        ("https://example.com/news/23.01.2022-wierer-wins", datetime(2022, 1, 23, tzinfo=UTC)),
        ("https://example.com/news/10-11-2021", None),
        ("https://example.com/news/29-13-2021", None),
        (None, None),
    ],
)
def test_url_day(url: str | None, day: datetime | None) -> None:
    assert url_day(url) == day


@pytest.mark.parametrize(
    ("url", "end"),
    [
        ("https://example.com/2020/02/solopreneur/", datetime(2020, 2, 29, 23, 59, tzinfo=UTC)),
        ("https://example.com/2019/12/", datetime(2019, 12, 31, 23, 59, tzinfo=UTC)),
        ("https://example.com/2019/11/20/story/", None),  # a day: ``url_day`` reads it
        ("https://example.com/news/story", None),
        (None, None),
    ],
)
def test_url_month_end(url: str | None, end: datetime | None) -> None:
    assert url_month_end(url) == end


def test_a_hostile_url_is_read_in_bounded_time() -> None:
    """A URL of a million hyphens and digits: only its first characters are read."""
    url = "https://example.com/" + "2019-" * 200_000 + "a" * 100_000
    assert slug_words(url) == set()
    assert url_day(url) is None
