"""The dedup index over a plain dict: the same code the agent runs over a Faust table."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.conftest import SEED
from tests.corpus import labelled_near_duplicates
from workers.near_dup.buckets import DiskBuckets
from workers.near_dup.fingerprints import band_keys, minhash, shingles, similarity
from workers.near_dup.index import (
    DedupIndex,
    Verdict,
    member_entry,
    order_key,
    outcomes,
    outputs,
)
from workers.parsing.article import parse_at
from workers.records import ParsedArticle, Position
from workers.settings import Settings

SETTINGS = Settings()
BODY = SEED.read_bytes()  # the bare page dump, as a scraper might send it


def index() -> DedupIndex:
    return DedupIndex(SETTINGS, {})


def article(value: bytes, offset: int) -> ParsedArticle:
    return parse_at(value, Position("articles.raw", 0, offset, 1_700_000_000.0), SETTINGS)


def envelope(text: str, **extra: str) -> bytes:
    return orjson.dumps({"content": text, **extra})


def dated(text: str, when: str) -> str:
    """The page with another published time in its dateline."""
    assert "Monday 03 September 2018 00:37 BST" in text
    return text.replace("Monday 03 September 2018 00:37 BST", when)


def judge_and_admit(ix: DedupIndex, a: ParsedArticle) -> Verdict:
    decision = ix.judge(a)
    ix.admit(a, decision, 1_700_000_000.0)
    return decision.verdict


def final(ix: DedupIndex, articles: list[ParsedArticle]) -> dict[str, str]:
    """raw_id -> the article_id of its original (itself if it is one)."""
    verdicts = ix.verdicts()
    return {a.raw_id: verdicts[a.raw_ref].duplicate_of or a.article_id for a in articles}


def test_signatures_are_stable_and_similarity_is_exact_for_copies() -> None:
    text = "one two three four five six seven eight nine ten " * 10
    a = minhash(text, perms=128, shingle_words=3)
    assert a == minhash(text, perms=128, shingle_words=3)
    assert similarity(a, a) == 1.0
    assert band_keys(a, bands=42, rows=3) == band_keys(list(a), bands=42, rows=3)


@pytest.mark.parametrize(
    ("perms", "first"),
    [(128, [284284352, 946992830, 1373740033, 5143503]), (64, [639804610, 534847902, 1362009965])],
)
def test_signatures_do_not_change_across_releases(perms: int, first: list[int]) -> None:
    # The index keeps signatures made by earlier releases: a fixed text's stays what it was,
    # and equal to a sketch datasketch draws afresh, whatever was hashed before it.
    from datasketch import MinHash

    text = "The council voted on Tuesday to build new flood walls along the river."
    minhash("Another body hashed first, " * 20, perms=perms, shingle_words=3)
    signature = minhash(text, perms=perms, shingle_words=3)
    assert signature[: len(first)] == first
    fresh = MinHash(num_perm=perms, seed=1)
    fresh.update_batch(list(shingles(text, 3)))
    assert signature == [int(v) for v in fresh.hashvalues]


def test_copies_by_url_and_by_body_are_duplicates_of_the_original() -> None:
    ix = index()
    text = BODY.decode()
    first = article(envelope(text, url="https://ex.com/a"), 1)
    # Same URL and body: the total order falls through to the raw id, so the first stays.
    same_url = article(envelope(text, url="https://ex.com/a?utm_source=x"), 2)
    later = dated(text, "Sun 29 Aug 2021 09.00 BST")  # a later copy: the total order is clear
    same_body = article(envelope(later, url="https://mirror.example.org/b"), 3)
    assert same_body.content_hash == first.content_hash
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


def test_an_earlier_copy_arriving_later_becomes_the_original() -> None:
    """The original is the earliest published copy whatever the arrival order: the first
    arrival is withdrawn from ``articles.unique`` and every member's verdict is revised."""
    text = BODY.decode()
    late = article(envelope(dated(text, "Sat 28 Aug 2021 09.00 BST"), url="https://b.com/x"), 1)
    copy = article(envelope(dated(text, "Sat 28 Aug 2021 10.00 BST"), url="https://c.com/x"), 2)
    early = article(envelope(dated(text, "Fri 27 Aug 2021 18.00 BST"), url="https://a.com/x"), 3)
    assert early.published_at < late.published_at < copy.published_at  # type: ignore[operator]
    ix = index()
    assert judge_and_admit(ix, late) == Verdict("unique")
    assert judge_and_admit(ix, copy).duplicate_of == late.article_id

    decision = ix.judge(early)
    assert decision.verdict == Verdict("unique")
    revised = {
        r.member["raw_id"]: (r.verdict.duplicate_of, r.was_original) for r in decision.revisions
    }
    assert revised == {
        late.raw_id: (early.article_id, True),
        copy.raw_id: (early.article_id, False),
    }
    sent = [(o.topic, o.key, o.value is None) for o in outputs(early, decision)]
    assert sent == [
        ("unique", late.article_id, True),  # withdrawn first
        ("duplicates", late.article_id, False),
        ("duplicates", copy.article_id, False),
        ("unique", early.article_id, False),
    ]
    records = [o.value for o in outputs(early, decision) if o.topic == "duplicates"]
    assert all(r.revised and r.duplicate_of == early.article_id for r in records)
    assert outcomes(early, decision) == {late.source: ["superseded"]}

    ix.admit(early, decision, 1_700_000_000.0)
    assert final(ix, [late, copy, early]) == dict.fromkeys(
        (late.raw_id, copy.raw_id, early.raw_id), early.article_id
    )
    again = article(envelope(dated(text, "Sat 28 Aug 2021 11.00 BST")), 4)
    assert judge_and_admit(ix, again).duplicate_of == early.article_id


