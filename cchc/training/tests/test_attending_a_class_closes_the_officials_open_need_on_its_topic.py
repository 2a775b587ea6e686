"""A need on a topic closes when its official attends a held class of a course on that topic; a need on
another topic, an absent official and a class not yet held close nothing."""

import pytest
from django.core.exceptions import ValidationError

from cchc.core.models import AuditEvent
from cchc.training import actions
from cchc.training.models import Attendance, ClassStatus, NeedSource, NeedStatus
from cchc.training.tests.conftest import make_class, topic


def _need(world, who, code):
    return actions.add_need(
        world.users["secretariat"],
        world.officials[who],
        topic(code),
        source=NeedSource.MANUAL,
        evidence="Đơn vị đề nghị",
    )


def test_the_attendees_need_on_the_courses_topic_closes_and_others_stay_open(world, held_class):
    sec = world.users["secretariat"]
    mine = _need(world, "one_stop", "dich-vu-cong-truc-tuyen")
    other_topic = _need(world, "one_stop", "so-hoa-ho-so")
    absent = _need(world, "ward_officer", "dich-vu-cong-truc-tuyen")
    rows = actions.invite(sec, held_class, [world.officials["one_stop"], world.officials["ward_officer"]])
    by = {r.official_id: r.pk for r in rows}
    closed = actions.record_attendance(
        sec,
        held_class,
        {
            by[world.officials["one_stop"].pk]: Attendance.PRESENT,
            by[world.officials["ward_officer"].pk]: Attendance.ABSENT,
        },
    )
    assert closed == 1
    for need in (mine, other_topic, absent):
        need.refresh_from_db()
    assert mine.status == NeedStatus.CLOSED and mine.closed_by_id == by[world.officials["one_stop"].pk]
    assert other_topic.status == NeedStatus.OPEN
    assert absent.status == NeedStatus.OPEN
    held_class.refresh_from_db()
    assert held_class.status == ClassStatus.HELD
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"training.attendance_recorded", "training.need_closed", "training.invited"} <= verbs


def test_a_class_in_the_future_cannot_be_marked_and_nothing_closes(world, course):
    sec = world.users["secretariat"]
    need = _need(world, "one_stop", "dich-vu-cong-truc-tuyen")
    later = make_class(world, course, days_from_today=5)
    (row,) = actions.invite(sec, later, [world.officials["one_stop"]])
    with pytest.raises(ValidationError, match="chưa điểm danh"):
        actions.record_attendance(sec, later, {row.pk: Attendance.PRESENT})
    need.refresh_from_db()
    row.refresh_from_db()
    later.refresh_from_db()
    assert need.status == NeedStatus.OPEN and row.attendance == "" and later.status == ClassStatus.PLANNED


def test_with_the_passed_setting_only_a_pass_closes_the_need(world, held_class, settings):
    settings.CCHC_TRAINING_NEED_CLOSES_ON = "passed"
    sec = world.users["secretariat"]
    need = _need(world, "one_stop", "dich-vu-cong-truc-tuyen")
    (row,) = actions.invite(sec, held_class, [world.officials["one_stop"]])
    actions.record_attendance(sec, held_class, {row.pk: Attendance.PRESENT})
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN
    actions.record_results(sec, held_class, {row.pk: ("passed", "8.5")})
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
