"""The report "Báo cáo tình hình thực hiện nhiệm vụ" for a period, as DOCX and PDF in the Nghị định
30/2020 layout (docs/rules/official-documents.md: issuing body under its parent, "Số: …/BC-…", place and date
in italics, the type name in capitals with the summary below, "Kính gửi", body, "Nơi nhận", signature block).

Which tasks: every countable task in the person's scope given on or before the period's last day and
not finished before its first day. Each is judged as of the period's last day (or today, if earlier)
with ``cchc.lib.deadlines.state_of``, counting only what had been reported and confirmed by then. The
due date used is the current one (an extension approved after the period counts); the figures against
the original due date sit beside it, so nothing is hidden by a late extension.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.template.loader import render_to_string

from cchc.core.official_documents import nd30_docx, nd30_header, para
from cchc.deadlines.actions import calendar_for
from cchc.directives.models import Task
from cchc.directives.queries import Tally, tasks_for, unit_sort_key
from cchc.lib import deadlines as dl
from cchc.lib.deadlines import State
from cchc.org.models import Jurisdiction, Unit, UnitKind
from cchc.org.queries import accountable, heads_on, user_jurisdiction, user_unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"  # ND 30 Phụ lục I; the PDF falls back to Liberation Serif (same metrics)
PLACE_PREFIXES = ("Thành phố ", "Tỉnh ", "Huyện ", "Quận ", "Thị xã ", "Phường ", "Xã ")


class PdfUnavailable(RuntimeError):
    pass


@dataclass
class UnitLine:
    unit: Unit
    tally: Tally


@dataclass
class OverdueLine:
    unit: str
    head: str
    text: str
    reference: str
    due: dt.date
    working_days: int


@dataclass
class ReportData:
    parent_body: str
    issuing_body: str
    number_line: str
    place_date_line: str
    subtitle: str
    addressee: str
    first: dt.date
    last: dt.date
    as_of: dt.date
    total: Tally
    received_in_period: int
    carried_over: int
    units: list[UnitLine] = field(default_factory=list)
    overdue: list[OverdueLine] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_authority: str = ""
    signer_for: str = ""
    signer_position: str = ""
    signer_name: str = ""

    @property
    def signer_lines(self) -> list[str]:
        """ "KT. CHÁNH VĂN PHÒNG" / "PHÓ CHÁNH VĂN PHÒNG" (docs/rules/official-documents.md: prefix and
        position in capitals)."""
        lines = []
        if self.signer_authority:
            lines.append(f"{self.signer_authority} {self.signer_for.upper()}".strip())
        if self.signer_position:
            lines.append(self.signer_position.upper())
        return lines

    @property
    def unit_rows(self) -> list[tuple[str, list[str]]]:
        return [(line.unit.name, unit_cells(line.tally)) for line in self.units]

    @property
    def total_cells(self) -> list[str]:
        return unit_cells(self.total)

    @property
    def summary(self) -> list[str]:
        t = self.total
        return [
            f"Trong kỳ, tổng số nhiệm vụ theo dõi là {t.total} nhiệm vụ (giao mới trong kỳ: "
            f"{self.received_in_period}; chuyển từ kỳ trước: {self.carried_over}).",
            f"Đã hoàn thành {t.done} nhiệm vụ, trong đó: hoàn thành đúng hạn {t[State.DONE_ON_TIME]}; "
            f"hoàn thành quá hạn {t[State.DONE_LATE]}; không có thời hạn {t[State.DONE_NO_DEADLINE]}. "
            f"Đơn vị đã báo cáo hoàn thành, chờ xác nhận: {t[State.AWAITING_CONFIRMATION]} nhiệm vụ.",
            f"Chưa hoàn thành {t.open} nhiệm vụ, trong đó: trong hạn {t[State.OPEN_WITHIN]}; quá hạn "
            f"{t[State.OPEN_OVERDUE]}; không có thời hạn {t[State.OPEN_NO_DEADLINE]}.",
            f"Tính theo hạn ban đầu (không kể gia hạn): {t.late_vs_original} nhiệm vụ trễ hạn; "
            f"{t.extended} nhiệm vụ được gia hạn.",
        ]

    @property
    def proposals(self) -> list[str]:
        lines = []
        if self.overdue:
            lines.append(
                "Đề nghị Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các phường, xã có nhiệm vụ quá hạn "
                "nêu tại mục III khẩn trương hoàn thành, báo cáo kết quả; người đứng đầu chịu trách nhiệm "
                "trước Chủ tịch UBND về việc chậm trễ."
            )
        if self.total[State.AWAITING_CONFIRMATION]:
            lines.append("Các nhiệm vụ đơn vị đã báo cáo hoàn thành sẽ được kiểm tra, xác nhận trong kỳ tới.")
        lines.append("Các cơ quan, đơn vị tiếp tục cập nhật tiến độ thực hiện nhiệm vụ trên hệ thống.")
        return lines


def _place(area: Jurisdiction | None) -> str:
    name = area.name if area else ""
    for prefix in PLACE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _body_name(name: str) -> str:
    if name.upper().startswith("UBND "):
        name = "Ủy ban nhân dân " + name[5:]
    return name.upper()


def state_as_of(task: Task, as_of: dt.date, *, original: bool = False) -> State:
    d = task.deadline
    if d is None:
        return State.OPEN_NO_DEADLINE
    done = d.done_on if d.done_on and d.done_on <= as_of else None
    reported = d.reported_on if d.reported_on and d.reported_on <= as_of else None
    return dl.state_of(d.original_due if original else d.due, today=as_of, done_on=done, reported_on=reported)


def build(user: Any, options: dict[str, Any], today: dt.date) -> ReportData:
    first: dt.date = options["first"]
    last: dt.date = options["last"]
    as_of = min(last, today)
    area = user_jurisdiction(user)
    unit = user_unit(user)
    committee = (
        Unit.objects.filter(jurisdiction=area, kind=UnitKind.PEOPLES_COMMITTEE).first() if area else None
    )
    if unit is None or unit.kind == UnitKind.PEOPLES_COMMITTEE:
        body, parent = (committee.name if committee else (area.name if area else "")), ""
    else:
        body, parent = unit.name, (committee.name if committee else "")
    symbol = options.get("symbol") or ("BC-" + unit.abbreviation if unit and unit.abbreviation else "BC")
    number = options.get("number") or "\u00a0" * 6
    tasks = list(
        tasks_for(user)
        .countable()
        .filter(deadline__start_date__lte=last)
        .filter(Q(deadline__done_on__isnull=True) | Q(deadline__done_on__gte=first))
        .select_related("lead_unit", "lead_unit__jurisdiction", "directive", "deadline")
    )
    per_unit: dict[int, Tally] = defaultdict(Tally)
    total = Tally()
    overdue: list[tuple[Task, int]] = []
    received = 0
    for t in tasks:
        s = state_as_of(t, as_of)
        tally = per_unit[t.lead_unit_id]
        for target in (tally, total):
            target.states[s] += 1
        if state_as_of(t, as_of, original=True) in (State.DONE_LATE, State.OPEN_OVERDUE):
            tally.late_vs_original += 1
            total.late_vs_original += 1
        d = t.deadline
        if d and d.original_due and d.due and d.original_due != d.due:
            tally.extended += 1
            total.extended += 1
        if d and d.start_date >= first:
            received += 1
        if s == State.OPEN_OVERDUE and d and d.due:
            overdue.append((t, dl.days_overdue(d.due, as_of, calendar_for(t.lead_unit.jurisdiction))))
    units = {u.pk: u for u in Unit.objects.filter(pk__in=per_unit)}
    heads = heads_on(list(per_unit), as_of)
    overdue.sort(key=lambda x: (-x[1], x[0].lead_unit.path))
    return ReportData(
        parent_body=_body_name(parent) if parent else "",
        issuing_body=_body_name(body),
        number_line=f"Số: {number}/{symbol}",
        place_date_line=f"{_place(area)}, ngày {today:%d} tháng {today.month:02d} năm {today.year}",
        subtitle=f"Tình hình thực hiện nhiệm vụ được giao từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y}",
        addressee=options.get("addressee") or "",
        first=first,
        last=last,
        as_of=as_of,
        total=total,
        received_in_period=received,
        carried_over=total.total - received,
        units=sorted(
            (UnitLine(units[k], v) for k, v in per_unit.items()), key=lambda x: unit_sort_key(x.unit)
        ),
        overdue=[
            OverdueLine(
                t.lead_unit.name,
                (h.full_name if (h := accountable(heads.get(t.lead_unit_id, {}))) else "Chưa có"),
                t.text,
                t.directive.reference + (f" ({t.period_label})" if t.period_label else ""),
                t.deadline.due if t.deadline and t.deadline.due else as_of,
                n,
            )
            for t, n in overdue
        ],
        recipients=[
            "Như trên;",
            "Lưu: VT" + (f", {unit.abbreviation}." if unit and unit.abbreviation else "."),
        ],
        signer_authority=options.get("signer_authority") or "",
        signer_for=options.get("signer_for") or "",
        signer_position=options.get("signer_position") or "",
        signer_name=options.get("signer_name") or "",
    )


def file_stem(data: ReportData) -> str:
    return f"bao-cao-tinh-hinh-thuc-hien-nhiem-vu-{data.first:%Y%m%d}-{data.last:%Y%m%d}"


UNIT_COLUMNS = [
    "Đơn vị",
    "Tổng số",
    "Đúng hạn",
    "Quá hạn",
    "Chờ xác nhận",
    "Trong hạn",
    "Quá hạn (chưa xong)",
    "Trễ so với hạn ban đầu",
]


def unit_cells(t: Tally) -> list[str]:
    return [
        str(t.total),
        str(t[State.DONE_ON_TIME]),
        str(t[State.DONE_LATE]),
        str(t[State.AWAITING_CONFIRMATION]),
        str(t[State.OPEN_WITHIN]),
        str(t[State.OPEN_OVERDUE]),
        str(t.late_vs_original),
    ]


# --- DOCX ----------------------------------------------------------------------------------------------


def render_docx(data: ReportData) -> bytes:
    try:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise PdfUnavailable("Chưa cài thư viện python-docx: pip install python-docx") from exc

    doc = nd30_docx("Báo cáo tình hình thực hiện nhiệm vụ")
    center = WD_ALIGN_PARAGRAPH.CENTER

    nd30_header(
        doc,
        parent_body=data.parent_body,
        issuing_body=data.issuing_body,
        number_line=data.number_line,
        place_date_line=data.place_date_line,
        widths_cm=(7, 9.5),
    )

    para(doc, "")
    para(doc, "BÁO CÁO", bold=True, align=center)
    para(doc, data.subtitle, bold=True, align=center)
    para(doc, "_______", align=center)
    para(doc, f"Kính gửi: {data.addressee}", align=center)
    para(doc, "")

    def body(text: str) -> None:
        p = para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.space_after = Pt(6)

    para(doc, "I. KẾT QUẢ CHUNG", bold=True)
    for line in data.summary:
        body(line)
    para(doc, "II. TÌNH HÌNH THỰC HIỆN THEO ĐƠN VỊ", bold=True)
    table = doc.add_table(rows=1, cols=len(UNIT_COLUMNS))
    table.style = "Table Grid"
    for i, h in enumerate(UNIT_COLUMNS):
        para(table.rows[0].cells[i], h, bold=True, size=11, align=center, first=True)
    for name, values in data.unit_rows:
        cells = table.add_row().cells
        para(cells[0], name, size=11, first=True)
        for i, value in enumerate(values, start=1):
            para(cells[i], value, size=11, align=center, first=True)
    cells = table.add_row().cells
    para(cells[0], "Tổng cộng", bold=True, size=11, first=True)
    for i, value in enumerate(unit_cells(data.total), start=1):
        para(cells[i], value, bold=True, size=11, align=center, first=True)
    para(doc, "")
    para(doc, "III. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH", bold=True)
    if data.overdue:
        table = doc.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for i, h in enumerate(
            ["TT", "Đơn vị chủ trì", "Người đứng đầu", "Nhiệm vụ", "Hạn", "Số ngày làm việc quá hạn"]
        ):
            para(table.rows[0].cells[i], h, bold=True, size=11, align=center, first=True)
        for n, o in enumerate(data.overdue, start=1):
            cells = table.add_row().cells
            values = [
                str(n),
                o.unit,
                o.head,
                f"{o.text} ({o.reference})",
                f"{o.due:%d/%m/%Y}",
                str(o.working_days),
            ]
            for i, value in enumerate(values):
                para(cells[i], value, size=11, first=True)
    else:
        body("Không có nhiệm vụ quá hạn chưa hoàn thành.")
    para(doc, "")
    para(doc, "IV. ĐỀ XUẤT, KIẾN NGHỊ", bold=True)
    for line in data.proposals:
        body(line)
    para(doc, "")
    sign = doc.add_table(rows=1, cols=2)
    recv, signer = sign.cell(0, 0), sign.cell(0, 1)
    recv.width, signer.width = Cm(7.5), Cm(9)
    para(recv, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for line in data.recipients:
        para(recv, f"- {line}", size=11)
    for i, line in enumerate(data.signer_lines or [""]):
        para(signer, line, bold=True, align=center, first=i == 0)
    for _ in range(4):
        para(signer, "")
    para(signer, data.signer_name, bold=True, align=center)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------------------


def render_pdf(data: ReportData) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(
            "Máy chủ chưa có WeasyPrint (pip install WeasyPrint==70.0 và thư viện Pango): hãy tải bản DOCX."
        ) from exc
    html = render_to_string(
        "directives/report_print.html",
        {"r": data, "columns": UNIT_COLUMNS},
    )
    return bytes(HTML(string=html).write_pdf())


def docx_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts: list[str] = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)
