"""The per-source counts over HTTP, in a worker that runs the counts stage.

GET /sources                   counts for every source
GET /sources/{source}          one source's counts
GET /sources/{source}/hourly   one source's hourly windows

The counts table lives in one partition; any worker of the counts stage answers, forwarding the
request to the worker that holds it (Faust table routes).
"""

from __future__ import annotations

from typing import Any

from faust.web import Request, Response, View

from workers.records import OUTCOMES
from workers.runtime.app import app
from workers.stages.counts import counts_by_source, public_view


@app.page("/sources")
class Sources(View):
    @app.table_route(table=counts_by_source, exact_key="*")  # type: ignore[arg-type]
    async def get(self, request: Request) -> Response:
        rows = [public_view(source, counts) for source, counts in sorted(counts_by_source.items())]
        return self.json({"sources": rows, "totals": totals(rows)})


@app.page("/sources/{source}")
class SourceCounts(View):
    @app.table_route(table=counts_by_source, match_info="source")  # type: ignore[arg-type]
    async def get(self, request: Request, source: str) -> Response:
        counts = counts_by_source.get(source)
        if counts is None:
            return self.json({"error": "unknown source", "source": source}, status=404)
        return self.json(public_view(source, counts))


@app.page("/sources/{source}/hourly")
class SourceHourly(View):
    @app.table_route(table=counts_by_source, match_info="source")  # type: ignore[arg-type]
    async def get(self, request: Request, source: str) -> Response:
        counts = counts_by_source.get(source)
        if counts is None:
            return self.json({"error": "unknown source", "source": source}, status=404)
        hours = [{"hour": h, **c} for h, c in sorted(counts.get("hourly", {}).items())]
        return self.json({"source": source, "hourly": hours})


def totals(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {k: sum(int(r.get(k, 0)) for r in rows) for k in OUTCOMES}
