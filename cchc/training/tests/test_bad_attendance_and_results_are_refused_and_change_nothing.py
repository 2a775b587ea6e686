"""Attendance or results naming someone not in the class, an unknown mark, a result for an absentee or
a score out of range are refused with a Vietnamese message naming the row, and nothing changes."""

import pytest
from django.core.exceptions import ValidationError

from cchc.training import actions
from cchc.training.models import Attendance, ClassStatus, Enrolment


@pytest.fixture
def rows(world, held_class):
    sec = world.users["secretariat"]
    made = actions.invite(sec, held_class, [world.officials["one_stop"], world.officials["ward_officer"]])
    return {r.official.full_name: r for r in made}


def _unchanged(held_class, status=ClassStatus.PLANNED):
    held_class.refresh_from_db()
    assert held_class.status == status


def test_a_row_not_in_the_class_is_refused(world, held_class, rows):
    sec = world.users["secretariat"]
    good = rows["Vũ Thị Mai"].pk
    with pytest.raises(ValidationError, match="không có trong danh sách lớp"):
        actions.record_attendance(sec, held_class, {good: Attendance.PRESENT, 987654: Attendance.PRESENT})
    assert not Enrolment.objects.exclude(attendance="").exists()
    _unchanged(held_class)


def test_an_unknown_mark_names_the_official(world, held_class, rows):
    sec = world.users["secretariat"]
    with pytest.raises(ValidationError, match="Trần Thị Bình: điểm danh không hợp lệ"):
        actions.record_attendance(
            sec, held_class, {rows["Vũ Thị Mai"].pk: "present", rows["Trần Thị Bình"].pk: "maybe"}
        )
    assert not Enrolment.objects.exclude(attendance="").exists()
    _unchanged(held_class)


def test_results_need_attendance_first_and_only_for_attendees(world, held_class, rows):
    sec = world.users["secretariat"]
    mai, binh = rows["Vũ Thị Mai"].pk, rows["Trần Thị Bình"].pk
    with pytest.raises(ValidationError, match="Cần điểm danh"):
        actions.record_results(sec, held_class, {mai: ("passed", "9")})
    actions.record_attendance(sec, held_class, {mai: Attendance.PRESENT, binh: Attendance.ABSENT})
    with pytest.raises(ValidationError, match="Trần Thị Bình: không có mặt"):
        actions.record_results(sec, held_class, {mai: ("passed", "9"), binh: ("passed", "7")})
    with pytest.raises(ValidationError, match="Vũ Thị Mai: điểm phải từ 0 đến 10"):
        actions.record_results(sec, held_class, {mai: ("passed", "11")})
    with pytest.raises(ValidationError, match="không phải là số"):
        actions.record_results(sec, held_class, {mai: ("passed", "chín")})
    assert not Enrolment.objects.exclude(result="").exists()
    assert not Enrolment.objects.exclude(certificate_number="").exists()
    _unchanged(held_class, ClassStatus.HELD)


def test_attendance_of_a_graded_class_cannot_change(world, held_class, rows):
    sec = world.users["secretariat"]
    mai = rows["Vũ Thị Mai"].pk
    actions.record_attendance(sec, held_class, {mai: Attendance.PRESENT})
    actions.record_results(sec, held_class, {mai: ("passed", "9")})
    with pytest.raises(ValidationError, match="không sửa điểm danh"):
        actions.record_attendance(sec, held_class, {mai: Attendance.ABSENT})
    row = Enrolment.objects.get(pk=mai)
    assert row.attendance == Attendance.PRESENT and row.certificate_number
