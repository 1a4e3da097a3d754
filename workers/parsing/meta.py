"""Metadata lines of a page: bylines (names only) and datelines (to UTC).

Dates go through dateparser (>= 1.5: older releases read "BST" as UTC+11); names are cleaned of
"By", job titles, e-mail addresses and agency credits.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import dateparser

_DATE_SETTINGS = {
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time", "timestamp"],
}
# Languages whose datelines the parser reads; a fixed list keeps dateparser fast and predictable.
DATE_LANGUAGES = ["en", "de", "fr", "es", "it", "nl"]
_MONTHS = (
    r"jan(uary|uar|vier)?|feb(ruary|ruar)?|f[ée]vrier|m(ar(ch)?|ärz|ars)|apr(il)?|avril|"
    r"ma[iy]|june?|juni|juin|july?|juli|juillet|aug(ust)?|août|sep(t(ember|embre)?)?|"
    r"o[ck]t(ober|obre)?|nov(ember|embre)?|d[eé][cz](ember|embre)?|"
    # Spanish and Italian
    r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|"
    r"diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
_DATE_HINT = re.compile(
    rf"\b(({_MONTHS})\b.*\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}})", re.I
)
_US_ZONE_NAMES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
_US_ZONES = re.compile(r"\s(ET|CT|MT|PT)\.?$")
_UPDATED = re.compile(r"^\s*(updated|last (updated|modified)( on)?|modified)\s*:?\s*", re.I)
_PUBLISHED = re.compile(
    r"^\s*(published|posted|first published|date|publié|publicado|pubblicato)"
    r"( on| le| el| il)?\s*:?\s*",
    re.I,
)
# Words that mark a line as prose, never a dateline.
_PROSE = re.compile(
    r"\b(said|says|will|was|were|has|have|is|are|would|after|because|ist|wurde|hat)\b", re.I
)

_BY = re.compile(
    r"^\s*(by|words by|written by|reporting by|story by|analysis by|opinion by|commentary by|"
    r"review by|von|par|por|di|door)\s*:?\s+",
    re.I,
)
_EMAIL = re.compile(r"[^\s@]{1,64}@\S{1,255}")
MAX_BYLINE_CHARS = 400
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\band\b|\||\bwith\b)\s*", re.I)
_ROLE_WORDS = re.compile(
    r"\b(editor|correspondent|reporter|writer|staff|columnist|contributor|analyst|"
    r"chief|senior|political|business|foreign|news|desk|team|agencies|agency|in|for|"
    r"bureau|producer|photographer|journalist|press|associated|updated|published|"
    r"minutes?|read|am|pm|gmt|bst|est|utc)\b",
    re.I,
)
_NAME_TOKEN = re.compile(
    r"^([A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*|[A-Z]\.|[A-Z][a-z]?[A-Z][a-zà-ÿ'’\-]+|de|da|van|von|der|den|"
    r"del|della|di|du|la|le|al|el|bin|ibn|ben|al-[A-Z][a-zà-ÿ\-]+|Jr\.?|Sr\.?|III?|IV)$"
)


def parse_datetime(text: str, timezone: str = "UTC") -> datetime | None:
    """A date in a short metadata line, in UTC; ``None`` if the line holds none. A time that
    names no zone is read in ``timezone`` (the source's own). A dateline's leading place
    ("Sevilla, 3 de abril de 2024") is tried without, if the whole line does not parse."""
    found = _parse_datetime(text, timezone)
    place = _PLACE_PREFIX.match(text) if found is None and len(text) <= 120 else None
    return _parse_datetime(place.group("rest"), timezone) if place else found


# "Sevilla, ", "Venezia, ", "NEW YORK, ": one to three capitalised words and a comma.
_PLACE_PREFIX = re.compile(
    r"^\s*[^\W\d_][\w'’.-]{1,30}(?: [^\W\d_][\w'’.-]{1,30}){0,2},\s+(?P<rest>.+)$"
)


# Numeric dates ("05/12/2023", "05.12.2023"): which number is the day is a convention.
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?!\d)")
_DAY_FIRST_ZONES = re.compile(
    r"\b(GMT|BST|UTC|CET|CEST|EET|EEST|WET|WEST|IST|MSK|SAST|AEST|AEDT|ACST|AWST|NZST|NZDT|"
    r"HKT|SGT|JST|KST|WIB)\b"
)
_MONTH_FIRST_ZONES = re.compile(r"\b(ET|EST|EDT|CT|CDT|MT|MST|MDT|PT|PST|PDT|AKST|HST)\b\.?")


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
    if _DAY_FIRST_ZONES.search(text):
        return "DMY"
    if _MONTH_FIRST_ZONES.search(text):
        return "MDY"
    if timezone.startswith("America/"):
        return "MDY"
    return "DMY" if timezone != "UTC" else "?"


def _parse_datetime(text: str, timezone: str) -> datetime | None:
    if len(text) > 90 or not _DATE_HINT.search(text) or _PROSE.search(text):
        return None
    order = numeric_date_order(text, timezone)
    if order == "?":
        return None  # "05/12/2023" with no hint: 5 December or May 12; not guessed
    cleaned = _PUBLISHED.sub("", _UPDATED.sub("", text))
    cleaned = re.sub(r"\s*\|\s*", " ", cleaned).strip(" ,.-–—")
    cleaned = re.sub(r"\s+uhr\b", "", cleaned, flags=re.I)
    # "ET"/"PT" name a zone with its daylight saving, which dateparser reads as fixed offsets.
    zone = _US_ZONES.search(cleaned)
    if zone:
        timezone = _US_ZONE_NAMES[zone.group(1)]
        cleaned = cleaned[: zone.start()].strip()
    settings = {**_DATE_SETTINGS, "TIMEZONE": timezone}
    if order is not None:
        settings["DATE_ORDER"] = order
    try:
        parsed = dateparser.parse(
            cleaned,
            languages=DATE_LANGUAGES,
            settings=settings,  # type: ignore[arg-type]
        )
    except (ValueError, OverflowError, TypeError, KeyError, AttributeError, IndexError):
        return None  # dateparser on odd input: no date is worth a crash
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def iso_utc(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_updated_line(text: str) -> bool:
    return bool(_UPDATED.match(text))


def is_name(text: str) -> bool:
    """Two to five capitalised name tokens ("Harriet Agerholm", "Abu Sayed Orakzai")."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or _ROLE_WORDS.search(text):
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens) and text[0].isupper()


