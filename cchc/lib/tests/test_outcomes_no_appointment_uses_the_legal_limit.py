"""docs/rules/dossier-deadlines.md: without NgayHenTra the dossier is judged against the procedure's legal
limit, counted in the procedure's own unit through the calendar (docs/rules/working-days.md)."""

from datetime import date

import pytest

from cchc.lib.outcomes import LegalLimit, LimitUnit, OutcomeKind, Supplement, judge
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import at, dossier, vn

AS_OF = date(2022, 12, 31)


@pytest.mark.parametrize(
    ("received", "limit", "deadline"),
    [
        # 8 office hours from Mon 15:00: 2 h that day, 6 h on Tuesday (07:00–11:30, 13:30–15:00).
        ("2022-03-07 15:00", LegalLimit(8, LimitUnit.HOURS), date(2022, 3, 8)),
        # 5 working days from Tue 25/1/2022: 26, 27, 28/1, then Tết 31/1–4/2, then 7 and 8/2.
        ("2022-01-25 09:00", LegalLimit(5, LimitUnit.WORKING_DAYS), date(2022, 2, 8)),
        # 10 days from Mon 24/1/2022 end on Thu 3/2, inside Tết: moved to Mon 7/2 (BLDS Art. 148).
        ("2022-01-24 09:00", LegalLimit(10, LimitUnit.DAYS), date(2022, 2, 7)),
        # One month from 31/3/2022 is Sat 30/4, a holiday; 1–3/5 are off too: Wed 4/5.
        ("2022-03-31 09:00", LegalLimit(1, LimitUnit.MONTHS), date(2022, 5, 4)),
    ],
)
def test_the_legal_limit_in_each_unit_gives_the_deadline(received, limit, deadline):
    d = dossier(4, received, None, legal_limit=limit)
    assert judge(d, vn(), AS_OF).deadline == deadline


def test_a_dossier_without_appointment_finished_after_its_limit_is_late():
    d = dossier(
        9, "2022-01-25 09:00", None, "2022-02-09 08:00", legal_limit=LegalLimit(5, LimitUnit.WORKING_DAYS)
    )
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.LATE


def test_a_dossier_without_appointment_finished_on_the_last_day_of_its_limit_is_on_time():
    d = dossier(
        9, "2022-01-25 09:00", None, "2022-02-08 16:00", legal_limit=LegalLimit(5, LimitUnit.WORKING_DAYS)
    )
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.ON_TIME


def test_the_supplement_time_is_subtracted_from_the_legal_limit_too():
    request = Supplement(at("2022-03-08 10:00"), at("2022-03-10 10:00"))
    d = dossier(
        9,
        "2022-03-07 09:00",
        None,
        "2022-03-16 09:00",
        legal_limit=LegalLimit(5, LimitUnit.WORKING_DAYS),
        supplements=(request,),
    )
    # 5 working days → Mon 14/3; the citizen took 2 → Wed 16/3.
    result = judge(d, vn(), AS_OF)
    assert (result.deadline, result.outcome) == (date(2022, 3, 16), OutcomeKind.ON_TIME)


def test_a_dossier_with_neither_appointment_nor_limit_is_on_time_when_finished_and_within_time_when_open():
    # docs/rules/dossier-deadlines.md PRACTICE: "dates equal, or there is no appointment date" → on time.
    assert (
        judge(dossier(9, "2022-03-07 09:00", None, "2022-09-01 09:00"), vn(), AS_OF).outcome
        == OutcomeKind.ON_TIME
    )
    assert judge(dossier(4, "2022-03-07 09:00"), vn(), AS_OF).outcome == OutcomeKind.OPEN_WITHIN_TIME


def test_the_appointment_wins_over_the_legal_limit_when_both_exist():
    d = dossier(
        9,
        "2022-03-07 09:00",
        "2022-03-21 10:00",
        "2022-03-18 09:00",
        legal_limit=LegalLimit(2, LimitUnit.WORKING_DAYS),
    )
    assert judge(d, vn(), AS_OF).outcome == OutcomeKind.EARLY
