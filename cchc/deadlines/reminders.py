"""Reminders before the deadline and escalation after it, sent by the background worker.

Each rung of the ladder is claimed in the ``ReminderSent`` ledger before anything is sent (unique per
deadline × rung × due date) and each message carries a dedupe key in ``notify``: running the job twice,
or on two workers at once, sends every reminder once.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from cchc.accounts.models import User
from cchc.core.roles import Role
from cchc.deadlines.actions import calendar_for
from cchc.deadlines.models import Deadline, DeadlinePause, ReminderSent
from cchc.lib import deadlines as dl
from cchc.notify.actions import send

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def ladder() -> tuple[dl.LadderStep, ...]:
    return dl.parse_ladder(settings.CCHC_REMINDER_LADDER)


@dataclass(frozen=True)
class Source:
    """An app whose items are chased by this engine with a ladder of their own (inter-agency dossier
    steps): ``refresh`` brings its deadlines up to date before a run; ``ladder_setting`` names the
    setting that holds its ladder. Registered by the app (``AppConfig.ready``), so this layer needs no
    import of the app."""

    object_type: str
    ladder_setting: str
    refresh: Callable[[dt.date], object]


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    _SOURCES[source.object_type] = source


def ladder_for(object_type: str) -> tuple[dl.LadderStep, ...]:
    source = _SOURCES.get(object_type)
    if source is None:
        return ladder()
    return dl.parse_ladder(getattr(settings, source.ladder_setting))


def recipients(deadline: Deadline, audience: str) -> list[Recipient]:
    if audience == "officer":
        if deadline.official is not None:
            people = [deadline.official]
        else:
            people = [
                u.official
                for u in User.objects.filter(
                    role=Role.UNIT_OFFICER, official__unit=deadline.unit, is_active=True
                ).select_related("official")
                if u.official is not None
            ]
        return [Recipient(p.full_name, p.email) for p in people if p.email]
    if audience == "unit_head":
        head = deadline.unit.accountable_head()
        return [Recipient(head.full_name, head.email)] if head and head.email else []
    role = {"office": Role.OFFICE, "leader": Role.LEADER}.get(audience)
    if role is None:
        return []
    area = deadline.jurisdiction
    users = User.objects.filter(role=role, is_active=True).select_related("official", "jurisdiction")
    out = []
    for u in users:
        scope = u.jurisdiction or (u.official.unit.jurisdiction if u.official else None)
        if scope is not None and area.path.startswith(scope.path) and u.email:
            out.append(Recipient(u.get_full_name() or u.username, u.email))
    return out


def message(deadline: Deadline, step: dl.LadderStep, today: dt.date, cal: dl.CalendarLike) -> tuple[str, str]:
    assert deadline.due is not None
    due_text = f"{deadline.due:%d/%m/%Y}"
    if step.offset < 0:
        left = max(0, cal.working_days_between(today, deadline.due))
        subject = f"[CCHC] Nhắc việc: còn {left} ngày làm việc — {deadline.title[:120]}"
        lead = f"Việc sau sắp đến hạn ({due_text}), còn {left} ngày làm việc:"
    else:
        late = dl.days_overdue(deadline.due, today, cal)
        subject = f"[CCHC] Quá hạn {late} ngày làm việc — {deadline.title[:120]}"
        lead = f"Việc sau đã quá hạn {late} ngày làm việc (hạn {due_text}):"
    head = deadline.unit.accountable_head()
    lines = [
        lead,
        "",
        deadline.title,
        f"Đơn vị chủ trì: {deadline.unit.name}",
        f"Người đứng đầu chịu trách nhiệm: {head.full_name}" if head else "Đơn vị chưa có người đứng đầu.",
    ]
    if deadline.url:
        lines.append(f"Xem chi tiết: {settings.SITE_URL.rstrip('/')}{deadline.url}")
    return subject, "\n".join(lines)


# Any fixed number, the same in every process: PostgreSQL's advisory lock of the reminder run.
RUN_LOCK = 7190_0001


@contextmanager
def _alone() -> Iterator[bool]:
    """True when no other worker is running the reminders. Two runs at once would send nothing twice (the
    ledger) but would both refresh every source — at 5,000,000 dossiers minutes of work, and the second's
    new deadlines collide with the first's (a unique-key error). On PostgreSQL a session advisory lock
    (released at the end, or when the worker's connection dies); SQLite has one writer anyway."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cur:
        cur.execute("SELECT pg_try_advisory_lock(%s)", [RUN_LOCK])
        got = bool(cur.fetchone()[0])
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_unlock(%s)", [RUN_LOCK])


def run(today: dt.date | None = None) -> int:
    """Send every reminder and escalation whose day has come. Returns the number of messages sent; 0 at
    once when another worker is running them (the job was delivered twice, or cron met a slow run)."""
    with _alone() as alone:
        if not alone:
            logger.info("Một tiến trình nền khác đang gửi nhắc việc; lượt này bỏ qua.")
            return 0
        return _run(today)


def _run(today: dt.date | None) -> int:
    today = today or timezone.localdate()
    for source in _SOURCES.values():
        try:
            source.refresh(today)
        except Exception:
            # One app's refresh failing must not stop the reminders of every other item: its deadlines
            # stay as the last good refresh left them, and the error goes to the log.
            logger.exception("Không cập nhật được thời hạn của %s trước lượt nhắc việc", source.object_type)
    ladders: dict[str, tuple[dl.LadderStep, ...]] = {}
    sent = 0
    # A paused clock (e.g. a suspended accountability request) is not running, so nobody is chased.
    paused = DeadlinePause.objects.filter(deadline=OuterRef("pk"), end__isnull=True)
    open_items = Deadline.objects.filter(
        due__isnull=False, done_on__isnull=True, reported_on__isnull=True, cancelled_on__isnull=True
    ).exclude(Exists(paused))
    for deadline in open_items.select_related("unit", "official", "jurisdiction").iterator(chunk_size=500):
        assert deadline.due is not None
        cal = calendar_for(deadline.jurisdiction)
        if deadline.object_type not in ladders:
            ladders[deadline.object_type] = ladder_for(deadline.object_type)
        for step in dl.steps_due(deadline.due, today, ladders[deadline.object_type], cal):
            people = recipients(deadline, step.audience)
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        deadline=deadline,
                        step_key=step.key,
                        due=deadline.due,
                        audience=step.audience,
                        recipients=[p.email for p in people],
                    )
            except IntegrityError:
                continue  # this rung was already claimed, by an earlier run or another worker
            subject, body = message(deadline, step, today, cal)
            for person in people:
                note = send(
                    "email",
                    person.email,
                    subject,
                    body,
                    dedupe_key=f"deadline:{deadline.pk}:{step.key}:{deadline.due}:{person.email}"[:200],
                    object_type="deadlines.deadline",
                    object_id=str(deadline.pk),
                )
                sent += 1 if note is not None else 0
    return sent
