"""Every column of the dossier-results report on a hand-made June 2022 file (1 June is a Wednesday; June
2022 has no public holiday), each count worked out by hand from the rules in docs/reports.md."""

from __future__ import annotations

from datetime import date

from cchc.lib.dossier_period import Period
from cchc.lib.tests.period_helpers import JUNE, count, national
from cchc.lib.tthc_report import document

FILE = [
    # Carried-over edge: received the evening before the period, open, appointment 3 June → carried over,
    # and overdue at the end of June.
    national("K1", "2022-05-31 16:00", unit="P2", appointment="2022-06-03 17:00"),
    # Received at the first minute of the period → received, not carried over.
    national("K2", "2022-06-01 08:00", unit="P2", appointment="2022-07-05 17:00"),
    # Finished on 31 May → belongs to May: in no column of June.
    national("K3", "2022-05-20 08:00", status=10, appointment="2022-05-31 17:00", ended="2022-05-31 17:00"),
    # Received in May, finished on 1 June before its appointment → carried over and finished early.
    national("K4", "2022-05-25 08:00", status=9, appointment="2022-06-02 17:00", ended="2022-06-01 08:00"),
    # Ended at 00:00 of the first day (a date without a time) → still June's: carried over, finished early.
    national("K5", "2022-05-25 08:00", status=10, appointment="2022-06-02 17:00", ended="2022-06-01"),
    # Finished on the appointment day, before and after the appointment hour: both on time (by date).
    national("D1", "2022-06-06 08:00", status=10, appointment="2022-06-09 17:00", ended="2022-06-09 16:00"),
    national("D2", "2022-06-06 08:00", status=10, appointment="2022-06-09 08:00", ended="2022-06-09 18:00"),
    # Supplement asked Thu 2 June, brought Mon 6 June: two working days (Fri 3, Mon 6) move the
    # appointment from Fri 3 to Tue 7 June; finished on 7 June → on time (late without the shift).
    national(
        "S1",
        "2022-06-01 09:00",
        status=9,
        appointment="2022-06-03 17:00",
        ended="2022-06-07 10:00",
        supplements=[("2022-06-02 09:00", "2022-06-06 09:00")],
    ),
    # A second supplement request makes a dossier late even when it finishes long before its appointment.
    national(
        "S2",
        "2022-06-01 09:00",
        status=9,
        appointment="2022-06-20 17:00",
        ended="2022-06-08 10:00",
        supplements=[("2022-06-02 09:00", "2022-06-03 09:00"), ("2022-06-06 09:00", "2022-06-07 09:00")],
    ),
    # Open at the end of June: due the day before → overdue; due on 30 June → within time.
    national("O1", "2022-06-10 08:00", appointment="2022-06-29 17:00"),
    national("O2", "2022-06-10 08:00", appointment="2022-06-30 17:00"),
    # Channels: online, public postal service, and none given (counted in person).
    national("C2", "2022-06-15 08:00", unit=None, channel=2, appointment="2022-07-10 17:00"),
    national("C3", "2022-06-15 08:00", unit="P2", channel=3, appointment="2022-07-10 17:00"),
    national("C0", "2022-06-15 08:00", channel=None, appointment="2022-07-10 17:00"),
    # Waiting for the citizen since 10 June: the request is the end of processing, before the appointment.
    national(
        "W1",
        "2022-06-01 09:00",
        status=5,
        appointment="2022-06-15 17:00",
        supplements=[("2022-06-10 09:00", None)],
    ),
    # Never received (1: submitted; 3: refused at intake) → in no column.
    national("X1", "2022-06-05 08:00", status=1),
    national("X3", "2022-06-05 08:00", status=3, ended="2022-06-05 09:00"),
    # Received after the period → in no column.
    national("L1", "2022-07-01 08:00", appointment="2022-07-05 17:00"),
]


def test_the_total_row_matches_the_hand_count(tmp_path):
    doc = document(count(tmp_path, FILE), JUNE)
    assert doc["total"] == {
        "in_period": 14,
        "received": 11,
        "received_online": 1,
        "received_direct": 9,
        "received_postal": 1,
        "carried_over": 3,
        "finished": 7,
        "finished_early": 3,  # K4, K5, W1
        "finished_on_time": 3,  # D1, D2, S1
        "finished_late": 1,  # S2
        "open": 7,
        "open_within_time": 5,  # K2, O2, C2, C3, C0
        "open_overdue": 2,  # K1, O1
        "on_time_rate": 0.8571,  # 6 of 7
    }


def test_each_unit_has_its_own_row_and_records_without_a_unit_come_last(tmp_path):
    doc = document(count(tmp_path, FILE), JUNE)
    rows = {r["unit"]: r for r in doc["units"]}
    assert [r["unit"] for r in doc["units"]] == ["P1", "P2", None]
    p2 = rows["P2"]
    assert (p2["carried_over"], p2["received_direct"], p2["received_postal"]) == (1, 1, 1)
    assert (p2["open_overdue"], p2["open_within_time"], p2["finished"]) == (1, 2, 0)
    assert p2["on_time_rate"] is None  # nothing finished: no rate, not 0
    assert (rows[None]["received_online"], rows[None]["open_within_time"]) == (1, 1)
    p1 = rows["P1"]
    assert (p1["carried_over"], p1["received_direct"]) == (2, 8)
    assert (p1["finished_early"], p1["finished_on_time"], p1["finished_late"]) == (3, 3, 1)
    assert (p1["open_within_time"], p1["open_overdue"]) == (2, 1)


def test_the_identity_holds_in_every_row(tmp_path):
    doc = document(count(tmp_path, FILE), JUNE)
    for r in [doc["total"], *doc["units"]]:
        assert r["carried_over"] + r["received"] == r["finished"] + r["open"] == r["in_period"]
        assert r["received"] == r["received_online"] + r["received_direct"] + r["received_postal"]
        assert r["finished"] == r["finished_early"] + r["finished_on_time"] + r["finished_late"]
        assert r["open"] == r["open_within_time"] + r["open_overdue"]


def test_the_same_dossiers_grouped_by_field_carry_the_field_names(tmp_path):
    objs = [
        national(
            "F1", "2022-06-01 08:00", appointment="2022-06-03 17:00", MaLinhVuc="HT", TenLinhVuc="Hộ tịch"
        ),
        national(
            "F2", "2022-06-01 08:00", appointment="2022-06-03 17:00", MaLinhVuc="CT", TenLinhVuc="Chứng thực"
        ),
        national(
            "F3", "2022-06-01 08:00", appointment="2022-07-03 17:00", MaLinhVuc="HT", TenLinhVuc="Hộ tịch"
        ),
    ]
    doc = document(count(tmp_path, objs, by="field"), JUNE, by="field")
    assert [(r["field"], r["name"], r["received"], r["open_overdue"]) for r in doc["fields"]] == [
        ("CT", "Chứng thực", 1, 1),
        ("HT", "Hộ tịch", 2, 1),
    ]


def test_a_period_of_one_day_counts_that_day(tmp_path):
    one = Period(date(2022, 6, 9), date(2022, 6, 9))
    doc = document(count(tmp_path, FILE, one), one)
    # D1 and D2 finish on 9 June; S1, S2, K4 finished before it; the open ones are carried over.
    assert doc["total"]["finished_on_time"] == 2
    assert doc["total"]["received"] == 0
    assert doc["total"]["carried_over"] == doc["total"]["in_period"]
