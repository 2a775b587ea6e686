"""Facts kept on every write equal the facts rebuilt from the ledger (architecture.md: "tests compare
the incremental path with a full rebuild"), and the open-dossier difference counts give the right
numbers on each day."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command

from cchc.dossiers import facts
from cchc.dossiers.actions import append_progress, set_status
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import DailyFact, Dossier
from cchc.dossiers.records import StepRecord
from cchc.dossiers.stats import unit_stats
from cchc.dossiers.tests.import_helpers import as_json, make_catalogue, national

pytestmark = pytest.mark.django_db


def ts(d: dt.datetime) -> str:
    return d.strftime("%Y%m%d%H%M%S")


def random_dossier(rng: random.Random, i: int) -> dict:
    received = dt.datetime(2022, 3, 1, 8) + dt.timedelta(days=rng.randrange(60), hours=rng.randrange(8))
    appointment = received + dt.timedelta(days=rng.randrange(1, 12))
    status = rng.choice([2, 4, 5, 6, 9, 10, 10, 10, 3, 1])
    obj = national(
        f"R-{i:04d}",
        MaTTHC=rng.choice(["1.004227", "2.000815"]),
        DonViXuLy=rng.choice(["P1", "P2", "P1-MC"]),
        DonViTiepNhan="",
        KenhThucHien=rng.choice([1, 2]),
        TrangThaiHoSo=status,
        NgayTiepNhan=ts(received) if status != 1 else "",
        NgayHenTra=ts(appointment) if rng.random() > 0.1 else "",
        NgayKetThucXuLy="",
        NgayTra="",
        QuaTrinhXuLy=[],
    )
    if status in (9, 10):
        obj["NgayKetThucXuLy"] = ts(received + dt.timedelta(days=rng.randrange(0, 15)))
    sups = []
    for k in range(rng.choice([0, 0, 0, 1, 2])):
        req = received + dt.timedelta(days=1 + 2 * k)
        done = req + dt.timedelta(days=1) if (status != 5 or k == 0) else None
        sups.append({"NgayBoSung": ts(req), "NgayTiepNhanBoSung": ts(done) if done else ""})
    if status == 5 and sups:
        sups[-1]["NgayTiepNhanBoSung"] = ""
    obj["DanhSachHoSoBoSung"] = sups
    return obj


def test_incremental_facts_equal_a_full_rebuild_after_a_series_of_imports_and_updates(world):
    make_catalogue()
    rng = random.Random(7)
    objs = [random_dossier(rng, i) for i in range(120)]
    office = world.users["office"]
    assert import_bytes(as_json(objs[:80]), "a.json", actor=office).ok
    for _ in range(3):
        for i in rng.sample(range(len(objs)), 40):
            objs[i] = random_dossier(rng, i)
        out = import_bytes(as_json(objs), "b.json", actor=office)
        assert out.ok, out.errors[:3]
    d = Dossier.objects.filter(status=4).first()
    if d is not None:
        append_progress(
            d,
            [
                StepRecord(
                    0,
                    "P1",
                    "",
                    "Trần Thị Bình",
                    "",
                    "Thẩm định",
                    None,
                    dt.datetime(2022, 5, 2, 9),
                    None,
                    False,
                )
            ],
            actor=office,
        )
        set_status(d, 9, actor=office, at=dt.datetime(2022, 5, 20, 10))
    incremental = facts.snapshot()
    assert incremental
    call_command("rebuild_facts", stdout=io.StringIO())
    assert facts.snapshot() == incremental


def test_open_counts_follow_the_appointment_day_by_day(world):
    make_catalogue()
    # Received Mon 7/3, appointment Thu 10/3, finished late on Tue 15/3.
    obj = national("F1", NgayKetThucXuLy="20220315090000", QuaTrinhXuLy=[])
    assert import_bytes(as_json([obj]), "a.json", actor=world.users["office"]).ok

    def at(day: int):
        _, total = unit_stats(dt.date(2022, 3, day), dt.date(2022, 3, day))
        return total.open_within_time, total.open_overdue, total.late

    assert at(7) == (1, 0, 0)
    assert at(10) == (1, 0, 0)  # due today: still within time (docs/rules/dossier-deadlines.md)
    assert at(11) == (0, 1, 0)
    assert at(14) == (0, 1, 0)
    assert at(15) == (0, 0, 1)
    assert at(16) == (0, 0, 0)


def test_a_second_supplement_request_makes_an_open_dossier_overdue_from_that_day(world):
    make_catalogue()
    obj = national(
        "F2",
        TrangThaiHoSo=4,
        NgayHenTra="20220325170000",
        NgayKetThucXuLy="",
        NgayTra="",
        QuaTrinhXuLy=[],
        DanhSachHoSoBoSung=[
            {"NgayBoSung": "20220308090000", "NgayTiepNhanBoSung": "20220309090000"},
            {"NgayBoSung": "20220311090000", "NgayTiepNhanBoSung": "20220314090000"},
        ],
    )
    assert import_bytes(as_json([obj]), "a.json", actor=world.users["office"]).ok
    assert unit_stats(dt.date(2022, 3, 10), dt.date(2022, 3, 10))[1].open_within_time == 1
    assert unit_stats(dt.date(2022, 3, 11), dt.date(2022, 3, 11))[1].open_overdue == 1


def test_deleting_a_dossier_contribution_leaves_no_zero_rows(world):
    make_catalogue()
    office = world.users["office"]
    assert import_bytes(as_json([national("F3", DonViXuLy="P1")]), "a.json", actor=office).ok
    assert import_bytes(
        as_json([national("F3", DonViXuLy="P2", DonViTiepNhan="P2")]), "a.json", actor=office
    ).ok
    units = set(DailyFact.objects.values_list("unit_id", flat=True))
    assert units == {world.units["p2"].pk}
