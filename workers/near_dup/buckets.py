"""The lookups beside the table: canonical URL, body hash and LSH band -> the members with that
key. They are derived from the members (each member carries its URL, body hash and signature),
so they are not written to the table's changelog (written there, the bands were nine in ten of
its messages). Every answer is a *candidate*: the index checks it against the member it names.

Two implementations of one interface:

- ``MemoryBuckets`` (the memory store): sorted levels of entries ``bucket id << 32 | slot``
  in 6 bytes each (``Level``), plus a small dict of recent entries merged into them in steps;
  a slot's member position is packed in 8 bytes (``Refs``). Rebuilt, in steps, after each
  partition assignment and after a sweep.
- ``DiskBuckets`` (``WIRESTREAM_STORE=rocksdb://``): a local RocksDB (rocksdict) beside Faust's
  tables, one entry per (column, key) holding the newest refs, read and written in batches.
  Survives restarts; it is rebuilt only when the table's ``owner`` token differs from its own
  (the partition was last written from another machine, or the files are new).

A key shared by more than ``MAX_BAND_MEMBERS`` members (boilerplate, or one article sent many
times) answers with its newest ones.
"""

from __future__ import annotations

import array
import ctypes
import functools
import hashlib
import shutil
import struct
import sys
import threading
import time
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
    if rows * 8 <= _KEY_BITS:  # the key fits: the rows' bytes read as one big-endian uint32
        wide = np.zeros((bands, 4), np.uint8)
        wide[:, 4 - rows :] = slots
        return (wide.view(">u4").ravel() | _columns32(bands)).tolist()  # type: ignore[no-any-return]
    keys = np.zeros(bands, np.uint64)
    for row in range(rows):
        keys = (keys << np.uint64(8)) | slots[:, row]
    for _ in range(rows * 8 // _KEY_BITS):  # fold what is past 24 bits
        keys = (keys & np.uint64(_KEY_MASK)) ^ (keys >> np.uint64(_KEY_BITS))
    return (_columns(bands) | keys).tolist()  # type: ignore[no-any-return]


@functools.cache
def _columns(bands: int) -> np.ndarray:
    return np.arange(2, 2 + bands, dtype=np.uint64) << np.uint64(_KEY_BITS)


@functools.cache
def _columns32(bands: int) -> np.ndarray:
    return np.arange(2, 2 + bands, dtype=np.uint32) << np.uint32(_KEY_BITS)


class Entry(NamedTuple):
    """What a rebuild reads of each member (``index.DedupIndex.entries``)."""

    ref: str
    t: float
    ids: list[int]


class Buckets(Protocol):
    durable: bool  # kept across restarts (on disk): swept members are removed, not rebuilt
    # Each bucket looked up is a database read: the index reads an article's URL and body
    # buckets first, and its bands only if it is not an exact copy. In memory one lookup of
    # every key costs less than two.
    reads_cost: bool

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
    def wait(self) -> None: ...
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

    @property
    def packed(self) -> np.ndarray:
        """Each slot's ref as one integer (refs of another shape: by arrival)."""
        return self._packed[: self._size]

    def reorder(self, order: np.ndarray) -> None:
        """Slot ``i`` now holds what slot ``order[i]`` held."""
        self._packed = self.packed[order]
        self._size = len(order)

    def append(self, ref: str) -> int:
        if self._size == len(self._packed):
            self._packed = np.resize(self._packed, max(1024, self._size * 2))
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


_CELL_BITS_MIN = 8  # so that the key bits below a cell's fit 16 bits
_MERGE_PART = 1 << 22  # entries of a level merged at a time (32 MB in their 8-byte form)


def _cell_bits(entries: int, columns: int) -> int:
    """How many top bits of a key name a cell: about 32 entries a cell, at least 8 bits."""
    per_column = entries // max(columns, 1)
    return min(_KEY_BITS, max(_CELL_BITS_MIN, (per_column // 32).bit_length()))


def _cell_starts(cells: np.ndarray, bits: int) -> np.ndarray:
    """The least entry (``bucket id << 32``) of each cell: ``column << bits | top key bits``."""
    cells = cells.astype(np.uint64)
    column = (cells >> np.uint64(bits)) << np.uint64(_KEY_BITS)
    top = (cells & np.uint64((1 << bits) - 1)) << np.uint64(_KEY_BITS - bits)
    return (column | top) << np.uint64(32)  # type: ignore[no-any-return]


def _cell_offsets(entries: np.ndarray, first: int, last: int, bits: int) -> np.ndarray:
    """Where cells ``first`` to ``last`` (excluded) start in sorted ``entries`` that hold them."""
    return entries.searchsorted(_cell_starts(np.arange(first, last), bits))  # type: ignore[no-any-return]


def _columns_in(entries: np.ndarray) -> int:
    return int(entries[-1] >> np.uint64(56)) + 1 if len(entries) else 1


def _offset_kind(total: int) -> type:
    return np.uint32 if total < 1 << 32 else np.uint64


class Level:
    """Entries ``bucket id << 32 | slot``, sorted, in 6 bytes each. The bucket ids fall into
    cells (the column, then the key's top bits: about 32 entries a cell); the directory holds
    where each cell starts, and each entry keeps only the key bits below its cell's (``low``,
    16 bits) and its slot (32 bits). Finding a bucket is two directory reads and one short
    contiguous window, where a binary search over the whole array would miss the CPU's caches
    at every step once it is hundreds of megabytes. The directory costs about 1/32 of a 4-byte
    offset an entry."""

    WINDOW_MAX = 512  # a cell wider than this (a crowded bucket) is searched on its own
    _offsets = np.arange(WINDOW_MAX)

    def __init__(
        self, low: np.ndarray, slots: np.ndarray, directory: np.ndarray, bits: int
    ) -> None:
        self.low, self.slots, self.directory, self.bits = low, slots, directory, bits
        self.columns = (len(directory) - 1) >> bits
        self._low_mask = np.uint64((1 << (_KEY_BITS - bits)) - 1)

    @classmethod
    def of(cls, entries: np.ndarray, columns: int) -> Level:
        """The level of sorted entries ``bucket id << 32 | slot``."""
        columns = max(columns, _columns_in(entries))
        bits = _cell_bits(len(entries), columns)
        directory = _cell_offsets(entries, 0, (columns << bits) + 1, bits)
        return cls(*_split(entries, bits), directory.astype(_offset_kind(len(entries))), bits)

    def __len__(self) -> int:
        return len(self.slots)

    def entries(self, first: int = 0, last: int | None = None) -> np.ndarray:
        """The entries of cells ``first`` to ``last`` (excluded) as ``bucket id << 32 | slot``."""
        last = len(self.directory) - 1 if last is None else last
        starts = self.directory[first : last + 1].astype(np.int64)
        cells = _cell_of_each(starts, first)
        lo, hi = int(starts[0]), int(starts[-1])
        buckets = (cells << np.uint64(_KEY_BITS - self.bits)) | self.low[lo:hi]
        return (buckets << np.uint64(32)) | self.slots[lo:hi]  # type: ignore[no-any-return]

    def find(self, ids: Sequence[int], per: dict[int, list[int]]) -> None:
        """Put the slots of each bucket in ``ids`` at the front of ``per[bucket]`` (this
        level's entries are older than what ``per`` holds). A handful of numpy calls whatever
        the number of ids: this runs twice for every article."""
        if not len(self.slots):
            return
        wanted = np.array(ids, np.uint64)
        # A bucket id's cell is its top bits: ``column << bits | key >> (24 - bits)``. An id
        # past the last column reads the last cell's end: an empty window.
        cells = wanted >> np.uint64(_KEY_BITS - self.bits)
        lo = self.directory.take(cells, mode="clip")
        width = self.directory.take(cells + np.uint64(1), mode="clip") - lo
        widest = int(width.max())
        if widest == 0:
            return
        low = (wanted & self._low_mask).astype(np.uint16)
        if widest > self.WINDOW_MAX:
            self._find_wide(ids, low, lo, width, per)
            return
        # Each id's cell as one row of a window (past its end: other cells, or clipped).
        offsets = self._offsets[:widest]
        at = np.minimum(lo[:, None].astype(np.int64) + offsets, len(self.slots) - 1)
        match = (self.low[at] == low[:, None]) & (offsets < width[:, None])
        rows, columns = np.nonzero(match)  # row-major: each id's slots in the level's order
        if not len(rows):
            return
        found: dict[int, list[int]] = {}
        for j, slot in zip(rows.tolist(), self.slots[at[rows, columns]].tolist(), strict=True):
            found.setdefault(j, []).append(slot)
        for j, older in found.items():
            per.setdefault(ids[j], [])[:0] = older[-MAX_BAND_MEMBERS:]

    def _find_wide(
        self,
        ids: Sequence[int],
        low: np.ndarray,
        lo: np.ndarray,
        width: np.ndarray,
        per: dict[int, list[int]],
    ) -> None:
        """``find`` when a cell is crowded: each cell searched on its own (sorted by ``low``)."""
        for j in np.flatnonzero(width).tolist():
            first = int(lo[j])
            cell = self.low[first : first + int(width[j])]
            start, stop = int(cell.searchsorted(low[j])), int(cell.searchsorted(low[j], "right"))
            if stop > start:
                older = self.slots[first + max(start, stop - MAX_BAND_MEMBERS) : first + stop]
                per.setdefault(ids[j], [])[:0] = older.tolist()


def _cell_of_each(starts: np.ndarray, first: int) -> np.ndarray:
    """The cell of each entry from ``starts[0]`` to ``starts[-1]``, where cell ``first + i``
    starts at ``starts[i]``: a running sum of the steps between non-empty cells. (What
    ``np.repeat`` gives, but numpy keeps the GIL through a repeat and lets go of it here: the
    merges run beside the caller's thread.)"""
    lo = int(starts[0])
    step = np.zeros(int(starts[-1]) - lo, np.uint64)
    full = np.flatnonzero(np.diff(starts))  # the cells that hold entries, in order
    if len(full):
        step[starts[full] - lo] = np.diff(full, prepend=0).astype(np.uint64)
    return np.cumsum(step, dtype=np.uint64) + np.uint64(first)  # type: ignore[no-any-return]


def _split(entries: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted entries as a level's ``low`` and ``slots``."""
    mask = np.uint64((1 << (_KEY_BITS - bits)) - 1)
    low = ((entries >> np.uint64(32)) & mask).astype(np.uint16)
    return low, (entries & _SLOT_MASK).astype(np.uint32)


def _merged(level: Level, fresh: np.ndarray, columns: int) -> Level:
    """A level with sorted entries ``fresh`` added (after the equal ones already there),
    a part of the directory's cells at a time: the whole level is never held in its 8-byte
    form, so a merge needs about the new level's room, not twice it."""
    columns = max(columns, level.columns, _columns_in(fresh))
    total = len(level) + len(fresh)
    bits = max(_cell_bits(total, columns), level.bits)
    shift, cells = bits - level.bits, columns << bits
    low, slots = np.empty(total, np.uint16), np.empty(total, np.uint32)
    directory: np.ndarray = np.empty(cells + 1, _offset_kind(total))
    parts = max(1, len(level) // _MERGE_PART)
    old_cells = len(level.directory) - 1
    at = taken = 0
    for k in range(parts):
        first, last = old_cells * k // parts, old_cells * (k + 1) // parts
        old = level.entries(first, last)
        new_first, new_last = first << shift, (last << shift) if k < parts - 1 else cells
        stop = len(fresh)
        if k < parts - 1:
            stop = int(fresh.searchsorted(_cell_starts(np.array([new_last]), bits)[0]))
        added = fresh[taken:stop]
        part = np.insert(old, old.searchsorted(added, side="right"), added) if len(old) else added
        directory[new_first:new_last] = at + _cell_offsets(part, new_first, new_last, bits)
        low[at : at + len(part)], slots[at : at + len(part)] = _split(part, bits)
        at, taken = at + len(part), stop
    directory[cells] = total
    return Level(low, slots, directory, bits)


def _empty_level(columns: int) -> Level:
    return Level.of(np.empty(0, np.uint64), columns)


@functools.cache
def _freed_arrays_go_back() -> None:
    """Have glibc serve every allocation from 128 KiB up with a mapping of its own, returned to
    the system when freed. By default its threshold rises after each such free (up to 32 MB),
    and from then on the levels' multi-megabyte arrays come from the heap, whose freed space
    stays resident: 1,478 bytes an article at 100k without this, 851 with it (docs/dedup.md).
    Other C libraries: nothing to do."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    m_mmap_threshold = -3  # from glibc's malloc.h
    libc.mallopt(m_mmap_threshold, 128 * 1024)


class _Merge:
    """One merge of the newest entries (``bucket id << 32 | slot``, in any order) into
    ``young``, and of ``young`` into ``old`` once it passes a sixteenth of it (or ``floor``),
    on a daemon thread: a worker that stops does not wait for it."""

    def __init__(
        self, young: Level, old: Level, fresh: np.ndarray, columns: int, floor: int
    ) -> None:
        self._levels: tuple[Level, Level] | None = None
        self._error: BaseException | None = None
        self.cpu_s = 0.0  # the thread's CPU time
        self._thread = threading.Thread(
            target=self._run,
            args=(young, old, fresh, columns, floor),
            name="wirestream-buckets-merge",
            daemon=True,
        )
        self._thread.start()

    def _run(self, young: Level, old: Level, fresh: np.ndarray, columns: int, floor: int) -> None:
        started = time.thread_time()
        try:
            fresh.sort()
            young = _merged(young, fresh, columns)
            del fresh
            if len(young) > max(len(old) // 16, floor):
                old = _merged(old, young.entries(), columns)
                young = _empty_level(columns)
            self._levels = (young, old)
        except BaseException as error:  # noqa: BLE001 - raised again where the levels are taken
            self._error = error
        self.cpu_s = time.thread_time() - started

    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> tuple[Level, Level]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._levels is not None
        return self._levels


Held = dict[int, int | list[int]]  # bucket id -> its slot, or its slots oldest first


class MemoryBuckets:
    """Entries ``bucket id << 32 | slot`` in three levels: a dict of the newest, merged into
    a sorted ``young`` level past ``FRESH_MAX`` entries, merged into the sorted ``old`` level
    when it passes a sixteenth of it (``old`` is rewritten every 6% of growth, a part at a
    time; ``young``, small, at every merge into it).

    The merges run on a thread of their own (numpy lets go of the GIL while it sorts, searches
    and copies), so that a merge neither stalls the caller (the worker's event loop) nor makes
    its cost per article grow with the window. A full dict is frozen and queued, still read by
    lookups; a merge takes every frozen dict (their entries, gathered as they were added), and
    the first call after it ends installs its levels and starts the next. Levels are never
    changed in place, so lookups read the previous ones meanwhile. Past ``QUEUED_MAX`` frozen
    dicts (a merge of ``old`` slower than the arrivals), the caller waits for the merge."""

    FRESH_MAX = 1 << 18  # about 6,000 articles; the dict is about 20 MB when full
    QUEUED_MAX = 4
    durable = False
    reads_cost = False
    owner = None  # rebuilt after every assignment: no token to keep

    def __init__(self, columns: int = 0) -> None:
        _freed_arrays_go_back()
        self.columns = columns
        self._generation = 0  # a rebuild started before a ``forget`` is discarded
        self._built = False
        self.merge_cpu_s = 0.0  # CPU time of the merges installed so far (benchmarks)
        self._install(_empty_level(columns), Refs())

    def _install(self, old: Level, refs: Refs) -> None:
        self._merge: _Merge | None = None  # a merge of levels replaced here is never installed
        self._old = old
        self._young = _empty_level(self.columns)
        self._merging: list[Held] = []  # the frozen dicts the merge in progress takes, oldest first
        self._queued: list[tuple[Held, array.array[int]]] = []  # frozen since it started
        self._fresh: Held = {}
        self._entries: array.array[int] = array.array("Q")  # the dict's, as they were added
        self._refs = refs

    @property
    def built(self) -> bool:
        return self._built

    def forget(self) -> None:
        self._built = False
        self._generation += 1
        self._install(_empty_level(self.columns), Refs())

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
        self._finish(wait=False)
        per: dict[int, list[int]] = {}
        for held_in in (*self._merging, *(held for held, _ in self._queued), self._fresh):
            for bucket in ids:  # oldest dict first
                held = held_in.get(bucket)
                if held is not None:
                    per.setdefault(bucket, []).extend(held if isinstance(held, list) else (held,))
        for level in (self._young, self._old):  # each older than the one before
            level.find(ids, per)
        return {bucket: slots[-MAX_BAND_MEMBERS:] for bucket, slots in per.items()}

    def add(self, ref: str, ids: Sequence[int]) -> None:
        """Buckets hold an int (one slot) or a list (more): ints keep the dict out of the
        cyclic garbage collector's way."""
        slot = self._refs.append(ref)
        fresh, entries = self._fresh, self._entries
        for bucket in ids:
            held = fresh.get(bucket)
            if held is None:
                fresh[bucket] = slot
            elif isinstance(held, list):
                held.append(slot)
            else:
                fresh[bucket] = [held, slot]
            entries.append((bucket << 32) | slot)
        if len(entries) > self.FRESH_MAX:
            self._queued.append((fresh, entries))
            self._fresh, self._entries = {}, array.array("Q")
            self._finish(wait=len(self._queued) > self.QUEUED_MAX)
        else:
            self._finish(wait=False)

    def remove(self, ref: str, ids: Sequence[int]) -> None:
        """Nothing to do: a sweep forgets the buckets, and they are rebuilt without it."""

    def take(self, owner: str) -> None:
        return None

    def _finish(self, *, wait: bool) -> None:
        """Install the merge's levels if it is over (``wait``: once it is), then start the
        merge of the dicts frozen meanwhile."""
        merge = self._merge
        if merge is not None:
            if not (wait or merge.done()):
                return
            self._young, self._old = merge.result()
            self.merge_cpu_s += merge.cpu_s
            self._merge, self._merging = None, []
        if self._queued:
            self._merging = [held for held, _ in self._queued]
            queued, self._queued = self._queued, []
            fresh = np.concatenate([np.frombuffer(entries, np.uint64) for _, entries in queued])
            floor = 4 * self.FRESH_MAX
            self._merge = _Merge(self._young, self._old, fresh, self.columns, floor)

    def wait(self) -> None:
        """Install every merge due, once it is over (tests, benchmarks)."""
        while self._merge is not None or self._queued:
            self._finish(wait=True)

    def rebuilding(
        self, entries: Callable[[], Iterable[Entry]], owner: str | None = None, step: int = 1000
    ) -> Iterator[None]:
        """Rebuild from every member, pausing after every ``step`` members; a rebuild that a
        ``forget`` overtook is not installed. Slots go oldest first (by event time). What is
        gathered is numpy from the first step (4 bytes a bucket id, 8 a ref), then sorted one
        column at a time into the level."""
        generation = self._generation
        staged = Refs()
        times: list[np.ndarray] = []
        ids: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        batch: list[Entry] = []
        for i, entry in enumerate(entries(), 1):
            batch.append(entry)
            if i % step == 0:
                _stage(batch, staged, times, ids, counts)
                batch = []
                yield
        _stage(batch, staged, times, ids, counts)
        t = np.concatenate(times)
        order = np.lexsort((staged.packed, t))  # oldest first; equal times by ref
        del t, times
        rank = np.empty(len(order), np.uint32)
        rank[order] = np.arange(len(order), dtype=np.uint32)
        all_ids = np.concatenate(ids)
        del ids
        built: list[Level] = []
        yield from _by_column(all_ids, np.concatenate(counts), rank, self.columns, built)
        if generation == self._generation:
            staged.reorder(order)
            self._install(built[0], staged)
            self._built = True

    def snapshot(self) -> dict[int, set[str]]:
        """Every bucket with its refs (tests compare a rebuild with the live buckets)."""
        self.wait()
        out: dict[int, set[str]] = {}
        for level in (self._old, self._young):
            for value in level.entries().tolist():
                out.setdefault(value >> 32, set()).add(self._refs[value & 0xFFFFFFFF])
        for bucket, held in self._fresh.items():
            slots = held if isinstance(held, list) else [held]
            out.setdefault(bucket, set()).update(self._refs[s] for s in slots)
        return out

    def close(self) -> None:
        self._merge = None  # its thread ends on its own


def _stage(
    batch: list[Entry],
    staged: Refs,
    times: list[np.ndarray],
    ids: list[np.ndarray],
    counts: list[np.ndarray],
) -> None:
    """A rebuild's step: its members' refs packed, their times and bucket ids as arrays."""
    for entry in batch:
        staged.append(entry.ref)
    times.append(np.array([entry.t for entry in batch], np.float64))
    sizes = [len(entry.ids) for entry in batch]
    counts.append(np.array(sizes, np.uint8))
    ids.append(np.fromiter((b for entry in batch for b in entry.ids), np.uint32, sum(sizes)))


def _by_column(
    ids: np.ndarray, counts: np.ndarray, rank: np.ndarray, columns: int, built: list[Level]
) -> Iterator[None]:
    """The level of every member's bucket ids (``ids``, ``counts`` of them a member, each
    member's slot in ``rank``), sorted one column at a time: the 8-byte entries of one column
    at once, not of all. Pauses after each column; the level is put in ``built``."""
    total = len(ids)
    column_of = (ids >> np.uint32(_KEY_BITS)).astype(np.uint8)
    columns = max(columns, int(column_of.max(initial=0)) + 1)
    bits = _cell_bits(total, columns)
    low, slots = np.empty(total, np.uint16), np.empty(total, np.uint32)
    directory: np.ndarray = np.empty((columns << bits) + 1, _offset_kind(total))
    first_of_member = np.cumsum(counts, dtype=np.int64) - counts
    at = 0
    for column in range(columns):
        where = np.flatnonzero(column_of == column)
        member = first_of_member.searchsorted(where, side="right") - 1
        part = (ids[where].astype(np.uint64) << np.uint64(32)) | rank[member]
        part.sort()
        first, last = column << bits, (column + 1) << bits
        directory[first:last] = at + _cell_offsets(part, first, last, bits)
        low[at : at + len(part)], slots[at : at + len(part)] = _split(part, bits)
        at += len(part)
        yield
    directory[-1] = total
    built.append(Level(low, slots, directory, bits))


_OWNER = b"\xffowner"
_PRESENCE_HEAD = struct.Struct("<QQ")  # the database's last sequence number, the columns


class Presence:
    """One bit for each bucket id below ``columns << 24``: set once the id has been written to
    the buckets on disk. A clear bit means the bucket is empty, so its read is skipped; a set
    bit may be stale (a bucket emptied by a sweep), which costs a read, never a miss. Its size
    is fixed by the columns (44 columns: 92 MB), whatever the window: most of an article's band
    ids are in no other member's buckets, and each read skipped is RocksDB probing its memtables
    and the bloom filters of every level for nothing."""

    def __init__(self, columns: int) -> None:
        self.limit = columns << _KEY_BITS
        self.bits = np.zeros((self.limit + 7) >> 3, np.uint8)

    def maybe(self, ids: Sequence[int]) -> list[bool]:
        """For each id: might its bucket hold a member (ids past the columns: yes)."""
        at = np.asarray(ids, np.int64)
        inside = at < self.limit
        held = (self.bits[np.where(inside, at, 0) >> 3] >> (at & 7).astype(np.uint8)) & 1
        return (held.astype(bool) | ~inside).tolist()  # type: ignore[no-any-return]

    def mark(self, ids: Sequence[int] | np.ndarray) -> None:
        at = np.asarray(ids, np.int64)
        at = at[at < self.limit]
        np.bitwise_or.at(self.bits, at >> 3, np.left_shift(1, at & 7).astype(np.uint8))


_BUCKET_KEY_BYTES = 4
_READ_KEPT = 4096  # values kept from lookups for the next admission (an article reads 2 + 42)
# A rebuild step adds a thousand members (44 keys each); a scan step reads as many keys.
SCAN_KEYS_PER_MEMBER = 44


class DiskBuckets:
    """The buckets in a local RocksDB: key ``column (1 byte) + key (3 bytes)``, value the refs
    ``\\n``-joined, newest last. Lookups are one multi-get; an admission is one write batch,
    whose read of the buckets it changes is the lookups just before it (the index judges, then
    admits, the same article), or one multi-get of the keys those lookups did not read.

    With ``columns`` given, a ``Presence`` map skips the reads of buckets never written. It is
    known for buckets this process built from scratch, and for buckets kept from an earlier
    process that saved it on a clean stop (``save_presence``) with nothing written after: the
    file records the database's last sequence number. Otherwise (a crash) it is made again from
    the database's keys before the first lookup: one scan of the keys, no values decoded."""

    durable = True
    reads_cost = True

    def __init__(self, path: Path, columns: int = 0, cache_mb: int = 512) -> None:
        self.path = path
        self.columns = columns
        self.cache_mb = cache_mb
        self._presence: Presence | None = None  # None: not known, every bucket is read
        self._handle: Any = None  # opened on first use, not when the worker's modules load
        self._generation = 0
        self._built = False
        # The values the lookups since the last write read, by key: the admission that follows
        # them changes them. Any write forgets them.
        self._read: dict[bytes, bytes | None] = {}

    @property
    def _db(self) -> Any:
        if self._handle is None:
            self._handle = self._open()
        return self._handle

    def _open(self) -> Any:
        from rocksdict import Options, Rdict

        self.path.parent.mkdir(parents=True, exist_ok=True)
        options = Options(raw_mode=True)
        # Point lookups only: bloom filters answer a miss without reading a block, a hash index
        # finds a hit in its block. About ten buckets an article are hits, so the reads cost
        # what the block cache misses: with RocksDB's 64 MiB here the last tenth of 1M articles
        # read its buckets at twice the first tenth's cost (docs/performance.md).
        options.optimize_for_point_lookup(self.cache_mb)
        return Rdict(str(self.path), options=options)

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
        self._read = {}

    @staticmethod
    def _raw(bucket: int) -> bytes:
        return bucket.to_bytes(_BUCKET_KEY_BYTES)

    def lookup(self, ids: Sequence[int]) -> set[str]:
        head, tail = self.lookup_split(ids, 0)
        return head | tail

    def lookup_split(self, ids: Sequence[int], split: int) -> tuple[set[str], set[str]]:
        head: set[str] = set()
        tail: set[str] = set()
        keys = [self._raw(k) for k in ids]
        values = self._get(ids, keys)
        if len(self._read) > _READ_KEPT:  # lookups with no admission after them
            self._read = {}
        self._read.update(zip(keys, values, strict=True))
        for i, value in enumerate(values):
            if value:
                (head if i < split else tail).update(value.decode().split("\n"))
        return head, tail

    def _get(self, ids: Sequence[int], keys: list[bytes]) -> list[bytes | None]:
        """The values of ``keys`` (the raw forms of ``ids``): one multi-get of those that may
        be held."""
        if self._presence is None:
            return self._db[keys]  # type: ignore[no-any-return]
        maybe = self._presence.maybe(ids)
        wanted = [key for key, held in zip(keys, maybe, strict=True) if held]
        found = iter(self._db[wanted] if wanted else [])
        return [next(found) if held else None for held in maybe]

    def add(self, ref: str, ids: Sequence[int]) -> None:
        self._change(ref, ids, add=True)

    def remove(self, ref: str, ids: Sequence[int]) -> None:
        self._change(ref, ids, add=False)

    def _change(self, ref: str, keys: Sequence[int], *, add: bool) -> None:
        from rocksdict import WriteBatch

        ids = list(dict.fromkeys(keys))
        raw = [self._raw(k) for k in ids]
        read, self._read = self._read, {}
        unread = [(i, key) for i, key in zip(ids, raw, strict=True) if key not in read]
        if unread:
            values = self._get([i for i, _ in unread], [key for _, key in unread])
            read.update(zip((key for _, key in unread), values, strict=True))
        batch = WriteBatch(raw_mode=True)
        for key in raw:
            value = read[key]
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
        if add and self._presence is not None:
            self._presence.mark(ids)

    def rebuilding(
        self, entries: Callable[[], Iterable[Entry]], owner: str | None, step: int = 1000
    ) -> Iterator[None]:
        """Up to date if the table's owner token is this store's (its last writer was this
        store): nothing to do. Otherwise start afresh and add every member, ``step`` at a time
        (one write batch a step), then take the owner token."""
        generation = self._generation
        if owner is not None and owner == self.owner:
            if self._presence is None and self.columns:
                self._presence = self._saved_presence()
                if self._presence is None:
                    yield from self._scanned_presence(step * SCAN_KEYS_PER_MEMBER)
            if generation == self._generation:
                self._built = True
            return
        self.close()
        shutil.rmtree(self.path, ignore_errors=True)
        self._presence_file.unlink(missing_ok=True)  # a new database numbers its writes anew
        self._presence = Presence(self.columns) if self.columns else None
        pending: dict[bytes, list[str]] = {}
        for i, entry in enumerate(entries(), 1):
            for key in entry.ids:
                refs = pending.setdefault(self._raw(key), [])
                refs.append(entry.ref)
            if self._presence is not None:
                self._presence.mark(entry.ids)
            if i % step == 0:
                self._flush(pending)
                pending = {}
                yield
        self._flush(pending)
        if generation == self._generation:
            self._built = True

    def _scanned_presence(self, step: int) -> Iterator[None]:
        """The presence map made from the keys on disk (after a crash, when no saved map fits),
        ``step`` keys at a time; it is installed only once every key was read."""
        presence = Presence(self.columns)
        chunk: list[bytes] = []
        for key in self._db.keys():  # noqa: SIM118 - a raw-mode Rdict is not iterable
            if len(key) == _BUCKET_KEY_BYTES:  # not the owner token
                chunk.append(key)
            if len(chunk) == step:
                presence.mark(np.frombuffer(b"".join(chunk), ">u4"))
                chunk = []
                yield
        if chunk:
            presence.mark(np.frombuffer(b"".join(chunk), ">u4"))
        self._presence = presence

    def _flush(self, pending: dict[bytes, list[str]]) -> None:
        from rocksdict import WriteBatch

        self._read = {}
        if not pending:
            return
        keys = list(pending)
        batch = WriteBatch(raw_mode=True)
        for key, value in zip(keys, self._db[keys], strict=True):
            refs = (value.decode().split("\n") if value else []) + pending[key]
            batch.put(key, "\n".join(refs[-MAX_BAND_MEMBERS:]).encode())
        self._db.write(batch)

    @property
    def _presence_file(self) -> Path:
        return self.path.with_name(self.path.name + ".presence")

    def save_presence(self) -> None:
        """Keep the presence map for the next process (on a clean stop): the map, after the
        database's last sequence number, written whole and then renamed into place."""
        if self._presence is None or self._handle is None:
            return
        sequence = int(self._db.latest_sequence_number())
        partial = self._presence_file.with_suffix(".partial")
        with partial.open("wb") as out:
            out.write(_PRESENCE_HEAD.pack(sequence, self.columns))
            out.write(self._presence.bits.tobytes())
        partial.replace(self._presence_file)

    def _saved_presence(self) -> Presence | None:
        """The saved map, if it was saved for exactly the database as it is now."""
        if not self.columns:
            return None
        try:
            with self._presence_file.open("rb") as saved:
                sequence, columns = _PRESENCE_HEAD.unpack(saved.read(_PRESENCE_HEAD.size))
                if columns != self.columns or sequence != self._db.latest_sequence_number():
                    return None
                presence = Presence(self.columns)  # 92 MB: only once the file is the one
                if saved.readinto(presence.bits) != len(presence.bits):  # type: ignore[arg-type]
                    return None
        except (OSError, struct.error):
            return None
        return presence

    def wait(self) -> None:
        """Nothing runs behind the caller's back here."""

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
        self._read = {}
        if self._handle is not None:
            self._handle.close()
            self._handle = None
