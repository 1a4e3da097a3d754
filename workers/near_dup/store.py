"""The index's entries, typed, and the one mapping that holds them (a Faust table in the worker,
a dict in tests). The stored form is plain JSON, the same since the one-table index began:

    m:<raw_ref>        Member   an admitted article (``pending`` while its admission is unfinished)
    c:<root raw_ref>   Cluster  the members of a cluster whose original is ``root``
    url:<url>          KeyRef   the first live member with that canonical URL
    hash:<body hash>   KeyRef   the first live member with that body

One table has one changelog partition, so the writes of one admission are ordered: a crash
leaves a prefix of them (see ``index.DedupIndex.admit``).
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any, NotRequired, TypedDict, cast

from workers.records import ParsedArticle


class Member(TypedDict):
    id: str  # article_id
    raw_id: str
    source: str
    url: str | None
    title: str
    published_at: str | None
    hash: str  # content_hash
    sig: list[int] | None  # MinHash signature; None for a body too short to compare
    root: str  # raw_ref of its cluster's original
    t: float  # event time (seconds): when its raw message reached Kafka
    pending: NotRequired[list[str]]  # roots to merge: the admission is not finished


class Cluster(TypedDict):
    members: list[str]  # raw_refs, the original's included
    t: float  # event time of the newest member: the cluster expires from it


class KeyRef(TypedDict):
    m: str  # raw_ref of the member that answers for the key


def member_of(article: ParsedArticle, root: str, event_time: float) -> Member:
    return Member(
        id=article.article_id,
        raw_id=article.raw_id,
        source=article.source,
        url=article.url,
        title=article.title,
        published_at=article.published_at,
        hash=article.content_hash,
        sig=article.minhash,
        root=root,
        t=event_time,
    )


def exact_keys(article: ParsedArticle) -> list[str]:
    """The keys that find an exact copy: the same canonical URL, the same body."""
    url = [f"url:{article.url}"] if article.url else []
    return [*url, f"hash:{article.content_hash}"]


class ClusterStore:
    """Typed access to the mapping's entries."""

    def __init__(self, state: MutableMapping[str, Any]) -> None:
        self.state = state

    def member(self, ref: str) -> Member | None:
        return cast("Member | None", self.state.get(f"m:{ref}"))

    def put_member(self, ref: str, member: Member) -> None:
        self.state[f"m:{ref}"] = member

    def drop_member(self, ref: str) -> Member:
        member = cast(Member, self.state[f"m:{ref}"])
        del self.state[f"m:{ref}"]
        return member

    def members(self) -> dict[str, Member]:
        return {k[2:]: cast(Member, v) for k, v in self.state.items() if k.startswith("m:")}

    def cluster(self, root: str) -> Cluster | None:
        return cast("Cluster | None", self.state.get(f"c:{root}"))

    def put_cluster(self, root: str, cluster: Cluster) -> None:
        self.state[f"c:{root}"] = cluster

    def drop_cluster(self, root: str) -> None:
        del self.state[f"c:{root}"]

    def is_live_root(self, root: str) -> bool:
        return f"c:{root}" in self.state and f"m:{root}" in self.state

    def holder(self, key: str) -> str | None:
        """The raw_ref that answers for an exact key, if any."""
        held = cast("KeyRef | None", self.state.get(key))
        return held["m"] if held is not None else None

    def hold(self, key: str, ref: str) -> None:
        self.state[key] = KeyRef(m=ref)

    def entries(self) -> Iterator[tuple[str, Any]]:
        """A snapshot of every entry (the sweep deletes while it walks)."""
        return iter(list(self.state.items()))

    def delete(self, key: str) -> None:
        del self.state[key]
