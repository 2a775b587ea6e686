"""Each unfinished step of an inter-agency dossier gets its deadline on the deadline machine: its share of
the approved split counted in working days of the unit's calendar (holidays skipped), moved by the
citizen's supplement time, or the deadline the source system sent."""

import datetime as dt

from cchc.deadlines.models import Deadline
from cchc.dossiers import interagency
from cchc.dossiers.models import DossierStep
from cchc.dossiers.tests.factories import at
from cchc.dossiers.tests.interagency_helpers import TAX, land_dossier

TODAY = dt.date(2022, 9, 20)


def step_deadline(d, seq=None):
    step = d.steps.order_by("-seq").first() if seq is None else d.steps.get(seq=seq)
    return Deadline.objects.get(object_type=interagency.STEP_TYPE, object_id=str(step.pk))


def test_the_wards_five_working_days_skip_the_national_day_holiday(world):
    d = land_dossier(world, "IA-1")  # step 2 began Mon 29/8/2022
    interagency.refresh(TODAY)
    deadline = step_deadline(d)
    # 30, 31/8; 1–2/9 holiday; 3–4/9 weekend; 5, 6, 7/9.
    assert deadline.due == dt.date(2022, 9, 7)
    assert deadline.original_due == dt.date(2022, 9, 7)
    assert deadline.unit == world.units["p1"]
    assert deadline.official == world.officials["ward_officer"]
    assert deadline.limit_value == 5


def test_the_citizens_supplement_time_moves_the_steps_deadline(world):
    # Asked Wed 31/8, brought back Tue 6/9: 2 working days (31/8→5/9... counted by the calendar).
    d = land_dossier(world, "IA-2", supplements=[(at(2022, 8, 31), at(2022, 9, 6))])
    interagency.refresh(TODAY)
    deadline = step_deadline(d)
    assert deadline.original_due == dt.date(2022, 9, 7)
    assert deadline.due > deadline.original_due
    assert deadline.due == dt.date(2022, 9, 9)  # 31/8 → 6/9 is two working days (5/9, 6/9)


def test_a_step_waiting_for_the_citizen_stands_still(world):
    d = land_dossier(world, "IA-3", status=5, supplements=[(at(2022, 8, 31), None)])
    interagency.refresh(TODAY)
    deadline = step_deadline(d)
    assert deadline.pauses.filter(end__isnull=True).exists()
    assert not interagency.overdue_deadlines(TODAY).filter(pk=deadline.pk).exists()


def test_a_deadline_sent_by_the_source_system_is_kept_and_moved_off_a_holiday(world):
    d = land_dossier(world, "IA-4", deadline=at(2022, 9, 2, 16))  # Fri 2/9: holiday
    interagency.refresh(TODAY)
    assert step_deadline(d).due == dt.date(2022, 9, 5)


def test_the_split_replaces_the_sent_deadline_when_the_setting_says_so(world, settings):
    settings.CCHC_STEP_DEADLINE_SOURCE = "shares"
    d = land_dossier(world, "IA-5", deadline=at(2022, 9, 2, 16))
    interagency.refresh(TODAY)
    assert step_deadline(d).due == dt.date(2022, 9, 7)


def test_an_outside_agencys_step_is_chased_by_the_unit_that_sent_it(world):
    d = land_dossier(world, "IA-6", at_step=3)
    interagency.refresh(TODAY)
    deadline = step_deadline(d)
    assert deadline.unit == world.units["p1"]  # the ward handed the dossier to the tax office
    assert deadline.official == world.officials["ward_officer"]
    assert deadline.due == dt.date(2022, 9, 5)  # the tax office: 30, 31/8, (holiday, weekend) 5/9
    assert TAX in deadline.title


def test_fractions_of_the_limit_are_rounded_up_to_whole_working_days():
    shares = [{"unit": "A", "share": 0.05}, {"unit": "B", "share": 0.6}, {"unit": "A", "share": 0.35}]
    assert interagency.share_days(shares, 10, "working_days", 0, "A") == 1
    assert interagency.share_days(shares, 10, "working_days", 1, "A") == 4
    assert interagency.share_days(shares, 10, "working_days", 0, "B") == 6
    assert interagency.share_days(shares, 40, "hours", 0, "B") == 3
    assert interagency.share_days(shares, 10, "days", 0, "B") is None
    assert interagency.share_days(shares, 10, "working_days", 0, "C") is None
    for odd in ("NaN", "inf", "-1", "abc", None):
        assert interagency.share_days([{"unit": "A", "share": odd}], 10, "working_days", 0, "A") is None


def test_a_finished_step_closes_its_deadline_and_refresh_twice_changes_nothing(world):
    d = land_dossier(world, "IA-7")
    first = interagency.refresh(TODAY)
    assert first.opened == 1
    assert interagency.refresh(TODAY).total == 0
    DossierStep.objects.filter(dossier=d, seq=2).update(finished_at=at(2022, 9, 8, 10))
    assert interagency.refresh(TODAY).closed == 1
    deadline = step_deadline(d, 2)
    assert deadline.done_on == dt.date(2022, 9, 8)
    assert not interagency.overdue_deadlines(TODAY).exists()


def test_a_withdrawn_dossiers_step_ends_without_being_done(world):
    d = land_dossier(world, "IA-8")
    interagency.refresh(TODAY)
    d.status = 7
    d.end_at = at(2022, 9, 5)
    d.save()
    interagency.refresh(TODAY)
    deadline = step_deadline(d)
    assert deadline.cancelled_on == dt.date(2022, 9, 5) and deadline.done_on is None