def test_a_copy_that_bridges_two_clusters_merges_them_under_the_least_original() -> None:
    ix = index()
    lines = BODY.decode().split("\n")
    half = len(lines) // 2
    first_half = article(envelope("\n".join(lines[: half + 4]), url="https://a.com/1"), 1)
    second_half = article(
        envelope("\n".join(lines[:2] + lines[half - 4 :]), url="https://b.com/2"), 2
    )
    whole = article(envelope("\n".join(lines), url="https://c.com/3"), 3)
    assert judge_and_admit(ix, first_half) == Verdict("unique")
    assert judge_and_admit(ix, second_half) == Verdict("unique"), "halves are not alike"
    decision = ix.judge(whole)
    assert len(decision.merged) == 1
    ix.admit(whole, decision, 1_700_000_000.0)
    roots = set(final(ix, [first_half, second_half, whole]).values())
    assert len(roots) == 1


def test_redelivered_message_is_recognised_by_its_position() -> None:
    ix = index()
    a = article(BODY, 5)
    judge_and_admit(ix, a)
    assert ix.status(a.raw_ref) == "done"
    resent = article(BODY, 6)
    assert ix.status(resent.raw_ref) == "new"
    assert ix.judge(resent).verdict.kind == "exact"


def test_same_article_sent_again_is_a_duplicate_and_never_displaces_the_first() -> None:
    ix = index()
    first, again = article(BODY, 1), article(BODY, 2)
    judge_and_admit(ix, first)
    decision = ix.judge(again)
    assert decision.verdict.is_duplicate and not decision.revisions


class Crash(Exception):
    pass


class CrashingDict(dict[str, Any]):
    """A table whose writes stop after ``budget`` of them, as a killed worker's changelog."""

    def __init__(self, state: dict[str, Any], budget: int) -> None:
        super().__init__(state)
        self.budget = budget

    def __setitem__(self, key: str, value: Any) -> None:
        self._spend()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._spend()
        super().__delitem__(key)

    def _spend(self) -> None:
        if self.budget == 0:
            raise Crash
        self.budget -= 1


def test_an_admission_cut_short_anywhere_is_finished_by_the_redelivery() -> None:
    text = BODY.decode()
    firsts = [
        article(envelope(dated(text, "Sat 28 Aug 2021 09.00 BST"), url="https://b.com/x"), 1),
        article(
            envelope(dated(text.replace("Kabul", "Kabul city"), "Sat 28 Aug 2021 10.00 BST")), 2
        ),
    ]
    early = article(envelope(dated(text, "Fri 27 Aug 2021 18.00 BST"), url="https://a.com/x"), 3)
    reference = index()
    for a in firsts:
        judge_and_admit(reference, a)
    before = dict(reference.state)
    judge_and_admit(reference, early)
    for budget in itertools.count():
        ix = DedupIndex(SETTINGS, CrashingDict(before, budget))
        decision = ix.judge(early)
        try:
            ix.admit(early, decision, 1_700_000_000.0)
        except Crash:
            ix.state = dict(ix.state)  # the table recovered from the changelog's prefix
            ix.forget_buckets()  # a new process: the in-memory buckets are rebuilt
            status = ix.status(early.raw_ref)
            assert status in ("new", "pending")
            if status == "new":
                judge_and_admit(ix, early)
            else:
                ix.resume(early)
            assert ix.state == reference.state, f"after {budget} writes"
            continue
        assert ix.state == reference.state
        break


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


