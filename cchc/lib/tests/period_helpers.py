"""Hand-made dossier files for the period, report and Decision 766 tests: national-sync objects built from
a few keywords, written to a file and counted through the same path the commands use."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from cchc.lib.dossier_period import GROUPINGS, Period, Tally, count_file, summary
from cchc.lib.tests.test_outcomes_calendar_is_the_bundled_table import vn

JUNE = Period(date(2022, 6, 1), date(2022, 6, 30))


def ts(text: str) -> str:
    """'2022-06-07 09:00' → '20220607090000' (the national spelling)."""
    day, _, clock = text.partition(" ")
    return day.replace("-", "") + (clock or "00:00").replace(":", "") + "00"


def national(
    code: str,
    received: str,
    *,
    unit: str | None = "P1",
    status: int = 4,
    appointment: str | None = None,
    ended: str | None = None,
    channel: int | None = 1,
    supplements: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    **extra: Any,
) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "MaHoSo": code,
        "MaTTHC": "1.004227",
        "TrangThaiHoSo": status,
        "NgayTiepNhan": ts(received),
    }
    if unit is not None:
        obj["DonViXuLy"] = unit
    if channel is not None:
        obj["KenhThucHien"] = channel
    if appointment is not None:
        obj["NgayHenTra"] = ts(appointment)
    if ended is not None:
        obj["NgayKetThucXuLy"] = ts(ended)
    if supplements:
        obj["DanhSachHoSoBoSung"] = [
            {"NgayBoSung": ts(a), **({"NgayTiepNhanBoSung": ts(b)} if b else {})} for a, b in supplements
        ]
    obj.update(extra)
    return obj


def write(tmp_path: Path, objs: list[dict[str, Any]], name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"data": objs}, ensure_ascii=False), encoding="utf-8")
    return path


def count(
    tmp_path: Path,
    objs: list[dict[str, Any]],
    period: Period = JUNE,
    *,
    by: str = "unit",
    feedback_codes: frozenset[str] = frozenset(),
    batch_size: int = 50_000,
) -> Tally:
    tally = count_file(
        write(tmp_path, objs),
        period,
        vn(),
        group=GROUPINGS[by],
        feedback_codes=feedback_codes,
        batch_size=batch_size,
    )
    assert not tally.errors, [e.message() for e in tally.errors]
    return tally


def totals(tally: Tally) -> dict[str, int]:
    return summary(tally.total())


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}
