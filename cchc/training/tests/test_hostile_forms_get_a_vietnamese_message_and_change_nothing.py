"""Bad or hostile input on the training screens: a course ending before it starts, an attendance sheet
naming a row of another class or a malformed row, a result for someone absent. Each answers with a
Vietnamese message naming the field or the row, never a server error, and nothing is written."""

import datetime as dt

from django.urls import reverse

from cchc.testing.personas import login_verified
from cchc.training import actions
from cchc.training.models import Course, Enrolment
from cchc.training.tests.conftest import topic


def test_a_course_ending_before_it_starts_is_sent_back_with_the_field_named(client, world):
    login_verified(client, world.users["secretariat"])
    today = dt.date.today()
    response = client.post(
        reverse("training:course_create"),
        {
            "topic": topic("so-hoa-ho-so").pk,
            "title": "Số hóa",
            "audience": "Một cửa",
            "organiser": world.units["nv"].pk,
            "trainer": "Sở",
            "start_date": today.isoformat(),
            "end_date": (today - dt.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not Course.objects.exists()


def test_a_malformed_or_foreign_attendance_row_is_refused(client, world, held_class, course):
    sec = world.users["secretariat"]
    (row,) = actions.invite(sec, held_class, [world.officials["one_stop"]])
    login_verified(client, sec)
    url = reverse("training:class_attendance", args=[held_class.pk])
    for data, words in (
        ({f"att-{row.pk}": "present", "att-1x": "present"}, "“1x” không có trong danh sách lớp"),
        ({f"att-{row.pk}": "present", "att-99999999999999999999": "present"}, "không có trong danh sách lớp"),
        ({f"att-{row.pk}": "present", f"att-{row.pk + 1000}": "present"}, "không có trong danh sách lớp"),
        ({f"att-{row.pk}": "<script>"}, "Vũ Thị Mai: điểm danh không hợp lệ"),
        ({}, "Chưa có học viên nào"),
    ):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert words in response.content.decode(), data
    row.refresh_from_db()
    held_class.refresh_from_db()
    assert row.attendance == "" and held_class.status == "planned"


def test_a_result_for_an_absentee_names_them(client, world, held_class):
    sec = world.users["secretariat"]
    (row,) = actions.invite(sec, held_class, [world.officials["one_stop"]])
    actions.record_attendance(sec, held_class, {row.pk: "absent"})
    login_verified(client, sec)
    response = client.post(
        reverse("training:class_results", args=[held_class.pk]),
        {f"res-{row.pk}": "passed", f"score-{row.pk}": "9"},
        follow=True,
    )
    assert "Vũ Thị Mai: không có mặt nên không có kết quả." in response.content.decode()
    assert not Enrolment.objects.exclude(result="").exists()
