"""A file of changes to stored dossiers stays all-or-nothing on the set-based path (``columnar_changes``):
a bad row is named by its row number and field, as the row path names it, and nothing is written. A
good one leaves, for every changed dossier, one event saying who changed what and when."""

from __future__ import annotations

import datetime as dt

import pytest

from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.tests.columnar_helpers import ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2022, 4, 15)


def _stored(world, settings, n: int, seed: int) -> list[dict]:
    make_catalogue()
    objs = rich_file(n, seed=seed)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    assert import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF).ok
    return objs


def test_a_bad_row_among_changes_is_named_and_nothing_is_written(world, settings):
    objs = _stored(world, settings, 80, seed=12)
    for obj in objs:
        obj["TrichYeuHoSo"] = "Đã sửa trích yếu"
    objs[40]["DonViXuLy"] = "KHONG-CO"
    data = as_csv(objs)
    before = ledger_snapshot()

    fast = import_bytes(data, "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert not fast.ok and fast.path == "columnar"
    assert [(e.row, e.field, e.value) for e in fast.errors] == [(42, "DonViXuLy", "KHONG-CO")]
    assert ledger_snapshot() == before

    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    rows = import_bytes(data, "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert [e.as_dict() for e in fast.errors] == [e.as_dict() for e in rows.errors]
    assert ledger_snapshot() == before


def test_every_changed_dossier_gets_one_event_saying_who_changed_what_and_when(world, settings):
    objs = _stored(world, settings, 60, seed=13)
    target = next(o for o in objs if o["TrangThaiHoSo"] == 2 and o["NgayTiepNhan"])
    target["TrangThaiHoSo"] = 4
    objs[0]["ChuHoSo"] = "Phạm Thị Hoà"
    first = objs[0]["ChuHoSo"]
    started = dt.datetime.now(dt.UTC)

    out = import_bytes(as_csv(objs), "thaydoi.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.ok and out.result.updated == 2 and out.result.unchanged == 58
    assert out.path == "columnar"
    events = DossierEvent.objects.filter(kind="updated").select_related("dossier")
    said = {e.dossier.code: e for e in events}
    assert set(said) == {target["MaHoSo"], objs[0]["MaHoSo"]}
    moved = said[target["MaHoSo"]]
    assert moved.data["changes"]["status"] == [2, 4]
    assert moved.data["source"] == "tệp thaydoi.csv"
    assert moved.actor_id == world.users["office"].pk and moved.actor_name
    assert moved.at >= started
    renamed = said[objs[0]["MaHoSo"]].data["changes"]
    assert renamed["applicant_name"][1] == first
    assert Dossier.objects.get(code=objs[0]["MaHoSo"]).applicant_name == first
