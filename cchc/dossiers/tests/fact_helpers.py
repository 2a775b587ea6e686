"""Varied national-format dossiers for the daily-fact tests: every unit, procedure, channel and status
of the small catalogue, with or without an appointment, with up to two supplement requests."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from cchc.dossiers.tests.import_helpers import national


def ts(d: dt.datetime) -> str:
    return d.strftime("%Y%m%d%H%M%S")


def varied_dossier(rng: random.Random, i: int) -> dict[str, Any]:
    """Any unit, procedure, channel and status; sometimes no appointment, sometimes two supplements."""
    received = dt.datetime(2022, 3, 1, 8) + dt.timedelta(days=rng.randrange(60), hours=rng.randrange(8))
    status = rng.choice([1, 2, 3, 4, 5, 6, 9, 10, 10, 10])
    obj = national(
        f"U-{i:04d}",
        MaTTHC=rng.choice(["1.004227", "2.000815"]),
        DonViXuLy=rng.choice(["P1", "P2", "P1-MC"]),
        DonViTiepNhan="",
        KenhThucHien=rng.choice([1, 2]),
        TrangThaiHoSo=status,
        NgayTiepNhan=ts(received) if status != 1 else "",
        NgayHenTra=ts(received + dt.timedelta(days=rng.randrange(1, 12))) if rng.random() > 0.1 else "",
        NgayKetThucXuLy="",
        NgayTra="",
        QuaTrinhXuLy=[],
    )
    if status in (9, 10):
        obj["NgayKetThucXuLy"] = ts(received + dt.timedelta(days=rng.randrange(0, 15)))
    supplements = []
    for k in range(rng.choice([0, 0, 1, 2])):
        asked = received + dt.timedelta(days=1 + 2 * k)
        supplements.append({"NgayBoSung": ts(asked), "NgayTiepNhanBoSung": ts(asked + dt.timedelta(days=1))})
    obj["DanhSachHoSoBoSung"] = supplements
    return obj
