"""State survives a worker restart: tables are rebuilt from their changelogs (memory store)."""

from __future__ import annotations

from typing import Any

from tests.conftest import SEED
from tests.integration.conftest import Pipeline, Worker


async def copy_across_a_restart(pipeline: Pipeline) -> Worker:
    """The seed before a clean restart, a copy after it: the copy is judged an exact duplicate
    of the first. Returns the worker that judged it."""
    first = pipeline.add_worker()
    page = SEED.read_bytes()
    await pipeline.publish([(b"before", page)])

    found = await pipeline.wait_for(pipeline.outcomes, what="the first copy enriched")
    [outcome] = found.values()
    original = outcome["enriched"]["article_id"]
    assert first.stop() == 0, "SIGTERM ends the worker cleanly"

    second = pipeline.add_worker()
    await pipeline.publish([(b"after", page)])

    async def judged() -> Any:
        found = await pipeline.outcomes()
        dups = [v["duplicate"] for v in found.values() if "duplicate" in v]
        return dups or None

    [duplicate] = await pipeline.wait_for(judged, what="the copy judged a duplicate")
    assert duplicate["duplicate_of"] == original and duplicate["kind"] == "exact"
    return second


async def test_duplicate_of_an_article_seen_before_a_restart_is_caught(
    pipeline_factory: Any,
) -> None:
    pipeline: Pipeline = pipeline_factory()
    second = await copy_across_a_restart(pipeline)

    def counted() -> Any:
        row = pipeline.sources(second).get("independent.co.uk")
        return row if row and row["duplicate"] == 1 else None

    row = await pipeline.wait_for(counted, what="the counts recovered and updated")
    assert (row["received"], row["enriched"], row["duplicate"]) == (2, 1, 1)


async def test_with_rocksdb_the_index_and_its_lookups_stay_on_disk_across_a_restart(
    pipeline_factory: Any, tmp_path: Any
) -> None:
    """``WIRESTREAM_STORE=rocksdb://``: the restarted worker finds the table and the dedup
    lookups in its data directory, reads no member to rebuild them, and catches the copy."""
    pipeline: Pipeline = pipeline_factory(
        WIRESTREAM_STORE="rocksdb://", WIRESTREAM_DATA_DIR=str(tmp_path / "state")
    )
    second = await copy_across_a_restart(pipeline)
    assert "dedup lookups ready" in second.tail(400)
    assert "0 member(s) read (0: kept on disk)" in second.tail(400), second.tail(80)
