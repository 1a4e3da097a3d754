"""Geocoding: ranking by the article's countries and population, fuzzy names, states, admin1
names and coordinates for countries."""

from __future__ import annotations

import pytest

from workers.nlp.geo import centre, gazetteer


@pytest.mark.parametrize(
    ("name", "context", "kind", "country", "geonames_id"),
    [
        ("London", {"GB"}, "city", "GB", 2643743),
        ("London", {"CA"}, "city", "CA", 6058560),  # London, Ontario in a Canadian story
        ("Mazeer-i-Shareef", {"AF"}, "city", "AF", 1133616),  # transliterated
        ("Kabul", set(), "city", "AF", 1138958),
        ("Afghanistan", set(), "country", "AF", 1149361),
        ("the United Kingdom", set(), "country", "GB", 2635167),
        ("Texas", set(), "admin1", "US", 4736286),
        ("Georgia", {"US"}, "admin1", "US", 4197000),  # the state in a US story
        ("Georgia", set(), "country", "GE", 614540),  # the country otherwise
        ("New York", {"US"}, "city", "US", 5128581),  # the city, as in the news
    ],
)
def test_resolve(name: str, context: set[str], kind: str, country: str, geonames_id: int) -> None:
    place = gazetteer().resolve(name, context)
    assert place is not None
    assert (place.kind, place.country, place.geonames_id) == (kind, country, geonames_id)
    assert place.latitude is not None and place.longitude is not None


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("United Kingdom", (50, 55), (-4, 1)),  # centre of population: the English Midlands
        ("Afghanistan", (31, 37), (63, 71)),
        ("Fiji", (-19, -16), (177, 180)),  # islands near the antimeridian stay there
        ("Texas", (28, 34), (-100, -94)),
    ],
)
def test_coordinates_of_countries_and_states(
    name: str, lat: tuple[float, float], lon: tuple[float, float]
) -> None:
    place = gazetteer().resolve(name)
    assert place is not None and place.latitude is not None and place.longitude is not None
    assert lat[0] <= place.latitude <= lat[1] and lon[0] <= place.longitude <= lon[1], place


@pytest.mark.parametrize(
    ("name", "context", "admin1", "admin1_name"),
    [
        ("Cardiff", set(), "GB.WLS", "Wales"),
        ("Manchester", {"GB"}, "GB.ENG", "England"),
        ("Houston", set(), "US.TX", "Texas"),
        ("Zurich", set(), "CH.ZH", "Zürich"),
        ("Toronto", set(), "CA.08", None),  # GeoNames' number, not an ISO code: no name given
        ("Tokyo", set(), "JP.40", None),  # ISO JP-40 is Fukuoka: the number must not be trusted
    ],
)
def test_admin1_names_only_where_the_codes_are_iso(
    name: str, context: set[str], admin1: str, admin1_name: str | None
) -> None:
    place = gazetteer().resolve(name, context)
    assert place is not None
    assert (place.admin1, place.admin1_name) == (admin1, admin1_name)


def test_centre_across_the_antimeridian() -> None:
    assert centre([(0.0, 179.0, 1.0), (0.0, -179.0, 1.0)]) == (0.0, 180.0)
    assert centre([]) is None


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Helmand", set(), "AF"),  # first-level, long, in one country: no context needed
        ("Punjab", {"PK"}, "PK"),  # a name two countries use: the article's country decides
        ("Punjab", {"IN"}, "IN"),
        ("Somerset", {"GB"}, "GB"),  # a county: a small US town of the name does not hide it
        ("Eastern Samar", {"PH"}, "PH"),  # "Eastern" is part of the name here
    ],
)
def test_subdivisions_outside_the_us(name: str, context: set[str], country: str) -> None:
    place = gazetteer().resolve(name, context)
    assert place is not None
    assert (place.kind, place.country, place.geonames_id) == ("admin1", country, None)
    assert place.admin1_name == place.name


def test_subdivisions_give_way_to_cities_and_need_context_when_ambiguous() -> None:
    gaz = gazetteer()
    kabul = gaz.resolve("Kabul", {"AF"})
    assert kabul is not None and kabul.kind == "city"  # the city, not Kabul province
    assert gaz.resolve("Punjab") is None  # India's or Pakistan's: no way to tell
    arizona = gaz.resolve("Arizona", {"US"})  # a small Arizona, HN must not hide the state
    assert arizona is not None and (arizona.kind, arizona.country) == ("admin1", "US")


def test_subdivision_coordinates_where_geonames_codes_are_iso() -> None:
    leinster = gazetteer().resolve("Leinster", {"IE"})
    assert leinster is not None and leinster.latitude is not None
    assert 52 < leinster.latitude < 55
