"""Recurring tasks spawn one dated occurrence per period (``cchc spawn-occurrences``, also run by the
background worker); "thường xuyên" tasks have no deadline and report periodically."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from cchc.directives import actions
from cchc.directives.models import Task
from cchc.directives.queries import with_state
from cchc.directives.tests.conftest import make_task


def entered_on(task: Task, day: dt.date) -> None:
    Task.objects.filter(pk=task.pk).update(
        created_at=timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    )
    task.refresh_from_db()


@pytest.fixture
def monthly(world, directive):
    task = make_task(
        world, directive, due=None, recurrence="monthly", repeat_until=dt.date(2022, 12, 31), spawn=False
    )
    entered_on(task, dt.date(2022, 8, 15))
    return task


def test_a_monthly_series_spawns_one_occurrence_per_begun_month(world, monthly):
    assert actions.spawn_occurrences(dt.date(2022, 10, 2)) == 3
    got = list(monthly.occurrences.order_by("period_start").select_related("deadline"))
    assert [t.period_label for t in got] == ["Tháng 8/2022", "Tháng 9/2022", "Tháng 10/2022"]
    # 25/9/2022 is a Sunday: the occurrence is due on Monday 26/9.
    assert [t.deadline.due for t in got] == [
        dt.date(2022, 8, 25),
        dt.date(2022, 9, 26),
        dt.date(2022, 10, 25),
    ]
    assert all(t.lead_unit == monthly.lead_unit and t.assigner_unit == monthly.assigner_unit for t in got)
    assert monthly.deadline.due is None  # the series itself has no deadline


def test_spawning_twice_adds_nothing_and_the_database_refuses_a_duplicate_period(world, monthly):
    actions.spawn_occurrences(dt.date(2022, 10, 2))
    assert actions.spawn_occurrences(dt.date(2022, 10, 2)) == 0
    first = monthly.occurrences.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(
            directive=first.directive,
            text="x",
            lead_unit=first.lead_unit,
            assigner_unit=first.assigner_unit,
            parent=monthly,
            period_start=first.period_start,
        )


def test_the_series_stops_at_its_end_date(world, monthly):
    actions.spawn_occurrences(dt.date(2023, 6, 1))
    assert monthly.occurrences.count() == 5  # August to December 2022


def test_occurrences_count_in_statistics_and_the_series_does_not(world, monthly):
    actions.spawn_occurrences(dt.date(2022, 10, 2))
    countable = Task.objects.countable()
    assert monthly not in countable and countable.filter(parent=monthly).count() == 3
    states = set(
        with_state(countable.filter(parent=monthly), dt.date(2022, 10, 2)).values_list("state", flat=True)
    )
    assert states == {"open_overdue", "open_within"}


def test_a_continuous_task_has_no_deadline_and_reports_every_quarter(world, directive, settings):
    settings.CCHC_CONTINUOUS_REPORT_EVERY = "quarterly"
    task = make_task(world, directive, due=None, recurrence="continuous", spawn=False)
    entered_on(task, dt.date(2022, 8, 15))
    actions.spawn_occurrences(dt.date(2023, 1, 5))
    assert task.deadline.due is None and task in Task.objects.countable()
    assert [t.period_label for t in task.occurrences.order_by("period_start")] == [
        "Quý III/2022",
        "Quý IV/2022",
        "Quý I/2023",
    ]


def test_the_command_spawns_and_refuses_a_bad_date(world, monthly, capsys):
    out = StringIO()
    call_command("spawn_occurrences", "--today", "02/10/2022", stdout=out)
    assert "Đã tạo 3 nhiệm vụ theo kỳ" in out.getvalue()
    with pytest.raises(SystemExit) as exc:
        call_command("spawn_occurrences", "--today", "31/02/2022")
    assert exc.value.code == 2
    assert "không hợp lệ" in capsys.readouterr().err


def test_the_worker_task_spawns_too(world, monthly, settings):
    from cchc.directives.jobs import spawn_due_occurrences

    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    result = spawn_due_occurrences.enqueue()
    assert result.return_value >= 1
