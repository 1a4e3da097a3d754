from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from workers.records import Outcome
from workers.stages.counts import MAX_APPLIED, apply_outcome, public_view


def outcome(
    offset: int,
    outcomes: list[str],
    stage: str = "parse",
    partition: int = 0,
    reason: str | None = None,
    at: float = 1_700_000_000.0,
    committed: int | None = None,
) -> Outcome:
    return Outcome(
        version=1,
        source="s",
        stage=stage,
        partition=partition,
        offset=offset,
        at=at,
        outcomes=outcomes,
        reason=reason,
        committed=committed,
    )


def applied(events: list[Outcome], value: dict[str, Any] | None = None) -> dict[str, Any]:
    for event in events:
        value = apply_outcome(value, event, retention_hours=24) or value
    assert value is not None
    return value


def test_counts_add_up_and_replays_are_skipped() -> None:
    value = None
    events = [
        outcome(0, ["received", "parsed"]),
        outcome(1, ["received", "dead_lettered"], reason="no_title"),
        outcome(1, ["received", "dead_lettered"], reason="no_title"),  # redelivered
        outcome(0, ["received", "parsed"], partition=1),  # another partition, same offset
        outcome(0, ["enriched"], stage="enrich"),
    ]
    for event in events:
        value = apply_outcome(value, event, retention_hours=24) or value
    assert value is not None
    view = public_view("s", value)
    assert view["received"] == 3 and view["parsed"] == 2 and view["dead_lettered"] == 1
    assert view["enriched"] == 1 and view["dead_letter_reasons"] == {"no_title": 1}
    assert apply_outcome(value, events[0], retention_hours=24) is None


def test_hourly_windows_are_bucketed_and_bounded() -> None:
    value = None
    for hour in range(5):
        value = apply_outcome(value, outcome(hour, ["received"], at=hour * 3600.0), 3)
    assert value is not None
    assert list(value["hourly"]) == [
        "1970-01-01T02:00:00Z",
        "1970-01-01T03:00:00Z",
        "1970-01-01T04:00:00Z",
    ]
    assert value["received"] == 5


def test_a_superseded_article_moves_from_enriched_to_duplicate() -> None:
    value = None
    for event in (
        outcome(0, ["received", "parsed"]),
        outcome(1, ["received", "parsed"]),
        outcome(0, ["enriched"], stage="enrich"),
        outcome(1, ["enriched"], stage="enrich"),
        outcome(7, ["superseded"], stage="dedup"),  # the first was a later copy of another
    ):
        value = apply_outcome(value, event, retention_hours=24) or value
    assert value is not None
    view = public_view("s", value)
    assert (view["enriched"], view["duplicate"], view["superseded"]) == (1, 1, 1)
    assert view["received"] == view["enriched"] + view["duplicate"] + view["dead_lettered"]
    [bucket] = value["hourly"].values()
    assert (bucket["enriched"], bucket["duplicate"]) == (1, 1)


def test_an_outcome_out_of_order_is_counted_and_its_replay_is_not() -> None:
    # A worker processed 116, skipped 117-138 (a hole Faust let through) and went on at 139; its
    # commit stayed at 117. Its successor processed 117 onwards: those outcomes come after 139's.
    first = [outcome(116, ["enriched"], "enrich", committed=110)]
    first += [outcome(o, ["enriched"], "enrich", committed=117) for o in (139, 140)]
    later = [outcome(o, ["enriched"], "enrich", committed=117) for o in range(117, 139)]
    replays = [outcome(o, ["enriched"], "enrich", committed=117) for o in (116, 139, 140, 120)]
    value = applied(first + later + replays)
    assert value["enriched"] == 1 + 2 + 22


def test_offsets_below_the_committed_one_are_replays_and_forgotten() -> None:
    value = applied([outcome(o, ["received"], committed=0) for o in (0, 1, 2, 5, 7)])
    assert value["applied"]["parse:0"] == [3, "14"]  # 0-2 done; bits 2 and 4 above 3: 5, 7
    assert apply_outcome(value, outcome(5, ["received"], committed=3), 24) is None
    value = applied([outcome(12, ["received"], committed=6)], value)
    assert value["applied"]["parse:0"] == [6, "42"]  # 7 and 12 above 6
    assert apply_outcome(value, outcome(4, ["received"], committed=6), 24) is None
    assert apply_outcome(value, outcome(7, ["received"], committed=6), 24) is None
    late = apply_outcome(value, outcome(6, ["received"], committed=6), 24)
    assert late is not None and late["applied"]["parse:0"] == [8, "10"]  # 6-7 done; 12
    assert late["received"] == 7


def test_a_value_written_with_high_water_marks_keeps_skipping_below_them() -> None:
    old = {"received": 3, "marks": {"parse:0": 7}, "hourly": {}, "dead_letter_reasons": {}}
    assert apply_outcome(old, outcome(7, ["received"]), 24) is None
    value = apply_outcome(old, outcome(9, ["received"]), 24)
    assert value is not None and value["received"] == 4 and "marks" not in value
    assert value["applied"] == {"parse:0": [8, "2"]}


def test_the_applied_offsets_are_bounded_when_commits_stall() -> None:
    far = MAX_APPLIED * 3
    value = applied([outcome(o, ["received"], committed=0) for o in (1, far, 2)])
    floor, bits = value["applied"]["parse:0"]
    assert floor == far - MAX_APPLIED + 1 and int(bits, 16).bit_length() == MAX_APPLIED
    assert value["received"] == 2  # 2 fell below the floor: taken for a replay
    forged = outcome(10**15, ["received"], committed=None)  # one bit, however far
    assert len(applied([forged], value)["applied"]["parse:0"][1]) <= MAX_APPLIED // 4


STEP = st.tuples(st.booleans(), st.integers(0, 10**6), st.integers(0, 10**6))


@given(st.permutations(range(40)), st.lists(STEP, max_size=80))
def test_each_offset_counts_once_in_any_order(
    order: list[int], steps: list[tuple[bool, int, int]]
) -> None:
    """Outcomes of 40 offsets in any order, with repeats of sent ones anywhere after them, each
    naming a committed offset the protocol allows (at most the lowest offset whose first outcome
    is not yet sent, this one's included): every offset is counted exactly once."""
    events: list[Outcome] = []
    sent: list[int] = []
    pending = list(order)
    while pending:
        repeat, pick, commit = steps.pop() if steps else (False, 0, 0)
        unsent = min(pending)
        if repeat and sent:
            offset = sent[pick % len(sent)]  # a redelivery's outcome
        else:
            offset = pending.pop(0)
            sent.append(offset)
        events.append(outcome(offset, ["received"], committed=commit % (unsent + 1)))
    assert applied(events)["received"] == 40
