"""The index's entries, typed, and the one mapping that holds them (a Faust table in the worker,
a dict in tests). Two kinds of entry, each a compact byte string:

    m:<raw_ref>        Member   an admitted article (``pending`` while its admission is unfinished)
    c:<root raw_ref>   Cluster  the members of a cluster of two or more whose original is ``root``

A member alone in its cluster has no ``c:`` entry: its cluster is itself (most articles are
unique, so most clusters are singletons). The lookups by URL, body and LSH band are derived from
the members and kept beside the table (``buckets``), not in it.

One table has one changelog partition, so the writes of one admission are ordered: a crash
leaves a prefix of them (see ``index.DedupIndex.admit``).

A member packs into about 400 bytes: a fixed head (format, flags, event time), the b-bit
signature (one byte a slot) and its strings as one orjson array. See docs/dedup.md for the
measured cost per retained article.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator, MutableMapping
from typing import Any, NotRequired, TypedDict

import orjson

from workers.near_dup.fingerprints import compact
from workers.records import ParsedArticle

FORMAT = 2  # the first byte of every packed member; the JSON entries of 2026-11 had none
# The table's RocksDB (``rocksdb://``), as Faust's ``Table(options=...)`` takes them: bloom
# filters of 10 bits a key (1% false positives) instead of Faust's 3 (about 24%). Each article
# looks up about two keys that are not there (its own member and cluster), and each false
# positive reads a block, in every level the database has grown.
TABLE_ROCKSDB_OPTIONS: dict[str, Any] = {"bloom_filter_size": 10}
_HEAD = struct.Struct("<BBdH")  # format, flags, event time, signature length
# Then, by flags: the body hash as 16 bytes, the article id as 12 bytes (when they are the
# lowercase hex that parse makes), the signature, and the other strings as one orjson array.
_CLUSTER = struct.Struct("<d")  # event time of the newest member; then the refs, "\n"-joined
_URL, _PUBLISHED, _PENDING, _INDEXED, _HASH16, _ID12, _SELF_ROOT = 1, 2, 4, 8, 16, 32, 64


class Member(TypedDict):
    id: str  # article_id
    raw_id: str
    source: str
    url: str | None
    title: str
    published_at: str | None
    hash: str  # content_hash
    sig: bytes | None  # b-bit MinHash signature; None for a body too short to compare
    root: str  # raw_ref of its cluster's original
    t: float  # event time (seconds): when its raw message reached Kafka
    indexed: bool  # in the LSH bands: the first member with its body (a copy has its bands)
    pending: NotRequired[list[str]]  # roots to merge: the admission is not finished


class Cluster(TypedDict):
    members: list[str]  # raw_refs, the original's included
    t: float  # event time of the newest member: the cluster expires from it


def member_of(
    article: ParsedArticle, root: str, event_time: float, sig: bytes | None = None
) -> Member:
    """The article as a member (``sig``: its b-bit signature, if already made)."""
    if sig is None and article.minhash:
        sig = compact(article.minhash)
    return Member(
        id=article.article_id,
        raw_id=article.raw_id,
        source=article.source,
        url=article.url,
        title=article.title,
        published_at=article.published_at,
        hash=article.content_hash,
        sig=sig,
        root=root,
        t=event_time,
        indexed=False,
    )


def _hex(text: str, size: int) -> bytes | None:
    """``text`` as ``size`` bytes, if it is exactly their lowercase hex."""
    if len(text) != 2 * size:
        return None
    try:
        raw = bytes.fromhex(text)
    except ValueError:
        return None
    return raw if raw.hex() == text else None


def pack_member(member: Member, ref: str | None = None) -> bytes:
    """The member as bytes; ``ref`` is its own raw_ref (a root that is itself is not stored)."""
    pending = member.get("pending")
    body = _hex(member["hash"], 16)
    ident = _hex(member["id"], 12)
    flags = (
        (_URL if member["url"] is not None else 0)
        | (_PUBLISHED if member["published_at"] is not None else 0)
        | (_PENDING if pending is not None else 0)
        | (_INDEXED if member["indexed"] else 0)
        | (_HASH16 if body is not None else 0)
        | (_ID12 if ident is not None else 0)
        | (_SELF_ROOT if member["root"] == ref else 0)
    )
    sig = member["sig"] or b""
    strings = [
        "" if ident is not None else member["id"],
        member["raw_id"],
        member["source"],
        member["title"],
        "" if body is not None else member["hash"],
        "" if flags & _SELF_ROOT else member["root"],
        member["url"] or "",
        member["published_at"] or "",
        *(pending or []),
    ]
    head = _HEAD.pack(FORMAT, flags, member["t"], len(sig))
    return b"".join((head, body or b"", ident or b"", sig, orjson.dumps(strings)))


def unpack_member(value: bytes, ref: str | None = None) -> Member:
    fmt, flags, t, width = _HEAD.unpack_from(value)
    if fmt != FORMAT:
        raise ValueError(f"not a packed member (format {fmt})")
    at = _HEAD.size
    body = ident = None
    if flags & _HASH16:
        body, at = value[at : at + 16].hex(), at + 16
    if flags & _ID12:
        ident, at = value[at : at + 12].hex(), at + 12
    sig, at = value[at : at + width], at + width
    strings = orjson.loads(value[at:])
    root = strings[5]
    if flags & _SELF_ROOT:
        if ref is None:
            raise ValueError("a member whose root is itself is read by its ref")
        root = ref
    member = Member(
        id=ident or strings[0],
        raw_id=strings[1],
        source=strings[2],
        title=strings[3],
        hash=body or strings[4],
        root=root,
        url=strings[6] if flags & _URL else None,
        published_at=strings[7] if flags & _PUBLISHED else None,
        sig=sig or None,
        t=t,
        indexed=bool(flags & _INDEXED),
    )
    if flags & _PENDING:
        member["pending"] = strings[8:]
    return member


def member_signature(value: bytes) -> bytes:
    """A packed member's b-bit signature, without unpacking the rest."""
    flags, width = value[1], _HEAD.unpack_from(value)[3]
    at = _HEAD.size + (16 if flags & _HASH16 else 0) + (12 if flags & _ID12 else 0)
    return value[at : at + width]


