"""Training with English chosen: the overview, a course, a class and the needs read in English (courses,
classes, places, people and units are Vietnamese data, marked ``lang="vi"``), and a refused attendance
says why in English; with Vietnamese, the same refusal reads as before."""

import pytest
from django.urls import reverse

from cchc.testing.english import choose_english, vietnamese_shown
from cchc.testing.personas import login_verified
from cchc.training import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client, world):
    login_verified(client, world.users["secretariat"])
    return client


@pytest.fixture
def invited(world, held_class):
    return actions.invite(world.users["secretariat"], held_class, [world.officials["one_stop"]])


def test_the_training_pages_read_in_english(manager, held_class, invited):
    choose_english(manager)
    course = held_class.course
    urls = [
        reverse("training:index"),
        reverse("training:course_list"),
        reverse("training:course_create"),
        reverse("training:course_detail", args=[course.pk]),
        reverse("training:class_detail", args=[held_class.pk]),
        reverse("training:need_list"),
    ]
    for url in urls:
        page = manager.get(url).content.decode()
        assert '<html lang="en">' in page, url
        assert not vietnamese_shown(page), (url, vietnamese_shown(page))


def test_an_unknown_attendance_mark_is_refused_in_english(manager, held_class, invited):
    choose_english(manager)
    url = reverse("training:class_attendance", args=[held_class.pk])
    page = manager.post(url, {f"att-{invited[0].pk}": "maybe"}, follow=True).content.decode()
    assert "This could not be done." in page
    assert ": the attendance mark is not valid." in page


def test_the_same_refusal_stays_vietnamese_by_default(manager, held_class, invited):
    url = reverse("training:class_attendance", args=[held_class.pk])
    page = manager.post(url, {f"att-{invited[0].pk}": "maybe"}, follow=True).content.decode()
    assert "Chưa thực hiện được." in page
    assert ": điểm danh không hợp lệ." in page
