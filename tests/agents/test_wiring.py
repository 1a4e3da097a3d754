from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.agents.conftest import Sent
from tests.conftest import SEED
from tests.seeds import raw_value, seed_files
from workers.records import Outcome
from workers.runtime.app import settings

GOOD_OUTCOME: dict[str, Any] = {
    "version": 1,
    "source": "wiring-foreign",
    "stage": "enrich",
    "partition": 0,
    "offset": 5,
    "at": 1_700_000_000.0,
    "outcomes": ["enriched"],
}


async def test_parse_agent_sends_article_and_outcome(wired_app: Any, sent: Sent) -> None:
    from workers.stages.parse import parse

    async with parse.test_context() as agent:
        await agent.put(raw_value(SEED), key=b"seed")
    [article] = sent.values(settings.topics.parsed)
    assert article.title.startswith("Isis fighters") and article.minhash
    assert sent.calls[settings.topics.parsed][0]["key"] == article.article_id.encode()
    [outcome] = sent.values(settings.topics.outcomes)
    assert outcome.outcomes == ["received", "parsed"] and outcome.source == "independent.co.uk"
    assert not sent.values(settings.topics.dead_letter)


async def test_parse_agent_dead_letters_bad_input_and_keeps_going(
    wired_app: Any, sent: Sent
) -> None:
    from workers.stages.parse import parse

    async with parse.test_context() as agent:
        await agent.put(b'{"content": ', key=b"broken")
        await agent.put(b"\x00\x01\x02", key=b"binary")
        await agent.put(raw_value(SEED), key=b"seed")
    reasons = [d.reason for d in sent.values(settings.topics.dead_letter)]
    assert reasons == ["invalid_json", "binary_content"]
    assert len(sent.values(settings.topics.parsed)) == 1
    outcomes = [o.outcomes for o in sent.values(settings.topics.outcomes)]
    assert outcomes == [["received", "dead_lettered"]] * 2 + [["received", "parsed"]]


async def test_agents_send_the_bytes_of_each_topics_own_codec(wired_app: Any, sent: Sent) -> None:
    """Agents hand encoded bytes straight to the producer (``streams.send``): they are the
    bytes Faust's codec of each topic would have written, so no consumer sees a change."""
    from workers.runtime import topics
    from workers.runtime.streams import send

    article = parsed(SEED)
    outcome = Outcome(
        version=1, source="s", stage="dedup", partition=0, offset=1, at=1.0, outcomes=["duplicate"]
    )
    cases = [
        (topics.parsed, article),
        (topics.unique, article),
        (topics.unique, None),  # a withdrawal: a null value
        (topics.outcomes, outcome),
    ]
    for topic, value in cases:
        await send(topic, b"key", value)
    raws = [c["raw"] for name in sent.calls for c in sent.calls[name]]  # grouped by topic
    assert raws == [None if v is None else t.prepare_value(v, None)[0] for t, v in cases]


async def test_count_agent_counts_each_outcome_once(wired_app: Any) -> None:
    from workers.stages.counts import count, counts_by_source

    changes = {"source": "agent-test", "stage": "parse", "offset": 3}
    event = Outcome(**{**GOOD_OUTCOME, **changes, "outcomes": ["received", "parsed"]})
    async with count.test_context() as agent:
        await agent.put(event.dumps(), key=b"agent-test")
        await agent.put(event.dumps(), key=b"agent-test")  # the same input offset, redelivered
    assert counts_by_source["agent-test"]["received"] == 1


FOREIGN_OUTCOMES = [
    b"not json",
    b'["a list"]',
    b'{"version": 1}',  # fields missing
    # each of these is an outcome but for one field: the wrong type, or a value no stage writes
    *(
        Outcome(**{**GOOD_OUTCOME, field: value}).dumps()
        for field, value in [
            ("offset", "12"),
            ("partition", True),
            ("partition", 10_000),  # each new partition would grow the source's value
            ("outcomes", ["enriched", "counted-twice"]),
            ("stage", "count"),
            ("source", "A Source\u202e"),
            ("reason", "x" * 65),
            ("committed", -1),
            ("at", 1e300),
        ]
    ),
]


