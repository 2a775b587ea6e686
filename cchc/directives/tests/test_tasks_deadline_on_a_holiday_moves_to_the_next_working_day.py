"""BLDS 2015 Art. 148, docs/rules/working-days.md: a deadline falling on a day off ends on the next working
day. Through the real working-day calendar (cchc.calendar: the bundled 2022–2027 table)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from cchc.directives import actions
from cchc.directives.tests.conftest import URLS, make_task
from cchc.testing.personas import login_verified


def test_national_day_deadline_moves_to_monday(world, directive):
    # 1–2/9/2022 were the National Day holiday; 3–4/9 a weekend.
    task = make_task(world, directive, due=dt.date(2022, 9, 2))
    assert task.requested_due == dt.date(2022, 9, 2)
    assert task.deadline.original_due == dt.date(2022, 9, 5)
    assert task.deadline.due == dt.date(2022, 9, 5)


def test_a_saturday_before_the_new_year_holiday_moves_past_it(world, directive):
    # 31/12/2022 Saturday; 2/1/2023 the New Year day off in lieu → Tuesday 3/1/2023.
    task = make_task(world, directive, due=dt.date(2022, 12, 31))
    assert task.deadline.due == dt.date(2023, 1, 3)


def test_a_working_day_stays_where_it_is(world, directive):
    assert make_task(world, directive, due=dt.date(2022, 9, 30)).deadline.due == dt.date(2022, 9, 30)


def test_an_extension_granted_to_a_sunday_ends_on_monday(world, p1_task):
    ext = actions.request_extension(
        world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 16), reason="Chờ số liệu"
    )
    actions.decide_extension(world.users["office"], ext, approve=True)
    p1_task.deadline.refresh_from_db()
    assert p1_task.deadline.due == dt.date(2022, 10, 17)
    assert p1_task.deadline.original_due == dt.date(2022, 9, 30)


@pytest.mark.urls(URLS)
def test_the_task_page_shows_the_date_asked_for_and_the_working_day_it_became(client, world, directive):
    task = make_task(world, directive, due=dt.date(2022, 9, 2))
    login_verified(client, world.users["ward_officer"])
    html = client.get(reverse("directives:task_detail", args=[task.pk])).content.decode()
    assert "05/09/2022" in html
    assert "Văn bản ghi 02/09/2022 (ngày nghỉ)" in html


def test_overdue_days_are_counted_in_working_days(world, p1_task):
    from cchc.deadlines.actions import calendar_for
    from cchc.lib.deadlines import days_overdue

    cal = calendar_for(world.units["p1"].jurisdiction)
    # Due Fri 30/9; Mon 10/10 is 6 working days later (3,4,5,6,7,10), 10 calendar days.
    assert days_overdue(p1_task.deadline.due, dt.date(2022, 10, 10), cal) == 6
    assert days_overdue(p1_task.deadline.due, dt.date(2022, 10, 10), cal, working=False) == 10
