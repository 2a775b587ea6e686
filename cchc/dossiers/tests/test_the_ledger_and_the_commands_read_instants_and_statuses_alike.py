"""One reader of the national sync format: the ledger's imports and push API (``records.parse_instant``)
and the pure commands (``natsync.parse_instant``) read every spelling of an instant the same way and refuse
the same ones; the status codes and names come from one table (``cchc.lib.outcomes.STATUS_NAMES``)."""

import datetime as dt

import pytest

from cchc.dossiers import records
from cchc.dossiers.models import Status
from cchc.lib import natsync, outcomes

READABLE = [
    ("20220307083000", dt.datetime(2022, 3, 7, 8, 30)),
    ("202203070830", dt.datetime(2022, 3, 7, 8, 30)),
    ("20220307", dt.datetime(2022, 3, 7)),
    ("2022-03-07T08:30:00", dt.datetime(2022, 3, 7, 8, 30)),
    ("2022-03-07T01:30:00Z", dt.datetime(2022, 3, 7, 8, 30)),
    ("2022-03-07T08:30:00+07:00", dt.datetime(2022, 3, 7, 8, 30)),
    ("2022-03-07", dt.datetime(2022, 3, 7)),
    ("07/03/2022", dt.datetime(2022, 3, 7)),
    ("7/3/2022 8:30", dt.datetime(2022, 3, 7, 8, 30)),
    ("07/03/2022 08:30:15", dt.datetime(2022, 3, 7, 8, 30, 15)),
    (dt.datetime(2022, 3, 7, 8, 30), dt.datetime(2022, 3, 7, 8, 30)),
    (dt.date(2022, 3, 7), dt.datetime(2022, 3, 7)),
]
UNREADABLE = ["20220230083000", "2022030708", "10/13/2022", "7/3/22", "hôm qua", "2022-03-07T25:00"]


@pytest.mark.parametrize(("value", "expected"), READABLE)
def test_both_read_each_spelling_to_the_same_local_instant(value, expected):
    assert records.parse_instant(value) == natsync.parse_instant(value) == expected


@pytest.mark.parametrize("value", UNREADABLE)
def test_both_refuse_the_same_spellings(value):
    with pytest.raises(ValueError):
        records.parse_instant(value)
    with pytest.raises(ValueError, match="không phải thời điểm hợp lệ"):
        natsync.parse_instant(value)


def test_empty_is_unknown_for_the_ledger_and_a_day_deadline_lasts_the_day_for_steps():
    assert records.parse_instant("") is None and records.parse_instant(None) is None
    assert natsync.parse_instant("07/03/2022", end_of_day=True) == dt.datetime(2022, 3, 7, 23, 59, 59)


def test_the_stored_statuses_are_the_national_table():
    assert {s.value: s.label for s in Status} == outcomes.STATUS_NAMES
    assert records.NEEDS_END == outcomes.NEEDS_END == frozenset({7, 8, 9, 10})
