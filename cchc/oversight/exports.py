"""What oversight hands out as files: the follow-up list as a workbook (the same rows and states as the
page) and a visit's conclusion as a notice in the Nghị định 30/2020 layout (DOCX and PDF), issued by the
inspectors' unit and signed by the team lead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cchc.core.official_documents import Block, OfficialDocument
from cchc.deadlines.actions import state
from cchc.directives.exports import xlsx_bytes
from cchc.directives.queries import STATE_LABELS
from cchc.org.letterhead import letterhead
from cchc.org.queries import user_unit
from cchc.oversight.models import Inspection, Recommendation

FOLLOWUP_HEADERS = [
    "Đơn vị được kiểm tra",
    "Ngày kiểm tra",
    "Nội dung",
    "Tồn tại, hạn chế",
    "Mức độ",
    "Lặp lại",
    "Kiến nghị",
    "Đơn vị thực hiện",
    "Hạn",
    "Tình trạng",
    "Ngày xác nhận",
]


def followup_rows(recs: Iterable[Recommendation], today: dt.date) -> list[list[Any]]:
    rows = []
    for r in recs:
        f, insp, d = r.finding, r.finding.inspection, r.deadline
        label = STATE_LABELS.get(state(d, today), "") if d else ""
        rows.append(
            [
                insp.unit.name,
                insp.visited_on,
                f.item.code if f.item else "",
                f.text,
                f.get_severity_display(),
                "Có" if f.recurs_id else "",
                r.text,
                r.unit.name,
                d.due if d else None,
                label,
                r.verified_on,
            ]
        )
    return rows


def followups_xlsx(recs: Iterable[Recommendation], today: dt.date) -> bytes:
    return xlsx_bytes(
        "Kiến nghị sau kiểm tra",
        FOLLOWUP_HEADERS,
        followup_rows(recs, today),
        note=f"Tình hình đến ngày {today:%d/%m/%Y}",
    )


def conclusion_document(insp: Inspection) -> OfficialDocument:
    """The notice of the conclusion of one visit: what was checked, what was found, what must be done
    by whom and by when, signed by the team lead."""
    if insp.concluded_on is None:
        raise ValueError("Cuộc kiểm tra chưa có kết luận.")
    lead = insp.concluded_by or insp.team_lead
    unit = user_unit(lead) if lead is not None else None
    head = letterhead(unit or insp.unit, insp.concluded_on)
    blocks = [
        Block(
            f"Ngày {insp.visited_on:%d/%m/%Y}, đoàn kiểm tra đã kiểm tra tại {insp.unit.name}: {insp.topic}; "
            f"theo phiếu \u201c{insp.template.name}\u201d (phiên bản {insp.template.version}), "
            + ("theo kế hoạch kiểm tra năm." if insp.plan_id else "kiểm tra đột xuất.")
        ),
        Block("1. Kết quả kiểm tra", heading=True),
    ]
    for a in insp.answers.select_related("item").order_by("item__order"):
        if a.result != "met":
            blocks.append(
                Block(f"- {a.item.code}. {a.item.text}: {a.get_result_display().lower()}. {a.note}".strip())
            )
    blocks.append(Block("2. Tồn tại, hạn chế và kiến nghị", heading=True))
    for n, f in enumerate(
        insp.findings.select_related("unit", "official").prefetch_related("recommendations"), 1
    ):
        who = f.unit.name + (f", {f.official.full_name}" if f.official else "")
        again = " (lặp lại so với lần kiểm tra trước)" if f.recurs_id else ""
        blocks.append(Block(f"{n}) {f.text}{again}. Trách nhiệm: {who}."))
        for r in f.recommendations.all():
            due = (
                f", hoàn thành trước ngày {r.deadline.due:%d/%m/%Y}" if r.deadline and r.deadline.due else ""
            )
            blocks.append(Block(f"Kiến nghị: {r.text} ({r.unit.name}{due})."))
    if insp.explanation:
        blocks.append(Block("3. Giải trình của đơn vị", heading=True))
        blocks.append(Block(insp.explanation))
    blocks.append(Block("Kết luận", heading=True))
    blocks.append(Block(insp.conclusion))
    return OfficialDocument(
        parent_body=head.parent_body,
        issuing_body=head.issuing_body,
        number="",
        place=head.place,
        issued_on=insp.concluded_on,
        title="THÔNG BÁO",
        summary=f"Kết luận kiểm tra tại {insp.unit.name}",
        blocks=blocks,
        recipients=[insp.unit.name, "Lãnh đạo UBND (để báo cáo)", "Lưu: VT, đoàn kiểm tra"],
        signer_prefix="",
        signer_title="TRƯỞNG ĐOÀN KIỂM TRA",
        signer_name=(lead.get_full_name() if lead is not None else ""),
        doc_title=f"Kết luận kiểm tra {insp.unit.name}",
        doc_subject="Thông báo kết luận kiểm tra",
    )
