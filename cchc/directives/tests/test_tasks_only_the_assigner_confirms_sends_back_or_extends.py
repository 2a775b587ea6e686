"""Only the assigner — the Office, or the unit named as assigner — confirms a completion,
sends it back, or decides an extension. Checked in the actions (any caller) and through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from cchc.deadlines.models import ExtensionStatus
from cchc.directives import actions
from cchc.directives.models import TaskStatus
from cchc.directives.tests.conftest import URLS, make_task
from cchc.testing.personas import login_verified

NOT_ASSIGNERS = ("leader", "auditor", "unit_head", "ward_officer", "other_ward_officer", "one_stop", "front")


@pytest.fixture
def reported(world, p1_task):
    actions.report_completion(world.users["ward_officer"], p1_task, note="Xong", on=dt.date(2022, 9, 28))
    return p1_task


@pytest.fixture
def asked(world, p1_task):
    return actions.request_extension(
        world.users["unit_head"], p1_task, proposed_due=dt.date(2022, 10, 14), reason="Chờ số liệu"
    )


@pytest.mark.parametrize("persona", NOT_ASSIGNERS)
def test_nobody_but_the_assigner_confirms_or_sends_back(world, reported, persona):
    user = world.users[persona]
    with pytest.raises(PermissionDenied):
        actions.confirm_completion(user, reported)
    with pytest.raises(PermissionDenied):
        actions.send_back(user, reported, note="Chưa đạt")
    reported.refresh_from_db()
    assert reported.status == TaskStatus.AWAITING


@pytest.mark.parametrize("persona", NOT_ASSIGNERS)
def test_nobody_but_the_assigner_decides_an_extension(world, asked, persona):
    with pytest.raises(PermissionDenied):
        actions.decide_extension(world.users[persona], asked, approve=True)
    asked.refresh_from_db()
    assert asked.status == ExtensionStatus.PENDING


def test_the_office_confirms(world, reported):
    actions.confirm_completion(world.users["office"], reported)
    reported.refresh_from_db()
    assert reported.status == TaskStatus.DONE


def test_a_unit_named_as_assigner_decides_for_its_own_tasks_only(world, directive):
    """Internal Affairs gives a task to Phường 1: its people decide on it; not on the Office's tasks."""
    given_by_nv = make_task(
        world, directive, assigner_unit=world.units["nv"], text="Báo cáo công tác tự kiểm tra"
    )
    given_by_vp = make_task(world, directive, text="Nhiệm vụ do Văn phòng giao")
    nv = world.users["secretariat"]
    for task in (given_by_nv, given_by_vp):
        actions.report_completion(world.users["ward_officer"], task, note="Xong", on=dt.date(2022, 9, 20))
    actions.confirm_completion(nv, given_by_nv)
    with pytest.raises(PermissionDenied):
        actions.confirm_completion(nv, given_by_vp)


def test_the_lead_unit_cannot_approve_its_own_extension_through_the_page(client, world, asked, settings):
    settings.ROOT_URLCONF = URLS
    task = asked.deadline.task
    login_verified(client, world.users["unit_head"])
    url = reverse("directives:task_extension_decide", args=[task.pk, asked.pk])
    assert client.post(url, {"decision": "approve", "note": "Tự duyệt"}).status_code == 403
    asked.refresh_from_db()
    assert asked.status == ExtensionStatus.PENDING
    login_verified(client, world.users["office"])
    assert client.post(url, {"decision": "approve", "note": "Đồng ý"}).status_code == 302
    asked.refresh_from_db()
    assert asked.status == ExtensionStatus.APPROVED


def test_a_refusal_needs_a_reason(world, asked):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="lý do"):
        actions.decide_extension(world.users["office"], asked, approve=False, note=" ")


def test_only_the_lead_unit_reports_completion_or_asks_for_more_time(world, directive):
    """A coordinating unit reports progress on its part, never the completion (ND 39/2022: one lead)."""
    task = make_task(world, directive, unit_key="vp", coordinating=[world.units["p1"]])
    officer = world.users["ward_officer"]
    actions.add_progress(officer, task, percent=50, note="Phường 1 đã gửi số liệu phối hợp")
    with pytest.raises(PermissionDenied):
        actions.report_completion(officer, task, note="Xong")
    with pytest.raises(PermissionDenied):
        actions.request_extension(officer, task, proposed_due=dt.date(2022, 10, 30), reason="x")
    task.refresh_from_db()
    assert task.progress == 0  # the lead's percentage is the task's; a coordinator's is its own report
