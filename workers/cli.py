"""``wirestream``: the worker, the local broker, publishing, tailing and counts.

Commands that need only the settings import them lazily, so ``wirestream kafka start`` works
without loading Faust or spaCy.
"""

from __future__ import annotations

import asyncio
import sys
import time
import urllib.request
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
    from workers.admin import ensure_topics
    from workers.app import app, settings

    asyncio.run(ensure_topics(settings))
    sys.argv = ["wirestream", "worker", "--loglevel", settings.log_level, *ctx.args]
    app.main()


@cli.command()
@click.argument("action", type=click.Choice(["fetch", "start", "stop", "status"]))
def kafka(action: str) -> None:
    """Manage the local single-node Kafka (see WIRESTREAM_KAFKA_* variables)."""
    from workers import kafka_local

    raise SystemExit(kafka_local.main([action]))


@cli.command()
def topics() -> None:
    """Create the pipeline's topics with their partition counts."""
    from workers.admin import ensure_topics

    created = asyncio.run(ensure_topics(_settings()))
    click.echo("created: " + (", ".join(created) if created else "nothing (all exist)"))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="Source to put in the envelope of .txt/.html files.")
@click.option("--url", help="URL to put in the envelope of .txt/.html files.")
@click.option("--topic", help="Topic to publish to (default: the raw topic).")
def publish(paths: tuple[str, ...], source: str | None, url: str | None, topic: str | None) -> None:
    """Publish files, folders (recursively) or - (stdin) to the raw topic."""
    from workers.admin import ensure_topics
    from workers.publish import expand, message_for
    from workers.publish import publish as send
    from workers.security import client_options

    settings = _settings()
    asyncio.run(ensure_topics(settings))
    messages = [message_for(p, source, url) for p in expand(paths)]
    sent = asyncio.run(
        send(
            client_options(settings),
            topic or settings.topics.raw,
            messages,
            progress=len(messages) > 5,
        )
    )
    click.echo(f"published {sent} message(s) to {topic or settings.topics.raw}")


@cli.command()
@click.argument("topic", required=False)
@click.option("--from-beginning", is_flag=True, help="Read from the start of the topic.")
@click.option("--limit", type=int, default=0, help="Stop after N messages (0: never).")
@click.option("--timeout", type=float, default=0.0, help="Stop after N idle seconds (0: never).")
@click.option("--pretty", is_flag=True, help="Indented JSON instead of one document a line.")
def tail(topic: str | None, from_beginning: bool, limit: int, timeout: float, pretty: bool) -> None:
    """Print messages of a topic (default: the enriched topic) as JSON."""
    settings = _settings()
    asyncio.run(
        _tail(settings, topic or settings.topics.enriched, from_beginning, limit, timeout, pretty)
    )


async def _tail(
    settings: Settings, topic: str, from_beginning: bool, limit: int, timeout: float, pretty: bool
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
                    click.echo(render(record.value, pretty))
                    seen += 1
                    if limit and seen >= limit:
                        return
    finally:
        await consumer.stop()


def render(value: bytes | None, pretty: bool) -> str:
    if value is None:
        return "null"
    try:
        doc: Any = orjson.loads(value)
    except orjson.JSONDecodeError:
        doc = {"raw": value.decode("utf-8", "replace")}
    option = orjson.OPT_INDENT_2 if pretty else 0
    return orjson.dumps(doc, option=option).decode()


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
def demo(paths: tuple[str, ...]) -> None:
    """Broker, worker, the seeds published, the enriched seed shown, then a clean shutdown."""
    from workers.demo import run

    raise SystemExit(run(list(paths) or ["seeds"]))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
