"""Fingerprints of article bodies for near-duplicate detection: MinHash over word shingles.

Computed by the parse stage (in parallel, on every partition) so that the single-partition
dedup index only compares. datasketch's MinHash hashes with SHA-1 under a fixed seed, so a
signature is the same in every process and across restarts (never Python's ``hash()``).
"""

from __future__ import annotations

import hashlib
import re
import struct

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


def band_keys(signature: list[int], *, bands: int, rows: int) -> list[str]:
    """One stable key per LSH band: ``b<i>:<blake2b of the band's slots>``."""
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows]
        digest = hashlib.blake2b(struct.pack(f">{len(chunk)}Q", *chunk), digest_size=8)
        keys.append(f"b{band}:{digest.hexdigest()}")
    return keys


def content_hash(body: str) -> str:
    return hashlib.blake2b(" ".join(words(body)).encode(), digest_size=16).hexdigest()
