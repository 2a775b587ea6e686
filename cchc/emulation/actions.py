"""Every change to emulation rounds: the proposal from the data, the council's changes (a reason each),
the chair's approval that freezes the round, and the record of an export. Each writes a typed audit
event (``audit_events.EmulationEvents``); permission through ``queries``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.emulation import proposal
from cchc.emulation.audit_events import EmulationEvents
from cchc.emulation.conf import thresholds
from cchc.emulation.models import Change, Entry, Grade, Kind, Round, RoundStatus, Title
from cchc.emulation.queries import may_propose, round_access
from cchc.org.models import Jurisdiction

REASON_MAX = 2000


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _system(actor: Any) -> bool:
    """A string actor is a server-side job (the demo loader): the audit trail names it."""
    return isinstance(actor, str)


def _user(actor: Any) -> Any:
    return None if _system(actor) else actor


def _write_entries(rnd: Round, today: dt.date) -> int:
    rows = proposal.propose(rnd.jurisdiction, rnd.year, today)
    Entry.objects.bulk_create(
        [
            Entry(
                round=rnd,
                kind=p.kind,
                unit=p.unit,
                official=p.official,
                proposed_grade=p.grade,
                proposed_title=p.title,
                grade=p.grade,
                title=p.title,
                criteria=[c.as_dict() for c in p.criteria],
            )
            for p in rows
        ]
    )
    return len(rows)


@transaction.atomic
def propose(actor: Any, area: Jurisdiction, *, year: int, today: dt.date | None = None) -> Round:
    """The council's secretary proposes the year's classification from the data (once per year)."""
    _require(
        _system(actor) or may_propose(actor, area), gettext("Chỉ Phòng Nội vụ (thư ký Hội đồng) lập đề xuất.")
    )
    today = today or timezone.localdate()
    if not 2000 <= year <= today.year:
        raise ValidationError(
            {"year": gettext("Năm %(year)s không hợp lệ: chỉ xét từ năm 2000 đến năm nay.") % {"year": year}}
        )
    if Round.objects.filter(jurisdiction=area, year=year).exists():
        raise ValidationError({"year": gettext("Năm %(year)s đã có đề xuất.") % {"year": year}})
    first, last = proposal.period_of(year, today)
    rnd = Round.objects.create(
        jurisdiction=area,
        year=year,
        first_day=first,
        last_day=last,
        thresholds=thresholds(),
        proposed_by=_user(actor),
    )
    n = _write_entries(rnd, today)
    record(actor, EmulationEvents.PROPOSED, rnd, summary=f"Đề xuất xét thi đua năm {year}: {n} dòng")
    return rnd


@transaction.atomic
def recompute(actor: Any, rnd: Round, *, today: dt.date | None = None) -> Round:
    """Compute the proposal again from today's data, as long as the council has changed nothing."""
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    _require(
        _system(actor) or round_access(actor, rnd).adjust, gettext("Chỉ thư ký Hội đồng tính lại đề xuất.")
    )
    if rnd.frozen:
        raise ValidationError(gettext("Kết quả đã được phê duyệt: không tính lại."))
    if Change.objects.filter(entry__round=rnd).exists():
        raise ValidationError(
            gettext("Hội đồng đã điều chỉnh kết quả: không tính lại để giữ các điều chỉnh.")
        )
    today = today or timezone.localdate()
    rnd.entries.all().delete()
    rnd.first_day, rnd.last_day = proposal.period_of(rnd.year, today)
    rnd.thresholds = thresholds()
    rnd.save(update_fields=["first_day", "last_day", "thresholds"])
    n = _write_entries(rnd, today)
    record(actor, EmulationEvents.RECOMPUTED, rnd, summary=f"Tính lại đề xuất năm {rnd.year}: {n} dòng")
    return rnd


@transaction.atomic
def adjust(actor: Any, entry: Entry, *, grade: str, title: str, reason: str) -> Change:
    """A council change, recorded by its secretary: the new level and title, and why (compulsory)."""
    rnd = Round.objects.select_for_update().get(pk=entry.round_id)
    _require(
        _system(actor) or round_access(actor, rnd).adjust, gettext("Chỉ thư ký Hội đồng ghi điều chỉnh.")
    )
    if rnd.frozen:
        raise ValidationError(gettext("Kết quả đã được phê duyệt: không điều chỉnh được nữa."))
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    errors: dict[str, str] = {}
    if grade not in Grade.values:
        errors["grade"] = gettext("Mức xếp loại không hợp lệ.")
    if title not in Title.values:
        errors["title"] = gettext("Danh hiệu không hợp lệ.")
    elif entry.kind == Kind.HEAD and title:
        errors["title"] = gettext("Người đứng đầu chỉ được xếp loại; danh hiệu tập thể dành cho đơn vị.")
    elif title == Title.EXCELLENT and grade != Grade.EXCELLENT:
        errors["title"] = gettext("“Tập thể lao động xuất sắc” cần mức hoàn thành xuất sắc nhiệm vụ.")
    elif title == Title.ADVANCED and grade not in (Grade.EXCELLENT, Grade.GOOD):
        errors["title"] = gettext("“Tập thể lao động tiên tiến” cần mức hoàn thành tốt nhiệm vụ trở lên.")
    reason = " ".join((reason or "").replace("\x00", "").split())
    if not reason:
        errors["reason"] = gettext("Cần ghi lý do điều chỉnh của Hội đồng.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = gettext("Lý do dài quá %(n)s ký tự.") % {"n": REASON_MAX}
    if not errors and grade == entry.grade and title == entry.title:
        errors["grade"] = gettext("Không có thay đổi nào so với kết quả hiện tại.")
    if errors:
        raise ValidationError(errors)
    change = Change.objects.create(
        entry=entry,
        old_grade=entry.grade,
        new_grade=grade,
        old_title=entry.title,
        new_title=title,
        reason=reason,
        by=_user(actor),
    )
    entry.grade, entry.title = grade, title
    entry.save(update_fields=["grade", "title"])
    who = entry.official.full_name if entry.official is not None else entry.unit.name
    record(
        actor,
        EmulationEvents.ADJUSTED,
        entry,
        summary=f"{who}: {Grade(change.old_grade).label} → {Grade(grade).label}",
        data={"reason": reason[:500], "old_title": change.old_title, "new_title": title},
    )
    return change


@transaction.atomic
def approve(actor: Any, rnd: Round, *, on: dt.date | None = None) -> Round:
    """The council's chair approves: the round is frozen from now on."""
    rnd = Round.objects.select_for_update().get(pk=rnd.pk)
    _require(_system(actor) or round_access(actor, rnd).approve, gettext("Chỉ Chủ tịch Hội đồng phê duyệt."))
    if rnd.frozen:
        raise ValidationError(gettext("Kết quả đã được phê duyệt."))
    if not rnd.entries.exists():
        raise ValidationError(gettext("Chưa có đơn vị nào trong đề xuất."))
    rnd.status = RoundStatus.APPROVED
    rnd.approved_by = _user(actor)
    rnd.approved_on = on or timezone.localdate()
    rnd.save(update_fields=["status", "approved_by", "approved_on"])
    record(actor, EmulationEvents.APPROVED, rnd, summary=f"Phê duyệt kết quả xét thi đua năm {rnd.year}")
    return rnd


def exported(actor: Any, rnd: Round, fmt: str) -> None:
    """Who took the approved list out, and in which form."""
    _require(round_access(actor, rnd).export, gettext("Chỉ xuất danh sách đã được phê duyệt."))
    record(actor, EmulationEvents.EXPORTED, rnd, summary=f"Xuất danh sách năm {rnd.year} ({fmt})")
