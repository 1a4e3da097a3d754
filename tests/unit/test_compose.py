"""docker-compose.yml stays valid and scalable (checked by Debian's docker-compose, no engine)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml  # type: ignore[import-untyped]

from tests.conftest import ROOT
from workers.tools.kafka_local import DEFAULT_VERSION


def test_compose_file_is_valid() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.fail("docker-compose is missing: `make test` installs Debian's package")
    result = subprocess.run(
        [tool, "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_compose_runs_the_same_kafka_and_scales() -> None:
    doc = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert doc["services"]["kafka"]["image"] == f"apache/kafka:{DEFAULT_VERSION}"
    worker = doc["services"]["worker"]
    assert "container_name" not in worker and "ports" not in worker, "--scale worker=3 must work"
    assert "healthcheck" in worker and "healthcheck" in doc["services"]["kafka"]
    env = worker["environment"]
    assert env["WIRESTREAM_BROKER"].startswith("kafka://kafka:")
