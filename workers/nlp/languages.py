"""Enrichment that does not depend on a language model: what can honestly be found in text of a
language no spaCy model here reads, and the pieces every language shares.

- **Models.** ``Models`` maps a language (ISO 639-1) to the spaCy pipeline that reads it (a
  setting, ``WIRESTREAM_NLP_MODELS``) and loads each on first use, once per process. A model
  never sees text of another language.
- **Stopwords**: spaCy's list for the language (spaCy ships lists for some 70 languages, with
  or without a model) joined with ``stopwordsiso``'s (MIT, 58 languages).
- **Keywords** by frequency, weighted towards the title and lead, with that language's stopwords
  and numbers left out.
- **Places** by exact gazetteer match of capitalised names: countries, and cities of at least
  ``MIN_CITY_POPULATION`` people under their own or an alternate name (Köln is Cologne), never a
  stopword, never a lone word at the start of a sentence (where any word is capitalised).
- **Amounts** with the locale's separators: "2.000 millones", "1.100,5", "3,5 Milliarden",
  "12 000"; the counted thing stays null (it needs a parser).
- **Summary**: the lead sentences, split at sentence punctuation.
Persons and organisations need a model: without one they stay empty, as do themes and tone,
whose lexicons are English.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import spacy
import stopwordsiso

from workers.nlp.geo import Gazetteer, Place

MIN_CITY_POPULATION = 100_000
MAX_PLACE_WORDS = 3
# Where "," is the decimal mark and "." or a space groups thousands.
DECIMAL_COMMA = frozenset(
    [
        "de",
        "fr",
        "es",
        "it",
        "pt",
        "nl",
        "pl",
        "cs",
        "sk",
        "sl",
        "hr",
        "ro",
        "tr",
        "ru",
        "uk",
        "da",
        "sv",
        "no",
        "nb",
        "fi",
        "id",
    ]
)
SCALES = {
    # word (lowercase) -> multiplier; English words too, for loanwords and agencies' copy
    "mil": 1e3,
    "tausend": 1e3,
    "mille": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "millón": 1e6,
    "millones": 1e6,
    "milione": 1e6,
    "milioni": 1e6,
    "milhão": 1e6,
    "milhões": 1e6,
    "miljoen": 1e6,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "mrd": 1e9,
    "miliardo": 1e9,
    "miliardi": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "mil millones": 1e9,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "miljard": 1e9,
}
_SCALE_WORDS = "|".join(sorted((re.escape(w) for w in SCALES), key=len, reverse=True))
# Grouped thousands ("1.100", "12 000", "2,000") or plain digits, an optional decimal part; the
# separators are read by the locale afterwards. Every part is bounded: linear in the text.
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d{1,6})?"
    r"|\d{1,15}(?:[.,]\d{1,6})?)"
    rf"(?:\s(?P<scale>{_SCALE_WORDS})\b)?(?![\w,.]{{0,40}}\d)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]{3,40}(?:['’-][^\W\d_]{1,40})?")
_NAME = re.compile(r"[^\W\d_][^\W\d_'’.-]{1,40}(?:-[^\W\d_]{2,40})?")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»“”)]?\s+(?=[\"'«„“(]?[^\W\d_])")


@dataclass
class Models:
    """Language -> spaCy pipeline, each loaded on first use, once per process."""

    names: dict[str, str]
    loader: Any = None  # the function that loads a model by name (``pipeline.load``)
    _loaded: dict[str, Any] = field(default_factory=dict)

    def name_for(self, language: str | None) -> str | None:
        return self.names.get(language or "")

    def get(self, language: str | None) -> tuple[str, Any] | None:
        """The model's name and pipeline for this language, or None if none reads it."""
        name = self.name_for(language)
        if name is None:
            return None
        if name not in self._loaded:
            self._loaded[name] = self.loader(name)
        return name, self._loaded[name]

    def preload(self, name: str, nlp: Any) -> Models:
        """Use an already loaded pipeline for ``name`` (tests share one across a session)."""
        self._loaded[name] = nlp
        return self

    @property
    def loaded(self) -> list[str]:
        return sorted(self._loaded)


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """Lower-case stopwords of a language: spaCy's list for it joined with stopwordsiso's;
    empty if neither knows the language. English keeps spaCy's list alone: stopwordsiso's
    English list (1,298 words) holds news content words such as "group", "year" and "bill"."""
    if not language:
        return frozenset()
    words = set(_spacy_stopwords(language))
    if language != "en" and stopwordsiso.has_lang(language):
        words |= set(stopwordsiso.stopwords(language))
    return frozenset(w.lower() for w in words)


def _spacy_stopwords(language: str) -> frozenset[str]:
    try:
        return frozenset(spacy.util.get_lang_class(language).Defaults.stop_words)
    except ImportError:  # spaCy has no language data for it
        return frozenset()


def is_stopword(word: str, language: str | None) -> bool:
    return word.lower() in stopwords(language)


def keywords(
    words: list[tuple[str, int]], title: str, language: str | None, length: int, limit: int = 10
) -> list[str]:
    """Words (with their offsets) ranked by frequency, weighted towards the title and the first
    fifth of the text; stopwords and numbers left out. The commonest spelling is shown."""
    title_words = {w.lower() for w in _WORD.findall(title)}
    scores: dict[str, float] = {}
    spellings: dict[str, Counter[str]] = {}
    for word, offset in words:
        key = word.lower()
        if len(key) < 3 or is_stopword(key, language) or not word.replace("-", "").isalpha():
            continue
        weight = 1.0 + (key in title_words) + (0.5 if offset < length * 0.2 else 0.0)
        scores[key] = scores.get(key, 0.0) + weight
        spellings.setdefault(key, Counter())[word] += 1
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [spellings[key].most_common(1)[0][0] for key, _ in ranked]


