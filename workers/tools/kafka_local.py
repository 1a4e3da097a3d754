"""A single-node Apache Kafka (KRaft, broker+controller) on 127.0.0.1, for development and tests.

``wirestream kafka fetch|start|stop|status`` (or ``python -m workers.tools.kafka_local ...``):

- fetch: resolve ``org.apache.kafka:kafka_2.13`` plus the log4j2 binding (release-tarball only, so
  added here) from Maven Central with ``mvn dependency:copy-dependencies`` into a cache folder;
- start: write ``server.properties``, format KRaft storage once, start ``kafka.Kafka`` in its own
  session with its log in a file, and wait until it answers metadata requests. Idempotent: a
  broker already started from the same home and answering is left alone;
- stop: end only the process recorded in the pid file (SIGTERM, then SIGKILL after a grace time).

Environment (all optional): WIRESTREAM_KAFKA_VERSION (default 4.1.1), WIRESTREAM_KAFKA_HOME (data,
log and pid; default ``.run/kafka``), WIRESTREAM_KAFKA_PORT (9092), WIRESTREAM_KAFKA_CONTROLLER_PORT
(9093), WIRESTREAM_KAFKA_CACHE (jars; default ``~/.cache/wirestream``), WIRESTREAM_KAFKA_HEAP (1g).

A secured listener, off by default: WIRESTREAM_KAFKA_SASL_PORT (e.g. 9094) adds a SASL_SSL
listener with SCRAM-SHA-512. The user WIRESTREAM_KAFKA_SASL_USER (``wirestream``) with the password
WIRESTREAM_KAFKA_SASL_PASSWORD is created when the storage is formatted (``--add-scram``), and a
private CA and a certificate for 127.0.0.1 are made with ``openssl`` in ``<home>/tls`` (point
WIRESTREAM_SSL_CAFILE at ``<home>/tls/ca.pem``). Changing these needs a fresh home.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

DEFAULT_VERSION = "4.1.1"
LOG4J_VERSION = "2.24.3"
SLF4J_VERSION = "2.0.16"


@dataclass(frozen=True)
class LocalKafka:
    home: Path
    version: str = DEFAULT_VERSION
    port: int = 9092
    controller_port: int = 9093
    cache: Path = Path.home() / ".cache" / "wirestream"
    heap: str = "1g"
    sasl_port: int = 0  # 0: no secured listener
    sasl_user: str = "wirestream"
    sasl_password: str = field(default="", repr=False)

    @classmethod
    def from_env(cls) -> LocalKafka:
        env = os.environ
        return cls(
            home=Path(env.get("WIRESTREAM_KAFKA_HOME", ".run/kafka")).resolve(),
            version=env.get("WIRESTREAM_KAFKA_VERSION", DEFAULT_VERSION),
            port=int(env.get("WIRESTREAM_KAFKA_PORT", "9092")),
            controller_port=int(env.get("WIRESTREAM_KAFKA_CONTROLLER_PORT", "9093")),
            cache=Path(
                env.get("WIRESTREAM_KAFKA_CACHE", str(Path.home() / ".cache" / "wirestream"))
            ),
            heap=env.get("WIRESTREAM_KAFKA_HEAP", "1g"),
            sasl_port=int(env.get("WIRESTREAM_KAFKA_SASL_PORT", "0")),
            sasl_user=env.get("WIRESTREAM_KAFKA_SASL_USER", "wirestream"),
            sasl_password=env.get("WIRESTREAM_KAFKA_SASL_PASSWORD", ""),
        )

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def tls(self) -> Path:
        return self.home / "tls"

    @property
    def libs(self) -> Path:
        return self.cache / f"kafka-{self.version}" / "libs"

    @property
    def pid_file(self) -> Path:
        return self.home / "kafka.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "kafka.log"


def _pom(version: str) -> str:
    deps = [
        ("org.apache.kafka", "kafka_2.13", version),
        ("org.apache.logging.log4j", "log4j-core", LOG4J_VERSION),
        ("org.apache.logging.log4j", "log4j-slf4j2-impl", LOG4J_VERSION),
        # Kafka's tree resolves slf4j-api 1.7, which the slf4j2 binding cannot serve.
        ("org.slf4j", "slf4j-api", SLF4J_VERSION),
    ]
    body = "".join(
        f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId>"
        f"<version>{v}</version></dependency>"
        for g, a, v in deps
    )
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
        "<groupId>wirestream</groupId><artifactId>kafka-jars</artifactId><version>1</version>"
        f"<packaging>pom</packaging><dependencies>{body}</dependencies></project>"
    )


def fetch(kafka: LocalKafka) -> Path:
    """Resolve the broker's jars into the cache once; return the folder."""
    marker = kafka.libs / ".complete"
    if marker.exists():
        return kafka.libs
    if shutil.which("mvn") is None:
        raise SystemExit("mvn not found: install Maven (Java 17 is needed too)")
    work = kafka.libs.parent
    work.mkdir(parents=True, exist_ok=True)
    (work / "pom.xml").write_text(_pom(kafka.version))
    staging = work / "libs.partial"
    shutil.rmtree(staging, ignore_errors=True)
    cmd = [
        "mvn",
        "-q",
        "-B",
        "-f",
        str(work / "pom.xml"),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={staging}",
        "-DincludeScope=runtime",
    ]
    logger.info("fetching Apache Kafka %s jars with mvn", kafka.version)
    subprocess.run(cmd, check=True)
    shutil.rmtree(kafka.libs, ignore_errors=True)
    staging.rename(kafka.libs)
    marker.write_text(kafka.version)
    return kafka.libs


