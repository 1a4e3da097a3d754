import logging

import orjson

from workers.logs import JsonFormatter


def test_json_log_lines_carry_level_logger_and_message() -> None:
    record = logging.LogRecord(
        "workers.routing", logging.WARNING, __file__, 1, "dead letter: stage=%s", ("parse",), None
    )
    doc = orjson.loads(JsonFormatter().format(record))
    assert doc["level"] == "warning" and doc["logger"] == "workers.routing"
    assert doc["message"] == "dead letter: stage=parse" and doc["time"].endswith("+00:00")
