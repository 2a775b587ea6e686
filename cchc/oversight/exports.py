"""What oversight hands out as files: the follow-up list as a workbook (the same rows and states as the
page) and a visit's conclusion as a notice in the Nghị định 30/2020 layout (DOCX and PDF), issued by the
inspectors' unit and signed by the team lead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import FileResponse

from cchc.core.official_documents import Block, OfficialDocument
from cchc.core.xlsx import xlsx_download
from cchc.deadlines.actions import state
from cchc.directives.exports import xlsx_bytes
from cchc.directives.queries import STATE_LABELS
from cchc.org.letterhead import letterhead
from cchc.org.queries import user_unit
from cchc.oversight.conf import decision_label, decisions
from cchc.oversight.models import (
    AuditConclusion,
    Inspection,
    InspectionPlan,
    Recommendation,
    ResponsibilityCase,
)

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


VISIT_HEADERS = (
    "Đơn vị được kiểm tra",
    "Nội dung kiểm tra",
    "Hình thức",
    "Phiếu kiểm tra",
    "Thời gian dự kiến",
    "Ngày kiểm tra",
    "Tình trạng",
    "Trưởng đoàn",
    "Số tồn tại",
    "Kiến nghị chưa xác nhận",
    "Ngày kết luận",
)


def visit_rows(visits: Iterable[Inspection]) -> Iterator[list[Any]]:
    for v in visits:
        findings = list(v.findings.all())
        open_recs = sum(1 for f in findings for r in f.recommendations.all() if r.verified_on is None)
        yield [
            v.unit.name,
            v.topic,
            "Theo kế hoạch" if v.plan_id else "Đột xuất",
            f"{v.template.name} (phiên bản {v.template.version})",
            v.planned_on,
            v.visited_on,
            v.get_status_display(),
            v.team_lead.get_full_name() if v.team_lead else "",
            len(findings),
            open_recs,
            v.concluded_on,
        ]


def visits_xlsx(visits: Iterable[Inspection], today: dt.date) -> FileResponse:
    return xlsx_download(
        f"cuoc-kiem-tra-{today:%Y%m%d}.xlsx",
        "Kế hoạch và cuộc kiểm tra",
        VISIT_HEADERS,
        visit_rows(visits),
        note=f"Tình hình đến ngày {today:%d/%m/%Y}",
    )


def plan_xlsx(plan: InspectionPlan, visits: Iterable[Inspection]) -> FileResponse:
    """One annual plan: its visits in the order of the plan page, with the plan's state on top."""
    state_line = plan.get_status_display()
    if plan.approved_on:
        state_line += f", phê duyệt ngày {plan.approved_on:%d/%m/%Y}"
    return xlsx_download(
        f"ke-hoach-kiem-tra-{plan.year}.xlsx", plan.title, VISIT_HEADERS, visit_rows(visits), note=state_line
    )


CORRECTION_HEADERS = (
    "Cơ quan kết luận",
    "Số văn bản",
    "Ngày ban hành",
    "Nội dung thanh tra, kiểm toán",
    "Yêu cầu khắc phục",
    "Đơn vị thực hiện",
    "Số tiền phải xử lý (đồng)",
    "Hạn",
    "Tiến độ (%)",
    "Tình trạng",
    "Ngày xác nhận",
)


def correction_rows(conclusions: Iterable[AuditConclusion], today: dt.date) -> Iterator[list[Any]]:
    """One row per required correction; a conclusion without any yet still has its row."""
    for c in conclusions:
        head = [c.issuer, c.number, c.issued_on, c.subject]
        corrections = list(c.corrections.all())
        if not corrections:
            yield [*head, "", "", None, None, None, "", None]
        for corr in corrections:
            d = corr.deadline
            yield [
                *head,
                corr.text,
                corr.unit.name if corr.unit else "",
                int(corr.amount) if corr.amount is not None else None,
                d.due if d else None,
                corr.progress,
                STATE_LABELS.get(state(d, today), "") if d else "",
                corr.verified_on,
            ]


def conclusions_xlsx(conclusions: Iterable[AuditConclusion], today: dt.date) -> FileResponse:
    return xlsx_download(
        f"ket-luan-thanh-tra-kiem-toan-{today:%Y%m%d}.xlsx",
        "Kết luận thanh tra, kiểm toán",
        CORRECTION_HEADERS,
        correction_rows(conclusions, today),
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


def decision_document(case: ResponsibilityCase) -> OfficialDocument:
    """The competent head's decision on a responsibility record: a decision (quyết định) for a
    disciplinary form, a notice (thông báo) for a reminder or a self-criticism; issued by the head's
    unit. Private like the record it comes from."""
    if case.decided_on is None:
        raise ValueError("Hồ sơ chưa có quyết định.")
    head = letterhead(case.competent_head.unit, case.decided_on)
    person = case.official
    disciplinary = any(code == case.decision and d for code, _label, d in decisions())
    label = decision_label(case.decision)
    heard = (
        f"Xét bản giải trình ngày {case.explained_on:%d/%m/%Y} của ông/bà {person.full_name};"
        if case.explained_on
        else f"Ông/bà {person.full_name} đã được đề nghị giải trình nhưng không giải trình trong thời hạn;"
    )
    blocks = [
        Block("Căn cứ Luật Cán bộ, công chức;"),
        Block(
            "Căn cứ Nghị định số 112/2020/NĐ-CP về xử lý kỷ luật cán bộ, công chức, viên chức "
            "(đã được sửa đổi, bổ sung);"
        ),
        Block(heard),
        Block("Theo đề nghị của Phòng Nội vụ."),
    ]
    if disciplinary:
        blocks += [
            Block("QUYẾT ĐỊNH:", heading=True),
            Block(
                f"Điều 1. Thi hành {label.lower()} đối với ông/bà {person.full_name}, {person.position}, "
                f"{person.unit.name}."
            ),
            Block(f"Lý do: {case.decision_text}"),
            Block("Điều 2. Quyết định này có hiệu lực kể từ ngày ký."),
            Block(
                f"Điều 3. Ông/bà {person.full_name} và các cơ quan, đơn vị có liên quan chịu trách nhiệm "
                "thi hành Quyết định này."
            ),
        ]
    else:
        blocks += [
            Block(f"{label}: ông/bà {person.full_name}, {person.position}, {person.unit.name}."),
            Block(case.decision_text),
        ]
    return OfficialDocument(
        parent_body=head.parent_body,
        issuing_body=head.issuing_body,
        number="",
        place=head.place,
        issued_on=case.decided_on,
        title="QUYẾT ĐỊNH" if disciplinary else "THÔNG BÁO",
        summary=f"{label} đối với ông/bà {person.full_name}",
        blocks=blocks,
        recipients=[person.full_name, "Phòng Nội vụ", "Lưu: hồ sơ cán bộ, công chức"],
        signer_prefix=head.signer_prefix,
        signer_title=head.signer_title,
        signer_name=case.competent_head.full_name,
        doc_title=f"{label} — {person.full_name}",
        doc_subject="Xử lý trách nhiệm",
    )
