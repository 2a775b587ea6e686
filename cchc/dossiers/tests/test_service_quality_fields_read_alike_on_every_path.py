"""The national fields the Decision 766 indicators read (HoSoCoThanhPhanSoHoa, DinhKemKetQua,
DuocThanhToanTrucTuyen, TaiKhoanDuocXacThucVoiVNeID, KenhThucHien, DonViXuLy) come out the same from
the three readers: the pure national-sync reader, the import's row parser (JSON, CSV, XLSX) and the
columnar fast path. Absent is unknown (None), never "no". No database needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from cchc.dossiers.columnar_parse import NotColumnar, parse_csv
from cchc.dossiers.importing import parse_file
from cchc.dossiers.records import parse_record
from cchc.dossiers.records_national import to_national
from cchc.dossiers.tests.import_helpers import as_csv, as_json, as_xlsx, national
from cchc.lib import natsync

KEYS = ("digitised_inputs", "electronic_result", "online_payment", "vneid_verified")

# (extra national fields, expected (digitised, electronic result, payment, VNeID))
CASES = [
    ({}, (None, None, None, None)),
    (
        {"HoSoCoThanhPhanSoHoa": "1", "DinhKemKetQua": "https://x/kq.pdf", "DuocThanhToanTrucTuyen": "2"},
        (True, True, 2, None),
    ),
    (
        {"HoSoCoThanhPhanSoHoa": "0", "DinhKemKetQua": "", "TaiKhoanDuocXacThucVoiVNeID": "1"},
        (False, False, None, True),
    ),
    (
        {"DinhKemKetQua": "[]", "DuocThanhToanTrucTuyen": "0", "TaiKhoanDuocXacThucVoiVNeID": "0"},
        (None, False, 0, False),
    ),
    ({"DinhKemKetQua": "0"}, (None, False, None, None)),
    ({"DinhKemKetQua": '[{"TenTep": "kq.pdf"}]'}, (None, True, None, None)),
]


def _objects() -> list[dict]:
    return [national(f"A-{i}", **extra) for i, (extra, _) in enumerate(CASES)]


def _expected() -> list[tuple]:
    return [want for _, want in CASES]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_the_pure_reader_gives_the_expected_facts(tmp_path: Path, fmt):
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(as_json(_objects(), wrap=True) if fmt == "json" else as_csv(_objects()))
    parsed = natsync.read_file(path)
    assert not parsed.errors
    got = [
        (f.digitised_inputs, f.electronic_result, f.online_payment, f.vneid_verified) for f in parsed.facts
    ]
    assert got == (_as_table(_expected()) if fmt == "csv" else _expected())
    assert {f.unit for f in parsed.facts} == {"P1"}
    assert [f.channel for f in parsed.facts] == [1] * len(CASES)


def _as_table(expected: list[tuple]) -> list[tuple]:
    # A table has the column for every row: an empty DinhKemKetQua cell says "no file".
    return [(d, False if e is None else e, p, v) for d, e, p, v in expected]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_the_import_row_parser_gives_the_same_facts(fmt):
    data = {"json": as_json, "csv": as_csv, "xlsx": as_xlsx}[fmt](_objects())
    _, records, errors, _ = parse_file(data, f"export.{fmt}")
    assert not errors
    got = [tuple(getattr(r, k) for k in KEYS) for r in records]
    assert got == (_expected() if fmt == "json" else _as_table(_expected()))


def test_the_columnar_path_gives_what_the_row_path_gives():
    data = as_csv(_objects())
    columns = parse_csv(data).dossiers
    _, records, _, _ = parse_file(data, "export.csv")
    for key in KEYS:
        assert columns[key].to_list() == [getattr(r, key) for r in records], key


def test_the_columnar_path_leaves_the_columns_unknown_when_the_file_lacks_them():
    columns = parse_csv(as_csv([national("A-1")])).dossiers
    assert [columns[k][0] for k in KEYS] == [None, None, None, None]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"HoSoCoThanhPhanSoHoa": "có"}, "HoSoCoThanhPhanSoHoa"),  # the row path reads it; fast path declines
        ({"DuocThanhToanTrucTuyen": "3"}, "DuocThanhToanTrucTuyen"),
        ({"TaiKhoanDuocXacThucVoiVNeID": "2"}, "TaiKhoanDuocXacThucVoiVNeID"),
    ],
)
def test_the_columnar_path_hands_anything_else_to_the_row_path(extra, field):
    with pytest.raises(NotColumnar, match=field):
        parse_csv(as_csv([national("A-1", **extra)]))


@pytest.mark.parametrize(
    ("extra", "field", "pure_reason", "row_reason"),
    [
        ({"KenhThucHien": "4"}, "KenhThucHien", "kênh thực hiện phải là 1", "Kênh thực hiện phải là 1"),
        (
            {"DuocThanhToanTrucTuyen": "5"},
            "DuocThanhToanTrucTuyen",
            "phải là 0 (không), 1",
            "Phải là 0 (không), 1",
        ),
        (
            {"HoSoCoThanhPhanSoHoa": "có lẽ"},
            "HoSoCoThanhPhanSoHoa",
            "phải là 1 (có) hoặc 0",
            "Phải là 1 (có)",
        ),
        (
            {"TaiKhoanDuocXacThucVoiVNeID": 7},
            "TaiKhoanDuocXacThucVoiVNeID",
            "phải là 1 (có)",
            "Phải là 1 (có)",
        ),
    ],
)
def test_a_bad_value_is_refused_by_both_parsers_naming_the_field(extra, field, pure_reason, row_reason):
    parsed = natsync.parse_records([national("A-1", **extra)])
    assert parsed.dossiers == []
    assert [(e.field, e.reason[: len(pure_reason)]) for e in parsed.errors] == [(field, pure_reason)]
    rec, errors = parse_record(2, national("A-1", **extra))
    assert rec is None
    assert [(e.field, e.reason[: len(row_reason)]) for e in errors] == [(field, row_reason)]


def test_the_spelling_without_the_final_a_is_read_too():
    parsed = natsync.parse_records([national("A-1", HoSoCoThanhPhanSoHo=1)])
    assert parsed.facts[0].digitised_inputs is True
    rec, _ = parse_record(2, national("A-1", HoSoCoThanhPhanSoHo=1))
    assert rec is not None and rec.digitised_inputs is True


def test_to_national_keeps_unknown_unknown_and_reads_back_the_same():
    for extra, _ in CASES:
        rec, _ = parse_record(2, national("A-1", **extra))
        assert rec is not None
        again, errors = parse_record(2, to_national(rec))
        assert not errors and again is not None
        assert [getattr(again, k) for k in KEYS] == [getattr(rec, k) for k in KEYS]
