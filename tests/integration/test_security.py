"""A worker on the broker's SASL_SSL listener (SCRAM-SHA-512 over TLS with a private CA): the
pipeline works, the password shows up in no log and no HTTP answer, and a wrong one is refused."""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from typing import Any

from tests.conftest import ROOT, SEED
from tests.integration.conftest import SASL_PASSWORD, SASL_PORT, SASL_USER, Pipeline
from workers.tools.inputs import file_message


def secured_env(broker: Any, password: str = SASL_PASSWORD) -> dict[str, str]:
    return {
        "WIRESTREAM_BROKER": f"127.0.0.1:{SASL_PORT}",
        "WIRESTREAM_SECURITY_PROTOCOL": "SASL_SSL",
        "WIRESTREAM_SASL_MECHANISM": "SCRAM-SHA-512",
        "WIRESTREAM_SASL_USERNAME": SASL_USER,
        "WIRESTREAM_SASL_PASSWORD": password,
        "WIRESTREAM_SSL_CAFILE": str(broker.tls / "ca.pem"),
        "WIRESTREAM_LOG_LEVEL": "debug",  # the most a log could ever say
    }


def body(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local worker
        return response.read().decode()


async def test_worker_over_scram_and_tls(pipeline_factory: Any, broker: Any) -> None:
    pipeline: Pipeline = pipeline_factory(**secured_env(broker))
    worker = pipeline.add_worker()
    seed = file_message(SEED)
    await pipeline.publish([(seed.key, seed.value)])

    async def enriched() -> Any:
        return await pipeline.read(pipeline.topics.enriched, timeout=0.5)

    [record] = await pipeline.wait_for(enriched, what="the seed enriched over SASL_SSL")
    assert record["source"] == "independent.co.uk"

    answers = [body(worker.base + path) for path in ("/health", "/ready", "/sources", "/metrics")]
    assert worker.stop() == 0
    log = worker.log.read_text(errors="replace")
    assert f"Authenticated as {SASL_USER} via SCRAM-SHA-512" in log, "not the secured listener"
    assert SASL_PASSWORD not in log
    assert not [a for a in answers if SASL_PASSWORD in a]


def test_a_wrong_password_is_refused_and_not_echoed(pipeline_factory: Any, broker: Any) -> None:
    wrong = "not-the-password-0123"
    pipeline: Pipeline = pipeline_factory(**secured_env(broker, wrong))
    env = pipeline.env(web_port=0)
    done = subprocess.run(
        [sys.executable, "-m", "workers", "topics"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "SaslAuthenticationFailed" in output or "Authentication failed" in output, output
    assert wrong not in output
