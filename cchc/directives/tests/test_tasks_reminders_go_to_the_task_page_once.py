"""Reminders before the deadline and escalation after it come from cchc.deadlines.reminders; each
task's clock points at the task page, so every message links to it. Sent once per rung."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from cchc.deadlines import reminders
from cchc.directives.tests.conftest import URLS

pytestmark = pytest.mark.urls(URLS)


def test_the_clock_of_a_task_points_to_its_page(world, p1_task):
    assert p1_task.deadline.url == reverse("directives:task_detail", args=[p1_task.pk])
    assert p1_task.deadline.unit == world.units["p1"]
    assert p1_task.deadline.assigner_unit == world.units["vp"]


def test_escalation_names_the_head_links_the_task_and_is_sent_once(
    world, p1_task, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://cchc.vungtau.example"
    # Due Fri 30/9/2022; Mon 3/10 is one working day late: the rung "after_1" goes to the unit head.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(dt.date(2022, 10, 3)) >= 1
    sent = [m for m in mail.outbox if m.to == [world.officials["unit_head"].email]]
    assert sent, [m.to for m in mail.outbox]
    body = sent[-1].body
    assert f"https://cchc.vungtau.example/chi-dao/nhiem-vu/{p1_task.pk}/" in body
    assert "Hoàng Minh Đức" in body
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(dt.date(2022, 10, 3)) == 0
    assert len(mail.outbox) == before


def test_no_reminder_for_a_task_awaiting_confirmation(world, p1_task):
    from cchc.directives import actions

    actions.report_completion(world.users["ward_officer"], p1_task, note="Xong", on=dt.date(2022, 9, 29))
    assert reminders.run(dt.date(2022, 10, 10)) == 0
