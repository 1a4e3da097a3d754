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


KNOWN_SOURCES: tuple[Source, ...] = (
    Source(
        "independent.co.uk",
        "The Independent",
        ("independent readers", "independent premium", "the independent's"),
    ),
    Source(
        "northgatecourier.co.uk", "The Northgate Courier", ("northgate courier", "courier newsdesk")
    ),
    Source("pacificledger.com", "Pacific Ledger", ("pacific ledger",)),
    Source("meridianwire.com", "Meridian Wire", ("(meridian wire)", "meridian wire")),
    Source("rheinrundschau.de", "Rheinische Rundschau", ("rheinische rundschau",)),
    Source("civicreview.org", "The Civic Review", ("civic review",)),
    Source("asiamorningpost.com", "Asia Morning Post", ("asia morning post",)),
    Source("capitalobserver.com", "The Capital Observer", ("capital observer",)),
)

_BY_DOMAIN = {s.domain: s for s in KNOWN_SOURCES}


def name_for(domain: str | None) -> str | None:
    source = _BY_DOMAIN.get(domain or "")
    return source.name if source else None


def recognise(lines: list[str]) -> Source | None:
    """The known source whose chrome markers appear in these (chrome) lines, if exactly one."""
    text = "\n".join(lines).lower()
    found = {s for s in KNOWN_SOURCES if any(m in text for m in s.markers)}
    return found.pop() if len(found) == 1 else None
