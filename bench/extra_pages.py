"""More real pages to tune on: Mozilla Readability's test pages, as the Go port
``codeberg.org/readeck/go-readability/v2`` ships them (Apache-2.0), fetched at run time with
``go mod download`` into a cache outside the repo. Nothing is copied into the repo.

Why: the 96 tune pages of ``bench.parse`` come from 67 sites, and rules chosen on them did far
better there than on the held-out sites (session 16: whole-page text authors 0.900 tune, 0.472
held out). More sites to tune on is the honest remedy; these pages are *tune* pages only. Pages
of a host in the held-out split of ``bench.parse`` are left out, as are the module's small
synthetic fixtures (under 20,000 characters) and Wikipedia's pages (no article, no byline).

References, per page, from what Readability's maintainers checked into ``expected-metadata.json``
and from the page's own metadata (``bench.parse.meta_reference``):

- title: Readability's expected title (the page's ``og:title`` or ``<title>``, as Readability
  cleans it);
- authors: the page's metadata, or (the *checked* column) Readability's expected byline, a
  leading "By" taken off and split at commas and "and"; where that byline is no list of names
  (a date glued to it, a button's label), the name the page prints, read by hand
  (``CHECKED_BYLINES``);
- date: the page's metadata day, or (the *checked* column) the expected ``publishedTime``'s;
- body: the text of Readability's expected article HTML (what Readability extracts, checked by
  its maintainers against its own output, not marked by a person as the benchmark's bodies are).
"""

from __future__ import annotations

import json
import re
import urllib.parse

import lxml.html

from bench.go_modules import module_dir
from bench.parse import Page, held_out_hosts, meta_reference, page_html

MODULE = "codeberg.org/readeck/go-readability/v2@v2.1.3"
SMALLEST = 20_000  # characters; smaller test pages are synthetic fixtures, not real pages

# Read by hand on the page (session 17), where Readability's expected byline is not the names:
# None where the page prints no person's name as its byline.
CHECKED_BYLINES: dict[str, list[str] | None] = {
    "breitbart": ["Lucas Nolan"],  # "by Lucas Nolan22 Dec 2016651"
    "lwn-1": ["Nathan Willis"],  # "By Nathan Willis March 25, 2015"
    "webmd-1": ["Brenda Goodman"],  # "By Brenda Goodman, MA WebMD Health News"
    "webmd-2": ["Kelli Miller"],  # "By Kelli Miller WebMD Health News"
    "yahoo-3": ["Gillian Mohney"],  # "By GILLIAN MOHNEY March 11, 2015 3:46 PM"
    "seattletimes-1": ["Benjamin Romano"],  # the expected byline is the dateline
    "lemonde-1": ["Martin Untersinger", "Damien Leloup", "Morgane Tual"],  # "(avec ... et ...)"
    "ietf-1": ["Michiel de Jong"],  # "Jong, Michiel de"
    "spiceworks": None,  # "Last Updated: January 7, 2025"
    "royal-road": None,  # "Follow Author"
}


class ExtraPage(Page):
    """A page of these extra tune pages: never held out."""

    @property
    def held_out(self) -> bool:
        return False


def _url(html: str) -> str:
    """The page's own URL, as its canonical link or ``og:url`` gives it ("" if neither does)."""
    found = re.search(r'<link[^>]+rel="canonical"[^>]+href="([^"]+)"', html) or re.search(
        r'og:url"\s+content="([^"]+)"', html
    )
    return found.group(1) if found else ""


def _host(html: str) -> str:
    return (urllib.parse.urlsplit(_url(html)).hostname or "").removeprefix("www.")


def _names(byline: str) -> list[str]:
    text = re.sub(r"^\s*(?:by|par|written by)\s+", "", byline, flags=re.I)
    return [name.strip() for name in re.split(r",|\s+and\s+", text) if name.strip()]


def _text(fragment: str) -> str:
    root = lxml.html.fromstring(fragment)
    blocks = root.xpath("//p|//li|//h2|//h3|//h4|//blockquote|//pre|//td")
    text = "\n".join(" ".join(b.text_content().split()) for b in blocks)
    return text or " ".join(root.text_content().split())


def load_extra() -> list[Page]:
    """The extra tune pages, or [] where the module cannot be had."""
    root = module_dir(MODULE)
    if root is None:
        return []
    held_out = held_out_hosts()
    pages: list[Page] = []
    for folder in sorted((root / "test-pages").iterdir()):
        expected = folder / "expected-metadata.json"
        source = folder / "source.html"
        if folder.name.startswith("wikipedia") or not expected.exists() or not source.exists():
            continue
        html = page_html(source.read_bytes())
        host = _host(html)
        if len(html) < SMALLEST or host in held_out:
            continue
        meta = json.loads(expected.read_text())
        authors, days = meta_reference(html)
        byline = meta.get("byline")
        printed = CHECKED_BYLINES.get(folder.name, _names(byline) if byline else None)
        published = meta.get("publishedTime")
        page = ExtraPage(
            f"readability-{folder.name}",
            host,
            html,
            _text((folder / "expected.html").read_text(errors="replace")),
            meta.get("title"),
            authors,
            days,
            printed_authors=printed or None,
            printed_days=frozenset({str(published)[:10]}) if published else frozenset(),
            url=_url(html) or None,
        )
        pages.append(page)
    return pages
