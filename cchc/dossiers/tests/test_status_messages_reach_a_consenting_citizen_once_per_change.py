"""Status messages: a citizen who consented gets one message per announced change, on the channel they
chose, after the change commits; nothing without consent, after withdrawal, or for a rolled-back
change; the apology letter is announced with its new appointment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.dossiers.actions import set_status
from cchc.dossiers.actions.apologies import issue_apology
from cchc.dossiers.actions.consents import ConsentNotAllowed, consent, withdraw
from cchc.dossiers.letters import LetterChoices
from cchc.dossiers.tests.import_helpers import make_catalogue
from cchc.dossiers.tests.status_message_helpers import received
from cchc.notify.channels import RecordingChannel
from cchc.notify.models import Consent, ConsentPlace, Notification, NotificationStatus

WORKER_AT_ONCE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.TASKS = WORKER_AT_ONCE  # the worker's job runs as soon as it is queued
    RecordingChannel.reset()
    yield
    RecordingChannel.reset()


def texts() -> list[tuple[str, str]]:
    return [(m.recipient, m.body) for m in RecordingChannel.outbox]


def test_consent_at_the_desk_sends_the_receipt_then_each_change_once(
    world, django_capture_on_commit_callbacks
):
    make_catalogue()
    office, desk = world.users["office"], world.users["one_stop"]
    d = received(world, "TB1")
    assert texts() == []  # nobody consented yet: the import announced nothing
    with django_capture_on_commit_callbacks(execute=True):
        consent(desk, d, channel="zalo", address="0909 000 111", where=ConsentPlace.DESK)
    assert len(texts()) == 1 and texts()[0][0] == "0909000111"
    assert "TB1" in texts()[0][1] and "đã được tiếp nhận" in texts()[0][1]
    given = Consent.objects.get(object_key="TB1")
    assert given.given_by == desk and given.given_where == "desk" and given.withdrawn_at is None
    assert AuditEvent.objects.filter(verb="notify.consent_given").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        set_status(d, 5, actor=office, at=dt.datetime(2022, 3, 8, 9))
    assert "cần bổ sung" in texts()[-1][1]
    with django_capture_on_commit_callbacks(execute=True):
        set_status(d, 4, actor=office, at=dt.datetime(2022, 3, 9, 9))  # not announced
        set_status(d, 9, actor=office, at=dt.datetime(2022, 3, 10, 9))
        set_status(d, 10, actor=office, at=dt.datetime(2022, 3, 10, 10))  # the same "result" message
    bodies = [b for _, b in texts()]
    assert len(bodies) == 3 and "đã có kết quả" in bodies[-1]
    keys = sorted(Notification.objects.values_list("dedupe_key", flat=True))
    assert keys == ["dossier:TB1:received", "dossier:TB1:result", "dossier:TB1:supplement:1"]
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}

    # Re-sending the same change (a retried import) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        consent(desk, d, channel="zalo", address="0909000111", where=ConsentPlace.DESK)
    assert len(texts()) == 3


def test_no_consent_or_a_withdrawn_one_sends_nothing(world, django_capture_on_commit_callbacks):
    make_catalogue()
    office, desk = world.users["office"], world.users["one_stop"]
    d = received(world, "TB2")
    with django_capture_on_commit_callbacks(execute=True):
        set_status(d, 5, actor=office, at=dt.datetime(2022, 3, 8, 9))
    assert texts() == []
    with django_capture_on_commit_callbacks(execute=True):
        consent(desk, d, channel="sms", address="0909000111", where=ConsentPlace.DESK)
    assert len(texts()) == 1  # the pending supplement request
    assert withdraw(desk, d, where=ConsentPlace.DESK) == 1
    with django_capture_on_commit_callbacks(execute=True):
        set_status(d, 9, actor=office, at=dt.datetime(2022, 3, 10, 9))
    assert len(texts()) == 1
    assert Consent.objects.get(object_key="TB2").withdrawn_where == "desk"


def test_a_rolled_back_change_sends_nothing_and_keeps_no_message(world, django_capture_on_commit_callbacks):
    make_catalogue()
    office, desk = world.users["office"], world.users["one_stop"]
    d = received(world, "TB3")
    with django_capture_on_commit_callbacks(execute=True):
        consent(desk, d, channel="sms", address="0909000111", where=ConsentPlace.DESK)
    RecordingChannel.reset()

    class Undo(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Undo), transaction.atomic():
        set_status(d, 9, actor=office, at=dt.datetime(2022, 3, 10, 9))
        raise Undo
    assert texts() == []
    assert not Notification.objects.filter(dedupe_key="dossier:TB3:result").exists()


def test_the_apology_letter_is_announced_with_its_new_appointment(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    make_catalogue()
    desk = world.users["one_stop"]
    d = received(world, "TB4")
    with django_capture_on_commit_callbacks(execute=True):
        consent(desk, d, channel="email", address="dan@example.vn", where=ConsentPlace.DESK)
    new = timezone.now() + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        issue_apology(
            desk,
            d,
            reason="Chờ ý kiến cơ quan liên thông",
            new_appointment_at=new,
            choices=LetterChoices(),
            responsible_unit_name="Phòng Tư pháp",
        )
    assert len(mailoutbox) == 2  # the receipt when consent was given, then the apology
    last = mailoutbox[-1]
    assert last.to == ["dan@example.vn"] and "xin lỗi" in last.body
    assert timezone.localtime(new).strftime("%d/%m/%Y") in last.body


def test_an_officer_outside_the_dossier_cannot_record_consent(world):
    make_catalogue()
    d = received(world, "TB5")
    for key in ("leader", "front", "auditor"):
        with pytest.raises(ConsentNotAllowed):
            consent(world.users[key], d, channel="sms", address="0909000111", where=ConsentPlace.DESK)
    assert not Consent.objects.exists()


def test_an_address_that_does_not_fit_the_channel_is_refused_by_name(world):
    make_catalogue()
    d = received(world, "TB6")
    with pytest.raises(ConsentNotAllowed, match="Số điện thoại"):
        consent(world.users["one_stop"], d, channel="sms", address="abc\x00", where=ConsentPlace.DESK)
    with pytest.raises(ConsentNotAllowed, match="Thư điện tử"):
        consent(world.users["one_stop"], d, channel="email", address="khong-co", where=ConsentPlace.DESK)
    assert not Consent.objects.exists()
