"""Hundreds more real pages, one or two a site: the evaluation pages of trafilatura as its Go
port ``github.com/markusmobius/go-trafilatura`` ships them (Apache-2.0), fetched at run time
with ``go mod download`` into a cache outside the repo (``bench.go_modules``). Nothing is copied
into the repo.

Why: ``bench.parse``'s own pages come from 126 sites, so its held-out split is 85 pages of 59
sites, and one page moves a field's figure by a point or two. These 983 pages come from about
945 sites (German news and blogs the most, Polish news, and many others), each with a title,
published day and authors annotated by hand by the collection's makers (the BBAW collection;
``scripts/comparison/data.go``), where the page has them.

They are split the way ``bench.parse`` splits its own pages, by the SHA-1 of the host (an
archived page's host is the archived URL's): *traf tune* pages may be read while choosing rules,
*traf held* pages never. A page of a host that ``bench.parse``'s held-out split or the extra
pages (``bench.extra_pages``, all tune) hold is left out.

References, per page, as for ``bench.parse``'s own pages: title, authors and day from the
page's own metadata (``bench.parse.meta_title``, ``meta_reference``); the *checked* columns
take the annotation's ``Title``, ``Authors`` and ``Date`` as right as well, where given (an
absent field says nothing: the annotation does not tell whether the page has none);
- body: no marked body. The annotation lists snippets the article holds (``With``) and
  snippets of chrome it must not hold (``Without``). Body *precision* here is the share of
  ``Without`` snippets absent from the extracted body, *recall* the share of ``With`` snippets
  present, both after folding case and spacing: trafilatura's own measure on these pages.
  The snippets take an article's lead as part of its text, so the parse stage's standfirst
  (a field of its own in the record) is scored with its body here; the benchmark's own marked
  bodies leave the standfirst out, and there the body is scored alone.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from dataclasses import dataclass

from bench.go_modules import module_dir
from bench.parse import Extracted, Page, fold, held_out_hosts, meta_reference, meta_title, page_html

MODULE = "github.com/markusmobius/go-trafilatura@v1.12.2"

# A Go string literal: interpreted ("...") or raw (`...`).
_LITERAL = r'"(?:[^"\\\n]|\\.)*"|`[^`]*`'
_ENTRY = re.compile(r"\n\t(" + _LITERAL + r"):\s*\{(.*?)\n\t\},", re.S)
_FIELD = re.compile(
    r"\n\t\t(\w+):\s*(\[\]string\{(?:\s*(?:" + _LITERAL + r")\s*,?)*\s*\}|" + _LITERAL + ")"
)


@dataclass
class TrafilaturaPage(Page):
    """A page of trafilatura's evaluation set, split by its host as ``bench.parse``'s are."""

    with_snippets: tuple[str, ...] = ()  # what the article holds
    without_snippets: tuple[str, ...] = ()  # the page's chrome, never the article's

    def scored_text(self, found: Extracted) -> str:
        """The standfirst and the body: the collection's ``With`` snippets take an article's lead
        as part of its text (and trafilatura's text holds it), where the record keeps it apart."""
        return "\n\n".join(t for t in (found.standfirst, found.body) if t)

    def body_prf(self, found: str) -> tuple[float, float, float]:
        """Snippets kept out (precision), snippets found (recall), and their harmonic mean."""
        text = fold(found)
        chrome = [s for s in map(fold, self.without_snippets) if s]
        article = [s for s in map(fold, self.with_snippets) if s]
        out = [s not in text for s in chrome]
        held = [s in text for s in article]
        precision = sum(out) / len(out) if out else 1.0
        recall = sum(held) / len(held) if held else 1.0
        total = precision + recall
        return precision, recall, 2 * precision * recall / total if total else 0.0


def _literal(text: str) -> str:
    if text.startswith("`"):
        return text[1:-1]
    return str(json.loads(text, strict=False))


def entries(source: str) -> dict[str, dict[str, str | list[str]]]:
    """The annotated entries of ``data.go``: URL to fields (strings, or lists of strings)."""
    found: dict[str, dict[str, str | list[str]]] = {}
    for entry in _ENTRY.finditer(source):
        fields: dict[str, str | list[str]] = {}
        for field in _FIELD.finditer(entry.group(2)):
            key, value = field.group(1), field.group(2)
            if value.startswith("[]string"):
                fields[key] = [_literal(x) for x in re.findall(_LITERAL, value[len("[]string") :])]
            else:
                fields[key] = _literal(value)
        found[_literal(entry.group(1))] = fields
    return found


def original_url(url: str) -> str:
    """The page's own URL; an archived page's is the archived URL."""
    archived = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)", url)
    return archived.group(1) if archived else url


def host_of(url: str) -> str:
    """The page's host; an archived page's is the archived URL's."""
    return (urllib.parse.urlsplit(original_url(url)).hostname or "").removeprefix("www.")


def load_trafilatura(excluded_hosts: set[str]) -> list[Page]:
    """The pages, or [] where the module cannot be had; none of ``excluded_hosts``."""
    root = module_dir(MODULE)
    if root is None:
        return []
    source = (root / "scripts" / "comparison" / "data.go").read_text()
    held_out = held_out_hosts()
    pages: list[Page] = []
    for url, fields in sorted(entries(source).items()):
        host = host_of(url)
        name = str(fields.get("File", ""))
        found = (root / "test-files" / folder / name for folder in ("comparison", "mock"))
        path = next((p for p in found if p.is_file()), None)
        if not host or path is None or host in held_out or host in excluded_hosts:
            continue
        html = page_html(path.read_bytes())
        title, day, authors = fields.get("Title"), fields.get("Date"), fields.get("Authors")
        named = [str(a) for a in authors if str(a).strip()] if isinstance(authors, list) else []
        meta_authors, meta_days = meta_reference(html)
        meta, _ = meta_title(html)
        page = TrafilaturaPage(
            f"trafilatura-{name.removesuffix('.html')}",
            host,
            html,
            "",
            meta or (str(title) if title else None),
            meta_authors,
            meta_days,
            headline=str(title) if title else None,
            printed_authors=named or None,
            printed_days=frozenset({str(day)[:10]}) if day else frozenset(),
            with_snippets=tuple(fields.get("With", [])),
            without_snippets=tuple(fields.get("Without", [])),
        )
        page.url = original_url(url)
        pages.append(page)
    return pages
