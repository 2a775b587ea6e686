"""Known answers on the ledger: one hand-made dossier per edge of the form's columns (carried over at the
period's start, finished on the appointment day, a supplement that moves the appointment, a second
supplement, open and overdue at the period's end, each channel), counted by the in-app report."""

from __future__ import annotations

import datetime as dt

from cchc.calendar.queries import work_calendar_for
from cchc.dossiers.models import Dossier
from cchc.lib.dossier_period import REPORT_KEYS, Period
from cchc.reports import dossier_results
from cchc.reports.tests.helpers import EXPECTED_P1, EXPECTED_P2, Q2, quarter_set


def test_every_column_of_each_unit_matches_the_hand_count(world):
    quarter_set(world)
    doc = dossier_results.document(Dossier.objects.all(), Q2, work_calendar_for(None))
    rows = {r["unit"]: r for r in doc["units"]}
    assert set(rows) == {"P1", "P2"}
    assert {k: rows["P1"][k] for k in REPORT_KEYS} == EXPECTED_P1
    assert {k: rows["P2"][k] for k in REPORT_KEYS} == EXPECTED_P2
    assert {k: doc["total"][k] for k in REPORT_KEYS} == {
        k: EXPECTED_P1[k] + EXPECTED_P2[k] for k in REPORT_KEYS
    }
    assert rows["P1"]["on_time_rate"] == 0.6  # (1 early + 2 on time) ÷ 5 finished


def test_the_first_quarter_keeps_the_dossier_that_ended_before_the_second(world):
    quarter_set(world)
    q1 = Period(dt.date(2022, 1, 1), dt.date(2022, 3, 31))
    doc = dossier_results.document(Dossier.objects.all(), q1, work_calendar_for(None))
    p1 = doc["units"][0]
    # Q-BEFORE finished early in March; Q-CARRIED was received on 31/3 and is open at its end.
    assert (p1["received_direct"], p1["finished_early"], p1["open_within_time"]) == (2, 1, 1)
