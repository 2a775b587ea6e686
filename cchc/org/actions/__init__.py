"""Every change to the organisation goes through here, and each one leaves an audit event.

Reorganisations never rewrite history (product.md, capability 1): a unit is closed with ``valid_to``,
a merged unit also points at the unit that continues it (``replaced_by``), a new head closes the
previous headship row instead of overwriting it, and an official leaves by being deactivated. Only a
unit that never had any history (no officials, heads, children or successors) may be deleted, to undo
a typing mistake.

``actor`` is the signed-in user, or a string naming a system process (the CLI importer). For users the
scope rules of ``cchc.org.queries`` are checked again here, so no caller can bypass them; system
callers are scoped by their own caller (the importer limits itself to one jurisdiction).

Errors are ``django.core.exceptions.ValidationError`` with Vietnamese messages keyed by field name,
so forms show them next to the field and the importer next to the column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from cchc.core.events import diff, record
from cchc.org.models import HeadKind, Jurisdiction, Official, Unit, UnitHead, UnitKind
from cchc.org.queries import can_write_units, jurisdictions_for, official_units_for, officials_for, units_for

UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "abbreviation",
    "kind",
    "jurisdiction",
    "parent",
    "email",
    "phone",
    "address",
    "valid_from",
    "valid_to",
)
OFFICIAL_FIELDS = ("code", "full_name", "position", "unit", "email", "phone", "is_active")

ONE_DAY = dt.timedelta(days=1)


def today() -> dt.date:
    return timezone.localdate()


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _is_user(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False))


class _Errors:
    """Collects field errors so one call reports every problem, not just the first."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


# --- snapshots for the audit diff ----------------------------------------------------------------


def unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "abbreviation": unit.abbreviation,
        "kind": unit.kind,
        "jurisdiction": unit.jurisdiction.code if unit.jurisdiction_id else None,
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "email": unit.email,
        "phone": unit.phone,
        "address": unit.address,
        "valid_from": unit.valid_from.isoformat() if unit.valid_from else None,
        "valid_to": unit.valid_to.isoformat() if unit.valid_to else None,
        "replaced_by": unit.replaced_by.code if unit.replaced_by_id and unit.replaced_by else None,
    }


def official_snapshot(official: Official) -> dict[str, Any]:
    return {
        "code": official.code,
        "full_name": official.full_name,
        "position": official.position,
        "unit": official.unit.code if official.unit_id else None,
        "email": official.email,
        "phone": official.phone,
        "is_active": official.is_active,
    }


def head_snapshot(row: UnitHead) -> dict[str, Any]:
    return {
        "unit": row.unit.code,
        "official": row.official.code,
        "kind": row.kind,
        "valid_from": row.valid_from.isoformat() if row.valid_from else None,
        "valid_to": row.valid_to.isoformat() if row.valid_to else None,
    }


# --- units ---------------------------------------------------------------------------------------