async def test_count_agent_dead_letters_what_no_stage_wrote_and_keeps_counting(
    wired_app: Any, sent: Sent
) -> None:
    """A message on the outcomes topic that no stage wrote (wrong types: once a restart loop)
    is dead-lettered with its payload and counted once, as source ``unknown``'s, by its own
    position; the outcomes after it are counted."""
    from workers.stages.counts import count, counts_by_source

    before = counts_by_source.get("unknown", {}).get("dead_lettered", 0)
    good = Outcome(**GOOD_OUTCOME).dumps()
    async with count.test_context() as agent:
        for value in FOREIGN_OUTCOMES:
            await agent.put(value, key=b"forged")
        await agent.put(good, key=b"wiring-foreign")
    dead = sent.values(settings.topics.dead_letter)
    assert [(d.stage, d.reason, d.source) for d in dead] == [
        ("count", "invalid_record", "unknown")
    ] * len(FOREIGN_OUTCOMES)
    assert [d.payload.encode() for d in dead] == FOREIGN_OUTCOMES
    assert counts_by_source["unknown"]["dead_lettered"] == before + len(FOREIGN_OUTCOMES)
    assert counts_by_source["unknown"]["dead_letter_reasons"]["invalid_record"] >= len(dead)
    assert counts_by_source["wiring-foreign"]["enriched"] == 1


async def test_dedup_agent_withdraws_an_original_when_an_earlier_copy_arrives(
    wired_app: Any, sent: Sent
) -> None:
    import orjson

    from workers.parsing.article import parse_at
    from workers.records import Position
    from workers.stages.dedup import dedup

    text = SEED.read_text()
    pages = [
        ("Tuesday 04 September 2018 09:00 BST", "https://late.example.com/w1", 1),
        ("Monday 03 September 2018 06:00 BST", "https://early.example.com/w1", 2),
    ]
    late, early = (
        parse_at(
            orjson.dumps(
                {"content": text.replace("Monday 03 September 2018 00:37 BST", when), "url": url}
            ),
            Position("wiring.raw", 0, offset, 1_700_000_000.0),
            settings,
        )
        for when, url, offset in pages
    )
    async with dedup.test_context() as agent:
        await agent.put(late.dumps(), key=late.article_id.encode())
        await agent.put(early.dumps(), key=early.article_id.encode())
    unique = sent.calls[settings.topics.unique]
    assert [(c["key"], c["value"]) for c in unique] == [
        (late.article_id.encode(), late),
        (late.article_id.encode(), None),  # withdrawn, before the new original
        (early.article_id.encode(), early),
    ]
    [revised] = sent.values(settings.topics.duplicates)
    assert (revised.raw_id, revised.duplicate_of, revised.revised) == (
        late.raw_id,
        early.article_id,
        True,
    )
    [outcome] = sent.values(settings.topics.outcomes)
    assert (outcome.source, outcome.stage, outcome.outcomes) == (
        late.source,
        "dedup",
        ["superseded"],
    )


async def test_dedup_agent_dead_letters_what_parse_did_not_write_and_keeps_judging(
    wired_app: Any, sent: Sent
) -> None:
    """A message on ``articles.parsed`` that is not a ``ParsedArticle`` (each crashed the agent:
    Faust raised one that was not JSON into its stream and handed on the others), or one the
    index cannot compute with, is dead-lettered and counted for source ``unknown``; the next is
    judged."""
    import orjson

    from workers.stages.dedup import dedup

    article = parsed(SEED, offset=31)
    fields = orjson.loads(article.dumps())
    foreign = [
        b"\xff not json",
        orjson.dumps({**fields, "title": 42}),
        orjson.dumps({k: v for k, v in fields.items() if k != "body"}),
        orjson.dumps({**fields, "minhash": fields["minhash"][:7]}),
        orjson.dumps({**fields, "minhash": [-1] * len(fields["minhash"])}),
        orjson.dumps({**fields, "ingested_at": "yesterday"}),
        orjson.dumps({**fields, "raw_ref": "x" * 5000}),
    ]
    async with dedup.test_context() as agent:
        for value in foreign:
            await agent.put(value, key=b"forged")
        await agent.put(article.dumps(), key=article.article_id.encode())
    dead = sent.values(settings.topics.dead_letter)
    assert [(d.stage, d.reason, d.source) for d in dead] == [
        ("dedup", "invalid_record", "unknown")
    ] * len(foreign)
    assert [d.payload_size for d in dead] == [len(v) for v in foreign]
    outcomes = [(o.outcomes, o.reason) for o in sent.values(settings.topics.outcomes)]
    assert outcomes[: len(foreign)] == [(["dead_lettered"], "invalid_record")] * len(foreign)
    assert {o.source for o in sent.values(settings.topics.outcomes)[: len(foreign)]} == {"unknown"}
    judged = [u.raw_id for u in sent.values(settings.topics.unique) if u is not None]
    judged += [d.raw_id for d in sent.values(settings.topics.duplicates)]
    assert article.raw_id in judged  # the tables outlive a test: unique here, or a copy


