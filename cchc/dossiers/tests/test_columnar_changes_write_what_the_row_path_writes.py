"""A CSV of changes to stored dossiers (status moves, finishes, steps, supplements, another unit or
procedure, unchanged rows; with or without new dossiers among them) imported through the set-based
path (``columnar_changes``) writes what the row path writes: every dossier column, step, supplement,
event (with what changed), daily fact, unit roll-up, per-official fact and the audit row's counts."""

from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierEvent, DossierStep, OfficialDailyFact
from cchc.dossiers.official_facts import ROW_COLUMNS
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.fact_helpers import ts
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)
OPEN = (2, 4, 5, 6)


def _at(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y%m%d%H%M%S")


def changed(obj: dict[str, Any], i: int, rng: random.Random) -> dict[str, Any]:
    """One day's change to a stored dossier, of a kind chosen by ``i``; some stay as they are."""
    o = copy.deepcopy(obj)
    received = _at(o["NgayTiepNhan"]) if o["NgayTiepNhan"] else None
    kind = i % 9
    if kind == 0 and received is not None and o["TrangThaiHoSo"] in OPEN:
        end = received + dt.timedelta(days=rng.randrange(1, 9), hours=2)
        o.update(TrangThaiHoSo=10, NgayKetThucXuLy=ts(end), NgayTra=ts(end + dt.timedelta(hours=1)))
        if o["QuaTrinhXuLy"]:
            o["QuaTrinhXuLy"][-1]["ThoiDiemXuLy"] = ts(end)
    elif kind == 1 and received is not None:
        o["QuaTrinhXuLy"].append(
            {
                "PhongBanXuLy": rng.choice(["P1", "P2", "Sở Tư pháp"]),
                "NguoiXuLy": rng.choice(["Trần Thị Bình", "Vũ Thị Mai", "Người mới"]),
                "NgayBatDau": ts(received + dt.timedelta(hours=3)),
                "ThoiDiemXuLy": ts(received + dt.timedelta(days=rng.randrange(1, 6))),
                "NgayKetThucTheoQuyDinh": ts(received + dt.timedelta(days=1)),
            }
        )
    elif kind == 2 and received is not None:
        asked = received + dt.timedelta(days=len(o["DanhSachHoSoBoSung"]) * 2 + 1, hours=1)
        o["DanhSachHoSoBoSung"].append(
            {"NgayBoSung": ts(asked), "NgayTiepNhanBoSung": ts(asked + dt.timedelta(days=2))}
        )
    elif kind == 3 and o["TrangThaiHoSo"] == 2:
        o["TrangThaiHoSo"] = 4
    elif kind == 3 and o["TrangThaiHoSo"] == 4:
        o["TrangThaiHoSo"] = 5
    elif kind == 4:
        o["DonViXuLy"] = {"P1": "P2", "P2": "P1"}.get(o["DonViXuLy"], "P1")
    elif kind == 5:
        pass  # unchanged
    elif kind == 6:
        o["QuaTrinhXuLy"] = []
        if o["NgayHenTra"]:
            o["NgayHenTra"] = ts(_at(o["NgayHenTra"]) + dt.timedelta(days=1))
    elif kind == 7:
        o["MaTTHC"] = {"1.004227": "2.000815"}.get(o["MaTTHC"], "1.004227")
    else:
        o["TrichYeuHoSo"] = "Đề nghị giải quyết (bổ sung thông tin)"
        o["ChuHoSo"] = "Phạm Thị Hoà"
    return o


def changes_file(base: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [changed(obj, i, rng) for i, obj in enumerate(base)]


def everything() -> dict[str, Any]:
    """``ledger_snapshot`` plus the per-official facts (their first step as dossier code and seq: ids
    differ between two imports) and the last import's audit row."""
    out = ledger_snapshot()
    step_of = {
        pk: (code, seq) for pk, code, seq in DossierStep.objects.values_list("pk", "dossier__code", "seq")
    }
    out["official_facts"] = sorted(
        (*(str(v) for v in row[:-1]), step_of[row[-1]])
        for row in OfficialDailyFact.objects.values_list(*ROW_COLUMNS)
    )
    last = AuditEvent.objects.filter(verb="dossiers.upsert").order_by("-pk").first()
    assert last is not None
    out["audit"] = (last.summary, last.data)
    # What each "updated" event says changed: who changed what, when, for every dossier.
    out["changed"] = sorted(
        sorted(data["changes"])
        for data in DossierEvent.objects.filter(kind="updated").values_list("data", flat=True)
    )
    return out


def _run(
    world: Any, settings: Any, base: bytes, changes: bytes, fast: bool, slice_bytes: int = 0
) -> tuple[Any, dict[str, Any]]:
    office = world.users["office"]
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    first = import_bytes(base, "hoso.csv", actor=office, as_of=AS_OF)
    assert first.ok and first.path == "columnar", first.errors[:3]
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1 if fast else 0
    if slice_bytes:
        settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = slice_bytes
    out = import_bytes(changes, "thaydoi.csv", actor=office, as_of=AS_OF)
    assert out.ok, out.errors[:3]
    return out, everything()


def _clear() -> None:
    clear_ledger()
    OfficialDailyFact.objects.all().delete()


@pytest.mark.parametrize(("seed", "stored"), [(3, 360), (8, 320)])
def test_changes_on_the_set_based_path_store_what_the_row_path_stores(world, settings, seed, stored):
    """``stored`` of the file's 360 dossiers are in the ledger before it; the others are new."""
    make_catalogue()
    base_objs = rich_file(360, seed=seed)
    base = as_csv(base_objs[:stored])
    changes = as_csv(changes_file(base_objs, seed))

    rows, by_rows = _run(world, settings, base, changes, fast=False)
    assert rows.path == "rows"
    _clear()
    fast, by_columns = _run(world, settings, base, changes, fast=True)
    assert fast.path == "columnar"

    counts = (fast.result.created, fast.result.updated, fast.result.unchanged)
    assert counts == (rows.result.created, rows.result.updated, rows.result.unchanged)
    assert fast.result.codes_updated == rows.result.codes_updated
    assert fast.result.codes_created == rows.result.codes_created
    assert rows.result.created == 360 - stored
    for table in by_rows:
        assert by_columns[table] == by_rows[table], table

    # The file exercises what it should: many kinds of change, and some rows left as they were.
    assert 0 < rows.result.updated < stored and rows.result.unchanged > 0
    assert len(by_rows["changed"]) == rows.result.updated
    kinds = {key for changes in by_rows["changed"] for key in changes}
    assert {"status", "steps", "supplements", "handling_unit", "procedure", "late_causes"} <= kinds
    assert by_rows["official_facts"]


@pytest.mark.parametrize(("seed", "stored"), [(5, 360), (9, 200)])
def test_changes_in_several_slices_store_what_the_row_path_stores(world, settings, seed, stored):
    """A file of changes larger than one slice (``columnar_slices``) takes the set-based path slice by
    slice and stores what the row path stores; with 200 of 360 stored, the later slices are new
    dossiers only, the first ones a mix."""
    make_catalogue()
    base_objs = rich_file(360, seed=seed)
    base = as_csv(base_objs[:stored])
    changes = as_csv(changes_file(base_objs, seed))
    slice_bytes = len(changes) // 5
    assert len(base) <= settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES

    rows, by_rows = _run(world, settings, base, changes, fast=False)
    assert rows.path == "rows"
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = 64 * 1024 * 1024
    _clear()
    sliced, by_slices = _run(world, settings, base, changes, fast=True, slice_bytes=slice_bytes)
    assert sliced.path == "columnar"

    counts = (sliced.result.created, sliced.result.updated, sliced.result.unchanged)
    assert counts == (rows.result.created, rows.result.updated, rows.result.unchanged)
    assert sliced.result.codes_updated == rows.result.codes_updated
    assert sliced.result.codes_created == rows.result.codes_created
    for table in by_rows:
        assert by_slices[table] == by_rows[table], table
    assert rows.result.updated > 0 and by_rows["official_facts"]

    again = import_bytes(changes, "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert again.path == "columnar" and again.result.unchanged == 360
    assert everything() == by_slices


def test_a_dry_run_of_changes_in_several_slices_counts_them_and_writes_nothing(world, settings):
    make_catalogue()
    base_objs = rich_file(150, seed=7)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    import_bytes(as_csv(base_objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    before = everything()
    changes = as_csv(changes_file(base_objs, 7))
    settings.CCHC_IMPORT_COLUMNAR_MAX_BYTES = len(changes) // 4

    dry = import_bytes(changes, "thaydoi.csv", actor=world.users["office"], as_of=AS_OF, dry_run=True)
    assert dry.ok and dry.path == "columnar" and dry.result.dry_run
    assert dry.result.updated > 0 and dry.result.updated + dry.result.unchanged == 150
    assert everything() == before


def test_the_same_changes_again_are_unchanged_and_write_nothing(world, settings):
    make_catalogue()
    base_objs = rich_file(150, seed=4)
    changes = as_csv(changes_file(base_objs, 4))
    _run(world, settings, as_csv(base_objs), changes, fast=True)
    before = everything()
    events = DossierEvent.objects.count()

    again = import_bytes(changes, "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert again.ok and again.result.updated == 0 and again.result.unchanged == 150
    assert DossierEvent.objects.count() == events
    assert everything() == before


def test_a_dry_run_of_changes_counts_them_and_writes_nothing(world, settings):
    make_catalogue()
    base_objs = rich_file(150, seed=6)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    import_bytes(as_csv(base_objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    before = everything()
    changes = as_csv(changes_file(base_objs, 6))

    dry = import_bytes(changes, "thaydoi.csv", actor=world.users["office"], as_of=AS_OF, dry_run=True)
    assert dry.ok and dry.result.dry_run
    assert dry.result.updated > 0 and dry.result.updated + dry.result.unchanged == 150
    assert everything() == before
    assert Dossier.objects.count() == 150
