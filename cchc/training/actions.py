"""Every change to training records: validated, audited (``training.*`` events), and only by Internal
Affairs (``queries.can_manage``), checked here as well as in the views so a script gets the same answer.

Invitations and cancellations are messages: ``notify.send`` queues them in the caller's transaction and
delivers them once it commits, so a refused change announces nothing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from cchc.core.events import record
from cchc.core.refusals import say
from cchc.core.uploads import WorkbookRefused, check_upload
from cchc.notify.actions import send
from cchc.org.models import Jurisdiction, Official, Unit
from cchc.org.queries import user_jurisdiction
from cchc.training.audit_events import TrainingEvents
from cchc.training.models import (
    Attendance,
    ClassStatus,
    Course,
    Enrolment,
    Material,
    NeedSource,
    NeedStatus,
    Result,
    Topic,
    TrainingClass,
    TrainingNeed,
)
from cchc.training.queries import can_manage

ALLOWED_MATERIALS = (".pdf", ".docx", ".pptx", ".xlsx", ".txt")
ZIP_BASED = (".docx", ".pptx", ".xlsx")


def max_upload_bytes() -> int:
    return int(getattr(settings, "CCHC_TRAINING_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def _require_manager(actor: Any, area: Jurisdiction | None = None) -> None:
    if isinstance(actor, str):  # the demo loader or a job, named in the audit trail
        return
    if not can_manage(actor):
        raise PermissionDenied(gettext("Chỉ Phòng Nội vụ quản lý việc đào tạo, bồi dưỡng."))
    own = user_jurisdiction(actor)
    if area is not None and not actor.is_superuser and (own is None or not area.path.startswith(own.path)):
        raise PermissionDenied(gettext("Khóa bồi dưỡng thuộc địa bàn khác."))


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _url(name: str, pk: int) -> str:
    try:
        return reverse(f"training:{name}", args=[pk])
    except NoReverseMatch:
        return ""


# --- courses and materials ------------------------------------------------------------------------


@transaction.atomic
def create_course(
    actor: Any,
    area: Jurisdiction,
    *,
    topic: Topic,
    title: str,
    audience: str,
    organiser: Unit,
    trainer: str,
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
) -> Course:
    _require_manager(actor, area)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = gettext("Cần tên khóa bồi dưỡng.")
    if not trainer.strip():
        errors["trainer"] = gettext("Cần tên giảng viên, báo cáo viên.")
    if not audience.strip():
        errors["audience"] = gettext("Cần ghi đối tượng tham gia.")
    if end_date < start_date:
        errors["end_date"] = gettext("Ngày kết thúc không được trước ngày bắt đầu.")
    if not organiser.jurisdiction.path.startswith(area.path):
        errors["organiser"] = gettext("Đơn vị tổ chức không thuộc địa bàn.")
    if not topic.is_active:
        errors["topic"] = gettext("Chủ đề này không còn dùng.")
    if errors:
        raise ValidationError(errors)
    course = Course.objects.create(
        jurisdiction=area,
        topic=topic,
        title=title.strip(),
        audience=audience.strip(),
        organiser=organiser,
        trainer=trainer.strip(),
        start_date=start_date,
        end_date=end_date,
        description=description.strip(),
        created_by=_user(actor),
    )
    record(actor, TrainingEvents.COURSE_CREATED, course, summary=f"Khóa bồi dưỡng: {course.title[:200]}")
    return course


def _check_material(uploaded: UploadedFile) -> tuple[str, bytes]:
    name = os.path.basename(uploaded.name or "")
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_MATERIALS:
        raise ValidationError(
            {
                "file": gettext("Tệp '%(name)s': chỉ nhận tệp .pdf, .docx, .pptx, .xlsx hoặc .txt.")
                % {"name": name}
            }
        )
    if (uploaded.size or 0) > max_upload_bytes():
        raise ValidationError(
            {
                "file": gettext("Tệp '%(name)s' lớn hơn %(mb)s MB.")
                % {"name": name, "mb": max_upload_bytes() // (1024 * 1024)}
            }
        )
    uploaded.seek(0)
    data = b"".join(uploaded.chunks())
    if not data:
        raise ValidationError({"file": gettext("Tệp '%(name)s' rỗng.") % {"name": name}})
    if suffix in ZIP_BASED:
        # The same guard as every imported workbook: a compressed-file bomb or a broken archive is
        # refused before anyone opens it.
        try:
            check_upload(data)
        except WorkbookRefused as exc:
            raise ValidationError(
                {"file": gettext("Tệp '%(name)s': %(why)s") % {"name": name, "why": say(exc)}}
            ) from None
        if data[:2] != b"PK":
            raise ValidationError(
                {
                    "file": gettext("Tệp '%(name)s' không phải tệp %(kind)s hợp lệ.")
                    % {"name": name, "kind": suffix}
                }
            )
    if suffix == ".pdf" and not data.startswith(b"%PDF"):
        raise ValidationError(
            {
                "file": gettext("Tệp '%(name)s' không phải tệp %(kind)s hợp lệ.")
                % {"name": name, "kind": "PDF"}
            }
        )
    return name, data


@transaction.atomic
def add_material(actor: Any, course: Course, uploaded: UploadedFile) -> Material:
    _require_manager(actor, course.jurisdiction)
    name, data = _check_material(uploaded)
    row = Material(course=course, name=name, size=len(data), uploaded_by=_user(actor))
    row.file.save(name, ContentFile(data), save=True)
    record(
        actor, TrainingEvents.MATERIAL_ADDED, course, summary=f"Thêm tài liệu {name}", data={"file": row.pk}
    )
    return row


@transaction.atomic
def remove_material(actor: Any, row: Material) -> None:
    _require_manager(actor, row.course.jurisdiction)
    record(actor, TrainingEvents.MATERIAL_REMOVED, row.course, summary=f"Gỡ tài liệu {row.name}")
    row.file.delete(save=False)
    row.delete()


# --- classes and invitations ------------------------------------------------------------------------


@transaction.atomic
def schedule_class(
    actor: Any,
    course: Course,
    *,
    name: str,
    start_date: dt.date,
    end_date: dt.date,
    place: str,
    capacity: int | None = None,
) -> TrainingClass:
    _require_manager(actor, course.jurisdiction)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = gettext("Cần tên lớp.")
    if not place.strip():
        errors["place"] = gettext("Cần địa điểm học.")
    if end_date < start_date:
        errors["end_date"] = gettext("Ngày kết thúc không được trước ngày học.")
    if start_date < course.start_date or end_date > course.end_date:
        span = f"{course.start_date:%d/%m/%Y}–{course.end_date:%d/%m/%Y}"
        errors["start_date"] = gettext("Lớp phải học trong thời gian của khóa (%(span)s).") % {"span": span}
    if capacity is not None and capacity < 1:
        errors["capacity"] = gettext("Số học viên tối đa phải lớn hơn 0.")
    if errors:
        raise ValidationError(errors)
    cls = TrainingClass.objects.create(
        course=course,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        place=place.strip(),
        capacity=capacity,
    )
    record(
        actor,
        TrainingEvents.CLASS_SCHEDULED,
        cls,
        summary=f"{course.title[:150]} — {cls.name}, {start_date:%d/%m/%Y}",
    )
    return cls


def _invitation_text(cls: TrainingClass, official: Official) -> tuple[str, str]:
    course = cls.course
    days = (
        f"ngày {cls.start_date:%d/%m/%Y}"
        if cls.start_date == cls.end_date
        else f"từ ngày {cls.start_date:%d/%m/%Y} đến ngày {cls.end_date:%d/%m/%Y}"
    )
    subject = f"[CCHC] Giấy mời tham gia lớp bồi dưỡng: {course.title[:120]}"
    lines = [
        f"Kính gửi {official.full_name},",
        "",
        f"Phòng Nội vụ trân trọng mời ông/bà tham gia {cls.name} của khóa \u201c{course.title}\u201d "
        f"({course.topic.name}), {days}, tại {cls.place}.",
        f"Giảng viên: {course.trainer}.",
    ]
    url = _url("class_detail", cls.pk)
    if url:
        lines.append(f"Tài liệu và thông tin lớp: {settings.SITE_URL.rstrip('/')}{url}")
    return subject, "\n".join(lines)


@transaction.atomic
def invite(actor: Any, cls: TrainingClass, officials: Iterable[Official]) -> list[Enrolment]:
    """Invite officials to a planned class; each gets the invitation by e-mail once the change commits.
    Someone already invited is skipped (never invited twice)."""
    _require_manager(actor, cls.course.jurisdiction)
    if cls.status != ClassStatus.PLANNED:
        raise ValidationError(gettext("Chỉ mời học viên vào lớp đang lên lịch."))
    people = list(officials)
    if not people:
        raise ValidationError({"officials": gettext("Chọn ít nhất một cán bộ.")})
    root = "/" + cls.course.jurisdiction.path.strip("/").split("/")[0] + "/"
    for person in people:
        if not person.unit.jurisdiction.path.startswith(root) or not person.is_active:
            raise ValidationError(
                {
                    "officials": gettext("%(name)s không thuộc địa bàn hoặc đã nghỉ công tác.")
                    % {"name": person.full_name}
                }
            )
    already = set(cls.enrolments.values_list("official_id", flat=True))
    new = [p for p in people if p.pk not in already]
    if cls.capacity is not None and len(already) + len(new) > cls.capacity:
        raise ValidationError(
            {
                "officials": gettext("Lớp chỉ nhận %(capacity)s học viên; đã mời %(invited)s, thêm %(new)s.")
                % {"capacity": cls.capacity, "invited": len(already), "new": len(new)}
            }
        )
    rows = [Enrolment.objects.create(training_class=cls, official=p, invited_by=_user(actor)) for p in new]
    for row in rows:
        if row.official.email:
            subject, body = _invitation_text(cls, row.official)
            send(
                "email",
                row.official.email,
                subject,
                body,
                dedupe_key=f"training:invite:{cls.pk}:{row.official_id}",
                object_type="training.trainingclass",
                object_id=str(cls.pk),
            )
    record(
        actor,
        TrainingEvents.INVITED,
        cls,
        summary=f"Mời {len(rows)} học viên vào {cls.name}",
        data={"officials": [r.official_id for r in rows]},
    )
    return rows


@transaction.atomic
def cancel_class(actor: Any, cls: TrainingClass, *, reason: str) -> TrainingClass:
    _require_manager(actor, cls.course.jurisdiction)
    if cls.status != ClassStatus.PLANNED:
        raise ValidationError(gettext("Chỉ hủy được lớp chưa học."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do hủy lớp.")})
    cls.status = ClassStatus.CANCELLED
    cls.cancel_reason = reason.strip()[:300]
    cls.save(update_fields=["status", "cancel_reason"])
    for row in cls.enrolments.select_related("official"):
        if row.official.email:
            send(
                "email",
                row.official.email,
                f"[CCHC] Hủy lớp bồi dưỡng: {cls.course.title[:120]}",
                f"{cls.name} ngày {cls.start_date:%d/%m/%Y} không tổ chức. Lý do: {cls.cancel_reason}",
                dedupe_key=f"training:cancel:{cls.pk}:{row.official_id}",
                object_type="training.trainingclass",
                object_id=str(cls.pk),
            )
    record(actor, TrainingEvents.CLASS_CANCELLED, cls, summary=f"Hủy {cls.name}: {reason[:200]}")
    return cls


# --- attendance, results, certificates -------------------------------------------------------------


def _rows(cls: TrainingClass, marks: Mapping[int, Any]) -> dict[int, Enrolment]:
    rows = {e.pk: e for e in cls.enrolments.select_related("official", "official__unit")}
    unknown = [str(k) for k in marks if k not in rows]
    if unknown:
        raise ValidationError(
            gettext("Học viên số %(rows)s không có trong danh sách lớp này.") % {"rows": ", ".join(unknown)}
        )
    return rows


def need_closes_on() -> str:
    """What closes a training need: "attended" (default: the letter asks that officials attend) or
    "passed" (an installation that wants the result too)."""
    return str(getattr(settings, "CCHC_TRAINING_NEED_CLOSES_ON", "attended"))


def _close_needs(actor: Any, row: Enrolment, on: dt.date) -> int:
    needs = TrainingNeed.objects.filter(
        official_id=row.official_id, topic_id=row.training_class.course.topic_id, status=NeedStatus.OPEN
    )
    count = needs.update(status=NeedStatus.CLOSED, closed_on=on, closed_by=row)
    if count:
        record(
            actor,
            TrainingEvents.NEED_CLOSED,
            row,
            summary=f"{row.official.full_name}: đã tham gia {row.training_class.name}, đóng {count} nhu cầu",
        )
    return count


@transaction.atomic
def record_attendance(
    actor: Any, cls: TrainingClass, marks: Mapping[int, str], *, today: dt.date | None = None
) -> int:
    """Mark who came. Every row is checked before anything is written; the class becomes held, and an
    attended class closes the attendee's open needs on its topic. Returns the needs closed."""
    _require_manager(actor, cls.course.jurisdiction)
    today = today or timezone.localdate()
    if cls.status == ClassStatus.CANCELLED:
        raise ValidationError(gettext("Lớp đã hủy, không điểm danh."))
    if cls.status == ClassStatus.CLOSED:
        # Certificates have been issued on this attendance: changing it would leave a certificate for
        # someone marked absent.
        raise ValidationError(gettext("Lớp đã có kết quả và giấy chứng nhận, không sửa điểm danh được."))
    if cls.start_date > today:
        raise ValidationError(
            gettext("Lớp học ngày %(day)s, chưa điểm danh được.") % {"day": f"{cls.start_date:%d/%m/%Y}"}
        )
    rows = _rows(cls, marks)
    for pk, value in marks.items():
        if value not in Attendance.values or value == Attendance.UNKNOWN:
            raise ValidationError(
                gettext("%(name)s: điểm danh không hợp lệ.") % {"name": rows[pk].official.full_name}
            )
    closed = 0
    for pk, value in marks.items():
        row = rows[pk]
        if row.attendance != value:
            row.attendance = value
            if value != Attendance.PRESENT:
                row.result, row.score = Result.NONE, None
            row.save(update_fields=["attendance", "result", "score"])
        if value == Attendance.PRESENT and need_closes_on() == "attended":
            closed += _close_needs(actor, row, min(today, cls.end_date))
    if cls.status == ClassStatus.PLANNED:
        cls.status = ClassStatus.HELD
        cls.save(update_fields=["status"])
    present = sum(1 for v in marks.values() if v == Attendance.PRESENT)
    record(
        actor,
        TrainingEvents.ATTENDANCE_RECORDED,
        cls,
        summary=f"Điểm danh {cls.name}: {present}/{len(marks)} có mặt",
        data={"marks": {str(k): v for k, v in marks.items()}},
    )
    return closed


