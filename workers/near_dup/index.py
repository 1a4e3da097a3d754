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

The index is one changelog-backed table (``dedup_index``) in the one partition of
``articles.parsed``, so any number of parse workers hash in parallel while verdicts stay those of
one ordered reference. Members are keyed by the raw message's position (``raw_ref``), so a raw
message redelivered upstream is recognised and not judged, sent or counted twice, while a
producer that sends the same article again makes a new message, judged a duplicate.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workers.near_dup.fingerprints import band_keys, similarity
from workers.records import SCHEMA_VERSION, Duplicate, ParsedArticle
from workers.settings import Settings

MAX_BAND_MEMBERS = 64  # a band shared by more articles is boilerplate: keep the newest
SWEEPS_PER_RETENTION = 20  # expired state is swept each 1/20 of the window of event time

Entry = dict[str, Any]


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

    member: Entry
    verdict: Verdict
    was_original: bool  # it was enriched: withdraw it


@dataclass(frozen=True)
class Decision:
    verdict: Verdict  # of the article in hand
    root: str  # raw_ref of its cluster's original once it is admitted
    merged: tuple[str, ...] = ()  # roots of the clusters joined into that one
    revisions: tuple[Revision, ...] = ()


def order_key(entry: Entry) -> tuple[bool, str, str, str]:
    """The order that picks a cluster's original: the earliest published (undated last), then
    the smallest article id, then body hash. Copies equal in all three are one article sent
    again (same URL or source and title, same body): the first to arrive stays its original."""
    published = entry["published_at"]
    return (published is None, published or "", entry["id"], entry["hash"])


def event_time(article: ParsedArticle) -> float:
    """When the raw message was published to Kafka (its record time, kept as ``ingested_at``):
    the clock of retention, the same however late parse or dedup runs."""
    return datetime.fromisoformat(article.ingested_at.replace("Z", "+00:00")).timestamp()


def member_entry(article: ParsedArticle, root: str, event_time: float) -> Entry:
    return {
        "id": article.article_id,
        "raw_id": article.raw_id,
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "published_at": article.published_at,
        "hash": article.content_hash,
        "sig": article.minhash,
        "root": root,
        "t": event_time,
    }


