"""A synthetic news firehose for the dedup benchmark: fingerprints and metadata of N articles
whose unrelated articles overlap the way real news does.

Why not the test corpus: ``tests.corpus`` remixes one small pool of sentences, so unrelated
articles share whole sentences and far more band keys than real ones; the index then verifies
hundreds of false candidates an article and looks slower than it is.

How: each article is a stream of words drawn from a Zipf-Mandelbrot law over a 60,000-word
vocabulary (the shape of word frequencies in news text), mixed with its story's own words
(names, places: 40 a story, a story covered by about three outlets). Word 3-shingles are hashed
and MinHashed with 128 universal hashes in numpy (the index keeps the low byte of each slot, so
the hash family does not matter; parse's datasketch is too slow to fingerprint a million
articles here). Of the articles, 62% are fresh, 25% near copies of an earlier one (2-8% of words
replaced, sometimes cut short), 10% exact copies under another URL and 3% the same URL sent
again; a copy follows its original by two hours of the firehose on average. ``realism``
compares unrelated pairs of this corpus with unrelated pairs of the 181 real pages of
``../shared/datasets`` (fingerprinted by the parse stage's own ``minhash``).

Fingerprints are cached under ``.cache/`` (ignored by git), keyed by count and seed.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from workers.near_dup.fingerprints import minhash, similarity

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "bench"
VOCABULARY = 60_000
PERMS = 128
SOURCES = 2_000
START = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
GDELT_PER_DAY = 600_000  # articles a day (the rate the issue measures against)

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def _weights() -> np.ndarray:
    ranks = np.arange(1, VOCABULARY + 1, dtype=np.float64)
    weights = 1.0 / (ranks + 2.7) ** 1.07
    return weights / weights.sum()


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: 64-bit words to well-spread 64-bit hashes."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


_PERM_RNG = np.random.default_rng(20261201)
_A = _PERM_RNG.integers(1, 2**32, PERMS, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
_B = _PERM_RNG.integers(0, 2**32, PERMS, dtype=np.uint64).astype(np.uint32)


def signatures(streams: list[np.ndarray], batch: int = 128) -> np.ndarray:
    """MinHash (128 slots, 32-bit values) of each word stream's 3-shingles: 32-bit shingle
    hashes under 128 multiply-add hashes mod 2**32, a batch of articles per numpy operation."""
    out = np.empty((len(streams), PERMS), np.uint32)
    for first in range(0, len(streams), batch):
        parts = []
        for words in streams[first : first + batch]:
            w = words.astype(np.uint64)
            with np.errstate(over="ignore"):
                mixed = _mix(w[:-2] * np.uint64(0x9E3779B97F4A7C15) ^ _mix(w[1:-1] + _mix(w[2:])))
            parts.append(np.unique((mixed >> np.uint64(32)).astype(np.uint32)))
        starts = np.cumsum([0] + [len(p) for p in parts[:-1]])
        shingles = np.concatenate(parts)
        with np.errstate(over="ignore"):
            hashed = _A[:, None] * shingles[None, :] + _B[:, None]
        out[first : first + len(parts)] = np.minimum.reduceat(hashed, starts, axis=1).T
    return out


@dataclass(frozen=True)
class Corpus:
    signatures: np.ndarray  # (n, 128) uint32
    kinds: np.ndarray  # 0 fresh, 1 near copy, 2 exact copy (other URL), 3 same URL again
    parents: np.ndarray  # the article copied, or -1
    seed: int

    def __len__(self) -> int:
        return len(self.kinds)


def _plan(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    kinds = rng.choice(4, size=n, p=[0.62, 0.25, 0.10, 0.03])
    kinds[0] = 0
    parents = np.full(n, -1, np.int64)
    for i in np.flatnonzero(kinds):
        # Copies follow their original by two hours on average (news is copied while fresh).
        back = 1 + int(rng.exponential(GDELT_PER_DAY / 12)) % int(i)
        parents[i] = i - back
    return kinds, parents


def _streams(start: int, stop: int, n: int, seed: int) -> np.ndarray:
    """Fingerprint articles ``start``..``stop`` of ``n`` (a worker process's share)."""
    kinds, parents = _plan(n, seed)
    weights = _weights()
    cumulative = np.cumsum(weights)
    out = []
    cache: dict[int, np.ndarray] = {}

    def words_of(i: int) -> np.ndarray:
        if i in cache:
            return cache[i]
        rng = np.random.default_rng([seed, i])
        if kinds[i] == 0:
            length = int(rng.integers(250, 900))
            story = np.random.default_rng([seed, 10**9 + i // 3]).integers(
                VOCABULARY, VOCABULARY + 10**7, 40
            )
            words = np.searchsorted(cumulative, rng.random(length)).astype(np.int64)
            named = rng.random(length) < 0.08
            words[named] = rng.choice(story, int(named.sum()))
        else:
            words = words_of(int(parents[i])).copy()
            if kinds[i] == 1:
                edits = rng.random(len(words)) < rng.uniform(0.02, 0.08)
                words[edits] = np.searchsorted(cumulative, rng.random(int(edits.sum())))
                if rng.random() < 0.2:
                    words = words[: int(len(words) * rng.uniform(0.7, 0.95))]
        if len(cache) > 50_000:
            cache.clear()
        cache[i] = words
        return words

    # A copy's words are its parent's, edited: made on demand (cached while recent).
    for i in range(start, stop):
        out.append(words_of(i))
    return signatures(out)


def corpus(n: int, seed: int = 61) -> Corpus:
    kinds, parents = _plan(n, seed)
    path = CACHE / f"news-{n}-{seed}-v4.npy"
    if path.exists():
        sigs = np.load(path)
    else:
        workers = max(1, min(os.cpu_count() or 1, 4))
        bounds = [n * k // workers for k in range(workers + 1)]
        with ProcessPoolExecutor(workers) as pool:
            parts = pool.map(
                _streams, bounds[:-1], bounds[1:], itertools.repeat(n), itertools.repeat(seed)
            )
            sigs = np.concatenate(list(parts))
        CACHE.mkdir(parents=True, exist_ok=True)
        np.save(path, sigs)
    return Corpus(sigs, kinds, parents, seed)


def _words(rng: random.Random, count: int) -> str:
    return " ".join(
        "".join(rng.choices("abcdefghijklmnoprstuvwy", k=rng.randint(3, 9))) for _ in range(count)
    )


@dataclass(frozen=True)
class Meta:
    article_id: str
    raw_id: str
    source: str
    url: str
    title: str
    published: str
    ingested: str
    content_hash: str


def metadata(c: Corpus, i: int, per_day: int = GDELT_PER_DAY) -> Meta:
    """The article's fields, of real lengths (a 60-80 character title, a 90-character URL)."""
    kind, parent = int(c.kinds[i]), int(c.parents[i])
    body_of = i if kind in (0, 1) else _body_root(c, i)
    rng = random.Random(f"{c.seed}:{i}")
    title = _words(rng, rng.randint(8, 12))[:80]
    site = f"www.{_words(rng, 1)}{i % SOURCES}.com"
    if kind == 3:
        url = metadata(c, parent, per_day).url
    else:
        url = f"https://{site}/news/2026/01/{1 + i % 28:02d}/{_words(rng, 6).replace(' ', '-')}"
    ingested = START + i * 86400 / per_day
    published = ingested - rng.uniform(0, 6 * 3600)
    body = hashlib.blake2b(f"{c.seed}:{body_of}".encode(), digest_size=16).hexdigest()
    return Meta(
        article_id=hashlib.blake2b(f"{url}|{title}".encode(), digest_size=12).hexdigest(),
        raw_id=hashlib.md5(f"raw:{i}".encode(), usedforsecurity=False).hexdigest(),
        source=site,
        url=url,
        title=title,
        published=_iso(published),
        ingested=_iso(ingested),
        content_hash=body,
    )


def _body_root(c: Corpus, i: int) -> int:
    """The article whose body an exact copy carries."""
    while int(c.kinds[i]) in (2, 3):
        i = int(c.parents[i])
    return i


def _iso(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def pairwise(sigs: list[list[int]] | np.ndarray) -> np.ndarray:
    """Estimated similarity of every pair, as the index estimates it."""
    return np.array([similarity(list(a), list(b)) for a, b in itertools.combinations(sigs, 2)])


def real_signatures(shared: Path) -> list[list[int]]:
    """The parse stage's MinHash of the 181 real gold bodies."""
    import orjson

    gold = orjson.loads(
        (shared / "datasets" / "article-extraction-benchmark" / "ground-truth.json").read_bytes()
    )
    return [
        minhash(item["articleBody"], perms=PERMS, shingle_words=3)
        for item in gold.values()
        if len(item.get("articleBody", "").split()) >= 40
    ]


def realism(c: Corpus, shared: Path, sample: int = 180) -> dict[str, tuple[float, float, float]]:
    """Unrelated pairs of real pages and of this corpus: mean similarity, share of pairs at
    0.1 or more, share of pairs sharing an LSH band (42 x 3)."""
    from workers.near_dup.fingerprints import band_keys

    fresh = np.flatnonzero(c.kinds == 0)[:sample]
    synthetic = [list(map(int, c.signatures[i])) for i in fresh]
    out = {}
    for label, sigs in (("real pages", real_signatures(shared)), ("this corpus", synthetic)):
        sims = pairwise(sigs)
        bands = [set(enumerate(band_keys(s, bands=42, rows=3))) for s in sigs]
        shared_band = np.mean([bool(a & b) for a, b in itertools.combinations(bands, 2)])
        out[label] = (float(sims.mean()), float((sims >= 0.1).mean()), float(shared_band))
    return out
