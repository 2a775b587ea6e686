"""Who heads a unit: the candidates, a headship set (ending the one it replaces) and ended."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from cchc.core.events import diff, record
from cchc.org.actions.common import ONE_DAY, FieldErrors, fmt_date, head_snapshot
from cchc.org.actions.units import require_unit_writable
from cchc.org.audit_events import OrgEvents
from cchc.org.models import HeadKind, Official, Unit, UnitHead

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
    require_unit_writable(actor, unit)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    errors = FieldErrors()
    if kind not in HeadKind.values:
        errors.add("kind", gettext("Chưa chọn hình thức (người đứng đầu hay phụ trách/quyền)."))
    if not unit.is_valid_on(valid_from):
        errors.add(
            "valid_from",
            gettext("Đơn vị «%(unit)s» không có hiệu lực vào ngày %(day)s.")
            % {"unit": unit.name, "day": fmt_date(valid_from)},
        )
    if not official.is_active:
        errors.add("official", gettext("Cán bộ %(name)s đã thôi công tác.") % {"name": official.full_name})
    if official.unit_id not in (unit.pk, unit.parent_id):
        errors.add(
            "official",
            gettext(
                "%(name)s là cán bộ của «%(own)s», không phải của "
                "«%(unit)s» hoặc đơn vị cấp trên trực tiếp của nó."
            )
            % {"name": official.full_name, "own": official.unit.name, "unit": unit.name},
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
                "official",
                gettext("%(name)s đã là %(kind)s của đơn vị này.")
                % {"name": official.full_name, "kind": gettext(row.get_kind_display()).lower()},
            )
        elif row.valid_from and row.valid_from >= valid_from:
            errors.add(
                "valid_from",
                gettext("%(name)s là %(kind)s từ ngày %(day)s; ngày bắt đầu mới phải sau ngày đó.")
                % {
                    "name": row.official.full_name,
                    "kind": gettext(row.get_kind_display()).lower(),
                    "day": fmt_date(row.valid_from),
                },
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
        OrgEvents.HEAD_SET,
        new,
        summary=f"Giao {official.full_name} làm {new.get_kind_display().lower()} {unit.name} từ ngày "
        f"{fmt_date(valid_from)}" + (f": {note}" if note else ""),
        data={"diff": diff({}, head_snapshot(new)), "heads_closed": closed, "note": note},
    )
    return new


@transaction.atomic
def end_headship(actor: Any, row: UnitHead, *, last_day: dt.date, note: str = "") -> UnitHead:
    require_unit_writable(actor, row.unit)
    row = UnitHead.objects.select_for_update().select_related("unit", "official").get(pk=row.pk)
    if row.valid_to is not None and row.valid_to <= last_day:
        raise ValidationError(
            {"last_day": [gettext("Việc này đã kết thúc ngày %(day)s.") % {"day": fmt_date(row.valid_to)}]}
        )
    if row.valid_from and last_day < row.valid_from:
        raise ValidationError(
            {
                "last_day": [
                    gettext("Ngày kết thúc phải từ ngày bắt đầu %(day)s trở đi.")
                    % {"day": fmt_date(row.valid_from)}
                ]
            }
        )
    before = head_snapshot(row)
    row.valid_to = last_day
    row.save(update_fields=["valid_to"])
    record(
        actor,
        OrgEvents.HEAD_END,
        row,
        summary=f"Kết thúc {row.get_kind_display().lower()} {row.unit.name} của {row.official.full_name} "
        f"ngày {fmt_date(last_day)}" + (f": {note}" if note else ""),
        data={"diff": diff(before, head_snapshot(row)), "note": note},
    )
    return row
