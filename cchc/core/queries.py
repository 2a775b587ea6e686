from typing import Any

from django.db.models import QuerySet

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
