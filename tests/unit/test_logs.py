import logging

import orjson

from workers.ops.logs import JsonFormatter


def test_json_log_lines_carry_level_logger_and_message() -> None:
    record = logging.LogRecord(
        "workers.runtime.streams",
        logging.WARNING,
        __file__,
        1,
        "dead letter: stage=%s",
        ("parse",),
        None,
    )
    doc = orjson.loads(JsonFormatter().format(record))
    assert doc["level"] == "warning" and doc["logger"] == "workers.runtime.streams"
    assert doc["message"] == "dead letter: stage=parse" and doc["time"].endswith("+00:00")
