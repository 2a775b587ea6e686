"""Only Internal Affairs (the secretariat) of the area changes training records; every other role's
attempt is refused and writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from cchc.training import actions
from cchc.training.models import Course, TrainingNeed
from cchc.training.tests.conftest import topic

OTHERS = ["leader", "office", "auditor", "unit_head", "ward_officer", "one_stop", "front"]


@pytest.mark.parametrize("who", OTHERS)
def test_no_other_role_creates_a_course_or_a_need(world, who):
    user = world.users[who]
    today = dt.date.today()
    with pytest.raises(PermissionDenied):
        actions.create_course(
            user,
            world.jurisdictions["city"],
            topic=topic("so-hoa-ho-so"),
            title="Khóa trái phép",
            audience="Tất cả",
            organiser=world.units["nv"],
            trainer="Ai đó",
            start_date=today,
            end_date=today,
        )
    with pytest.raises(PermissionDenied):
        actions.add_need(user, world.officials["one_stop"], topic("so-hoa-ho-so"), evidence="Tự đề xuất")
    assert not Course.objects.exists() and not TrainingNeed.objects.exists()


@pytest.mark.parametrize("who", OTHERS)
def test_no_other_role_invites_or_marks_attendance(world, held_class, who):
    sec = world.users["secretariat"]
    (row,) = actions.invite(sec, held_class, [world.officials["one_stop"]])
    with pytest.raises(PermissionDenied):
        actions.invite(world.users[who], held_class, [world.officials["ward_officer"]])
    with pytest.raises(PermissionDenied):
        actions.record_attendance(world.users[who], held_class, {row.pk: "present"})
    row.refresh_from_db()
    assert row.attendance == "" and held_class.enrolments.count() == 1