def server_properties(kafka: LocalKafka) -> str:
    data = kafka.home / "data"
    lines = {
        "process.roles": "broker,controller",
        "node.id": "1",
        "listeners": f"PLAINTEXT://127.0.0.1:{kafka.port},CONTROLLER://127.0.0.1:{kafka.controller_port}",
        "advertised.listeners": f"PLAINTEXT://127.0.0.1:{kafka.port}",
        "controller.listener.names": "CONTROLLER",
        "listener.security.protocol.map": "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "controller.quorum.bootstrap.servers": f"127.0.0.1:{kafka.controller_port}",
        "log.dirs": str(data),
        "num.partitions": "1",
        "offsets.topic.replication.factor": "1",
        "offsets.topic.num.partitions": "4",
        "transaction.state.log.replication.factor": "1",
        "transaction.state.log.min.isr": "1",
        "share.coordinator.state.topic.replication.factor": "1",
        "share.coordinator.state.topic.min.isr": "1",
        "group.initial.rebalance.delay.ms": "0",
        "auto.create.topics.enable": "true",
        "message.max.bytes": "10485760",
    }
    if kafka.sasl_port:
        lines.update(_sasl_ssl_properties(kafka, lines))
    return "".join(f"{k}={v}\n" for k, v in lines.items())


def _sasl_ssl_properties(kafka: LocalKafka, base: dict[str, str]) -> dict[str, str]:
    """A SASL_SSL listener with SCRAM-SHA-512 beside the plaintext one (which stays the
    inter-broker listener), its key and certificate in one PEM file."""
    listener = f"SASL_SSL://127.0.0.1:{kafka.sasl_port}"
    return {
        "listeners": f"{base['listeners']},{listener}",
        "advertised.listeners": f"{base['advertised.listeners']},{listener}",
        "listener.security.protocol.map": f"{base['listener.security.protocol.map']},"
        "SASL_SSL:SASL_SSL",
        "inter.broker.listener.name": "PLAINTEXT",
        "sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config": (
            "org.apache.kafka.common.security.scram.ScramLoginModule required;"
        ),
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": str(kafka.tls / "server.pem"),
    }


def make_tls(folder: Path) -> None:
    """A private CA (``ca.pem``) and a certificate for 127.0.0.1 and localhost signed by it
    (``server.pem``: unencrypted PKCS#8 key, then the certificate), once."""
    if (folder / "server.pem").exists():
        return
    if shutil.which("openssl") is None:
        raise SystemExit("openssl not found: it makes the secured listener's certificates")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n"
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "authorityKeyIdentifier=keyid\n"
    )
    steps = [
        "req -x509 -newkey rsa:2048 -nodes -days 3650 -keyout ca.key -out ca.pem"
        " -subj /CN=wirestream-local-ca -addext basicConstraints=critical,CA:TRUE"
        " -addext keyUsage=critical,keyCertSign,cRLSign",
        "req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost",
        "x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 3650"
        " -out server.crt -extfile server.ext",
    ]
    for step in steps:
        subprocess.run(["openssl", *step.split()], cwd=folder, check=True, capture_output=True)
    key, cert = (folder / "server.key").read_text(), (folder / "server.crt").read_text()
    (folder / "server.pem").write_text(key + cert)


LOG4J2 = """status = warn
appender.file.type = Console
appender.file.name = OUT
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.kafka.name = kafka
logger.kafka.level = INFO
logger.state.name = state.change.logger
logger.state.level = WARN
logger.apache.name = org.apache.kafka
logger.apache.level = INFO
"""


