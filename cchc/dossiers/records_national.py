"""A ledger record written back in the national sync shape (instants as yyyyMMddHHmmss): what the demo
exports and the round-trip tests compare; the inverse of ``records.parse_record``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cchc.dossiers.records import DossierRecord
from cchc.lib.natsync_fields import FIELDS, OPTIONAL_KINDS


def to_national(rec: DossierRecord) -> dict[str, Any]:
    """The record in the national sync shape (instants as yyyyMMddHHmmss); the inverse of parse_record."""

    def ts(value: dt.datetime | None) -> str:
        return value.strftime("%Y%m%d%H%M%S") if value else ""

    out: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.kind == "list":
            continue
        value = getattr(rec, spec.key)
        if spec.kind in OPTIONAL_KINDS or spec.key == "online_payment":
            # Absent stays absent: an empty value would read back as "no" (DinhKemKetQua) or be refused.
            if value is not None:
                out[spec.national] = ([] if not value else 1) if spec.kind == "attachment" else int(value)
            continue
        out[spec.national] = ts(value) if spec.kind == "instant" else ("" if value is None else value)
    out["DanhSachHoSoBoSung"] = [
        {
            "NgayBoSung": ts(s.requested_at),
            "NgayTiepNhanBoSung": ts(s.completed_at),
            "NoiDungBoSung": s.content,
        }
        for s in rec.supplements
    ]
    out["QuaTrinhXuLy"] = [
        {
            "PhongBanXuLy": s.unit_ref,
            "DonViChuyen": s.from_unit_ref,
            "NguoiXuLy": s.official_name,
            "ChucDanh": s.position,
            "NoiDungXuLy": s.content,
            "NgayBatDau": ts(s.started_at),
            "ThoiDiemXuLy": ts(s.finished_at),
            "NgayKetThucTheoQuyDinh": ts(s.deadline_at),
            "LienThongNgoai": s.external,
        }
        for s in rec.steps
    ]
    return out
