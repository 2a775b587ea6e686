"""``natsync_columns.outcome_batches`` (records read as columns, the exact reader for any block it cannot
vouch for) gives what the exact reader gives — the same batch for the outcome engine and the same errors,
naming the record's number (line) and field — on random files in every shape and on each unusual value
the columns must hand to the exact reader."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from cchc.lib import natsync_columns as nc
from cchc.lib.natsync_columns import concat, exact_batches, outcome_batches
from cchc.lib.outcomes import LegalLimit, LimitUnit
from cchc.lib.tests import stream_helpers as h

FIELDS = [f for f in nc.DossierBatch.__dataclass_fields__]


def read(path: Path, reader: Any, **kw: Any) -> tuple[dict[str, Any], list[Any]]:
    batches, errors = [], []
    for batch, faults in reader(path, size=5, **kw):
        batches.append(batch)
        errors += faults
    batch = concat(batches)
    columns = {}
    for name in FIELDS:
        value = getattr(batch, name)
        if isinstance(value, np.ndarray):
            value = value.view(np.int64) if value.dtype.kind == "M" else value
        columns[name] = list(value)
    return columns, errors


@pytest.fixture
def counted(monkeypatch):
    """Small blocks, and a count of the blocks the columns read (so a test shows they were used)."""
    monkeypatch.setattr(nc, "BLOCK", 4)
    seen = {"columns": 0}
    real = nc.block_columns

    def block_columns(*args: Any) -> Any:
        out = real(*args)
        seen["columns"] += 1
        return out

    monkeypatch.setattr(nc, "block_columns", block_columns)
    return seen


def nan_safe(columns: dict[str, Any]) -> dict[str, Any]:
    return {k: [None if isinstance(x, float) and x != x else x for x in v] for k, v in columns.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(
    ("shape", "write"),
    [
        ("export.json", h.write_json),
        ("export.json", h.write_data_object),
        ("export.ndjson", h.write_ndjson),
        ("export.csv", h.write_csv),
        ("export.xlsx", h.write_xlsx),
    ],
)
def test_the_columns_answer_is_the_exact_answer_on_random_files(tmp_path, counted, seed, shape, write):
    records = h.random_records(200, seed, faulty=0.03)
    path = write(tmp_path / shape, records)
    procedures = {"1.004227": LegalLimit(5, LimitUnit.WORKING_DAYS)}
    fast, fast_errors = read(path, outcome_batches, procedures=procedures)
    exact, exact_errors = read(path, exact_batches, procedures=procedures)
    assert exact_errors, "the file has faulty records"
    assert counted["columns"] > 5, "most blocks were read as columns"
    assert nan_safe(fast) == nan_safe(exact)
    assert fast_errors == exact_errors


UNUSUAL: list[tuple[str, Any]] = [
    ("NgayTiepNhan", "2022-13-45"),  # unreadable: an error
    ("NgayTiepNhan", "2022-03-05T10:00:00+07:00"),  # ISO 8601 with an offset: read, converted
    # Impossible instants before every other date of the file (so no later check is what refuses them).
    ("NgayTiepNhan", "20220229080000"),  # 29 February of a common year
    ("NgayTiepNhan", "20220228240000"),  # hour 24
    ("NgayTiepNhan", "20220228086000"),
    ("NgayTiepNhan", "20220228080060"),
    ("NgayTiepNhan", "20221328080000"),
    ("NgayTiepNhan", "00000000000000"),
    ("NgayTiepNhan", " 20220305100000"),
    ("NgayTiepNhan", "２０２２０３０５１０００００"),  # full-width digits
    ("NgayTiepNhan", 20220305100000),
    ("NgayHenTra", "20220301"),  # a date alone
    ("NgayHenTra", "20200101080000"),  # before receipt
    ("NgayKetThucXuLy", "   "),
    ("MaHoSo", 123456789012345678901234567890),  # a number beyond 64 bits, read whole
    ("MaHoSo", " H-X "),
    ("MaHoSo", ""),
    ("MaTTHC", None),
    ("TrangThaiHoSo", True),
    ("TrangThaiHoSo", 10.0),
    ("TrangThaiHoSo", "010"),
    ("TrangThaiHoSo", 11),
    ("KenhThucHien", 2.0),
    ("KenhThucHien", True),
    ("KenhThucHien", " 2"),
    ("KenhThucHien", [2]),
    ("HoSoCoThanhPhanSoHoa", "có"),
    ("HoSoCoThanhPhanSoHoa", {"x": 1}),
    ("DuocThanhToanTrucTuyen", 3),
    ("TaiKhoanDuocXacThucVoiVNeID", "2"),
    ("LienThong", "có"),
    ("LienThong", True),
    ("ThoiGianGiaiQuyet", 5),
    ("DonViTinh", "Ngày làm việc"),
    ("LichSuTrangThai", [{"TrangThai": 10, "ThoiDiem": "20220401080000"}]),
    ("DanhSachHoSoBoSung", "  "),
    ("DanhSachHoSoBoSung", [{"NgayBoSung": "20220302080000", "NgayTiepNhanBoSung": "20220301080000"}]),
    ("DanhSachHoSoBoSung", [{"NgayTiepNhanBoSung": "20220301080000"}]),
    ("DanhSachHoSoBoSung", [None]),
    ("QuaTrinhXuLy", {"PhongBanXuLy": "P1"}),
    ("QuaTrinhXuLy", [{"PhongBanXuLy": 12, "NgayBatDau": "20220302080000"}]),
    ("QuaTrinhXuLy", [{"NguoiXuLy": "  ", "LienThong": "1"}]),
    ("QuaTrinhXuLy", [{"NgayBatDau": "20220302080000", "ThoiDiemXuLy": "20220301080000"}]),
    ("QuaTrinhXuLy", [{"NgayKetThucTheoQuyDinh": "20220302"}]),  # a day: lasts until 23:59:59
]


PAIRED = {"ThoiGianGiaiQuyet": "DonViTinh", "DonViTinh": "ThoiGianGiaiQuyet"}


@pytest.mark.parametrize(("field", "value"), UNUSUAL, ids=[f"{f}={v!r}" for f, v in UNUSUAL])
def test_an_unusual_value_is_read_as_the_exact_reader_reads_it(tmp_path, counted, field, value):
    records = h.random_records(30, 12, faulty=0)
    for r in records:
        r["TrangThaiHoSo"] = 10
        r.setdefault("NgayKetThucXuLy", "20220801080000")
    records[17] = copy.deepcopy(records[17])
    records[17][field] = value
    path = h.write_ndjson(tmp_path / "x.ndjson", records)
    fast, fast_errors = read(path, outcome_batches)
    exact, exact_errors = read(path, exact_batches)
    assert counted["columns"] >= 6, "the other blocks were read as columns"
    assert nan_safe(fast) == nan_safe(exact)
    assert fast_errors == exact_errors
    # Record 18 is on line 19 (line 3 is blank): an error names that line and the field (a limit's
    # value without its unit names the missing one).
    named = PAIRED.get(field, field)
    assert all((e.index, e.where) == (19, "dòng") and e.field.startswith(named) for e in fast_errors)


def test_a_code_repeated_in_a_later_block_is_named_with_its_first_line(tmp_path, counted):
    records = h.random_records(40, 13, faulty=0)
    records[33]["MaHoSo"] = records[2]["MaHoSo"]
    path = h.write_ndjson(tmp_path / "x.ndjson", records)
    fast, fast_errors = read(path, outcome_batches)
    exact, exact_errors = read(path, exact_batches)
    assert (nan_safe(fast), fast_errors) == (nan_safe(exact), exact_errors)
    code = records[2]["MaHoSo"]
    assert [e.message() for e in fast_errors] == [
        f"Dòng 35 (MaHoSo {code}): MaHoSo = «{code}»: trùng mã hồ sơ với dòng 4"
    ]
