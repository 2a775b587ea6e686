"""Import of officially published results (the province's PAR INDEX and SIPAS by year and component)
from a CSV file. All or nothing: a row with an unknown index, unit (jurisdiction code) or year, or a
value that is not a number, is named with its row and nothing is written.

Columns: ChiSo (parindex | sipas), Nam, MaDonVi (administrative code of the province), ThanhPhan
(component code, ``total`` for the index itself), TenThanhPhan, GiaTri, ToiDa, XepHang, TrenTong, Nguon.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from cchc.org.models import Jurisdiction
from cchc.scorecards.models import Family

COLUMNS = (
    "ChiSo",
    "Nam",
    "MaDonVi",
    "ThanhPhan",
    "TenThanhPhan",
    "GiaTri",
    "ToiDa",
    "XepHang",
    "TrenTong",
    "Nguon",
)
FAMILIES = {Family.PARINDEX.value, Family.SIPAS.value}
MAX_BYTES = 1_000_000
FIRST_YEAR = 2012  # the first PAR INDEX was published for 2012


@dataclass
class RowError:
    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột {self.field}: {self.message}"


class PublishedImportError(ValueError):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors[:20]))


def _decimal(text: str) -> Decimal | None:
    if not text.strip():
        return None
    value = Decimal(text.strip().replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation
    return value


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def parse(data: bytes) -> list[dict[str, Any]]:
    if len(data) > MAX_BYTES:
        raise PublishedImportError([RowError(0, "tệp", "Tệp lớn quá 1 MB.")])
    if b"\x00" in data:
        raise PublishedImportError(
            [RowError(0, "tệp", "Tệp có ký tự không hợp lệ (NUL); lưu lại dạng CSV UTF-8.")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PublishedImportError(
            [RowError(0, "tệp", "Tệp không phải văn bản UTF-8; lưu lại dạng CSV UTF-8.")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:6] if c not in (reader.fieldnames or [])]
    if missing:
        raise PublishedImportError([RowError(1, ", ".join(missing), "Thiếu cột.")])
    areas = dict(Jurisdiction.objects.values_list("code", "pk"))
    this_year = timezone.localdate().year
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    for n, raw in enumerate(reader, start=2):
        r = {k: (raw.get(k) or "").strip() for k in COLUMNS}
        if not any(r.values()):
            continue
        if r["ChiSo"] not in FAMILIES:
            errors.append(
                RowError(n, "ChiSo", f"Chỉ số «{r['ChiSo'][:20]}» không rõ; dùng parindex hoặc sipas.")
            )
        try:
            year = int(r["Nam"])
            if not FIRST_YEAR <= year <= this_year:
                raise ValueError
        except ValueError:
            errors.append(
                RowError(n, "Nam", f"Năm «{r['Nam'][:10]}» không hợp lệ (từ {FIRST_YEAR} đến {this_year}).")
            )
            year = 0
        if r["MaDonVi"] not in areas:
            errors.append(
                RowError(n, "MaDonVi", f"Không có địa phương mã «{r['MaDonVi'][:20]}» trong hệ thống.")
            )
        try:
            value = _decimal(r["GiaTri"])
            if value is None:
                raise InvalidOperation
            max_value = _decimal(r["ToiDa"])
        except InvalidOperation:
            errors.append(RowError(n, "GiaTri", "Giá trị phải là số."))
            value = max_value = None
        try:
            rank, rank_of = _int(r["XepHang"]), _int(r["TrenTong"])
        except ValueError:
            errors.append(RowError(n, "XepHang", "Xếp hạng phải là số nguyên."))
            rank = rank_of = None
        rows.append(
            {
                "family": r["ChiSo"],
                "year": year,
                "area_id": areas.get(r["MaDonVi"]),
                "component": r["ThanhPhan"][:40] or "total",
                "label": r["TenThanhPhan"][:255] or "Tổng điểm",
                "value": value,
                "max_value": max_value,
                "rank": rank,
                "rank_of": rank_of,
                "source": r["Nguon"][:500],
            }
        )
    if errors:
        raise PublishedImportError(errors)
    return rows
