"""Background work for petitions (django.tasks; the worker is ``cchc db_worker``).

Reminders and escalation of petition deadlines need nothing here: they are ``cchc.deadlines``
deadlines and go out with ``cchc send-reminders``. Cron (or a systemd timer) enqueues these:

    */5 * * * *  cchc poll-feedback-mail --enqueue
"""

from __future__ import annotations

from django.tasks import task

from cchc.feedback import mailbox
from cchc.feedback.actions.citizen import close_answered


@task()
def poll_feedback_mailbox() -> str:
    """Idempotent: a message becomes a petition once (unique Message-ID), marked read afterwards."""
    return mailbox.poll().summary()


@task()
def close_answered_petitions() -> int:
    """Daily: answered petitions nobody reopened within the window are closed (compare-and-set)."""
    return close_answered()
