"""Dossiers written to the ledger through the import path, for the scorecard tests: a small, varied set
of two wards (on time, early, late, supplement shift, second supplement, open within time and overdue,
online and in person, the 766 flags given or not)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, national

AS_OF = dt.date(2022, 12, 31)


def _sup(asked: str, done: str | None) -> dict[str, str]:
    return {"NgayBoSung": asked, "NgayTiepNhanBoSung": done or ""}


def varied() -> list[dict[str, Any]]:
    """Eleven dossiers; the comments give each one's verdict at the end of June 2022."""
    open_ = {"TrangThaiHoSo": 4, "NgayKetThucXuLy": "", "NgayTra": ""}
    return [
        # P1 on time, online, digitised with an electronic result, VNeID.
        national(
            "K-01", KenhThucHien=2, HoSoCoThanhPhanSoHoa=1, DinhKemKetQua=["kq.pdf"],
            TaiKhoanDuocXacThucVoiVNeID=1,
            NgayTiepNhan="20220606080000", NgayHenTra="20220609170000", NgayKetThucXuLy="20220608090000",
            NgayTra="20220608100000",
        ),
        # P1 late by a day (ended 10/6 after appointment 9/6), in person, paper result.
        national(
            "K-02", HoSoCoThanhPhanSoHoa=1, DinhKemKetQua="", NgayTiepNhan="20220606080000",
            NgayHenTra="20220609170000", NgayKetThucXuLy="20220610090000", NgayTra="20220610100000",
        ),
        # P1: a supplement of 2 working days shifts the appointment 9/6 → 13/6; ended 13/6: on time.
        national(
            "K-03", NgayTiepNhan="20220606080000", NgayHenTra="20220609170000",
            NgayKetThucXuLy="20220613090000", NgayTra="20220613100000",
            DanhSachHoSoBoSung=[_sup("20220607080000", "20220609080000")],
        ),
        # P1: a second supplement request makes it late although it ended before the appointment.
        national(
            "K-04", NgayTiepNhan="20220606080000", NgayHenTra="20220617170000",
            NgayKetThucXuLy="20220616090000", NgayTra="20220616100000",
            DanhSachHoSoBoSung=[
                _sup("20220607080000", "20220608080000"), _sup("20220609080000", "20220610080000")
            ],
        ),
        # P1 open at the end of June and still within time (appointment 5/7): judged at the period's end.
        national("K-05", NgayTiepNhan="20220627080000", NgayHenTra="20220705170000", **open_),
        # P1 open and overdue at the end of June (appointment 20/6).
        national("K-06", KenhThucHien=2, NgayTiepNhan="20220614080000", NgayHenTra="20220620170000", **open_),
        # P1 carried over from May, finished early in June.
        national(
            "K-07", NgayTiepNhan="20220530080000", NgayHenTra="20220606170000",
            NgayKetThucXuLy="20220602090000", NgayTra="20220602100000",
        ),
        # P1 finished in May: outside June altogether.
        national(
            "K-08", NgayTiepNhan="20220516080000", NgayHenTra="20220519170000",
            NgayKetThucXuLy="20220518090000", NgayTra="20220518100000",
        ),
        # P2: two in person, one on time and one late; no flags at all.
        national(
            "K-09", DonViXuLy="P2", DonViTiepNhan="P2",
            NgayTiepNhan="20220606080000", NgayHenTra="20220609170000",
            NgayKetThucXuLy="20220609090000", NgayTra="20220609100000", QuaTrinhXuLy=[],
        ),
        national(
            "K-10", DonViXuLy="P2", DonViTiepNhan="P2",
            NgayTiepNhan="20220606080000", NgayHenTra="20220609170000",
            NgayKetThucXuLy="20220615090000", NgayTra="20220615100000", QuaTrinhXuLy=[],
        ),
        # P2 refused (status 3): never counted.
        national(
            "K-11", DonViXuLy="P2", DonViTiepNhan="P2", TrangThaiHoSo=3, NgayTiepNhan="", NgayHenTra="",
            NgayKetThucXuLy="", NgayTra="", NgayTuChoi="20220606090000", QuaTrinhXuLy=[],
        ),
    ]  # fmt: skip


def load(world: Any, objs: list[dict[str, Any]] | None = None) -> None:
    make_catalogue()
    result = import_bytes(as_json(objs or varied()), "hoso.json", actor=world.users["office"], as_of=AS_OF)
    assert result.ok, result.errors[:3]
