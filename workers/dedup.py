"""Dedup stage.

Consumes:      ``articles.parsed`` (one partition: every fingerprint passes one ordered index)
Produces:      ``articles.unique`` (the first copy admitted, key ``article_id``) or
               ``articles.duplicates`` (``Duplicate``: ``duplicate_of``, ``kind``, ``similarity``)
Dead-letters:  nothing (parse has validated the article)
Outcomes:      ``duplicate`` for the duplicate's source (unique articles are counted at enrich)

The index is three changelog-backed tables in the one partition of ``articles.parsed``, so any
number of parse workers hash in parallel while verdicts stay those of one ordered reference:
``fingerprint_owner`` (``url:``/``hash:``/``band:`` keys -> owners), ``fingerprints``
(article_id -> signature and time) and ``verdicts`` (raw_ref -> verdict, so that a raw message
redelivered upstream is recognised by its own position and not judged, sent or counted twice; a
producer that sends the same article again makes a new message, judged a duplicate).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, MutableMapping
from dataclasses import dataclass
from typing import Any

from workers import topics
from workers.app import app, settings
from workers.fingerprints import band_keys, similarity
from workers.metrics import outcome
from workers.records import SCHEMA_VERSION, Duplicate, ParsedArticle
from workers.routing import Position, processed, send_outcome
from workers.settings import Settings

logger = logging.getLogger(__name__)

MAX_BAND_MEMBERS = 64  # a band shared by more articles is boilerplate: keep the newest
SWEEP_EVERY = 1000


@dataclass(frozen=True)
class Verdict:
    kind: str  # "unique", "url", "exact" or "near"
    duplicate_of: str | None = None
    similarity: float = 1.0

    @property
    def is_duplicate(self) -> bool:
        return self.kind != "unique"


class DedupIndex:
    """The index over three mappings (Faust tables in the worker, dicts in tests)."""

    def __init__(
        self,
        settings: Settings,
        owners: MutableMapping[str, Any],
        fingerprints: MutableMapping[str, Any],
        verdicts: MutableMapping[str, Any],
    ) -> None:
        self.settings = settings
        self.owners = owners
        self.fingerprints = fingerprints
        self.verdicts = verdicts
        self.admitted_since_sweep = 0

    def seen(self, raw_ref: str) -> Verdict | None:
        """The verdict already given to this raw message (it was redelivered), if any."""
        stored = self.verdicts.get(raw_ref)
        return Verdict(stored["kind"], stored.get("of"), stored["sim"]) if stored else None

    def judge(self, article: ParsedArticle) -> Verdict:
        for key, kind in ((_url_key(article), "url"), (f"hash:{article.content_hash}", "exact")):
            owner = self.owners.get(key) if key else None
            if owner and owner["raw"] != article.raw_ref:
                return Verdict(kind, owner["id"], self._similarity(article, owner["id"]))
        return self._near(article)

    def _near(self, article: ParsedArticle) -> Verdict:
        if not article.minhash:
            return Verdict("unique")
        candidates = {
            member
            for key in self._bands(article.minhash)
            for member in self.owners.get(key, {}).get("ids", [])
            if member != article.article_id and member in self.fingerprints
        }
        matches = [
            (-sim, member)
            for member in candidates
            if (sim := similarity(article.minhash, self.fingerprints[member]["sig"]))
            >= self.settings.near_threshold
        ]
        if not matches:
            return Verdict("unique")
        # Highest similarity wins; ties go to the smaller id, never to arrival order.
        negative_sim, best = min(matches)
        return Verdict("near", best, round(-negative_sim, 4))

    def _similarity(self, article: ParsedArticle, other: str) -> float:
        fp = self.fingerprints.get(other)
        if not article.minhash or fp is None:
            return 1.0
        return round(similarity(article.minhash, fp["sig"]), 4)

    def _bands(self, signature: list[int]) -> list[str]:
        return [
            f"band:{k}"
            for k in band_keys(
                signature, bands=self.settings.lsh_bands, rows=self.settings.lsh_rows
            )
        ]

    def admit(self, article: ParsedArticle, verdict: Verdict, event_time: float) -> None:
        """Record the verdict; a unique article becomes the owner of its URL, hash and bands."""
        root = verdict.duplicate_of or article.article_id
        self.verdicts[article.raw_ref] = {
            "kind": verdict.kind,
            "of": verdict.duplicate_of,
            "sim": verdict.similarity,
            "t": event_time,
        }
        owner = {"id": root, "raw": article.raw_ref, "t": event_time}
        url_key = _url_key(article)
        for key in (url_key, f"hash:{article.content_hash}"):
            if key and key not in self.owners:
                self.owners[key] = owner
        if verdict.is_duplicate or not article.minhash:
            return
        self.fingerprints[article.article_id] = {"sig": article.minhash, "t": event_time}
        for key in self._bands(article.minhash):
            ids = self.owners.get(key, {}).get("ids", [])
            self.owners[key] = {
                "ids": [*ids, article.article_id][-MAX_BAND_MEMBERS:],
                "t": event_time,
            }
        self.admitted_since_sweep += 1

    def sweep(self, now: float) -> int:
        """Forget everything older than the retention window; return how many keys went."""
        horizon = now - self.settings.dedup_retention_days * 86400
        dropped = 0
        for table in (self.verdicts, self.owners, self.fingerprints):
            for key in [k for k, v in list(table.items()) if v.get("t", now) < horizon]:
                del table[key]
                dropped += 1
        self.admitted_since_sweep = 0
        return dropped


def _url_key(article: ParsedArticle) -> str | None:
    return f"url:{article.url}" if article.url else None


def duplicate_record(article: ParsedArticle, verdict: Verdict) -> Duplicate:
    return Duplicate(
        version=SCHEMA_VERSION,
        raw_id=article.raw_id,
        article_id=article.article_id,
        duplicate_of=verdict.duplicate_of or article.article_id,
        kind=verdict.kind,
        similarity=verdict.similarity,
        source=article.source,
        url=article.url,
        title=article.title,
        published_at=article.published_at,
    )


# No value_type: Faust would recover values with ``value_type.from_data`` (JSON keys and values).
fingerprint_owner = app.Table("fingerprint_owner", partitions=1)
fingerprint_table = app.Table("fingerprints", partitions=1)
verdict_table = app.Table("verdicts", partitions=1)
index = DedupIndex(settings, fingerprint_owner, fingerprint_table, verdict_table)


@app.agent(topics.parsed, concurrency=1)
async def dedup(stream: Any) -> AsyncIterator[str]:
    """Judge each parsed article once; outputs and outcome are acknowledged before the index
    records the verdict, so a crash between the two repeats the work instead of losing it."""
    async for event in processed(stream, "dedup"):
        article: ParsedArticle = event.value
        position = Position.of(event)
        if index.seen(article.raw_ref) is not None:
            # Redelivered upstream: already judged, sent and counted.
            yield outcome("dedup", "replay")
            continue
        verdict = index.judge(article)
        key = article.article_id.encode()
        if verdict.is_duplicate:
            sent = await topics.duplicates.send(key=key, value=duplicate_record(article, verdict))
            counted = await send_outcome(article.source, "dedup", position, ["duplicate"])
            await counted
        else:
            sent = await topics.unique.send(key=key, value=article)
        await sent
        index.admit(article, verdict, position.timestamp)
        if index.admitted_since_sweep >= SWEEP_EVERY:
            index.sweep(position.timestamp)
        yield outcome("dedup", verdict.kind)
