"""One reader of the national sync format, held to it on random records: the import's row parser
(``records.parse_record``), the pure commands' reader (``natsync.parse_records``) and the columnar fast
path (``columnar_parse.parse_csv``) take their fields, instant reader and value readers from
``cchc.lib.natsync_fields`` / ``natsync_values``, so on any record drawn from values both are meant to
read alike they refuse the same fields (in a file, on the same rows) and, when they accept, read the
same timeline and the same service facts. No database needed.

Kept out of the draws, because the two readers answer different questions there (natsync_fields says
why): ``LienThong`` against ``LienThongNgoai``, the legal limit and ``LichSuTrangThai`` (the commands
only), ``DonViXuLy`` (required by the ledger only), a step's date-only deadline (the commands read it to
the end of that day), steps out of order and an end earlier on the day of receipt (the commands only
check those), and ``4.0`` / ``+4`` as codes (the ledger's integer reader takes them)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from cchc.dossiers.columnar_parse import NotColumnar, parse_csv
from cchc.dossiers.importing import parse_file
from cchc.dossiers.records import parse_record
from cchc.dossiers.tests.import_helpers import as_csv, as_json, national
from cchc.lib import natsync

GOOD_RECEIPT = ["20220307080000", "2022-03-07T08:00:00", "07/03/2022 08:00", "2022-03-07T01:00:00Z"]
UNREADABLE = ["20221307080000", "abc", "2022030708", "31/02/2022", "7/3/22"]
LATER = ["20220310170000", "202203101700", "20220310", "2022-03-10", "10/03/2022 17:00", "20220311"]
EARLIER_DAY = ["20220306080000", "05/03/2022"]
STATUSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "10", " 4 ", 0, 11, "x", "", None]
CHANNELS = [1, 2, 3, "2", " 3 ", 2.0, 0, 4, "x"]
FLAGS = ["1", "0", 1, 0, "có", "khong", "", None, "maybe", 2]
ATTACHMENTS = [None, "", "[]", "0", "https://x/kq.pdf", '[{"TenTep": "kq.pdf"}]', "không"]
PAYMENTS = [0, 1, 2, "1", "", None, 3, "x"]
CODES = ["A-1", "", "  ", None, 123, " A-2 "]

# The fields both readers check, and the list fields (an error inside one is named by its item).
SHARED = {
    "MaHoSo",
    "MaTTHC",
    "TrangThaiHoSo",
    "NgayTiepNhan",
    "NgayHenTra",
    "NgayKetThucXuLy",
    "KenhThucHien",
    "HoSoCoThanhPhanSoHoa",
    "TaiKhoanDuocXacThucVoiVNeID",
    "DuocThanhToanTrucTuyen",
    "DanhSachHoSoBoSung",
    "QuaTrinhXuLy",
}


def _draw(rng: random.Random, i: int) -> dict[str, Any]:
    obj = national(f"R-{i}")

    def sometimes(key: str, pool: list[Any], p: float = 0.25) -> None:
        if rng.random() < p:
            obj[key] = rng.choice(pool)

    sometimes("NgayTiepNhan", GOOD_RECEIPT + UNREADABLE[:2] + ["", None])
    sometimes("NgayHenTra", LATER + EARLIER_DAY + UNREADABLE[2:] + [""])
    sometimes("NgayKetThucXuLy", LATER + EARLIER_DAY + UNREADABLE + ["", None])
    sometimes("TrangThaiHoSo", STATUSES)
    sometimes("KenhThucHien", CHANNELS)
    sometimes("HoSoCoThanhPhanSoHoa", FLAGS)
    sometimes("TaiKhoanDuocXacThucVoiVNeID", FLAGS)
    sometimes("DinhKemKetQua", ATTACHMENTS)
    sometimes("DuocThanhToanTrucTuyen", PAYMENTS)
    sometimes("MaHoSo", CODES, 0.08)
    sometimes("MaTTHC", CODES, 0.08)
    if rng.random() < 0.15:
        step = rng.randrange(2)
        obj["QuaTrinhXuLy"][step][rng.choice(["NgayBatDau", "ThoiDiemXuLy", "NgayKetThucTheoQuyDinh"])] = (
            rng.choice(UNREADABLE)
        )
    if rng.random() < 0.25:
        asked = rng.choice(["20220308080000", "08/03/2022 08:00", *UNREADABLE[:2], ""])
        done = rng.choice(["20220309080000", "20220307090000", "", *UNREADABLE[:1]])
        obj["DanhSachHoSoBoSung"] = [{"NgayBoSung": asked, "NgayTiepNhanBoSung": done, "NoiDungBoSung": "x"}]
    if rng.random() < 0.05:
        obj[rng.choice(["QuaTrinhXuLy", "DanhSachHoSoBoSung"])] = rng.choice(["x", [None], [1]])
    return obj


def _fields(names: list[str]) -> set[str]:
    return {name.split("[")[0] for name in names} & SHARED


RECORDS = [_draw(random.Random(17 + i), i) for i in range(600)]


@pytest.mark.parametrize("start", range(0, len(RECORDS), 100))
def test_both_readers_refuse_the_same_fields_and_read_the_same_dossier(start):
    accepted = 0
    for raw in RECORDS[start : start + 100]:
        judged = natsync.parse_records([raw])
        rec, errors = parse_record(2, raw)
        assert _fields([e.field for e in judged.errors]) == _fields([e.field for e in errors]), raw
        if rec is None or not judged.dossiers:
            assert rec is None and not judged.dossiers, raw
            continue
        accepted += 1
        dossier, facts = judged.dossiers[0], judged.facts[0]
        assert (rec.code, rec.procedure_code, rec.status) == (
            dossier.code,
            dossier.procedure_code,
            dossier.status,
        )
        assert (rec.received_at, rec.appointment_at, rec.end_at) == (
            dossier.received_at,
            dossier.appointment_at,
            dossier.ended_at,
        )
        assert [(s.requested_at, s.completed_at) for s in rec.supplements] == [
            (s.requested_at, s.completed_at) for s in dossier.supplements
        ]
        assert [(s.started_at, s.finished_at, s.deadline_at, s.official_name) for s in rec.steps] == [
            (s.started, s.finished, s.deadline, s.official) for s in dossier.steps
        ]
        assert rec.channel == (facts.channel or 1)
        assert (rec.digitised_inputs, rec.electronic_result, rec.online_payment, rec.vneid_verified) == (
            facts.digitised_inputs,
            facts.electronic_result,
            facts.online_payment,
            facts.vneid_verified,
        )
    # The draws exercise both outcomes in every slice.
    assert 10 < accepted < 90


def test_the_columnar_path_reads_random_plain_files_as_the_row_path_does():
    rng = random.Random(766)
    compared = 0
    for n in range(12):
        rows = [
            national(
                f"C-{n}-{i}",
                TrangThaiHoSo=rng.choice([4, 10]),
                NgayKetThucXuLy="20220310090000",
                KenhThucHien=rng.choice(["1", "2", "3", ""]),
                HoSoCoThanhPhanSoHoa=rng.choice(["", "1", "0"]),
                DinhKemKetQua=rng.choice(["", "[]", "https://x/kq.pdf", "0"]),
                DuocThanhToanTrucTuyen=rng.choice(["", "0", "1", "2"]),
                TaiKhoanDuocXacThucVoiVNeID=rng.choice(["", "1", "0"]),
            )
            for i in range(rng.randrange(1, 40))
        ]
        if rng.random() < 0.3:  # another spelling somewhere: the fast path must decline, never differ
            rows[rng.randrange(len(rows))]["NgayTiepNhan"] = "07/03/2022 08:00"
        data = as_csv(rows)
        _, records, errors, _ = parse_file(data, "hoso.csv")
        assert not errors
        try:
            columns = parse_csv(data)
        except NotColumnar:
            continue
        compared += 1
        frame = columns.dossiers
        for key in (
            "code",
            "status",
            "channel",
            "received_at",
            "end_at",
            "digitised_inputs",
            "electronic_result",
            "online_payment",
            "vneid_verified",
        ):
            assert frame[key].to_list() == [getattr(r, key) for r in records], key
        assert columns.steps["finished_at"].to_list() == [s.finished_at for r in records for s in r.steps]
    assert compared >= 5


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_both_readers_name_the_same_rows_of_a_random_file(fmt):
    records = RECORDS[:200]
    data = as_csv(records) if fmt == "csv" else as_json(records)
    _, accepted, errors, _ = parse_file(data, f"hoso.{fmt}")
    judged = natsync.parse_csv(data.decode()) if fmt == "csv" else natsync.parse_json(data)
    # A MaHoSo repeated in the file: the commands say so while reading, the import when it checks the
    # file against the ledger (``actions.upsert_dossiers``), a later step than this one.
    repeated = {e.index for e in judged.errors if e.reason.startswith("trùng mã hồ sơ")}
    import_rows = {(e.row, f) for e in errors for f in _fields([e.field])}
    command_rows = {
        (e.index, f) for e in judged.errors if e.index not in repeated for f in _fields([e.field])
    }
    assert import_rows - {(row, f) for row, f in import_rows if row in repeated} == command_rows
    assert [r.row for r in accepted if r.row not in repeated] == judged.indexes
    assert len(judged.indexes) > 20 and len(command_rows) > 20
