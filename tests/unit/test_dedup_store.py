"""The dedup index's compact entries, its write-behind mapping and its two bucket stores."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.corpus import labelled_near_duplicates
from workers.near_dup import buckets
from workers.near_dup.buckets import MAX_BAND_MEMBERS, DiskBuckets, Level, MemoryBuckets, Refs
from workers.near_dup.fingerprints import compact, similarities, similarity
from workers.near_dup.index import DedupIndex
from workers.near_dup.store import Member, WriteBehind, pack_member, unpack_member
from workers.parsing.article import parse_at
from workers.records import ParsedArticle, Position
from workers.settings import Settings

SETTINGS = Settings()

text = st.text(max_size=40)
members = st.builds(
    Member,
    id=st.one_of(text, st.binary(min_size=12, max_size=12).map(bytes.hex)),
    raw_id=text,
    source=text,
    url=st.one_of(st.none(), text),
    title=text,
    published_at=st.one_of(st.none(), text),
    hash=st.one_of(text, st.binary(min_size=16, max_size=16).map(bytes.hex)),
    sig=st.one_of(st.none(), st.binary(min_size=1, max_size=128)),
    root=st.one_of(st.just("t:0:1"), text),
    t=st.floats(allow_nan=False),
    indexed=st.booleans(),
)


@given(members, st.one_of(st.none(), st.lists(text, max_size=3)))
def test_a_packed_member_unpacks_to_itself(member: Member, pending: list[str] | None) -> None:
    if pending is not None:
        member["pending"] = pending
    assert unpack_member(pack_member(member, "t:0:1"), "t:0:1") == member


def article(value: bytes, offset: int) -> ParsedArticle:
    return parse_at(value, Position("articles.raw", 0, offset, 1_700_000_000.0), SETTINGS)


def test_a_member_is_a_few_hundred_bytes() -> None:
    """The table holds bytes, not dicts: the signature at one byte a slot, hex ids as bytes."""
    items = labelled_near_duplicates(3, seed=3)
    ix = DedupIndex(SETTINGS, {})
    for i, item in enumerate(items):
        a = article(item.value, i)
        ix.admit(a, ix.judge(a), 0.0)
    values = [v for k, v in ix.state.items() if k.startswith("m:")]
    assert values and all(isinstance(v, bytes) for v in values)
    longest_strings = max(len(a.title) + len(a.url or "") + len(a.source) for a in [a])
    assert max(map(len, values)) < 128 + 250 + longest_strings


def test_b_bit_similarity_corrects_for_chance_agreement() -> None:
    rng = random.Random(1)
    a = [rng.getrandbits(32) for _ in range(128)]
    unrelated = [rng.getrandbits(32) for _ in range(128)]
    assert similarity(a, a) == 1.0 and similarity(a, compact(a)) == 1.0
    assert similarity(a, unrelated) < 0.05
    half = a[:64] + unrelated[64:]
    assert abs(similarity(a, half) - 0.5) < 0.02


def test_write_behind_reads_its_writes_and_flushes_them_in_order() -> None:
    below: dict[str, object] = {"a": 1, "b": 2}
    log: list[tuple[str, object]] = []

    class Recording(dict):  # type: ignore[type-arg]
        def __setitem__(self, key: str, value: object) -> None:
            log.append((key, value))
            super().__setitem__(key, value)

        def __delitem__(self, key: str) -> None:
            log.append((key, None))
            super().__delitem__(key)

    table = Recording(below)
    view = WriteBehind(table)
    view["c"] = 3
    view["a"] = 10
    del view["b"]
    view["a"] = 11
    assert (view["a"], view.get("b"), "b" in view, sorted(view)) == (11, None, False, ["a", "c"])
    assert table == below and not log  # nothing written below yet
    view.flush()
    assert log == [("c", 3), ("a", 10), ("b", None), ("a", 11)]
    assert dict(table) == {"a": 11, "c": 3} and view.unflushed == 0
    view["d"] = 4
    view.discard()
    assert "d" not in view and "d" not in table
    with pytest.raises(KeyError):
        del view["zz"]


def test_refs_pack_positions_and_keep_other_shapes_whole() -> None:
    refs = Refs()
    shapes = ["articles.raw:0:5", "a:b:3:1099511627775", "x:01:5", "odd", "t:70000:1", ""]
    slots = [refs.append(ref) for ref in shapes * 300]  # past the first allocation
    assert [refs[s] for s in slots] == shapes * 300


def buckets_pair(tmp_path: Path) -> tuple[MemoryBuckets, DiskBuckets]:
    memory, disk = MemoryBuckets(), DiskBuckets(tmp_path / "buckets")
    for _ in memory.rebuilding(lambda: [], None, 10):
        pass
    for _ in disk.rebuilding(lambda: [], None, 10):
        pass
    return memory, disk


def test_memory_and_disk_buckets_answer_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, disk = buckets_pair(tmp_path)
    monkeypatch.setattr(MemoryBuckets, "FRESH_MAX", 64)  # settle into the sorted levels often
    try:
        rng = random.Random(7)
        for i in range(2000):
            ids = rng.sample(range(100), 5)
            memory.add(f"raw:0:{i}", ids)
            disk.add(f"raw:0:{i}", ids)
        for _ in range(200):
            ids = rng.sample(range(110), 8)
            assert memory.lookup(ids) == disk.lookup(ids)
        busy = max(range(100), key=lambda b: len(memory.lookup([b])))
        assert len(memory.lookup([busy])) == MAX_BAND_MEMBERS  # the newest of a crowded bucket
    finally:
        disk.close()


@pytest.mark.parametrize("columns", [0, 1])  # without and with a presence map
def test_disk_buckets_stay_right_when_writes_follow_their_lookups(
    tmp_path: Path, columns: int
) -> None:
    """An admission reuses what the lookup before it read, and skips buckets never written:
    lookups, adds and removes in any interleaving, over overlapping buckets, answer as a plain
    model of the buckets does."""
    disk = DiskBuckets(tmp_path / "buckets", columns)
    for _ in disk.rebuilding(lambda: [], None, 10):
        pass
    model: dict[int, list[str]] = {}

    def expected(ids: list[int]) -> set[str]:
        return {ref for b in ids for ref in model.get(b, [])[-MAX_BAND_MEMBERS:]}

    try:
        rng = random.Random(11)
        added: list[tuple[str, list[int]]] = []
        for i in range(1500):
            seen = rng.sample(range(40), 6)
            if rng.random() < 0.7:  # else a write follows the last write
                assert disk.lookup(seen) == expected(seen)
            if added and rng.random() < 0.3:
                ref, ids = added.pop(rng.randrange(len(added)))
                disk.remove(ref, ids)
                for b in ids:
                    if ref in model.get(b, []):
                        model[b].remove(ref)
            else:
                ref, ids = f"raw:0:{i}", rng.sample(seen, 3) + rng.sample(range(40), 2)
                disk.add(ref, ids)  # some of its buckets were just read, some not
                for b in dict.fromkeys(ids):
                    model[b] = [*model.get(b, []), ref][-MAX_BAND_MEMBERS:]
                added.append((ref, ids))
        assert disk.lookup(list(range(40))) == expected(list(range(40)))
    finally:
        disk.close()


def test_a_presence_map_clears_only_buckets_never_written() -> None:
    presence = buckets.Presence(2)
    limit = 2 << 24
    written = [0, 7, 8, 12345, limit - 1]
    presence.mark([*written, limit + 5])  # an id past the columns is not held: ignored
    probe = [*written, 1, 9, 12344, limit - 2, limit, limit + 5]
    assert presence.maybe(probe) == [True] * 5 + [False] * 4 + [True, True]


class Model:
    """The buckets as plain lists of refs, newest last: what every store must answer."""

    def __init__(self) -> None:
        self.held: dict[int, list[str]] = {}

    def add(self, ref: str, ids: list[int]) -> None:
        for b in dict.fromkeys(ids):
            self.held.setdefault(b, []).append(ref)

    def lookup(self, ids: list[int]) -> set[str]:
        return {ref for b in ids for ref in self.held.get(b, [])[-MAX_BAND_MEMBERS:]}


def _gated(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold every merge of levels until the returned event is set."""
    gate = threading.Event()
    merged: Callable[..., Any] = buckets._merged

    def held(*args: Any) -> Any:
        gate.wait()
        return merged(*args)

    monkeypatch.setattr(buckets, "_merged", held)
    return gate


