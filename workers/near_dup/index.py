"""The near-duplicate index: pure, no Faust; the dedup stage (``workers.stages.dedup``) keeps it
in a changelog-backed table.

Verdicts do not depend on arrival order. Copies form clusters: the connected components of
"same canonical URL", "same body hash" and "estimated similarity at or above the threshold".
A cluster's original is its least member by (published_at, article_id, content_hash); every
other member is its duplicate (members equal in all three are one article sent again: the first
to arrive stays the original). A cluster only ever grows or merges, so its original only
ever moves to an article that is either in hand (admitted now) or already admitted: when a copy
arrives that precedes the original, the old original is withdrawn (a null on
``articles.unique``, which enrich forwards to ``articles.enriched``) and every member's verdict
is re-sent with ``revised`` set. A duplicate is never promoted back, so no body is kept.

Its jobs, one place each: the entries and the mapping that holds them (``store``), the LSH
buckets (``buckets``), and here the judgement, the crash-safe admission and the sweep.

The index is one changelog-backed table (``dedup_index``) in the one partition of
``articles.parsed``, so any number of parse workers hash in parallel while verdicts stay those of
one ordered reference. Members are keyed by the raw message's position (``raw_ref``), so a raw
message redelivered upstream is recognised and not judged, sent or counted twice, while a
producer that sends the same article again makes a new message, judged a duplicate.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workers.near_dup.buckets import Buckets, Entry, MemoryBuckets, exact_ids, lsh_ids
from workers.near_dup.fingerprints import compact, similarities, similarity
from workers.near_dup.store import (
    ClusterStore,
    Member,
    member_of,
    member_signature,
    member_time,
    unpack_member,
)
from workers.parsing.decode import clean_id
from workers.records import SCHEMA_VERSION, Duplicate, InvalidRecord, ParsedArticle
from workers.settings import Settings

SWEEPS_PER_RETENTION = 20  # expired state is swept each 1/20 of the window of event time
OWNER = "o:"  # the table entry naming the buckets that hold every member (DiskBuckets)

member_entry = member_of  # the name the tests and benchmarks know


@dataclass(frozen=True)
class Verdict:
    kind: str  # "unique", "url", "exact" or "near"
    duplicate_of: str | None = None
    similarity: float = 1.0

    @property
    def is_duplicate(self) -> bool:
        return self.kind != "unique"


@dataclass(frozen=True)
class Revision:
    """A member judged earlier whose cluster's original changes with the article in hand."""

    member: Member
    verdict: Verdict
    was_original: bool  # it was enriched: withdraw it


@dataclass(frozen=True)
class Decision:
    verdict: Verdict  # of the article in hand
    root: str  # raw_ref of its cluster's original once it is admitted
    merged: tuple[str, ...] = ()  # roots of the clusters joined into that one
    revisions: tuple[Revision, ...] = ()
    first_of_body: bool = True  # no member has its body yet: its LSH bands are indexed


def order_key(member: Member) -> tuple[bool, str, str, str]:
    """The order that picks a cluster's original: the earliest published (undated last), then
    the smallest article id, then body hash. Copies equal in all three are one article sent
    again (same URL or source and title, same body): the first to arrive stays its original."""
    published = member["published_at"]
    return (published is None, published or "", member["id"], member["hash"])


# ``topic:partition:offset`` of a raw message (topic names are at most 249 characters).
_RAW_REF = re.compile(r"[A-Za-z0-9._-]{1,249}:[0-9]{1,10}:[0-9]{1,19}")
_ARTICLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")  # parse writes 24 hexadecimal digits


