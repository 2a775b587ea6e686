"""A unit's life: created, updated, closed, merged into another (its people, headships and history move
along) and deleted while nothing refers to it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.org.actions.common import (
    ONE_DAY,
    UNIT_FIELDS,
    FieldErrors,
    fmt_date,
    head_snapshot,
    is_user,
    unit_snapshot,
)
from cchc.org.audit_events import OrgEvents
from cchc.org.models import Jurisdiction, Official, Unit, UnitHead, UnitKind
from cchc.org.queries import can_write_units, jurisdictions_for, units_for

# --- units ---------------------------------------------------------------------------------------


def clean_text(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    return "" if value is None else str(value).strip()


def _validate_unit(actor: Any, unit: Unit, *, is_new: bool) -> None:
    errors = FieldErrors()
    if not unit.code:
        errors.add("code", gettext("Chưa nhập mã đơn vị."))
    elif len(unit.code) > 40:
        errors.add("code", gettext("Mã đơn vị dài quá 40 ký tự."))
    else:
        clash = Unit.objects.filter(code=unit.code).exclude(pk=unit.pk).first()
        if clash is not None:
            errors.add(
                "code",
                gettext("Mã đơn vị «%(code)s» đã được dùng cho «%(name)s».")
                % {"code": unit.code, "name": clash.name},
            )
    if not unit.name:
        errors.add("name", gettext("Chưa nhập tên đơn vị."))
    elif len(unit.name) > 255:
        errors.add("name", gettext("Tên đơn vị dài quá 255 ký tự."))
    if len(unit.short_name) > 120:
        errors.add("short_name", gettext("Tên ngắn dài quá 120 ký tự."))
    if len(unit.abbreviation) > 20:
        errors.add("abbreviation", gettext("Chữ viết tắt dài quá 20 ký tự."))
    if unit.kind not in UnitKind.values:
        errors.add("kind", gettext("Chưa chọn loại đơn vị hợp lệ."))
    if unit.email:
        try:
            validate_email(unit.email)
        except ValidationError:
            errors.add(
                "email", gettext("Địa chỉ thư điện tử «%(email)s» không hợp lệ.") % {"email": unit.email}
            )
    if len(unit.phone) > 40:
        errors.add("phone", gettext("Số điện thoại dài quá 40 ký tự."))
    if len(unit.address) > 255:
        errors.add("address", gettext("Địa chỉ dài quá 255 ký tự."))
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        errors.add("valid_to", gettext("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))

    area: Jurisdiction | None = unit.jurisdiction if unit.jurisdiction_id else None
    if area is None:
        errors.add("jurisdiction", gettext("Chưa chọn địa bàn."))
    elif is_user(actor) and not jurisdictions_for(actor, write=True).filter(pk=area.pk).exists():
        errors.add(
            "jurisdiction",
            gettext("Địa bàn «%(area)s» nằm ngoài phạm vi quản lý của bạn.") % {"area": area.name},
        )

    parent = unit.parent if unit.parent_id else None
    if parent is not None:
        if not is_new and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
            errors.add(
                "parent",
                gettext(
                    "Không thể đặt «%(parent)s» làm đơn vị cấp trên: nó là chính đơn vị này hoặc "
                    "đơn vị trực thuộc của nó (vòng lặp)."
                )
                % {"parent": parent.name},
            )
        elif is_user(actor) and not units_for(actor, write=True).filter(pk=parent.pk).exists():
            errors.add(
                "parent",
                gettext("Đơn vị cấp trên «%(parent)s» nằm ngoài phạm vi quản lý của bạn.")
                % {"parent": parent.name},
            )
        if area is not None and not area.path.startswith(parent.jurisdiction.path):
            errors.add(
                "parent",
                gettext(
                    "Đơn vị cấp trên «%(parent)s» thuộc địa bàn «%(parent_area)s», "
                    "không bao gồm địa bàn «%(area)s» của đơn vị này."
                )
                % {"parent": parent.name, "parent_area": parent.jurisdiction.name, "area": area.name},
            )
        # A unit cannot outlive its parent: otherwise the tree on a later day has a dangling branch.
        if parent.valid_to and (unit.valid_to is None or unit.valid_to > parent.valid_to):
            errors.add(
                "parent",
                gettext(
                    "Đơn vị cấp trên «%(parent)s» hết hiệu lực ngày "
                    "%(day)s; chọn đơn vị cấp trên còn hiệu lực."
                )
                % {"parent": parent.name, "day": fmt_date(parent.valid_to)},
            )

    if not is_new:
        for child in Unit.objects.filter(parent=unit).select_related("jurisdiction"):
            if area is not None and not child.jurisdiction.path.startswith(area.path):
                errors.add(
                    "jurisdiction",
                    gettext("Đơn vị trực thuộc «%(child)s» thuộc địa bàn «%(area)s», nằm ngoài địa bàn mới.")
                    % {"child": child.name, "area": child.jurisdiction.name},
                )
            if unit.valid_to and (child.valid_to is None or child.valid_to > unit.valid_to):
                errors.add(
                    "valid_to",
                    gettext(
                        "Đơn vị trực thuộc «%(child)s» còn hiệu lực sau ngày %(day)s; "
                        "hãy giải thể, sáp nhập hoặc chuyển nó trước."
                    )
                    % {"child": child.name, "day": fmt_date(unit.valid_to)},
                )
    errors.raise_if_any()


def _apply_unit_fields(unit: Unit, fields: Mapping[str, Any]) -> None:
    for name in UNIT_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name in {"jurisdiction", "parent"}:
            setattr(unit, name, value)
        elif name in {"valid_from", "valid_to"}:
            setattr(unit, name, value or None)
        else:
            setattr(unit, name, clean_text(fields, name))


def require_unit_writable(actor: Any, unit: Unit) -> None:
    if is_user(actor) and not units_for(actor, write=True).filter(pk=unit.pk).exists():
        raise PermissionDenied(gettext("Bạn không có quyền thay đổi đơn vị này."))


@transaction.atomic
def create_unit(actor: Any, fields: Mapping[str, Any]) -> Unit:
    if is_user(actor) and not can_write_units(actor):
        raise PermissionDenied(gettext("Chỉ Thường trực CCHC (Phòng Nội vụ) được thêm đơn vị."))
    unit = Unit()
    _apply_unit_fields(unit, fields)
    _validate_unit(actor, unit, is_new=True)
    unit.save()
    record(
        actor,
        OrgEvents.UNIT_CREATE,
        unit,
        summary=f"Thêm đơn vị {unit.name} ({unit.code})",
        data={"diff": diff({}, unit_snapshot(unit))},
    )
    return unit


@transaction.atomic
def update_unit(actor: Any, unit: Unit, fields: Mapping[str, Any]) -> list[str]:
    """Returns the changed field names (empty when nothing changed, and then nothing is recorded)."""
    require_unit_writable(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = unit_snapshot(unit)
    _apply_unit_fields(unit, fields)
    after = unit_snapshot(unit)
    changes = diff(before, after)
    if not changes:
        return []
    _validate_unit(actor, unit, is_new=False)
    unit.save()
    record(
        actor,
        OrgEvents.UNIT_UPDATE,
        unit,
        summary=f"Sửa đơn vị {unit.name} ({unit.code}): {', '.join(changes)}",
        data={"diff": changes},
    )
    return list(changes)


def _close_headships(unit: Unit, last_day: dt.date) -> list[dict[str, Any]]:
    closed = []
    for row in UnitHead.objects.filter(unit=unit).filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)):
        if row.valid_from and row.valid_from > last_day:
            raise ValidationError(
                {
                    "valid_to": [
                        gettext(
                            "%(kind)s %(official)s của «%(unit)s» bắt đầu ngày "
                            "%(day)s, sau ngày kết thúc; hãy sửa trước."
                        )
                        % {
                            "kind": gettext(row.get_kind_display()),
                            "official": row.official.full_name,
                            "unit": unit.name,
                            "day": fmt_date(row.valid_from),
                        }
                    ]
                }
            )
        before = head_snapshot(row)
        row.valid_to = last_day
        row.save(update_fields=["valid_to"])
        closed.append({"id": row.pk, "diff": diff(before, head_snapshot(row))})
    return closed


@transaction.atomic
def close_unit(actor: Any, unit: Unit, *, last_day: dt.date, note: str = "") -> Unit:
    """Dissolve a unit: it stays in the records, valid up to and including ``last_day``."""
    require_unit_writable(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.valid_to is not None and unit.valid_to <= last_day:
        raise ValidationError(
            {
                "last_day": [
                    gettext("Đơn vị «%(unit)s» đã hết hiệu lực từ ngày %(day)s.")
                    % {"unit": unit.name, "day": fmt_date(unit.valid_to)}
                ]
            }
        )
    if unit.valid_from and last_day < unit.valid_from:
        raise ValidationError(
            {
                "last_day": [
                    gettext("Ngày kết thúc phải từ ngày bắt đầu hiệu lực %(day)s trở đi.")
                    % {"day": fmt_date(unit.valid_from)}
                ]
            }
        )
    before = unit_snapshot(unit)
    unit.valid_to = last_day
    try:
        _validate_unit(actor, unit, is_new=False)
    except ValidationError as exc:
        raise ValidationError({"last_day": exc.messages}) from exc
    closed = _close_headships(unit, last_day)
    unit.save()
    record(
        actor,
        OrgEvents.UNIT_CLOSE,
        unit,
        summary=f"Giải thể đơn vị {unit.name} ({unit.code}) từ sau ngày {fmt_date(last_day)}"
        + (f": {note}" if note else ""),
        data={"diff": diff(before, unit_snapshot(unit)), "heads_closed": closed, "note": note},
    )
    return unit


@transaction.atomic
def merge_units(
    actor: Any,
    sources: Sequence[Unit],
    target: Unit,
    *,
    on: dt.date,
    move_officials: bool,
    note: str = "",
) -> list[Unit]:
    """Merge ``sources`` into ``target`` from day ``on``: the sources end the day before.

    The merged units stay in the records with ``replaced_by`` pointing at the target. Their current
    sub-units move under the target; their officials move too when ``move_officials`` is set (else
    they stay attached to the closed unit and can be moved one by one).
    """
    last_day = on - ONE_DAY
    errors = FieldErrors()
    source_ids = [u.pk for u in sources]
    if not sources:
        errors.add("sources", gettext("Chưa chọn đơn vị bị sáp nhập."))
    if len(set(source_ids)) != len(source_ids):
        errors.add("sources", gettext("Một đơn vị được chọn hai lần."))
    if target.pk in source_ids:
        errors.add("target", gettext("Đơn vị nhận sáp nhập không được là một trong các đơn vị bị sáp nhập."))
    for unit in [*sources, target]:
        require_unit_writable(actor, unit)
    locked = list(Unit.objects.select_for_update().filter(pk__in=source_ids).select_related("jurisdiction"))
    target = Unit.objects.select_for_update().select_related("jurisdiction").get(pk=target.pk)
    if not target.is_valid_on(on):
        errors.add(
            "target",
            gettext("Đơn vị nhận sáp nhập «%(target)s» không có hiệu lực vào ngày %(day)s.")
            % {"target": target.name, "day": fmt_date(on)},
        )
    for src in locked:
        if src.valid_to is not None and src.valid_to <= last_day:
            errors.add(
                "sources",
                gettext("Đơn vị «%(unit)s» đã hết hiệu lực từ ngày %(day)s.")
                % {"unit": src.name, "day": fmt_date(src.valid_to)},
            )
        if src.valid_from and src.valid_from > last_day:
            errors.add(
                "on",
                gettext("Đơn vị «%(unit)s» bắt đầu hiệu lực ngày %(day)s, sau ngày sáp nhập.")
                % {"unit": src.name, "day": fmt_date(src.valid_from)},
            )
        if target.path.startswith(src.path):
            errors.add(
                "target",
                gettext(
                    "Đơn vị nhận sáp nhập «%(target)s» đang trực thuộc «%(unit)s»; không thể sáp nhập vào "
                    "đơn vị cấp dưới của chính nó."
                )
                % {"target": target.name, "unit": src.name},
            )
    children = list(
        Unit.objects.filter(parent_id__in=source_ids)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("jurisdiction")
    )
    for child in children:
        if not child.jurisdiction.path.startswith(target.jurisdiction.path):
            errors.add(
                "target",
                gettext(
                    "Đơn vị trực thuộc «%(child)s» thuộc địa bàn «%(area)s», "
                    "không nằm trong địa bàn của «%(target)s»; hãy sáp nhập hoặc chuyển nó trước."
                )
                % {"child": child.name, "area": child.jurisdiction.name, "target": target.name},
            )
    if target.valid_to is not None:
        for child in children:
            if child.valid_to is None or child.valid_to > target.valid_to:
                errors.add(
                    "target",
                    gettext(
                        "«%(target)s» hết hiệu lực ngày %(day)s, trước đơn vị "
                        "trực thuộc «%(child)s» sẽ chuyển sang."
                    )
                    % {"target": target.name, "day": fmt_date(target.valid_to), "child": child.name},
                )
    errors.raise_if_any()

    children_by_source: dict[int, list[str]] = {}
    for child in children:
        before = unit_snapshot(child)
        children_by_source.setdefault(child.parent_id or 0, []).append(child.code)
        child.parent = target
        child.save()
        changes = diff(before, unit_snapshot(child))
        record(
            actor,
            OrgEvents.UNIT_UPDATE,
            child,
            summary=f"Chuyển {child.name} sang trực thuộc {target.name} (sáp nhập)",
            data={"diff": changes},
        )
    for src in locked:
        before = unit_snapshot(src)
        closed = _close_headships(src, last_day)
        moved: list[str] = []
        if move_officials:
            for official in Official.objects.filter(unit=src, is_active=True):
                official.unit = target
                official.save(update_fields=["unit"])
                moved.append(official.code)
        src.valid_to = last_day
        src.replaced_by = target
        src.save()
        record(
            actor,
            OrgEvents.UNIT_MERGE,
            src,
            summary=f"Sáp nhập {src.name} ({src.code}) vào {target.name} ({target.code}) "
            f"từ ngày {fmt_date(on)}" + (f": {note}" if note else ""),
            data={
                "diff": diff(before, unit_snapshot(src)),
                "target": target.code,
                "officials_moved": moved,
                "children_moved": children_by_source.get(src.pk, []),
                "heads_closed": closed,
                "note": note,
            },
        )
    return locked


@transaction.atomic
def delete_unit(actor: Any, unit: Unit) -> None:
    """Only for a unit entered by mistake: anything with history is closed, never deleted."""
    require_unit_writable(actor, unit)
    reasons = []
    if Official.objects.filter(unit=unit).exists():
        reasons.append(gettext("đã có cán bộ"))
    if UnitHead.objects.filter(unit=unit).exists():
        reasons.append(gettext("đã có người đứng đầu"))
    if Unit.objects.filter(parent=unit).exists():
        reasons.append(gettext("có đơn vị trực thuộc"))
    if Unit.objects.filter(replaced_by=unit).exists():
        reasons.append(gettext("đã nhận sáp nhập đơn vị khác"))
    if unit.replaced_by_id:
        reasons.append(gettext("đã sáp nhập vào đơn vị khác"))
    if reasons:
        raise ValidationError(
            gettext("Không thể xoá «%(unit)s» vì đơn vị %(reasons)s. Hãy dùng «Giải thể» để lưu lịch sử.")
            % {"unit": unit.name, "reasons": ", ".join(reasons)}
        )
    snapshot = unit_snapshot(unit)
    pk = unit.pk
    try:
        with transaction.atomic():
            unit.delete()
    except ProtectedError as exc:
        raise ValidationError(
            gettext("Không thể xoá «%(unit)s» vì đơn vị đã có dữ liệu nghiệp vụ. Hãy dùng «Giải thể».")
            % {"unit": unit.name}
        ) from exc
    record(
        actor,
        OrgEvents.UNIT_DELETE,
        None,
        object_type="org.unit",
        object_id=str(pk),
        summary=f"Xoá đơn vị nhập nhầm {snapshot['name']} ({snapshot['code']})",
        data={"diff": diff(snapshot, {k: None for k in snapshot})},
    )
