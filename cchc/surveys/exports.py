"""XLSX export of a campaign's results (every table of the screens, and the raw anonymous answers for
those who may read responses), and a DOCX/PDF summary. Figures come from the same engine as the pages.
Respondents' identities are never exported: no dossier, no address, no contact unless consented."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

import xlsxwriter
from django.template.loader import render_to_string
from django.utils import timezone

from cchc.lib import indices
from cchc.org.models import Unit
from cchc.surveys import results
from cchc.surveys.models import Campaign, FlagStatus, PublishedFigure

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FONT = "Times New Roman"
RULE_LABELS = {"mean": "trung bình cộng các phần", "pooled": "gộp số đếm"}


def _ci(est: indices.Estimate) -> tuple[float | None, float | None]:
    data = est.as_dict()
    if data["ci95"] is None:
        return None, None
    return data["ci95"][0], data["ci95"][1]


def xlsx(campaign: Campaign, units: list[Unit], *, raw: bool) -> bytes:
    rs = results.load(campaign)
    q = rs.questionnaire
    rule = campaign.rule
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": campaign.name})
    bold = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#f2dcdb", "border": 1, "text_wrap": True})
    num = book.add_format({"num_format": "0.00"})
    date = book.add_format({"num_format": "dd/mm/yyyy"})

    def sheet(name: str, title: str, headers: list[str], rows: list[list[Any]]) -> None:
        ws = book.add_worksheet(name)
        ws.write(0, 0, title, bold)
        ws.write(
            1,
            0,
            f"Quy tắc gộp: {RULE_LABELS.get(rule, rule)}; khoảng tin cậy 95 %; "
            "chỉ số tính bằng % (docs/indices.md).",
        )
        ws.write_row(2, 0, headers, head)
        ws.freeze_panes(3, 0)
        for r, values in enumerate(rows, start=3):
            for c, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.datetime):
                    ws.write_datetime(r, c, timezone.localtime(value).replace(tzinfo=None), date)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                elif isinstance(value, bool):
                    ws.write_string(r, c, "có" if value else "")
                elif isinstance(value, int):
                    ws.write_number(r, c, value)
                elif isinstance(value, float):
                    ws.write_number(r, c, value, num)
                else:
                    ws.write_string(r, c, str(value))
        ws.set_column(0, 0, 34)
        ws.set_column(1, len(headers), 12)
        ws.autofilter(2, 0, max(len(rows) + 2, 3), len(headers) - 1)

    groups = [g for level in q.levels for g in q.groups_at(level.key)]
    unit_headers = ["Đơn vị", "Số phiếu", "Chỉ số chung (%)", "CI 95% thấp", "CI 95% cao"]
    for g in groups:
        unit_headers += [f"{g.code} (%)", f"{g.code} số câu hợp lệ"]
    unit_rows = []
    scopes: list[tuple[str, Any]] = [(u.name, rs.units == u.pk) for u in units]
    scopes.append(("Tất cả đơn vị trên", _mask(rs, units)))
    for name, mask in scopes:
        r = results.compute(rs, rule, mask)
        row: list[Any] = [name, r.respondents, indices.percent(r.overall.index), *_ci(r.overall)]
        for g in groups:
            est = r.levels[g.level][g.code]
            row += [indices.percent(est.index), est.valid]
        unit_rows.append(row)
    sheet("Đơn vị", f"{campaign.name}: chỉ số theo đơn vị", unit_headers, unit_rows)

    item_rows = []
    for unit in units:
        r = results.compute(rs, rule, rs.units == unit.pk)
        for item in q.items:
            est = r.items[item.code]
            item_rows.append(
                [
                    unit.name,
                    item.code,
                    item.text,
                    est.valid,
                    est.satisfied,
                    indices.percent(est.index),
                    *_ci(est),
                ]
            )
    sheet(
        "Tiêu chí",
        f"{campaign.name}: chỉ số theo tiêu chí và đơn vị",
        [
            "Đơn vị",
            "Mã",
            "Tiêu chí",
            "Số câu hợp lệ",
            "Số câu hài lòng",
            "Chỉ số (%)",
            "CI 95% thấp",
            "CI 95% cao",
        ],
        item_rows,
    )

    trend = results.trend(campaign, rs, units, whole=False)
    month_rows = []
    for series in trend.series:
        for label, value, low, high, n in zip(
            trend.labels, series["values"], series["low"], series["high"], series["counts"], strict=True
        ):
            month_rows.append([series["label"], label, n, value, low, high])
    sheet(
        "Theo tháng",
        f"{campaign.name}: chỉ số chung theo tháng",
        ["Đơn vị", "Tháng", "Số phiếu", "Chỉ số chung (%)", "CI 95% thấp", "CI 95% cao"],
        month_rows,
    )
    figures = [
        [f.year, f.get_scope_display(), f.area_name, float(f.value), f.rank, f.design, f.source]
        for f in PublishedFigure.objects.order_by("year", "scope", "area_name")
    ]
    sheet(
        "SIPAS đã công bố",
        "Chỉ số SIPAS chính thức đã công bố (nhập tay, không tính lại từ khảo sát địa phương)",
        ["Năm", "Phạm vi", "Tỉnh, thành phố", "Chỉ số (%)", "Xếp hạng", "Thiết kế khảo sát", "Nguồn"],
        figures,
    )
    if raw:
        unit_ids = {u.pk for u in units}
        raw_rows = []
        for resp in campaign.responses.filter(unit_id__in=unit_ids).select_related("unit").order_by("pk"):
            raw_rows.append(
                [
                    resp.number,
                    resp.unit.name,
                    timezone.localtime(resp.submitted_at).date(),
                    resp.get_channel_display(),
                    resp.get_flag_status_display() if resp.flag_status else "",
                    *[resp.answers.get(item.code) for item in q.items],
                ]
            )
        sheet(
            "Phiếu (ẩn danh)",
            f"{campaign.name}: câu trả lời gốc, ẩn danh (để tính lại khi có công thức chính thức)",
            ["Số phiếu", "Đơn vị", "Ngày", "Kênh", "Kiểm tra", *[item.code for item in q.items]],
            raw_rows,
        )
    book.close()
    return buffer.getvalue()


def _mask(rs: results.ResponseSet, units: list[Unit]) -> Any:
    import numpy as np

    return np.isin(rs.units, [u.pk for u in units])


# --- summary (DOCX and PDF) ----------------------------------------------------------------------


@dataclass
class Summary:
    campaign: Campaign
    rule: str
    responses: int
    pending: int
    excluded: int
    overall: str
    overall_ci: str
    group_heads: list[str]
    rows: list[list[str]] = field(default_factory=list)
    weakest: list[tuple[str, list[str]]] = field(default_factory=list)
    figures: list[PublishedFigure] = field(default_factory=list)
    made: dt.datetime = field(default_factory=timezone.localtime)

    @property
    def rule_label(self) -> str:
        return RULE_LABELS.get(self.rule, self.rule)


def _p(value: Any) -> str:
    return results.vn_number(indices.percent(value))


def summary(campaign: Campaign, units: list[Unit]) -> Summary:
    rs = results.load(campaign)
    q = rs.questionnaire
    rule = campaign.rule
    mask = _mask(rs, units)
    total = results.compute(rs, rule, mask)
    groups = q.groups_at(q.levels[-1].key)
    out = Summary(
        campaign=campaign,
        rule=rule,
        responses=total.respondents,
        pending=campaign.responses.filter(flag_status=FlagStatus.PENDING, unit__in=units).count(),
        excluded=campaign.responses.filter(flag_status=FlagStatus.EXCLUDED, unit__in=units).count(),
        overall=_p(total.overall.index),
        overall_ci=results.ci_text(total.overall),
        group_heads=[g.code for g in groups],
        figures=list(PublishedFigure.objects.order_by("year", "scope", "area_name")),
    )
    for unit in units:
        r = results.compute(rs, rule, rs.units == unit.pk)
        out.rows.append(
            [
                unit.name,
                str(r.respondents),
                _p(r.overall.index),
                results.ci_text(r.overall),
                *[_p(r.levels[g.level][g.code].index) for g in groups],
            ]
        )
        weak = results.weakest(q, r, total)
        if weak:
            out.weakest.append(
                (
                    unit.name,
                    [
                        f"{w.item.code} {w.item.text}: {results.vn_number(w.index)}% ({w.estimate.valid} câu)"
                        for w in weak
                    ],
                )
            )
    return out


def render_docx(data: Summary) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(29.7), Cm(21)  # landscape: the unit table is wide
    section.left_margin, section.right_margin = Cm(2), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    doc.core_properties.title = f"Kết quả khảo sát: {data.campaign.name}"
    center = WD_ALIGN_PARAGRAPH.CENTER

    def para(text: str, *, bold: bool = False, align: Any = None, size: int | None = None) -> None:
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold = bold
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align

    para("KẾT QUẢ KHẢO SÁT MỨC ĐỘ HÀI LÒNG", bold=True, align=center, size=14)
    para(data.campaign.name, bold=True, align=center)
    c = data.campaign
    para(
        f"Thời gian: {c.starts_on:%d/%m/%Y} – {c.ends_on:%d/%m/%Y}. Bộ câu hỏi: {c.questionnaire.code}. "
        f"Số phiếu được tính: {data.responses} (chờ xem xét, vẫn tính: {data.pending}; "
        f"không tính: {data.excluded})."
    )
    para(
        f"Chỉ số hài lòng chung: {data.overall}% (khoảng tin cậy 95 %: {data.overall_ci}); quy tắc gộp: "
        f"{data.rule_label}. Công thức chính thức của SIPAS chưa được xác nhận; đây là số liệu khảo sát của "
        "địa phương, không phải chỉ số SIPAS do Bộ Nội vụ công bố."
    )
    para("1. Chỉ số theo đơn vị", bold=True)
    heads = ["Đơn vị", "Số phiếu", "Chỉ số chung (%)", "Khoảng tin cậy 95 %", *data.group_heads]
    table = doc.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    for i, h in enumerate(heads):
        table.rows[0].cells[i].text = h
    for row in data.rows:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = value
    para("2. Tiêu chí yếu nhất của từng đơn vị", bold=True)
    for unit, lines in data.weakest:
        para(f"{unit}: " + "; ".join(lines))
    para("3. Chỉ số SIPAS chính thức đã công bố (để đối chiếu, không tính lại)", bold=True)
    if data.figures:
        table = doc.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for i, h in enumerate(["Năm", "Phạm vi", "Chỉ số (%)", "Xếp hạng", "Nguồn"]):
            table.rows[0].cells[i].text = h
        for f in data.figures:
            cells = table.add_row().cells
            values = [
                str(f.year),
                f.area_name or "Cả nước",
                results.vn_number(float(f.value)),
                f.rank,
                f.source,
            ]
            for i, value in enumerate(values):
                cells[i].text = value
    else:
        para("Chưa nhập chỉ số đã công bố.")
    para(f"Lập lúc {data.made:%H:%M ngày %d/%m/%Y}.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_pdf(data: Summary) -> bytes:
    from weasyprint import HTML

    html = render_to_string("surveys/summary_print.html", {"s": data})
    return bytes(HTML(string=html).write_pdf())
