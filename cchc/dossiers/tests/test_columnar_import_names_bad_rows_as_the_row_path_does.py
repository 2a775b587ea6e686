"""A file with bad rows is refused by the columnar path itself (no row path over the whole file), with
the very errors the row path gives: the same rows, fields, values and Vietnamese reasons, and nothing
written. The files mix plain rows with the hostile values the two readers are held to
(``test_the_import_and_the_commands_read_random_records_alike``), and with the database checks:
unknown procedure or unit, a unit outside the importer's scope, a code twice, a receipt in the
future, an existing dossier of another ward. Run on both engines by CI (DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cchc.core.models import AuditEvent
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import DailyFact, Dossier, DossierEvent, DossierStep
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue, national
from cchc.dossiers.tests.test_the_import_and_the_commands_read_random_records_alike import RECORDS

pytestmark = pytest.mark.django_db


def both_ways(data: bytes, actor, settings):
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    rows = import_bytes(data, "hoso.csv", actor=actor)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    fast = import_bytes(data, "hoso.csv", actor=actor)
    return rows, fast


def ledger_counts() -> tuple[int, ...]:
    return (
        Dossier.objects.count(),
        DossierStep.objects.count(),
        DossierEvent.objects.count(),
        DailyFact.objects.count(),
        AuditEvent.objects.filter(verb="dossiers.upsert").count(),
    )


def plain(i: int) -> dict:
    return national(f"G-{i:05d}")


@pytest.mark.parametrize("start", range(0, len(RECORDS), 150))
def test_hostile_rows_among_plain_ones_get_the_row_paths_errors_from_the_fast_path(world, settings, start):
    make_catalogue()
    rng = random.Random(start)
    objs = [plain(i) for i in range(300)]
    for k, raw in enumerate(RECORDS[start : start + 150]):
        objs.insert(rng.randrange(len(objs) + 1), {**raw, "MaHoSo": raw.get("MaHoSo") or f"H-{k}"})
    before = ledger_counts()
    rows, fast = both_ways(as_csv(objs), world.users["office"], settings)
    assert rows.errors, "the draws hold bad rows"
    assert fast.path == "columnar"
    assert [e.as_dict() for e in fast.errors] == [e.as_dict() for e in rows.errors]
    assert fast.result.summary() == rows.result.summary()
    assert fast.rows == rows.rows
    assert ledger_counts() == before


def test_database_checks_are_named_alike_on_both_paths(world, settings):
    make_catalogue()
    future = (dt.date.today() + dt.timedelta(days=3)).strftime("%Y%m%d080000")
    objs = [plain(i) for i in range(40)]
    objs[3] = national("X-1", MaTTHC="9.999999")
    objs[7] = national("X-2", DonViXuLy="KHONG-CO", DonViTiepNhan="")
    objs[9] = national("X-3", DonViTiepNhan="P2")  # known, outside the one-stop officer's ward
    objs[12] = national("G-00002")  # the code of row 4 again
    objs[15] = national("X-4", NgayTiepNhan=future, NgayHenTra="", NgayKetThucXuLy="", NgayTra="")
    objs[15]["TrangThaiHoSo"] = 4
    objs[20] = national("X-5", NgayTiepNhan="07/03/2022 08:00")  # another spelling, valid
    objs[21] = national("X-5")  # and its code again
    rows, fast = both_ways(as_csv(objs), world.users["one_stop"], settings)
    assert fast.path == "columnar"
    assert [e.as_dict() for e in fast.errors] == [e.as_dict() for e in rows.errors]
    fields = {(e.row, e.field) for e in rows.errors}
    assert {(5, "MaTTHC"), (9, "DonViXuLy"), (11, "DonViTiepNhan"), (14, "MaHoSo"), (23, "MaHoSo")} <= fields
    assert not Dossier.objects.exists()


def test_an_existing_dossier_of_another_ward_is_named_alike(world, settings):
    make_catalogue()
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    theirs = import_bytes(
        as_csv([national("P2-1", DonViXuLy="P2", DonViTiepNhan="P2", QuaTrinhXuLy=[])]),
        "hoso.csv",
        actor=world.users["office"],
    )
    assert theirs.ok
    objs = [plain(i) for i in range(30)]
    objs[10] = national("P2-1")  # now claimed for Phường 1 by its one-stop officer
    before = ledger_counts()
    rows, fast = both_ways(as_csv(objs), world.users["one_stop"], settings)
    assert [e.as_dict() for e in fast.errors] == [e.as_dict() for e in rows.errors]
    assert [(e.row, e.field) for e in rows.errors] == [(12, "MaHoSo")]
    assert fast.path == "columnar"
    assert ledger_counts() == before


def test_a_valid_file_in_another_spelling_is_still_imported_by_the_row_path(world, settings):
    make_catalogue()
    objs = [plain(i) for i in range(20)]
    objs[5] = national("S-1", NgayTiepNhan="2022-03-07T08:00:00")
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"])
    assert out.ok and out.path == "rows" and out.result.created == 20
