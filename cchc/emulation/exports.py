"""The approved list as a workbook: one row per unit and per head, with the proposal beside the result
and the council's reason where it changed something (the same rows as the printable page)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cchc.directives.exports import xlsx_bytes
from cchc.emulation.models import Entry, Round

HEADERS = [
    "STT",
    "Đơn vị",
    "Đối tượng",
    "Người đứng đầu",
    "Xếp loại đề xuất",
    "Danh hiệu đề xuất",
    "Xếp loại",
    "Danh hiệu",
    "Lý do điều chỉnh của Hội đồng",
]


def rows(entries: Iterable[Entry]) -> list[list[Any]]:
    out = []
    for i, e in enumerate(entries, start=1):
        reasons = "; ".join(c.reason for c in e.changes.all())
        out.append(
            [
                i,
                e.unit.name,
                e.get_kind_display(),
                e.official.full_name if e.official is not None else "",
                e.get_proposed_grade_display(),
                e.get_proposed_title_display() if e.proposed_title else "",
                e.get_grade_display(),
                e.get_title_display() if e.title else "",
                reasons,
            ]
        )
    return out


def list_xlsx(rnd: Round, entries: Iterable[Entry]) -> bytes:
    approved = rnd.approved_on.strftime("%d/%m/%Y") if rnd.approved_on else ""
    by = rnd.approved_by.get_full_name() if rnd.approved_by is not None else ""
    return xlsx_bytes(
        f"Kết quả xét thi đua, xếp loại năm {rnd.year}",
        HEADERS,
        rows(entries),
        note=f"{rnd.jurisdiction.name} — Chủ tịch Hội đồng phê duyệt ngày {approved} {by}".strip(),
    )
