"""The seed corpus as test data: every file in seeds/ with its golden expectations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import SEEDS
from workers.tools.inputs import expand, file_message


def seed_files() -> list[Path]:
    return [p for p in expand([str(SEEDS)]) if p is not None]


def expected(path: Path) -> dict[str, Any]:
    golden = path.with_name(path.name.split(".")[0] + ".expected.json")
    return json.loads(golden.read_text()) if golden.exists() else {}


def raw_value(path: Path) -> bytes:
    return file_message(path).value