def _score(raw: Any, who: str) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(",", "."))
    except InvalidOperation:
        raise ValidationError(
            gettext("%(name)s: điểm “%(raw)s” không phải là số.") % {"name": who, "raw": raw}
        ) from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(10):
        raise ValidationError(gettext("%(name)s: điểm phải từ 0 đến 10.") % {"name": who})
    return value.quantize(Decimal("0.1"))


def _next_certificate_number(cls: TrainingClass, on: dt.date) -> str:
    # "12/2026/GCN-NV": a running number per year and organising unit, like a document number.
    suffix = f"/{on.year}/GCN-{cls.course.organiser.abbreviation or cls.course.organiser.code}"
    taken = Enrolment.objects.filter(certificate_number__endswith=suffix).values_list(
        "certificate_number", flat=True
    )
    numbers = [int(n.split("/")[0]) for n in taken if n.split("/")[0].isdigit()]
    return f"{max(numbers, default=0) + 1}{suffix}"


@transaction.atomic
def record_results(
    actor: Any,
    cls: TrainingClass,
    results: Mapping[int, tuple[str, Any]],
    *,
    today: dt.date | None = None,
) -> int:
    """Results of the attendees; a pass issues the certificate (number and date). Returns certificates
    issued. Only attendees get a result, and the class must have been held."""
    _require_manager(actor, cls.course.jurisdiction)
    today = today or timezone.localdate()
    if cls.status not in (ClassStatus.HELD, ClassStatus.CLOSED):
        raise ValidationError(gettext("Cần điểm danh trước khi ghi kết quả."))
    rows = _rows(cls, results)
    parsed: dict[int, tuple[str, Decimal | None]] = {}
    for pk, (result, raw_score) in results.items():
        row = rows[pk]
        if result not in Result.values:
            raise ValidationError(
                gettext("%(name)s: kết quả không hợp lệ.") % {"name": row.official.full_name}
            )
        if result and row.attendance != Attendance.PRESENT:
            raise ValidationError(
                gettext("%(name)s: không có mặt nên không có kết quả.") % {"name": row.official.full_name}
            )
        parsed[pk] = (result, _score(raw_score, row.official.full_name))
    issued = 0
    on = max(cls.end_date, min(today, cls.end_date + dt.timedelta(days=30)))
    # Certificates are numbered in the order of the class list (unit, then name), as they are printed.
    for pk in sorted(parsed, key=lambda k: (rows[k].official.unit.path, rows[k].official.full_name)):
        result, score = parsed[pk]
        row = rows[pk]
        row.result, row.score = result, score
        if result == Result.PASSED and not row.certificate_number:
            row.certificate_number = _next_certificate_number(cls, on)
            row.certificate_date = on
            issued += 1
        row.save(update_fields=["result", "score", "certificate_number", "certificate_date"])
        if result == Result.PASSED and need_closes_on() == "passed":
            _close_needs(actor, row, on)
    cls.status = ClassStatus.CLOSED
    cls.save(update_fields=["status"])
    record(
        actor,
        TrainingEvents.RESULTS_RECORDED,
        cls,
        summary=f"Kết quả {cls.name}: {sum(1 for r, _ in parsed.values() if r == Result.PASSED)} đạt, "
        f"cấp {issued} giấy chứng nhận",
    )
    return issued


