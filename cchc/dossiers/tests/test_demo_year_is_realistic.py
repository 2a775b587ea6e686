"""The generated year looks like a real one: fictitious but plausible applicants, appointments through
the working-day calendar, a growing online share, about 8 % supplements with some second ones, and
inter-agency procedures with external steps."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from cchc.dossiers.models import Procedure
from cchc.dossiers.tests.demo_helpers import demo_city, records

pytestmark = pytest.mark.django_db

PHONE = re.compile(r"^09\d{8}$")
CCCD = re.compile(r"^\d{12}$")


@pytest.fixture
def year():
    demo_city()
    return records(3000, seed=21)


def test_applicants_are_fictitious_but_plausible(year):
    recs, _ = year
    citizens = [r for r in recs if r.applicant_type == 1]
    assert len(citizens) > 0.9 * len(recs)
    assert all(PHONE.match(r.applicant_phone) for r in recs)
    assert all(CCCD.match(r.applicant_id_number) for r in citizens)
    assert all(len(r.applicant_name.split()) >= 3 for r in citizens)
    assert all(r.applicant_address.endswith("TP Vũng Tàu") for r in recs)
    assert len({r.applicant_id_number for r in citizens}) > 0.99 * len(citizens)


def test_appointments_follow_the_working_day_calendar(year):
    recs, gen = year
    cal = gen.cal
    limits = {p.national_code: p for p in Procedure.objects.all()}
    checked = 0
    for r in recs:
        if r.received_at is None:
            continue
        p = limits[r.procedure_code]
        n = int(p.limit_value)
        if p.limit_unit == "working_days":
            expected = cal.add_working_days(r.received_at, n)
        elif p.limit_unit == "days":
            expected = cal.add_calendar_days(r.received_at, n)
        else:
            expected = cal.add_working_hours(r.received_at, float(p.limit_value)).date()
        assert r.appointment_at.date() == expected, (r.code, p.national_code)
        assert cal.is_working_day(r.appointment_at.date())
        assert cal.is_working_day(r.received_at.date())
        checked += 1
    assert checked > 2900


def test_the_online_share_grows_through_the_year(year):
    recs, _ = year
    by_quarter: dict[int, Counter] = {}
    for r in recs:
        q = (r.submitted_at.month - 1) // 3 + 1
        by_quarter.setdefault(q, Counter())[r.channel] += 1
    share = {q: c[2] / sum(c.values()) for q, c in by_quarter.items()}
    assert share[1] < share[2] < share[3] < share[4]
    assert share[4] > 1.8 * share[1]
    assert sum(c[3] for c in by_quarter.values()) > 0  # some by post


def test_about_eight_percent_need_a_supplement_and_some_a_second(year):
    recs, _ = year
    received = [r for r in recs if r.received_at is not None]
    with_supplement = [r for r in received if r.supplements]
    assert 0.06 < len(with_supplement) / len(received) < 0.11
    second = [r for r in with_supplement if len(r.supplements) > 1]
    assert 0.04 < len(second) / len(with_supplement) < 0.25
    waiting = [r for r in with_supplement if r.status == 5]
    assert waiting and all(r.supplements[-1].completed_at is None for r in waiting)


def test_inter_agency_procedures_have_external_steps(year):
    recs, _ = year
    external = Counter(s.unit_ref for r in recs for s in r.steps if s.external)
    assert external["Chi nhánh Văn phòng đăng ký đất đai TP Vũng Tàu"] > 0
    assert external["Chi cục Thuế TP Vũng Tàu"] > 0
    statuses = Counter(r.status for r in recs)
    assert statuses[10] > 0.8 * len(recs)
    assert statuses[3] > 0 and statuses[9] > 0


def test_steps_are_in_order_inside_office_hours(year):
    recs, gen = year
    hours = gen.cal.hours
    for r in recs:
        previous = r.received_at
        for s in r.steps:
            assert s.started_at >= previous
            assert s.finished_at is None or s.finished_at > s.started_at
            for t in (s.started_at, s.finished_at, s.deadline_at):
                if t is not None:
                    assert gen.cal.is_working_day(t.date())
                    assert hours.morning_start <= t.time() <= hours.afternoon_end
            previous = s.finished_at or s.started_at
        if r.end_at is not None and r.steps and r.steps[-1].finished_at is not None:
            assert r.end_at >= r.steps[-1].finished_at
