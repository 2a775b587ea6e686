"""docs/rules/directive-tasks.md: the default deadline and the extension rules are configurable for each
assigning authority (``CCHC_TASK_RULES``); by default a task without a date has no deadline and a late request
for more time is still accepted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cchc.directives import actions
from cchc.directives.tests.conftest import make_task


def test_by_default_a_task_without_a_date_has_no_deadline(world, directive):
    assert make_task(world, directive, due=None).deadline.due is None


def test_an_authority_with_a_default_deadline_gives_one_counted_in_working_days(world, directive, settings):
    settings.CCHC_TASK_RULES = {"VP": {"default_working_days": 10}}
    task = make_task(world, directive, due=None)
    # 10 working days after Mon 15/8/2022, through the calendar: 16–19, 22–26 and 29 August.
    assert task.deadline.due == dt.date(2022, 8, 29)
    other = make_task(world, directive, due=None, assigner_unit=world.units["nv"])
    assert other.deadline.due is None


def test_an_authority_may_refuse_requests_made_after_the_deadline(world, p1_task, settings, monkeypatch):
    monkeypatch.setattr(actions, "today", lambda: dt.date(2022, 10, 3))
    settings.CCHC_TASK_RULES = {"default": {"extension_after_due": False}}
    with pytest.raises(ValidationError, match="quá hạn"):
        actions.request_extension(
            world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 20), reason="Muộn"
        )
    settings.CCHC_TASK_RULES = {}
    actions.request_extension(
        world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 20), reason="Muộn"
    )
