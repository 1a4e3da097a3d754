"""People, organisations and places from spaCy's NER, corrected and merged into real entities.

spaCy's small English model slips in known ways; rules and the gazetteer mend them:
a time-zone abbreviation tagged ORG is dropped; "Manchester" in "Manchester-style" is a place,
not a person; a hyphenated place ("Mazeer-i-Shareef") split at its hyphens is rejoined and
geocoded. Short forms merge into the full name ("Mr Williamson" -> "Gavin Williamson"), and
abbreviations the text defines ("IS-Khorasan or IS-K") become aliases.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from workers.nlp.geo import Gazetteer, Place

TIME_ZONES = frozenset(
    [
        "BST",
        "GMT",
        "UTC",
        "EST",
        "EDT",
        "CST",
        "CDT",
        "MST",
        "MDT",
        "PST",
        "PDT",
        "CET",
        "CEST",
        "EET",
        "EEST",
        "IST",
        "JST",
        "KST",
        "HKT",
        "SGT",
        "AEST",
        "AEDT",
        "ACST",
        "AWST",
        "NZST",
        "NZDT",
        "WET",
        "WEST",
        "MSK",
    ]
)
GENERIC_ORGS = frozenset(
    [
        "defence",
        "defense",
        "government",
        "ministry",
        "department",
        "foreign",
        "home",
        "interior",
        "health",
        "treasury",
        "state",
        "comments",
        "independent",
        "premium",
        "newsletter",
    ]
)
TITLES = re.compile(
    r"^(mr|mrs|ms|miss|dr|prof|professor|sir|dame|lord|lady|general|gen|colonel|col|captain|"
    r"capt|president|prime minister|minister|senator|sen|rep|judge|justice|king|queen|prince|"
    r"princess|pope|rev|father|sheikh|chancellor|secretary|governor|mayor)\.?\s+",
    re.I,
)
_MODIFIER = re.compile(r"^-(style|based|born|bound|led|backed|made)\b", re.I)
_ABBREVIATION = re.compile(
    r"(?P<long>[A-Z][\w'-]+(?:\s+(?:of|the|for|and|[A-Z][\w'-]+))*)\s+"
    r"(?:\((?P<paren>[A-Z][\w-]{1,12})\)|or\s+(?P<or>[A-Z][A-Z\w-]{1,12})\b)"
)
PLACE_FIELDS = (
    "kind",
    "geonames_id",
    "country",
    "admin1",
    "admin1_name",
    "latitude",
    "longitude",
)
# Labels of other models' schemes, read as this one's (French, Spanish, German models: PER,
# LOC, ORG, MISC). MISC (events, works, nationalities...) is neither a person, an organisation
# nor a place: it is left out.
LABELS = {"PER": "PERSON"}
KEEP = {
    "PERSON": "persons",
    "ORG": "organizations",
    "GPE": "locations",
    "LOC": "locations",
    "FAC": "locations",
}


@dataclass
class Entity:
    name: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    place: Place | None = None
    is_place: bool = False

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "aliases": sorted(self.aliases - {self.name}),
            "count": len(self.mentions),
            "mentions": [list(m) for m in sorted(self.mentions)],
        }
        if self.place is not None:
            p = self.place
            out.update(
                kind=p.kind,
                geonames_id=p.geonames_id,
                country=p.country,
                admin1=p.admin1,
                admin1_name=p.admin1_name,
                latitude=p.latitude,
                longitude=p.longitude,
            )
        elif self.is_place:  # named as a place but not found in the gazetteer
            out.update(dict.fromkeys(PLACE_FIELDS))
        return out


@dataclass
class Span:
    label: str
    text: str
    start: int
    end: int


def spans(doc: Any, body: str, gaz: Gazetteer) -> list[Span]:
    """spaCy's entities with the known slips mended."""
    out = []
    events: set[str] = set()
    for ent in doc.ents:
        label, start, end = LABELS.get(ent.label_, ent.label_), ent.start_char, ent.end_char
        if label not in KEEP and label != "NORP":
            continue
        start, end = _rejoin_hyphens(body, start, end)
        text = body[start:end]
        if label == "ORG" and (
            text in TIME_ZONES
            or text.lower() in GENERIC_ORGS
            or not re.search(r"[A-Za-z]{2}", text)
            or "/" in text
        ):
            continue  # "BST", "Defence", "km/h"
        if label == "PERSON" and not text[:1].isupper():
            continue  # "président de la Métropole": a name starts with a capital letter
        if label == "PERSON" and (_EVENTS.match(text) or text in events):
            events.add(_EVENTS.sub("", text))
            continue  # "Typhoon Kanoa" (and later "Kanoa") names a storm
        if label == "ORG" and " " not in text and not text.isupper() and gaz.is_city(text):
            label = "GPE"  # "Tacloban": a one-word city spaCy took for an organisation
        if label == "PERSON" and _names_a_place(text, body[end : end + 10], gaz):
            label = "GPE"
        out.append(Span(label, text, start, end))
    return out


