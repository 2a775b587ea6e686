"""The training lists as workbooks (``?xuat=xlsx`` on the page's own address, so the reader check and
the scope are the page's): the courses, the training needs under the filters on screen, and who has
not been trained on what the directives name, one row per official."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import timezone

from cchc.core.xlsx import xlsx_download
from cchc.training.models import Course, Enrolment, NeedSource, NeedStatus, Topic, TrainingClass, TrainingNeed
from cchc.training.queries import TopicCoverage


def _stamp() -> str:
    return f"{timezone.localdate():%Y%m%d}"


COURSE_HEADERS = (
    "Tên khóa bồi dưỡng",
    "Chủ đề",
    "Đối tượng",
    "Đơn vị tổ chức",
    "Giảng viên, báo cáo viên",
    "Từ ngày",
    "Đến ngày",
    "Số lớp",
)


def course_rows(courses: Iterable[Course]) -> Iterator[Sequence[Any]]:
    for c in courses:
        yield (
            c.title,
            c.topic.name,
            c.audience,
            c.organiser.name,
            c.trainer,
            c.start_date,
            c.end_date,
            getattr(c, "n_classes", 0),
        )


def courses_xlsx(courses: QuerySet[Course]) -> FileResponse:
    return xlsx_download(
        f"khoa-boi-duong-{_stamp()}.xlsx",
        "Khóa, lớp bồi dưỡng",
        COURSE_HEADERS,
        course_rows(courses.iterator()),
    )


NEED_HEADERS = (
    "Cán bộ, công chức",
    "Đơn vị",
    "Chủ đề",
    "Căn cứ",
    "Số liệu",
    "Ngày đề xuất",
    "Trạng thái",
    "Lớp đã tham gia",
    "Ngày đóng",
    "Lý do",
)


def need_rows(needs: Iterable[TrainingNeed]) -> Iterator[Sequence[Any]]:
    for n in needs:
        yield (
            n.official.full_name,
            n.official.unit.name if n.official.unit_id else "",
            n.topic.name,
            n.get_source_display(),
            n.evidence,
            n.proposed_on,
            n.get_status_display(),
            n.closed_by.training_class.name if n.closed_by else "",
            n.closed_on,
            n.dismiss_reason,
        )


def needs_xlsx(needs: QuerySet[TrainingNeed], status: str, source: str, topic_id: int | None) -> FileResponse:
    shown = [f"Trạng thái: {NeedStatus(status).label}"]
    if source:
        shown.append(f"Căn cứ: {NeedSource(source).label}")
    if topic_id:
        topic = Topic.objects.filter(pk=topic_id).first()
        shown.append(f"Chủ đề: {topic.name if topic else topic_id}")
    return xlsx_download(
        f"nhu-cau-boi-duong-{_stamp()}.xlsx",
        "Nhu cầu bồi dưỡng",
        NEED_HEADERS,
        need_rows(needs.iterator()),
        note="Lọc: " + "; ".join(shown),
    )


UNTRAINED_HEADERS = ("Chủ đề", "Văn bản yêu cầu", "Đối tượng", "Đơn vị", "Cán bộ, công chức chưa bồi dưỡng")


def untrained_rows(coverage: Iterable[TopicCoverage]) -> Iterator[Sequence[Any]]:
    for c in coverage:
        for gap in c.units:
            for person in gap.untrained:
                yield (
                    c.topic.name,
                    c.topic.source,
                    c.topic.get_audience_display(),
                    gap.unit.name,
                    person.full_name,
                )


def untrained_xlsx(coverage: list[TopicCoverage]) -> FileResponse:
    return xlsx_download(
        f"chua-boi-duong-{_stamp()}.xlsx",
        "Chưa được bồi dưỡng theo chủ đề văn bản chỉ đạo yêu cầu",
        UNTRAINED_HEADERS,
        untrained_rows(coverage),
        note=f"Tình hình đến ngày {timezone.localdate():%d/%m/%Y}",
    )


ROSTER_HEADERS = (
    "Cán bộ, công chức",
    "Đơn vị",
    "Điểm danh",
    "Kết quả",
    "Điểm",
    "Số giấy chứng nhận",
    "Ngày cấp giấy chứng nhận",
)


def roster_rows(rows: Iterable[Enrolment]) -> Iterator[Sequence[Any]]:
    for r in rows:
        yield (
            r.official.full_name,
            r.official.unit.name if r.official.unit_id else "",
            r.get_attendance_display() if r.attendance else "",
            r.get_result_display() if r.result else "",
            float(r.score) if r.score is not None else None,
            r.certificate_number,
            r.certificate_date,
        )


def roster_xlsx(cls: TrainingClass, rows: QuerySet[Enrolment]) -> FileResponse:
    """The people of one class the reader may see (as on the class page), with attendance and results."""
    return xlsx_download(
        f"lop-boi-duong-{cls.pk}.xlsx",
        f"{cls.course.title} — {cls.name}",
        ROSTER_HEADERS,
        roster_rows(rows.iterator()),
        note=f"Ngày học {cls.start_date:%d/%m/%Y}–{cls.end_date:%d/%m/%Y}; {cls.place}",
    )
