"""Shared data for the write-path tests (import, facts, stats, actions): a small catalogue on top of the
persona world and national-format dossier objects built from a few keyword arguments."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from cchc.dossiers.models import LimitUnit, Procedure


def make_catalogue() -> dict[str, Procedure]:
    return {
        "hk": Procedure.objects.create(
            national_code="1.004227",
            name="Đăng ký khai sinh",
            field_code="HT",
            field_name="Hộ tịch",
            level="commune",
            limit_value=Decimal("3"),
            limit_unit=LimitUnit.WORKING_DAYS,
        ),
        "ct": Procedure.objects.create(
            national_code="2.000815",
            name="Chứng thực bản sao từ bản chính",
            field_code="CT",
            field_name="Chứng thực",
            level="commune",
            limit_value=Decimal("8"),
            limit_unit=LimitUnit.HOURS,
        ),
    }


def national(code: str, **kw: Any) -> dict[str, Any]:
    """A finished, on-time dossier of Phường 1 unless keywords say otherwise."""
    obj: dict[str, Any] = {
        "MaHoSo": code,
        "MaTTHC": "1.004227",
        "DonViXuLy": "P1",
        "DonViTiepNhan": "P1-MC",
        "ChuHoSo": "Nguyễn Văn Dân",
        "SoGiayToChuHoSo": "077090001234",
        "SoDienThoai": "0909000111",
        "KenhThucHien": 1,
        "TrangThaiHoSo": 10,
        "NgayTiepNhan": "20220307080000",
        "NgayHenTra": "20220310170000",
        "NgayKetThucXuLy": "20220310090000",
        "NgayTra": "20220310100000",
        "DanhSachHoSoBoSung": [],
        "QuaTrinhXuLy": [
            {
                "PhongBanXuLy": "P1-MC",
                "NguoiXuLy": "Vũ Thị Mai",
                "NgayBatDau": "20220307080000",
                "ThoiDiemXuLy": "20220307090000",
                "NgayKetThucTheoQuyDinh": "20220307170000",
            },
            {
                "PhongBanXuLy": "P1",
                "NguoiXuLy": "Trần Thị Bình",
                "NgayBatDau": "20220307090000",
                "ThoiDiemXuLy": "20220309160000",
                "NgayKetThucTheoQuyDinh": "20220310120000",
            },
        ],
    }
    obj.update(kw)
    return obj


def as_json(objs: list[dict[str, Any]], wrap: bool = False) -> bytes:
    import json

    return json.dumps({"data": objs} if wrap else objs, ensure_ascii=False).encode()


def as_rows(objs: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    import json

    headers: list[str] = []
    for obj in objs:
        for k in obj:
            if k not in headers:
                headers.append(k)
    rows = []
    for obj in objs:
        row = []
        for h in headers:
            v = obj.get(h, "")
            row.append(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
        rows.append(row)
    return headers, rows


def as_csv(objs: list[dict[str, Any]], headers_map: dict[str, str] | None = None) -> bytes:
    import csv
    import io

    headers, rows = as_rows(objs)
    if headers_map:
        headers = [headers_map.get(h, h) for h in headers]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def as_xlsx(objs: list[dict[str, Any]]) -> bytes:
    import io

    import xlsxwriter

    headers, rows = as_rows(objs)
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet("HoSo")
    sheet.write_row(0, 0, headers)
    for i, row in enumerate(rows, start=1):
        sheet.write_row(i, 0, row)
    book.close()
    return buf.getvalue()


def sample(n: int = 6) -> list[dict[str, Any]]:
    """A mix: finished early/on time/late, open, one with a completed supplement, one online."""
    out = [
        national("000.00.01.H22-220307-0001"),
        national(
            "000.00.01.H22-220307-0002",
            NgayKetThucXuLy="20220308100000",
            NgayTra="20220308110000",
            KenhThucHien=2,
        ),
        national("000.00.01.H22-220307-0003", NgayKetThucXuLy="20220315100000", NgayTra="20220315110000"),
        national("000.00.01.H22-220307-0004", TrangThaiHoSo=4, NgayKetThucXuLy="", NgayTra=""),
        national(
            "000.00.01.H22-220307-0005",
            NgayKetThucXuLy="20220314100000",
            NgayTra="20220314110000",
            DanhSachHoSoBoSung=[{"NgayBoSung": "20220308090000", "NgayTiepNhanBoSung": "20220310090000"}],
        ),
        national(
            "000.00.01.H22-220307-0006",
            MaTTHC="2.000815",
            DonViXuLy="P1-MC",
            DonViTiepNhan="P1-MC",
            NgayHenTra="",
            NgayKetThucXuLy="20220307150000",
            NgayTra="20220307160000",
            QuaTrinhXuLy=[],
        ),
    ]
    return out[:n]


def run_command(command: str, *args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of a management command run in this process."""
    import io

    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()
