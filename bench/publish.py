"""``python -m bench.publish [--records N]``: ``wirestream publish`` reading a WARC.gz of N small
HTML response records (plus one request record per ten), as the user runs it (a subprocess of
the real command), at N/10 and N: messages/s and peak resident memory of the command.

- ``--dry-run``: reading and wrapping alone, no broker;
- through the bench broker (started by the project's script): beside a baseline measured in the
  same run, a bare aiokafka producer sending the same number of prebuilt messages of the same
  size from a list in memory.

Memory that stays flat from N/10 to N is the claim; the ratio of the two RSS figures shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from aiokafka import AIOKafkaProducer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench import pipeline
from workers.tools import kafka_local

PAGE = "<html><head><title>Story {n}</title></head><body><p>{text}</p></body></html>"
TEXT = "A short paragraph of a small page, as a crawler saves thousands of them. " * 8


def write_warc(path: Path, records: int) -> int:
    """A WARC.gz of ``records`` HTML responses; returns the size of one payload."""
    size = 0
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(records):
            url = f"https://bench.example/{n}"
            if n % 10 == 0:
                request = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
                writer.write_record(
                    writer.create_warc_record(
                        url, "request", payload=BytesIO(b""), http_headers=request
                    )
                )
            payload = PAGE.format(n=n, text=TEXT).encode()
            size = len(payload)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(payload), http_headers=headers
                )
            )
    return size


# Runs the CLI in this process and prints its peak RSS (KiB) on stderr's last line.
_MEASURED = (
    "import resource, sys, runpy\n"
    "sys.argv = ['wirestream', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_module('workers.tools.cli', run_name='__main__')\n"
    "finally:\n"
    "    print('maxrss', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def run_cli(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one ``wirestream`` command."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args], capture_output=True, text=True, env=env
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"wirestream {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    rss_kib = int(done.stderr.strip().splitlines()[-1].split()[1])
    return seconds, rss_kib / 1024


async def bare_producer(topic: str, count: int, size: int) -> float:
    """Messages/s of an aiokafka producer sending prebuilt values: the baseline."""
    producer = AIOKafkaProducer(bootstrap_servers=pipeline.BOOTSTRAP, acks="all")
    await producer.start()
    value = b"x" * size
    started = time.perf_counter()
    try:
        futures = [await producer.send(topic, value, key=str(n).encode()) for n in range(count)]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return count / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--no-broker", action="store_true", help="the dry-run figures only")
    args = parser.parse_args()
    report(args.records, broker=not args.no_broker)


def report(records: int, broker: bool = True) -> None:
    """Dry run and (with ``broker``) to-Kafka figures at records/10 and records."""
    with tempfile.TemporaryDirectory() as tmp:
        sizes = (records // 10, records)
        files = {}
        for n in sizes:
            files[n] = Path(tmp) / f"crawl-{n}.warc.gz"
            payload = write_warc(files[n], n)
        mib = files[sizes[1]].stat().st_size / 2**20
        print(f"WARC.gz of {sizes[1]} responses: {mib:.1f} MiB, payload {payload} bytes each")
        rss = {}
        for n in sizes:
            seconds, rss[n] = run_cli(["publish", "--dry-run", str(files[n])])
            print(f"  dry run, {n:>7} records: {n / seconds:8.0f} msg/s, peak RSS {rss[n]:.0f} MiB")
        print(f"  peak RSS ratio {sizes[1]} / {sizes[0]}: {rss[sizes[1]] / rss[sizes[0]]:.2f}")
        if not broker:
            return
        kafka = pipeline.broker()
        kafka_local.start(kafka)
        try:
            for n in sizes:
                env = {
                    **os.environ,
                    "WIRESTREAM_BROKER": pipeline.BOOTSTRAP,
                    "WIRESTREAM_TOPIC_RAW": f"bench-publish-{os.getpid()}-{n}",
                }
                seconds, rss[n] = run_cli(["publish", str(files[n])], env)
                base = asyncio.run(bare_producer(f"bench-bare-{os.getpid()}-{n}", n, payload))
                rate = n / seconds
                print(
                    f"  to Kafka, {n:>7} records: {rate:8.0f} msg/s (bare producer {base:.0f}, "
                    f"ratio {rate / base:.2f}), peak RSS {rss[n]:.0f} MiB"
                )
            print(f"  peak RSS ratio {sizes[1]} / {sizes[0]}: {rss[sizes[1]] / rss[sizes[0]]:.2f}")
        finally:
            kafka_local.stop(kafka)


if __name__ == "__main__":
    main()
