"""Sending, exactly once per ``dedupe_key`` whatever the number of workers, and only after commit.

The ``Notification`` row is the outbox: it is written inside the caller's transaction, and the message
leaves only once that transaction commits (``transaction.on_commit``). A rolled-back change therefore
announces nothing, and no SMTP/HTTP call is made while the change's row locks are held."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from cchc.notify.channels import Channel, get_channel
from cchc.notify.models import Notification, NotificationStatus


def send(
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    *,
    dedupe_key: str | None = None,
    object_type: str = "",
    object_id: str = "",
    in_worker: bool = False,
) -> Notification | None:
    """Claim the message's row now, deliver it once the surrounding transaction commits (at once when
    there is none). Returns None when another worker (or an earlier run) already claimed the same
    ``dedupe_key``. A failed delivery stays recorded as failed and can be retried with
    ``retry_failed``; it is never silently dropped.

    ``in_worker``: after the commit the message is handed to the background worker (``deliver_message``)
    instead of being delivered by the process that made the change — for messages to citizens, whose
    gateways may be slow, raised by a web request or a webhook that must answer at once."""
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                channel=channel,
                recipient=recipient,
                subject=subject[:255],
                body=body,
                dedupe_key=dedupe_key,
                object_type=object_type,
                object_id=object_id,
            )
    except IntegrityError:
        return None
    if in_worker:
        transaction.on_commit(lambda: _enqueue(note.pk), robust=True)
        return note
    # The channel is the one configured when the message was queued: the demo swaps in a recording
    # channel only while it runs, and its messages must not reach a real gateway after its commit.
    try:
        via: Channel | None = get_channel(channel)
    except Exception:  # an unknown channel is recorded as a failed delivery, like any other failure
        via = None
    # robust: one message whose row cannot be updated must not stop the others queued with it.
    transaction.on_commit(lambda: _deliver(note, via), robust=True)
    return note


def _enqueue(pk: int) -> None:
    deliver_message.enqueue(pk)


@task()
def deliver_message(pk: int) -> bool:
    """The worker's job for a message queued with ``send(..., in_worker=True)``."""
    return deliver_queued(pk)


def deliver_queued(pk: int) -> bool:
    """The worker's delivery of a message queued with ``in_worker``: claimed by a compare-and-set on its
    first attempt, so a job run twice (or by two workers) sends it once. False when already claimed."""
    claimed = Notification.objects.filter(pk=pk, status=NotificationStatus.SENDING, attempts=0).update(
        attempts=1
    )
    if not claimed:
        return False
    _deliver(Notification.objects.get(pk=pk), counted=True)
    return True


def _deliver(note: Notification, via: Channel | None = None, *, counted: bool = False) -> None:
    if not counted:
        note.attempts += 1
    try:
        route = (via or get_channel(note.channel)).send(note.recipient, note.subject, note.body)
    except Exception as exc:  # every channel failure is recorded, whatever its type
        note.status = NotificationStatus.FAILED
        note.error = f"{type(exc).__name__}: {exc}"[:2000]
    else:
        note.status = NotificationStatus.SENT
        note.sent_at = timezone.now()
        note.error = ""
        note.delivered_via = route or note.channel
    note.save(update_fields=["status", "error", "sent_at", "attempts", "delivered_via"])


STUCK_AFTER = dt.timedelta(minutes=10)


def retry_failed(max_attempts: int = 5) -> int:
    """Retry failed messages; each is claimed by a compare-and-set so two workers don't both retry it.
    Messages queued for the worker that no job delivered within ``STUCK_AFTER`` (the queue lost the
    job) are delivered here too."""
    retried = 0
    stuck = Notification.objects.filter(
        status=NotificationStatus.SENDING, attempts=0, created_at__lt=timezone.now() - STUCK_AFTER
    ).values_list("pk", flat=True)
    for pk in list(stuck):
        retried += deliver_queued(pk)
    for pk in Notification.objects.filter(
        status=NotificationStatus.FAILED, attempts__lt=max_attempts
    ).values_list("pk", flat=True):
        claimed = Notification.objects.filter(pk=pk, status=NotificationStatus.FAILED).update(
            status=NotificationStatus.SENDING
        )
        if claimed:
            _deliver(Notification.objects.get(pk=pk))
            retried += 1
    return retried
