"""The petition mailbox, polled over IMAP by the worker's code path (``imaplib`` over a socket) against
a local IMAP server: unread messages become petitions once, are marked read, auto-replies are skipped,
attachments are checked, and a failed save leaves the message for the next poll."""

from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from cchc.feedback import mailbox
from cchc.feedback.jobs import poll_feedback_mailbox
from cchc.feedback.models import Petition
from cchc.feedback.tests import imap_server
from cchc.feedback.tests.helpers import png_bytes

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def message(
    subject="Đèn đường hỏng",
    body="Đèn đường số 3 hẻm 12 Ba Cu hỏng một tuần nay. SĐT 0912 345 678.",
    sender="Nguyễn Văn Mười <muoi.nguyen@example.vn>",
    msg_id="<m1@example.vn>",
    photo=False,
    **headers,
):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "phananh@vungtau.example.gov.vn"
    msg["Subject"] = subject
    msg["Message-ID"] = msg_id
    msg["Date"] = format_datetime(timezone.now())
    for k, v in headers.items():
        msg[k.replace("_", "-")] = v
    msg.set_content(body)
    if photo:
        msg.add_attachment(png_bytes(), maintype="image", subtype="png", filename="anh.png")
        msg.add_attachment(b"not an image at all", maintype="image", subtype="jpeg", filename="virus.jpg")
    return msg.as_bytes()


@pytest.fixture
def imap(settings):
    box = imap_server.Mailbox()
    server = imap_server.start(box)
    settings.CCHC_FEEDBACK_IMAP_HOST = "127.0.0.1"
    settings.CCHC_FEEDBACK_IMAP_PORT = server.port
    settings.CCHC_FEEDBACK_IMAP_SSL = False
    settings.CCHC_FEEDBACK_IMAP_USER = box.user
    settings.CCHC_FEEDBACK_IMAP_PASSWORD = box.password
    settings.CCHC_FEEDBACK_EMAIL_CATEGORY = "KHAC"
    yield box
    server.shutdown()
    server.server_close()


def test_unread_messages_become_petitions_and_are_marked_read(
    world, categories, imap, django_capture_on_commit_callbacks
):
    first = imap.add(message(photo=True))
    second = imap.add(
        message(
            subject="Rác",
            body="Rác thải đổ trộm đầu hẻm 7 Lê Lợi nhiều ngày chưa thu gom.",
            sender="le.thi.hoa@example.vn",
            msg_id="<m2@example.vn>",
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = mailbox.poll()
    assert len(result.created) == 2, result.summary()
    p = Petition.objects.get(message_id="<m1@example.vn>")
    assert (p.channel, p.citizen_email, p.citizen_name, p.citizen_phone) == (
        "email",
        "muoi.nguyen@example.vn",
        "Nguyễn Văn Mười",
        "0912345678",
    )
    assert p.title == "Đèn đường hỏng"
    assert p.unit == world.units["vp"]  # the Office receives and dispatches
    assert [a.original_name for a in p.attachments.all()] == ["anh.png"]
    assert "virus.jpg" in p.text  # the refused attachment is noted, the message still received
    assert "\\Seen" in first.flags and "\\Seen" in second.flags
    assert any(m.to == ["muoi.nguyen@example.vn"] and p.code in m.body for m in mail.outbox)
    assert "LOGIN" in imap.log and "UID SEARCH UNSEEN" in imap.log


def test_polling_twice_or_refetching_a_message_stores_it_once(world, categories, imap):
    imap.add(message())
    mailbox.poll()
    imap.messages[0].flags.clear()  # e.g. someone marked it unread again in their mail client
    again = mailbox.poll()
    assert Petition.objects.count() == 1
    assert again.created == [Petition.objects.get().code]  # the same petition, not a new one


def test_auto_replies_and_our_own_mail_are_skipped(world, categories, imap, settings):
    imap.add(message(msg_id="<a1@x>", Auto_Submitted="auto-replied"))
    imap.add(message(msg_id="<a2@x>", sender=settings.DEFAULT_FROM_EMAIL))
    result = mailbox.poll()
    assert result.skipped == 2 and not Petition.objects.exists()
    assert all("\\Seen" in m.flags for m in imap.messages)


def test_a_message_that_cannot_be_saved_stays_unread_for_the_next_poll(world, categories, imap, monkeypatch):
    imap.add(message())

    def broken(raw):
        raise RuntimeError("database is down")

    monkeypatch.setattr(mailbox, "receive_message", broken)
    result = mailbox.poll()
    assert result.failed and not imap.messages[0].flags
    monkeypatch.undo()
    assert len(mailbox.poll().created) == 1


def test_an_empty_message_is_flagged_for_a_person_not_retried_forever(world, categories, imap):
    imap.add(message(body=""))
    result = mailbox.poll()
    assert result.failed and {"\\Seen", "\\Flagged"} <= imap.messages[0].flags
    assert not Petition.objects.exists()


def test_a_wrong_password_fails_loudly(world, categories, imap, settings):
    settings.CCHC_FEEDBACK_IMAP_PASSWORD = "sai"
    imap.add(message())
    with pytest.raises(Exception, match=r"AUTHENTICATIONFAILED|wrong password"):
        mailbox.poll()


def test_the_worker_task_and_the_command_poll_the_same_way(world, categories, imap, capsys):
    imap.add(message())
    with override_settings(TASKS=IMMEDIATE):
        result = poll_feedback_mailbox.enqueue()
    assert "Đã tiếp nhận 1 phản ánh" in result.return_value
    imap.add(
        message(
            msg_id="<m9@example.vn>", body="Nắp cống trước nhà số 5 Hoàng Hoa Thám bị mất, rất nguy hiểm."
        )
    )
    call_command("poll_feedback_mail")
    assert "Đã tiếp nhận 1 phản ánh" in capsys.readouterr().out
    assert Petition.objects.count() == 2


def test_without_a_configured_mailbox_polling_says_so(world, categories, settings):
    settings.CCHC_FEEDBACK_IMAP_HOST = ""
    assert "chưa được cấu hình" in mailbox.poll().summary()
