"""The lists filter and count by status in SQL (``queries.with_state``); the deadline machine decides
status in Python (``cchc.lib.deadlines.state_of``). Every combination must agree, so there is one
rule, written twice, held equal here."""

from __future__ import annotations

import datetime as dt
import itertools

from cchc.deadlines.models import Deadline
from cchc.directives.models import Task, TaskStatus
from cchc.directives.queries import with_state
from cchc.directives.tests.conftest import make_task
from cchc.lib.deadlines import state_of

TODAY = dt.date(2022, 10, 10)
DAYS = [None, dt.date(2022, 9, 30), dt.date(2022, 10, 10), dt.date(2022, 10, 20)]


def test_every_combination_of_due_reported_and_done_days_agrees(world, directive):
    task = make_task(world, directive)
    deadline = task.deadline
    checked = 0
    for due, reported, done in itertools.product(DAYS, DAYS, DAYS):
        if done is not None and reported is None:
            continue  # confirmation always follows a report (actions.confirm_completion)
        if done is not None and reported is not None and done < reported:
            continue
        Deadline.objects.filter(pk=deadline.pk).update(
            due=due, original_due=due, reported_on=reported, done_on=done
        )
        status = TaskStatus.DONE if done else TaskStatus.AWAITING if reported else TaskStatus.OPEN
        Task.objects.filter(pk=task.pk).update(status=status)
        for today in (dt.date(2022, 9, 1), TODAY, dt.date(2022, 11, 1)):
            row = with_state(Task.objects.filter(pk=task.pk), today).get()
            expected = state_of(due, today=today, done_on=done, reported_on=reported)
            assert row.state == expected.value, (due, reported, done, today)
            assert row.state_original == expected.value
            checked += 1
    assert checked > 60


def test_original_status_ignores_the_extension(world, directive):
    task = make_task(world, directive)
    Deadline.objects.filter(pk=task.deadline_id).update(
        original_due=dt.date(2022, 9, 30), due=dt.date(2022, 10, 30)
    )
    row = with_state(Task.objects.filter(pk=task.pk), TODAY).get()
    assert (row.state, row.state_original) == ("open_within", "open_overdue")
