"""A recommendation is a follow-up on the deadline machine: the unit reports it done, but it stays open
until the inspector verifies it; a unit cannot verify its own fix; a fix that does not hold is sent
back with the clock still running from the same due date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.deadlines.models import Deadline
from cchc.oversight.actions import followups
from cchc.oversight.tests.scene import started_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def rec(world):
    insp = started_visit(world)
    finding = followups.add_finding(
        world.users["secretariat"],
        insp,
        code="MC-11",
        text="Ba hồ sơ trễ hạn không có văn bản xin lỗi",
        severity="moderate",
        official=world.officials["one_stop"],
        unit=world.units["p1_mc"],
    )
    return followups.add_recommendation(
        world.users["secretariat"],
        finding,
        text="Lập văn bản xin lỗi cho hồ sơ trễ hạn, gửi chậm nhất 01 ngày trước hạn",
        due=timezone.localdate() + dt.timedelta(days=20),
    )


def test_the_recommendation_opens_a_deadline_for_the_responsible_unit(world, rec):
    d = Deadline.objects.get(pk=rec.deadline_id)
    assert d.unit == world.units["p1_mc"]
    assert d.official == world.officials["one_stop"]
    assert d.object_type == "oversight.recommendation" and d.object_id == str(rec.pk)
    assert d.due is not None and d.done_on is None


def test_reported_done_by_the_unit_is_not_closed(world, rec):
    followups.report_done(world.users["unit_head"], rec, text="Đã lập và gửi văn bản xin lỗi")
    rec.refresh_from_db()
    rec.deadline.refresh_from_db()
    assert rec.deadline.reported_on is not None
    assert rec.deadline.done_on is None
    assert rec.verified_on is None


def test_the_unit_cannot_verify_its_own_fix(world, rec):
    followups.report_done(world.users["unit_head"], rec, text="Đã khắc phục")
    for persona in ("unit_head", "ward_officer", "leader", "auditor", "office"):
        with pytest.raises(PermissionDenied):
            followups.verify(world.users[persona], rec)
    rec.deadline.refresh_from_db()
    assert rec.deadline.done_on is None


def test_the_inspector_verifies_and_only_then_it_closes(world, rec):
    with pytest.raises(ValidationError):
        followups.verify(world.users["secretariat"], rec)  # nothing reported yet
    followups.report_done(world.users["ward_officer"], rec, text="Đã khắc phục")
    followups.verify(world.users["secretariat"], rec, note="Kiểm tra lại sổ: đạt")
    rec.refresh_from_db()
    rec.deadline.refresh_from_db()
    assert rec.verified_on == timezone.localdate()
    assert rec.deadline.done_on == timezone.localdate()
    verbs = set(
        AuditEvent.objects.filter(object_type="oversight.recommendation").values_list("verb", flat=True)
    )
    assert {
        "oversight.recommendation_added",
        "oversight.followup_reported",
        "oversight.followup_verified",
    } <= verbs


def test_a_fix_sent_back_keeps_the_same_due_date(world, rec):
    due = rec.deadline.due
    followups.report_done(world.users["unit_head"], rec, text="Đã khắc phục")
    followups.send_back(world.users["secretariat"], rec, note="Kiểm tra lại: còn hai hồ sơ chưa có văn bản")
    rec.deadline.refresh_from_db()
    assert rec.deadline.reported_on is None and rec.deadline.done_on is None
    assert rec.deadline.due == due


def test_another_ward_cannot_report_on_it(world, rec):
    with pytest.raises(PermissionDenied):
        followups.report_done(world.users["other_ward_officer"], rec, text="Xong")
