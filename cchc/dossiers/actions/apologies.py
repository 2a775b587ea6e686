"""Apology letters for late dossiers: when one is due, what blocks it, and issuing it.

Each function checks the actor's right, changes the rows in one transaction, writes the audit row
(``cchc.core.events.record``) and a ``DossierEvent``. Errors are ``ScreenActionError`` with a
Vietnamese message that names the dossier, and change nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.calendar.queries import work_calendar_for
from cchc.core.events import record
from cchc.dossiers import status_messages
from cchc.dossiers.actions.common import ScreenActionError, actor_name, dmy
from cchc.dossiers.audit_events import DossiersEvents
from cchc.dossiers.letters import APOLOGY_EVENT, LetterChoices, form_for
from cchc.dossiers.models import Apology, Dossier, DossierEvent, Outcome, Status
from cchc.dossiers.queries import dossiers_for
from cchc.org.models import Unit


class ApologyRefused(ScreenActionError):
    pass


# --- apology letters ---------------------------------------------------------------------------


def deadline_of(dossier: Dossier) -> dt.datetime | None:
    """The appointment in force: shifted by supplement time where the ledger says so
    (docs/rules/dossier-deadlines.md)."""
    return dossier.effective_appointment_at or dossier.appointment_at


def notice_in_working_days() -> bool:
    # UNCONFIRMED whether "một ngày" counts working days: default to the working day (a letter cannot go
    # out of a closed office); False counts plain calendar days, the texts' literal wording.
    return bool(getattr(settings, "CCHC_APOLOGY_NOTICE_WORKING_DAYS", True))


def notice_due(dossier: Dossier) -> dt.date | None:
    """The last day to send the apology: one day before the deadline.

    docs/rules/late-dossiers.md (ND 61 and ND 118 era, three sources agree): "chậm nhất một ngày trước
    ngày hết hạn". With working days (the default), the day before is moved back to the last working day of
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
    values = {
        "code": dossier.code,
        "number": apology.number,
        "issued": dmy(apology.issued_at),
        "appointment": dmy(apology.new_appointment_at),
    }
    if apology.number:
        first = gettext(
            "Hồ sơ %(code)s đã có phiếu xin lỗi số %(number)s ban hành ngày %(issued)s, hẹn trả kết quả ngày "
            "%(appointment)s."
        )
    else:
        first = gettext(
            "Hồ sơ %(code)s đã có phiếu xin lỗi ban hành ngày %(issued)s, hẹn trả kết quả ngày "
            "%(appointment)s."
        )
    rule = gettext(
        "Theo quy định, việc hẹn lại ngày trả kết quả chỉ được thực hiện không quá một lần, nên không thể "
        "ban hành phiếu xin lỗi thứ hai."
    )
    return f"{first % values} {rule}"


def apology_blocker(dossier: Dossier) -> str:
    """Why no apology may be issued for this dossier now, or "" when one may."""
    existing = Apology.objects.filter(dossier=dossier).order_by("issued_at").first()
    if existing is not None:
        # docs/rules/late-dossiers.md: "Việc hẹn lại ngày trả kết quả được thực hiện không quá một lần."
        return existing_apology_message(dossier, existing)
    if dossier.status in (Status.SUBMITTED, Status.REFUSED):
        return gettext(
            "Hồ sơ %(code)s chưa được tiếp nhận nên không có ngày hẹn trả để xin lỗi và hẹn lại."
        ) % {"code": dossier.code}
    if dossier.outcome in (Outcome.EARLY, Outcome.ON_TIME):
        verdict = gettext(dossier.get_outcome_display()).lower()
        return gettext("Hồ sơ %(code)s đã được giải quyết %(verdict)s; không cần phiếu xin lỗi.") % {
            "code": dossier.code,
            "verdict": verdict,
        }
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
    """Record an apology letter with its one new appointment (docs/rules/late-dossiers.md;
    docs/rules/late-dossiers.md)."""
    now = now or timezone.now()
    reason = reason.strip()
    if not reason:
        raise ApologyRefused(
            gettext("Lý do trễ hạn: cần ghi rõ lý do (quy định bắt buộc nêu lý do quá hạn).")
        )
    with transaction.atomic():
        if not dossiers_for(actor, write=True).filter(pk=dossier.pk).exists():
            raise ApologyRefused(
                gettext(
                    "Bạn không có quyền ban hành phiếu xin lỗi cho hồ sơ %(code)s: chỉ Bộ phận một cửa và "
                    "thủ trưởng, công chức của đơn vị giải quyết hồ sơ được ban hành."
                )
                % {"code": dossier.code}
            )
        # The row lock makes the one-apology rule hold when two officers press the button at once.
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        blocker = apology_blocker(locked)
        if blocker:
            raise ApologyRefused(blocker)
        deadline = deadline_of(locked)
        if new_appointment_at <= now:
            raise ApologyRefused(gettext("Ngày hẹn trả mới: phải sau thời điểm ban hành phiếu."))
        if deadline is not None and new_appointment_at <= deadline:
            raise ApologyRefused(
                gettext("Ngày hẹn trả mới: phải sau ngày hẹn trả hiện tại (%(deadline)s) của hồ sơ %(code)s.")
                % {"deadline": dmy(deadline), "code": locked.code}
            )
        if responsible_unit is None and not responsible_unit_name.strip():
            raise ApologyRefused(
                gettext("Đơn vị để xảy ra trễ hạn: chọn một đơn vị hoặc ghi tên cơ quan liên thông.")
            )
        warnings: list[str] = []
        late_notice = notice_is_late(locked, now)
        if late_notice:
            due = notice_due(locked)
            warnings.append(
                gettext(
                    "Phiếu xin lỗi được ban hành sau thời hạn: theo quy định phải gửi chậm nhất một ngày "
                    "trước ngày hết hạn, tức là ngày %(due)s."
                )
                % {"due": f"{due:%d/%m/%Y}"}
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
            actor_name=actor_name(actor),
            kind=APOLOGY_EVENT,
            data=data,
        )
        record(
            actor,
            DossiersEvents.APOLOGY_ISSUED,
            apology,
            summary=f"Ban hành phiếu xin lỗi hồ sơ {locked.code}, hẹn lại ngày {dmy(new_appointment_at)}",
            data={k: v for k, v in data.items() if k != "letter"} | {"dossier": locked.code},
        )
        status_messages.queue_apology(locked, apology)
    return IssuedApology(apology, warnings)
