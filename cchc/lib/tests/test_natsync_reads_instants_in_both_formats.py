"""Instants arrive as yyyyMMddHHmmss (the national sync, docs/rules/national-sync.md) or ISO 8601."""

from datetime import datetime

import pytest

from cchc.lib.natsync import parse_instant


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20220307083015", datetime(2022, 3, 7, 8, 30, 15)),
        (20220307083015, datetime(2022, 3, 7, 8, 30, 15)),
        ("2022-03-07T08:30:15", datetime(2022, 3, 7, 8, 30, 15)),
        ("2022-03-07 08:30", datetime(2022, 3, 7, 8, 30)),
        ("2022-03-07T01:30:15Z", datetime(2022, 3, 7, 8, 30, 15)),
        ("2022-03-07T08:30:15+07:00", datetime(2022, 3, 7, 8, 30, 15)),
        ("2022-03-07T03:30:15.250+02:00", datetime(2022, 3, 7, 8, 30, 15, 250000)),
        ("2022-03-07", datetime(2022, 3, 7)),
        ("20220307", datetime(2022, 3, 7)),
        ("07/03/2022 08:30", datetime(2022, 3, 7, 8, 30)),
        ("7/3/2022", datetime(2022, 3, 7)),
    ],
)
def test_each_accepted_spelling_gives_the_local_wall_clock_time(text, expected):
    assert parse_instant(text) == expected


def test_a_date_alone_can_mean_the_end_of_that_day():
    assert parse_instant("20220307", end_of_day=True) == datetime(2022, 3, 7, 23, 59, 59)
    assert parse_instant("2022-03-07", end_of_day=True) == datetime(2022, 3, 7, 23, 59, 59)


@pytest.mark.parametrize("text", ["2022030708", "20221307083015", "hôm qua", "2022-02-30", "32/01/2022"])
def test_anything_else_is_refused_with_a_vietnamese_reason(text):
    with pytest.raises(ValueError, match="không phải thời điểm hợp lệ"):
        parse_instant(text)
