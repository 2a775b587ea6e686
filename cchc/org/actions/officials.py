"""An official's record: created, updated (moving unit ends the headships held there) and deactivated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.org.actions.common import (
    OFFICIAL_FIELDS,
    FieldErrors,
    fmt_date,
    head_snapshot,
    is_user,
    official_snapshot,
    today,
)
from cchc.org.actions.units import clean_text
from cchc.org.audit_events import OrgEvents
from cchc.org.models import Official, UnitHead
from cchc.org.queries import official_units_for, officials_for

# --- officials -----------------------------------------------------------------------------------


def _validate_official(actor: Any, official: Official, *, unit_changed: bool) -> None:
    errors = FieldErrors()
    if not official.code:
        errors.add("code", gettext("Chưa nhập mã cán bộ."))
    elif len(official.code) > 40:
        errors.add("code", gettext("Mã cán bộ dài quá 40 ký tự."))
    else:
        clash = Official.objects.filter(code=official.code).exclude(pk=official.pk).first()
        if clash is not None:
            errors.add(
                "code",
                gettext("Mã cán bộ «%(code)s» đã được dùng cho «%(name)s».")
                % {"code": official.code, "name": clash.full_name},
            )
    if not official.full_name:
        errors.add("full_name", gettext("Chưa nhập họ và tên."))
    elif len(official.full_name) > 200:
        errors.add("full_name", gettext("Họ và tên dài quá 200 ký tự."))
    if len(official.position) > 200:
        errors.add("position", gettext("Chức vụ dài quá 200 ký tự."))
    if official.email:
        try:
            validate_email(official.email)
        except ValidationError:
            errors.add(
                "email", gettext("Địa chỉ thư điện tử «%(email)s» không hợp lệ.") % {"email": official.email}
            )
    if len(official.phone) > 40:
        errors.add("phone", gettext("Số điện thoại dài quá 40 ký tự."))
    unit = official.unit if official.unit_id else None
    if unit is None:
        errors.add("unit", gettext("Chưa chọn đơn vị."))
    elif unit_changed:
        if is_user(actor) and not official_units_for(actor).filter(pk=unit.pk).exists():
            errors.add(
                "unit", gettext("Đơn vị «%(unit)s» nằm ngoài phạm vi quản lý của bạn.") % {"unit": unit.name}
            )
        elif unit.valid_to is not None and unit.valid_to < today():
            errors.add(
                "unit",
                gettext("Đơn vị «%(unit)s» đã hết hiệu lực từ ngày %(day)s.")
                % {"unit": unit.name, "day": fmt_date(unit.valid_to)},
            )
        elif official.pk:
            for row in _open_headships(official, today()):
                if unit.pk not in (row.unit_id, row.unit.parent_id):
                    errors.add(
                        "unit",
                        gettext(
                            "Cán bộ đang là %(kind)s của «%(unit)s»; hãy kết "
                            "thúc việc đó trước khi chuyển đơn vị."
                        )
                        % {"kind": gettext(row.get_kind_display()).lower(), "unit": row.unit.name},
                    )
    errors.raise_if_any()


def _open_headships(official: Official, day: dt.date) -> Iterable[UnitHead]:
    return (
        UnitHead.objects.filter(official=official)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("unit", "official")
    )


def _apply_official_fields(official: Official, fields: Mapping[str, Any]) -> None:
    for name in OFFICIAL_FIELDS:
        if name not in fields:
            continue
        if name == "unit":
            official.unit = fields[name]
        elif name == "is_active":
            official.is_active = bool(fields[name])
        else:
            setattr(official, name, clean_text(fields, name))


@transaction.atomic
def create_official(actor: Any, fields: Mapping[str, Any]) -> Official:
    official = Official(is_active=True)
    _apply_official_fields(official, fields)
    _validate_official(actor, official, unit_changed=True)
    official.save()
    record(
        actor,
        OrgEvents.OFFICIAL_CREATE,
        official,
        summary=f"Thêm cán bộ {official.full_name} ({official.code}) vào {official.unit.name}",
        data={"diff": diff({}, official_snapshot(official))},
    )
    return official


def _require_official_writable(actor: Any, official: Official) -> None:
    if is_user(actor) and not officials_for(actor, write=True).filter(pk=official.pk).exists():
        raise PermissionDenied(gettext("Bạn không có quyền thay đổi cán bộ này."))


@transaction.atomic
def update_official(actor: Any, official: Official, fields: Mapping[str, Any]) -> list[str]:
    _require_official_writable(actor, official)
    official = Official.objects.select_for_update().select_related("unit").get(pk=official.pk)
    before = official_snapshot(official)
    old_unit_id = official.unit_id
    _apply_official_fields(official, fields)
    changes = diff(before, official_snapshot(official))
    if not changes:
        return []
    _validate_official(actor, official, unit_changed=official.unit_id != old_unit_id)
    closed: list[dict[str, Any]] = []
    if before["is_active"] and not official.is_active:
        closed = _end_official_headships(official, today())
    official.save()
    record(
        actor,
        OrgEvents.OFFICIAL_UPDATE,
        official,
        summary=f"Sửa thông tin cán bộ {official.full_name} ({official.code}): {', '.join(changes)}",
        data={"diff": changes, "heads_closed": closed},
    )
    return list(changes)


def _end_official_headships(official: Official, last_day: dt.date) -> list[dict[str, Any]]:
    closed = []
    for row in UnitHead.objects.filter(official=official).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)
    ):
        before = head_snapshot(row)
        row.valid_to = max(last_day, row.valid_from) if row.valid_from else last_day
        row.save(update_fields=["valid_to"])
        closed.append({"id": row.pk, "diff": diff(before, head_snapshot(row))})
    return closed


@transaction.atomic
def deactivate_official(actor: Any, official: Official, *, last_day: dt.date, note: str = "") -> Official:
    """The official leaves (retires, transfers out): kept in the records, headships end on ``last_day``."""
    _require_official_writable(actor, official)
    official = Official.objects.select_for_update().get(pk=official.pk)
    if not official.is_active:
        raise ValidationError(
            {"last_day": [gettext("Cán bộ %(name)s đã thôi công tác.") % {"name": official.full_name}]}
        )
    before = official_snapshot(official)
    closed = _end_official_headships(official, last_day)
    official.is_active = False
    official.save(update_fields=["is_active"])
    record(
        actor,
        OrgEvents.OFFICIAL_DEACTIVATE,
        official,
        summary=f"Cán bộ {official.full_name} ({official.code}) thôi công tác tại {official.unit.name} "
        f"từ sau ngày {fmt_date(last_day)}" + (f": {note}" if note else ""),
        data={"diff": diff(before, official_snapshot(official)), "heads_closed": closed, "note": note},
    )
    return official
