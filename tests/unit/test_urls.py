import pytest

from workers.parsing.urls import canonical_url, registered_domain


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