def plain_keywords(text: str, title: str, language: str | None, limit: int = 10) -> list[str]:
    words = [(m.group(0), m.start()) for m in _WORD.finditer(text)]
    return keywords(words, title, language, len(text), limit)


def sentences(text: str) -> list[str]:
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        out.extend(s for s in _SENTENCE_END.split(" ".join(paragraph.split())) if s)
    return out


def lead_summary(text: str, max_words: int = 60) -> str:
    """The lead sentences, up to about half of ``max_words`` or the first sentence past it."""
    chosen: list[str] = []
    count = 0
    for sentence in sentences(text):
        chosen.append(sentence)
        count += len(sentence.split())
        if count >= max_words * 0.5:
            break
    return " ".join(chosen)


def amounts(body: str, language: str | None) -> list[dict[str, Any]]:
    """Numbers with their scale words, read with the locale's separators."""
    comma_decimal = (language or "") in DECIMAL_COMMA
    found = []
    for m in _AMOUNT.finditer(body):
        value = number(m.group("num"), comma_decimal)
        if value is None:
            continue
        if m.group("scale"):
            value = value * SCALES[m.group("scale").lower()]
        found.append(
            {
                "value": int(value) if float(value).is_integer() else value,
                "text": m.group(0),
                "object": None,
                "start": m.start(),
                "end": m.end(),
            }
        )
    return found


def number(text: str, comma_decimal: bool) -> float | None:
    """ "1.100,5" (comma decimal) or "1,100.5" -> 1100.5; "12 000" -> 12000."""
    text = re.sub(r"[\u00a0\u202f ]", "", text)
    thousands, decimal = (".", ",") if comma_decimal else (",", ".")
    cleaned = text.replace(thousands, "").replace(decimal, ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def place_spans(body: str, language: str | None, gaz: Gazetteer) -> list[tuple[str, int, int]]:
    """Capitalised names that are exactly a country or a sizeable city: (text, start, end)."""
    found: list[tuple[str, int, int]] = []
    names = list(_NAME.finditer(body))
    i = 0
    while i < len(names):
        match = next(
            (
                hit
                for size in range(MAX_PLACE_WORDS, 0, -1)
                if (hit := _place_at(body, names, i, size, language, gaz)) is not None
            ),
            None,
        )
        if match is None:
            i += 1
            continue
        text, start, end, size = match
        found.append((text, start, end))
        i += size
    return found


def _place_at(
    body: str, names: list[re.Match[str]], i: int, size: int, language: str | None, gaz: Gazetteer
) -> tuple[str, int, int, int] | None:
    run = names[i : i + size]
    if len(run) < size or not all(m.group(0)[0].isupper() for m in run):
        return None
    if any(body[a.end() : b.start()] != " " for a, b in zip(run, run[1:], strict=False)):
        return None
    start, end = run[0].start(), run[-1].end()
    text = body[start:end]
    if size == 1 and (is_stopword(text, language) or _opens_sentence(body, start)):
        return None
    if _in_longer_name(body, names, i, i + size):
        return None  # "San" of "Piazza San Marco", "Venezia" of "Consorzio Venezia Nuova"
    if gaz.country(text) is not None or gaz.is_city(text, MIN_CITY_POPULATION):
        return text, start, end, size
    return None


def _in_longer_name(body: str, names: list[re.Match[str]], first: int, stop: int) -> bool:
    """Whether the run continues into a capitalised word before or after it (a word that only
    opens a sentence does not count)."""
    before = names[first - 1] if first > 0 else None
    after = names[stop] if stop < len(names) else None
    joined_before = (
        before is not None
        and body[before.end() : names[first].start()] == " "
        and before.group(0)[0].isupper()
        and not _opens_sentence(body, before.start())
    )
    joined_after = (
        after is not None
        and body[names[stop - 1].end() : after.start()] == " "
        and after.group(0)[0].isupper()
    )
    return joined_before or joined_after


def _opens_sentence(body: str, start: int) -> bool:
    before = body[max(0, start - 3) : start].rstrip(" \"'«„“(")
    return not before or before[-1] in ".!?:\n"


def resolved_places(
    spans: list[tuple[str, int, int]], gaz: Gazetteer
) -> tuple[list[tuple[str, Place | None, list[tuple[int, int]]]], Counter[str]]:
    """Spans grouped by the place they resolve to, and the countries they name or lie in."""
    countries: Counter[str] = Counter()
    for text, _s, _e in spans:
        country = gaz.country(text)
        if country is not None and country.country:
            countries[country.country] += 1
    context = set(countries)
    groups: dict[object, tuple[str, Place | None, list[tuple[int, int]]]] = {}
    for text, start, end in spans:
        place = gaz.resolve(text, context)
        key: object = place.geonames_id if place else text.lower()
        name = place.name if place else text
        groups.setdefault(key, (name, place, []))[2].append((start, end))
    for _name, place, mentions in groups.values():
        if place and place.kind == "city" and place.country:
            countries[place.country] += len(mentions)
    return list(groups.values()), countries
