from __future__ import annotations

from typing import Any

from tests.agents.conftest import Sent
from tests.conftest import SEED
from tests.seeds import raw_value
from workers.app import settings
from workers.records import Outcome


async def test_parse_agent_sends_article_and_outcome(wired_app: Any, sent: Sent) -> None:
    from workers.parse import parse

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
    from workers.parse import parse

    async with parse.test_context() as agent:
        await agent.put(b'{"content": ', key=b"broken")
        await agent.put(b"\x00\x01\x02", key=b"binary")
        await agent.put(raw_value(SEED), key=b"seed")
    reasons = [d.reason for d in sent.values(settings.topics.dead_letter)]
    assert reasons == ["invalid_json", "binary_content"]
    assert len(sent.values(settings.topics.parsed)) == 1
    outcomes = [o.outcomes for o in sent.values(settings.topics.outcomes)]
    assert outcomes == [["received", "dead_lettered"]] * 2 + [["received", "parsed"]]


async def test_count_agent_counts_each_outcome_once(wired_app: Any) -> None:
    from workers.counts import count, counts_by_source

    event = Outcome(
        version=1,
        source="agent-test",
        stage="parse",
        partition=0,
        offset=3,
        at=1_700_000_000.0,
        outcomes=["received", "parsed"],
    )
    async with count.test_context() as agent:
        await agent.put(event, key=b"agent-test")
        await agent.put(event, key=b"agent-test")  # the same input offset, redelivered
    assert counts_by_source["agent-test"]["received"] == 1
