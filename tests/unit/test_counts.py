from workers.records import Outcome
from workers.stages.counts import apply_outcome, public_view


def outcome(
    offset: int,
    outcomes: list[str],
    stage: str = "parse",
    partition: int = 0,
    reason: str | None = None,
    at: float = 1_700_000_000.0,
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
    )


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