def _rejoin_hyphens(body: str, start: int, end: int) -> tuple[int, int]:
    """ "Mazeer" + "-i-Shareef" -> "Mazeer-i-Shareef" (spaCy splits at infix hyphens)."""
    match = re.match(r"(?:-[A-Za-z]+)+", body[end : end + 40])
    if match and not _MODIFIER.match(body[end:]):
        end += match.end()
    return start, end


def _names_a_place(text: str, after: str, gaz: Gazetteer) -> bool:
    if TITLES.match(text):
        return False
    if _MODIFIER.match(after):  # "Manchester-style attacks"
        return gaz.is_place(text)
    return "-" in text and gaz.is_place(text)


def defined_aliases(body: str) -> dict[str, str]:
    """Short form -> long form for abbreviations the text defines."""
    aliases = {}
    for m in _ABBREVIATION.finditer(body):
        long, short = m.group("long"), m.group("paren") or m.group("or")
        if _abbreviates(short, long):
            aliases[short] = long
    return aliases


def _abbreviates(short: str, long: str) -> bool:
    letters = re.sub(r"[^a-z]", "", short.lower())
    initials = "".join(w[0] for w in re.findall(r"[\w']+", long)).lower()
    capitals = re.sub(r"[^A-Z]", "", long).lower()
    return (
        len(letters) >= 2
        and letters in (initials, capitals)
        or (
            len(letters) >= 2 and capitals.startswith(letters) and len(capitals) <= len(letters) + 1
        )
    )


_POSSESSIVE = re.compile(r"['’]s?$")
_EVENTS = re.compile(r"^(typhoon|hurricane|cyclone|storm|tropical storm|operation)\s", re.I)


def merge_persons(items: list[Span]) -> list[Entity]:
    names = [_POSSESSIVE.sub("", TITLES.sub("", s.text)).strip() for s in items]
    full = sorted({n for n in names if len(n.split()) >= 2}, key=len, reverse=True)
    entities: dict[str, Entity] = {}
    for span, name in zip(items, names, strict=True):
        canonical = next((f for f in full if _same_person(name, f)), name)
        entity = entities.setdefault(canonical, Entity(canonical))
        entity.mentions.append((span.start, span.end))
        entity.aliases.add(span.text)
    return list(entities.values())


def _same_person(name: str, full: str) -> bool:
    tokens, full_tokens = name.split(), full.split()
    return name == full or (len(tokens) < len(full_tokens) and tokens[-1] == full_tokens[-1])


def merge_by_name(items: list[Span], aliases: dict[str, str]) -> list[Entity]:
    entities: dict[str, Entity] = {}
    for span in items:
        text = re.sub(r"^the\s+", "", span.text, flags=re.I)
        canonical = aliases.get(text, text)
        entity = entities.setdefault(canonical.lower(), Entity(canonical))
        entity.mentions.append((span.start, span.end))
        entity.aliases.add(text)
    return list(entities.values())


def attach_aliases(entities: list[Entity], aliases: dict[str, str], body: str) -> None:
    """Give "IS-Khorasan" its defined short form "IS-K", with the short form's mentions."""
    by_name = {e.name: e for e in entities}
    for short, long in aliases.items():
        entity = by_name.get(long)
        if entity is None:
            continue
        entity.aliases.add(short)
        known = set(entity.mentions)
        for m in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", body):
            if (m.start(), m.end()) not in known:
                entity.mentions.append((m.start(), m.end()))


def merge_places(items: list[Span], gaz: Gazetteer, context: set[str]) -> list[Entity]:
    entities: dict[object, Entity] = {}
    for span in items:
        place = gaz.resolve(span.text, context)
        # A subdivision outside the US has no GeoNames id: its country and name tell it apart.
        key: object = (
            (place.geonames_id or (place.country, place.name)) if place else span.text.lower()
        )
        name = place.name if place else re.sub(r"^the\s+", "", span.text, flags=re.I)
        entity = entities.setdefault(key, Entity(name, place=place, is_place=True))
        entity.mentions.append((span.start, span.end))
        entity.aliases.add(span.text)
    return list(entities.values())


def article_countries(items: list[Span], gaz: Gazetteer) -> Counter[str]:
    """Countries named or implied by a demonym ("British", "Afghan"), by mention count."""
    counts: Counter[str] = Counter()
    for span in items:
        if span.label == "NORP":
            iso = gaz.demonym(span.text)
        else:
            place = gaz.country(span.text)
            iso = place.country if place else None
        if iso:
            counts[iso] += 1
    return counts


def extract(doc: Any, body: str, gaz: Gazetteer) -> tuple[dict[str, list[Entity]], Counter[str]]:
    found = spans(doc, body, gaz)
    countries = article_countries(found, gaz)
    context = set(countries)
    aliases = defined_aliases(body)
    by_kind = {kind: [s for s in found if KEEP.get(s.label) == kind] for kind in set(KEEP.values())}
    people = merge_persons(by_kind["persons"])
    orgs = merge_by_name(by_kind["organizations"], aliases)
    attach_aliases(orgs, aliases, body)
    places = merge_places(by_kind["locations"], gaz, context)
    for entity in places:
        if entity.place and entity.place.kind in ("city", "admin1") and entity.place.country:
            countries[entity.place.country] += len(entity.mentions)  # its country is in it too
    return {"persons": people, "organizations": orgs, "locations": places}, countries
