"""``wirestream``: the worker, the local broker, publishing, tailing and counts.

Commands that need only the settings import them lazily, so ``wirestream kafka start`` works
without loading Faust or spaCy.
"""

from __future__ import annotations

import asyncio
import sys
import time
import urllib.request
from collections.abc import Callable
from typing import Any

import click
import orjson

from workers.settings import Settings


def _settings() -> Settings:
    return Settings.from_env()


@click.group()
def cli() -> None:
    """Wirestream: streaming ingestion of news articles on Kafka and Faust."""


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def worker(ctx: click.Context) -> None:
    """Run a Faust worker (extra options go to Faust's worker command)."""
    import mode.loop

    from workers.runtime.admin import ensure_topics
    from workers.runtime.app import app, load_modules, settings

    load_modules()
    asyncio.run(ensure_topics(settings))
    # uvloop, before Faust makes its loop: a busy worker's time goes mostly to loop machinery.
    mode.loop.use("uvloop")
    sys.argv = ["wirestream", "worker", "--loglevel", settings.log_level, *ctx.args]
    app.main()


@cli.command()
@click.argument("action", type=click.Choice(["fetch", "start", "stop", "status"]))
def kafka(action: str) -> None:
    """Manage the local single-node Kafka (see WIRESTREAM_KAFKA_* variables)."""
    from workers.tools import kafka_local

    raise SystemExit(kafka_local.main([action]))


@cli.command()
def topics() -> None:
    """Create the pipeline's topics with their partition counts."""
    from workers.runtime.admin import ensure_topics

    created = asyncio.run(ensure_topics(_settings()))
    click.echo("created: " + (", ".join(created) if created else "nothing (all exist)"))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="Source to put in the envelope of .txt/.md/.html files.")
@click.option("--url", help="URL to put in the envelope of .txt/.md/.html files.")
@click.option("--topic", help="Topic to publish to (default: the raw topic).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "raw", "jsonl", "warc"]),
    default="auto",
    help="How to read the inputs (auto: by file name; stdin is one raw message).",
)
@click.option("--dry-run", is_flag=True, help="Send nothing: list the messages and count them.")
@click.option("--rate", type=float, default=0.0, help="At most N messages a second (0: no cap).")
def publish(
    paths: tuple[str, ...],
    source: str | None,
    url: str | None,
    topic: str | None,
    fmt: str,
    dry_run: bool,
    rate: float,
) -> None:
    """Publish files, folders (recursively), WARC and JSON Lines files, or - (stdin) to the raw
    topic. Exits 1 if a WARC file had a record that could not be read."""
    from workers.tools.inputs import Report, read
    from workers.tools.render import printable

    settings = _settings()
    report = Report()
    messages = read(paths, report, fmt, source, url)
    if dry_run:
        count = 0
        for message in messages:
            click.echo(f"{printable(message.key)}\t{message.content_type}\t{len(message.value)}")
            count += 1
        _print_report(report)
        click.echo(f"{count} message(s)")
    else:
        from workers.runtime.admin import ensure_topics
        from workers.security import client_options
        from workers.tools.publish import publish as send

        target = topic or settings.topics.raw
        asyncio.run(ensure_topics(settings))
        sent = asyncio.run(
            send(client_options(settings), target, messages, progress=True, rate=rate)
        )
        _print_report(report)
        click.echo(f"published {sent} message(s) to {target}")
    if report.unreadable:
        raise SystemExit(1)


def _print_report(report: Any) -> None:
    from workers.tools.render import printable

    for problem in report.problems:
        click.echo(f"malformed: {printable(problem.encode(), 500)}", err=True)
    if report.problem_count > len(report.problems):
        click.echo(f"... and {report.problem_count - len(report.problems)} more", err=True)
    if report.problem_count:
        click.echo(f"{report.problem_count} malformed input(s)", err=True)
    if report.skipped:
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(report.skipped.items()))
        click.echo(f"skipped records: {kinds}", err=True)


@cli.command()
@click.argument("topic", required=False)
@click.option("--from-beginning", is_flag=True, help="Read from the start of the topic.")
@click.option("--limit", type=int, default=0, help="Stop after N messages (0: never).")
@click.option("--timeout", type=float, default=0.0, help="Stop after N idle seconds (0: never).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "summary"]),
    default="json",
    help="json: one document a line; summary: one readable line per record.",
)
@click.option("--pretty", is_flag=True, help="Indented JSON (with --format json).")
def tail(
    topic: str | None, from_beginning: bool, limit: int, timeout: float, fmt: str, pretty: bool
) -> None:
    """Print the records of a topic (default: the enriched topic)."""
    from workers.tools.render import as_json, summary_line

    settings = _settings()

    def show(key: bytes | None, value: bytes | None) -> str:
        return summary_line(key, value) if fmt == "summary" else as_json(value, pretty)

    asyncio.run(
        _tail(settings, topic or settings.topics.enriched, from_beginning, limit, timeout, show)
    )


async def _tail(
    settings: Settings,
    topic: str,
    from_beginning: bool,
    limit: int,
    timeout: float,
    show: Callable[[bytes | None, bytes | None], str],
) -> None:
    from aiokafka import AIOKafkaConsumer

    from workers.security import client_options

    consumer = AIOKafkaConsumer(
        topic,
        **client_options(settings),
        group_id=None,
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=False,
    )
    await consumer.start()
    seen = 0
    try:
        while not limit or seen < limit:
            batch = await consumer.getmany(timeout_ms=int((timeout or 3600) * 1000))
            if not batch:
                if timeout:
                    break
                continue
            for records in batch.values():
                for record in records:
                    click.echo(show(record.key, record.value))
                    seen += 1
                    if limit and seen >= limit:
                        return
    finally:
        await consumer.stop()


@cli.command()
@click.option("--url", "base", help="Worker base URL (default: from WIRESTREAM_WEB_*).")
@click.option("--watch", is_flag=True, help="Refresh every two seconds.")
def counts(base: str | None, watch: bool) -> None:
    """Print the per-source counts table."""
    settings = _settings()
    host = "127.0.0.1" if settings.web_host in ("0.0.0.0", "::") else settings.web_host
    url = (base or f"http://{host}:{settings.web_port}") + "/sources"
    while True:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - local worker
            doc = orjson.loads(response.read())
        if watch:
            click.clear()
        click.echo(counts_table(doc))
        if not watch:
            return
        time.sleep(2)


def counts_table(doc: dict[str, Any]) -> str:
    from workers.records import OUTCOMES as columns

    rows = [[r["source"], *(str(r.get(c, 0)) for c in columns)] for r in doc.get("sources", [])]
    rows.append(["TOTAL", *(str(doc.get("totals", {}).get(c, 0)) for c in columns)])
    header = ["source", *columns]
    widths = [max(len(x) for x in col) for col in zip(header, *rows, strict=False)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in [header, *rows]]
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--pretty", is_flag=True, help="The seed article as full JSON.")
def demo(paths: tuple[str, ...], pretty: bool) -> None:
    """Broker, worker, the seeds published, a line per outcome and the seed article shown,
    then a clean shutdown."""
    from workers.tools.demo import run

    raise SystemExit(run(list(paths) or ["seeds"], pretty))


@cli.command("migrate-dedup")
def migrate_dedup() -> None:
    """Copy the dedup index of releases up to 2026-11 (the JSON ``dedup_index`` table) into
    the compact ``dedup_index_v2``; run it once, before the upgraded workers start."""
    from workers.tools.migrate import run

    read, written = run(_settings())
    click.echo(f"dedup_index: {read} live entries read, {written} written to dedup_index_v2")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