class DedupIndex:
    """The index over one mapping (a Faust table in the worker, a dict in tests).

    Keys: ``m:<raw_ref>`` a member, ``c:<root raw_ref>`` a cluster's members, ``url:``/``hash:``
    the first live member with that URL or body. One table has one changelog partition, so a
    crash leaves a prefix of an admission's writes: the member is written first, marked
    ``pending`` with its decision, and unmarked last, and a redelivered message with a pending
    member finishes the admission instead of judging again.

    The LSH buckets (42 an article) are derived from the members' signatures and kept in memory
    only: written to the table they were nine in ten of its changelog messages. They are rebuilt
    from the table after each partition assignment (``forget_buckets``), by the agent in steps
    that let its event loop run (``rebuilding``), or at once on first use.
    """

    def __init__(self, settings: Settings, state: MutableMapping[str, Any]) -> None:
        self.settings = settings
        self.state = state
        self.last_sweep: float | None = None
        self._buckets: dict[int, list[str]] | None = None
        self._generation = 0  # of the buckets: a rebuild started before a forget is discarded

    def forget_buckets(self) -> None:
        """The table may have changed under us (recovered after an assignment): rebuild."""
        self._buckets = None
        self._generation += 1

    @property
    def needs_buckets(self) -> bool:
        return self._buckets is None

    @property
    def buckets(self) -> dict[int, list[str]]:
        while self._buckets is None:
            for _ in self.rebuilding():
                pass
        return self._buckets

    def rebuilding(self, step: int = 1000) -> Iterator[None]:
        """Rebuild the buckets from the table, pausing after every ``step`` members so that an
        agent can let its event loop run; a rebuild that a ``forget_buckets`` overtook is not
        installed."""
        generation = self._generation
        indexed = sorted(
            (entry["t"], ref, entry["sig"])
            for ref, entry in self.members().items()
            if entry["sig"] and self.state.get(f"hash:{entry['hash']}", {}).get("m") == ref
        )
        buckets: dict[int, list[str]] = {}
        for i, (_t, ref, signature) in enumerate(indexed, 1):
            _add_to_bands(buckets, self._bands(signature), ref)
            if i % step == 0:
                yield
        if generation == self._generation:
            self._buckets = buckets

    def _add_to_buckets(self, ref: str, signature: list[int]) -> None:
        _add_to_bands(self.buckets, self._bands(signature), ref)

    def status(self, raw_ref: str) -> str:
        """``new``, ``pending`` (admission cut short) or ``done`` (judged: a redelivery)."""
        entry = self.member(raw_ref)
        if entry is None:
            return "new"
        return "pending" if "pending" in entry else "done"

    def member(self, raw_ref: str) -> Entry | None:
        return self.state.get(f"m:{raw_ref}")

    def members(self) -> dict[str, Entry]:
        return {k[2:]: v for k, v in self.state.items() if k.startswith("m:")}

    def verdicts(self) -> dict[str, Verdict]:
        """Every member's verdict as it stands, by raw_ref (for tests and evaluation)."""
        members = self.members()
        return {
            ref: Verdict("unique") if e["root"] == ref else compare(e, members[e["root"]])
            for ref, e in members.items()
        }

    def judge(self, article: ParsedArticle) -> Decision:
        me = member_entry(article, article.raw_ref, 0.0)
        roots = self._linked_roots(article)
        if not roots:
            return Decision(Verdict("unique"), article.raw_ref)
        best = min(roots, key=lambda root: (order_key(self.state[f"m:{root}"]), root))
        incumbent = self.state[f"m:{best}"]
        if order_key(me) < order_key(incumbent):
            root, original, verdict = article.raw_ref, me, Verdict("unique")
        else:
            root, original, verdict = best, incumbent, compare(me, incumbent)
        merged = tuple(sorted(roots - {root}))
        revisions = tuple(
            Revision(entry, compare(entry, original), ref == old)
            for old in merged
            for ref in self.state[f"c:{old}"]["members"]
            if (entry := self.member(ref)) is not None
        )
        return Decision(verdict, root, merged, revisions)

    def _linked_roots(self, article: ParsedArticle) -> set[str]:
        """Roots of the clusters this article joins: same URL, same body, or similar enough."""
        roots: set[str] = set()

        def link(ref: str) -> None:
            entry = self.member(ref)
            if entry is None:
                return
            root = entry["root"]
            if f"c:{root}" in self.state and f"m:{root}" in self.state:
                roots.add(root)

        for key in self._exact_keys(article):
            if (held := self.state.get(key)) is not None:
                link(held["m"])
        if article.minhash:
            candidates = {
                m for key in self._bands(article.minhash) for m in self.buckets.get(key, [])
            }
            for ref in sorted(candidates - {article.raw_ref}):
                entry = self.member(ref)
                if entry is None or not entry["sig"] or entry["root"] in roots:
                    continue
                if similarity(article.minhash, entry["sig"]) >= self.settings.near_threshold:
                    link(ref)
        return roots

    def admit(self, article: ParsedArticle, decision: Decision, event_time: float) -> None:
        """Record the article in its cluster, merging the clusters it joined."""
        entry = {
            **member_entry(article, decision.root, event_time),
            "pending": list(decision.merged),
        }
        self.state[f"m:{article.raw_ref}"] = entry
        self._apply(article, dict(entry))

    def resume(self, article: ParsedArticle) -> None:
        """Finish an admission a crash cut short (its outputs were all acknowledged)."""
        entry = dict(self.state[f"m:{article.raw_ref}"])
        self._apply(article, entry)

    def _apply(self, article: ParsedArticle, entry: Entry) -> None:
        """Every step is idempotent, so that a prefix of them can be run again."""
        ref, root = article.raw_ref, entry["root"]
        merged = entry.pop("pending", None) or []
        hash_key = f"hash:{article.content_hash}"
        for key in self._exact_keys(article):
            held = self.state.get(key)
            if held is None or self.member(held["m"]) is None:
                self.state[key] = {"m": ref}
        if article.minhash and self.state[hash_key]["m"] == ref:
            # An exact copy has the same signature: its body's first member answers for it.
            self._add_to_buckets(ref, article.minhash)
        joined = [self.state[f"c:{old}"] for old in merged if f"c:{old}" in self.state]
        cluster = self.state.get(f"c:{root}") or {"members": [], "t": entry["t"]}
        everyone = [*cluster["members"], ref, *(m for other in joined for m in other["members"])]
        latest = max([cluster["t"], entry["t"], *(other["t"] for other in joined)])
        self.state[f"c:{root}"] = {"members": list(dict.fromkeys(everyone)), "t": latest}
        for old in merged:
            other = self.state.get(f"c:{old}")
            if other is None:
                continue
            for m in other["members"]:
                held_entry = self.member(m)
                if held_entry is not None and held_entry["root"] != root:
                    self.state[f"m:{m}"] = {**held_entry, "root": root}
            del self.state[f"c:{old}"]
        self.state[f"m:{ref}"] = entry

    def sweep_due(self, now: float) -> bool:
        window = self.settings.dedup_retention_days * 86400
        return self.last_sweep is None or now - self.last_sweep >= window / SWEEPS_PER_RETENTION

    def sweep(self, now: float) -> int:
        """Forget clusters whose newest member is older than the retention window, and the keys
        that pointed only at them; return how many entries went."""
        horizon = now - self.settings.dedup_retention_days * 86400
        dropped = 0
        for key, cluster in list(self.state.items()):
            if key.startswith("c:") and cluster["t"] < horizon:
                for m in cluster["members"]:
                    if f"m:{m}" in self.state:
                        self._forget_member(m)
                        dropped += 1
                del self.state[key]
                dropped += 1
        for key, value in list(self.state.items()):
            if key.startswith("c:"):
                continue
            if key.startswith("m:"):
                # Left by a sweep cut short (a crash between deletions).
                if value["t"] < horizon and f"c:{value['root']}" not in self.state:
                    self._forget_member(key[2:])
                    dropped += 1
            elif not key.startswith(("url:", "hash:")) or f"m:{value['m']}" not in self.state:
                # The key of a member gone, or one an earlier release wrote (``band:`` buckets).
                del self.state[key]
                dropped += 1
        self.last_sweep = now
        return dropped

    def _forget_member(self, ref: str) -> None:
        """Delete a member, and take it out of the buckets it is in (if they are built)."""
        entry = self.state[f"m:{ref}"]
        del self.state[f"m:{ref}"]
        if self._buckets is None or not entry["sig"]:
            return
        for key in self._bands(entry["sig"]):
            band = self._buckets.get(key)
            if band is not None and ref in band:
                band.remove(ref)
                if not band:
                    del self._buckets[key]

    def _bands(self, signature: list[int]) -> list[int]:
        return band_keys(signature, bands=self.settings.lsh_bands, rows=self.settings.lsh_rows)

    @staticmethod
    def _exact_keys(article: ParsedArticle) -> list[str]:
        url = [f"url:{article.url}"] if article.url else []
        return [*url, f"hash:{article.content_hash}"]


def _add_to_bands(buckets: dict[int, list[str]], keys: list[int], ref: str) -> None:
    for key in keys:
        band = buckets.setdefault(key, [])
        if ref not in band:
            band.append(ref)
            del band[:-MAX_BAND_MEMBERS]


def compare(entry: Entry, original: Entry) -> Verdict:
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


def duplicate_record(member: Entry, verdict: Verdict, *, revised: bool) -> Duplicate:
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
        me = member_entry(article, decision.root, 0.0)
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