def _clean_text(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    return "" if value is None else str(value).strip()


def _validate_unit(actor: Any, unit: Unit, *, is_new: bool) -> None:
    errors = _Errors()
    if not unit.code:
        errors.add("code", "Chưa nhập mã đơn vị.")
    elif len(unit.code) > 40:
        errors.add("code", "Mã đơn vị dài quá 40 ký tự.")
    else:
        clash = Unit.objects.filter(code=unit.code).exclude(pk=unit.pk).first()
        if clash is not None:
            errors.add("code", f"Mã đơn vị «{unit.code}» đã được dùng cho «{clash.name}».")
    if not unit.name:
        errors.add("name", "Chưa nhập tên đơn vị.")
    elif len(unit.name) > 255:
        errors.add("name", "Tên đơn vị dài quá 255 ký tự.")
    if len(unit.short_name) > 120:
        errors.add("short_name", "Tên ngắn dài quá 120 ký tự.")
    if len(unit.abbreviation) > 20:
        errors.add("abbreviation", "Chữ viết tắt dài quá 20 ký tự.")
    if unit.kind not in UnitKind.values:
        errors.add("kind", "Chưa chọn loại đơn vị hợp lệ.")
    if unit.email:
        try:
            validate_email(unit.email)
        except ValidationError:
            errors.add("email", f"Địa chỉ thư điện tử «{unit.email}» không hợp lệ.")
    if len(unit.phone) > 40:
        errors.add("phone", "Số điện thoại dài quá 40 ký tự.")
    if len(unit.address) > 255:
        errors.add("address", "Địa chỉ dài quá 255 ký tự.")
    if unit.valid_from and unit.valid_to and unit.valid_to < unit.valid_from:
        errors.add("valid_to", "Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")

    area: Jurisdiction | None = unit.jurisdiction if unit.jurisdiction_id else None
    if area is None:
        errors.add("jurisdiction", "Chưa chọn địa bàn.")
    elif _is_user(actor) and not jurisdictions_for(actor, write=True).filter(pk=area.pk).exists():
        errors.add("jurisdiction", f"Địa bàn «{area.name}» nằm ngoài phạm vi quản lý của bạn.")

    parent = unit.parent if unit.parent_id else None
    if parent is not None:
        if not is_new and (parent.pk == unit.pk or parent.path.startswith(unit.path)):
            errors.add(
                "parent",
                f"Không thể đặt «{parent.name}» làm đơn vị cấp trên: nó là chính đơn vị này hoặc "
                "đơn vị trực thuộc của nó (vòng lặp).",
            )
        elif _is_user(actor) and not units_for(actor, write=True).filter(pk=parent.pk).exists():
            errors.add("parent", f"Đơn vị cấp trên «{parent.name}» nằm ngoài phạm vi quản lý của bạn.")
        if area is not None and not area.path.startswith(parent.jurisdiction.path):
            errors.add(
                "parent",
                f"Đơn vị cấp trên «{parent.name}» thuộc địa bàn «{parent.jurisdiction.name}», "
                f"không bao gồm địa bàn «{area.name}» của đơn vị này.",
            )
        # A unit cannot outlive its parent: otherwise the tree on a later day has a dangling branch.
        if parent.valid_to and (unit.valid_to is None or unit.valid_to > parent.valid_to):
            errors.add(
                "parent",
                f"Đơn vị cấp trên «{parent.name}» hết hiệu lực ngày {fmt_date(parent.valid_to)}; "
                "chọn đơn vị cấp trên còn hiệu lực.",
            )

    if not is_new:
        for child in Unit.objects.filter(parent=unit).select_related("jurisdiction"):
            if area is not None and not child.jurisdiction.path.startswith(area.path):
                errors.add(
                    "jurisdiction",
                    f"Đơn vị trực thuộc «{child.name}» thuộc địa bàn «{child.jurisdiction.name}», "
                    "nằm ngoài địa bàn mới.",
                )
            if unit.valid_to and (child.valid_to is None or child.valid_to > unit.valid_to):
                errors.add(
                    "valid_to",
                    f"Đơn vị trực thuộc «{child.name}» còn hiệu lực sau ngày {fmt_date(unit.valid_to)}; "
                    "hãy giải thể, sáp nhập hoặc chuyển nó trước.",
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
            setattr(unit, name, _clean_text(fields, name))


def _require_unit_writable(actor: Any, unit: Unit) -> None:
    if _is_user(actor) and not units_for(actor, write=True).filter(pk=unit.pk).exists():
        raise PermissionDenied("Bạn không có quyền thay đổi đơn vị này.")


@transaction.atomic
def create_unit(actor: Any, fields: Mapping[str, Any]) -> Unit:
    if _is_user(actor) and not can_write_units(actor):
        raise PermissionDenied("Chỉ Thường trực CCHC (Phòng Nội vụ) được thêm đơn vị.")
    unit = Unit()
    _apply_unit_fields(unit, fields)
    _validate_unit(actor, unit, is_new=True)
    unit.save()
    record(
        actor,
        "org.unit.create",
        unit,
        summary=f"Thêm đơn vị {unit.name} ({unit.code})",
        data={"diff": diff({}, unit_snapshot(unit))},
    )
    return unit


@transaction.atomic
def update_unit(actor: Any, unit: Unit, fields: Mapping[str, Any]) -> list[str]:
    """Returns the changed field names (empty when nothing changed, and then nothing is recorded)."""
    _require_unit_writable(actor, unit)
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
        "org.unit.update",
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
                        f"{row.get_kind_display()} {row.official.full_name} của «{unit.name}» bắt đầu "
                        f"ngày {fmt_date(row.valid_from)}, sau ngày kết thúc; hãy sửa trước."
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
    _require_unit_writable(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.valid_to is not None and unit.valid_to <= last_day:
        raise ValidationError(
            {"last_day": [f"Đơn vị «{unit.name}» đã hết hiệu lực từ ngày {fmt_date(unit.valid_to)}."]}
        )
    if unit.valid_from and last_day < unit.valid_from:
        raise ValidationError(
            {"last_day": [f"Ngày kết thúc phải từ ngày bắt đầu hiệu lực {fmt_date(unit.valid_from)} trở đi."]}
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
        "org.unit.close",
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
    errors = _Errors()
    source_ids = [u.pk for u in sources]
    if not sources:
        errors.add("sources", "Chưa chọn đơn vị bị sáp nhập.")
    if len(set(source_ids)) != len(source_ids):
        errors.add("sources", "Một đơn vị được chọn hai lần.")
    if target.pk in source_ids:
        errors.add("target", "Đơn vị nhận sáp nhập không được là một trong các đơn vị bị sáp nhập.")
    for unit in [*sources, target]:
        _require_unit_writable(actor, unit)
    locked = list(Unit.objects.select_for_update().filter(pk__in=source_ids).select_related("jurisdiction"))
    target = Unit.objects.select_for_update().select_related("jurisdiction").get(pk=target.pk)
    if not target.is_valid_on(on):
        errors.add(
            "target", f"Đơn vị nhận sáp nhập «{target.name}» không có hiệu lực vào ngày {fmt_date(on)}."
        )
    for src in locked:
        if src.valid_to is not None and src.valid_to <= last_day:
            errors.add("sources", f"Đơn vị «{src.name}» đã hết hiệu lực từ ngày {fmt_date(src.valid_to)}.")
        if src.valid_from and src.valid_from > last_day:
            errors.add(
                "on",
                f"Đơn vị «{src.name}» bắt đầu hiệu lực ngày {fmt_date(src.valid_from)}, sau ngày sáp nhập.",
            )
        if target.path.startswith(src.path):
            errors.add(
                "target",
                f"Đơn vị nhận sáp nhập «{target.name}» đang trực thuộc «{src.name}»; không thể sáp nhập vào "
                "đơn vị cấp dưới của chính nó.",
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
                f"Đơn vị trực thuộc «{child.name}» thuộc địa bàn «{child.jurisdiction.name}», "
                f"không nằm trong địa bàn của «{target.name}»; hãy sáp nhập hoặc chuyển nó trước.",
            )
    if target.valid_to is not None:
        for child in children:
            if child.valid_to is None or child.valid_to > target.valid_to:
                errors.add(
                    "target",
                    f"«{target.name}» hết hiệu lực ngày {fmt_date(target.valid_to)}, trước đơn vị trực thuộc "
                    f"«{child.name}» sẽ chuyển sang.",
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
            "org.unit.update",
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
            "org.unit.merge",
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
    _require_unit_writable(actor, unit)
    reasons = []
    if Official.objects.filter(unit=unit).exists():
        reasons.append("đã có cán bộ")
    if UnitHead.objects.filter(unit=unit).exists():
        reasons.append("đã có người đứng đầu")
    if Unit.objects.filter(parent=unit).exists():
        reasons.append("có đơn vị trực thuộc")
    if Unit.objects.filter(replaced_by=unit).exists():
        reasons.append("đã nhận sáp nhập đơn vị khác")
    if unit.replaced_by_id:
        reasons.append("đã sáp nhập vào đơn vị khác")
    if reasons:
        raise ValidationError(
            f"Không thể xoá «{unit.name}» vì đơn vị {', '.join(reasons)}. Hãy dùng «Giải thể» để lưu lịch sử."
        )
    snapshot = unit_snapshot(unit)
    pk = unit.pk
    try:
        with transaction.atomic():
            unit.delete()
    except ProtectedError as exc:
        raise ValidationError(
            f"Không thể xoá «{unit.name}» vì đơn vị đã có dữ liệu nghiệp vụ. Hãy dùng «Giải thể»."
        ) from exc
    record(
        actor,
        "org.unit.delete",
        None,
        object_type="org.unit",
        object_id=str(pk),
        summary=f"Xoá đơn vị nhập nhầm {snapshot['name']} ({snapshot['code']})",
        data={"diff": diff(snapshot, {k: None for k in snapshot})},
    )


# --- officials -----------------------------------------------------------------------------------


def _validate_official(actor: Any, official: Official, *, unit_changed: bool) -> None:
    errors = _Errors()
    if not official.code:
        errors.add("code", "Chưa nhập mã cán bộ.")
    elif len(official.code) > 40:
        errors.add("code", "Mã cán bộ dài quá 40 ký tự.")
    else:
        clash = Official.objects.filter(code=official.code).exclude(pk=official.pk).first()
        if clash is not None:
            errors.add("code", f"Mã cán bộ «{official.code}» đã được dùng cho «{clash.full_name}».")
    if not official.full_name:
        errors.add("full_name", "Chưa nhập họ và tên.")
    elif len(official.full_name) > 200:
        errors.add("full_name", "Họ và tên dài quá 200 ký tự.")
    if len(official.position) > 200:
        errors.add("position", "Chức vụ dài quá 200 ký tự.")
    if official.email:
        try:
            validate_email(official.email)
        except ValidationError:
            errors.add("email", f"Địa chỉ thư điện tử «{official.email}» không hợp lệ.")
    if len(official.phone) > 40:
        errors.add("phone", "Số điện thoại dài quá 40 ký tự.")
    unit = official.unit if official.unit_id else None
    if unit is None:
        errors.add("unit", "Chưa chọn đơn vị.")
    elif unit_changed:
        if _is_user(actor) and not official_units_for(actor).filter(pk=unit.pk).exists():
            errors.add("unit", f"Đơn vị «{unit.name}» nằm ngoài phạm vi quản lý của bạn.")
        elif unit.valid_to is not None and unit.valid_to < today():
            errors.add("unit", f"Đơn vị «{unit.name}» đã hết hiệu lực từ ngày {fmt_date(unit.valid_to)}.")
        elif official.pk:
            for row in _open_headships(official, today()):
                if unit.pk not in (row.unit_id, row.unit.parent_id):
                    errors.add(
                        "unit",
                        f"Cán bộ đang là {row.get_kind_display().lower()} của «{row.unit.name}»; "
                        "hãy kết thúc việc đó trước khi chuyển đơn vị.",
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
            setattr(official, name, _clean_text(fields, name))


@transaction.atomic
def create_official(actor: Any, fields: Mapping[str, Any]) -> Official:
    official = Official(is_active=True)
    _apply_official_fields(official, fields)
    _validate_official(actor, official, unit_changed=True)
    official.save()
    record(
        actor,
        "org.official.create",
        official,
        summary=f"Thêm cán bộ {official.full_name} ({official.code}) vào {official.unit.name}",
        data={"diff": diff({}, official_snapshot(official))},
    )
    return official


def _require_official_writable(actor: Any, official: Official) -> None:
    if _is_user(actor) and not officials_for(actor, write=True).filter(pk=official.pk).exists():
        raise PermissionDenied("Bạn không có quyền thay đổi cán bộ này.")


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
        "org.official.update",
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
        raise ValidationError({"last_day": [f"Cán bộ {official.full_name} đã thôi công tác."]})
    before = official_snapshot(official)
    closed = _end_official_headships(official, last_day)
    official.is_active = False
    official.save(update_fields=["is_active"])
    record(
        actor,
        "org.official.deactivate",
        official,
        summary=f"Cán bộ {official.full_name} ({official.code}) thôi công tác tại {official.unit.name} "
        f"từ sau ngày {fmt_date(last_day)}" + (f": {note}" if note else ""),
        data={"diff": diff(before, official_snapshot(official)), "heads_closed": closed, "note": note},
    )
    return official


# --- heads ---------------------------------------------------------------------------------------


def head_candidates(unit: Unit) -> Any:
    """Who may head a unit: an active official of the unit itself or of its parent unit
    (e.g. the ward chairman heads the ward's one-stop office)."""
    ids = [unit.pk] + ([unit.parent_id] if unit.parent_id else [])
    return Official.objects.filter(unit_id__in=ids, is_active=True)


@transaction.atomic
def set_head(
    actor: Any, unit: Unit, official: Official, *, kind: str, valid_from: dt.date, note: str = ""
) -> UnitHead:
    """Appoint a head or acting head from ``valid_from``; the previous row of that kind is closed the day
    before. Appointing a head also ends any acting headship (the vacancy it covered is filled)."""
    _require_unit_writable(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    errors = _Errors()
    if kind not in HeadKind.values:
        errors.add("kind", "Chưa chọn hình thức (người đứng đầu hay phụ trách/quyền).")
    if not unit.is_valid_on(valid_from):
        errors.add("valid_from", f"Đơn vị «{unit.name}» không có hiệu lực vào ngày {fmt_date(valid_from)}.")
    if not official.is_active:
        errors.add("official", f"Cán bộ {official.full_name} đã thôi công tác.")
    if official.unit_id not in (unit.pk, unit.parent_id):
        errors.add(
            "official",
            f"{official.full_name} là cán bộ của «{official.unit.name}», không phải của «{unit.name}» hoặc "
            "đơn vị cấp trên trực tiếp của nó.",
        )
    kinds_to_close = [kind] + ([HeadKind.ACTING] if kind == HeadKind.HEAD else [])
    previous = list(
        UnitHead.objects.filter(unit=unit, kind__in=kinds_to_close)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
        .select_related("official")
    )
    for row in previous:
        if row.official_id == official.pk and row.kind == kind:
            errors.add(
                "official", f"{official.full_name} đã là {row.get_kind_display().lower()} của đơn vị này."
            )
        elif row.valid_from and row.valid_from >= valid_from:
            errors.add(
                "valid_from",
                f"{row.official.full_name} là {row.get_kind_display().lower()} từ ngày "
                f"{fmt_date(row.valid_from)}; ngày bắt đầu mới phải sau ngày đó.",
            )
    errors.raise_if_any()
    closed = []
    for row in previous:
        before = head_snapshot(row)
        row.valid_to = valid_from - ONE_DAY
        row.save(update_fields=["valid_to"])
        closed.append({"id": row.pk, "diff": diff(before, head_snapshot(row))})
    new = UnitHead.objects.create(unit=unit, official=official, kind=kind, valid_from=valid_from)
    record(
        actor,
        "org.head.set",
        new,
        summary=f"Giao {official.full_name} làm {new.get_kind_display().lower()} {unit.name} từ ngày "
        f"{fmt_date(valid_from)}" + (f": {note}" if note else ""),
        data={"diff": diff({}, head_snapshot(new)), "heads_closed": closed, "note": note},
    )
    return new


@transaction.atomic
def end_headship(actor: Any, row: UnitHead, *, last_day: dt.date, note: str = "") -> UnitHead:
    _require_unit_writable(actor, row.unit)
    row = UnitHead.objects.select_for_update().select_related("unit", "official").get(pk=row.pk)
    if row.valid_to is not None and row.valid_to <= last_day:
        raise ValidationError({"last_day": [f"Việc này đã kết thúc ngày {fmt_date(row.valid_to)}."]})
    if row.valid_from and last_day < row.valid_from:
        raise ValidationError(
            {"last_day": [f"Ngày kết thúc phải từ ngày bắt đầu {fmt_date(row.valid_from)} trở đi."]}
        )
    before = head_snapshot(row)
    row.valid_to = last_day
    row.save(update_fields=["valid_to"])
    record(
        actor,
        "org.head.end",
        row,
        summary=f"Kết thúc {row.get_kind_display().lower()} {row.unit.name} của {row.official.full_name} "
        f"ngày {fmt_date(last_day)}" + (f": {note}" if note else ""),
        data={"diff": diff(before, head_snapshot(row)), "note": note},
    )
    return row
