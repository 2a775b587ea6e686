import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from cchc.core.events import DEMO_ACTOR, SYSTEM_ACTOR
from cchc.core.models import AuditEvent
from cchc.core.roles import Role

AUDIT_READERS = frozenset({Role.LEADER, Role.SECRETARIAT, Role.AUDITOR})


def audit_events_for(user: Any) -> QuerySet[AuditEvent]:
    """The audit trail is read by the leaders, the reform secretariat and the auditors; nobody writes it."""
    if not (user.is_authenticated and user.is_active):
        return AuditEvent.objects.none()
    if user.is_superuser or user.role in AUDIT_READERS:
        return AuditEvent.objects.select_related("actor")
    return AuditEvent.objects.none()


def _by_actor(person: str) -> Q:
    """Rows whose actor is named like ``person``; «Dữ liệu trình diễn» and «Hệ thống (tự động)» also
    find the older rows that stored a command's name (``cchc load-demo``), as they read on the page."""
    match = Q(actor_name__icontains=person)
    wanted = person.casefold()
    commands = Q(actor_name__startswith="cchc ") | Q(actor_name__startswith="load-demo")
    demo = commands & Q(actor_name__icontains="demo")
    if wanted in DEMO_ACTOR.casefold():
        match |= demo
    if wanted in SYSTEM_ACTOR.casefold():
        match |= commands & ~demo
    return match


def filter_audit_events(
    events: QuerySet[AuditEvent],
    *,
    q: str = "",
    verb: str = "",
    person: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The change log narrowed by the filters of its page (each empty one is no filter)."""
    if q:
        events = events.filter(Q(summary__icontains=q) | Q(actor_name__icontains=q))
    if verb:
        events = events.filter(verb=verb)
    if person:
        events = events.filter(_by_actor(person))
    if start:
        events = events.filter(at__date__gte=start)
    if end:
        events = events.filter(at__date__lte=end)
    return events