def check_article(article: ParsedArticle, settings: Settings) -> ParsedArticle:
    """The article, if the index can take it: ``InvalidRecord`` if not. Its types are checked
    already (``records.read_record``); here what the index computes with: the raw message's
    position and the ids that key its table and outputs, the event time, and the signature's
    shape."""
    if not _RAW_REF.fullmatch(article.raw_ref):
        raise InvalidRecord("raw_ref: not topic:partition:offset")
    if not _ARTICLE_ID.fullmatch(article.article_id) or clean_id(article.raw_id) != article.raw_id:
        raise InvalidRecord("article_id or raw_id: not an id parse writes")
    try:
        if not math.isfinite(event_time(article)):
            raise ValueError
    except (ValueError, OverflowError, OSError):
        raise InvalidRecord("ingested_at: not an ISO 8601 time") from None
    signature = article.minhash
    if signature is not None and (
        len(signature) != settings.minhash_perms or not all(0 <= slot < 2**64 for slot in signature)
    ):
        raise InvalidRecord(f"minhash: not {settings.minhash_perms} unsigned 64-bit slots")
    return article


def event_time(article: ParsedArticle) -> float:
    """When the raw message was published to Kafka (its record time, kept as ``ingested_at``):
    the clock of retention, the same however late parse or dedup runs."""
    return datetime.fromisoformat(article.ingested_at.replace("Z", "+00:00")).timestamp()


