"""Fingerprints of article bodies for near-duplicate detection: MinHash over word shingles.

Computed by the parse stage (in parallel, on every partition) so that the single-partition
dedup index only compares. datasketch's MinHash hashes with SHA-1 under a fixed seed, so a
signature is the same in every process and across restarts (never Python's ``hash()``). Only
the LSH band keys, which never leave the process, use Python's ``hash()`` (of integers).
"""

from __future__ import annotations

import hashlib
import re

from datasketch import MinHash

from workers.parsing.page import normalise

_WORD = re.compile(r"\w+", re.UNICODE)
SEED = 1


def words(body: str) -> list[str]:
    return _WORD.findall(normalise(body))


def shingles(body: str, size: int) -> set[bytes]:
    tokens = words(body)
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def minhash(body: str, *, perms: int, shingle_words: int) -> list[int]:
    sketch = MinHash(num_perm=perms, seed=SEED)
    sketch.update_batch(list(shingles(body, shingle_words)))
    return [int(v) for v in sketch.hashvalues]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity: the share of equal signature slots."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def band_keys(signature: list[int], *, bands: int, rows: int) -> list[int]:
    """One key per LSH band: Python's hash of the band's number and slots. The buckets live in
    memory only (rebuilt from the signatures after a restart), so the key need not be stable
    across processes; a collision only adds a candidate, and candidates are verified."""
    return [hash((band, *signature[band * rows : (band + 1) * rows])) for band in range(bands)]


def content_hash(body: str) -> str:
    return hashlib.blake2b(" ".join(words(body)).encode(), digest_size=16).hexdigest()
