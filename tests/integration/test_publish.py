"""``wirestream publish`` against the real broker: a WARC.gz of mixed records and a JSON Lines
file with a broken line, published by the command a user runs, each message ending in exactly
one outcome in a running pipeline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import ROOT
from tests.crawls import ARTICLES, BROKEN_LINE, JSONL_GOOD, write_jsonl, write_warc
from tests.integration.conftest import Pipeline
from tests.ports import free_port

pytestmark = pytest.mark.integration


async def test_warc_and_jsonl_publish_the_right_messages(
    pipeline_factory: Any, tmp_path: Path
) -> None:
    pipeline: Pipeline = pipeline_factory(partitions=2)
    pipeline.add_worker()
    warc = write_warc(tmp_path / "crawl.warc.gz")
    feed = write_jsonl(tmp_path / "feed.jsonl.gz")
    done = subprocess.run(
        [sys.executable, "-m", "workers.tools.cli", "publish", str(warc), str(feed)],
        env=pipeline.env(free_port()),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"published 7 message(s) to {pipeline.topics.raw}")
    assert f"{feed}:3: not a JSON object" in done.stderr  # the broken line is reported

    raw = await pipeline.read_bytes(pipeline.topics.raw)
    by_key = {key: value for key, value in raw}
    assert len(raw) == 7
    assert set(by_key) == {
        *(url.encode() for url, *_ in ARTICLES),
        b"https://example.com/a1",
        b"a2",
        b"https://example.com/a3",
        None,
    }
    assert by_key[None] == BROKEN_LINE
    assert orjson.loads(by_key[b"a2"] or b"") == JSONL_GOOD[1]
    lodz = orjson.loads(by_key[ARTICLES[0][0].encode()] or b"")
    assert lodz["content"] == ARTICLES[0][3] and lodz["content_type"] == "text/html"

    async def every_message_has_its_outcome() -> Any:
        found = await pipeline.outcomes()
        return found if len(found) == 7 else None

    found = await pipeline.wait_for(every_message_has_its_outcome, what="seven outcomes")
    assert all(len(kinds) == 1 for kinds in found.values()), found
    broken = [kinds["dead_letter"] for kinds in found.values() if "dead_letter" in kinds]
    assert any(
        d["reason"] == "invalid_json" and d["payload"] == BROKEN_LINE.decode() for d in broken
    )
