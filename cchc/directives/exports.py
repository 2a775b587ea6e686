"""XLSX copies of the tables on the directive and task screens (every table has one)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, note: str = "") -> bytes:
    """One sheet: a title line, an optional note line, the header row, the rows. Dates as dates,
    numbers as numbers, everything else as text (codes keep their leading zeros)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"title": title})
    bold = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#f2dcdb", "border": 1, "text_wrap": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    pct = book.add_format({"num_format": "0.0"})
    ws = book.add_worksheet(title[:31].replace("/", "-").replace(":", " "))
    ws.write(0, 0, title, bold)
    top = 1
    if note:
        ws.write(1, 0, note)
        top = 2
    ws.write_row(top, 0, list(headers), head)
    ws.freeze_panes(top + 1, 0)
    widths = [max(len(h) + 2, 8) for h in headers]
    last = top
    for r, values in enumerate(rows, start=top + 1):
        last = r
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value.replace(tzinfo=None), date)
                widths[c] = max(widths[c], 12)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
                widths[c] = max(widths[c], 12)
            elif isinstance(value, bool):
                ws.write_string(r, c, "có" if value else "")
            elif isinstance(value, int):
                ws.write_number(r, c, value)
            elif isinstance(value, float):
                ws.write_number(r, c, value, pct)
            else:
                text = str(value)
                ws.write_string(r, c, text)
                widths[c] = min(max(widths[c], len(text) + 2), 70)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.autofilter(top, 0, max(last, top + 1), len(headers) - 1)
    book.close()
    return buffer.getvalue()


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], **kw: Any
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(title, headers, rows, **kw), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
