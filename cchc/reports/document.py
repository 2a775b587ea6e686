"""The periodic reform report as an administrative document in the Nghị định 30/2020 layout (DOCX and
PDF through ``cchc.core.official_documents``): the unit under its parent, "Số: …/BC-…", place and date,
"BÁO CÁO" with its summary, "Kính gửi" the committee above, then the body in the outline of
``drafting.SECTIONS`` — each section's edited text followed by the figures that belong to it — and
"Nơi nhận" and the signer."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cchc.core.official_documents import Block, OfficialDocument
from cchc.org.letterhead import letterhead
from cchc.org.models import Unit
from cchc.reports import drafting
from cchc.reports.models import PeriodicReport


def summary_line(report: PeriodicReport) -> str:
    return f"Kết quả thực hiện công tác cải cách hành chính {report.period_label}"


def _addressee(report: PeriodicReport) -> str:
    # A unit reports to the committee of its area above it; the city to the province's committee.
    committee = report.unit.parent
    while committee is not None and committee.kind != "committee":
        committee = committee.parent
    if committee is not None and not report.is_city:
        return committee.name
    area = report.jurisdiction.parent
    found = Unit.objects.filter(jurisdiction=area, kind="committee").first() if area else None
    return found.name if found else "Ủy ban nhân dân cấp trên"


def build(report: PeriodicReport, figures: dict, on: dt.date | None = None) -> OfficialDocument:
    day = on or (report.approved_at.date() if report.approved_at else timezone.localdate())
    head = letterhead(report.unit, day)
    lines = drafting.figure_lines(figures)
    blocks = [
        Block(
            f"{head.issuing_body_short} báo cáo kết quả thực hiện công tác cải cách hành chính từ ngày "
            f"{report.period_start:%d/%m/%Y} đến ngày {report.period_end:%d/%m/%Y} như sau:"
        ),
        Block("I. KẾT QUẢ THỰC HIỆN", heading=True),
    ]
    for key, title in drafting.SECTIONS:
        blocks.append(Block(title, heading=True))
        text = (report.sections or {}).get(key, "").strip()
        for paragraph in [p.strip() for p in text.splitlines() if p.strip()]:
            blocks.append(Block(paragraph))
        for sentence in lines.get(key, []):
            blocks.append(Block(sentence))
    return OfficialDocument(
        parent_body=head.parent_body,
        issuing_body=head.issuing_body,
        number=report.number,
        place=head.place,
        issued_on=day,
        title="BÁO CÁO",
        summary=summary_line(report),
        addressee=_addressee(report),
        blocks=blocks,
        recipients=[
            "Như trên",
            f"Lưu: VT{', ' + report.unit.abbreviation if report.unit.abbreviation else ''}",
        ],
        signer_prefix=head.signer_prefix,
        signer_title=head.signer_title,
        signer_name=head.signer_name,
        doc_title=f"Báo cáo cải cách hành chính {report.period_label} — {report.unit.name}",
    )
