"""The monthly list of late dossiers: drafted by the Office, approved (and published) by a leader,
published or withdrawn with a reason."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.core.roles import Role
from cchc.dossiers.actions.common import ScreenActionError
from cchc.dossiers.audit_events import DossiersEvents
from cchc.dossiers.models import LateList, LateListStatus
from cchc.dossiers.rankings import late_list_rows, late_lists_for
from cchc.org.queries import user_jurisdiction


class LateListError(ScreenActionError):
    pass


# --- monthly late list -------------------------------------------------------------------------


def _month_label(month: dt.date) -> str:
    return f"{month.month:02d}/{month.year}"


def _lock_list(actor: Any, late_list: LateList) -> LateList:
    locked = late_lists_for(actor).select_for_update(of=("self",)).filter(pk=late_list.pk).first()
    if locked is None:
        raise LateListError(gettext("Không tìm thấy danh sách này trong phạm vi của bạn."))
    return locked


def draft_late_list(actor: Any, month: dt.date, *, note: str = "", today: dt.date | None = None) -> LateList:
    """The Office drafts (or re-drafts) the month's list from the month's data."""
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.OFFICE):
        raise LateListError(gettext("Chỉ Văn phòng HĐND và UBND được lập dự thảo danh sách trễ hạn."))
    area = user_jurisdiction(actor)
    if area is None:
        raise LateListError(gettext("Tài khoản của bạn chưa được gắn với địa bàn nào."))
    month = month.replace(day=1)
    today = today or timezone.localdate()
    next_month = (month + dt.timedelta(days=32)).replace(day=1)
    if next_month > today:
        raise LateListError(
            gettext("Tháng %(month)s chưa kết thúc: chỉ lập danh sách cho tháng đã qua.")
            % {"month": _month_label(month)}
        )
    rows = late_list_rows(area, month)
    with transaction.atomic():
        existing = LateList.objects.select_for_update().filter(jurisdiction=area, month=month).first()
        if existing is not None and existing.status in (LateListStatus.APPROVED, LateListStatus.PUBLISHED):
            raise LateListError(
                gettext("Danh sách tháng %(month)s đã được phê duyệt; cần thu hồi trước khi lập lại.")
                % {"month": _month_label(month)}
            )
        now = timezone.now()
        fields = {
            "status": LateListStatus.DRAFT,
            "rows": rows,
            "note": note.strip(),
            "drafted_by": actor,
            "drafted_at": now,
            "approved_by": None,
            "approved_at": None,
            "published_at": None,
        }
        if existing is None:
            late_list = LateList.objects.create(jurisdiction=area, month=month, **fields)
            verb = DossiersEvents.LATELIST_DRAFTED
        else:
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.save()
            late_list = existing
            verb = DossiersEvents.LATELIST_REDRAFTED
        record(
            actor,
            verb,
            late_list,
            summary=f"Lập dự thảo danh sách đơn vị, cá nhân có hồ sơ trễ hạn tháng {_month_label(month)}",
            data={"month": month.isoformat(), "rows": len(rows)},
        )
    return late_list


def approve_late_list(actor: Any, late_list: LateList, *, publish: bool = True) -> LateList:
    """A leader approves the draft; by default the approved list goes on the public site at once."""
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.LEADER):
        raise LateListError(gettext("Chỉ lãnh đạo UBND được phê duyệt danh sách trễ hạn."))
    with transaction.atomic():
        locked = _lock_list(actor, late_list)
        if locked.status != LateListStatus.DRAFT:
            raise LateListError(
                gettext(
                    "Danh sách tháng %(month)s đang ở trạng thái “%(status)s”, không phải dự thảo, nên không "
                    "phê duyệt được."
                )
                % {"month": _month_label(locked.month), "status": gettext(locked.get_status_display())}
            )
        now = timezone.now()
        locked.status = LateListStatus.APPROVED
        locked.approved_by = actor
        locked.approved_at = now
        locked.save(update_fields=["status", "approved_by", "approved_at"])
        record(
            actor,
            DossiersEvents.LATELIST_APPROVED,
            locked,
            summary=f"Phê duyệt danh sách trễ hạn tháng {_month_label(locked.month)}",
        )
        if publish:
            _publish(actor, locked, now)
    return locked


def _publish(actor: Any, locked: LateList, now: dt.datetime) -> None:
    locked.status = LateListStatus.PUBLISHED
    locked.published_at = now
    locked.save(update_fields=["status", "published_at"])
    record(
        actor,
        DossiersEvents.LATELIST_PUBLISHED,
        locked,
        summary=f"Công khai danh sách trễ hạn tháng {_month_label(locked.month)} trên Cổng thông tin",
    )


def publish_late_list(actor: Any, late_list: LateList) -> LateList:
    if not (
        getattr(actor, "is_superuser", False) or getattr(actor, "role", "") in (Role.LEADER, Role.OFFICE)
    ):
        raise LateListError(
            gettext("Chỉ lãnh đạo UBND hoặc Văn phòng được công khai danh sách đã phê duyệt.")
        )
    with transaction.atomic():
        locked = _lock_list(actor, late_list)
        if locked.status != LateListStatus.APPROVED:
            raise LateListError(
                gettext(
                    "Danh sách tháng %(month)s chưa được phê duyệt (hoặc đã công khai, đã thu hồi), nên "
                    "không công khai được."
                )
                % {"month": _month_label(locked.month)}
            )
        _publish(actor, locked, timezone.now())
    return locked


def withdraw_late_list(actor: Any, late_list: LateList, *, reason: str) -> LateList:
    """A leader withdraws an approved or published list, giving the reason (kept in the audit trail)."""
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.LEADER):
        raise LateListError(gettext("Chỉ lãnh đạo UBND được thu hồi danh sách trễ hạn."))
    reason = reason.strip()
    if len(reason) < 5:
        raise LateListError(gettext("Lý do thu hồi: cần ghi rõ lý do (ít nhất 5 ký tự)."))
    with transaction.atomic():
        locked = _lock_list(actor, late_list)
        if locked.status not in (LateListStatus.APPROVED, LateListStatus.PUBLISHED):
            raise LateListError(
                gettext("Danh sách tháng %(month)s chưa được phê duyệt nên không có gì để thu hồi.")
                % {"month": _month_label(locked.month)}
            )
        was_public = locked.status == LateListStatus.PUBLISHED
        locked.status = LateListStatus.WITHDRAWN
        locked.save(update_fields=["status"])
        record(
            actor,
            DossiersEvents.LATELIST_WITHDRAWN,
            locked,
            summary=f"Thu hồi danh sách trễ hạn tháng {_month_label(locked.month)}: {reason}",
            data={"reason": reason, "was_public": was_public},
        )
    return locked