# Bylines that name a news agency or a desk rather than a person: kept as the author when the
# byline names nobody else ("By Reuters", "PTI", "HNN Staff").
_WIRE_AGENCY = re.compile(
    r"^(?:the\s+)?(?:associated press|ap|reuters|afp|agence france-presse|press association|"
    r"pa media|pti|press trust of india|ians|ani|upi|bloomberg|dpa|ansa|efe|xinhua|kyodo|"
    r"yonhap|aap|canadian press|tass|anadolu agency|agencies|wire services)$",
    re.I,
)
_DESK = re.compile(
    r"^[^\W\d_][\w .&'’-]{0,40}\s(?:staff|bureau|desk|newsroom|team|wire|wires|agencies)$", re.I
)
MAX_AGENCY_CHARS = 60


def agency_byline(text: str) -> str | None:
    """The agency or desk a byline names ("Reuters", "The Associated Press", "HNN Staff")."""
    name = " ".join(text.split()).strip(" .,:;")
    if len(name) > MAX_AGENCY_CHARS or any(c.isdigit() for c in name):
        return None
    return name if _WIRE_AGENCY.match(name) or _DESK.match(name) else None


def _uncapped(part: str) -> str:
    """A name printed in capitals ("TOM KRISHER") in the case names are written in."""
    tokens = part.split()
    if sum(1 for t in tokens if len(t) > 1 and t.isupper()) < 2:
        return part
    return " ".join(t.title() if len(t) > 1 and t.isupper() else t for t in tokens)


def _name_before_affiliation(part: str) -> str | None:
    """ "Sam Whitney Associated Press" -> "Sam Whitney": a name followed, with no comma, by an
    agency or a role."""
    tokens = part.split()
    for k in range(min(5, len(tokens) - 1), 1, -1):
        head, rest = " ".join(tokens[:k]), " ".join(tokens[k:])
        if is_name(head) and agency_byline(rest):
            return head
    return None


def byline_names(line: str, *, require_by: bool = False) -> list[str]:
    """Author names in a byline, or ``[]`` if the line is not a byline.

    "By Jane Doe and John Roe, Political Editors" -> ["Jane Doe", "John Roe"]; "By TOM KRISHER,
    AP Auto Writer" -> ["Tom Krisher"]; a bare "Harriet Agerholm" counts unless ``require_by``.
    A byline that names an agency and no person gives the agency ("By Reuters" -> ["Reuters"]).
    """
    if len(line) > MAX_BYLINE_CHARS:
        return []  # checked first: the rules below are for short lines
    text = _EMAIL.sub("", line).strip()
    has_by = bool(_BY.match(text))
    if require_by and not has_by:
        return []
    if len(text) > 160:
        return []
    text = _BY.sub("", text)
    text = re.split(r"\s+[-–—|]\s+|\s*\(", text)[0]
    if has_by:  # "By Lucy Pasha-Robinson in Berlin"
        text = re.split(r"\s+(?:in|for|at)\s+(?=[A-Z])", text)[0]
    names: list[str] = []
    for part in _SPLIT_NAMES.split(text):
        part = _uncapped(part.strip(" .,:;"))
        if is_name(part):
            names.append(part)
        elif has_by and not names and (lead := _name_before_affiliation(part)):
            names.append(lead)
            break  # what follows the name is its affiliation
        elif names and has_by:
            break  # "By A and B, Political Editors": titles come after the names
        elif not has_by:
            return []
    if not names and has_by and (agency := agency_byline(text)):
        return [agency]
    return names
