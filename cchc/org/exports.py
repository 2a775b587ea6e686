"""XLSX files of the organisation: list exports and import templates.

Exports use the import column headers first, so an exported list can be edited and imported back
(and importing it unchanged changes nothing). Extra columns for reading come after and are ignored by
the importer.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter

from cchc.org.importing import COLUMNS, HEAD_HELP, OFFICIALS, UNITS, example_rows, template_headers
from cchc.org.models import HeadKind, Official, Unit, UnitKind

SHEET_NAMES = {UNITS: "Đơn vị", OFFICIALS: "Cán bộ"}


def units_xlsx(units: Sequence[Unit], heads: dict[int, dict[str, Official]]) -> bytes:
    headers = [c.header for c in COLUMNS[UNITS]] + ["người đứng đầu", "phụ trách / quyền", "tình trạng"]
    kinds = dict(UnitKind.choices)

    def row(u: Unit) -> list[Any]:
        h = heads.get(u.pk, {})
        return [
            u.code,
            u.name,
            u.short_name,
            u.abbreviation,
            kinds.get(u.kind, u.kind),
            u.jurisdiction.code,
            u.parent.code if u.parent else "",
            u.email,
            u.phone,
            u.address,
            u.valid_from,
            u.valid_to,
            h[HeadKind.HEAD].full_name if HeadKind.HEAD in h else "",
            h[HeadKind.ACTING].full_name if HeadKind.ACTING in h else "",
            "đã hết hiệu lực" if u.valid_to else "đang hoạt động",
        ]

    return _finish(SHEET_NAMES[UNITS], headers, (row(u) for u in units), "Danh sách đơn vị")


def officials_xlsx(officials: Sequence[Official], head_kinds: dict[int, str]) -> bytes:
    """``head_kinds``: official id → "head"/"acting" for those heading their own unit today."""
    headers = [c.header for c in COLUMNS[OFFICIALS]] + ["tên đơn vị", "tình trạng"]
    labels = {HeadKind.HEAD: "có", HeadKind.ACTING: "quyền"}

    def row(o: Official) -> list[Any]:
        return [
            o.code,
            o.full_name,
            o.position,
            o.unit.code,
            o.email,
            o.phone,
            labels.get(head_kinds.get(o.pk, ""), "") if o.is_active else "",  # type: ignore[call-overload]
            o.unit.name,
            "đang công tác" if o.is_active else "đã thôi công tác",
        ]

    return _finish(
        SHEET_NAMES[OFFICIALS], headers, (row(o) for o in officials), "Danh sách cán bộ, công chức"
    )


def _finish(sheet: str, headers: list[str], rows: Iterable[list[Any]], title: str) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": title})
    head = book.add_format({"bold": True, "bg_color": "#f2dcdb", "border": 1, "text_wrap": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    ws = book.add_worksheet(sheet)
    ws.write_row(0, 0, headers, head)
    ws.freeze_panes(1, 0)
    widths = [len(h) + 2 for h in headers]
    count = 0
    for r, values in enumerate(rows, start=1):
        count = r
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if hasattr(value, "isoformat"):
                ws.write_datetime(r, c, value, date)
                widths[c] = max(widths[c], 12)
            else:
                text = str(value)
                # Written as text so codes such as "0254" or "747" keep their exact form.
                ws.write_string(r, c, text)
                widths[c] = min(max(widths[c], len(text) + 2), 60)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.autofilter(0, 0, max(count, 1), len(headers) - 1)
    _instructions(book, UNITS if sheet == SHEET_NAMES[UNITS] else OFFICIALS, head)
    book.close()
    return buffer.getvalue()


def template_xlsx(kind: str) -> bytes:
    """An empty list with the headers, plus an instructions sheet with an example row."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#f2dcdb", "border": 1})
    ws = book.add_worksheet(SHEET_NAMES[kind])
    headers = template_headers(kind)
    ws.write_row(0, 0, headers, head)
    text = book.add_format({"num_format": "@"})
    for c, h in enumerate(headers):
        # Text format, so Excel keeps leading zeros in codes and phone numbers.
        ws.set_column(c, c, max(len(h) + 4, 14), text)
    ws.freeze_panes(1, 0)
    _instructions(book, kind, head)
    book.close()
    return buffer.getvalue()


COLUMN_HELP = {
    "code": "Mã duy nhất; nhập lại cùng mã sẽ cập nhật, không tạo bản ghi mới.",
    "kind": "Một trong: " + "; ".join(str(label) for _, label in UnitKind.choices) + ".",
    "jurisdiction": "Mã đơn vị hành chính đã có trong hệ thống (không tự tạo mới).",
    "parent": "Mã đơn vị cấp trên: đã có trong hệ thống hoặc ở một dòng khác của tệp "
    "(trên hay dưới đều được).",
    "valid_from": "Ngày dd/mm/yyyy (ví dụ 01/08/2022) hoặc yyyy-mm-dd.",
    "valid_to": "Để trống nếu đơn vị đang hoạt động.",
    "unit": "Mã đơn vị đã có trong hệ thống.",
    "head": HEAD_HELP + ". Áp dụng cho đơn vị của chính cán bộ, từ ngày nhập.",
}


def _instructions(book: Any, kind: str, head: Any) -> None:
    ws = book.add_worksheet("Hướng dẫn")
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 2, 90)
    ws.write_row(0, 0, ["Cột", "Bắt buộc", "Cách ghi"], head)
    for r, col in enumerate(COLUMNS[kind], start=1):
        ws.write_row(r, 0, [col.header, "có" if col.required else "", COLUMN_HELP.get(col.field, "")])
    r = len(COLUMNS[kind]) + 2
    ws.write(r, 0, "Ví dụ một dòng (trang tính đầu tiên):", head)
    for offset, row in enumerate(example_rows(kind), start=1):
        ws.write_row(r + offset, 0, row)
    ws.write(
        r + 4,
        0,
        "Cả tệp được kiểm tra trước khi ghi: chỉ cần một dòng lỗi là không dòng nào được ghi. "
        "Dòng tiêu đề là dòng 1.",
    )


def template_csv(kind: str) -> bytes:
    # The BOM makes Excel open the file as UTF-8, so the Vietnamese headers keep their diacritics.
    out = io.StringIO()
    csv.writer(out).writerow(template_headers(kind))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