class DedupIndex:
    """Judgement, admission and sweep over one mapping (a Faust table in the worker, a dict in
    tests), with the URL, body and LSH lookups beside it (``buckets``).

    Crash protocol: a crash leaves a prefix of an admission's writes. The buckets are written
    first (an entry naming a member not yet written is skipped by every lookup). An admission
    that merges clusters writes the member first, marked ``pending`` with its decision, and
    unmarks it last; a redelivered message whose member is pending finishes the admission
    (``resume``) instead of judging again. Any other admission writes its cluster, then its
    member: a crash between them is judged again to the same end.
    """

    def __init__(
        self, settings: Settings, state: MutableMapping[str, Any], buckets: Buckets | None = None
    ) -> None:
        self.settings = settings
        self.store = ClusterStore(state)
        self.lsh: Buckets = buckets or MemoryBuckets(2 + settings.lsh_bands)
        self.last_sweep: float | None = None
        # The article last judged: its b-bit signature and LSH bucket ids, for its admission.
        self._memo: tuple[str, bytes | None, list[int]] = ("", None, [])
        self.members_read = 0  # by the last rebuild of the buckets (0: kept, on disk)

    @property
    def state(self) -> MutableMapping[str, Any]:
        """The mapping that holds the entries (the Faust table)."""
        return self.store.state

    @state.setter
    def state(self, state: MutableMapping[str, Any]) -> None:
        self.store = ClusterStore(state)

    # --- the buckets --------------------------------------------------------------------------
    def forget_buckets(self) -> None:
        self.lsh.forget()

    @property
    def needs_buckets(self) -> bool:
        return not self.lsh.built

    @property
    def buckets(self) -> dict[int, set[str]]:
        """Every bucket with its refs (for tests)."""
        self._build()
        return self.lsh.snapshot()  # type: ignore[attr-defined,no-any-return]

    def _build(self) -> None:
        while not self.lsh.built:
            for _ in self.rebuilding():
                pass

    def rebuilding(self, step: int = 1000) -> Iterator[None]:
        """Rebuild the buckets from the members, pausing every ``step`` members. Buckets on disk
        that hold every member already (their owner token is the table's) are kept; rebuilt
        ones take a new token, written to the table after them."""
        held = self.store.get(OWNER)
        owner = held.decode() if held is not None else None
        yield from self.lsh.rebuilding(self.entries, owner, step)
        if self.lsh.durable and self.lsh.built and (owner is None or self.lsh.owner != owner):
            token = uuid.uuid4().hex
            self.lsh.take(token)
            self.state[OWNER] = token.encode()

    def entries(self) -> Iterator[Entry]:
        self.members_read = 0
        for ref, member in self.store.iter_members():
            self.members_read += 1
            yield Entry(ref, member["t"], self._ids(member))

    def _ids(self, member: Member) -> list[int]:
        ids = exact_ids(member["url"], member["hash"])
        if member["indexed"] and member["sig"]:
            ids += lsh_ids(member["sig"], self.settings.lsh_bands, self.settings.lsh_rows)
        return ids

    # --- reading ----------------------------------------------------------------------------
    def status(self, raw_ref: str) -> str:
        """``new``, ``pending`` (admission cut short) or ``done`` (judged: a redelivery)."""
        member = self.store.member(raw_ref)
        if member is None:
            return "new"
        return "pending" if "pending" in member else "done"

    def member(self, raw_ref: str) -> Member | None:
        return self.store.member(raw_ref)

    def members(self) -> dict[str, Member]:
        return self.store.members()

    def verdicts(self) -> dict[str, Verdict]:
        """Every member's verdict as it stands, by raw_ref (for tests and evaluation)."""
        members = self.members()
        return {
            ref: Verdict("unique") if m["root"] == ref else compare(m, members[m["root"]])
            for ref, m in members.items()
        }

    # --- judgement ----------------------------------------------------------------------------
    def judge(self, article: ParsedArticle) -> Decision:
        roots, first_of_body = self._linked_roots(article)
        me = member_of(article, article.raw_ref, 0.0, self._memo[1])
        if not roots:
            return Decision(Verdict("unique"), article.raw_ref, first_of_body=first_of_body)
        best = min(roots, key=lambda root: (order_key(self._member(root)), root))
        incumbent = self._member(best)
        if order_key(me) < order_key(incumbent):
            root, original, verdict = article.raw_ref, me, Verdict("unique")
        else:
            root, original, verdict = best, incumbent, compare(me, incumbent)
        merged = tuple(sorted(roots - {root}))
        revisions = tuple(
            Revision(member, compare(member, original), ref == old)
            for old in merged
            for ref in self._cluster_members(old)
            if (member := self.store.member(ref)) is not None
        )
        return Decision(verdict, root, merged, revisions, first_of_body)

    def _member(self, ref: str) -> Member:
        member = self.store.member(ref)
        assert member is not None, ref
        return member

    def _cluster_members(self, root: str) -> list[str]:
        cluster = self.store.cluster(root)
        return cluster["members"] if cluster is not None else []

    def _linked_roots(self, article: ParsedArticle) -> tuple[set[str], bool]:
        """Roots of the clusters this article joins (same URL, same body, or similar enough),
        and whether it is the first member with its body.

        On disk the URL and body buckets are read first (in memory, every bucket at once). An
        exact copy (a member with the same body and signature, in a live cluster) joins that
        member's cluster and reads or compares no band: whatever is alike enough to it is alike
        enough to that member, and was linked to it when the later of the two was admitted.
        On disk, copies (one article in seven at the bench's firehose) made more than half of
        all bucket reads. (The one difference: a band bucket holding more than
        ``MAX_BAND_MEMBERS`` may have hidden an old member from a newer one; a copy's read of
        it could still join the two, and no longer does.)

        Otherwise the band candidates' signatures are read straight from their packed entries
        and compared in one numpy operation, and only those alike enough are unpacked."""
        self._build()
        mine, bands = self._signature(article)
        exact = exact_ids(article.url, article.content_hash)
        by_band: set[str] | None = None
        if self.lsh.reads_cost:
            by_key = self.lsh.lookup(exact)
        else:
            by_key, by_band = self.lsh.lookup_split(exact + bands, len(exact))
        roots: set[str] = set()
        first_of_body = True
        covered = False  # a live member with this body and signature: no band to read
        copies = {article.raw_ref}
        for ref in sorted(by_key - copies):
            member = self.store.member(ref)
            if member is None:
                continue  # swept, or its admission never got to the table
            same_body = member["hash"] == article.content_hash
            if same_body:
                first_of_body = False
            if _same(article, member):
                copies.add(ref)
                if self.store.is_live_root(member["root"]):
                    roots.add(member["root"])
                    covered |= same_body and member["sig"] == mine
        if mine is None or covered:
            return roots, first_of_body
        refs, signatures = [], []
        if by_band is None:
            by_band = self.lsh.lookup(bands)
        for ref in sorted(by_band - copies):
            packed = self.store.packed(ref)
            if packed is not None and (sig := member_signature(packed)):
                refs.append(ref)
                signatures.append(sig)
        for ref, alike in zip(refs, similarities(mine, signatures), strict=True):
            if alike >= self.settings.near_threshold:
                member = self._member(ref)
                if member["root"] not in roots and self.store.is_live_root(member["root"]):
                    roots.add(member["root"])
        return roots, first_of_body

    def _signature(self, article: ParsedArticle) -> tuple[bytes | None, list[int]]:
        """The article's b-bit signature and LSH bucket ids (made once for judge and admit)."""
        ref, mine, bands = self._memo
        if ref != article.raw_ref:
            mine = compact(article.minhash) if article.minhash else None
            bands = lsh_ids(mine, self.settings.lsh_bands, self.settings.lsh_rows) if mine else []
            self._memo = (article.raw_ref, mine, bands)
        return mine, bands

    # --- admission (crash-safe) -----------------------------------------------------------
    def admit(self, article: ParsedArticle, decision: Decision, event_time: float) -> None:
        """Record the article in its cluster, merging the clusters it joined."""
        mine, bands = self._signature(article)
        member = member_of(article, decision.root, event_time, mine)
        member["indexed"] = bool(mine) and decision.first_of_body
        self._build()
        ids = exact_ids(article.url, article.content_hash)
        self.lsh.add(article.raw_ref, ids + bands if member["indexed"] else ids)
        if decision.merged:
            self.store.put_member(article.raw_ref, Member(**member, pending=list(decision.merged)))
        self._apply(article, member, list(decision.merged))

    def resume(self, article: ParsedArticle) -> None:
        """Finish an admission a crash cut short (its outputs were all acknowledged)."""
        member = self._member(article.raw_ref)
        merged = member.pop("pending", [])
        self._build()
        self.lsh.add(article.raw_ref, self._ids(member))
        self._apply(article, member, merged)

    def _apply(self, article: ParsedArticle, member: Member, merged: list[str]) -> None:
        """Every step is idempotent, so that a prefix of them can be run again."""
        ref, root = article.raw_ref, member["root"]
        joined = [c for old in merged if (c := self.store.cluster(old)) is not None]
        cluster = self.store.cluster(root) or {"members": [], "t": member["t"]}
        everyone = [*cluster["members"], ref, *(m for other in joined for m in other["members"])]
        latest = max([cluster["t"], member["t"], *(other["t"] for other in joined)])
        self.store.put_cluster(root, {"members": list(dict.fromkeys(everyone)), "t": latest})
        for old in merged:
            other = self.store.cluster(old)
            if other is None:
                continue
            for m in other["members"]:
                held_member = self.store.member(m)
                if held_member is not None and held_member["root"] != root:
                    self.store.put_member(m, Member(**{**held_member, "root": root}))
            self.store.drop_cluster(old)
        self.store.put_member(ref, member)

    # --- retention --------------------------------------------------------------------------
    def sweep_due(self, now: float) -> bool:
        window = self.settings.dedup_retention_days * 86400
        return self.last_sweep is None or now - self.last_sweep >= window / SWEEPS_PER_RETENTION

    def sweep(self, now: float) -> int:
        """Forget clusters whose newest member is older than the retention window; return how
        many entries went."""
        steps = self.sweeping(now)
        for _ in steps:
            pass
        return self.swept

    def sweeping(self, now: float, step: int = 1000) -> Iterator[None]:
        """The sweep in steps: one pass reads every entry (pausing every ``step``) and decides,
        from the state as it was, which go; then they are deleted. A cluster goes whole, when
        its newest member is older than the window; so do a member and its buckets."""
        horizon = now - self.settings.dedup_retention_days * 86400
        doomed: list[str] = []
        for i, key in enumerate(self.store.keys(), 1):
            value = self.store.get(key)
            if key.startswith("c:"):
                if self._cluster_time(key[2:]) < horizon:
                    doomed.append(key)
            elif key.startswith("m:"):
                root = unpack_member(value, key[2:])["root"]
                if self._cluster_time(root, fallback=value) < horizon:
                    doomed.append(key)
            elif key != OWNER:
                # An entry an earlier release wrote (``band:``, ``url:``, ``hash:``).
                doomed.append(key)
            if i % step == 0:
                yield
        for i, key in enumerate(doomed, 1):
            if key.startswith("m:") and (member := self.store.member(key[2:])) is not None:
                self.lsh.remove(key[2:], self._ids(member))
            if self.store.get(key) is not None:
                self.store.delete(key)
            if i % step == 0:
                yield
        if any(key.startswith("m:") for key in doomed) and not self.lsh.durable:
            self.lsh.forget()  # in memory: rebuilt without the members gone
        self.swept = len(doomed)
        self.last_sweep = now

    def _cluster_time(self, root: str, fallback: Any = None) -> float:
        """The event time a cluster expires from: its entry's, its root alone's, or (a member
        whose root went in a sweep cut short) the member's own."""
        cluster = self.store.cluster(root)
        if cluster is not None:
            return cluster["t"]
        return member_time(fallback) if fallback is not None else float("-inf")


