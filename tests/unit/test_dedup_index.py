"""The dedup index over plain dicts: the same code the agent runs over Faust tables."""

from __future__ import annotations

import random

from tests.conftest import SEED
from workers.dedup import DedupIndex, Verdict
from workers.fingerprints import band_keys, minhash, similarity
from workers.parse import parse_message
from workers.records import ParsedArticle
from workers.routing import Position
from workers.settings import Settings

SETTINGS = Settings()
BODY = SEED.read_bytes()  # the bare page dump, as a scraper might send it


def index() -> DedupIndex:
    return DedupIndex(SETTINGS, {}, {}, {})


def article(value: bytes, offset: int) -> ParsedArticle:
    return parse_message(value, Position("articles.raw", 0, offset, 1_700_000_000.0), SETTINGS)


def envelope(text: str, **extra: str) -> bytes:
    import orjson

    return orjson.dumps({"content": text, **extra})


def judge_and_admit(ix: DedupIndex, a: ParsedArticle) -> Verdict:
    verdict = ix.judge(a)
    ix.admit(a, verdict, 1_700_000_000.0)
    return verdict


def test_signatures_are_stable_and_similarity_is_exact_for_copies() -> None:
    text = "one two three four five six seven eight nine ten " * 10
    a = minhash(text, perms=128, shingle_words=3)
    assert a == minhash(text, perms=128, shingle_words=3)
    assert similarity(a, a) == 1.0
    assert band_keys(a, bands=42, rows=3) == band_keys(list(a), bands=42, rows=3)


def test_first_copy_is_unique_and_later_copies_are_duplicates() -> None:
    ix = index()
    text = BODY.decode()
    first = article(envelope(text, url="https://ex.com/a"), 1)
    same_url = article(
        envelope(text.replace("Kabul", "Kabul city"), url="https://ex.com/a?utm_source=x"), 2
    )
    same_body = article(envelope(text, url="https://mirror.example.org/b"), 3)
    assert judge_and_admit(ix, first) == Verdict("unique")
    url_verdict = judge_and_admit(ix, same_url)
    assert (url_verdict.kind, url_verdict.duplicate_of) == ("url", first.article_id)
    exact = judge_and_admit(ix, same_body)
    assert (exact.kind, exact.duplicate_of) == ("exact", first.article_id)


def test_near_duplicate_with_edits_and_other_chrome() -> None:
    ix = index()
    lines = BODY.decode().split("\n")
    original = article(envelope("\n".join(lines), url="https://one.example.com/x"), 1)
    edited = [line.replace("the", "a") if i % 3 else line for i, line in enumerate(lines)]
    copy = "\n".join(edited[:-6]) + "\n\nShare on Facebook\n\nRead more: other news\n"
    syndicated = article(envelope(copy, url="https://two.example.com/y"), 2)
    judge_and_admit(ix, original)
    verdict = judge_and_admit(ix, syndicated)
    assert verdict.kind == "near" and verdict.duplicate_of == original.article_id
    assert SETTINGS.near_threshold <= verdict.similarity < 1.0


def test_redelivered_message_is_recognised_by_its_position() -> None:
    ix = index()
    a = article(BODY, 5)
    verdict = judge_and_admit(ix, a)
    assert ix.seen(a.raw_ref) == verdict
    again = article(BODY, 5)
    assert ix.judge(again) == Verdict("unique"), "the owner is itself, not a duplicate"
    resent = article(BODY, 6)
    assert ix.seen(resent.raw_ref) is None
    assert ix.judge(resent).kind == "exact"


def test_distinct_articles_sharing_phrases_stay_apart() -> None:
    ix = index()
    shared = "Defence secretary Gavin Williamson said the threat was real. "
    a = article(
        envelope("Story A\n\n" + shared + " ".join(f"alpha{i} beta{i}" for i in range(80))), 1
    )
    b = article(
        envelope("Story B\n\n" + shared + " ".join(f"gamma{i} delta{i}" for i in range(80))), 2
    )
    assert judge_and_admit(ix, a).kind == "unique"
    assert judge_and_admit(ix, b).kind == "unique"


def test_short_bodies_do_not_collapse_into_one_cluster() -> None:
    ix = index()
    verdicts = [
        judge_and_admit(ix, article(envelope(f"Headline {i}\n\nBreaking: more soon {i}."), i))
        for i in range(20)
    ]
    assert all(v.kind == "unique" for v in verdicts)


def test_verdicts_do_not_depend_on_arrival_order_for_clusters() -> None:
    text = BODY.decode()
    docs = [envelope(text, url=f"https://site{i}.example.com/a") for i in range(4)]
    docs += [
        envelope(text.replace("Kabul", f"Kabul{i}"), url=f"https://x{i}.example.com/b")
        for i in range(3)
    ]
    docs += [
        envelope("Other story\n\n" + " ".join(f"w{i}x{j}" for j in range(200))) for i in range(3)
    ]
    articles = [article(d, i) for i, d in enumerate(docs)]
    partitions = []
    for seed in range(5):
        order = articles[:]
        random.Random(seed).shuffle(order)
        ix = index()
        roots = {a.article_id: (judge_and_admit(ix, a).duplicate_of or a.article_id) for a in order}
        clusters = {frozenset(k for k, r in roots.items() if r == root) for root in roots.values()}
        partitions.append(frozenset(clusters))
    assert len(set(partitions)) == 1
    assert len(next(iter(partitions))) == 4  # one cluster of 7 copies, three distinct stories


def test_sweep_forgets_old_fingerprints() -> None:
    ix = index()
    a = article(BODY, 1)
    ix.admit(a, ix.judge(a), event_time=0.0)
    assert ix.sweep(now=SETTINGS.dedup_retention_days * 86400 + 1) > 0
    assert not ix.fingerprints and not ix.owners and not ix.verdicts
    assert ix.judge(article(BODY, 2)) == Verdict("unique")
