"""Steps, supplements and events have no database-level foreign keys (migration 0004, for import speed);
the write path and Django's collector keep them pointing at real dossiers, units and officials."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError

from cchc.dossiers.actions.upsert import ConcurrentChange, _lock_existing
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierEvent, DossierStep, Supplement
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue, national, sample
from cchc.org.models import Official, Unit

pytestmark = pytest.mark.django_db


def orphans() -> dict[str, int]:
    """Child rows whose referenced row does not exist, per table and column."""
    checks = {
        "step.dossier": (DossierStep, "dossier_id", Dossier),
        "step.unit": (DossierStep, "unit_id", Unit),
        "step.from_unit": (DossierStep, "from_unit_id", Unit),
        "step.official": (DossierStep, "official_id", Official),
        "supplement.dossier": (Supplement, "dossier_id", Dossier),
        "event.dossier": (DossierEvent, "dossier_id", Dossier),
    }
    out = {}
    with connection.cursor() as cur:
        for name, (child, column, parent) in checks.items():
            cur.execute(
                f'SELECT count(*) FROM "{child._meta.db_table}" c LEFT JOIN "{parent._meta.db_table}" p '
                f'ON p.id = c."{column}" WHERE c."{column}" IS NOT NULL AND p.id IS NULL'
            )
            out[name] = cur.fetchone()[0]
    return out


def test_imports_and_reimports_with_changed_steps_leave_no_orphan_child_rows(world):
    make_catalogue()
    objs = sample()
    office = world.users["office"]
    assert import_bytes(as_csv(objs), "a.csv", actor=office).ok
    changed = [dict(o) for o in objs]
    for o in changed[::3]:
        o["QuaTrinhXuLy"] = o["QuaTrinhXuLy"][:1]
        o["DanhSachHoSoBoSung"] = [{"NgayBoSung": "20220308080000", "NgayTiepNhanBoSung": "20220309080000"}]
    result = import_bytes(as_csv(changed), "b.csv", actor=office)
    assert result.ok and result.result.updated == len(changed[::3])
    assert DossierStep.objects.exclude(official=None).exists()
    assert Supplement.objects.exists()
    assert orphans() == dict.fromkeys(orphans(), 0)


def test_deleting_a_dossier_deletes_its_steps_supplements_and_events(world):
    make_catalogue()
    obj = national(
        "D-1",
        TrangThaiHoSo=4,
        NgayKetThucXuLy="",
        NgayTra="",
        DanhSachHoSoBoSung=[{"NgayBoSung": "20220308080000"}],
    )
    assert import_bytes(as_csv([obj, national("D-2")]), "a.csv", actor=world.users["office"]).ok
    Dossier.objects.get(code="D-1").delete()
    assert orphans() == dict.fromkeys(orphans(), 0)
    assert DossierStep.objects.count() == 2 and DossierEvent.objects.count() == 1


def test_a_unit_or_official_named_on_a_step_cannot_be_deleted(world):
    make_catalogue()
    assert import_bytes(as_csv([national("D-1")]), "a.csv", actor=world.users["office"]).ok
    step = DossierStep.objects.exclude(official=None).first()
    assert step is not None
    with pytest.raises(ProtectedError):
        step.official.delete()
    with pytest.raises(ProtectedError):
        Unit.objects.get(pk=step.unit_id).delete()


def test_updating_a_dossier_that_was_deleted_meanwhile_aborts_the_batch(world):
    make_catalogue()
    assert import_bytes(as_csv([national("D-1")]), "a.csv", actor=world.users["office"]).ok
    pk = Dossier.objects.get(code="D-1").pk
    with transaction.atomic():
        _lock_existing([pk])  # still there: no error
    with pytest.raises(ConcurrentChange, match="vừa bị xóa"), transaction.atomic():
        _lock_existing([pk, pk + 1000])


def test_dossiers_point_at_real_procedures_and_units_on_both_paths(world, settings):
    """Migration 0005 took the database-level foreign keys off the dossier's procedure and units;
    both import paths check them once per batch and Django still refuses to delete them."""
    from cchc.dossiers.models import DailyFact, Procedure
    from cchc.dossiers.tests.columnar_helpers import rich_file

    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    assert import_bytes(as_csv(rich_file(30)), "a.csv", actor=world.users["office"]).path == "columnar"
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    assert import_bytes(as_csv([national("D-9")]), "b.csv", actor=world.users["office"]).path == "rows"
    with connection.cursor() as cur:
        for column, parent in (
            ("procedure_id", Procedure),
            ("handling_unit_id", Unit),
            ("receiving_unit_id", Unit),
        ):
            cur.execute(
                f'SELECT count(*) FROM "{Dossier._meta.db_table}" d LEFT JOIN "{parent._meta.db_table}" p '
                f'ON p.id = d."{column}" WHERE p.id IS NULL'
            )
            assert cur.fetchone()[0] == 0, column
    dossier = Dossier.objects.get(code="D-9")
    with pytest.raises(ProtectedError):
        Procedure.objects.get(pk=dossier.procedure_id).delete()
    with pytest.raises(ProtectedError):
        Unit.objects.get(pk=dossier.handling_unit_id).delete()
    assert DailyFact.objects.filter(unit_id=dossier.handling_unit_id).exists()


def test_a_procedure_or_unit_deleted_meanwhile_aborts_the_batch(world):
    from cchc.dossiers.actions.upsert import lock_references
    from cchc.dossiers.models import Procedure

    procedures = make_catalogue()
    unit = Unit.objects.get(code="P1")
    with transaction.atomic():
        lock_references([procedures["hk"].pk], [unit.pk])  # both there: no error
    gone = Procedure.objects.order_by("-pk").first().pk + 100
    with pytest.raises(ConcurrentChange, match="vừa bị xóa"), transaction.atomic():
        lock_references([procedures["hk"].pk, gone], [unit.pk])
    with pytest.raises(ConcurrentChange, match="vừa bị xóa"), transaction.atomic():
        lock_references([], [unit.pk, unit.pk + 10_000])
