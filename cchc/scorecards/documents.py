"""A unit's scorecard and the city ranking as administrative documents in the Nghị định 30/2020 layout
(DOCX and PDF through ``cchc.core.official_documents``, like the monthly late list): issued by the
city's People's Committee, one numbered line per criterion with its points, the points lost and
Internal Affairs' comment; one line per unit in the ranking. Every figure comes from ``cards.score``
(through ``queries``), the function that gives the page, the workbook and the frozen total theirs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from cchc.core.official_documents import Block, OfficialDocument
from cchc.core.templatetags.vn_format import vn_number
from cchc.org.letterhead import letterhead
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.scorecards.cards import Card, Line
from cchc.scorecards.models import IndexVersion, Scorecard
from cchc.scorecards.queries import Ranked

FORMATS = ("docx", "pdf")


def points(value: float | None) -> str:
    """Points as the card shows them: up to two decimals, Vietnamese separators ("11,43", "20")."""
    if value is None:
        return "—"
    digits = 0 if value == int(value) else (1 if round(value, 1) == value else 2)
    return vn_number(value, digits)


def _committee(area: Jurisdiction) -> Unit | None:
    """The People's Committee of the city whose index it is: it issues and signs."""
    return Unit.objects.filter(jurisdiction=area, kind=UnitKind.PEOPLES_COMMITTEE).order_by("path").first()


def _shell(version: IndexVersion, on: dt.date, **kwargs: Any) -> OfficialDocument:
    committee = _committee(version.jurisdiction)
    head = letterhead(committee, on) if committee is not None else None
    return OfficialDocument(
        parent_body=head.parent_body if head else "",
        issuing_body=head.issuing_body if head else version.jurisdiction.name.upper(),
        number="",
        place=head.place if head else "",
        issued_on=on,
        title="THÔNG BÁO",
        signer_prefix=head.signer_prefix if head else "",
        signer_title=head.signer_title if head else "",
        signer_name=head.signer_name if head else "",
        **kwargs,
    )


def _total_line(result: Card) -> str:
    text = f"Tổng điểm: {points(result.total)} trên {points(result.max_scored)} điểm đã chấm"
    if result.percent is not None:
        text += f" (đạt {vn_number(result.percent, 2)}%)"
    if result.band:
        text += f", xếp loại {result.band}"
    return text + f". Điểm tối đa của bộ chỉ số: {points(result.max_points)}."


def _criterion_line(line: Line) -> Block:
    c = line.criterion
    text = f"{c.code}. {c.title} (tối đa {points(float(c.max_points))} điểm): "
    if line.points is None:
        text += "chưa có số liệu." if c.rule == "computed" else "chưa chấm."
    else:
        text += f"đạt {points(line.points)} điểm"
        if line.lost:
            text += f", mất {points(line.lost)} điểm"
        if line.row is not None and line.row.adjustment:
            sign = "cộng" if line.row.adjustment > 0 else "trừ"
            text += f" (đã {sign} {points(abs(float(line.row.adjustment)))} điểm)"
        text += "."
    if c.rule == "computed" and line.row is not None and (line.row.figure or {}).get("denominator"):
        fig = line.row.figure
        text += f" Số liệu: {vn_number(fig['numerator'])}/{vn_number(fig['denominator'])}."
    comment = (line.row.appraisal_comment if line.row is not None else "").strip()
    if comment:
        text += f" Nhận xét thẩm định: {comment}"
    cause = (line.row.cause if line.row is not None else "").strip()
    if cause:
        text += f" Nguyên nhân mất điểm: {cause}"
    return Block(text)


def card_document(card: Scorecard, result: Card) -> OfficialDocument:
    version = card.version
    on = timezone.localtime(card.scored_at).date() if card.scored_at else timezone.localdate()
    blocks = [
        Block(
            f"Căn cứ Bộ chỉ số cải cách hành chính năm {version.year} của thành phố, Ủy ban nhân dân "
            f"thông báo kết quả chấm điểm Chỉ số cải cách hành chính năm {version.year} của "
            f"{card.unit.name} ({card.get_stage_display().lower()}) như sau:"
        ),
        Block("I. KẾT QUẢ CHUNG", heading=True),
        Block(_total_line(result)),
        Block("II. ĐIỂM THEO TỪNG LĨNH VỰC, TIÊU CHÍ", heading=True),
    ]
    for f in result.fields:
        c = f.criterion
        blocks.append(
            Block(
                f"{c.code}. {c.title}: {points(f.points)}/{points(float(c.max_points))} điểm"
                + (f", mất {points(f.lost)} điểm" if f.lost else ""),
                heading=True,
            )
        )
        blocks.extend(_criterion_line(line) for line in f.lines)
    blocks.append(
        Block(
            f"Đề nghị {card.unit.name} xác định nguyên nhân, giải pháp khắc phục đối với các tiêu chí bị mất "
            f"điểm và tổ chức thực hiện."
        )
    )
    return _shell(
        version,
        on,
        summary=f"Kết quả chấm điểm Chỉ số cải cách hành chính năm {version.year} của {card.unit.name}",
        addressee=card.unit.name,
        blocks=blocks,
        recipients=[card.unit.name, "Phòng Nội vụ", "Lưu: VT"],
        doc_title=f"Chỉ số CCHC năm {version.year} — {card.unit.name}",
    )


def _ranking_line(r: Ranked) -> Block:
    who = f"{r.rank}. {r.card.unit.name}" if r.rank is not None else f"– {r.card.unit.name}"
    if r.result.percent is None:
        return Block(f"{who}: chưa có điểm ({r.card.get_stage_display().lower()}).")
    text = (
        f"{who}: {points(r.result.total)} trên {points(r.result.max_scored)} điểm đã chấm "
        f"(đạt {vn_number(r.result.percent, 2)}%)"
    )
    if r.result.band:
        text += f", xếp loại {r.result.band}"
    return Block(text + f"; {r.card.get_stage_display().lower()}.")


def ranking_document(version: IndexVersion, rows: list[Ranked]) -> OfficialDocument:
    blocks = [
        Block(
            f"Ủy ban nhân dân thông báo kết quả xếp hạng Chỉ số cải cách hành chính năm {version.year} của "
            f"các cơ quan, đơn vị thuộc thành phố (xếp theo tỷ lệ điểm đạt trên điểm đã chấm; đơn vị bằng "
            f"điểm cùng hạng) như sau:"
        ),
        *([_ranking_line(r) for r in rows] or [Block("Chưa có phiếu chấm điểm.")]),
        Block(
            "Thủ trưởng các cơ quan, đơn vị chỉ đạo khắc phục các tiêu chí bị mất điểm, báo cáo kết quả về "
            "Phòng Nội vụ."
        ),
    ]
    return _shell(
        version,
        timezone.localdate(),
        summary=f"Kết quả xếp hạng Chỉ số cải cách hành chính năm {version.year} của các cơ quan, đơn vị",
        blocks=blocks,
        recipients=["Các cơ quan, đơn vị thuộc thành phố", "Phòng Nội vụ", "Lưu: VT"],
        doc_title=f"Xếp hạng Chỉ số CCHC năm {version.year}",
    )
