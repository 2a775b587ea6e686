"""Reads of consents and sent messages, shared by the screens and the status-message hooks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from cchc.notify.models import Consent, Notification

CHUNK = 900


def consent_in_force(object_type: str, object_key: str) -> Consent | None:
    return Consent.objects.filter(
        object_type=object_type, object_key=object_key, withdrawn_at__isnull=True
    ).first()


def consents_in_force(object_type: str, keys: Iterable[str]) -> dict[str, Consent]:
    """The consents in force for ``keys``, by key. Reads nothing per key when no consent is in force
    for that kind of file at all (a large import of files nobody subscribed to costs one query)."""
    live = Consent.objects.filter(object_type=object_type, withdrawn_at__isnull=True)
    if not live.exists():
        return {}
    wanted = list(dict.fromkeys(keys))
    found: dict[str, Consent] = {}
    for i in range(0, len(wanted), CHUNK):
        for c in live.filter(object_key__in=wanted[i : i + CHUNK]):
            found[c.object_key] = c
    return found


def consent_history(object_type: str, object_key: str) -> QuerySet[Consent]:
    return Consent.objects.filter(object_type=object_type, object_key=object_key).order_by("-given_at")


def messages_about(object_type: str, object_id: str) -> QuerySet[Notification]:
    return Notification.objects.filter(object_type=object_type, object_id=object_id).order_by("-created_at")
