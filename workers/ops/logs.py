"""Readable logs by default; one JSON object a line with WIRESTREAM_LOG_FORMAT=json.

Faust sets up the root logger when the worker starts; the task below then swaps the formatter of
every root handler, so Faust's own lines come out as JSON too.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import orjson

from workers.runtime.app import app, settings


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        doc = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(doc).decode()


def use_json_logs() -> None:
    for handler in logging.getLogger().handlers:
        handler.setFormatter(JsonFormatter())


@app.task
async def configure_log_format() -> None:
    if settings.log_format == "json":
        use_json_logs()
