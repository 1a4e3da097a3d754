"""The worker's HTTP API (Faust's web server; loopback unless WIRESTREAM_WEB_HOST opens it).

Every worker serves:

GET /health                    alive
GET /ready                     partitions assigned and tables recovered
GET /metrics                   Prometheus metrics (workers.ops.metrics)
GET /                          the dashboard (workers/data/dashboard.html), refreshing itself

A worker that runs the counts stage adds ``/sources`` (``workers.ops.sources``); one that runs
enrich adds ``/headlines`` (``workers.ops.headlines``).
"""

from __future__ import annotations

from importlib import resources

from faust.web import Request, Response, View

from workers.ops import metrics
from workers.runtime import faust_internals, sandbox
from workers.runtime.app import app

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


@app.page("/metrics")
class Metrics(View):
    async def get(self, request: Request) -> Response:
        return self.bytes(metrics.exposition(), content_type="text/plain; version=0.0.4")