def test_memory_buckets_answer_alike_while_merges_run_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Merges run on their own thread, each taking its time: whatever they have reached when a
    lookup comes, it answers what a plain model of the buckets answers, the newest
    ``MAX_BAND_MEMBERS`` of a crowded bucket included."""
    merged: Callable[..., Any] = buckets._merged
    rng = random.Random(3)

    def slow(*args: Any) -> Any:
        time.sleep(rng.random() / 500)
        return merged(*args)

    monkeypatch.setattr(buckets, "_merged", slow)
    monkeypatch.setattr(MemoryBuckets, "FRESH_MAX", 48)
    monkeypatch.setattr(MemoryBuckets, "QUEUED_MAX", 2)
    memory, model = MemoryBuckets(), Model()
    for i in range(3000):
        ids = rng.sample(range(120), 5)
        memory.add(f"raw:0:{i}", ids)
        model.add(f"raw:0:{i}", ids)
        seen = rng.sample(range(130), 6)
        assert memory.lookup(seen) == model.lookup(seen)
    memory.wait()
    assert memory.lookup(list(range(130))) == model.lookup(list(range(130)))
    assert memory.merge_cpu_s > 0


def test_a_merge_in_progress_stalls_no_caller_until_the_queue_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With the merge held, adds and lookups go on (their entries in the frozen dicts) until
    more than ``QUEUED_MAX`` dicts wait; then the next add waits for the merge."""
    gate = _gated(monkeypatch)
    monkeypatch.setattr(MemoryBuckets, "FRESH_MAX", 10)
    memory, model = MemoryBuckets(), Model()
    added = 0

    def add_one() -> None:
        nonlocal added
        ids = [added % 7, 100 + added]
        memory.add(f"raw:0:{added}", ids)
        model.add(f"raw:0:{added}", ids)
        added += 1

    # 2 entries an add: a dict is frozen every 6th add; the first one starts the held merge.
    while added < 6 * (MemoryBuckets.QUEUED_MAX + 1):
        add_one()
        assert memory.lookup([added % 7, 99 + added]) == model.lookup([added % 7, 99 + added])

    def add_a_dict() -> None:
        for _ in range(6):
            add_one()

    blocked = threading.Thread(target=add_a_dict)
    blocked.start()
    blocked.join(0.5)
    assert blocked.is_alive()  # a dict too many: the add waits for the held merge
    gate.set()
    blocked.join(10)
    assert not blocked.is_alive()
    memory.wait()
    every = [*range(7), *range(100, 100 + added)]
    assert memory.lookup(every) == model.lookup(every)


