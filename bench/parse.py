"""``python -m bench.parse``: the parse stage on real pages of sites it was never tuned on.

Pages: the 181 real news pages of ``../shared/datasets/article-extraction-benchmark`` (126
sites), each with the body a person marked as the article. Nothing is copied into the repo:
every input is rendered here, in memory, at run time.

Split by site, never by page: a page is in the *tune* split when the first hex digit of the
SHA-1 of its host name is even, else *held out*. Rules and models may be changed only by
looking at tune pages; the figures that count are the held-out ones. Both are printed.

Inputs:
- **whole-page text**: the HTML laid out as text the way a text browser does, menus, share bars,
  related links and footers included (inscriptis, Apache-2.0), then published bare as a
  scraper's dump would be;
- **HTML**: the page itself, in a JSON envelope with ``content_type: text/html``.

Per field:
- body: mean precision, recall and F1 over word 3-shingles against the marked body;
- title: the share of pages whose title equals the page's own ``og:title`` (else ``<title>``),
  compared after folding case, quotes and spacing. That reference was not checked by hand, so
  read it as agreement with the publisher's metadata, not as accuracy.

Baselines, measured in the same run on the same inputs: **naive** (first line is the title, the
rest is the body) and **trafilatura** (for text: the dump's lines given to it as paragraphs; for
HTML: called on the page). Each figure is printed beside them, and pages/s for each.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html as htmllib
import json
import re
import time
import unicodedata
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from bench.stages import DATASET, SETTINGS, _prf
from workers.parsing.article import parse_message

INGESTED = "2026-12-01T00:00:00.000000Z"


@dataclass
class Page:
    id: str
    host: str
    html: str
    body: str  # the marked article body
    title: str | None  # og:title, else <title>: the reference for titles

    @property
    def held_out(self) -> bool:
        return int(hashlib.sha1(self.host.encode()).hexdigest()[0], 16) % 2 == 1


@dataclass
class Extracted:
    title: str
    body: str


def load() -> list[Page]:
    truth = json.loads((DATASET / "ground-truth.json").read_text())
    pages = []
    for page_id, doc in sorted(truth.items()):
        path = DATASET / "html" / f"{page_id}.html.gz"
        if not path.exists():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        host = (urllib.parse.urlsplit(doc["url"]).hostname or "").removeprefix("www.")
        pages.append(Page(page_id, host, html, doc.get("articleBody") or "", meta_title(html)))
    return pages


def meta_title(html: str) -> str | None:
    from lxml import html as lxml_html

    try:
        parser = lxml_html.HTMLParser(encoding="utf-8")
        tree = lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
    except Exception:  # noqa: BLE001 - a page lxml cannot read has no reference title
        return None
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()"):
        found = [t.strip() for t in tree.xpath(xpath) if t and t.strip()]
        if found:
            return str(found[0])
    return None


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", htmllib.unescape(text or "")).casefold()
    text = re.sub(r"[‘’`´]", "'", re.sub(r"[“”«»„]", '"', text))
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return " ".join(text.split())


def same_title(found: str, reference: str | None) -> bool:
    """Equal to the reference, or to the reference without a site name before or after a
    separator ("Opinion | Headline", "Headline - Site"): the same rule for every extractor."""
    found, reference = fold(found), fold(reference)
    if not found:
        return False
    # Cut at any separator: the part before it and the part after it (a title may hold a
    # dash of its own, so the site name is not found by splitting at every separator).
    cuts = re.finditer(r"\s+[|-]\s+", reference)
    parts = {part for m in cuts for part in (reference[: m.start()], reference[m.end() :])}
    return found == reference or found in {part for part in parts if len(part.split()) > 2}


def render_text(html: str) -> str:
    from inscriptis import get_text

    return str(get_text(html))


# --- the extractors --------------------------------------------------------------------------
def naive(text: str) -> Extracted:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return Extracted(lines[0] if lines else "", "\n".join(lines[1:]))


def stage_text(text: str) -> Extracted:
    return _stage(text.encode())


def stage_html(html: str) -> Extracted:
    return _stage(orjson.dumps({"content": html, "content_type": "text/html"}))


def _stage(value: bytes) -> Extracted:
    try:
        article = parse_message(value, "bench:0:0", INGESTED, SETTINGS)
    except Exception:  # noqa: BLE001 - a dead-lettered page extracts nothing
        return Extracted("", "")
    return Extracted(article.title, article.body)


def classifier(text: str) -> Extracted:
    """The line classifier alone (``workers.parsing.wholepage``)."""
    from workers.parsing.wholepage import find_article

    found = find_article([line.strip() for line in text.splitlines() if line.strip()])
    return Extracted(found.title or "", "\n".join(found.paragraphs))


def trafilatura_text(text: str) -> Extracted:
    import trafilatura

    lines = [htmllib.escape(line.strip()) for line in text.splitlines() if line.strip()]
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"
    extracted = trafilatura.bare_extraction(page, with_metadata=True)
    return _from_trafilatura(extracted)


def trafilatura_html(html: str) -> Extracted:
    import trafilatura

    return _from_trafilatura(trafilatura.bare_extraction(html, with_metadata=True))


def _from_trafilatura(doc: Any) -> Extracted:
    if doc is None:
        return Extracted("", "")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return Extracted(get("title") or "", get("text") or "")


# --- scoring ---------------------------------------------------------------------------------
@dataclass
class Scores:
    precision: float
    recall: float
    f1: float
    title: float
    pages_per_s: float
    pages: int


def score(pages: list[Page], inputs: list[str], extract: Callable[[str], Extracted]) -> Scores:
    start = time.perf_counter()
    out = [extract(value) for value in inputs]
    seconds = time.perf_counter() - start
    prf = [_prf(e.body, p.body) for e, p in zip(out, pages, strict=True)]
    titled = [same_title(e.title, p.title) for e, p in zip(out, pages, strict=True) if p.title]
    n = max(len(pages), 1)
    return Scores(
        sum(s[0] for s in prf) / n,
        sum(s[1] for s in prf) / n,
        sum(s[2] for s in prf) / n,
        sum(titled) / max(len(titled), 1),
        len(pages) / seconds if seconds else 0.0,
        len(pages),
    )


HEADER = (
    f"  {'split':<9} {'extractor':<12} {'body P':>7} {'R':>6} {'F1':>6} {'title':>6} {'pages/s':>8}"
)


def run() -> None:
    pages = load()
    splits = {
        "tune": [p for p in pages if not p.held_out],
        "held out": [p for p in pages if p.held_out],
    }
    hosts = {name: len({p.host for p in group}) for name, group in splits.items()}
    print(
        f"{len(pages)} pages: "
        + ", ".join(f"{name} {len(g)} ({hosts[name]} sites)" for name, g in splits.items())
    )
    rendered = {p.id: render_text(p.html) for p in pages}
    inputs = {
        "whole-page text": (
            lambda p: rendered[p.id],
            (
                ("naive", naive),
                ("trafilatura", trafilatura_text),
                ("parse stage", stage_text),
                ("classifier", classifier),
            ),
        ),
        "HTML": (
            lambda p: p.html,
            (
                ("naive", lambda h: naive(render_text(h))),
                ("trafilatura", trafilatura_html),
                ("parse stage", stage_html),
            ),
        ),
    }
    for label, (value_of, extractors) in inputs.items():
        print(f"\n{label}")
        print(HEADER)
        for split, group in splits.items():
            values = [value_of(p) for p in group]
            for name, extract in extractors:
                s = score(group, values, extract)
                print(
                    f"  {split:<9} {name:<12} {s.precision:7.3f} {s.recall:6.3f} {s.f1:6.3f} "
                    f"{s.title:6.3f} {s.pages_per_s:8.1f}"
                )


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    run()


if __name__ == "__main__":
    main()