def _java(kafka: LocalKafka, main: str, *args: str) -> list[str]:
    return [
        "java",
        f"-Xmx{kafka.heap}",
        f"-Xms{kafka.heap}",
        f"-Dlog4j2.configurationFile={kafka.home / 'log4j2.properties'}",
        "-cp",
        f"{kafka.libs}/*",
        main,
        *args,
    ]


def _format_storage(kafka: LocalKafka, props: Path) -> None:
    if (kafka.home / "data" / "meta.properties").exists():
        return
    cluster_id = (
        subprocess.run(
            _java(kafka, "kafka.tools.StorageTool", "random-uuid"),
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    subprocess.run(
        _java(
            kafka,
            "kafka.tools.StorageTool",
            "format",
            "-t",
            cluster_id,
            "-c",
            str(props),
            "--standalone",
            *_scram_users(kafka),
        ),
        check=True,
        capture_output=True,
        text=True,
    )


def _scram_users(kafka: LocalKafka) -> list[str]:
    if not kafka.sasl_port:
        return []
    if not kafka.sasl_password:
        raise SystemExit("WIRESTREAM_KAFKA_SASL_PASSWORD is needed for the secured listener")
    return ["--add-scram", f"SCRAM-SHA-512=[name={kafka.sasl_user},password={kafka.sasl_password}]"]


def running_pid(kafka: LocalKafka) -> int | None:
    """The pid in the pid file if that process is alive and is a Kafka broker."""
    try:
        pid = int(kafka.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return None
    return pid if b"kafka.Kafka" in cmdline else None


async def _answers(bootstrap: str) -> bool:
    from aiokafka.admin import AIOKafkaAdminClient

    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=3000)
    try:
        await admin.start()
        await admin.describe_cluster()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not ready yet"
        return False
    finally:
        await admin.close()


def answers(bootstrap: str) -> bool:
    """True when a broker at ``bootstrap`` answers a metadata request. aiokafka logs each
    refused connection as an error; here a refusal only means "not ready yet", so its logger
    is quiet while the probe runs (``make demo`` printed one such error a probe while the
    broker started)."""
    client_log = logging.getLogger("aiokafka")
    level = client_log.level
    client_log.setLevel(logging.CRITICAL)
    try:
        return asyncio.run(_answers(bootstrap))
    finally:
        client_log.setLevel(level)


def start(kafka: LocalKafka, timeout: float = 90.0) -> int:
    fetch(kafka)
    pid = running_pid(kafka)
    if pid is not None and answers(kafka.bootstrap):
        logger.info("Kafka already running (pid %s) on %s", pid, kafka.bootstrap)
        return pid
    kafka.home.mkdir(parents=True, exist_ok=True)
    props = kafka.home / "server.properties"
    props.write_text(server_properties(kafka))
    (kafka.home / "log4j2.properties").write_text(LOG4J2)
    if kafka.sasl_port:
        make_tls(kafka.tls)
    _format_storage(kafka, props)
    with open(kafka.log_file, "ab") as log:
        proc = subprocess.Popen(
            _java(kafka, "kafka.Kafka", str(props)),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    kafka.pid_file.write_text(str(proc.pid))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Kafka exited with {proc.returncode}; see {kafka.log_file}")
        if answers(kafka.bootstrap):
            logger.info("Kafka %s ready on %s (pid %s)", kafka.version, kafka.bootstrap, proc.pid)
            return proc.pid
        time.sleep(0.5)
    stop(kafka)
    raise SystemExit(f"Kafka did not answer within {timeout:.0f}s; see {kafka.log_file}")


def stop(kafka: LocalKafka, grace: float = 30.0) -> bool:
    """Stop the broker this script started; True if one was running."""
    pid = running_pid(kafka)
    if pid is None:
        kafka.pid_file.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and running_pid(kafka) == pid:
        time.sleep(0.2)
    if running_pid(kafka) == pid:
        os.kill(pid, signal.SIGKILL)
        while running_pid(kafka) == pid:
            time.sleep(0.1)
    kafka.pid_file.unlink(missing_ok=True)
    return True


def status(kafka: LocalKafka) -> str:
    pid = running_pid(kafka)
    if pid is None:
        return "stopped"
    state = "ready" if answers(kafka.bootstrap) else "not answering"
    return f"running (pid {pid}) on {kafka.bootstrap}: {state}"


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "status"
    kafka = LocalKafka.from_env()
    if command == "fetch":
        print(fetch(kafka))
    elif command == "start":
        start(kafka)
        print(f"Kafka ready on {kafka.bootstrap}")
    elif command == "stop":
        print("stopped" if stop(kafka) else "not running")
    elif command == "status":
        print(status(kafka))
    else:
        print("usage: kafka_local fetch|start|stop|status", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
