"""Known news sources: registered domain -> display name, and the chrome that gives each away.

A page without an envelope ``source`` or a URL is recognised from its own chrome (the seed dump
carries only "Independent readers"). Add a site by adding one ``Source``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    domain: str
    name: str
    markers: tuple[str, ...] = ()
    timezone: str = "UTC"  # for datelines that name no zone


KNOWN_SOURCES: tuple[Source, ...] = (
    Source(
        "independent.co.uk",
        "The Independent",
        ("independent readers", "independent premium", "the independent's"),
        "Europe/London",
    ),
    Source(
        "northgatecourier.co.uk",
        "The Northgate Courier",
        ("northgate courier", "courier newsdesk"),
        "Europe/London",
    ),
    Source("pacificledger.com", "Pacific Ledger", ("pacific ledger",), "America/New_York"),
    Source("meridianwire.com", "Meridian Wire", ("(meridian wire)", "meridian wire")),
    Source("rheinrundschau.de", "Rheinische Rundschau", ("rheinische rundschau",), "Europe/Berlin"),
    Source("civicreview.org", "The Civic Review", ("civic review",), "Europe/London"),
    Source("asiamorningpost.com", "Asia Morning Post", ("asia morning post",), "Asia/Hong_Kong"),
    Source(
        "capitalobserver.com", "The Capital Observer", ("capital observer",), "America/New_York"
    ),
)

_BY_DOMAIN = {s.domain: s for s in KNOWN_SOURCES}


def by_domain(domain: str | None) -> Source | None:
    return _BY_DOMAIN.get(domain or "")


def name_for(domain: str | None) -> str | None:
    source = by_domain(domain)
    return source.name if source else None


def is_masthead(line: str) -> bool:
    """A line that is only a known site's name ("Northgate Courier", "The Independent")."""
    text = line.strip().lower().removeprefix("the ")
    return any(text == s.name.lower().removeprefix("the ") for s in KNOWN_SOURCES)


def recognise(lines: list[str]) -> Source | None:
    """The known source whose chrome markers appear in these (chrome) lines, if exactly one."""
    text = "\n".join(lines).lower()
    found = {s for s in KNOWN_SOURCES if any(m in text for m in s.markers)}
    return found.pop() if len(found) == 1 else None
