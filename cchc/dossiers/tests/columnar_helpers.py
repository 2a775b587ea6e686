"""Files for the columnar-import tests, and a snapshot of everything an import writes, so the fast path
and the row path can be compared table by table."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from cchc.dossiers import facts
from cchc.dossiers.actions.upsert_rows import DOSSIER_COLUMNS, STEP_COLUMNS, SUPPLEMENT_COLUMNS
from cchc.dossiers.models import (
    DailyFact,
    Dossier,
    DossierCause,
    DossierEvent,
    DossierStep,
    Supplement,
    UnitDailyFact,
)
from cchc.dossiers.tests.fact_helpers import ts, varied_dossier

STEP_UNITS = ["P1", "P1-MC", "P2", "Sở Tư pháp", "", "Phòng Tư pháp thành phố"]
STEP_PEOPLE = ["Vũ Thị Mai", "Trần Thị Bình", "Người ngoài", ""]


def rich_dossier(rng: random.Random, i: int) -> dict[str, Any]:
    """``varied_dossier`` plus steps of every kind the write path resolves: a unit code, an external
    body by name, an empty unit, known and unknown officials, the inter-agency flag as true or "có",
    unfinished and overrunning steps, and personal data with Vietnamese letters."""
    obj = varied_dossier(rng, i)
    obj["MaHoSo"] = f"C-{i:05d}"
    obj["ChuHoSo"] = rng.choice(["Nguyễn Văn Dân", "Lê Thị Ánh", "Đặng Quốc Việt"])
    obj["TrichYeuHoSo"] = rng.choice(["", "Đăng ký khai sinh, lần đầu", 'Có "ngoặc kép"'])
    obj["NgayNopHoSo"] = obj["NgayTiepNhan"]
    if obj["TrangThaiHoSo"] == 10 and obj["NgayKetThucXuLy"]:
        obj["NgayTra"] = obj["NgayKetThucXuLy"]
    start = (
        dt.datetime.strptime(obj["NgayTiepNhan"], "%Y%m%d%H%M%S")
        if obj["NgayTiepNhan"]
        else dt.datetime(2022, 3, 1, 8)
    )
    steps = []
    for k in range(rng.choice([0, 1, 2, 3])):
        begin = start + dt.timedelta(days=k)
        step: dict[str, Any] = {
            "PhongBanXuLy": rng.choice(STEP_UNITS),
            "NguoiXuLy": rng.choice(STEP_PEOPLE),
            "NgayBatDau": ts(begin),
            "ThoiDiemXuLy": ts(begin + dt.timedelta(days=rng.randrange(0, 6))) if rng.random() < 0.8 else "",
            "NgayKetThucTheoQuyDinh": ts(begin + dt.timedelta(days=1)) if rng.random() < 0.9 else "",
        }
        if rng.random() < 0.2:
            step["LienThongNgoai"] = rng.choice([True, False])
        if rng.random() < 0.2:
            step["DonViChuyen"] = rng.choice(["P1-MC", "Sở Tư pháp"])
        steps.append(step)
    obj["QuaTrinhXuLy"] = steps
    return obj


def rich_file(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [rich_dossier(rng, i) for i in range(n)]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.datetime, dt.date)) else value


def ledger_snapshot() -> dict[str, Any]:
    """Everything an import writes, keyed by dossier code (ids differ between two imports)."""
    code_of = dict(Dossier.objects.values_list("pk", "code"))
    dossiers = {
        row[0]: tuple(_plain(v) for v in row[1:])
        for row in Dossier.objects.values_list("code", *DOSSIER_COLUMNS, "source")
    }
    steps = sorted(
        (code_of[row[0]], *(_plain(v) for v in row[1:]))
        for row in DossierStep.objects.values_list("dossier_id", *STEP_COLUMNS)
    )
    sups = sorted(
        (code_of[row[0]], *(_plain(v) for v in row[1:]))
        for row in Supplement.objects.values_list("dossier_id", *SUPPLEMENT_COLUMNS)
    )
    events = sorted(
        (code_of[d], kind, actor, who, repr(sorted(data.items())))
        for d, kind, actor, who, data in DossierEvent.objects.values_list(
            "dossier_id", "kind", "actor_id", "actor_name", "data"
        )
    )
    causes = sorted(
        (code_of[d], kind, official or 0, name)
        for d, kind, official, name in DossierCause.objects.values_list(
            "dossier_id", "kind", "official_id", "name_key"
        )
    )
    return {
        "dossiers": dossiers,
        "causes": causes,
        "steps": steps,
        "supplements": sups,
        "events": events,
        "facts": facts.snapshot(),
        "unit_facts": facts.unit_snapshot(),
    }


def clear_ledger() -> None:
    for model in (DossierEvent, DossierStep, Supplement, DailyFact, UnitDailyFact, Dossier):
        model.objects.all().delete()
