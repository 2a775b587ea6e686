"""Steps, supplements and events have no database-level foreign keys (migration 0004, for import speed);
the write path and Django's collector keep them pointing at real dossiers, units and officials."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError

from cchc.dossiers.actions import ConcurrentChange, _lock_existing
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
