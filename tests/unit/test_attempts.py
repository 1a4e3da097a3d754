from workers.stages.parse import attempt_number


def test_attempts_count_deliveries_of_the_same_offset_only() -> None:
    assert attempt_number(None, 5) == 1  # a partition never seen
    assert attempt_number({"offset": 5, "count": 1}, 5) == 2  # the worker died under offset 5
    assert attempt_number({"offset": 5, "count": 2}, 5) == 3
    assert attempt_number({"offset": 4, "count": 3}, 5) == 1  # offset 4 was finished
