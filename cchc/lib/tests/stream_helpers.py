"""Random one-door exports written in every accepted shape, for the tests that compare the streamed
readers with reading the whole file at once: JSON list, ``{"data": [...]}`` (indented over many lines),
line-delimited JSON, CSV and XLSX. Records carry the awkward things — quotes, backslashes, brackets and
Vietnamese inside strings, numbers as numbers or text, faulty values — so a reader that cut a record in
the wrong place or lost a value would disagree."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

LIST_FIELDS = ("DanhSachHoSoBoSung", "QuaTrinhXuLy")
COLUMNS = (
    "MaHoSo",
    "MaTTHC",
    "DonViXuLy",
    "TrangThaiHoSo",
    "KenhThucHien",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "TrichYeuHoSo",
    "HoSoCoThanhPhanSoHoa",
    *LIST_FIELDS,
)
AWKWARD = ['Đề nghị "cấp" bản sao', "a\\b", "[{}]", "} ,{", "Sở Tư pháp", "", 'x\\\\"y', "tab\there"]


def _ts(t: datetime) -> str:
    return t.strftime("%Y%m%d%H%M%S")


def random_records(n: int, seed: int, *, faulty: float = 0.1) -> list[dict[str, Any]]:
    """``n`` national-shape dossier objects, about ``faulty`` of them with something wrong."""
    rng = random.Random(seed)
    base = datetime(2022, 3, 1, 8, 0)
    out: list[dict[str, Any]] = []
    for i in range(n):
        received = base + timedelta(days=rng.randrange(120), minutes=rng.randrange(540))
        status = rng.choice([2, 4, 5, 9, 10, 10, 10])
        obj: dict[str, Any] = {
            "MaHoSo": f"H-{seed}-{i:06d}",
            "MaTTHC": rng.choice(["1.004227", "2.000001", "1.001234"]),
            "DonViXuLy": rng.choice(["P1", "P2", "P3"]),
            "TrangThaiHoSo": status if rng.random() < 0.5 else str(status),
            "KenhThucHien": rng.choice([1, 2, 3]),
            "NgayTiepNhan": _ts(received),
            "NgayHenTra": _ts(received + timedelta(days=rng.randrange(3, 20))),
            "TrichYeuHoSo": rng.choice(AWKWARD),
        }
        if status in (9, 10):
            obj["NgayKetThucXuLy"] = _ts(received + timedelta(days=rng.randrange(1, 25), hours=2))
        if rng.random() < 0.5:
            obj["HoSoCoThanhPhanSoHoa"] = rng.choice([0, 1])
        if rng.random() < 0.3 or status == 5:
            asked = received + timedelta(days=1, hours=2)
            done = None if status == 5 else asked + timedelta(days=rng.randrange(1, 5))
            obj["DanhSachHoSoBoSung"] = [
                {"NgayBoSung": _ts(asked), **({"NgayTiepNhanBoSung": _ts(done)} if done else {})}
            ]
        obj["QuaTrinhXuLy"] = [
            {
                "PhongBanXuLy": obj["DonViXuLy"],
                "NguoiXuLy": rng.choice(["Nguyễn Văn An", "Trần Thị Bình", 'Lê "Cường"']),
                "NgayBatDau": _ts(received),
                "ThoiDiemXuLy": _ts(received + timedelta(hours=rng.randrange(1, 30))),
                "NgayKetThucTheoQuyDinh": _ts(received + timedelta(days=rng.randrange(1, 6))),
            }
            for _ in range(rng.randrange(0, 3))
        ]
        if rng.random() < faulty:
            key, value = rng.choice(
                [
                    ("NgayTiepNhan", "2022-13-45"),
                    ("TrangThaiHoSo", "11"),
                    ("MaTTHC", ""),
                    ("KenhThucHien", 7),
                    ("NgayHenTra", "không rõ"),
                ]
            )
            obj[key] = value
        out.append(obj)
    if n > 3 and faulty:
        out[n // 2]["MaHoSo"] = out[1]["MaHoSo"]  # a repeated code, far from its first row
    return out


def write_json(path: Path, records: list[Any]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def write_data_object(path: Path, records: list[Any]) -> Path:
    """``{"meta": …, "data": [...]}`` indented, with a BOM: a record spans many lines."""
    doc = {"meta": {"service": "DongBoHoSoMC", "note": ["data", {"data": 1}]}, "data": records}
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(doc, ensure_ascii=True, indent=2).encode("utf-8"))
    return path


def write_ndjson(path: Path, records: list[Any]) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if len(lines) > 2:
        lines.insert(2, "")  # a blank line: skipped, but counted
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_text(records: list[dict[str, Any]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for i, r in enumerate(records):
        writer.writerow([_cell(r.get(c)) for c in COLUMNS])
        if i == 2:
            writer.writerow(["", " ", ""])  # a blank row: skipped, but counted
    return out.getvalue()


def write_csv(path: Path, records: list[dict[str, Any]], delimiter: str = ",") -> Path:
    path.write_text(csv_text(records, delimiter), encoding="utf-8", newline="")
    return path


def write_xlsx(path: Path, records: list[dict[str, Any]]) -> Path:
    """The CSV's cells in a workbook; status and channel as numbers, the rest as text."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, COLUMNS)
    row = 1
    for i, r in enumerate(records):
        for j, c in enumerate(COLUMNS):
            value = r.get(c)
            if c in ("TrangThaiHoSo", "KenhThucHien") and str(value).isdigit():
                sheet.write_number(row, j, int(str(value)))
            elif value is not None and _cell(value) != "":
                sheet.write_string(row, j, _cell(value))
        row += 1
        if i == 2:
            row += 1  # a blank row
    book.close()
    return path
