"""The assigner cancels a task that is no longer needed: the record stays with its reason and reports,
the clock stops (no reminder, no late count), and only the assigner may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from cchc.core.models import AuditEvent
from cchc.deadlines import reminders
from cchc.directives import actions
from cchc.directives.models import Task, TaskStatus
from cchc.directives.tests.conftest import URLS, make_task
from cchc.testing.personas import login_verified

pytestmark = pytest.mark.urls(URLS)

NOT_ASSIGNERS = ("leader", "auditor", "unit_head", "ward_officer", "other_ward_officer", "one_stop", "front")


def test_the_office_cancels_an_open_task_and_the_record_stays(world, p1_task):
    actions.add_progress(world.users["ward_officer"], p1_task, percent=40, note="Đang rà soát")
    actions.cancel_task(
        world.users["office"], p1_task, reason="Đã có Kế hoạch 25/KH-UBND thay thế", on=dt.date(2022, 9, 20)
    )
    task = Task.objects.select_related("deadline").get(pk=p1_task.pk)
    assert task.status == TaskStatus.CANCELLED
    assert (task.cancelled_on, task.cancel_reason) == (
        dt.date(2022, 9, 20),
        "Đã có Kế hoạch 25/KH-UBND thay thế",
    )
    assert task.deadline.cancelled_on == dt.date(2022, 9, 20)
    assert task.reports.count() == 1  # the progress report is kept
    assert not Task.objects.countable().filter(pk=task.pk).exists()
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"task.cancelled", "deadline.cancelled"} <= verbs


def test_a_cancelled_task_is_not_chased_after_its_deadline(world, p1_task):
    actions.cancel_task(world.users["office"], p1_task, reason="Không còn cần thiết", on=dt.date(2022, 9, 20))
    # Due 30/9/2022: without the cancellation, 3/10 would escalate to the head of Phường 1.
    assert reminders.run(dt.date(2022, 10, 3)) == 0


def test_a_task_awaiting_confirmation_can_be_cancelled(world, p1_task):
    actions.report_completion(world.users["ward_officer"], p1_task, note="Xong", on=dt.date(2022, 9, 28))
    actions.cancel_task(world.users["office"], p1_task, reason="Nội dung đã sáp nhập vào nhiệm vụ khác")
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.CANCELLED


def test_a_reason_is_required_and_nothing_changes_without_one(world, p1_task):
    with pytest.raises(ValidationError) as exc:
        actions.cancel_task(world.users["office"], p1_task, reason="   ")
    assert "lý do" in " ".join(exc.value.messages)
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.OPEN and p1_task.deadline.cancelled_on is None


def test_a_confirmed_task_cannot_be_cancelled(world, p1_task):
    actions.report_completion(world.users["ward_officer"], p1_task, note="Xong", on=dt.date(2022, 9, 28))
    actions.confirm_completion(world.users["office"], p1_task, on=dt.date(2022, 9, 29))
    with pytest.raises(ValidationError):
        actions.cancel_task(world.users["office"], p1_task, reason="Nhầm")
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.DONE


@pytest.mark.parametrize("persona", NOT_ASSIGNERS)
def test_nobody_but_the_assigner_cancels(world, p1_task, persona):
    with pytest.raises(PermissionDenied):
        actions.cancel_task(world.users[persona], p1_task, reason="Không cần nữa")
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.OPEN


def test_cancelling_a_series_cancels_its_open_periods_keeps_finished_ones_and_spawns_no_more(
    world, directive
):
    series = make_task(
        world, directive, due=None, recurrence="monthly", repeat_until=dt.date(2022, 12, 31), spawn=False
    )
    Task.objects.filter(pk=series.pk).update(created_at=dt.datetime(2022, 8, 15, 2, tzinfo=dt.UTC))
    series.refresh_from_db()
    actions.spawn_occurrences(dt.date(2022, 9, 2))
    august, september = series.occurrences.order_by("period_start")
    actions.report_completion(world.users["ward_officer"], august, note="Đã báo cáo", on=dt.date(2022, 8, 24))
    actions.confirm_completion(world.users["office"], august, on=dt.date(2022, 8, 25))
    actions.cancel_task(
        world.users["office"], series, reason="Chuyển sang báo cáo quý", on=dt.date(2022, 9, 5)
    )
    august.refresh_from_db()
    september.refresh_from_db()
    series.refresh_from_db()
    assert (series.status, august.status, september.status) == (
        TaskStatus.CANCELLED,
        TaskStatus.DONE,
        TaskStatus.CANCELLED,
    )
    assert actions.spawn_occurrences(dt.date(2022, 11, 2)) == 0
    assert series.occurrences.count() == 2


def test_the_page_offers_cancelling_to_the_assigner_only_and_shows_the_reason(client, world, p1_task):
    url = reverse("directives:task_detail", args=[p1_task.pk])
    login_verified(client, world.users["ward_officer"])
    assert 'data-testid="cancel-form"' not in client.get(url).content.decode()
    client.logout()
    login_verified(client, world.users["office"])
    assert 'data-testid="cancel-form"' in client.get(url).content.decode()
    response = client.post(reverse("directives:task_cancel", args=[p1_task.pk]), {"reason": ""}, follow=True)
    assert "Lý do hủy" in response.content.decode()  # the error names the field
    p1_task.refresh_from_db()
    assert p1_task.status == TaskStatus.OPEN
    response = client.post(
        reverse("directives:task_cancel", args=[p1_task.pk]), {"reason": "Trùng nhiệm vụ mục 3"}, follow=True
    )
    body = response.content.decode()
    assert "Đã hủy nhiệm vụ." in body and "Trùng nhiệm vụ mục 3" in body
    assert 'data-testid="cancel-form"' not in body
