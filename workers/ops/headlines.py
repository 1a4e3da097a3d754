"""The latest headlines over HTTP, in a worker that runs the enrich stage.

GET /headlines                 the latest headlines this worker enriched
"""

from __future__ import annotations

from faust.web import Request, Response, View

from workers.runtime.app import app
from workers.stages.enrich import recent_headlines


@app.page("/headlines")
class Headlines(View):
    async def get(self, request: Request) -> Response:
        return self.json({"headlines": list(reversed(recent_headlines))})