def brute_force(articles: list[ParsedArticle]) -> dict[str, str]:
    """The clusters without LSH or arrival: every pair compared, components joined, each
    component's least member by the total order its original."""
    parent = {a.raw_ref: a.raw_ref for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in itertools.combinations(articles, 2):
        alike = (
            (a.url is not None and a.url == b.url)
            or a.content_hash == b.content_hash
            or (
                a.minhash is not None
                and b.minhash is not None
                and similarity(a.minhash, b.minhash) >= SETTINGS.near_threshold
            )
        )
        if alike:
            parent[find(a.raw_ref)] = find(b.raw_ref)
    groups: dict[str, list[ParsedArticle]] = {}
    for a in articles:
        groups.setdefault(find(a.raw_ref), []).append(a)
    out = {}
    for members in groups.values():
        least = min(members, key=lambda m: order_key(member_entry(m, "", 0.0)))
        out.update({m.raw_id: least.article_id for m in members})
    return out


@pytest.mark.parametrize("seed", range(6))
def test_verdicts_do_not_depend_on_arrival_order(seed: int) -> None:
    items = labelled_near_duplicates(12, seed=41)
    articles = [article(item.value, i) for i, item in enumerate(items)]
    expected = brute_force(articles)
    assert len(set(expected.values())) < len(articles), "the set has duplicates"
    order = articles[:]
    random.Random(seed).shuffle(order)
    ix = index()
    for a in order:
        judge_and_admit(ix, a)
    assert final(ix, articles) == expected


@pytest.mark.parametrize("seed", range(4))
def test_an_exact_copy_reads_no_band_and_every_verdict_stays_the_brute_forces(
    seed: int, tmp_path: Path
) -> None:
    """On disk a copy of a member's body joins that member's cluster without reading a band
    bucket; with many copies, in any order, the clusters are still those of every pair."""
    rng = random.Random(seed)
    values = [item.value for item in labelled_near_duplicates(12, seed=41)]
    values += [rng.choice(values) for _ in range(len(values) // 2)]  # sent again: same body
    articles = [article(value, i) for i, value in enumerate(values)]
    rng.shuffle(articles)
    ix = DedupIndex(SETTINGS, {}, DiskBuckets(tmp_path / "b", 2 + SETTINGS.lsh_bands))
    looked: list[int] = []
    lookup = ix.lsh.lookup

    def counted(ids: list[int]) -> set[str]:
        looked.extend(ids)
        return lookup(ids)

    ix.lsh.lookup = counted  # type: ignore[method-assign,assignment]
    bodies: set[str] = set()
    copies = 0
    for a in articles:
        looked.clear()
        judge_and_admit(ix, a)
        band_reads = [i for i in looked if i >> 24 >= 2]  # columns 0 and 1: URL and body
        if a.content_hash in bodies:
            copies += 1
            assert band_reads == [], a.raw_ref
        elif a.minhash:
            assert len(band_reads) == SETTINGS.lsh_bands
        bodies.add(a.content_hash)
    assert copies >= len(values) // 4, "the order holds copies after their first"
    assert final(ix, articles) == brute_force(articles)


def test_sweep_forgets_old_clusters_and_their_keys() -> None:
    ix = index()
    a = article(BODY, 1)
    ix.admit(a, ix.judge(a), event_time=0.0)
    b = article(envelope("Fresh story\n\n" + " ".join(f"w{i}" for i in range(200))), 2)
    ix.admit(b, ix.judge(b), event_time=SETTINGS.dedup_retention_days * 86400)
    assert ix.sweep_due(now=1.0)
    assert ix.sweep(now=SETTINGS.dedup_retention_days * 86400 + 1) > 0
    assert not ix.sweep_due(now=SETTINGS.dedup_retention_days * 86400 + 2)
    assert set(ix.members()) == {b.raw_ref}
    assert all(a.raw_ref not in str(v) for v in ix.state.values())
    assert ix.buckets == DedupIndex(SETTINGS, ix.state).buckets  # pruned, not rebuilt
    assert ix.judge(article(BODY, 3)).verdict == Verdict("unique")


def test_sweep_drops_entries_an_earlier_release_left_in_the_table() -> None:
    """Releases before the buckets moved to memory kept them in the table as ``band:`` keys;
    a worker upgraded over that changelog must not crash on them (the demo's broker did)."""
    ix = index()
    a = article(BODY, 1)
    ix.admit(a, ix.judge(a), event_time=0.0)
    ix.state["band:b7:00ff00ff00ff00ff"] = {"ms": [a.raw_ref]}
    assert ix.sweep(now=1.0) == 1
    assert "band:b7:00ff00ff00ff00ff" not in ix.state and set(ix.members()) == {a.raw_ref}


def test_buckets_are_not_in_the_table_and_rebuild_to_the_same_answers() -> None:
    items = labelled_near_duplicates(10, seed=9)
    articles = [article(item.value, i) for i, item in enumerate(items)]
    ix = index()
    for a in articles[:-8]:
        judge_and_admit(ix, a)
    assert not [k for k in ix.state if not k.startswith(("m:", "c:", "url:", "hash:"))]
    fresh = DedupIndex(SETTINGS, dict(ix.state))  # another process over the recovered table
    for a in articles[-8:]:
        assert fresh.judge(a) == ix.judge(a)
    assert any(d.verdict.is_duplicate for d in map(fresh.judge, articles[-8:]))


def test_a_stepped_rebuild_equals_the_whole_one_and_a_forget_discards_it() -> None:
    items = labelled_near_duplicates(10, seed=9)
    ix = index()
    for i, item in enumerate(items):
        judge_and_admit(ix, article(item.value, i))
    whole = DedupIndex(SETTINGS, ix.state).buckets
    stepped = DedupIndex(SETTINGS, ix.state)
    pauses = sum(1 for _ in stepped.rebuilding(step=5))
    assert pauses >= 2 and not stepped.needs_buckets and stepped.buckets == whole
    overtaken = DedupIndex(SETTINGS, ix.state)
    steps = overtaken.rebuilding(step=5)
    next(steps)
    overtaken.forget_buckets()  # an assignment while the agent let the loop run
    list(steps)
    assert overtaken.needs_buckets
