"""From the JSON ``dedup_index`` (releases up to 2026-11) to the compact ``dedup_index_v2``.

Pure: the old table's live entries in, the new table's entries out. ``wirestream
migrate-dedup`` (``workers.tools.migrate``) reads the old changelog and writes the new one.

- ``m:`` members: packed, their signature cut to its b-bit form; a member is indexed in the LSH
  bands when it answered for its body (the old ``hash:`` entry named it), as before.
- ``c:`` clusters: packed; a cluster of one is its member alone (no entry).
- ``url:``, ``hash:`` and ``band:`` entries: dropped (the lookups are rebuilt from the members).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workers.near_dup.fingerprints import compact
from workers.near_dup.store import Cluster, Member, pack_cluster, pack_member


def convert(old: Mapping[str, Any]) -> dict[str, bytes]:
    new: dict[str, bytes] = {}
    for key, value in old.items():
        if key.startswith("m:"):
            ref = key[2:]
            holder = old.get(f"hash:{value['hash']}")
            member = Member(
                id=value["id"],
                raw_id=value["raw_id"],
                source=value["source"],
                url=value["url"],
                title=value["title"],
                published_at=value["published_at"],
                hash=value["hash"],
                sig=compact(value["sig"]) if value.get("sig") else None,
                root=value["root"],
                t=float(value["t"]),
                indexed=bool(value.get("sig")) and (holder or {}).get("m") == ref,
            )
            if "pending" in value:
                member["pending"] = list(value["pending"])
            new[key] = pack_member(member, ref)
        elif key.startswith("c:") and len(value["members"]) > 1:
            new[key] = pack_cluster(Cluster(members=list(value["members"]), t=float(value["t"])))
    return new
