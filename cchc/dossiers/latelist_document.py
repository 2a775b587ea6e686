"""The approved monthly late list as an administrative document (Nghị định 30/2020 layout, DOCX and PDF,
through ``cchc.core.official_documents``) and as a workbook: the units and officials exactly as stored
and approved, never recomputed (what the leader approved is what is printed)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cchc.core.official_documents import Block, OfficialDocument
from cchc.core.templatetags.vn_format import vn_number, vn_percent
from cchc.core.xlsx import Share
from cchc.dossiers.models import LateList
from cchc.dossiers.rankings import group_rows
from cchc.org.letterhead import letterhead
from cchc.org.models import Unit, UnitKind


def committee_of(late_list: LateList) -> Unit | None:
    """The People's Committee at the top of the list's area: it issues and signs the notice."""
    return (
        Unit.objects.filter(jurisdiction=late_list.jurisdiction, kind=UnitKind.PEOPLES_COMMITTEE)
        .order_by("path")
        .first()
    )


def _line(i: int, row: dict[str, Any], who: str) -> Block:
    rate = row.get("late_rate")
    return Block(
        f"{i}. {who}: {vn_number(int(row.get('late') or 0))} hồ sơ trễ hạn trên "
        f"{vn_number(int(row.get('finished') or 0))} hồ sơ đã giải quyết"
        + (f" (tỷ lệ {vn_percent(rate)})." if rate is not None else ".")
    )


def late_list_document(late_list: LateList) -> OfficialDocument:
    units, officials = group_rows(late_list.rows or [])
    on = timezone.localtime(late_list.approved_at).date() if late_list.approved_at else timezone.localdate()
    committee = committee_of(late_list)
    head = letterhead(committee, on) if committee is not None else None
    month = f"{late_list.month:%m/%Y}"
    blocks = [
        Block(
            f"Thực hiện Công văn số 7190/UBND-NV ngày 15/8/2022 về việc công khai danh sách cơ quan, đơn vị, "
            f"cán bộ, công chức, viên chức giải quyết chậm trễ hồ sơ thủ tục hành chính, Ủy ban nhân dân "
            f"thông báo danh sách đơn vị, cá nhân để xảy ra hồ sơ trễ hạn trong tháng {month} như sau:"
        ),
        Block("I. Đơn vị có hồ sơ trễ hạn", heading=True),
        *([_line(i, r, r.get("unit_name") or "") for i, r in enumerate(units, 1)] or [Block("Không có.")]),
        Block("II. Cán bộ, công chức để xảy ra trễ hạn", heading=True),
        *(
            [
                _line(i, r, f"{r.get('official')} ({r.get('unit_name') or ''})")
                for i, r in enumerate(officials, 1)
            ]
            or [Block("Không có.")]
        ),
        Block(
            "Thủ trưởng các đơn vị có tên trên chỉ đạo rà soát nguyên nhân, khắc phục tình trạng trễ hạn, "
            "thực hiện việc xin lỗi người dân theo quy định và báo cáo kết quả về Văn phòng."
        ),
    ]
    return OfficialDocument(
        parent_body=head.parent_body if head else "",
        issuing_body=head.issuing_body if head else late_list.jurisdiction.name.upper(),
        number="",
        place=head.place if head else "",
        issued_on=on,
        title="THÔNG BÁO",
        summary=f"Danh sách đơn vị, cá nhân để xảy ra hồ sơ thủ tục hành chính trễ hạn tháng {month}",
        blocks=blocks,
        recipients=[
            "Các cơ quan, đơn vị thuộc thành phố",
            "Trang thông tin điện tử thành phố",
            "Lưu: VT, VP",
        ],
        signer_prefix=head.signer_prefix if head else "",
        signer_title=head.signer_title if head else "",
        signer_name=head.signer_name if head else "",
        doc_title=f"Danh sách trễ hạn tháng {month}",
    )


def file_stem(late_list: LateList) -> str:
    return f"danh-sach-tre-han-{late_list.month:%Y-%m}"


XLSX_HEADERS = (
    "Loại",
    "Đơn vị",
    "Cán bộ, công chức",
    "Hồ sơ trễ hạn",
    "Hồ sơ đã giải quyết",
    "Tỷ lệ trễ hạn",
)


def xlsx_rows(late_list: LateList) -> list[list[Any]]:
    units, officials = group_rows(late_list.rows or [])
    out: list[list[Any]] = []
    for kind, rows in (("Đơn vị", units), ("Cán bộ, công chức", officials)):
        for r in rows:
            rate = r.get("late_rate")
            out.append(
                [
                    kind,
                    r.get("unit_name") or "",
                    r.get("official") or "",
                    int(r.get("late") or 0),
                    int(r.get("finished") or 0),
                    Share(rate) if rate is not None else "",
                ]
            )
    return out
