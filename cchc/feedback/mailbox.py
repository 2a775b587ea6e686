"""The petition mailbox: every unread message in an IMAP folder becomes a petition (channel e-mail),
polled by the background worker (``poll_feedback_mailbox`` task; cron: ``cchc poll-feedback-mail
--enqueue``).

A message is marked \\Seen only after its petition is stored, so a crash or a database error leaves
it for the next poll; the Message-ID is unique on the petition, so a message fetched twice (two
workers, a retry) is stored once. Auto-replies and bounces are skipped, so the acknowledgement we send
never loops. Attachments go through the same content checks as the web form; a bad one is left out
and noted, the message is still received.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
import email.utils
import hashlib
import imaplib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags

from cchc.feedback.actions.intake import Intake, receive, refuse_mail
from cchc.feedback.attachments import CheckedFile, check_file
from cchc.feedback.conf import setting
from cchc.feedback.models import Category, Channel, Kind, Petition, ReplyVia
from cchc.feedback.routing import public_jurisdiction

log = logging.getLogger(__name__)
ACTOR = "Hộp thư phản ánh"
PHONE_IN_TEXT = re.compile(r"(?<!\d)(?:\+84|0)(?:[\s.\-]?\d){9,10}(?!\d)")


class MailboxNotConfigured(RuntimeError):
    pass


@dataclass
class PollResult:
    created: list[str] = field(default_factory=list)
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    note: str = ""

    def summary(self) -> str:
        if self.note:
            return self.note
        text = f"Đã tiếp nhận {len(self.created)} phản ánh qua thư điện tử"
        if self.created:
            text += f" ({', '.join(self.created)})"
        text += f"; bỏ qua {self.skipped} thư tự động"
        if self.failed:
            text += f"; {len(self.failed)} thư lỗi để lần sau: {'; '.join(self.failed)}"
        return text + "."


def connect() -> imaplib.IMAP4:
    host = str(setting("CCHC_FEEDBACK_IMAP_HOST"))
    if not host:
        raise MailboxNotConfigured("CCHC_FEEDBACK_IMAP_HOST chưa được cấu hình.")
    port = int(setting("CCHC_FEEDBACK_IMAP_PORT"))
    timeout = float(setting("CCHC_FEEDBACK_IMAP_TIMEOUT"))
    conn: imaplib.IMAP4
    if setting("CCHC_FEEDBACK_IMAP_SSL"):
        conn = imaplib.IMAP4_SSL(host, port, timeout=timeout)
    else:
        conn = imaplib.IMAP4(host, port, timeout=timeout)
    conn.login(str(setting("CCHC_FEEDBACK_IMAP_USER")), str(setting("CCHC_FEEDBACK_IMAP_PASSWORD")))
    return conn


def poll(connection_factory: Callable[[], imaplib.IMAP4] | None = None) -> PollResult:
    """Read every unread message of the folder once. Safe to run on several workers."""
    if connection_factory is None and not setting("CCHC_FEEDBACK_IMAP_HOST"):
        return PollResult(note="Hộp thư phản ánh chưa được cấu hình (CCHC_FEEDBACK_IMAP_HOST).")
    conn = (connection_factory or connect)()
    result = PollResult()
    try:
        typ, _ = conn.select(str(setting("CCHC_FEEDBACK_IMAP_FOLDER")))
        if typ != "OK":
            raise imaplib.IMAP4.error(f"cannot select {setting('CCHC_FEEDBACK_IMAP_FOLDER')}")
        typ, data = conn.uid("SEARCH", "UNSEEN")
        uids = (data[0] or b"").split() if typ == "OK" and data else []
        for uid in uids[: int(setting("CCHC_FEEDBACK_IMAP_MAX_MESSAGES"))]:
            _one(conn, uid, result)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            conn.logout()
    return result


def _one(conn: imaplib.IMAP4, uid_bytes: bytes, result: PollResult) -> None:
    uid = uid_bytes.decode()
    typ, data = conn.uid("FETCH", uid, "(RFC822)")
    raw = next((part[1] for part in data or [] if isinstance(part, tuple) and len(part) == 2), None)
    if typ != "OK" or not isinstance(raw, bytes):
        result.failed.append(f"UID {uid}: không đọc được thư")
        return
    try:
        petition = receive_message(raw)
    except ValidationError as exc:
        # Nothing a retry could fix (no text at all…): keep the message, flag it for a person, move on.
        conn.uid("STORE", uid, "+FLAGS", "(\\Seen \\Flagged)")
        refuse_mail(uid, exc.messages, actor=ACTOR)
        result.failed.append(f"UID {uid}: " + " ".join(exc.messages))
        return
    except Exception:  # a database or configuration error: leave the message unread for the next poll
        log.exception("feedback mailbox: message UID %s not stored", uid)
        result.failed.append(f"UID {uid}: lỗi lưu, sẽ thử lại")
        return
    conn.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    if petition is None:
        result.skipped += 1
    else:
        result.created.append(petition.code)


def _is_automatic(msg: EmailMessage, sender: str) -> bool:
    auto = (msg.get("Auto-Submitted") or "no").strip().lower()
    precedence = (msg.get("Precedence") or "").strip().lower()
    ours = email.utils.parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()
    return (
        auto != "no"
        or precedence in {"bulk", "junk", "auto_reply", "list"}
        or not sender
        or sender.lower() == ours
    )


def _text_of(msg: EmailMessage) -> str:
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = body.get_content()
    if body.get_content_type() == "text/html":
        content = strip_tags(content)
    return re.sub(r"\n{3,}", "\n\n", content.replace("\r\n", "\n")).strip()


def _attachments(msg: EmailMessage) -> tuple[list[CheckedFile], list[str]]:
    files: list[CheckedFile] = []
    notes: list[str] = []
    for part in msg.iter_attachments():
        name = part.get_filename() or "tệp đính kèm"
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if len(files) >= int(setting("CCHC_FEEDBACK_ATTACHMENT_MAX_FILES")):
            notes.append(f"Bỏ tệp «{name}»: quá số tệp cho phép.")
            continue
        try:
            files.append(check_file(name, payload))
        except ValidationError as exc:
            notes.append("Bỏ " + " ".join(exc.messages))
    return files, notes


def _received_at(msg: EmailMessage) -> dt.datetime:
    now = timezone.now()
    try:
        sent = email.utils.parsedate_to_datetime(msg.get("Date", ""))
    except (TypeError, ValueError):
        return now
    if sent.tzinfo is None or sent > now or now - sent > dt.timedelta(days=7):
        return now  # a wrong or old Date header must not start the legal clock in the past
    return sent


def receive_message(raw: bytes) -> Petition | None:
    """Turn one RFC 822 message into a petition (None for auto-replies). Idempotent per Message-ID."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    name, sender = email.utils.parseaddr(str(msg.get("From", "")))
    if _is_automatic(msg, sender):
        return None
    message_id = str(msg.get("Message-ID") or "").strip() or "sha256:" + hashlib.sha256(raw).hexdigest()
    jurisdiction = public_jurisdiction()
    if jurisdiction is None:
        raise ValidationError("Chưa có địa bàn nào có lĩnh vực phản ánh.")
    code = str(setting("CCHC_FEEDBACK_EMAIL_CATEGORY"))
    category = (
        Category.objects.filter(jurisdiction=jurisdiction, code=code, is_active=True).first()
        or Category.objects.filter(jurisdiction=jurisdiction, is_active=True).order_by("order", "pk").last()
    )
    if category is None:
        raise ValidationError("Chưa có lĩnh vực phản ánh nào.")
    text = _text_of(msg)
    files, notes = _attachments(msg)
    if notes:
        text += "\n\n[" + " ".join(notes) + "]"
    phone = PHONE_IN_TEXT.search(text)
    subject = " ".join(str(msg.get("Subject", "")).split())
    return receive(
        ACTOR,
        Intake(
            jurisdiction=jurisdiction,
            kind=Kind.FEEDBACK,
            channel=Channel.EMAIL,
            category=category,
            title=subject[:200],
            text=text,
            citizen_name=name.strip() or sender.split("@")[0],
            citizen_email=sender,
            citizen_phone=phone.group(0) if phone else "",
            reply_via=ReplyVia.EMAIL,
            received_at=_received_at(msg),
            message_id=message_id[:255],
            files=files,
            require_contact=False,
        ),
    )
