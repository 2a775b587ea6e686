"""Petitions use the product's one deadline and notification machinery: the reminder ladder of
``cchc.deadlines`` reminds and escalates a petition's clock once per rung, pointing to the staff
page; replies go by the channel the citizen chose (SMS, Zalo, e-mail, post, the Front)."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from cchc.deadlines import reminders
from cchc.deadlines.models import ReminderSent
from cchc.feedback import actions
from cchc.feedback.models import ClockKind
from cchc.feedback.tests.conftest import local
from cchc.notify.channels import RecordingChannel

pytestmark = pytest.mark.urls("cchc.feedback.tests.urls")


def test_the_ward_is_reminded_then_escalated_once_per_rung(
    world, file_petition, django_capture_on_commit_callbacks
):
    p = file_petition(at=local(2022, 6, 6))
    process = p.clocks.get(kind=ClockKind.PROCESS).deadline
    assert process.url == reverse("feedback:detail", args=[p.code])
    assert process.due == dt.date(2022, 6, 27)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.run(dt.date(2022, 6, 22))  # 3 working days before: the officer(s) of Phường 1
        reminders.run(dt.date(2022, 6, 22))
        reminders.run(dt.date(2022, 6, 30))  # 3 working days after: the unit head, then the Office
    keys = sorted(ReminderSent.objects.filter(deadline=process).values_list("step_key", flat=True))
    assert keys == ["after_1", "after_3", "before_3"]  # the missed "1 day left" is not sent late
    to_officer = [
        m for m in mail.outbox if m.to == ["ward_officer@example.test"] and p.code in m.subject + m.body
    ]
    assert len(to_officer) == 1
    assert any(m.to == ["office@example.test"] and f"/phan-anh/{p.code}/" in m.body for m in mail.outbox)


def test_an_answered_petition_is_not_reminded(world, file_petition):
    p = file_petition(at=local(2022, 6, 6))
    actions.approve_answer(
        world.users["unit_head"],
        actions.draft_answer(
            world.users["ward_officer"], p, text="Phường đã giải toả vỉa hè trước chợ.", at=local(2022, 6, 8)
        ),
        at=local(2022, 6, 8),
    )
    reminders.run(dt.date(2022, 6, 30))
    assert (
        not ReminderSent.objects.filter(deadline__feedback_clock__petition=p)
        .exclude(deadline__feedback_clock__kind=ClockKind.PUBLISH)
        .exists()
    )


@pytest.mark.parametrize(
    ("reply_via", "channel", "recipient"), [("sms", "sms", "0912345678"), ("zalo", "zalo", "0912345678")]
)
def test_sms_and_zalo_go_through_the_pluggable_channels(
    world, file_petition, reply_via, channel, recipient, django_capture_on_commit_callbacks
):
    RecordingChannel.reset()
    with django_capture_on_commit_callbacks(execute=True):
        p = file_petition(reply_via=reply_via)
    assert [m.recipient for m in RecordingChannel.outbox] == [recipient]
    from cchc.notify.models import Notification

    assert Notification.objects.filter(channel=channel, object_id=str(p.pk), status="sent").count() == 1


def test_a_letter_is_answered_on_paper_and_the_page_says_so(client, world, file_petition):
    from cchc.core.models import AuditEvent

    p = file_petition(channel="letter", reply_via="post")
    actions.approve_answer(
        world.users["unit_head"],
        actions.draft_answer(world.users["ward_officer"], p, text="Phường đã giải toả vỉa hè trước chợ."),
    )
    sent = AuditEvent.objects.get(verb="feedback.answer_sent", object_id=str(p.pk))
    assert "bưu điện" in sent.summary
