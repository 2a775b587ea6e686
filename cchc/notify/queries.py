"""Reads of consents and sent messages, shared by the screens and the status-message hooks."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import router
from django.db.models import QuerySet

from cchc.core.compiled_read import CompiledRead
from cchc.notify.models import Consent, Notification

CHUNK = 900
_CONSENT_COLUMNS = [f.attname for f in Consent._meta.concrete_fields]
# Stand-ins no caller sends (NUL characters), for compiling the read once.
_IN_FORCE = CompiledRead(
    Consent,
    lambda object_type, object_key: (
        Consent.objects.filter(object_type=object_type, object_key=object_key, withdrawn_at__isnull=True)
        .order_by("-given_at")
        .values_list(*_CONSENT_COLUMNS)[:1]
    ),
    ("\x00type\x00", "\x00key\x00"),
)


def consent_in_force(object_type: str, object_key: str) -> Consent | None:
    """The consent in force for one file, if any (at most one: ``notify_one_consent_in_force``). Read on
    every found public look-up, so its SQL is compiled once (``core.compiled_read``)."""
    rows = _IN_FORCE.rows(object_type, object_key)
    if not rows:
        return None
    return Consent.from_db(router.db_for_read(Consent), _CONSENT_COLUMNS, rows[0])


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
