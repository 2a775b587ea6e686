"""Whatever the fast path cannot prove — another date spelling, a Vietnamese key inside a list, spaces
around a value, an empty line — goes to the row path, which imports it
or reports it exactly as it always did, and nothing is written twice. A rejected row is named by the
fast path itself, with the row path's own words (and nothing written)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cchc.dossiers.columnar_parse import NotColumnar, parse_csv
from cchc.dossiers.importing import import_bytes
from cchc.dossiers.models import Dossier, DossierEvent
from cchc.dossiers.tests.columnar_helpers import clear_ledger, ledger_snapshot, rich_file
from cchc.dossiers.tests.import_helpers import as_csv, make_catalogue

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2022, 4, 15)


def _iso(objs: list[dict[str, Any]]) -> None:
    received = objs[3]["NgayTiepNhan"] or "20220301080000"
    objs[3]["NgayTiepNhan"] = dt.datetime.strptime(received, "%Y%m%d%H%M%S").isoformat()


def _dmy(objs: list[dict[str, Any]]) -> None:
    objs[5]["NgayHenTra"] = "20/04/2022 17:00"


def _vietnamese_step_key(objs: list[dict[str, Any]]) -> None:
    objs[7]["QuaTrinhXuLy"] = [{"Phòng ban xử lý": "P1", "NgayBatDau": "20220302080000"}]


def _spaces(objs: list[dict[str, Any]]) -> None:
    objs[9]["ChuHoSo"] = " Nguyễn Văn Dân "


@pytest.mark.parametrize("change", [_iso, _dmy, _vietnamese_step_key, _spaces])
def test_other_spellings_import_through_the_row_path_with_the_same_result(world, settings, change):
    make_catalogue()
    objs = rich_file(60)
    change(objs)
    data = as_csv(objs)
    with pytest.raises(NotColumnar):
        parse_csv(data)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 0
    reference = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert reference.ok, reference.errors[:3]
    expected = ledger_snapshot()
    clear_ledger()

    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.path == "rows" and out.ok and out.result.created == 60
    assert ledger_snapshot() == expected


def test_an_empty_line_keeps_the_row_numbers_of_the_row_path(world, settings):
    make_catalogue()
    objs = rich_file(30)
    objs[20]["MaTTHC"] = "9.999999"  # unknown procedure, after the empty line
    lines = as_csv(objs).split(b"\r\n")
    data = b"\r\n".join([*lines[:10], b"", *lines[10:]])
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(data, "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    assert out.path == "rows"
    assert [(e.row, e.field) for e in out.errors] == [(23, "MaTTHC")]
    assert not Dossier.objects.exists()


def test_a_rejected_row_is_named_as_the_row_path_names_it_and_nothing_is_written(world, settings):
    make_catalogue()
    objs = rich_file(80)
    objs[41]["DonViXuLy"] = "KHONG-CO"
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["office"], as_of=AS_OF)
    # The fast path names it itself now (test_columnar_import_names_bad_rows_as_the_row_path_does).
    assert out.path == "columnar"
    assert [(e.row, e.field, e.value) for e in out.errors] == [(43, "DonViXuLy", "KHONG-CO")]
    assert not Dossier.objects.exists() and not DossierEvent.objects.exists()


def test_a_file_with_some_dossiers_already_in_the_ledger_is_updated_by_the_changes_path(world, settings):
    make_catalogue()
    objs = rich_file(40)
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    assert (
        import_bytes(as_csv(objs[:10]), "a.csv", actor=world.users["office"], as_of=AS_OF).path == "columnar"
    )
    objs[3]["ChuHoSo"] = "Tên đã sửa"
    out = import_bytes(as_csv(objs), "b.csv", actor=world.users["office"], as_of=AS_OF)
    # Compared and written as sets (``columnar_changes``).
    assert out.path == "columnar"
    assert (out.result.created, out.result.updated, out.result.unchanged) == (30, 1, 9)


def test_a_dossier_of_a_unit_outside_the_officers_scope_is_refused_as_before(world, settings):
    make_catalogue()
    objs = rich_file(40)
    for obj in objs:
        obj["DonViXuLy"] = "P1"
    objs[12]["DonViXuLy"] = "P2"
    settings.CCHC_IMPORT_COLUMNAR_MIN_ROWS = 1
    out = import_bytes(as_csv(objs), "hoso.csv", actor=world.users["one_stop"], as_of=AS_OF)
    assert out.path == "columnar"
    assert [(e.row, e.field) for e in out.errors] == [(14, "DonViXuLy")]
    assert not Dossier.objects.exists()
