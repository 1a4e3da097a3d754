"""Where a page is, for times printed without a zone: its URL's country, or its language."""

from __future__ import annotations

import pytest

from workers.parsing.htmlpage import parse_html
from workers.parsing.meta import iso_utc, parse_datetime, unknown_zone
from workers.parsing.zones import country_zone, language_zone, url_zone


@pytest.mark.parametrize(
    ("url", "zone"),
    [
        ("https://www.spiegel.de/politik/a-1.html", "Europe/Berlin"),  # Busingen keeps its time
        ("https://www.bbc.co.uk/news/x", "Europe/London"),  # .uk is GB
        ("https://elperuano.pe/noticia/1", "America/Lima"),
        ("https://www.abc.net.au/news/x", None),  # Australia has several zones
        ("https://elpais.es/x", None),  # the Canaries keep another time
        ("https://example.com/x", None),  # no country
        ("https://t.co/abc", None),  # a country code used for its letters
        ("not a url", None),
        ("http://[abc/x", None),  # urlsplit raises on it
        ("http://" + "a." * 50_000 + "de/", None),  # bounded: cut before its host ends
        (None, None),
    ],
)
def test_a_urls_country_gives_its_zone_when_it_has_one(url: str | None, zone: str | None) -> None:
    assert url_zone(url) == zone


def test_a_language_written_in_one_zone_gives_it_and_others_none() -> None:
    assert language_zone("de") == "Europe/Berlin"
    assert language_zone("it-CH") == "Europe/Rome"
    assert language_zone("ja") == "Asia/Tokyo"
    for spread in ("en", "fr", "es", "pt", "ar", "ru", "zh", None):
        assert language_zone(spread) is None
    assert country_zone("US") is None and country_zone("XX") is None


def test_a_german_dateline_without_a_zone_is_berlin_time_and_a_day_alone_stays_its_day() -> None:
    assert iso_utc(parse_datetime("28.01.2022 06:00", unknown_zone("de"))) == "2022-01-28T05:00:00Z"
    assert iso_utc(parse_datetime("28.07.2022 06:00", unknown_zone("de"))) == "2022-07-28T04:00:00Z"
    assert iso_utc(parse_datetime("28.01.2022", unknown_zone("de"))) == "2022-01-28T00:00:00Z"
    # A zone on the line wins over the page's.
    assert iso_utc(parse_datetime("28.01.2022 06:00 UTC", unknown_zone("de"))) == (
        "2022-01-28T06:00:00Z"
    )


def test_an_html_pages_zone_less_metadata_is_read_in_its_countrys_zone() -> None:
    body = "".join(
        f"<p>Absatz {i}: Der Gemeinderat hat den Haushalt nach einer langen Debatte über die "
        "Schulen und den Nahverkehr der Stadt beschlossen.</p>"
        for i in range(6)
    )

    def page(canonical: str, published: str) -> str:
        return (
            f'<html><head><link rel="canonical" href="{canonical}">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            f'"datePublished": "{published}"}}</script></head>'
            f"<body><article><h1>Der Haushalt steht</h1>{body}</article></body></html>"
        )

    berlin = parse_html(page("https://www.example.de/haushalt", "2022-05-05 22:17:36"))
    assert iso_utc(berlin.published_at) == "2022-05-05T20:17:36Z"
    # No country in the URL and no language declared: UTC, as before.
    elsewhere = parse_html(page("https://www.example.com/haushalt", "2022-05-05 22:17:36"))
    assert iso_utc(elsewhere.published_at) == "2022-05-05T22:17:36Z"
    # A day alone is that day.
    day = parse_html(page("https://www.example.de/haushalt", "2022-05-05"))
    assert iso_utc(day.published_at) == "2022-05-05T00:00:00Z"


def test_an_envelopes_url_gives_a_text_dumps_zone() -> None:
    """The same plain-text dump, sent with a German site's URL and with none: the dateline's
    06:00 is Berlin time in the first, UTC in the second."""
    import orjson

    from workers.parsing.article import parse_message
    from workers.settings import Settings

    text = "\n\n".join(
        [
            "Stadtrat beschließt den Haushalt für das kommende Jahr",
            "By Anna Schmidt",
            "28.01.2022 06:00",
            *[
                f"Paragraph {i}: the council approved the budget after a long debate about the "
                "schools and the buses of the city, and the opposition voted against it."
                for i in range(4)
            ],
        ]
    )

    def published(url: str | None) -> str | None:
        envelope = {"content": text, "content_type": "text/plain"} | ({"url": url} if url else {})
        value = orjson.dumps(envelope)
        return parse_message(
            value, "articles.raw:0:1", "2026-12-01T00:00:00Z", Settings()
        ).published_at

    assert published("https://www.example.de/haushalt") == "2022-01-28T05:00:00Z"
    assert published(None) == "2022-01-28T06:00:00Z"


def test_a_hostile_canonical_link_is_no_zone_and_no_crash() -> None:
    page = (
        '<html><head><link rel="canonical" href="http://[abc/x"></head><body><article>'
        "<h1>Der Haushalt steht</h1>"
        + "<p>Der Gemeinderat hat den Haushalt nach einer langen Debatte beschlossen.</p>" * 5
        + "</article></body></html>"
    )
    assert parse_html(page).title == "Der Haushalt steht"