@pytest.mark.parametrize("replace", ["forget", "rebuild"])
def test_a_merge_of_replaced_levels_is_never_installed(
    monkeypatch: pytest.MonkeyPatch, replace: str
) -> None:
    """A merge still running when the buckets are forgotten or rebuilt (a partition moved, a
    sweep) ends without its levels reaching the new buckets."""
    gate = _gated(monkeypatch)
    monkeypatch.setattr(MemoryBuckets, "FRESH_MAX", 10)
    memory = MemoryBuckets()
    for i in range(12):
        memory.add(f"raw:0:{i}", [1, 2])  # a frozen dict: its merge is held
    memory.forget()
    if replace == "rebuild":
        entries = [buckets.Entry("raw:9:0", 1.0, [2, 3])]
        for _ in memory.rebuilding(lambda: entries, None, 10):
            pass
    gate.set()
    memory.wait()
    memory.add("raw:9:1", [3])
    expected = {"rebuild": {"raw:9:0", "raw:9:1"}, "forget": {"raw:9:1"}}[replace]
    assert memory.lookup([1, 2, 3]) == expected


def test_a_failed_merge_fails_every_later_call_rather_than_answer_without_its_entries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A merge that fails on its thread (out of memory, say) raises in the caller, and keeps
    raising: the buckets never answer as if the entries it held were not there."""

    def failing(*args: Any) -> Any:
        raise MemoryError("merge")

    monkeypatch.setattr(buckets, "_merged", failing)
    monkeypatch.setattr(MemoryBuckets, "FRESH_MAX", 10)
    memory = MemoryBuckets()
    for i in range(6):
        memory.add(f"raw:0:{i}", [1, 2])  # the sixth freezes the dict: its merge fails
    with pytest.raises(MemoryError):
        memory.wait()
    for call in (lambda: memory.lookup([1]), lambda: memory.add("raw:0:9", [3])):
        with pytest.raises(MemoryError):
            call()


@given(st.lists(st.integers(0, 5), max_size=40), st.integers(0, 50), st.integers(0, 1000))
def test_each_entrys_cell_is_the_one_whose_span_holds_it(
    counts: list[int], first: int, offset: int
) -> None:
    starts = np.concatenate([[offset], offset + np.cumsum(counts, dtype=np.int64)])
    expected = np.repeat(np.arange(first, first + len(counts), dtype=np.uint64), counts)
    assert np.array_equal(buckets._cell_of_each(starts.astype(np.int64), first), expected)


def test_memory_buckets_find_spread_ids_through_their_directories(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bucket ids spread like real band keys: the directory's windows, not the crowded-bucket
    path, answer; the disk store is the reference."""
    memory, disk = buckets_pair(tmp_path)
    monkeypatch.setattr(MemoryBuckets, "FRESH_MAX", 256)
    try:
        rng = random.Random(11)
        added: list[int] = []
        for i in range(4000):
            ids = [(column << 24) | rng.getrandbits(24) for column in range(6)]
            if added and rng.random() < 0.3:
                ids[rng.randrange(6)] = rng.choice(added)  # a shared band
            added += ids
            memory.add(f"raw:1:{i}", ids)
            disk.add(f"raw:1:{i}", ids)
        for _ in range(300):
            ids = rng.sample(added, 4) + [(2 << 24) | rng.getrandbits(24)]
            assert memory.lookup(ids) == disk.lookup(ids)
            assert memory.lookup(ids)
    finally:
        disk.close()


