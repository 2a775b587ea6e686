"""Invitations go to each invited official's e-mail once the invitation commits, once each; a refused
invitation (over the class's capacity) writes nothing and sends nothing."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from cchc.training import actions
from cchc.training.models import Enrolment
from cchc.training.tests.conftest import make_class


def test_each_invited_official_gets_one_invitation_after_commit(
    world, course, django_capture_on_commit_callbacks
):
    sec = world.users["secretariat"]
    cls = make_class(world, course, days_from_today=3)
    with django_capture_on_commit_callbacks(execute=True):
        actions.invite(sec, cls, [world.officials["one_stop"], world.officials["ward_officer"]])
        assert mail.outbox == []  # nothing leaves before the commit
    assert sorted(m.to[0] for m in mail.outbox) == ["one_stop@example.test", "ward_officer@example.test"]
    assert "Lớp 1" in mail.outbox[0].body and cls.place in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        again = actions.invite(sec, cls, [world.officials["one_stop"]])
    assert again == [] and len(mail.outbox) == 2


def test_an_invitation_over_capacity_is_refused_whole(world, course, django_capture_on_commit_callbacks):
    sec = world.users["secretariat"]
    cls = make_class(world, course, days_from_today=3, capacity=1)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError, match="chỉ nhận 1"):
        actions.invite(sec, cls, [world.officials["one_stop"], world.officials["ward_officer"]])
    assert Enrolment.objects.count() == 0 and mail.outbox == []


def test_cancelling_a_class_tells_the_invited(world, course, django_capture_on_commit_callbacks):
    sec = world.users["secretariat"]
    cls = make_class(world, course, days_from_today=3)
    actions.invite(sec, cls, [world.officials["one_stop"]])
    with django_capture_on_commit_callbacks(execute=True):
        actions.cancel_class(sec, cls, reason="Giảng viên bận công tác")
    assert [m.subject for m in mail.outbox if "Hủy" in m.subject]