def _same(article: ParsedArticle, member: Member) -> bool:
    """An exact copy: the same canonical URL, or the same body."""
    return (article.url is not None and article.url == member["url"]) or (
        article.content_hash == member["hash"]
    )


def compare(entry: Member, original: Member) -> Verdict:
    """The verdict of a member against its cluster's original: how it matches and how alike
    their bodies are (a member joined through another copy may be less alike than the
    threshold)."""
    if entry["url"] and entry["url"] == original["url"]:
        kind = "url"
    elif entry["hash"] == original["hash"]:
        kind = "exact"
    else:
        kind = "near"
    if entry["sig"] and original["sig"]:
        alike = similarity(entry["sig"], original["sig"])
    else:
        alike = 0.0 if kind == "near" else 1.0
    return Verdict(kind, original["id"], round(alike, 4))


def duplicate_record(member: Member, verdict: Verdict, *, revised: bool) -> Duplicate:
    return Duplicate(
        version=SCHEMA_VERSION,
        raw_id=member["raw_id"],
        article_id=member["id"],
        duplicate_of=verdict.duplicate_of or member["id"],
        kind=verdict.kind,
        similarity=verdict.similarity,
        source=member["source"],
        url=member["url"],
        title=member["title"],
        published_at=member["published_at"],
        revised=revised,
    )