async def test_enrich_agent_forwards_a_withdrawal_and_dead_letters_foreign_records(
    wired_app: Any, sent: Sent
) -> None:
    from workers.stages.enrich import enrich

    async with enrich.test_context() as agent:
        await agent.put(None, key=b"a" * 24)
        await agent.put(b'{"not": "an article"}', key=b"b" * 24)
    [withdrawal] = sent.calls[settings.topics.enriched]
    assert (withdrawal["key"], withdrawal["value"]) == (b"a" * 24, None)
    [dead] = sent.values(settings.topics.dead_letter)
    assert (dead.stage, dead.reason, dead.payload) == (
        "enrich",
        "invalid_record",
        '{"not": "an article"}',
    )


@pytest.mark.parametrize("one_batch", [False, True])
async def test_enrich_agent_never_revives_a_withdrawn_article_sent_again(
    wired_app: Any, sent: Sent, one_batch: bool
) -> None:
    """Dedup redelivered after a crash can send a withdrawn article again, after its
    withdrawal: it is a replay, neither enriched nor counted a second time, whether the three
    messages reach the agent one by one or in one batch."""
    from workers.stages.enrich import enrich

    article = parsed(SEED, offset=20 + one_batch)  # tables outlive a test: a raw message of its own
    key = article.article_id.encode()
    async with enrich.test_context() as agent:
        for value in (article.dumps(), None, article.dumps()):
            await agent.put(value, key=key, wait=not one_batch)
        await processed(agent, 3)
    values = [c["value"] for c in sent.calls[settings.topics.enriched]]
    assert [v is None for v in values] == [False, True]
    assert [o.outcomes for o in sent.values(settings.topics.outcomes)] == [["enriched"]]


