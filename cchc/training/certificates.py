"""The certificate of completion (giấy chứng nhận) of a class, printed in the Nghị định 30/2020 layout by
``cchc.core.official_documents`` (motto, issuing body, number, place and date, signer): the organising
unit issues it, its head signs, on the certificate's date."""

from __future__ import annotations

from cchc.core.official_documents import Block, OfficialDocument, render_pdf
from cchc.org.letterhead import letterhead
from cchc.training.models import Enrolment


def certificate_document(row: Enrolment) -> OfficialDocument:
    if not row.certificate_number or row.certificate_date is None:
        raise ValueError("Học viên chưa được cấp giấy chứng nhận.")
    cls = row.training_class
    course = cls.course
    head = letterhead(course.organiser, row.certificate_date)
    days = (
        f"ngày {cls.start_date:%d/%m/%Y}"
        if cls.start_date == cls.end_date
        else f"từ ngày {cls.start_date:%d/%m/%Y} đến ngày {cls.end_date:%d/%m/%Y}"
    )
    person = row.official
    blocks = [
        Block(f"Chứng nhận ông/bà: {person.full_name}"),
        Block(f"Chức vụ: {person.position or 'công chức'}; đơn vị: {person.unit.name}."),
        Block(
            f"Đã hoàn thành {cls.name} thuộc khóa bồi dưỡng \u201c{course.title}\u201d "
            f"(chủ đề: {course.topic.name}), tổ chức {days} tại {cls.place}."
        ),
        Block("Kết quả: Đạt" + (f", điểm {row.score:g}." if row.score is not None else ".")),
    ]
    return OfficialDocument(
        parent_body=head.parent_body,
        issuing_body=head.issuing_body,
        number=row.certificate_number,
        place=head.place,
        issued_on=row.certificate_date,
        title="GIẤY CHỨNG NHẬN",
        summary="Hoàn thành khóa bồi dưỡng",
        blocks=blocks,
        recipients=[person.full_name, f"Lưu: VT, {course.organiser.abbreviation or course.organiser.code}"],
        signer_prefix=head.signer_prefix,
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        doc_title=f"Giấy chứng nhận {row.certificate_number}",
        doc_subject="Giấy chứng nhận hoàn thành khóa bồi dưỡng",
    )


def certificate_pdf(row: Enrolment) -> bytes:
    return render_pdf(certificate_document(row))
