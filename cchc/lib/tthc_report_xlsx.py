"""The dossier-results report as an XLSX in the layout of the Government Office's form on the results of
handling administrative procedures (biểu 06a/VPCP/KSTT of Circular 01/2020/TT-VPCP, as used by one-door
systems; docs/reports.md): 13 numbered columns under three merged header rows. Pure: no Django.

Column (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (3) = (7) + (11).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

import xlsxwriter

# Settings the form leaves to the reporting office (docs/reports.md): the form's label as printed in
# its top-left corner, and the names of the reporting and receiving units.
DEFAULT_FORM_LABEL: Final = "Biểu số II.06a/VPCP/KSTT"
TITLE: Final = (
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT "
    "THỦ TỤC HÀNH CHÍNH"
)
ROW_HEADINGS: Final = {
    "unit": "Đơn vị",
    "field": "Lĩnh vực, công việc giải quyết theo cấp",
    "procedure": "Thủ tục hành chính",
}
NO_CODE: Final = {"unit": "(hồ sơ không ghi đơn vị)", "field": "(hồ sơ không ghi lĩnh vực)", "procedure": "—"}
# The 11 figure columns (3)–(13): a report key, or a sum of keys.
COLUMNS: Final[tuple[tuple[str, ...], ...]] = (
    ("in_period",),
    ("received_online",),
    ("received_direct", "received_postal"),
    ("carried_over",),
    ("finished",),
    ("finished_early",),
    ("finished_on_time",),
    ("finished_late",),
    ("open",),
    ("open_within_time",),
    ("open_overdue",),
)
HEADER_TOP: Final = 4  # first of the three header rows
FIRST_DATA: Final = HEADER_TOP + 4  # after the header rows and the column numbers


@dataclass(frozen=True)
class FormSettings:
    form_label: str = DEFAULT_FORM_LABEL
    reporting_unit: str = ""
    receiving_unit: str = ""


def cells(row: dict[str, Any]) -> list[int]:
    """The 11 figures of one report row in the form's column order."""
    return [sum(int(row[key]) for key in keys) for keys in COLUMNS]


def workbook(document: dict[str, Any], settings: FormSettings = FormSettings()) -> bytes:
    """The report document of ``tthc_report.document`` as an XLSX file."""
    by = document["by"]
    rows: Sequence[dict[str, Any]] = document[
        {"unit": "units", "field": "fields", "procedure": "procedures"}[by]
    ]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": TITLE.capitalize(), "subject": settings.form_label})
    font = {"font_name": "Times New Roman", "font_size": 12}
    f_label = book.add_format({**font, "bold": True, "font_size": 10, "valign": "top", "text_wrap": True})
    f_title = book.add_format(
        {**font, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True}
    )
    f_italic = book.add_format({**font, "italic": True, "align": "center"})
    f_right = book.add_format({**font, "align": "left", "valign": "top", "text_wrap": True})
    f_unit = book.add_format({**font, "italic": True, "align": "right"})
    head = {**font, "bold": True, "border": 1, "align": "center", "valign": "vcenter", "text_wrap": True}
    f_head = book.add_format(head)
    f_number_head = book.add_format({**head, "bold": False, "italic": True})
    f_cell = book.add_format({**font, "border": 1, "align": "right", "num_format": "#,##0"})
    f_name = book.add_format({**font, "border": 1, "text_wrap": True})
    f_stt = book.add_format({**font, "border": 1, "align": "center"})
    f_total = book.add_format({**font, "border": 1, "bold": True, "align": "right", "num_format": "#,##0"})
    f_total_name = book.add_format({**font, "border": 1, "bold": True})
    f_sign = book.add_format({**font, "bold": True, "align": "center"})
    f_sign_note = book.add_format({**font, "italic": True, "align": "center"})

    ws = book.add_worksheet("Biểu 06a")
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 38)
    ws.set_column(2, 12, 11)
    ws.set_row(0, 48)

    ws.merge_range(0, 0, 0, 1, settings.form_label, f_label)
    ws.merge_range(0, 2, 0, 9, TITLE, f_title)
    ws.merge_range(0, 10, 0, 12, f"- Đơn vị báo cáo: {settings.reporting_unit or '…'}", f_right)
    start, end = date.fromisoformat(document["from"]), date.fromisoformat(document["to"])
    ws.merge_range(1, 2, 1, 9, f"(Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})", f_italic)
    ws.merge_range(1, 10, 1, 12, f"- Đơn vị nhận báo cáo: {settings.receiving_unit or '…'}", f_right)
    ws.merge_range(2, 10, 2, 12, "Đơn vị tính: Số hồ sơ TTHC", f_unit)

    top = HEADER_TOP
    ws.merge_range(top, 0, top + 2, 0, "STT", f_head)
    ws.merge_range(top, 1, top + 2, 1, ROW_HEADINGS[by], f_head)
    ws.merge_range(top, 2, top, 5, "Số hồ sơ nhận giải quyết", f_head)
    ws.merge_range(top + 1, 2, top + 2, 2, "Tổng số", f_head)
    ws.merge_range(top + 1, 3, top + 1, 4, "Trong đó", f_head)
    ws.write(top + 2, 3, "Trực tuyến", f_head)
    ws.write(top + 2, 4, "Trực tiếp, dịch vụ bưu chính", f_head)
    ws.merge_range(top + 1, 5, top + 2, 5, "Từ kỳ trước", f_head)
    ws.merge_range(top, 6, top, 9, "Số hồ sơ đã giải quyết", f_head)
    ws.merge_range(top, 10, top, 12, "Số hồ sơ đang giải quyết", f_head)
    for col, text in ((6, "Tổng số"), (7, "Trước hạn"), (8, "Đúng hạn"), (9, "Quá hạn")):
        ws.merge_range(top + 1, col, top + 2, col, text, f_head)
    for col, text in ((10, "Tổng số"), (11, "Trong hạn"), (12, "Quá hạn")):
        ws.merge_range(top + 1, col, top + 2, col, text, f_head)
    ws.set_row(top + 2, 32)
    for col in range(13):
        ws.write(top + 3, col, f"({col + 1})", f_number_head)

    r = FIRST_DATA
    for n, item in enumerate(rows, start=1):
        code, name = item[by], item.get("name")
        ws.write(r, 0, n, f_stt)
        ws.write_string(r, 1, _label(by, code, name), f_name)
        ws.write_row(r, 2, cells(item), f_cell)
        r += 1
    ws.write_blank(r, 0, None, f_total_name)
    ws.write_string(r, 1, "Tổng cộng", f_total_name)
    ws.write_row(r, 2, cells(document["total"]), f_total)
    ws.freeze_panes(FIRST_DATA, 2)

    r += 2
    ws.merge_range(r, 0, r, 4, "NGƯỜI LẬP BIỂU", f_sign)
    ws.merge_range(r, 8, r, 12, "THỦ TRƯỞNG ĐƠN VỊ", f_sign)
    ws.merge_range(r + 1, 0, r + 1, 4, "(Ký, ghi rõ họ tên)", f_sign_note)
    ws.merge_range(r + 1, 8, r + 1, 12, "(Ký tên, đóng dấu)", f_sign_note)
    book.close()
    return buffer.getvalue()


def _label(by: str, code: str | None, name: str | None) -> str:
    if code is None:
        return NO_CODE[by]
    return f"{code} – {name}" if name and name != code else code