async def test_enrich_agent_batches_and_marks_each_article_in_its_own_partition(
    wired_app: Any, sent: Sent, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch mixes partitions; each article's mark goes to its own changelog partition, and
    the same article twice in a batch is enriched once."""
    from workers.stages import enrich as stage

    seeds = [p for p in seed_files() if p.suffix == ".txt"][:3]
    articles = [parsed(path, offset) for offset, path in enumerate(seeds)]
    enrich_batch, batch_sizes = stage.enrich_batch, []

    async def spied_batch(articles: list[Any], runner: Any) -> Any:
        batch_sizes.append(len(articles))
        return await enrich_batch(articles, runner)

    monkeypatch.setattr(stage, "enrich_batch", spied_batch)
    partition_for_key = stage.enriched_ids.partition_for_key
    marked: list[tuple[str, int | None]] = []

    def spy(key: str) -> int | None:
        marked.append((key, partition_for_key(key)))
        return marked[-1][1]

    monkeypatch.setattr(stage.enriched_ids, "partition_for_key", spy)
    async with stage.enrich.test_context() as agent:
        for partition, article in [*enumerate(articles), (0, articles[0])]:
            key = article.article_id.encode()
            await agent.put(article.dumps(), key=key, partition=partition, wait=False)
        await processed(agent, 4)
    assert batch_sizes[0] > 1
    assert marked == [(a.article_id, partition) for partition, a in enumerate(articles)]
    enriched = [c["key"] for c in sent.calls[settings.topics.enriched]]
    assert enriched == [a.article_id.encode() for a in articles]


@pytest.mark.parametrize(
    ("failure", "reason", "runs"),
    [
        # the batch, then the killer twice on its own
        ("crash", "enrich_failed", 3 + 2),
        # the batch, then the overrunner once on its own: an overrun is not worth a retry
        ("overrun", "enrich_timeout", 3 + 1),
    ],
)
async def test_a_batch_whose_ner_process_fails_dead_letters_only_the_culprit(
    wired_app: Any, models: Any, failure: str, reason: str, runs: int
) -> None:
    from workers.errors import EnrichError
    from workers.nlp.pipeline import enrich_many
    from workers.runtime.sandbox import Crashed, Overrun
    from workers.stages.enrich import enrich_batch

    seeds = [p for p in seed_files() if p.suffix == ".txt"][:3]
    articles = [parsed(path, offset) for offset, path in enumerate(seeds)]
    culprit = articles[1].article_id

    class Runner:
        calls = 0

        async def run(self, batch: list[dict[str, Any]]) -> list[dict[str, Any] | str]:
            self.calls += 1
            if any(a["article_id"] == culprit for a in batch):
                raise Crashed("died") if failure == "crash" else Overrun("over 12s")
            return enrich_many(batch, models)

    runner = Runner()
    results = await enrich_batch(articles, runner)  # type: ignore[arg-type]
    assert [type(r).__name__ for r in results] == [
        "EnrichedArticle",
        "EnrichError",
        "EnrichedArticle",
    ]
    assert isinstance(results[1], EnrichError) and results[1].reason == reason
    assert runner.calls == runs


def parsed(path: Path, offset: int = 9) -> Any:
    from workers.parsing.article import parse_at
    from workers.records import Position

    return parse_at(raw_value(path), Position("wiring.raw", 1, offset, 1.7e9), settings)


async def processed(agent: Any, n: int) -> None:
    """Wait until the agent has handled ``n`` inputs (puts that did not wait)."""
    async with agent.new_value_processed:
        await agent.new_value_processed.wait_for(lambda: agent.processed_offset >= n)


def test_every_tables_changelog_is_created_with_the_topics() -> None:
    """Topic creation makes each table's changelog, as Faust names it and with the table's
    partitions, before the worker joins: a changelog Faust created later could be missing from
    the group's first metadata, and the first write to its table would kill the agent."""
    from workers.runtime.app import app, load_modules
    from workers.topology import COMPACTED, changelog_specs

    load_modules()
    specs = {spec.name: spec for spec in changelog_specs(settings).values()}
    tables = {table.changelog_topic.get_topic_name(): table for table in app.tables.values()}
    assert set(specs) == set(tables)
    for name, table in tables.items():
        assert specs[name].partitions == table.partitions
        assert specs[name].config == COMPACTED | table.extra_topic_configs
        assert table.changelog_topic.compacting


def test_every_agent_restarts_its_worker_when_it_crashes() -> None:
    """Each of the app's agents runs under ``shutdown.restarts_on_crash``: left to Faust, a
    crashed agent is restarted alone and the event it held is never acknowledged."""
    from workers.runtime import shutdown
    from workers.runtime.app import app, load_modules

    load_modules()
    wrapper = shutdown.restarts_on_crash(lambda stream: stream).__code__
    assert {"parse", "dedup", "enrich", "count"} <= {a.fun.__name__ for a in app.agents.values()}
    for agent in app.agents.values():
        assert agent.fun.__code__ is wrapper, agent.name


async def test_dedup_rebuilds_and_sweeps_as_bounded_work_the_watchdog_leaves_alone(
    wired_app: Any, sent: Sent, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rebuild of the lookups takes minutes at a large window, holding its event: the stall
    # watchdog (and the rebalance's watch) must take it for work in progress, not a stall.
    import orjson

    from workers.parsing.article import parse_at
    from workers.records import Position
    from workers.runtime import sandbox
    from workers.stages import dedup as stage

    seen: dict[str, int] = {}

    def watched(name: str) -> Any:
        original = getattr(stage.index, name)

        def run(*args: Any) -> Any:
            seen[name] = sandbox.activity.in_flight
            yield from original(*args)

        return run

    for name in ("rebuilding", "sweeping"):
        monkeypatch.setattr(stage.index, name, watched(name))
    stage.index.forget_buckets()
    stage.index.last_sweep = None
    article = parse_at(
        orjson.dumps({"content": SEED.read_text(), "url": "https://bounded.example.com/a"}),
        Position("wiring.raw", 0, 7, 1_700_000_000.0),
        settings,
    )
    async with stage.dedup.test_context() as agent:
        await agent.put(article.dumps(), key=article.article_id.encode())
    assert seen == {"rebuilding": 1, "sweeping": 1}
    assert sandbox.activity.in_flight == 0
