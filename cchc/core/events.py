"""The one way to write an audit event. Called from every app's actions modules.

Each app names the verbs it writes once, in its ``audit_events.py`` (a subclass of ``AuditVerb``, as
Saleor's ``OrderEvents``); ``record`` accepts nothing else, so mypy refuses a free-text verb. Which
modules may write events is checked by ``cchc/core/tests/test_only_actions_write_audit_events.py``.
"""

from enum import StrEnum
from typing import Any

from django.db import models

from cchc.core.models import AuditEvent


class AuditVerb(StrEnum):
    """Base of every app's audit vocabulary; the member's value is the stored ``AuditEvent.verb``."""


def record(
    actor: Any,
    verb: AuditVerb,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    user = actor if getattr(actor, "is_authenticated", False) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    name = ""
    if user is not None:
        name = user.get_full_name() or user.get_username()
    elif isinstance(actor, str):
        name = actor
    return AuditEvent.objects.create(
        actor=user,
        actor_name=name,
        verb=verb,
        object_type=object_type,
        object_id=object_id,
        summary=summary[:500],
        data=data or {},
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields that changed, as {field: [old, new]}, JSON-ready."""
    return {k: [_jsonable(before.get(k)), _jsonable(v)] for k, v in after.items() if before.get(k) != v}


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)