def member_time(value: bytes) -> float:
    """A packed member's event time, without unpacking the rest."""
    return float(_HEAD.unpack_from(value)[2])


def pack_cluster(cluster: Cluster) -> bytes:
    return _CLUSTER.pack(cluster["t"]) + "\n".join(cluster["members"]).encode()


def unpack_cluster(value: bytes) -> Cluster:
    (t,) = _CLUSTER.unpack_from(value)
    return Cluster(members=value[_CLUSTER.size :].decode().split("\n"), t=t)


class ClusterStore:
    """Typed access to the mapping's entries."""

    def __init__(self, state: MutableMapping[str, Any]) -> None:
        self.state = state

    def packed(self, ref: str) -> bytes | None:
        return self.state.get(f"m:{ref}")  # type: ignore[no-any-return]

    def member(self, ref: str) -> Member | None:
        value = self.state.get(f"m:{ref}")
        return unpack_member(value, ref) if value is not None else None

    def put_member(self, ref: str, member: Member) -> None:
        self.state[f"m:{ref}"] = pack_member(member, ref)

    def drop_member(self, ref: str) -> Member:
        member = unpack_member(self.state[f"m:{ref}"], ref)
        del self.state[f"m:{ref}"]
        return member

    def members(self) -> dict[str, Member]:
        return {ref: member for ref, member in self.iter_members()}

    def iter_members(self) -> Iterator[tuple[str, Member]]:
        for key, value in self.state.items():
            if key.startswith("m:"):
                yield key[2:], unpack_member(value, key[2:])

    def cluster(self, root: str) -> Cluster | None:
        """The cluster whose original is ``root``: its ``c:`` entry, or the root alone."""
        value = self.state.get(f"c:{root}")
        if value is not None:
            return unpack_cluster(value)
        member = self.member(root)
        if member is not None and member["root"] == root:
            return Cluster(members=[root], t=member["t"])
        return None

    def put_cluster(self, root: str, cluster: Cluster) -> None:
        """A cluster of one is its member alone: no entry (an old one is dropped)."""
        if len(cluster["members"]) > 1:
            self.state[f"c:{root}"] = pack_cluster(cluster)
        elif f"c:{root}" in self.state:
            del self.state[f"c:{root}"]

    def drop_cluster(self, root: str) -> None:
        if f"c:{root}" in self.state:
            del self.state[f"c:{root}"]

    def is_live_root(self, root: str) -> bool:
        member = self.member(root)
        return member is not None and member["root"] == root

    def keys(self) -> list[str]:
        """A snapshot of every key (the sweep deletes while it walks)."""
        return list(self.state.keys())

    def get(self, key: str) -> Any:
        return self.state.get(key)

    def delete(self, key: str) -> None:
        del self.state[key]


_GONE = object()


class WriteBehind(MutableMapping[str, Any]):
    """A mapping over another whose writes wait for ``flush``: reads see them at once, and
    ``flush`` replays them onto the mapping below in the order they were made (so a crash in
    the middle of a flush leaves a prefix of them, as the crash protocol expects).

    The dedup stage judges a batch of articles over it, waits until every output of the batch
    is acknowledged, and only then flushes: the table's changelog never records a decision
    whose outputs could still be lost."""

    def __init__(self, below: MutableMapping[str, Any]) -> None:
        self.below = below
        self._latest: dict[str, Any] = {}
        self._log: list[tuple[str, Any]] = []

    def __getitem__(self, key: str) -> Any:
        value = self._latest.get(key, None)
        if value is _GONE:
            raise KeyError(key)
        if value is not None:
            return value
        return self.below[key]

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        if key in self._latest:
            return self._latest[key] is not _GONE  # type: ignore[index]
        return key in self.below

    def __setitem__(self, key: str, value: Any) -> None:
        self._latest[key] = value
        self._log.append((key, value))

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._latest[key] = _GONE
        self._log.append((key, _GONE))

    def __iter__(self) -> Iterator[str]:
        for key in self.below:
            if self._latest.get(key, None) is not _GONE:
                yield key
        for key, value in list(self._latest.items()):
            if value is not _GONE and key not in self.below:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @property
    def unflushed(self) -> int:
        return len(self._log)

    def flush(self) -> None:
        for key, value in self._log:
            if value is _GONE:
                if key in self.below:
                    del self.below[key]
            else:
                self.below[key] = value
        self._latest.clear()
        self._log.clear()

    def discard(self) -> None:
        """Forget the writes not flushed (their outputs failed: the batch is redelivered)."""
        self._latest.clear()
        self._log.clear()
