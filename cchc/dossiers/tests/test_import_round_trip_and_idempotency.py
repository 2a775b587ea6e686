"""Importing a file stores what it says, and importing it again changes nothing.
Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cchc.core.models import AuditEvent
from cchc.dossiers import facts
from cchc.dossiers.actions import record_from_dossier
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import DailyFact, Dossier, DossierEvent, DossierStep, Supplement
from cchc.dossiers.records import parse_record
from cchc.dossiers.records_national import to_national
from cchc.dossiers.tests.import_helpers import as_csv, as_json, as_xlsx, make_catalogue, sample

pytestmark = pytest.mark.django_db


def local(value):
    return timezone.localtime(value).replace(tzinfo=None)


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_each_format_imports_and_a_second_import_changes_nothing(world, fmt):
    make_catalogue()
    objs = sample()
    data = {"json": as_json(objs, wrap=True), "csv": as_csv(objs), "xlsx": as_xlsx(objs)}[fmt]
    office = world.users["office"]

    first = import_bytes(data, f"hoso.{fmt}", actor=office)
    assert first.ok, first.errors
    assert (first.result.created, first.result.updated) == (6, 0)
    assert Dossier.objects.count() == 6
    events = DossierEvent.objects.count()
    audits = AuditEvent.objects.filter(verb="dossiers.upsert").count()
    fact_rows = facts.snapshot()
    assert events == 6 and audits == 1

    again = import_bytes(data, f"hoso.{fmt}", actor=office)
    assert again.ok
    assert (again.result.created, again.result.updated, again.result.unchanged) == (0, 0, 6)
    assert DossierEvent.objects.count() == events
    assert AuditEvent.objects.filter(verb="dossiers.upsert").count() == audits
    assert facts.snapshot() == fact_rows


def test_stored_dossier_reads_back_as_the_record_it_came_from(world):
    make_catalogue()
    objs = sample()
    assert import_bytes(as_json(objs), "a.json", actor=world.users["office"]).ok
    for i, obj in enumerate(objs, start=1):
        original, errs = parse_record(i, obj)
        assert not errs
        stored = record_from_dossier(Dossier.objects.get(code=obj["MaHoSo"]))
        stored.row = original.row
        assert to_national(stored) == to_national(original)


def test_instants_are_stored_as_local_wall_clock_times(world):
    make_catalogue()
    assert import_bytes(as_json(sample(1)), "a.json", actor=world.users["office"]).ok
    d = Dossier.objects.get()
    assert local(d.received_at) == dt.datetime(2022, 3, 7, 8, 0)
    assert local(d.end_at) == dt.datetime(2022, 3, 10, 9, 0)
    steps = list(DossierStep.objects.filter(dossier=d).order_by("seq"))
    assert [s.unit_id for s in steps] == [world.units["p1_mc"].pk, world.units["p1"].pk]
    # Step officials are linked by full name within the step's unit.
    assert [s.official_id for s in steps] == [
        world.officials["one_stop"].pk,
        world.officials["ward_officer"].pk,
    ]
    assert not any(s.external for s in steps)


def test_a_changed_row_updates_the_dossier_and_replaces_its_supplements(world):
    make_catalogue()
    objs = sample()
    office = world.users["office"]
    assert import_bytes(as_json(objs), "a.json", actor=office).ok
    objs[3] = {
        **objs[3],
        "TrangThaiHoSo": 10,
        "NgayKetThucXuLy": "20220309100000",
        "NgayTra": "20220309110000",
    }
    objs[4] = {**objs[4], "DanhSachHoSoBoSung": []}
    res = import_bytes(as_json(objs), "a.json", actor=office)
    assert (res.result.created, res.result.updated, res.result.unchanged) == (0, 2, 4)
    d4 = Dossier.objects.get(code=objs[3]["MaHoSo"])
    assert d4.status == 10 and d4.outcome == "early"
    assert not Supplement.objects.filter(dossier__code=objs[4]["MaHoSo"]).exists()
    ev = DossierEvent.objects.get(dossier=d4, kind="updated")
    assert ev.data["changes"]["status"] == [4, 10]
    assert ev.data["changes"]["outcome"] == ["", "early"]
    assert ev.actor == office
    assert DailyFact.objects.exists()
