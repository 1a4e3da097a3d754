"""The lookups beside the table: canonical URL, body hash and LSH band -> the members with that
key. They are derived from the members (each member carries its URL, body hash and signature),
so they are not written to the table's changelog (written there, the bands were nine in ten of
its messages). Every answer is a *candidate*: the index checks it against the member it names.

Two implementations of one interface:

- ``MemoryBuckets`` (the memory store): one sorted numpy array a column, of
  ``key << 32 | slot`` (8 bytes an entry), plus a small dict of recent entries merged into it
  when it passes 1/64 of the array; slots index a list of member keys (the table's own string
  objects, so 8 bytes a member). Rebuilt, in steps, after each partition assignment and after a
  sweep.
- ``DiskBuckets`` (``WIRESTREAM_STORE=rocksdb://``): a local RocksDB (rocksdict) beside Faust's
  tables, one entry per (column, key) holding the newest refs, read and written in batches.
  Survives restarts; it is rebuilt only when the table's ``owner`` token differs from its own
  (the partition was last written from another machine, or the files are new).

A key shared by more than ``MAX_BAND_MEMBERS`` members (boilerplate, or one article sent many
times) answers with its newest ones.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np

MAX_BAND_MEMBERS = 64
URL, BODY = 0, 1  # the exact columns; LSH band b is column 2 + b
# A bucket id is ``column << 24 | key``: 8 bits of column, 24 bits of key (a band of three
# one-byte rows exactly; longer bands and the exact keys are folded to 24 bits).
Ids = np.ndarray  # uint32 bucket ids
_KEY_BITS = 24
_KEY_MASK = (1 << _KEY_BITS) - 1
_SLOT_MASK = np.uint64(0xFFFFFFFF)


def _key24(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=3).digest())


def exact_ids(url: str | None, body_hash: str) -> list[int]:
    url_id = [(URL << _KEY_BITS) | _key24(url)] if url else []
    return [*url_id, (BODY << _KEY_BITS) | _key24(body_hash)]


def lsh_ids(signature: bytes, bands: int, rows: int) -> list[int]:
    """One bucket id a band: its rows' bytes as one integer (folded to 24 bits if longer)."""
    slots = np.frombuffer(signature, np.uint8, bands * rows).reshape(bands, rows)
    keys = np.zeros(bands, np.uint64)
    for row in range(rows):
        keys = (keys << np.uint64(8)) | slots[:, row]
    for _ in range(rows * 8 // _KEY_BITS):  # fold what is past 24 bits
        keys = (keys & np.uint64(_KEY_MASK)) ^ (keys >> np.uint64(_KEY_BITS))
    return (_columns(bands) | keys).tolist()  # type: ignore[no-any-return]


@functools.cache
def _columns(bands: int) -> np.ndarray:
    return np.arange(2, 2 + bands, dtype=np.uint64) << np.uint64(_KEY_BITS)


class Entry(NamedTuple):
    """What a rebuild reads of each member (``index.DedupIndex.entries``)."""

    ref: str
    t: float
    ids: list[int]


class Buckets(Protocol):
    durable: bool  # kept across restarts (on disk): swept members are removed, not rebuilt

    @property
    def built(self) -> bool: ...
    @property
    def owner(self) -> str | None: ...
    def take(self, owner: str) -> None: ...
    def forget(self) -> None: ...
    def lookup(self, ids: Sequence[int]) -> set[str]: ...
    def lookup_split(self, ids: Sequence[int], split: int) -> tuple[set[str], set[str]]: ...
    def add(self, ref: str, ids: Sequence[int]) -> None: ...
    def remove(self, ref: str, ids: Sequence[int]) -> None: ...
    def rebuilding(
        self, entries: Callable[[], Iterable[Entry]], owner: str | None, step: int
    ) -> Iterator[None]: ...
    def close(self) -> None: ...


class Refs:
    """Slot -> raw_ref, 8 bytes a slot: ``topic:partition:offset`` packed as a topic code
    (8 bits), the partition (16 bits) and the offset (40 bits); a ref of another shape is kept
    whole, in a list, under code 255."""

    _ODD = 255

    def __init__(self) -> None:
        self._packed = np.empty(1024, np.uint64)
        self._size = 0
        self._topics: list[str] = []
        self._codes: dict[str, int] = {}
        self._odd: list[str] = []

    def __len__(self) -> int:
        return self._size

    def append(self, ref: str) -> int:
        if self._size == len(self._packed):
            self._packed = np.resize(self._packed, self._size * 2)
        self._packed[self._size] = self._pack(ref)
        self._size += 1
        return self._size - 1

    def _pack(self, ref: str) -> int:
        head, _, offset = ref.rpartition(":")
        topic, _, partition = head.rpartition(":")
        code = self._codes.get(topic)
        if code is None and len(self._topics) < self._ODD and topic:
            code = self._codes[topic] = len(self._topics)
            self._topics.append(topic)
        if (
            code is not None
            and partition.isdigit()
            and offset.isdigit()
            and str(int(partition)) == partition
            and str(int(offset)) == offset
            and int(partition) < 1 << 16
            and int(offset) < 1 << 40
        ):
            return (code << 56) | (int(partition) << 40) | int(offset)
        self._odd.append(ref)
        return (self._ODD << 56) | (len(self._odd) - 1)

    def __getitem__(self, slot: int) -> str:
        value = int(self._packed[slot])
        code = value >> 56
        if code == self._ODD:
            return self._odd[value & ((1 << 56) - 1)]
        return f"{self._topics[code]}:{(value >> 40) & 0xFFFF}:{value & ((1 << 40) - 1)}"


class Level:
    """A sorted array of entries ``bucket id << 32 | slot`` with a directory: the bucket ids
    fall into cells (the column, then the key's top bits: about 32 entries a cell), and the
    directory holds where each cell starts. Finding a bucket is two directory reads and one
    short contiguous window, where a binary search over the whole array would miss the CPU's
    caches at every step once it is hundreds of megabytes. The directory costs about 1/32 of
    a 4-byte offset an entry."""

    WINDOW_MAX = 512  # a cell wider than this (a crowded bucket) is searched on its own

    def __init__(self, entries: np.ndarray, columns: int) -> None:
        self.entries = entries
        columns = max(columns, int(entries[-1] >> np.uint64(56)) + 1 if len(entries) else 1)
        per_column = len(entries) // columns
        self.bits = min(_KEY_BITS, max(0, (per_column // 32).bit_length()))
        cells = self._cells(entries >> np.uint64(32))
        counts = np.bincount(cells.astype(np.int64), minlength=columns << self.bits)
        kind = np.uint32 if len(entries) < 1 << 32 else np.uint64
        self.directory = np.zeros(len(counts) + 1, kind)
        np.cumsum(counts, out=self.directory[1:])

    def __len__(self) -> int:
        return len(self.entries)

    def _cells(self, buckets: np.ndarray) -> np.ndarray:
        columns = buckets >> np.uint64(_KEY_BITS)
        keys = (buckets & np.uint64(_KEY_MASK)) >> np.uint64(_KEY_BITS - self.bits)
        return (columns << np.uint64(self.bits)) | keys  # type: ignore[no-any-return]

    def find(self, ids: Sequence[int], per: dict[int, list[int]]) -> None:
        """Put the slots of each bucket in ``ids`` at the front of ``per[bucket]`` (this
        level's entries are older than what ``per`` holds)."""
        if not len(self.entries):
            return
        wanted = np.array(ids, np.uint64)
        cells = self._cells(wanted).astype(np.int64)
        inside = cells < len(self.directory) - 1
        cells = np.where(inside, cells, 0)
        lo = self.directory[cells].astype(np.int64)
        width = np.where(inside, self.directory[cells + 1].astype(np.int64) - lo, 0)
        widest = int(width.max(initial=0))
        if widest == 0:
            return
        if widest > self.WINDOW_MAX:
            for j in np.flatnonzero(width).tolist():
                cell = self.entries[lo[j] : lo[j] + width[j]]
                start, stop = cell.searchsorted(
                    np.array([ids[j] << 32, (ids[j] + 1) << 32], np.uint64)
                )
                if stop > start:
                    older = cell[max(start, stop - MAX_BAND_MEMBERS) : stop] & _SLOT_MASK
                    per.setdefault(ids[j], [])[:0] = older.tolist()
            return
        offsets = np.arange(widest)
        valid = offsets < width[:, None]
        window = self.entries[np.where(valid, lo[:, None] + offsets, 0)]
        match = valid & ((window >> np.uint64(32)) == wanted[:, None])
        for j in np.flatnonzero(match.any(axis=1)).tolist():
            older = (window[j][match[j]] & _SLOT_MASK)[-MAX_BAND_MEMBERS:]
            per.setdefault(ids[j], [])[:0] = older.tolist()


class MemoryBuckets:
    """Entries ``bucket id << 32 | slot`` (8 bytes), in three levels: a dict of the newest,
    merged into a sorted ``young`` level past 64k entries, merged into the sorted ``old`` level
    when it passes a sixteenth of it (a copy of ``old`` every 6% of growth; a copy of a small
    ``young`` every 1,500 articles). Each level has a directory (``Level``)."""

    FRESH_MAX = 1 << 16
    durable = False
    owner = None  # rebuilt after every assignment: no token to keep

    def __init__(self, columns: int = 0) -> None:
        self.columns = columns
        self._generation = 0  # a rebuild started before a ``forget`` is discarded
        self._built = False
        self._install(np.empty(0, np.uint64), Refs())

    def _install(self, old: np.ndarray, refs: Refs) -> None:
        self._old = Level(old, self.columns)
        self._young = Level(np.empty(0, np.uint64), self.columns)
        self._fresh: dict[int, int | list[int]] = {}
        self._fresh_size = 0
        self._refs = refs

    @property
    def built(self) -> bool:
        return self._built

    def forget(self) -> None:
        self._built = False
        self._generation += 1
        self._install(np.empty(0, np.uint64), Refs())

    def lookup(self, ids: Sequence[int]) -> set[str]:
        head, tail = self.lookup_split(ids, 0)
        return head | tail

    def lookup_split(self, ids: Sequence[int], split: int) -> tuple[set[str], set[str]]:
        """The refs under ``ids[:split]`` and under ``ids[split:]`` (a ref may be in both),
        the newest ``MAX_BAND_MEMBERS`` of each bucket."""
        per = self._slots(ids)
        refs = self._refs
        head = {s for b in ids[:split] for s in per.get(b, ())}
        tail = {s for b in ids[split:] for s in per.get(b, ())}
        return {refs[s] for s in head}, {refs[s] for s in tail}

    def _slots(self, ids: Sequence[int]) -> dict[int, list[int]]:
        per: dict[int, list[int]] = {}
        fresh = self._fresh
        for bucket in ids:
            held = fresh.get(bucket)
            if held is not None:
                per[bucket] = list(held) if isinstance(held, list) else [held]
        for level in (self._young, self._old):  # each older than the one before
            level.find(ids, per)
        return {bucket: slots[-MAX_BAND_MEMBERS:] for bucket, slots in per.items()}

    def add(self, ref: str, ids: Sequence[int]) -> None:
        """Buckets hold an int (one slot) or a list (more): ints keep the dict out of the
        cyclic garbage collector's way."""
        slot = self._refs.append(ref)
        fresh = self._fresh
        for bucket in ids:
            held = fresh.get(bucket)
            if held is None:
                fresh[bucket] = slot
            elif isinstance(held, list):
                held.append(slot)
            else:
                fresh[bucket] = [held, slot]
        self._fresh_size += len(ids)
        if self._fresh_size > self.FRESH_MAX:
            self._settle()

    def remove(self, ref: str, ids: Sequence[int]) -> None:
        """Nothing to do: a sweep forgets the buckets, and they are rebuilt without it."""

    def take(self, owner: str) -> None:
        return None

    def _settle(self) -> None:
        fresh = np.fromiter(
            (
                (bucket << 32) | slot
                for bucket, held in self._fresh.items()
                for slot in (held if isinstance(held, list) else (held,))
            ),
            np.uint64,
            self._fresh_size,
        )
        fresh.sort()
        young = _merged(self._young.entries, fresh)
        self._fresh, self._fresh_size = {}, 0
        if len(young) > max(len(self._old) // 16, 4 * self.FRESH_MAX):
            self._old = Level(_merged(self._old.entries, young), self.columns)
            young = np.empty(0, np.uint64)
        self._young = Level(young, self.columns)

    def rebuilding(
        self, entries: Callable[[], Iterable[Entry]], owner: str | None = None, step: int = 1000
    ) -> Iterator[None]:
        """Rebuild from every member, oldest first, pausing after every ``step`` members; a
        rebuild that a ``forget`` overtook is not installed."""
        generation = self._generation
        gathered: list[tuple[float, str, list[int]]] = []
        for i, entry in enumerate(entries(), 1):
            gathered.append((entry.t, entry.ref, entry.ids))
            if i % step == 0:
                yield
        gathered.sort(key=lambda e: (e[0], e[1]))
        refs = Refs()
        chunks = []
        for first in range(0, len(gathered), step * 10):
            part = gathered[first : first + step * 10]
            counts = [len(ids) for _t, _r, ids in part]
            ids = np.fromiter((b for _t, _r, bs in part for b in bs), np.uint64, sum(counts))
            slots = np.repeat(np.arange(first, first + len(part), dtype=np.uint64), counts)
            chunks.append((ids << np.uint64(32)) | slots)
            for _t, ref, _ids in part:
                refs.append(ref)
            yield
        del gathered
        old = np.concatenate(chunks) if chunks else np.empty(0, np.uint64)
        old.sort()
        if generation == self._generation:
            self._install(old, refs)
            self._built = True

    def snapshot(self) -> dict[int, set[str]]:
        """Every bucket with its refs (tests compare a rebuild with the live buckets)."""
        out: dict[int, set[str]] = {}
        for level in (self._old, self._young):
            for value in level.entries.tolist():
                out.setdefault(value >> 32, set()).add(self._refs[value & 0xFFFFFFFF])
        for bucket, held in self._fresh.items():
            slots = held if isinstance(held, list) else [held]
            out.setdefault(bucket, set()).update(self._refs[s] for s in slots)
        return out

    def close(self) -> None:
        return None


def _merged(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Two sorted arrays as one (``b``'s entries after ``a``'s equal ones)."""
    if not len(a):
        return b
    return np.insert(a, a.searchsorted(b, side="right"), b)


_OWNER = b"\xffowner"


class DiskBuckets:
    """The buckets in a local RocksDB: key ``column (1 byte) + key (4 bytes)``, value the refs
    ``\\n``-joined, newest last. Lookups are one multi-get; an admission is one multi-get and
    one write batch."""

    durable = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: Any = None  # opened on first use, not when the worker's modules load
        self._generation = 0
        self._built = False

    @property
    def _db(self) -> Any:
        if self._handle is None:
            self._handle = self._open()
        return self._handle

    def _open(self) -> Any:
        from rocksdict import Options, Rdict

        self.path.parent.mkdir(parents=True, exist_ok=True)
        return Rdict(str(self.path), options=Options(raw_mode=True))

    @property
    def built(self) -> bool:
        return self._built

    @property
    def owner(self) -> str | None:
        value = self._db.get(_OWNER)
        return value.decode() if value is not None else None

    def forget(self) -> None:
        self._built = False
        self._generation += 1

    @staticmethod
    def _raw(bucket: int) -> bytes:
        return bucket.to_bytes(4)

    def lookup(self, ids: Sequence[int]) -> set[str]:
        head, tail = self.lookup_split(ids, 0)
        return head | tail

    def lookup_split(self, ids: Sequence[int], split: int) -> tuple[set[str], set[str]]:
        head: set[str] = set()
        tail: set[str] = set()
        for i, value in enumerate(self._db[[self._raw(k) for k in ids]]):
            if value:
                (head if i < split else tail).update(value.decode().split("\n"))
        return head, tail

    def add(self, ref: str, ids: Sequence[int]) -> None:
        self._change(ref, ids, add=True)

    def remove(self, ref: str, ids: Sequence[int]) -> None:
        self._change(ref, ids, add=False)

    def _change(self, ref: str, keys: Sequence[int], *, add: bool) -> None:
        from rocksdict import WriteBatch

        raw = [self._raw(k) for k in dict.fromkeys(keys)]
        batch = WriteBatch(raw_mode=True)
        for key, value in zip(raw, self._db[raw], strict=True):
            refs = value.decode().split("\n") if value else []
            if ref in refs:
                refs.remove(ref)
            if add:
                refs = [*refs, ref][-MAX_BAND_MEMBERS:]
            if refs:
                batch.put(key, "\n".join(refs).encode())
            elif value:
                batch.delete(key)
        self._db.write(batch)

    def rebuilding(
        self, entries: Callable[[], Iterable[Entry]], owner: str | None, step: int = 1000
    ) -> Iterator[None]:
        """Up to date if the table's owner token is this store's (its last writer was this
        store): nothing to do. Otherwise start afresh and add every member, ``step`` at a time
        (one write batch a step), then take the owner token."""
        generation = self._generation
        if owner is not None and owner == self.owner:
            self._built = True
            return
        self.close()
        shutil.rmtree(self.path, ignore_errors=True)
        pending: dict[bytes, list[str]] = {}
        for i, entry in enumerate(entries(), 1):
            for key in entry.ids:
                refs = pending.setdefault(self._raw(key), [])
                refs.append(entry.ref)
            if i % step == 0:
                self._flush(pending)
                pending = {}
                yield
        self._flush(pending)
        if generation == self._generation:
            self._built = True

    def _flush(self, pending: dict[bytes, list[str]]) -> None:
        from rocksdict import WriteBatch

        if not pending:
            return
        keys = list(pending)
        batch = WriteBatch(raw_mode=True)
        for key, value in zip(keys, self._db[keys], strict=True):
            refs = (value.decode().split("\n") if value else []) + pending[key]
            batch.put(key, "\n".join(refs[-MAX_BAND_MEMBERS:]).encode())
        self._db.write(batch)

    def take(self, owner: str) -> None:
        """Record that these buckets hold every member of the table whose token is ``owner``."""
        self._db.put(_OWNER, owner.encode())
        self._db.flush()

    def snapshot(self) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {}
        for key, value in self._db.items():
            if key != _OWNER:
                out[int.from_bytes(key)] = set(value.decode().split("\n"))
        return out

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
