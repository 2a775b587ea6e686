"""Reads about one's own account. A person sees only their own sign-in history."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cchc.accounts.actions import SIGN_IN_VERBS
from cchc.core.models import AuditEvent


def sign_in_events_for(user: Any) -> QuerySet[AuditEvent]:
    """Recent sign-ins, failures and lockouts of this account, newest first, from the audit trail."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        object_type="accounts.user", object_id=str(user.pk), verb__in=SIGN_IN_VERBS
    ).order_by("-at", "-id")
