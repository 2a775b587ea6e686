"""Background work of early warning (django.tasks; the worker is ``cchc db_worker``).

``morning`` is enqueued daily by cron (``cchc early-warning --enqueue``): it recomputes every risk and
sends the digests. ``after_ledger_change`` is enqueued when dossiers are written; a burst of imports
queues many of them, so each one skips when a refresh has already run since it was queued.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError
from django.tasks import task
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.earlywarning.actions import refresh_risks
from cchc.earlywarning.digest import send_digests


@task()
def morning() -> str:
    today = timezone.localdate()
    try:
        result = refresh_risks(today)
    except IntegrityError:  # another worker refreshed at the same moment; its rows stand
        result = None
    queued = send_digests(today)
    return f"{result.summary() if result else 'refreshed elsewhere'}; {queued} digests"


@task()
def after_ledger_change(requested_at: str) -> str:
    since = dt.datetime.fromisoformat(requested_at)
    if AuditEvent.objects.filter(verb="earlywarning.refreshed", at__gte=since).exists():
        return "already refreshed"
    try:
        return refresh_risks().summary()
    except IntegrityError:
        return "refreshed elsewhere"
