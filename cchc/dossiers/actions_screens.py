"""State changes made from the dossier screens: apology letters and the monthly late list.

Each function checks the actor's right, changes the rows in one transaction, writes the audit row
(``cchc.core.events.record``) and, for a dossier, a ``DossierEvent``. Errors are ``ScreenActionError``
with a Vietnamese message that names the dossier or the list, and change nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from cchc.calendar.queries import work_calendar_for
from cchc.core.events import record
from cchc.core.roles import Role
from cchc.dossiers.letters import APOLOGY_EVENT, LetterChoices, form_for
from cchc.dossiers.models import (
    Apology,
    Dossier,
    DossierEvent,
    LateList,
    LateListStatus,
    Outcome,
    Status,
)
from cchc.dossiers.queries import dossiers_for
from cchc.dossiers.rankings import late_list_rows, late_lists_for
from cchc.org.models import Unit
from cchc.org.queries import user_jurisdiction


class ScreenActionError(Exception):
    """A refusal with a message for the person (Vietnamese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ApologyRefused(ScreenActionError):
    pass


class LateListError(ScreenActionError):
    pass


def _name(actor: Any) -> str:
    return (
        (actor.get_full_name() or actor.get_username()) if getattr(actor, "is_authenticated", False) else ""
    )


def _d(value: dt.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else "—"


# --- apology letters ---------------------------------------------------------------------------


def deadline_of(dossier: Dossier) -> dt.datetime | None:
    """The appointment in force: shifted by supplement time where the ledger says so (rules-vn §1.6)."""
    return dossier.effective_appointment_at or dossier.appointment_at


def notice_in_working_days() -> bool:
    # UNCONFIRMED whether "một ngày" counts working days: default to the working day (a letter cannot go
    # out of a closed office); False counts plain calendar days, the texts' literal wording.
    return bool(getattr(settings, "CCHC_APOLOGY_NOTICE_WORKING_DAYS", True))


def notice_due(dossier: Dossier) -> dt.date | None:
    """The last day to send the apology: one day before the deadline.

    rules-vn-texts §a1 (ND 61, three sources agree) and §b2 (ND 118 era): "chậm nhất một ngày trước ngày
    hết hạn". With working days (the default), the day before is moved back to the last working day of
    the handling unit's calendar (a Monday deadline → the Friday before). A letter sent later is still
    issued, with a warning.
    """
    deadline = deadline_of(dossier)
    if deadline is None:
        return None
    day_before = timezone.localtime(deadline).date() - dt.timedelta(days=1)
    if not notice_in_working_days():
        return day_before
    calendar = work_calendar_for(dossier.handling_unit.jurisdiction)
    return calendar.previous_working_day(day_before)


def notice_is_late(dossier: Dossier, when: dt.datetime) -> bool:
    due = notice_due(dossier)
    return due is not None and timezone.localtime(when).date() > due


def existing_apology_message(dossier: Dossier, apology: Apology) -> str:
    number = f" số {apology.number}" if apology.number else ""
    return (
        f"Hồ sơ {dossier.code} đã có phiếu xin lỗi{number} ban hành ngày {_d(apology.issued_at)}, hẹn trả "
        f"kết quả ngày {_d(apology.new_appointment_at)}. Theo quy định, việc hẹn lại ngày trả kết quả chỉ "
        "được thực hiện không quá một lần, nên không thể ban hành phiếu xin lỗi thứ hai."
    )


def apology_blocker(dossier: Dossier) -> str:
    """Why no apology may be issued for this dossier now, or "" when one may."""
    existing = Apology.objects.filter(dossier=dossier).order_by("issued_at").first()
    if existing is not None:
        # rules-vn-texts §a1, §b2: "Việc hẹn lại ngày trả kết quả được thực hiện không quá một lần."
        return existing_apology_message(dossier, existing)
    if dossier.status in (Status.SUBMITTED, Status.REFUSED):
        return f"Hồ sơ {dossier.code} chưa được tiếp nhận nên không có ngày hẹn trả để xin lỗi và hẹn lại."
    if dossier.outcome in (Outcome.EARLY, Outcome.ON_TIME):
        verdict = dossier.get_outcome_display().lower()
        return f"Hồ sơ {dossier.code} đã được giải quyết {verdict}; không cần phiếu xin lỗi."
    return ""


@dataclass
class IssuedApology:
    apology: Apology
    warnings: list[str] = field(default_factory=list)


def issue_apology(
    actor: Any,
    dossier: Dossier,
    *,
    reason: str,
    new_appointment_at: dt.datetime,
    choices: LetterChoices,
    responsible_unit: Unit | None = None,
    responsible_unit_name: str = "",
    now: dt.datetime | None = None,
) -> IssuedApology:
    """Record an apology letter with its one new appointment (rules-vn §1.5; rules-vn-texts §a1, §b2)."""
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ApologyRefused("Lý do trễ hạn: cần ghi rõ lý do (quy định bắt buộc nêu lý do quá hạn).")
    with transaction.atomic():
        if not dossiers_for(actor, write=True).filter(pk=dossier.pk).exists():
            raise ApologyRefused(
                f"Bạn không có quyền ban hành phiếu xin lỗi cho hồ sơ {dossier.code}: chỉ Bộ phận một cửa "
                "và thủ trưởng, công chức của đơn vị giải quyết hồ sơ được ban hành."
            )
        # The row lock makes the one-apology rule hold when two officers press the button at once.
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        blocker = apology_blocker(locked)
        if blocker:
            raise ApologyRefused(blocker)
        deadline = deadline_of(locked)
        if new_appointment_at <= now:
            raise ApologyRefused("Ngày hẹn trả mới: phải sau thời điểm ban hành phiếu.")
        if deadline is not None and new_appointment_at <= deadline:
            raise ApologyRefused(
                f"Ngày hẹn trả mới: phải sau ngày hẹn trả hiện tại ({_d(deadline)}) của hồ sơ {locked.code}."
            )
        if responsible_unit is None and not responsible_unit_name.strip():
            raise ApologyRefused("Đơn vị để xảy ra trễ hạn: chọn một đơn vị hoặc ghi tên cơ quan liên thông.")
        warnings: list[str] = []
        late_notice = notice_is_late(locked, now)
        if late_notice:
            due = notice_due(locked)
            warnings.append(
                "Phiếu xin lỗi được ban hành sau thời hạn: theo quy định phải gửi chậm nhất một ngày "
                f"trước ngày hết hạn, tức là ngày {due:%d/%m/%Y}."
            )
        apology = Apology.objects.create(
            dossier=locked,
            form=form_for(locked),
            number=choices.number.strip(),
            issued_at=now,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            responsible_unit=responsible_unit,
            responsible_unit_name=(
                responsible_unit.name if responsible_unit else responsible_unit_name.strip()
            ),
            reason=reason,
            previous_appointment_at=deadline,
            new_appointment_at=new_appointment_at,
        )
        data = {
            "apology": apology.pk,
            "form": apology.form,
            "number": apology.number,
            "previous_appointment_at": deadline.isoformat() if deadline else None,
            "new_appointment_at": new_appointment_at.isoformat(),
            "responsible_unit": apology.responsible_unit_name,
            "late_notice": late_notice,
            "letter": choices.as_dict(),
        }
        DossierEvent.objects.create(
            dossier=locked,
            actor=apology.issued_by,
            actor_name=_name(actor),
            kind=APOLOGY_EVENT,
            data=data,
        )
        record(
            actor,
            "dossiers.apology_issued",
            apology,
            summary=f"Ban hành phiếu xin lỗi hồ sơ {locked.code}, hẹn lại ngày {_d(new_appointment_at)}",
            data={k: v for k, v in data.items() if k != "letter"} | {"dossier": locked.code},
        )
    return IssuedApology(apology, warnings)


# --- monthly late list -------------------------------------------------------------------------


def _month_label(month: dt.date) -> str:
    return f"{month.month:02d}/{month.year}"


def _lock_list(actor: Any, late_list: LateList) -> LateList:
    locked = late_lists_for(actor).select_for_update(of=("self",)).filter(pk=late_list.pk).first()
    if locked is None:
        raise LateListError("Không tìm thấy danh sách này trong phạm vi của bạn.")
    return locked


def draft_late_list(actor: Any, month: dt.date, *, note: str = "", today: dt.date | None = None) -> LateList:
    """The Office drafts (or re-drafts) the month's list from the month's data."""
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.OFFICE):
        raise LateListError("Chỉ Văn phòng HĐND và UBND được lập dự thảo danh sách trễ hạn.")
    area = user_jurisdiction(actor)
    if area is None:
        raise LateListError("Tài khoản của bạn chưa được gắn với địa bàn nào.")
    month = month.replace(day=1)
    today = today or timezone.localdate()
    next_month = (month + dt.timedelta(days=32)).replace(day=1)
    if next_month > today:
        raise LateListError(f"Tháng {_month_label(month)} chưa kết thúc: chỉ lập danh sách cho tháng đã qua.")
    rows = late_list_rows(area, month)
    with transaction.atomic():
        existing = LateList.objects.select_for_update().filter(jurisdiction=area, month=month).first()
        if existing is not None and existing.status in (LateListStatus.APPROVED, LateListStatus.PUBLISHED):
            raise LateListError(
                f"Danh sách tháng {_month_label(month)} đã được phê duyệt; cần thu hồi trước khi lập lại."
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
            verb = "dossiers.latelist_drafted"
        else:
            for key, value in fields.items():
                setattr(existing, key, value)
            existing.save()
            late_list = existing
            verb = "dossiers.latelist_redrafted"
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
        raise LateListError("Chỉ lãnh đạo UBND được phê duyệt danh sách trễ hạn.")
    with transaction.atomic():
        locked = _lock_list(actor, late_list)
        if locked.status != LateListStatus.DRAFT:
            raise LateListError(
                f"Danh sách tháng {_month_label(locked.month)} đang ở trạng thái "
                f"“{locked.get_status_display()}”, không phải dự thảo, nên không phê duyệt được."
            )
        now = timezone.now()
        locked.status = LateListStatus.APPROVED
        locked.approved_by = actor
        locked.approved_at = now
        locked.save(update_fields=["status", "approved_by", "approved_at"])
        record(
            actor,
            "dossiers.latelist_approved",
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
        "dossiers.latelist_published",
        locked,
        summary=f"Công khai danh sách trễ hạn tháng {_month_label(locked.month)} trên Cổng thông tin",
    )


def publish_late_list(actor: Any, late_list: LateList) -> LateList:
    if not (
        getattr(actor, "is_superuser", False) or getattr(actor, "role", "") in (Role.LEADER, Role.OFFICE)
    ):
        raise LateListError("Chỉ lãnh đạo UBND hoặc Văn phòng được công khai danh sách đã phê duyệt.")
    with transaction.atomic():
        locked = _lock_list(actor, late_list)
        if locked.status != LateListStatus.APPROVED:
            raise LateListError(
                f"Danh sách tháng {_month_label(locked.month)} chưa được phê duyệt (hoặc đã công khai, "
                "đã thu hồi), nên không công khai được."
            )
        _publish(actor, locked, timezone.now())
    return locked


def withdraw_late_list(actor: Any, late_list: LateList, *, reason: str) -> LateList:
    """A leader withdraws an approved or published list, giving the reason (kept in the audit trail)."""
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", "") == Role.LEADER):
        raise LateListError("Chỉ lãnh đạo UBND được thu hồi danh sách trễ hạn.")
    reason = reason.strip()
    if len(reason) < 5:
        raise LateListError("Lý do thu hồi: cần ghi rõ lý do (ít nhất 5 ký tự).")
    with transaction.atomic():
        locked = _lock_list(actor, late_list)
        if locked.status not in (LateListStatus.APPROVED, LateListStatus.PUBLISHED):
            raise LateListError(
                f"Danh sách tháng {_month_label(locked.month)} chưa được phê duyệt "
                "nên không có gì để thu hồi."
            )
        was_public = locked.status == LateListStatus.PUBLISHED
        locked.status = LateListStatus.WITHDRAWN
        locked.save(update_fields=["status"])
        record(
            actor,
            "dossiers.latelist_withdrawn",
            locked,
            summary=f"Thu hồi danh sách trễ hạn tháng {_month_label(locked.month)}: {reason}",
            data={"reason": reason, "was_public": was_public},
        )
    return locked