# --- needs -----------------------------------------------------------------------------------------


@transaction.atomic
def add_need(
    actor: Any,
    official: Official,
    topic: Topic,
    *,
    source: str = NeedSource.MANUAL,
    evidence: str = "",
    figures: dict[str, Any] | None = None,
    on: dt.date | None = None,
) -> TrainingNeed | None:
    """One open need per official, topic and reason: proposing it again returns None."""
    _require_manager(actor, official.unit.jurisdiction)
    if source not in NeedSource.values:
        raise ValidationError({"source": gettext("Căn cứ không hợp lệ.")})
    if source == NeedSource.MANUAL and not evidence.strip():
        raise ValidationError({"evidence": gettext("Cần ghi lý do đề xuất bồi dưỡng.")})
    if TrainingNeed.objects.filter(
        official=official, topic=topic, source=source, status=NeedStatus.OPEN
    ).exists():
        return None
    need = TrainingNeed.objects.create(
        official=official,
        topic=topic,
        source=source,
        evidence=evidence.strip()[:500],
        figures=figures or {},
        proposed_on=on or timezone.localdate(),
        created_by=_user(actor),
    )
    record(
        actor,
        TrainingEvents.NEED_PROPOSED,
        need,
        summary=f"{official.full_name}: {topic.name} ({need.get_source_display()})",
        data={"figures": figures or {}},
    )
    return need


@transaction.atomic
def dismiss_need(actor: Any, need: TrainingNeed, *, reason: str, on: dt.date | None = None) -> TrainingNeed:
    _require_manager(actor, need.official.unit.jurisdiction)
    if need.status != NeedStatus.OPEN:
        raise ValidationError(gettext("Nhu cầu này đã đóng."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Cần ghi lý do không cần bồi dưỡng.")})
    need.status = NeedStatus.DISMISSED
    need.dismiss_reason = reason.strip()[:300]
    need.closed_on = on or timezone.localdate()
    need.save(update_fields=["status", "dismiss_reason", "closed_on"])
    record(actor, TrainingEvents.NEED_DISMISSED, need, summary=f"{need}: {reason[:200]}")
    return need
