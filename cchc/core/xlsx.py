"""Streamed XLSX copies of the lists on screen (the same columns, the filters on screen written on top).

A list may hold hundreds of thousands of rows, so the workbook is written row by row in XlsxWriter's
``constant_memory`` mode (each row leaves memory once written) to a temporary file, which the response
then streams in blocks; memory stays flat whatever the size of the list.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from django.http import FileResponse
from django.utils import timezone

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit is 1,048,576 rows; the title, filter and header lines take the first ones.
MAX_ROWS = 1_048_000


def write_xlsx(
    target: Any, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, note: str = ""
) -> int:
    """One sheet: the title, the filters on screen (``note``), the header row, the rows. Dates as dates,
    numbers as numbers, everything else as text (codes keep their leading zeros). Returns the rows
    written."""
    book = xlsxwriter.Workbook(target, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    book.set_properties({"title": title})
    bold = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#f2dcdb", "border": 1, "text_wrap": True})
    date = book.add_format({"num_format": "dd/mm/yyyy"})
    stamp = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    share = book.add_format({"num_format": "0.0%"})
    ws = book.add_worksheet(title[:31].replace("/", "-").replace(":", " "))
    # Widths must be set before rows are written in constant-memory mode: from the headers.
    for c, h in enumerate(headers):
        ws.set_column(c, c, min(max(len(h) + 4, 12), 60))
    ws.write(0, 0, title, bold)
    top = 1
    if note:
        ws.write(1, 0, note)
        top = 2
    ws.write_row(top, 0, list(headers), head)
    ws.freeze_panes(top + 1, 0)
    count = 0
    for r, values in enumerate(rows, start=top + 1):
        if r > MAX_ROWS:
            break
        count += 1
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, dt.datetime):
                local = timezone.localtime(value) if value.tzinfo else value
                ws.write_datetime(r, c, local.replace(tzinfo=None), stamp)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
            elif isinstance(value, bool):
                ws.write_string(r, c, "có" if value else "")
            elif isinstance(value, int):
                ws.write_number(r, c, value)
            elif isinstance(value, Share):
                ws.write_number(r, c, value.value, share)
            elif isinstance(value, float):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, str(value))
    ws.autofilter(top, 0, top + max(count, 1), max(len(headers) - 1, 0))
    book.close()
    return count


class Share:
    """A share of one (0.125), written as a percentage cell (12.5 %)."""

    def __init__(self, value: float) -> None:
        self.value = value


def xlsx_download(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, note: str = ""
) -> FileResponse:
    """The workbook written to a temporary file (deleted when the response closes it), streamed."""
    # Not a context manager: the response closes (and so deletes) the file once it is sent.
    spool = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115
    write_xlsx(spool, title, headers, rows, note=note)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)


def describe_filters(form: Any) -> str:
    """ "Lọc: Đơn vị giải quyết: UBND Phường 1; Giải quyết xong từ ngày: 01/12/2026" — the filters on
    screen, written above an export so the file says which rows it holds."""
    if not getattr(form, "is_bound", False) or not form.is_valid():
        return ""
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", False, [], ()):
            continue
        if isinstance(value, bool):
            shown = "có"
        elif isinstance(value, dt.date):
            shown = f"{value:%d/%m/%Y}"
        elif hasattr(field, "choices") and not hasattr(value, "pk"):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        parts.append(f"{field.label}: {shown}")
    return "Lọc: " + "; ".join(parts) if parts else ""
