"""Canonical URLs and registered domains (the public suffix list shipped with tldextract), and
what an article's URL says of it: the words of its slug and the day in its path."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import tldextract

from workers.parsing.page import unaccented

# suffix_list_urls=() : use the snapshot inside the package, never fetch anything at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "_hs")
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "cmpid",
        "ocid",
        "ito",
        "smid",
        "ref",
        "referrer",
        "source",
        "cid",
        "mbid",
        "sr_share",
        "share",
        "s_cid",
    }
)


def canonical_url(url: str | None) -> str | None:
    """Lower-case scheme and host, no default port, fragment or tracking parameters."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    if port and not (parts.scheme == "http" and port == 80 or port == 443):
        host = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_NAMES
    ]
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(sorted(query)), ""))


def registered_domain(url: str | None) -> str | None:
    """``https://www.bbc.co.uk/news/x`` -> ``bbc.co.uk``."""
    if not url:
        return None
    ext = _EXTRACT(url)
    if not ext.domain or not ext.suffix:
        return None
    return f"{ext.domain}.{ext.suffix}".lower()


MAX_SLUG_URL_CHARS = 2048  # a URL's first characters read for its slug and its day
# A word as a URL spells it: letters and digits between hyphens, underscores, slashes, dots.
_URL_WORD = re.compile(r"[^\W_]+")
_SEGMENT = re.compile(r"[/?&=;]")
_FILE_WORDS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cfm"})
_TRANSLITERATED = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def word_forms(word: str) -> tuple[str, str]:
    """How a URL may spell a word: without its accents ("lässt" -> "lasst"), or with German
    umlauts written out ("laesst")."""
    folded = word.casefold()
    return unaccented(folded), unaccented(folded.translate(_TRANSLITERATED))


def url_words(text: str) -> list[str]:
    """``text``'s words split as a URL splits them ("Covid-19" -> "covid", "19"), case-folded."""
    return _URL_WORD.findall(text.casefold())


def slug_words(url: str | None) -> frozenset[str]:
    """The words of a URL's slug: of the segments of its path and query, the one with the most
    words ("/2019/11/20/isis-fighters-in-afghanistan/12345"), and of segments of as many words the
    last ("/de/lexikon/batteriespeicher/"), without numbers, file endings or accents. An
    article's URL usually spells its headline there, after its sections; a section or an ID
    has fewer words. Empty where there is no URL."""
    if not url:
        return frozenset()
    try:
        parts = urlsplit(url[:MAX_SLUG_URL_CHARS])
    except ValueError:
        return frozenset()
    text = unquote(f"{parts.path}?{parts.query}")
    segments = [url_words(segment) for segment in _SEGMENT.split(text)]
    words = max(
        ([w for w in found if len(w) > 1 and not w.isdigit()] for found in reversed(segments)),
        key=len,
        default=[],
    )
    return frozenset(unaccented(w) for w in words) - _FILE_WORDS


# A day in a URL's path: "/2019/11/20/", "/2019-11-20-", "/20191120/", "/2017/7/12/".
_URL_DAY = re.compile(
    r"/((?:19|20)\d\d)([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)|"
    r"/((?:19|20)\d\d)(/)([1-9])/([1-9]|[12]\d|3[01])(?=/)|/((?:19|20)\d\d)(/)(1[0-2])/([1-9])(?=/)"
)
# A day first, in a segment of its own or opening one: "/meldungen/29-10-2021",
# "/newsroom/23-01-2022-wierer-...". Read only where the day cannot be the month (past 12): a
# US site writes the month first.
_URL_DAY_FIRST = re.compile(
    r"/(1[3-9]|2\d|3[01])([._-])(0?[1-9]|1[0-2])\2((?:19|20)\d\d)(?=[/_.-]|$)"
)
# A month in a URL's path, with no day after it: "/2020/02/solopreneur-social-media/".
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(?![0-3]?\d(?:[/_.-]|$))")


def _path(url: str | None) -> str:
    """The path of a URL's first ``MAX_SLUG_URL_CHARS`` characters ("" where there is none)."""
    if not url:
        return ""
    try:
        return urlsplit(url[:MAX_SLUG_URL_CHARS]).path
    except ValueError:
        return ""


def url_day(url: str | None) -> datetime | None:
    """The day an article's URL names in its path, at midnight UTC as a date without a time is
    read; None where it names none (or an impossible one, such as 31 February)."""
    path = _path(url)
    found = _URL_DAY.search(path)
    if found is not None:
        year, _, month, day = (group for group in found.groups() if group is not None)
    elif first := _URL_DAY_FIRST.search(path):
        day, _, month, year = first.groups()
    else:
        return None
    try:
        return datetime(int(year), int(month), int(day), tzinfo=UTC)
    except ValueError:
        return None


def url_month_end(url: str | None) -> datetime | None:
    """The end of the month an article's URL files it under ("/2020/02/slug"), where its path
    names a month and no day: no date the page prints without its year is later."""
    found = _URL_MONTH.search(_path(url))
    if found is None:
        return None
    year, month = int(found.group(1)), int(found.group(2))
    following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return following - timedelta(minutes=1)


# A link to a writer's page ("https://example.com/author/jane-doe/", "/autoren/..."): its text
# is the writer's name.
_WRITER_PAGE = re.compile(
    r"/(?:author|authors|autor|autoren|auteur|auteurs|autore|autori|autores|staff|writers?|"
    r"reporters?|columnists?|contributors?|journalist(?:s|en)?|redakteure?|people|profiles?)/",
    re.I,
)
MAX_HREF = 500


def writer_page(href: str) -> bool:
    """The link goes to a writer's page (its first ``MAX_HREF`` characters read)."""
    return bool(_WRITER_PAGE.search(href[:MAX_HREF]))
