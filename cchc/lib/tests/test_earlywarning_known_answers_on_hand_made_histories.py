"""Known answers of the early-warning model on histories small enough to count by hand."""

import datetime as dt

import pytest

from cchc.lib.earlywarning.model import DossierModel, FinishedStep, OpenDossier, SpanModel, explain
from cchc.lib.earlywarning.survival import LEVEL_LEGAL, LEVEL_UNIT, LEVEL_WIDE

TODAY = dt.date(2024, 6, 3)
LAST_WEEK = dt.date(2024, 5, 27)


def _tasks(unit: str, durations: list[float], on: dt.date = LAST_WEEK) -> SpanModel:
    m = SpanModel(min_alive=3)
    for d in durations:
        m.add_finished(unit, "all", on, d)
    return m


def test_the_risk_is_the_share_of_comparable_items_that_took_longer_than_the_time_left() -> None:
    m = _tasks("TNMT", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    # Nothing spent yet, 6.5 days left: 7, 8, 9 and 10 went past → 4 of 10.
    e = m.risk("TNMT", "all", TODAY, elapsed=0, left=6.5, legal=10)
    assert (e.risk, e.level, e.compared) == (0.4, LEVEL_UNIT, 10)
    assert e.typical == 5.5


def test_time_already_spent_narrows_the_comparison_to_items_still_going_at_that_point() -> None:
    m = _tasks("TNMT", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    # 4 days spent: only 5..10 (six items) were still going; 3 days left → longer than 7: 8, 9, 10.
    e = m.risk("TNMT", "all", TODAY, elapsed=4, left=3, legal=10)
    assert e.risk == pytest.approx(3 / 6)
    assert e.compared == 6
    assert e.expected_more == pytest.approx(7.5 - 4)  # median of 5..10 is 7.5


def test_a_unit_with_too_little_history_falls_back_to_every_unit() -> None:
    m = SpanModel(min_alive=3)
    m.add_finished("P1", "all", LAST_WEEK, 9)  # one item only for P1
    for d in (1, 2, 3, 4):
        m.add_finished("P2", "all", LAST_WEEK, d)
    e = m.risk("P1", "all", TODAY, elapsed=0, left=3.5, legal=5)
    assert e.level == LEVEL_WIDE
    assert e.risk == pytest.approx(2 / 5)  # 4 and 9 of 1, 2, 3, 4, 9


def test_no_history_is_marked_insufficient_and_judged_by_the_legal_time() -> None:
    m = SpanModel(min_alive=3)
    within = m.risk("P1", "all", TODAY, elapsed=1, left=4, legal=5)
    assert (within.level, within.insufficient, within.risk) == (LEVEL_LEGAL, True, 0.0)
    short = m.risk("P1", "all", TODAY, elapsed=1, left=2, legal=5)
    assert short.risk == 1.0
    assert "chưa đủ dữ liệu" in explain(short, "Nhiệm vụ")


def test_a_passed_deadline_is_certain_lateness_whatever_the_history() -> None:
    m = _tasks("TNMT", [20, 30, 40])
    assert m.risk("TNMT", "all", TODAY, elapsed=5, left=0, legal=5).risk == 1.0


def test_history_outside_the_rolling_window_or_from_today_is_not_used() -> None:
    m = SpanModel(window_days=30, min_alive=1)
    m.add_finished("U", "all", TODAY - dt.timedelta(days=31), 100)  # too old
    m.add_finished("U", "all", TODAY, 100)  # finished today: not known this morning
    m.add_finished("U", "all", TODAY - dt.timedelta(days=1), 1)
    e = m.risk("U", "all", TODAY, elapsed=0, left=2, legal=5)
    assert (e.compared, e.risk) == (1, 0.0)


def test_a_dossier_step_running_long_raises_the_risk_of_missing_the_appointment() -> None:
    m = DossierModel(min_alive=3)
    # Five past dossiers of procedure X at ward P1: step 2 started on day 1 and the dossier ended 2, 3,
    # 4, 5 or 9 working days later.
    for rest in (2, 3, 4, 5, 9):
        m.add_finished("X", "P1", 0.0, 1.0 + rest, LAST_WEEK, [FinishedStep(2, "P1", 1.0, 1.0 + rest - 0.5)])
    fresh = OpenDossier(
        "X", "P1", now=101.0, appointment=106.0, seq=2, step_unit="P1", step_start=101.0, step_deadline=104.0
    )
    assert m.dossier_risk(fresh, TODAY).risk == pytest.approx(1 / 5)  # only 9 > 5
    slow = OpenDossier(
        "X", "P1", now=104.5, appointment=106.0, seq=2, step_unit="P1", step_start=101.0, step_deadline=104.0
    )
    # 3.5 days spent: 4, 5 and 9 were still going; 1.5 left → longer than 5: 9 → 1 of 3.
    assert m.dossier_risk(slow, TODAY).risk == pytest.approx(1 / 3)
    step = m.step_risk(slow, TODAY)
    assert step is not None and step.risk == 1.0  # the step's own deadline (104) has passed


def test_time_waiting_for_the_citizen_does_not_count() -> None:
    from cchc.lib.earlywarning.model import net_of_waits

    waits = [(2.0, 5.0), (8.0, float("inf"))]
    assert [net_of_waits(x, waits) for x in (1.0, 3.0, 6.0, 9.0)] == [1.0, 2.0, 3.0, 5.0]


def test_a_procedure_without_history_borrows_every_procedures_share_of_the_time_limit() -> None:
    m = DossierModel(min_alive=3)
    # Procedure Y (10 working days allowed) used 20 %, 50 %, 80 % and 120 % of its time.
    for share in (0.2, 0.5, 0.8, 1.2):
        m.add_finished("Y", "P9", 0.0, 10 * share, LAST_WEEK, appointment=10.0)
    # Procedure X has no history at all: 4 days allowed from its receipt, 1 spent, 3 left.
    x = OpenDossier("X", "P1", now=101.0, appointment=104.0, seq=0, step_start=100.0)
    e = m.dossier_risk(x, TODAY)
    # Spent 25 % of the time: 0.5, 0.8 and 1.2 were still going; past 100 %: only 1.2 → 1 of 3.
    assert (e.level, e.insufficient, e.risk) == ("share", True, pytest.approx(1 / 3))
    assert "chưa đủ dữ liệu" in explain(e, "Hồ sơ")
