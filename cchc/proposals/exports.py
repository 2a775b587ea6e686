"""The proposal list and the yearly register of procedures reviewed as workbooks (``?xuat=xlsx`` on the
page's own address: the same reader check, the same scope, the same filters and rows as the page)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import FileResponse
from django.utils import timezone

from cchc.core.xlsx import xlsx_download
from cchc.proposals.models import ProcedureReview, Proposal

PROPOSAL_HEADERS = (
    "Tên đề xuất",
    "Loại đề xuất",
    "Tình trạng",
    "Đơn vị đề xuất",
    "Từ cơ quan",
    "Sang cơ quan",
    "Thủ tục hành chính",
    "Thẩm quyền, nhiệm vụ",
    "Số ngày tiết kiệm dự kiến",
    "Chi phí tiết kiệm dự kiến (đồng/năm)",
    "Căn cứ pháp lý",
    "Ngày gửi",
    "Ý kiến thẩm định",
    "Số văn bản quyết định",
    "Ngày quyết định",
)


def proposal_rows(rows: Iterable[Proposal]) -> Iterator[Sequence[Any]]:
    for p in rows:
        yield (
            p.title,
            p.get_kind_display(),
            p.get_status_display(),
            p.proposing_unit.name,
            p.from_unit.name if p.from_unit else "",
            p.to_unit.name if p.to_unit else "",
            f"{p.procedure.national_code} — {p.procedure.name}" if p.procedure else "",
            p.power,
            float(p.days_saved) if p.days_saved is not None else None,
            p.cost_saved,
            p.legal_basis,
            timezone.localdate(p.submitted_at) if p.submitted_at else None,
            p.get_opinion_display() if p.opinion else "",
            p.decision_number,
            p.decided_on,
        )


def proposals_xlsx(rows: Iterable[Proposal], note: str) -> FileResponse:
    return xlsx_download(
        f"de-xuat-cai-cach-{timezone.localdate():%Y%m%d}.xlsx",
        "Đề xuất phân cấp, ủy quyền, đơn giản hóa thủ tục",
        PROPOSAL_HEADERS,
        proposal_rows(rows),
        note=note,
    )


REGISTER_HEADERS = (
    "Mã thủ tục",
    "Tên thủ tục",
    "Đơn vị rà soát",
    "Ngày rà soát",
    "Kết quả rà soát",
    "Nội dung",
)


def register_rows_xlsx(rows: Iterable[ProcedureReview]) -> Iterator[Sequence[Any]]:
    for r in rows:
        yield (
            r.procedure.national_code,
            r.procedure.name,
            r.unit.name,
            r.reviewed_on,
            r.get_conclusion_display(),
            r.note,
        )


def register_xlsx(rows: Iterable[ProcedureReview], year: int) -> FileResponse:
    return xlsx_download(
        f"so-ra-soat-thu-tuc-{year}.xlsx",
        f"Thủ tục hành chính đã rà soát năm {year}",
        REGISTER_HEADERS,
        register_rows_xlsx(rows),
    )
