"""Fingerprints of article bodies for near-duplicate detection: MinHash over word shingles.

Computed by the parse stage (in parallel, on every partition) so that the single-partition
dedup index only compares. datasketch's MinHash hashes with SHA-1 under a fixed seed, so a
signature is the same in every process and across restarts (never Python's ``hash()``).

The index keeps b-bit signatures (Li and König, "b-Bit Minwise Hashing", 2010): the low
``SIG_BITS`` bits of each slot, one byte a slot. Two different slots then agree by chance with
probability 1/256, which ``similarity`` corrects for; the estimate's spread at the threshold
barely moves (see docs/dedup.md for the measured precision and recall). A band key is its rows'
bytes, so it is stable across processes and can key a table on disk.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash

from workers.parsing.page import normalise

_WORD = re.compile(r"\w+", re.UNICODE)
SEED = 1
SIG_BITS = 8  # bits kept of each MinHash slot in the index (one byte)
_CHANCE = 1 / (1 << SIG_BITS)  # two different slots agree by chance this often

Signature = Sequence[int] | bytes  # full (from parse) or b-bit (as the index keeps it)


def words(body: str) -> list[str]:
    return list(_tokens(body))


# The parse stage asks for one body's words three times in a row (its word count, its content
# hash, its shingles): the last body's are kept.
@functools.lru_cache(maxsize=1)
def _tokens(body: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(normalise(body)))


@functools.lru_cache(maxsize=4)
def _blank(perms: int) -> MinHash:
    """An empty sketch: its permutations are drawn once per size, not once per article."""
    return MinHash(num_perm=perms, seed=SEED)


def shingles(body: str, size: int) -> set[bytes]:
    tokens = _tokens(body)
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def minhash(body: str, *, perms: int, shingle_words: int) -> list[int]:
    blank = _blank(perms)
    sketch = MinHash(perms, SEED, permutations=blank.permutations, scheme=blank.scheme)
    sketch.update_batch(list(shingles(body, shingle_words)))
    return [int(v) for v in sketch.hashvalues]


def compact(signature: Signature) -> bytes:
    """The b-bit form the index keeps: the low byte of each slot."""
    if isinstance(signature, bytes):
        return signature
    return np.asarray(signature, dtype=np.uint64).astype(np.uint8).tobytes()


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity from the share of equal b-bit slots, corrected for the
    slots that agree by chance: (matches - c) / (1 - c), with c = 2**-SIG_BITS, clipped to
    [0, 1]. Full signatures are compared as their b-bit forms, so every caller agrees."""
    x, y = compact(a), compact(b)
    if not x or len(x) != len(y):
        return 0.0
    return _corrected(_equal_slots(int.from_bytes(x), y), len(x))


# Below this many candidates a signature is compared one by one in C (one XOR of two integers,
# about 1 µs each); from it on, in one numpy operation (about 10 µs, plus 0.13 µs a candidate).
# Most articles have none to three band candidates; a window of many millions, tens.
_ONE_BY_ONE = 12


def similarities(mine: bytes, others: list[bytes]) -> list[float]:
    """``similarity`` of one b-bit signature against many (signatures of another width: 0)."""
    width = len(mine)
    if len(others) < _ONE_BY_ONE or any(len(other) != width for other in others):
        me = int.from_bytes(mine)
        return [
            _corrected(_equal_slots(me, other), width) if width and len(other) == width else 0.0
            for other in others
        ]
    stacked = np.frombuffer(b"".join(others), np.uint8).reshape(len(others), width)
    equal = np.count_nonzero(stacked == np.frombuffer(mine, np.uint8), axis=1) / width
    return [float(v) for v in np.clip((equal - _CHANCE) / (1 - _CHANCE), 0.0, 1.0)]


def _equal_slots(mine: int, other: bytes) -> int:
    """How many one-byte slots two signatures of one width share: the zero bytes of their XOR."""
    return (mine ^ int.from_bytes(other)).to_bytes(len(other)).count(0)


def _corrected(equal: int, width: int) -> float:
    """The share of equal slots, corrected for chance agreement and clipped to [0, 1] (the
    same float operations as the numpy form)."""
    return min(max((equal / width - _CHANCE) / (1 - _CHANCE), 0.0), 1.0)


def band_keys(signature: Signature, *, bands: int, rows: int) -> list[int]:
    """One key per LSH band: the band's b-bit rows read as one integer (rows * SIG_BITS bits).
    Stable across processes; a chance collision only adds a candidate, which is verified."""
    sig = compact(signature)
    return [int.from_bytes(sig[band * rows : (band + 1) * rows]) for band in range(bands)]


def content_hash(body: str) -> str:
    return hashlib.blake2b(" ".join(_tokens(body)).encode(), digest_size=16).hexdigest()
