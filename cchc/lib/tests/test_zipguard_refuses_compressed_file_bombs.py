"""zipguard refuses a workbook that unpacks too big, lies about its sizes, or declares a giant sheet —
reading only the zip's directory, one sheet's first bytes and counted streams."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from cchc.lib.zipguard import Limits, WorkbookRefused, check_workbook, declared_size

LIMITS = Limits(uncompressed_bytes=4 * 1024 * 1024, cells=1_000_000)
SHEET = "xl/worksheets/sheet1.xml"


def workbook(sheet: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr(SHEET, sheet)
        for name, body in (extra or {}).items():
            zf.writestr(name, body)
    return buf.getvalue()


def sheet_xml(ref: str, filler: int = 0) -> bytes:
    return (
        b'<?xml version="1.0"?><worksheet><dimension ref="'
        + ref.encode()
        + b'"/><sheetData>'
        + b" " * filler
        + b"</sheetData></worksheet>"
    )


def test_an_ordinary_workbook_passes_and_reports_its_real_size():
    data = workbook(sheet_xml("A1:Z200"))
    assert check_workbook(data, LIMITS) == declared_size(data)


def test_a_sheet_that_unpacks_beyond_the_limit_is_refused():
    bomb = workbook(sheet_xml("A1:B2", filler=20 * 1024 * 1024))
    assert len(bomb) < 100_000  # the file itself is small
    with pytest.raises(WorkbookRefused, match="giải nén lớn hơn 4 MB"):
        check_workbook(bomb, LIMITS)


def test_a_sheet_declaring_a_million_rows_is_refused_before_parsing():
    with pytest.raises(WorkbookRefused, match="quá giới hạn"):
        check_workbook(workbook(sheet_xml("A1:XFD1048576")), LIMITS)


def test_a_member_that_lies_about_its_size_is_refused():
    data = bytearray(workbook(sheet_xml("A1:B2", filler=20 * 1024 * 1024)))
    # Rewrite every declared uncompressed size of the sheet to 1 KB (local header and directory).
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_len]) == SHEET.encode():
                struct.pack_into("<I", data, at + offset, 1024)
            start = at + 4
    with pytest.raises(WorkbookRefused):
        check_workbook(bytes(data), LIMITS)


def test_something_that_is_not_a_zip_is_refused_in_vietnamese():
    with pytest.raises(WorkbookRefused, match="không phải bảng tính"):
        check_workbook(b"PK\x03\x04 not really a zip", LIMITS)
