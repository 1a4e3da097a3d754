"""The worker's HTTP API (Faust's web server; loopback unless WIRESTREAM_WEB_HOST opens it).

GET /health                    alive
GET /ready                     partitions assigned and tables recovered
GET /sources                   counts for every source
GET /sources/{source}          one source's counts
GET /sources/{source}/hourly   one source's hourly windows
GET /metrics                   Prometheus metrics (workers.ops.metrics)
GET /                          the dashboard (workers/data/dashboard.html), refreshing itself
GET /headlines                 the latest headlines this worker enriched

The counts table lives in one partition; any worker answers, forwarding the request to the
worker that holds it (Faust table routes).
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from faust.web import Request, Response, View

from workers.ops import metrics
from workers.records import OUTCOMES
from workers.runtime import faust_internals, sandbox
from workers.runtime.app import app
from workers.stages.counts import counts_by_source, public_view
from workers.stages.enrich import recent_headlines

DASHBOARD = resources.files("workers.data").joinpath("dashboard.html").read_text(encoding="utf-8")


def _ready() -> bool:
    return (
        not app.rebalancing
        and faust_internals.recovery_completed(app)
        and sandbox.activity.warming == 0
    )


@app.page("/health")
class Health(View):
    async def get(self, request: Request) -> Response:
        return self.json({"status": "ok", "app": app.conf.id})


@app.page("/ready")
class Ready(View):
    async def get(self, request: Request) -> Response:
        ready = _ready()
        return self.json({"ready": ready}, status=200 if ready else 503)


@app.page("/")
class Dashboard(View):
    async def get(self, request: Request) -> Response:
        return self.html(DASHBOARD)


@app.page("/headlines")
class Headlines(View):
    async def get(self, request: Request) -> Response:
        return self.json({"headlines": list(reversed(recent_headlines))})


@app.page("/metrics")
class Metrics(View):
    async def get(self, request: Request) -> Response:
        return self.bytes(metrics.exposition(), content_type="text/plain; version=0.0.4")


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
