"""The one way to write an audit event. Called from every app's actions modules.

Each app names the verbs it writes once, in its ``audit_events.py`` (a subclass of ``AuditVerb``, as
Saleor's ``OrderEvents``); ``record`` accepts nothing else, so mypy refuses a free-text verb. Which
modules may write events is checked by ``cchc/core/tests/test_only_actions_write_audit_events.py``.
"""

from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from cchc.core.models import AuditEvent

Label = str | Promise

# Every verb of every app, filled as each ``AuditVerb`` subclass is defined, so core can name a stored
# verb without importing the apps (core sits below them). ``_areas`` keeps the vocabularies in order.
_verbs: dict[str, "AuditVerb"] = {}
_areas: list[tuple[Label, type["AuditVerb"]]] = []
# What a stored verb no vocabulary knows any more (old data) reads as: never the code itself.
UNKNOWN_VERB_LABEL = _("Thao tác khác")


class AuditVerb(StrEnum):
    """Base of every app's audit vocabulary; the member's value is the stored ``AuditEvent.verb``.

    A member is declared with the words a civil servant reads on the change log beside it,
    ``LOGIN = "accounts.login", _("Đăng nhập")``; the class names its area,
    ``class AccountsEvents(AuditVerb, area=_("Tài khoản và đăng nhập"))``, which groups the filter.
    """

    label: Label

    def __new__(cls, value: str, label: Label = "") -> "AuditVerb":
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __init_subclass__(cls, area: Label = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _areas.append((area, cls))
        for member in cls:
            _verbs[member.value] = member


# Who a row written by the machine names: the demo loaders, and everything else run without a person
# (imports, refreshes, scheduled jobs). Commands once stored their own name ("cchc load-demo"); such old
# rows read the same through ``actor_display``.
DEMO_ACTOR = "Dữ liệu trình diễn"
SYSTEM_ACTOR = "Hệ thống (tự động)"


def actor_display(name: str) -> str:
    """The name a page shows for a stored actor name: a person as stored, a command as what it is."""
    bare = (name or "").strip()
    if bare.startswith(("cchc ", "load-demo")):
        return DEMO_ACTOR if "demo" in bare else SYSTEM_ACTOR
    return name


def _discover() -> None:
    # Each app's audit_events module fills the registry when imported; Django's own way of finding a
    # module by name in every installed app (as admin.autodiscover), so core names no app.
    autodiscover_modules("audit_events")


def verb_label(verb: str) -> Label:
    """The words for a stored verb; a verb no vocabulary declares reads as a neutral label."""
    _discover()
    member = _verbs.get(verb)
    return member.label if member is not None and member.label else UNKNOWN_VERB_LABEL


def verb_groups() -> list[tuple[Label, list[tuple[str, Label]]]]:
    """Every verb by area, for a select with one group per area; areas and verbs in the order declared."""
    _discover()
    return [(area, [(m.value, m.label) for m in cls]) for area, cls in _areas]


def known_verb(verb: str) -> bool:
    _discover()
    return verb in _verbs


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
