"""The LSH buckets: band key -> the members with that band, derived from the members'
signatures and kept in memory only (written to the table they were nine in ten of its changelog
messages). Rebuilt after each partition assignment, in steps that let an agent's event loop
run."""

from __future__ import annotations

from collections.abc import Iterator

from workers.near_dup.fingerprints import band_keys
from workers.near_dup.store import ClusterStore

MAX_BAND_MEMBERS = 64  # a band shared by more articles is boilerplate: keep the newest


class Buckets:
    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows
        self._buckets: dict[int, list[str]] | None = None
        self._generation = 0  # a rebuild started before a ``forget`` is discarded

    def keys(self, signature: list[int]) -> list[int]:
        return band_keys(signature, bands=self.bands, rows=self.rows)

    def forget(self) -> None:
        """The table may have changed under us (recovered after an assignment): rebuild."""
        self._buckets = None
        self._generation += 1

    @property
    def built(self) -> bool:
        return self._buckets is not None

    def table(self, store: ClusterStore) -> dict[int, list[str]]:
        """The buckets, rebuilt at once if they are not built."""
        while self._buckets is None:
            for _ in self.rebuilding(store):
                pass
        return self._buckets

    def rebuilding(self, store: ClusterStore, step: int = 1000) -> Iterator[None]:
        """Rebuild from the store's members (those that answer for their body), pausing after
        every ``step`` members; a rebuild that a ``forget`` overtook is not installed."""
        generation = self._generation
        indexed = sorted(
            (member["t"], ref, member["sig"])
            for ref, member in store.members().items()
            if member["sig"] and store.holder(f"hash:{member['hash']}") == ref
        )
        buckets: dict[int, list[str]] = {}
        for i, (_t, ref, signature) in enumerate(indexed, 1):
            _add(buckets, self.keys(signature), ref)
            if i % step == 0:
                yield
        if generation == self._generation:
            self._buckets = buckets

    def candidates(self, store: ClusterStore, signature: list[int]) -> set[str]:
        table = self.table(store)
        return {ref for key in self.keys(signature) for ref in table.get(key, [])}

    def add(self, store: ClusterStore, ref: str, signature: list[int]) -> None:
        _add(self.table(store), self.keys(signature), ref)

    def remove(self, ref: str, signature: list[int]) -> None:
        """Take a member out of its bands, if the buckets are built (else the rebuild will)."""
        if self._buckets is None:
            return
        for key in self.keys(signature):
            band = self._buckets.get(key)
            if band is not None and ref in band:
                band.remove(ref)
                if not band:
                    del self._buckets[key]


def _add(buckets: dict[int, list[str]], keys: list[int], ref: str) -> None:
    for key in keys:
        band = buckets.setdefault(key, [])
        if ref not in band:
            band.append(ref)
            del band[:-MAX_BAND_MEMBERS]
