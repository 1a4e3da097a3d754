"""Generated corpora from the team's seed articles, deterministic for a given seed.

- ``distinct(n)``: n different articles of realistic length, each a new mix of sentences from
  the seed bodies with its own headline and names (Jaccard between any two stays low).
- ``labelled_near_duplicates(n)``: clusters of an original and its copies under other chrome,
  whitespace and quote changes, edits of up to 10% of words, truncation and paragraph
  reordering; plus "same story" articles that share sentences with an original but must not be
  merged. Each item carries its cluster label.
- ``hostile(n)``: malformed messages of many kinds, each with the reason it must get.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROME_SETS = (
    ["Share on Facebook | Twitter | WhatsApp", "Advertisement"],
    ["Sign up to our free morning newsletter", "Read more: Markets wrap"],
    ["Most read", "© 2024 Pacific Ledger Media"],
    ["We use cookies to improve your experience. Accept all cookies", "Back to top"],
)
FIRST = ("Amira", "Tom", "Grace", "Daniel", "Lucia", "Wei", "Helen", "Marcus", "Priya", "Jonas")
LAST = ("Haddad", "Ashworth", "Liu", "Osei", "Fernandez", "Tan", "Marsh", "Bell", "Natarajan")
TOPICS = (
    "council",
    "budget",
    "rail",
    "hospital",
    "election",
    "harbour",
    "school",
    "energy",
    "tariff",
    "bridge",
    "festival",
    "court",
    "market",
    "storm",
    "museum",
    "airport",
)


@dataclass(frozen=True)
class Item:
    id: str
    value: bytes
    cluster: str | None = None  # label: items with the same cluster are copies
    kind: str = "original"  # original, copy kind, same_story, or the dead-letter reason


@cache
def sentences() -> tuple[str, ...]:
    """Every body sentence of the good English seeds."""
    from tests.seeds import expected, seed_files

    pool: list[str] = []
    for path in seed_files():
        golden = expected(path).get("parse")
        if not golden or golden.get("language") != "en":
            continue
        text = _seed_text(path)
        for line in text.splitlines():
            if len(line.split()) >= 12:
                pool.extend(
                    s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", line) if len(s.split()) >= 6
                )
    return tuple(dict.fromkeys(pool))


def _seed_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".json":
        raw = json.loads(raw).get("content", "")
    return re.sub(r"<[^>]+>", "\n", raw)


def article_text(rng: random.Random, words: int) -> tuple[str, list[str]]:
    pool = sentences()
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    topic = rng.choice(TOPICS)
    title = (
        f"{name.split()[1]} warns over {topic} plan as {rng.randint(2, 999)} {topic}s face review"
    )
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(rng.sample(pool, rng.randint(2, 4)))
        # A sentence of its own per paragraph keeps distinct articles apart.
        para += f" {name} said the {topic} review number {rng.randint(1000, 99999)} was due."
        paragraphs.append(para)
        count += len(para.split())
    return title, paragraphs


def page(title: str, paragraphs: list[str], byline: str, chrome: list[str]) -> str:
    return "\n\n".join([title, byline, "12 March 2024 09:30 GMT", *paragraphs, *chrome])


def envelope(item_id: str, text: str, source: str, url: str | None = None) -> bytes:
    doc = {"id": item_id, "content": text, "source": source}
    if url:
        doc["url"] = url
    return json.dumps(doc).encode()


def distinct(
    n: int, seed: int = 7, words: tuple[int, int] = (500, 1000), prefix: str = "d"
) -> list[Item]:
    rng = random.Random(seed)
    items = []
    for i in range(n):
        title, paragraphs = article_text(rng, rng.randint(*words))
        text = page(
            title, paragraphs, f"By {rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(CHROME_SETS)
        )
        source = f"source{i % 6}.example.com"
        items.append(Item(f"{prefix}{i}", envelope(f"{prefix}{i}", text, source), f"{prefix}{i}"))
    return items


def edit_words(rng: random.Random, paragraphs: list[str], share: float) -> list[str]:
    out = []
    for para in paragraphs:
        words = para.split()
        for _ in range(int(len(words) * share)):
            j = rng.randrange(len(words))
            words[j] = rng.choice(("the", "a", "new", "local", "said", "more", "its"))
        out.append(" ".join(words))
    return out


def copy_of(
    rng: random.Random, title: str, paragraphs: list[str], kind: str
) -> tuple[str, list[str]]:
    if kind == "chrome":
        return title, paragraphs
    if kind == "quotes":
        return title, [
            p.replace("’", "'").replace("“", '"').replace("”", '"').replace(". ", ".  ")
            for p in paragraphs
        ]
    if kind == "edits":
        return title + " - update", edit_words(rng, paragraphs, rng.uniform(0.03, 0.10))
    if kind == "truncated":
        keep = max(2, round(len(paragraphs) * rng.uniform(0.7, 0.9)))
        return title, paragraphs[:keep]
    if kind == "reordered":
        shuffled = paragraphs[:]
        rng.shuffle(shuffled)
        return title, shuffled
    raise ValueError(kind)


COPY_KINDS = ("chrome", "quotes", "edits", "truncated", "reordered")


def labelled_near_duplicates(
    clusters: int, seed: int = 11, copies: tuple[int, int] = (1, 4), same_story: float = 0.5
) -> list[Item]:
    """Originals with their copies, and same-story articles that must stay apart."""
    rng = random.Random(seed)
    items: list[Item] = []
    for c in range(clusters):
        title, paragraphs = article_text(rng, rng.randint(500, 1000))
        cluster = f"c{c}"
        items.append(
            Item(
                f"{cluster}-0",
                envelope(
                    f"{cluster}-0",
                    page(title, paragraphs, "By Grace Liu", CHROME_SETS[0]),
                    "origin.example.com",
                ),
                cluster,
            )
        )
        for k in range(rng.randint(*copies)):
            kind = rng.choice(COPY_KINDS)
            t, ps = copy_of(rng, title, paragraphs, kind)
            text = page(t, ps, "By Grace Liu | Meridian Wire", rng.choice(CHROME_SETS[1:]))
            items.append(
                Item(
                    f"{cluster}-{k + 1}",
                    envelope(f"{cluster}-{k + 1}", text, f"syndicate{k}.example.com"),
                    cluster,
                    kind,
                )
            )
        if rng.random() < same_story:
            own_title, own = article_text(rng, rng.randint(500, 900))
            shared = rng.sample(paragraphs, min(2, len(paragraphs)))
            text = page(own_title, [*own[:3], *shared[:1], *own[3:]], "By Tom Bell", CHROME_SETS[2])
            sid = f"{cluster}-story"
            items.append(Item(sid, envelope(sid, text, "rival.example.com"), sid, "same_story"))
    return items


def hostile(n: int, seed: int = 13) -> Iterator[Item]:
    """Malformed messages, each with the dead-letter reason it must get."""
    rng = random.Random(seed)
    makers = [
        ("invalid_json", lambda i: b'{"id": "h%d", "content": "unterminated' % i),
        ("invalid_json", lambda i: b'{"id": "h%d", "content": ' % i + b"[" * 3000),
        ("invalid_json", lambda i: b"{" + b'"a":{' * 2000),
        ("invalid_envelope", lambda i: json.dumps({"id": f"h{i}", "content": 5}).encode()),
        (
            "invalid_envelope",
            lambda i: json.dumps(
                {"id": f"h{i}", "content": "x", "url": ["not", "a", "string"]}
            ).encode(),
        ),
        (
            "unsupported_content_type",
            lambda i: json.dumps(
                {"id": f"h{i}", "content": "x", "content_type": "image/png"}
            ).encode(),
        ),
        ("empty_content", lambda i: json.dumps({"id": f"h{i}", "content": " \n\t "}).encode()),
        ("empty_content", lambda i: b"   \n  "),
        (
            "binary_content",
            lambda i: b"\x00\x01\x02\xff\xfe" + bytes(rng.randrange(256) for _ in range(300)),
        ),
        ("binary_content", lambda i: b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200)),
        ("no_body", lambda i: json.dumps({"id": f"h{i}", "content": "Just a headline"}).encode()),
        (
            "no_title",
            lambda i: json.dumps(
                {
                    "id": f"h{i}",
                    "content": "<html><body><nav>Home</nav></body></html>",
                    "content_type": "text/html",
                }
            ).encode(),
        ),
        (
            "content_too_large",
            lambda i: json.dumps({"id": f"h{i}", "content": "x " * 1_100_000}).encode(),
        ),
        (
            "no_title",
            lambda i: json.dumps(
                {
                    "id": f"h{i}",
                    "content_type": "text/html",
                    "content": "<div>" * 5000 + "</div>" * 5000,
                }
            ).encode(),
        ),
        (
            "invalid_envelope",
            lambda i: json.dumps({"id": f"h{i}", "content": "ok\xff", "source": 12}).encode(),
        ),
        ("undecodable_or_binary", lambda i: bytes(rng.randrange(128, 256) for _ in range(400))),
    ]
    for i in range(n):
        reason, make = makers[i % len(makers)]
        yield Item(f"h{i}", make(i), None, reason)