def _sorted_entries(rng: np.random.Generator, n: int, columns: int) -> np.ndarray:
    """Entries ``bucket << 32 | slot``: spread keys, a few shared ones, one crowded bucket."""
    keys = rng.integers(0, 1 << 24, n, dtype=np.uint64)
    keys[: n // 10] = rng.choice(keys[n // 10 : n // 5], n // 10)  # shared with another
    buckets = (rng.integers(0, columns, n, dtype=np.uint64) << np.uint64(24)) | keys
    buckets[n // 5 : n // 5 + 600] = (3 << 24) | 12345  # crowded: wider than a window
    slots = rng.integers(0, 1 << 32, n, dtype=np.uint64)
    return np.sort((buckets << np.uint64(32)) | slots)


def test_levels_merge_part_by_part_into_one_sorted_level(monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge goes a part of the cells at a time (here many parts), into a level with more
    cells and more columns; the result holds every entry, and finds what a dict finds."""
    monkeypatch.setattr(buckets, "_MERGE_PART", 512)
    rng = np.random.default_rng(5)
    old, fresh = _sorted_entries(rng, 20_000, 6), _sorted_entries(rng, 3_000, 8)
    level = buckets._merged(Level.of(old, 6), fresh, 6)
    everything = np.sort(np.concatenate([old, fresh]))
    assert np.array_equal(level.entries(), everything)
    reference: dict[int, list[int]] = {}
    for value in everything.tolist():
        reference.setdefault(value >> 32, []).append(value & 0xFFFFFFFF)
    wanted = [*rng.choice(list(reference), 200).tolist(), (7 << 24) | 99, (9 << 24) | 1]
    per: dict[int, list[int]] = {}
    level.find(wanted, per)
    assert per == {b: reference[b][-MAX_BAND_MEMBERS:] for b in wanted if b in reference}
    crowded = (3 << 24) | 12345
    assert len(reference[crowded]) > 2 * Level.WINDOW_MAX
    per = {}
    level.find([crowded, wanted[0]], per)
    assert per[crowded] == reference[crowded][-MAX_BAND_MEMBERS:]
    assert per[wanted[0]] == reference[wanted[0]][-MAX_BAND_MEMBERS:]


def test_disk_buckets_survive_a_restart_and_rebuild_for_another_owner(tmp_path: Path) -> None:
    items = labelled_near_duplicates(10, seed=9)
    articles = [article(item.value, i) for i, item in enumerate(items)]
    table: dict[str, object] = {}
    ix = DedupIndex(SETTINGS, table, DiskBuckets(tmp_path / "b"))
    for a in articles[:-8]:
        ix.admit(a, ix.judge(a), 0.0)
    expected = [ix.judge(a) for a in articles[-8:]]
    assert any(d.verdict.is_duplicate for d in expected)
    ix.lsh.close()

    # The same machine: its buckets match the table's owner token, nothing is rebuilt.
    again = DedupIndex(SETTINGS, table, DiskBuckets(tmp_path / "b"))
    steps = list(again.rebuilding(step=1))
    assert not steps and not again.needs_buckets
    assert [again.judge(a) for a in articles[-8:]] == expected
    again.lsh.close()

    # Another machine's buckets (or none): rebuilt from the table, then owned.
    table["o:"] = b"another"
    moved = DedupIndex(SETTINGS, table, DiskBuckets(tmp_path / "b"))
    assert len(list(moved.rebuilding(step=1))) >= len(articles) - 8
    assert [moved.judge(a) for a in articles[-8:]] == expected
    assert table["o:"] != b"another"
    moved.lsh.close()


def test_a_presence_map_is_kept_by_a_clean_stop_and_only_for_the_same_database(
    tmp_path: Path,
) -> None:
    columns = 2 + SETTINGS.lsh_bands
    items = labelled_near_duplicates(10, seed=9)
    articles = [article(item.value, i) for i, item in enumerate(items)]
    last = items[-1].cluster
    copies = [a for a, item in zip(articles, items, strict=True) if item.cluster == last]
    others = [a for a, item in zip(articles, items, strict=True) if item.cluster != last]
    assert len(copies) >= 2
    table: dict[str, object] = {}
    ix = DedupIndex(SETTINGS, table, DiskBuckets(tmp_path / "b", columns))
    for a in others:
        ix.admit(a, ix.judge(a), 0.0)
    ix.lsh.save_presence()  # type: ignore[attr-defined]
    ix.lsh.close()

    # A clean stop, then a start on the same files: the saved map is taken.
    again = DedupIndex(SETTINGS, table, DiskBuckets(tmp_path / "b", columns))
    list(again.rebuilding())
    assert again.lsh._presence is not None  # type: ignore[attr-defined]
    assert again.judge(copies[0]).verdict.kind == "unique"
    again.admit(copies[0], again.judge(copies[0]), 0.0)  # written after the save
    held = again.lsh._presence.bits.copy()  # type: ignore[attr-defined]
    again.lsh.close()  # then a crash: no save

    # The saved map misses the buckets written after it: refused, and made again from the keys
    # on disk, bit for bit the map the crashed process held; a copy joins the cluster written
    # after the save.
    crashed = DedupIndex(SETTINGS, table, DiskBuckets(tmp_path / "b", columns))
    list(crashed.rebuilding())
    assert np.array_equal(crashed.lsh._presence.bits, held)  # type: ignore[attr-defined]
    joined = crashed.judge(copies[1])
    assert copies[0].raw_ref in {joined.root, *joined.merged}
    crashed.lsh.close()


@pytest.mark.parametrize("seed", range(3))
def test_disk_and_memory_indexes_give_the_same_verdicts(tmp_path: Path, seed: int) -> None:
    items = labelled_near_duplicates(10, seed=seed)
    order = [article(item.value, i) for i, item in enumerate(items)]
    random.Random(seed).shuffle(order)
    memory = DedupIndex(SETTINGS, {})
    disk = DedupIndex(SETTINGS, {}, DiskBuckets(tmp_path / "b", 2 + SETTINGS.lsh_bands))
    for a in order:
        memory.admit(a, memory.judge(a), 0.0)
        disk.admit(a, disk.judge(a), 0.0)
    assert memory.verdicts() == disk.verdicts()
    assert any(v.is_duplicate for v in memory.verdicts().values())
    disk.lsh.close()


def test_an_index_of_the_json_release_migrates_to_the_same_verdicts() -> None:
    """``wirestream migrate-dedup`` converts the old table: same members, clusters and roots,
    the same answers for articles that arrive after the upgrade."""
    from workers.near_dup.migrate import convert

    items = labelled_near_duplicates(10, seed=9)
    articles = [article(item.value, i) for i, item in enumerate(items)]
    ix = DedupIndex(SETTINGS, {})
    for a in articles[:-8]:
        ix.admit(a, ix.judge(a), 5.0)
    old: dict[str, object] = {}  # the same state as the JSON release wrote it
    for ref, member in ix.members().items():
        a = next(x for x in articles if x.raw_ref == ref)
        entry = {**member, "sig": a.minhash}
        del entry["indexed"]
        old[f"m:{ref}"] = entry
        old.setdefault(f"hash:{member['hash']}", {"m": ref})
        if member["url"]:
            old.setdefault(f"url:{member['url']}", {"m": ref})
    for key, value in ix.state.items():
        if key.startswith("c:"):
            old[key] = dict(zip(("members", "t"), unpack_cluster_fields(value), strict=True))
    for ref, member in ix.members().items():
        if member["root"] == ref and f"c:{ref}" not in old:
            old[f"c:{ref}"] = {"members": [ref], "t": 5.0}  # the old release wrote singletons
    old["band:b7:00ff"] = {"ms": []}
    migrated = DedupIndex(SETTINGS, convert(old))
    assert migrated.members() == ix.members()
    assert dict(migrated.state) == dict(ix.state)
    assert [migrated.judge(a) for a in articles[-8:]] == [ix.judge(a) for a in articles[-8:]]


def unpack_cluster_fields(value: bytes) -> tuple[list[str], float]:
    from workers.near_dup.store import unpack_cluster

    cluster = unpack_cluster(value)
    return cluster["members"], cluster["t"]


@pytest.mark.parametrize("count", [0, 1, 3, 11, 12, 40])
def test_similarities_one_by_one_and_in_one_numpy_call_agree_with_similarity(count: int) -> None:
    """Few candidates are compared one by one, many in one numpy call: both give exactly
    ``similarity``'s value for each pair, and a signature of another width scores 0."""
    rng = random.Random(count)
    mine = bytes(rng.randrange(256) for _ in range(128))
    others = [
        bytes(b if rng.random() < share else rng.randrange(256) for b in mine)
        for share in [k / max(count, 1) for k in range(count)]
    ]
    assert similarities(mine, others) == [similarity(mine, other) for other in others]
    assert similarities(mine, [*others, mine[:64]])[-1] == 0.0