@dataclass(frozen=True)
class Output:
    topic: str  # "unique" or "duplicates"
    key: str
    value: Any  # a record, or None to withdraw an article from "unique"


def outputs(article: ParsedArticle, decision: Decision) -> list[Output]:
    """What the stage sends for one decision, in order: withdrawals and revised verdicts first,
    so that a withdrawn original with the article's own id is withdrawn before it comes back."""
    sent = []
    for revision in decision.revisions:
        key = revision.member["id"]
        if revision.was_original:
            sent.append(Output("unique", key, None))
        sent.append(
            Output(
                "duplicates", key, duplicate_record(revision.member, revision.verdict, revised=True)
            )
        )
    if decision.verdict.is_duplicate:
        me = member_of(article, decision.root, 0.0)
        sent.append(
            Output(
                "duplicates",
                article.article_id,
                duplicate_record(me, decision.verdict, revised=False),
            )
        )
    else:
        sent.append(Output("unique", article.article_id, article))
    return sent


def outcomes(article: ParsedArticle, decision: Decision) -> dict[str, list[str]]:
    """The outcome of each source touched, one event per source: the counts table skips a second
    event of one source from the same input position as a replay."""
    found: dict[str, list[str]] = {}
    if decision.verdict.is_duplicate:
        found.setdefault(article.source, []).append("duplicate")
    for revision in decision.revisions:
        if revision.was_original:
            found.setdefault(revision.member["source"], []).append("superseded")
    return found
