"""The unit roll-up (``UnitDailyFact``) is ``DailyFact`` summed over procedures after every kind of write
— file imports, re-imports that change unit, procedure, status or dates, progress and status actions,
the push API — and a rebuild from the ledger gives the same rows as the incremental path."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command

from cchc.dossiers import facts
from cchc.dossiers.actions import append_progress, set_status
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, UnitDailyFact
from cchc.dossiers.records import StepRecord
from cchc.dossiers.tests.api_helpers import Api, token_for
from cchc.dossiers.tests.fact_helpers import varied_dossier
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, national

pytestmark = pytest.mark.django_db


def assert_roll_up_matches() -> dict[facts.UnitKey, tuple[int, ...]]:
    units = facts.unit_snapshot()
    assert units == facts.units_of(facts.snapshot())
    # No all-zero row is kept (the snapshot skips them, so look at the table itself).
    assert UnitDailyFact.objects.count() == len(units)
    return units


def test_imports_re_imports_and_actions_keep_the_roll_up_equal_to_the_daily_facts_and_to_a_rebuild(world):
    make_catalogue()
    rng = random.Random(11)
    objs = [varied_dossier(rng, i) for i in range(150)]
    office = world.users["office"]
    assert import_bytes(as_json(objs[:90]), "a.json", actor=office).ok
    first = assert_roll_up_matches()
    assert first
    for _ in range(3):
        for i in rng.sample(range(len(objs)), 50):
            objs[i] = varied_dossier(rng, i)
        out = import_bytes(as_json(objs), "b.json", actor=office)
        assert out.ok, out.errors[:3]
        assert_roll_up_matches()
    d = Dossier.objects.filter(status=4).first()
    assert d is not None
    step = StepRecord(
        0, "P1", "", "Trần Thị Bình", "", "Thẩm định", None, dt.datetime(2022, 5, 2, 9), None, False
    )
    append_progress(d, [step], actor=office)
    set_status(d, 9, actor=office, at=dt.datetime(2022, 5, 20, 10))
    incremental = assert_roll_up_matches()
    assert incremental != first

    call_command("rebuild_facts", stdout=io.StringIO())
    assert facts.unit_snapshot() == incremental
    assert_roll_up_matches()


@pytest.mark.urls("cchc.dossiers.tests.api_urls")
def test_push_api_writes_keep_the_roll_up_equal_to_the_daily_facts(world):
    make_catalogue()
    api = Api(token_for(world, "city"))
    open_dossier = {"TrangThaiHoSo": 4, "NgayKetThucXuLy": "", "NgayTra": "", "QuaTrinhXuLy": []}
    assert api.sync(national("A-1", **open_dossier), national("A-2", KenhThucHien=2)).status_code == 200
    assert_roll_up_matches()
    moved = national("A-2", MaTTHC="2.000815", DonViXuLy="P2", DonViTiepNhan="P2")
    assert api.sync(moved, updating=True).status_code == 200
    assert_roll_up_matches()
    r = api.progress(
        {
            "MaHoSo": "A-1",
            "PhongBanXuLy": "P1",
            "NguoiXuLy": "Trần Thị Bình",
            "NoiDungXuLy": "Thẩm định hồ sơ",
            "NgayBatDau": "20220307090000",
            "ThoiDiemXuLy": "20220309160000",
            "NgayKetThucTheoQuyDinh": "20220310120000",
        }
    )
    assert r.status_code == 200, r.json()
    assert api.status("A-1", 10, ThoiDiem="20220314100000").status_code == 200
    units = assert_roll_up_matches()
    p1 = world.units["p1"].pk
    # A-1 finished late on 14/3 (appointment 10/3): the roll-up counts it on that day.
    assert units[(p1, dt.date(2022, 3, 14))][facts.LATE] == 1


def test_moving_a_dossier_to_another_procedure_of_its_unit_leaves_the_unit_rows_as_they_were(world):
    make_catalogue()
    office = world.users["office"]
    assert import_bytes(as_json([national("M-1")]), "a.json", actor=office).ok
    before = list(
        UnitDailyFact.objects.order_by("unit_id", "day").values_list("unit_id", "day", *facts.FACT_COLUMNS)
    )
    assert before
    assert import_bytes(as_json([national("M-1", MaTTHC="2.000815")]), "a.json", actor=office).ok
    after = list(
        UnitDailyFact.objects.order_by("unit_id", "day").values_list("unit_id", "day", *facts.FACT_COLUMNS)
    )
    assert after == before
    assert_roll_up_matches()


def test_moving_a_dossier_to_another_unit_leaves_no_zero_unit_rows_behind(world):
    make_catalogue()
    office = world.users["office"]
    assert import_bytes(as_json([national("M-2", DonViXuLy="P1")]), "a.json", actor=office).ok
    assert import_bytes(
        as_json([national("M-2", DonViXuLy="P2", DonViTiepNhan="P2")]), "a.json", actor=office
    ).ok
    assert set(UnitDailyFact.objects.values_list("unit_id", flat=True)) == {world.units["p2"].pk}
    assert_roll_up_matches()


def test_roll_up_units_rebuilds_the_table_from_the_daily_facts_alone(world):
    make_catalogue()
    assert import_bytes(
        as_json([national("S-1"), national("S-2", DonViXuLy="P2")]), "a.json", actor=world.users["office"]
    ).ok
    expected = facts.unit_snapshot()
    UnitDailyFact.objects.all().delete()
    assert facts.roll_up_units() == len(expected)
    assert facts.unit_snapshot() == expected
